"""livingdoc.recorder: evidence lands next to the running step; reports become plain data."""

from __future__ import annotations

import json
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from livingdoc.recorder import (
    MAX_ARGUMENT,
    OUTPUT_HEAD,
    OUTPUT_TAIL,
    LivingDoc,
    Recording,
    captured_output,
    failure_kind,
    phase_payload,
    shown_value,
)


def scenario_with_steps() -> SimpleNamespace:
    steps = [
        SimpleNamespace(keyword="Given", name="a", line_number=2, datatable=None, docstring=None),
        SimpleNamespace(keyword="When", name="b", line_number=5, datatable=None, docstring="doc"),
    ]
    return SimpleNamespace(steps=steps, line_number=4)


def test_attachments_and_metrics_point_at_the_running_step() -> None:
    scenario = scenario_with_steps()
    recording = Recording()
    recording.start_scenario(scenario)
    doc = LivingDoc(recording)
    recording.start_step(scenario.steps[1])
    doc.attach_image(b"\x89PNG", "shot")
    doc.metric("latency", 3, "ms")
    recording.finish_step(scenario.steps[1], "passed")
    doc.attach_text("after", "log")

    assert [(a.kind, a.step_line) for a in recording.attachments] == [("image", 5), ("text", None)]
    assert recording.metrics[0].value == 3.0 and recording.metrics[0].step_line == 5
    assert [(s.status, s.background) for s in recording.steps] == [
        ("not run", True),
        ("passed", False),
    ]
    with pytest.raises(TypeError):
        doc.attach_image("not bytes", "x")  # type: ignore[arg-type]


def test_a_skip_inside_a_step_marks_that_step_skipped_with_the_reason() -> None:
    scenario = scenario_with_steps()
    recording = Recording()
    recording.start_scenario(scenario)
    recording.start_step(scenario.steps[0])
    report = pytest.TestReport(
        "t.py::x", ("t.py", 1, "x"), {}, "skipped", ("t.py", 1, "Skipped: no network"), "call"
    )

    payload = phase_payload({"uri": "f", "line": 4, "row": None}, report, recording)

    assert payload["reason"] == "no network"
    assert [s["status"] for s in payload["steps"]] == ["skipped", "not run"]
    assert payload["steps"][1]["doc_string"] == {"content": "doc", "media_type": ""}
    json.dumps(payload)  # plain data: it must cross process boundaries


def test_assertions_are_told_apart_from_a_broken_suite() -> None:
    def raised(action: Any) -> BaseException:
        try:
            action()
        except BaseException as error:  # pytest.fail raises a BaseException
            return error
        raise AssertionError("nothing raised")

    assert failure_kind(AssertionError("total is 23.80")) == "assertion"
    assert failure_kind(raised(lambda: pytest.fail("the receipt is wrong"))) == "assertion"
    assert failure_kind(raised(lambda: pytest.fail("Timeout (>5.0s) from pytest-timeout."))) == (
        "broken"
    )
    assert failure_kind(ValueError("The card has expired")) == "broken"
    assert failure_kind(None) == "broken"


def test_captured_output_is_taken_per_phase_and_cut_in_the_middle() -> None:
    long_log = "a" * 5_000 + "b" * 10_000
    report = pytest.TestReport(
        "t.py::x",
        ("t.py", 1, "x"),
        {},
        "passed",
        None,
        "call",
        sections=[
            ("Captured stdout setup", "from setup\n"),  # repeated from the setup report
            ("Captured stdout call", "paid\n"),
            ("Captured log call", long_log),
            ("Captured stderr call", ""),
        ],
    )

    output = captured_output(report)

    assert [(o.stream, o.phase) for o in output] == [("stdout", "call"), ("log", "call")]
    assert output[0].text == "paid\n" and output[0].cut == 0
    kept = output[1]
    assert kept.cut == len(long_log) - OUTPUT_HEAD - OUTPUT_TAIL
    assert kept.text.startswith("a" * OUTPUT_HEAD) and kept.text.endswith("b" * OUTPUT_TAIL)


def test_an_expected_failure_keeps_its_traceback() -> None:
    report = pytest.TestReport(
        "t.py::x", ("t.py", 1, "x"), {}, "skipped", "Traceback: ValueError: boom", "call"
    )
    report.wasxfail = "not built yet"  # type: ignore[attr-defined]

    payload = phase_payload({"uri": "f", "line": 4, "row": None}, report, None)

    assert payload["reason"] == "Expected to fail: not built yet"
    assert "ValueError: boom" in payload["details"]


def test_step_arguments_are_shown_as_text_and_capped() -> None:
    assert shown_value("France") == "France"
    assert shown_value(2) == "2"
    assert shown_value(Decimal("23.80")) == "23.80"
    assert shown_value(["a", "b"]) == "['a', 'b']"
    assert len(shown_value("x" * 1_000)) == MAX_ARGUMENT
