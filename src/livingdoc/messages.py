"""The run as Cucumber Messages: the NDJSON stream Cucumber's own report tools read.

Teams feed existing dashboards (Cucumber's HTML formatter, report services,
their own tools) from Cucumber Messages. This module writes the joined document
in that protocol, one JSON envelope per line: ``meta``; per feature file its
``source``, ``gherkinDocument`` and ``pickle`` messages, produced by the official
Gherkin library itself (so ids, pickles and locations are what Cucumber makes);
a ``stepDefinition`` per catalogue entry; then ``testRunStarted``, a ``testCase``
per scenario run (per Examples row), its ``testCaseStarted``, ``testStepStarted``
/ ``testStepFinished`` per step (with the step's attachments, and a suggestion
for an undefined step), ``testCaseFinished``, and ``testRunFinished``.

pytest's notions map onto the protocol's: a step that never ran is SKIPPED; a
fixture that fails before or after the scenario is a failed BEFORE_TEST_CASE /
AFTER_TEST_CASE hook; captured output and metrics are log attachments.
"""

from __future__ import annotations

import json
import platform
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from gherkin.ast_builder import AstBuilder
from gherkin.errors import CompositeParserException, ParserError
from gherkin.parser import Parser
from gherkin.pickles.compiler import Compiler
from gherkin.stream.id_generator import IdGenerator

from .join import scenario_index
from .model import (
    FAILED,
    NOT_RUN,
    PASSED,
    SKIPPED,
    UNDEFINED,
    Attachment,
    Document,
    ScenarioResult,
    StepDefinition,
    StepResult,
)

#: The Cucumber Messages protocol version written (its JSON schema is what the suite checks).
PROTOCOL_VERSION = "34.2.1"
GHERKIN_MEDIA_TYPE = "text/x.cucumber.gherkin+plain"
LOG_MEDIA_TYPE = "text/x.cucumber.log+plain"
STATUSES = {
    PASSED: "PASSED",
    FAILED: "FAILED",
    SKIPPED: "SKIPPED",
    UNDEFINED: "UNDEFINED",
    NOT_RUN: "SKIPPED",
}
Envelope = dict[str, Any]


def timestamp(epoch: float) -> dict[str, int]:
    seconds = int(epoch)
    return {"seconds": seconds, "nanos": min(round((epoch - seconds) * 1e9), 999_999_999)}


def duration(seconds: float) -> dict[str, int]:
    return timestamp(max(0.0, seconds))


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "unknown"


def meta() -> Envelope:
    return {
        "meta": {
            "protocolVersion": PROTOCOL_VERSION,
            "implementation": {"name": "pytest-livingdoc", "version": _version("pytest-livingdoc")},
            "runtime": {
                "name": platform.python_implementation(),
                "version": platform.python_version(),
            },
            "os": {"name": platform.system() or "unknown", "version": platform.release()},
            "cpu": {"name": platform.machine() or "unknown"},
        }
    }


def _step_definition(definition: StepDefinition, ids: IdGenerator) -> Envelope:
    path, _, line = definition.location.rpartition(":")
    reference: dict[str, Any] = {"uri": path or definition.location}
    if line.isdigit():
        reference["location"] = {"line": int(line)}
    kind = "REGULAR_EXPRESSION" if definition.parser == "re" else "CUCUMBER_EXPRESSION"
    return {
        "stepDefinition": {
            "id": ids.get_next_id(),
            "pattern": {"source": definition.pattern, "type": kind},
            "sourceReference": reference,
        }
    }


def _node_lines(gherkin_document: dict[str, Any]) -> dict[str, int]:
    """The line of every scenario, step and Examples row, by its Gherkin node id."""
    lines: dict[str, int] = {}

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if "id" in node and "location" in node:
                lines[str(node["id"])] = int(node["location"]["line"])
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(gherkin_document.get("feature") or {})
    return lines


