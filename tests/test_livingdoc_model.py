"""livingdoc.model: statuses fold as a reader expects; the JSON export round-trips."""

from __future__ import annotations

from pathlib import Path

from livingdoc.gherkin_reader import read_feature
from livingdoc.join import join_results
from livingdoc.model import (
    CapturedOutput,
    Document,
    RunContext,
    ScenarioResult,
    StepResult,
    document_from_dict,
    worst_status,
)

FEATURE = """Feature: F
  Scenario: A
    Given x

  Scenario Outline: B
    Given <n>

    Examples:
      | n |
      | 1 |
      | 2 |
"""


def test_worst_status_lets_failures_dominate() -> None:
    assert worst_status(["passed", "failed", "skipped"]) == "failed"
    assert worst_status(["passed", "undefined"]) == "undefined"
    assert worst_status(["passed", "not run"]) == "passed"
    assert worst_status([]) == "not run"


def test_counts_treat_each_outline_row_as_a_scenario_and_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "f.feature"
    path.write_text(FEATURE, encoding="utf-8")
    feature = read_feature(path, "f.feature", [])
    payload = {
        "uri": "f.feature",
        "line": 5,
        "row": 1,
        "nodeid": "n",
        "when": "call",
        "outcome": "passed",
        "duration": 0.1,
        "reason": "",
        "message": "",
        "details": "",
        "steps": [{"keyword": "Given", "text": "2", "line": 6, "status": "passed"}],
        "attachments": [{"kind": "text", "title": "t", "data": "d", "step_line": 6}],
        "metrics": [{"name": "m", "value": 2.0, "unit": "s", "step_line": None}],
    }
    join_results([feature], {"n": [payload]})
    document = Document(title="T", generated_at="now", features=[feature])

    assert document.scenario_counts() == {
        "failed": 0,
        "undefined": 0,
        "skipped": 0,
        "passed": 1,
        "not run": 2,
    }
    data = document.to_dict()
    assert data["features"][0]["scenarios"][1]["status"] == "passed"
    again = document_from_dict(data)
    assert again.to_dict() == data


def test_a_run_context_and_captured_output_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "f.feature"
    path.write_text(FEATURE, encoding="utf-8")
    feature = read_feature(path, "f.feature", [])
    feature.scenarios[0].result = ScenarioResult(
        status="failed",
        failure="assertion",
        output=[CapturedOutput("stdout", "call", "paid", 0)],
        steps=[StepResult("Given", "x", 3, "failed", arguments={"n": "2"}, ran=True)],
        worker="gw0",
        also_run_by=["b.py::a"],
    )
    run = RunContext(started=1.0, finished=3.5, machine={"cores": "2"}, settings={"db": "sqlite"})
    document = Document(title="T", generated_at="now", features=[feature], run=run)

    data = document.to_dict()

    assert data["run"]["duration"] == 2.5 and data["failures"] == {"assertion": 1, "broken": 0}
    assert document_from_dict(data).to_dict() == data
