"""--keep: a failing test's temporary folder is copied and its path reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from steps.harness import keep

PLUGINS = ("-p", "steps.harness.options", "-p", "steps.harness.keep")
EXAMPLE = """
def test_writes_then_fails(tmp_path):
    (tmp_path / "workers").mkdir()
    (tmp_path / "workers" / "suite-worker-1.log").write_text("worker started")
    assert False, "the scenario failed"

def test_passes(tmp_path):
    (tmp_path / "note.txt").write_text("fine")
"""


@pytest.fixture
def kept(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "kept"
    monkeypatch.setattr(keep, "KEPT_DIR", folder)
    return folder


@pytest.fixture
def example(pytester: pytest.Pytester) -> pytest.Pytester:
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile(test_example=EXAMPLE)
    return pytester


def test_keep_copies_a_failing_tests_folder(example: pytest.Pytester, kept: Path) -> None:
    result = example.runpytest_inprocess(*PLUGINS, "--keep", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    copies = list(kept.iterdir())
    assert [c.name for c in copies] == ["test_example.py_test_writes_then_fails"]
    assert (copies[0] / "workers" / "suite-worker-1.log").read_text() == "worker started"
    result.stdout.fnmatch_lines([f"*worker logs and data folder kept in {copies[0]}*"])


def test_without_keep_nothing_is_copied(example: pytest.Pytester, kept: Path) -> None:
    result = example.runpytest_inprocess(*PLUGINS, "-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=1)
    assert not kept.exists()
    assert "kept in" not in result.stdout.str()
