"""Record what happens to one pytest-bdd scenario while it runs.

pytest-bdd's hooks tell us about steps one by one; pytest's reports tell us about
the setup / call / teardown phases. A :class:`Recording` lives in the test item's
stash and collects both, then :func:`phase_payload` turns one phase into a plain,
JSON-ready dict that rides on the test report. Plain data is the point: under
pytest-xdist the report is serialised in the worker and rebuilt in the controller,
where the document is written.
"""

from __future__ import annotations

import base64
import os
import re
import time
import traceback
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from pytest_bdd.steps import step_function_context_registry

from .model import (
    ASSERTION,
    BROKEN,
    FAILED,
    NOT_RUN,
    PASSED,
    SKIPPED,
    UNDEFINED,
    Attachment,
    CapturedOutput,
    DocString,
    Metric,
    StepResult,
    Suggestion,
)

#: Longest failure details kept per scenario: enough for a traceback, not a log dump.
MAX_DETAILS = 20_000
#: Captured output kept per stream and phase: the start, and more of the end, where
#: the lines that explain a failure usually are.
OUTPUT_HEAD = 2_000
OUTPUT_TAIL = 6_000
#: Longest step argument shown (a phrase may carry a whole paragraph).
MAX_ARGUMENT = 300
_SECTION = re.compile(r"^Captured (stdout|stderr|log) (setup|call|teardown)$")
_PLAIN_VALUES = (str, int, float, Decimal, bool)


@dataclass
class Recording:
    """Everything observed about one test item that runs a scenario."""

    steps: list[StepResult] = field(default_factory=list)
    step_objects: list[object] = field(default_factory=list)
    current: int | None = None
    started: float = 0.0
    attachments: list[Attachment] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)

    def start_scenario(self, scenario: Any) -> None:
        """Lay out every step as "not run" so steps that never start still show."""
        self.step_objects = list(scenario.steps)
        self.steps = [
            StepResult(
                keyword=step.keyword,
                text=step.name,
                line=step.line_number,
                background=step.line_number < scenario.line_number,
                data_table=step.datatable.raw() if step.datatable is not None else None,
                doc_string=None if step.docstring is None else DocString(step.docstring),
            )
            for step in self.step_objects
        ]

    def _index(self, step: object) -> int | None:
        for index, candidate in enumerate(self.step_objects):
            if candidate is step:
                return index
        return None

    def start_step(self, step: object) -> None:
        self.current = self._index(step)
        self.started = time.perf_counter()
        if self.current is not None:
            self.steps[self.current].ran = True
            self.steps[self.current].started = time.time()

    def finish_step(
        self,
        step: object,
        status: str,
        message: str = "",
        *,
        arguments: dict[str, str] | None = None,
        failure: str = "",
        suggestions: list[Suggestion] | None = None,
    ) -> None:
        """Close the step with its outcome; a lookup error arrives without a start."""
        index = self._index(step)
        if index is None:
            return
        result = self.steps[index]
        result.status = status
        result.message = message
        result.failure = failure
        if arguments is not None:
            result.arguments = arguments
        if suggestions is not None:
            result.suggestions = suggestions
        if self.current == index:
            result.duration = time.perf_counter() - self.started
            self.current = None

    def interrupt(self, status: str, message: str, failure: str = "") -> None:
        """A step that started but never finished (``pytest.skip`` inside it, say)."""
        if self.current is None:
            return
        result = self.steps[self.current]
        result.status = status
        result.message = message
        result.failure = failure
        result.duration = time.perf_counter() - self.started
        self.current = None

    @property
    def current_line(self) -> int | None:
        return self.steps[self.current].line if self.current is not None else None


def describe_exception(exception: BaseException) -> str:
    """The one-paragraph message a reader needs: type and text, no traceback."""
    if isinstance(exception, pytest.FixtureLookupError) and exception.argname:
        return f"FixtureLookupError: fixture {exception.argname!r} not found"
    return "".join(traceback.format_exception_only(type(exception), exception)).strip()


def failure_kind(exception: BaseException | None) -> str:
    """ASSERTION when the product did not do what was checked, else BROKEN.

    An ``AssertionError`` or an explicit ``pytest.fail`` is a check that failed;
    anything else (an exception in a step, a missing fixture) means the suite could
    not check. pytest-timeout fails through ``pytest.fail("Timeout ...")``: broken.
    """
    if isinstance(exception, AssertionError):
        return ASSERTION
    if isinstance(exception, pytest.fail.Exception):
        return BROKEN if str(exception).startswith("Timeout") else ASSERTION
    return BROKEN


def shown_value(value: object) -> str:
    """A step argument as text: plain values as they read, others by their repr."""
    text = str(value) if isinstance(value, _PLAIN_VALUES) else repr(value)
    return text if len(text) <= MAX_ARGUMENT else text[: MAX_ARGUMENT - 1] + "…"


def phrase_arguments(
    step: Any, step_func: object, step_func_args: Mapping[str, object]
) -> dict[str, str]:
    """What the step's phrase gave each of its parameters, as the function received it.

    pytest-bdd passes the step function its parsed parameters *and* the fixtures it
    asks for in one mapping; only the names the phrase's parser yields are kept, so a
    fixture object (a database, a browser page) is never shown. A parameter the
    function does not take is shown as parsed (text).
    """
    for context in list(step_function_context_registry.values()):
        if context.step_func is not step_func or context.type not in (None, step.type):
            continue
        try:
            if not context.parser.is_matching(step.name):
                continue
            parsed = context.parser.parse_arguments(step.name) or {}
        except Exception:  # a user parser that raises must not break the report
            continue
        return {name: shown_value(step_func_args.get(name, raw)) for name, raw in parsed.items()}
    return {}


