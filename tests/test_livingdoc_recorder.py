"""livingdoc.recorder: evidence lands next to the running step; reports become plain data."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from livingdoc.recorder import LivingDoc, Recording, phase_payload


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
