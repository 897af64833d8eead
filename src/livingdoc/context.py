"""The run's context: the machine, the library versions, what the suite reports.

Those who keep a suite green compare a failing run with a passing one: another
Python, another pytest-bdd, another database. So the document says what each run
had. The machine and the libraries are found here; the suite's own settings come
from the ``living_doc_context`` ini key and the ``pytest_livingdoc_context`` hook
(``hooks.py``), gathered by the plugin.
"""

from __future__ import annotations

import os
import platform
from collections.abc import Iterable, Mapping
from importlib.metadata import PackageNotFoundError, version

#: Always shown: the tools the document itself depends on.
CORE_LIBRARIES = ("pytest", "pytest-bdd", "gherkin-official", "pytest-livingdoc")
NOT_INSTALLED = "not installed"


def machine() -> dict[str, str]:
    """Cores, Python and platform of the process that writes the document."""
    return {
        "cores": str(os.cpu_count() or "unknown"),
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
    }


def library_versions(names: Iterable[str]) -> dict[str, str]:
    """Each distribution's installed version, in the order given, without repeats."""
    found: dict[str, str] = {}
    for name in dict.fromkeys(n.strip() for n in names):
        if not name:
            continue
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = NOT_INSTALLED
    return found


def parse_settings(lines: Iterable[str]) -> dict[str, str]:
    """``name: value`` (or ``name = value``) lines of an ini key, as pairs."""
    found: dict[str, str] = {}
    for line in lines:
        line = line.strip()
        if not line:
            continue
        cuts = [i for i in (line.find(":"), line.find("=")) if i > 0]
        if not cuts:
            found[line] = ""
            continue
        cut = min(cuts)
        found[line[:cut].strip()] = line[cut + 1 :].strip()
    return found


def merge_settings(sources: Iterable[Mapping[str, object] | None]) -> dict[str, str]:
    """Several name -> value mappings as one, values as text; a later one wins."""
    merged: dict[str, str] = {}
    for source in sources:
        for name, value in (source or {}).items():
            merged[str(name)] = str(value)
    return merged