def _arguments(text: str, step: StepResult) -> list[dict[str, Any]]:
    """Where each of the step's phrase values is in its text, in order (those found)."""
    found, cursor = [], 0
    for value in step.arguments.values():
        start = text.find(value, cursor) if value else -1
        if start < 0:
            continue
        found.append({"group": {"start": start, "value": value, "children": []}})
        cursor = start + len(value)
    return found


def _snippet(keyword_type: str, text: str) -> str:
    decorator = {"Context": "given", "Action": "when", "Outcome": "then"}.get(keyword_type, "step")
    return (
        f"@{decorator}({json.dumps(text)})\ndef _():\n"
        f"    raise NotImplementedError({json.dumps(text)})"
    )


class _Writer:
    """Turns a joined document into the stream of envelopes, in protocol order."""

    def __init__(self, document: Document, rootdir: Path) -> None:
        self.document = document
        self.rootdir = rootdir
        self.ids = IdGenerator()
        self.index = scenario_index(document.features)
        self.lines: dict[str, dict[str, int]] = {}  # uri -> node id -> line
        self.definition_ids: dict[tuple[str, int, str], list[str]] = {}
        self.hooks: dict[str, str] = {}  # "setup" / "teardown" -> hook id

    def envelopes(self) -> Iterator[Envelope]:
        yield meta()
        pickles: list[dict[str, Any]] = []
        for feature in self.document.features:
            yield from self._source(feature.uri, pickles)
        for definition in self.document.step_definitions:
            envelope = _step_definition(definition, self.ids)
            for usage in definition.usages:
                key = (usage.uri, usage.line, usage.text)
                self.definition_ids.setdefault(key, []).append(envelope["stepDefinition"]["id"])
            yield envelope
        yield from self._hooks()
        run = self.document.run
        started = run.started if run is not None else 0.0
        run_id = self.ids.get_next_id()
        yield {"testRunStarted": {"id": run_id, "timestamp": timestamp(started)}}
        cases = [(p, r) for p in pickles for r in self._results(p)]
        planned = [self._test_case(pickle, result, run_id) for pickle, result in cases]
        for case in planned:
            yield {"testCase": case}
        for (pickle, result), case in zip(cases, planned, strict=True):
            yield from self._execution(pickle, result, case)
        finished = run.finished if run is not None and run.finished else started
        yield {
            "testRunFinished": {
                "testRunStartedId": run_id,
                "timestamp": timestamp(finished),
                "success": (run.exit_status == 0) if run is not None else True,
            }
        }

    def _source(self, uri: str, pickles: list[dict[str, Any]]) -> Iterator[Envelope]:
        path = self.rootdir / uri
        try:
            data = path.read_text(encoding="utf-8")
        except OSError:
            return
        yield {"source": {"uri": uri, "data": data, "mediaType": GHERKIN_MEDIA_TYPE}}
        try:
            gherkin_document = Parser(AstBuilder(self.ids)).parse(data)
        except (CompositeParserException, ParserError) as error:
            errors = getattr(error, "errors", [error])
            for item in errors:
                location = getattr(item, "location", None) or {"line": 1}
                yield {
                    "parseError": {
                        "source": {"uri": uri, "location": dict(location)},
                        "message": str(item),
                    }
                }
            return
        gherkin_document = {**gherkin_document, "uri": uri}
        yield {"gherkinDocument": gherkin_document}
        self.lines[uri] = _node_lines(gherkin_document)
        for pickle in Compiler(self.ids).compile(gherkin_document):
            pickles.append(pickle)
            yield {"pickle": pickle}

    def _hooks(self) -> Iterator[Envelope]:
        """A hook per pytest phase around the steps, when some scenario failed in it."""
        phases = {
            result.failed_in
            for feature in self.document.features
            for scenario in feature.all_scenarios()
            for result in scenario.results()
            if result.failed_in
        }
        for phase, kind in (("setup", "BEFORE_TEST_CASE"), ("teardown", "AFTER_TEST_CASE")):
            if phase in phases:
                self.hooks[phase] = self.ids.get_next_id()
                yield {
                    "hook": {
                        "id": self.hooks[phase],
                        "name": f"pytest fixtures ({phase})",
                        "type": kind,
                        "sourceReference": {},
                    }
                }

    def _results(self, pickle: dict[str, Any]) -> list[ScenarioResult]:
        """What the run did to this pickle: its scenario's result, or its row's."""
        lines = self.lines[pickle["uri"]]
        node_ids = pickle["astNodeIds"]
        found = self.index.get((pickle["uri"], lines.get(node_ids[0], -1)))
        if found is None:
            return []
        scenario = found[2]
        if len(node_ids) < 2:
            return [scenario.result] if scenario.result is not None else []
        row_line = lines.get(node_ids[-1])
        for table in scenario.examples:
            for row in table.rows:
                if row.line == row_line and row.result is not None:
                    return [row.result]
        return []

    def _result_step(self, pickle: dict[str, Any], step: dict[str, Any], result: ScenarioResult):
        line = self.lines[pickle["uri"]].get(step["astNodeIds"][0])
        return next((s for s in result.steps if s.line == line), None), line

    def _test_case(
        self, pickle: dict[str, Any], result: ScenarioResult, run_id: str
    ) -> dict[str, Any]:
        steps: list[dict[str, Any]] = []
        if result.failed_in == "setup":
            steps.append({"id": self.ids.get_next_id(), "hookId": self.hooks["setup"]})
        for pickle_step in pickle["steps"]:
            done, line = self._result_step(pickle, pickle_step, result)
            definitions = self.definition_ids.get((pickle["uri"], line or 0, pickle_step["text"]))
            if done is not None and done.status == UNDEFINED:
                definitions = []
            arguments = _arguments(pickle_step["text"], done) if done is not None else []
            steps.append(
                {
                    "id": self.ids.get_next_id(),
                    "pickleStepId": pickle_step["id"],
                    "stepDefinitionIds": list(definitions or []),
                    "stepMatchArgumentsLists": [
                        {"stepMatchArguments": arguments} for _ in definitions or []
                    ],
                }
            )
        if result.failed_in == "teardown":
            steps.append({"id": self.ids.get_next_id(), "hookId": self.hooks["teardown"]})
        return {
            "id": self.ids.get_next_id(),
            "pickleId": pickle["id"],
            "testSteps": steps,
            "testRunStartedId": run_id,
        }

    def _attachment(
        self, started_id: str, step_id: str | None, item: Attachment, when: float
    ) -> Envelope:
        image = item.kind == "image"
        body: dict[str, Any] = {
            "testCaseStartedId": started_id,
            "body": item.data,
            "contentEncoding": "BASE64" if image else "IDENTITY",
            "mediaType": "image/png" if image else "text/plain",
            "fileName": item.title,
            "timestamp": timestamp(when),
        }
        if step_id is not None:
            body["testStepId"] = step_id
        return {"attachment": body}

    def _log(self, started_id: str, step_id: str | None, text: str, when: float) -> Envelope:
        body: dict[str, Any] = {
            "testCaseStartedId": started_id,
            "body": text,
            "contentEncoding": "IDENTITY",
            "mediaType": LOG_MEDIA_TYPE,
            "timestamp": timestamp(when),
        }
        if step_id is not None:
            body["testStepId"] = step_id
        return {"attachment": body}

    def _execution(
        self, pickle: dict[str, Any], result: ScenarioResult, case: dict[str, Any]
    ) -> Iterator[Envelope]:
        started_id = self.ids.get_next_id()
        clock = result.started or (self.document.run.started if self.document.run else 0.0)
        yield {
            "testCaseStarted": {
                "id": started_id,
                "testCaseId": case["id"],
                "timestamp": timestamp(clock),
                "attempt": 0,
            }
        }
        pickle_steps = iter(pickle["steps"])
        for test_step in case["testSteps"]:
            if "hookId" in test_step:
                phase = "setup" if test_step["hookId"] == self.hooks.get("setup") else "teardown"
                yield from self._hook_step(started_id, test_step["id"], result, phase, clock)
                continue
            pickle_step = next(pickle_steps)
            done, line = self._result_step(pickle, pickle_step, result)
            clock = max(clock, done.started) if done is not None and done.started else clock
            yield {
                "testStepStarted": {
                    "testCaseStartedId": started_id,
                    "testStepId": test_step["id"],
                    "timestamp": timestamp(clock),
                }
            }
            status = done.status if done is not None else NOT_RUN
            if status == UNDEFINED:
                yield {
                    "suggestion": {
                        "id": self.ids.get_next_id(),
                        "pickleStepId": pickle_step["id"],
                        "snippets": [
                            {
                                "language": "python",
                                "code": _snippet(pickle_step.get("type", ""), pickle_step["text"]),
                            }
                        ],
                    }
                }
            for item in result.attachments if done is not None else []:
                if item.step_line == line:
                    yield self._attachment(started_id, test_step["id"], item, clock)
            for metric in result.metrics if done is not None else []:
                if metric.step_line == line:
                    text = f"{metric.name}: {metric.value:g} {metric.unit}".rstrip()
                    yield self._log(started_id, test_step["id"], text, clock)
            took = done.duration if done is not None else 0.0
            clock += took
            yield {
                "testStepFinished": {
                    "testCaseStartedId": started_id,
                    "testStepId": test_step["id"],
                    "testStepResult": self._step_result(done, result, status, took),
                    "timestamp": timestamp(clock),
                }
            }
        for output in result.output:
            text = f"[{output.stream} during {output.phase}]\n{output.text}"
            yield self._log(started_id, None, text, clock)
        finished = max(clock, result.finished)
        yield {
            "testCaseFinished": {
                "testCaseStartedId": started_id,
                "timestamp": timestamp(finished),
                "willBeRetried": False,
            }
        }

    def _step_result(
        self, done: StepResult | None, result: ScenarioResult, status: str, took: float
    ) -> dict[str, Any]:
        shown = status
        if result.status == SKIPPED and status in (NOT_RUN, SKIPPED):
            shown = SKIPPED
        body: dict[str, Any] = {"status": STATUSES[shown], "duration": duration(took)}
        if done is not None and done.message:
            body["message"] = done.message
        elif result.status == SKIPPED and result.message:
            body["message"] = result.message  # why the whole scenario was skipped
        if status == FAILED and done is not None:
            kind, _, message = done.message.partition(": ")
            body["exception"] = {
                "type": kind if message else "Error",
                "message": message or done.message,
                "stackTrace": result.details,
            }
        return body

    def _hook_step(
        self, started_id: str, step_id: str, result: ScenarioResult, phase: str, clock: float
    ) -> Iterator[Envelope]:
        yield {
            "testStepStarted": {
                "testCaseStartedId": started_id,
                "testStepId": step_id,
                "timestamp": timestamp(clock),
            }
        }
        yield {
            "testStepFinished": {
                "testCaseStartedId": started_id,
                "testStepId": step_id,
                "testStepResult": {
                    "status": "FAILED",
                    "duration": duration(0.0),
                    "message": result.message,
                    "exception": {
                        "type": "pytest fixture error",
                        "message": result.message,
                        "stackTrace": result.details,
                    },
                },
                "timestamp": timestamp(clock),
            }
        }


def messages(document: Document, rootdir: Path) -> Iterator[Envelope]:
    """Every envelope of the run, in the order Cucumber's tools expect them."""
    return _Writer(document, Path(rootdir)).envelopes()


def write_messages(document: Document, rootdir: Path, path: Path) -> None:
    """Write the stream as NDJSON (one envelope per line), creating folders as needed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as stream:
        for envelope in messages(document, rootdir):
            stream.write(json.dumps(envelope, ensure_ascii=False, separators=(",", ":")) + "\n")
