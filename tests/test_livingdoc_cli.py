"""livingdoc.cli: the document from feature files alone, without a run."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from livingdoc.cli import main


def test_features_alone_give_a_document_where_nothing_has_run(tmp_path: Path) -> None:
    features = tmp_path / "features" / "billing"
    features.mkdir(parents=True)
    (features / "invoices.feature").write_text(
        "Feature: Invoices\n  Scenario: Sending\n    Given an invoice\n    When it is sent\n",
        encoding="utf-8",
    )
    output = tmp_path / "out" / "doc.html"

    code = main([str(tmp_path / "features"), "-o", str(output), "--rootdir", str(tmp_path)])

    assert code == 0
    model = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))
    assert model["summary"]["not run"] == 1 and model["run"] == {}
    assert model["features"][0]["capability"] == ["billing"]
    assert model["features"][0]["uri"] == "features/billing/invoices.feature"
    page = output.read_text(encoding="utf-8")
    assert "Features only" in page and "Step catalogue" in page


def test_a_missing_path_is_reported(tmp_path: Path) -> None:
    assert main([str(tmp_path / "nope"), "-o", str(tmp_path / "x.html")]) == 2


STEPS = '''
from pytest_bdd import given, parsers, scenarios, then

scenarios("features")


@given(parsers.parse("a basket with {count:d} books"))
def basket(count):
    """Books in the basket."""


@then("the payment is accepted")
def accepted():
    """The shop confirms."""
'''


def test_check_lists_undefined_steps_with_the_nearest_phrases(tmp_path: Path) -> None:
    (tmp_path / "test_shop.py").write_text(STEPS, encoding="utf-8")
    features = tmp_path / "features"
    features.mkdir()
    (features / "paying.feature").write_text(
        "Feature: Paying\n  Scenario: By card\n    Given a basket with 2 books\n"
        "    Then the payment is accepted\n",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.feature"
    draft.write_text(
        "Feature: Draft\n  Scenario: Typo\n    Given a basket of 3 book\n"
        "    Then the payment is accepted\n",
        encoding="utf-8",
    )
    run = subprocess.run(
        [sys.executable, "-m", "livingdoc", str(draft), "--steps", "test_shop.py", "--check"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 1, run.stdout + run.stderr
    assert "draft.feature:3: Given a basket of 3 book" in run.stdout
    assert "1. Given a basket with {count:d} books" in run.stdout
    assert "for example: a basket with 2 books   (features/paying.feature:3)" in run.stdout
    assert run.stdout.rstrip().endswith("1 undefined step.")

    fixed = subprocess.run(
        [sys.executable, "-m", "livingdoc", "features", "--steps", "test_shop.py", "--check"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "all 2 steps match" in fixed.stdout
