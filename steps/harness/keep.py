"""``--keep``: a failing scenario's data folder and worker logs outlive the run.

Everything a scenario writes to disk lives in its ``tmp_path``: the app's data
folder (SQLite database, caches) and the workers' logs. pytest keeps the
temporary folders of the last three runs (``tmp_path_retention_count``) under
a numbered folder nobody remembers; with ``--keep`` a failing scenario's folder
is copied, once every fixture is torn down (workers stopped, logs complete),
to ``.work/kept/<test>/``, and the failure report names that path. Without
``--keep`` nothing changes.
"""

from __future__ import annotations

import contextlib
import re
import shutil
from collections.abc import Generator
from pathlib import Path

import pytest

from steps.harness.environment import WORK_DIR
from steps.harness.options import SuiteOptions

KEPT_DIR = WORK_DIR / "kept"
_TMP_PATH = pytest.StashKey[Path]()
_FAILED = pytest.StashKey[bool]()


def kept_dir(item: pytest.Item) -> Path:
    """Where ``--keep`` puts a scenario's folder: one per test, the last failure's."""
    return KEPT_DIR / re.sub(r"[^\w.-]+", "_", item.nodeid).strip("_")[:150]


@pytest.hookimpl(wrapper=True)
def pytest_fixture_setup(
    fixturedef: pytest.FixtureDef[object], request: pytest.FixtureRequest
) -> Generator[None, object, object]:
    """Note each test's tmp_path as pytest creates it."""
    value = yield
    if fixturedef.argname == "tmp_path" and isinstance(value, Path):
        request.node.stash[_TMP_PATH] = value
    return value


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if not SuiteOptions.of(item.config).keep or _TMP_PATH not in item.stash:
        return report
    if report.failed and not item.stash.get(_FAILED, False):
        item.stash[_FAILED] = True
        report.sections.append(
            ("jobscraper --keep", f"worker logs and data folder kept in {kept_dir(item)}")
        )
    if report.when == "teardown" and item.stash.get(_FAILED, False):
        _keep(item.stash[_TMP_PATH], kept_dir(item))
    return report


def _keep(source: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    # copytree copies all it can before it raises: a socket it cannot copy loses nothing else
    with contextlib.suppress(shutil.Error):
        shutil.copytree(source, target, symlinks=True)
