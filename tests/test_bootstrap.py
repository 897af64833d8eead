"""What the bootstrap (the Makefile) sets up is where a plain ``jobscraper`` command looks.

A newcomer runs ``make test`` and then the README's ``.venv/bin/jobscraper ...``
commands in a fresh shell: whatever the Makefile builds for them (the tiny
models) must be found without any variable exported. The check asks the
Makefile's own environment (an extra target evaluated by ``make``, no
prerequisites run, nothing installed) and a plain environment the same
question, and compares the answers.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TINY_MODELS_DIR = (
    "from jobscraper.config import load_settings; print(load_settings().tiny_models_dir)"
)


def _plain_environment(home: Path) -> dict[str, str]:
    """A newcomer's shell: no JOBSCRAPER_* variable, a home folder of their own."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOBSCRAPER_")}
    env["HOME"] = str(home)
    return env


def _in_makefile_environment(code: str, env: dict[str, str]) -> str:
    """Run Python ``code`` with the variables the Makefile exports to its recipes."""
    probe = f"probe:\n\t@{sys.executable} -c '{code}'\n"
    result = subprocess.run(
        ["make", "--no-print-directory", "-s", "-f", "Makefile", "-f", "-", "probe"],
        input=probe, capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")
def test_the_bootstrap_builds_the_tiny_models_where_a_plain_command_looks(tmp_path: Path) -> None:
    env = _plain_environment(tmp_path)
    plain = subprocess.run(
        [sys.executable, "-c", TINY_MODELS_DIR], capture_output=True, text=True, cwd=tmp_path,
        env=env, timeout=120, check=True,
    ).stdout.strip()
    assert plain == str(tmp_path / ".jobscraper" / "models")
    assert _in_makefile_environment(TINY_MODELS_DIR, env) == plain