def _kept(stream: str, phase: str, text: str) -> CapturedOutput:
    """The text itself when short; else its start and end, counting what was cut."""
    if len(text) <= OUTPUT_HEAD + OUTPUT_TAIL:
        return CapturedOutput(stream, phase, text)
    cut = len(text) - OUTPUT_HEAD - OUTPUT_TAIL
    return CapturedOutput(stream, phase, text[:OUTPUT_HEAD] + "\n…\n" + text[-OUTPUT_TAIL:], cut)


def captured_output(report: pytest.TestReport) -> list[CapturedOutput]:
    """What pytest captured during this report's phase (stdout, stderr, log records).

    Each phase's report repeats the sections of the phases before it; only this
    phase's own are taken, so a scenario's output is the three phases' in order.
    """
    found = []
    for title, text in report.sections:
        match = _SECTION.match(title)
        if match is not None and match.group(2) == report.when and text:
            found.append(_kept(match.group(1), match.group(2), text))
    return found


class LivingDoc:
    """What the ``living_doc`` fixture gives step definitions: attach evidence.

    Everything attached lands under the scenario in the living documentation,
    next to the step that was running when it was attached.
    """

    def __init__(self, recording: Recording) -> None:
        self._recording = recording

    def attach_image(self, png_bytes: bytes, title: str = "Screenshot") -> None:
        """Attach a PNG image (a screenshot, a chart) to the running scenario."""
        if not isinstance(png_bytes, bytes | bytearray):
            raise TypeError("attach_image expects the PNG file's bytes")
        data = base64.b64encode(bytes(png_bytes)).decode("ascii")
        self._recording.attachments.append(
            Attachment("image", str(title), data, self._recording.current_line)
        )

    def attach_text(self, text: str, title: str = "Text") -> None:
        """Attach a piece of text (a log excerpt, a response body) to the scenario."""
        self._recording.attachments.append(
            Attachment("text", str(title), str(text), self._recording.current_line)
        )

    def metric(self, name: str, value: float, unit: str = "") -> None:
        """Record a measured number (a latency, a cost) shown under the scenario."""
        self._recording.metrics.append(
            Metric(str(name), float(value), str(unit), self._recording.current_line)
        )


def skip_reason(report: pytest.TestReport) -> str:
    """The human reason of a skipped report, without pytest's "Skipped: " prefix."""
    wasxfail = getattr(report, "wasxfail", None)
    if wasxfail is not None:
        return f"Expected to fail: {wasxfail}" if wasxfail else "Expected to fail"
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        reason = str(longrepr[2])
    else:
        reason = str(longrepr or "")
    return reason.removeprefix("Skipped: ").removeprefix("Skipped")


def crash_message(report: pytest.TestReport) -> str:
    """The short failure line of a failed report (its crash message)."""
    crash = getattr(report.longrepr, "reprcrash", None)
    if crash is not None and getattr(crash, "message", None):
        return str(crash.message)
    text = report.longreprtext.strip().splitlines()
    return text[-1] if text else "failed"


def phase_payload(
    key: dict[str, Any],
    report: pytest.TestReport,
    recording: Recording | None,
    exception: BaseException | None = None,
) -> dict[str, Any]:
    """Everything the controller needs about one phase of one scenario, as plain data.

    ``exception`` is the phase's exception, if any (it sorts a failure); an expected
    failure (xfail) keeps its traceback like a failure does.
    """
    reason = skip_reason(report) if report.skipped else ""
    keeps_traceback = report.failed or getattr(report, "wasxfail", None) is not None
    payload: dict[str, Any] = {
        **key,
        "nodeid": report.nodeid,
        "when": report.when,
        "outcome": report.outcome,
        "duration": report.duration,
        "reason": reason,
        "message": crash_message(report) if report.failed else "",
        "details": report.longreprtext[:MAX_DETAILS] if keeps_traceback else "",
        "failure": failure_kind(exception) if report.failed else "",
        "output": [asdict(o) for o in captured_output(report)],
        "worker": os.environ.get("PYTEST_XDIST_WORKER", ""),
        "start": float(getattr(report, "start", 0.0) or 0.0),
        "stop": float(getattr(report, "stop", 0.0) or 0.0),
    }
    if recording is not None:
        if report.when == "call" and recording.current is not None:
            if report.skipped:
                recording.interrupt(SKIPPED, reason)
            elif report.failed:
                recording.interrupt(FAILED, payload["message"], payload["failure"])
            else:
                recording.interrupt(PASSED, "")
        payload["steps"] = [asdict(step) for step in recording.steps]
        payload["attachments"] = [asdict(a) for a in recording.attachments]
        payload["metrics"] = [asdict(m) for m in recording.metrics]
    return payload


__all__ = [
    "FAILED",
    "NOT_RUN",
    "PASSED",
    "SKIPPED",
    "UNDEFINED",
    "LivingDoc",
    "Recording",
    "captured_output",
    "describe_exception",
    "failure_kind",
    "phase_payload",
    "phrase_arguments",
]
