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
import time
import traceback
from dataclasses import asdict, dataclass, field
from typing import Any

import pytest

from .model import (
    FAILED,
    NOT_RUN,
    PASSED,
    SKIPPED,
    UNDEFINED,
    Attachment,
    DocString,
    Metric,
    StepResult,
)

#: Longest failure details kept per scenario: enough for a traceback, not a log dump.
MAX_DETAILS = 20_000


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

    def finish_step(self, step: object, status: str, message: str = "") -> None:
        """Close the step with its outcome; a lookup error arrives without a start."""
        index = self._index(step)
        if index is None:
            return
        result = self.steps[index]
        result.status = status
        result.message = message
        if self.current == index:
            result.duration = time.perf_counter() - self.started
            self.current = None

    def interrupt(self, status: str, message: str) -> None:
        """A step that started but never finished (``pytest.skip`` inside it, say)."""
        if self.current is None:
            return
        result = self.steps[self.current]
        result.status = status
        result.message = message
        result.duration = time.perf_counter() - self.started
        self.current = None

    @property
    def current_line(self) -> int | None:
        return self.steps[self.current].line if self.current is not None else None


def describe_exception(exception: BaseException) -> str:
    """The one-paragraph message a reader needs: type and text, no traceback."""
    return "".join(traceback.format_exception_only(type(exception), exception)).strip()


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
    key: dict[str, Any], report: pytest.TestReport, recording: Recording | None
) -> dict[str, Any]:
    """Everything the controller needs about one phase of one scenario, as plain data."""
    reason = skip_reason(report) if report.skipped else ""
    payload: dict[str, Any] = {
        **key,
        "nodeid": report.nodeid,
        "when": report.when,
        "outcome": report.outcome,
        "duration": report.duration,
        "reason": reason,
        "message": crash_message(report) if report.failed else "",
        "details": report.longreprtext[:MAX_DETAILS] if report.failed else "",
    }
    if recording is not None:
        if report.when == "call" and recording.current is not None:
            if report.skipped:
                recording.interrupt(SKIPPED, reason)
            elif report.failed:
                recording.interrupt(FAILED, payload["message"])
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
    "describe_exception",
    "phase_payload",
]
