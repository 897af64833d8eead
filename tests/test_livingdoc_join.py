"""livingdoc.join: results find their scenario or Examples row by file, line and row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from livingdoc.gherkin_reader import read_feature
from livingdoc.join import join_results, render

FEATURE = """Feature: F
  Background:
    Given a start

  Scenario: Plain
    When it runs

  Scenario Outline: Rows
    When it runs with <n>

    Examples:
      | n |
      | 1 |

    Examples:
      | n |
      | 2 |
"""


def payload(nodeid: str, line: int, row: int | None, outcome: str, **extra: Any) -> dict[str, Any]:
    return {
        "uri": "f.feature",
        "line": line,
        "row": row,
        "nodeid": nodeid,
        "when": "call",
        "outcome": outcome,
        "duration": 0.1,
        "reason": "",
        "message": "",
        "details": "",
        **extra,
    }


def feature(tmp_path: Path) -> Any:
    path = tmp_path / "f.feature"
    path.write_text(FEATURE, encoding="utf-8")
    return read_feature(path, "f.feature", [])


def test_outline_rows_are_joined_by_their_index_across_examples_tables(tmp_path: Path) -> None:
    spec = feature(tmp_path)
    unplaced = join_results(
        [spec],
        {
            "a": [payload("a", 8, 0, "passed")],
            "b": [payload("b", 8, 1, "failed", message="boom")],
            "c": [payload("c", 99, None, "passed")],
        },
    )
    rows = [row for table in spec.scenarios[1].examples for row in table.rows]
    assert [row.status for row in rows] == ["passed", "failed"]
    assert spec.scenarios[1].status == "failed"
    assert spec.scenarios[0].status == "not run"
    assert unplaced == 1


def test_a_result_without_recorded_steps_gets_the_specs_steps(tmp_path: Path) -> None:
    spec = feature(tmp_path)
    skipped = payload("a", 8, 1, "skipped", reason="later")
    skipped["when"] = "setup"
    join_results([spec], {"a": [skipped]})
    row = spec.scenarios[1].examples[1].rows[0]
    assert [(s.text, s.status, s.background) for s in row.result.steps] == [
        ("a start", "skipped", True),
        ("it runs with 2", "skipped", False),
    ]


def test_the_same_scenario_run_twice_shows_the_worse_outcome(tmp_path: Path) -> None:
    spec = feature(tmp_path)
    join_results(
        [spec],
        {"a": [payload("a", 5, None, "failed")], "b": [payload("b", 5, None, "passed")]},
    )
    assert spec.scenarios[0].status == "failed"


def test_render_fills_known_placeholders_only() -> None:
    assert render("<a> and <b>", {"a": "1"}) == "1 and <b>"


def test_a_scenario_bound_by_two_test_modules_names_both_tests(tmp_path: Path) -> None:
    spec = feature(tmp_path)
    join_results(
        [spec],
        {
            "a.py::plain": [payload("a.py::plain", 5, None, "passed")],
            "b.py::plain": [payload("b.py::plain", 5, None, "failed")],
        },
    )
    result = spec.scenarios[0].result
    assert result is not None and result.status == "failed"
    assert result.test_ids == ["b.py::plain", "a.py::plain"]
