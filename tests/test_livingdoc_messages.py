"""livingdoc.messages: the run as Cucumber Messages, checked with the official schema."""

from __future__ import annotations

from pathlib import Path

from livingdoc.document import DocumentBuilder
from livingdoc.messages import PROTOCOL_VERSION
from livingdoc.model import RunContext, StepDefinition, StepUsage
from steps.harness.cucumber_messages import MessagesFile

FEATURE = """Feature: Paying
  Background:
    Given a basket

  Scenario: By card
    When the customer pays by card

  Scenario Outline: By country
    When the customer in <country> pays

    Examples:
      | country |
      | France  |
      | Japan   |
"""


CARD = "the customer pays by card"


def payload(line: int, row: int | None, when: str, outcome: str, steps: list[dict]) -> dict:
    return {
        "uri": "features/paying.feature", "line": line, "row": row,
        "nodeid": f"t.py::s{line}[{row}]", "when": when, "outcome": outcome, "duration": 0.01,
        "reason": "", "message": "boom" if outcome == "failed" else "", "details": "trace",
        "failure": "broken" if outcome == "failed" else "", "output": [], "worker": "",
        "start": 100.0, "stop": 100.5, "steps": steps, "attachments": [], "metrics": [],
    }  # fmt: skip


def step(line: int, keyword: str, text: str, status: str, **extra: object) -> dict:
    return {"keyword": keyword, "text": text, "line": line, "status": status, **extra}


def write(tmp_path: Path) -> MessagesFile:
    features = tmp_path / "features"
    features.mkdir()
    (features / "paying.feature").write_text(FEATURE, encoding="utf-8")
    broken = "Feature: B\n  Scenario: x\n    Given a\n    this is no step\n"
    (features / "broken.feature").write_text(broken, encoding="utf-8")
    builder = DocumentBuilder(
        tmp_path, [features], tmp_path / "doc.html", messages_path=tmp_path / "run.ndjson"
    )
    background = step(3, "Given", "a basket", "passed", ran=True, duration=0.001, started=100.1)
    builder.add_payload(payload(5, None, "call", "passed", [
        background, step(6, "When", "the customer pays by card", "passed", ran=True),
    ]))
    for row, status in ((0, "passed"), (1, "failed")):
        builder.add_payload(payload(8, row, "setup", status, []))
    builder.add_payload(payload(8, 0, "call", "passed", [
        background, step(9, "When", "the customer in France pays", "undefined"),
    ]))  # fmt: skip
    builder.add_catalogue([
        StepDefinition("given", "a basket", "string", [], "", "", "steps.py:4",
                       usages=[StepUsage("features/paying.feature", 3, "a basket")]),
        StepDefinition("when", CARD, "string", [], "", "", "steps.py:9",
                       usages=[StepUsage("features/paying.feature", 6, CARD)]),
    ])  # fmt: skip
    builder.run = RunContext(started=99.0, finished=101.0, exit_status=1)
    builder.write()
    return MessagesFile.load(tmp_path / "run.ndjson")


def test_every_envelope_is_valid_against_the_official_schema(tmp_path: Path) -> None:
    stream = write(tmp_path)
    assert stream.schema_errors() == []
    assert stream.of("meta")[0]["protocolVersion"] == PROTOCOL_VERSION
    assert [e for e in stream.of("parseError")], "the unreadable file is reported"
    assert stream.of("testRunFinished")[0]["success"] is False


def test_each_scenario_run_is_a_test_case_with_cucumber_statuses(tmp_path: Path) -> None:
    stream = write(tmp_path)
    assert sorted(stream.test_case_statuses()) == [
        ("By card", "PASSED"),
        ("By country", "FAILED"),  # Japan: a fixture failed before its steps (a hook)
        ("By country", "UNDEFINED"),  # France
    ]
    hooks = stream.of("hook")
    assert [h["type"] for h in hooks] == ["BEFORE_TEST_CASE"]
    assert stream.steps_without_definition() == [
        "the customer in France pays",
        "the customer in Japan pays",
    ]
    assert len(stream.of("suggestion")) == 1  # a snippet for the undefined step
    assert [c["pickleId"] for c in stream.of("testCase")] == [
        p["id"] for p in stream.of("pickle")
    ]
