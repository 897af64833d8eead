"""livingdoc.cli: the document from feature files alone, without a run."""

from __future__ import annotations

import json
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
