"""livingdoc.history: runs kept per folder, scenarios known across runs, what changed."""

from __future__ import annotations

import json
from pathlib import Path

from livingdoc.history import HistoryStore, RunRecord, attach_history, gherkin_lines, run_record
from livingdoc.html import render_html
from livingdoc.model import (
    CHANGED,
    NEW,
    Document,
    ExampleRow,
    Examples,
    Feature,
    Metric,
    RunContext,
    Scenario,
    ScenarioResult,
    Step,
)
from steps.harness.html_tree import parse_html


def scenario(name: str, line: int, text: str = "a basket", status: str = "passed") -> Scenario:
    return Scenario(
        id=f"f.feature:{line}",
        keyword="Scenario",
        name=name,
        description="",
        tags=[],
        line=line,
        steps=[Step("Given", "Context", "given", text, line + 1)],
        result=ScenarioResult(
            status=status, duration=0.5, metrics=[Metric("latency", float(line), "ms")]
        ),
    )


def document(started: float, *scenarios: Scenario) -> Document:
    feature = Feature("features/f.feature", [], "Feature", "F", "", [], "en", 1)
    feature.scenarios = list(scenarios)
    return Document("T", "now", [feature], run=RunContext(started=started, finished=started + 1))


def test_the_store_keeps_the_last_runs_and_ignores_what_is_not_a_run(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history", keep=2)
    (tmp_path / "history").mkdir()
    (tmp_path / "history" / "run-notes.json").write_text("not json", encoding="utf-8")
    for started in (100.0, 200.0, 300.0):
        store.save(run_record(document(started, scenario("A", 3))))
    assert [r.started for r in store.load()] == [200.0, 300.0]
    kept = sorted(p.name for p in (tmp_path / "history").iterdir())
    assert len(kept) == 3 and "run-notes.json" in kept  # a foreign file is left alone


def test_a_record_round_trips_through_json() -> None:
    record = run_record(document(100.0, scenario("A", 3)))
    again = RunRecord.from_dict(json.loads(json.dumps(record.to_dict())))
    assert again == record
    outcome = again.outcomes["features/f.feature :: A"]
    assert (outcome.status, outcome.metrics) == ("passed", {"latency": 3.0})
    assert outcome.units == {"latency": "ms"}


def test_new_and_changed_scenarios_are_marked_against_the_previous_run() -> None:
    before = run_record(document(100.0, scenario("A", 3), scenario("B", 6)))
    now = document(200.0, scenario("A", 3, "two baskets"), scenario("B", 9), scenario("C", 12))
    attach_history(now, [before], run_record(now))
    a, b, c = now.features[0].scenarios
    assert a.history is not None and a.history.mark == CHANGED
    assert a.history.before == ["Given a basket"] and a.history.now == ["Given two baskets"]
    assert b.history is not None and b.history.mark == ""  # moved down the file: same scenario
    assert [p.run for p in b.history.runs] == [1, 2]
    assert c.history is not None and c.history.mark == NEW and len(c.history.runs) == 1
    assert now.mark_counts() == {NEW: 1, CHANGED: 1}


def test_nothing_is_marked_on_the_first_run() -> None:
    now = document(100.0, scenario("A", 3))
    attach_history(now, [], run_record(now))
    assert now.features[0].scenarios[0].history.mark == ""


def test_examples_rows_have_their_own_runs_and_count_in_the_gherkin() -> None:
    outline = scenario("O", 3)
    outline.result = None
    outline.examples = [Examples("Examples", "", "", [], 5, ["n"], [
        ExampleRow(7, ["1"], ScenarioResult(status="passed", duration=0.1)),
        ExampleRow(8, ["2"], ScenarioResult(status="failed", duration=0.2)),
    ])]  # fmt: skip
    lines = ["Given a basket", "Examples:", "  | n |", "  | 1 |", "  | 2 |"]
    assert gherkin_lines(outline, []) == lines
    first = document(100.0, outline)
    record = run_record(first)
    assert record.outcomes["features/f.feature :: O :: 2"].status == "failed"
    attach_history(first, [record], run_record(first))
    rows = outline.examples[0].rows
    assert [p.status for p in rows[1].history.runs] == ["failed", "failed"]


def test_the_page_shows_runs_trends_and_the_changed_lines() -> None:
    before = run_record(document(100.0, scenario("A", 3, status="failed")))
    now = document(200.0, scenario("A", 3, "two baskets"))
    attach_history(now, [before], run_record(now))
    page = parse_html(render_html(now))
    block = page.first("details", "scenario")
    assert block is not None and block.attrs["data-mark"] == CHANGED
    summary = block.first("summary")
    assert summary is not None
    squares = [s.attrs["class"] for s in summary.all("span", "run-sq")]
    assert squares == ["run-sq st-failed", "run-sq st-passed"]
    charts = {t.attrs["data-metric"]: t.first("svg") for t in block.all("div", "trend")}
    assert set(charts) == {"duration", "latency"} and charts["latency"] is not None
    assert charts["latency"].attrs["data-points"] == "2"
    assert [d.clean_text() for d in block.all("del")] == ["Given a basket"]
    assert [i.clean_text() for i in block.all("ins")] == ["Given two baskets"]
    assert page.first("button", "chip") is not None and page.first("", "marks") is not None
