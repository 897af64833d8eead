"""``jobscraper docs --check FEATURE``: a feature file checked against our step definitions."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JOBSCRAPER = Path(sys.executable).with_name("jobscraper")


def _check(*features: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(JOBSCRAPER), "docs", *(f"--check={feature}" for feature in features)],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "COLUMNS": "200"},
    )  # fmt: skip


def test_a_draft_with_an_undefined_step_fails_naming_the_nearest_phrases(tmp_path: Path) -> None:
    """Checked with our own storage features (which all match): only the draft's step fails."""
    draft = tmp_path / "draft.feature"
    draft.write_text(
        "Feature: Draft\n"
        "  Scenario: A page seen twice\n"
        '    Given the career page at "https://jobs.example.com/careers"\n'
        "    When the user scrapes these source\n"
        "    Then 2 posting are stored\n",
        encoding="utf-8",
    )
    storage = sorted((ROOT / "features" / "storage").glob("*.feature"))
    run = _check(draft, ROOT / "features" / "storage")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "draft.feature:4: When the user scrapes these source" in run.stdout
    assert "1. When " in run.stdout and "scrapes these sources" in run.stdout
    assert run.stdout.count("No step definition matches this step.") == 1, run.stdout
    files = len(storage) + 1
    assert run.stdout.rstrip().endswith(f"{files} feature files checked: 1 undefined step.")
