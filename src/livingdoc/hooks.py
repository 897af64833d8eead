"""Hooks livingdoc adds to pytest: a suite tells the document what it ran with.

A suite has knobs the document cannot guess (a model profile, which database the
run used, a feature flag). Implement this hook in a ``conftest.py`` or a plugin;
mark it ``@pytest.hookimpl(optionalhook=True)`` if the suite may run without
livingdoc installed. Static values can go in the ``living_doc_context`` ini key
instead.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest


def pytest_livingdoc_context(config: pytest.Config) -> Mapping[str, object] | None:
    """Name -> value pairs shown under "Suite settings" in the run's context.

    Called once, where the document is written (the xdist controller, or the only
    process), after the run. Values are shown as text; every implementation's pairs
    are shown, in the order pytest calls them.
    """
