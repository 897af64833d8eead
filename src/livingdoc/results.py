"""Fold the setup / call / teardown payloads of one test into one scenario result.

A reader does not care which pytest phase went wrong; they care whether the
behaviour holds. So a skip in setup (a ``skipif`` marker) makes the scenario
"skipped" with its reason, an undefined step makes it "undefined", and a failing
fixture teardown still makes it "failed", with the phase named in the message.
Those who keep the suite green also need to know *why* it failed: an assertion
(the product did not do what the scenario says) or broken (an exception, a
fixture before or after the scenario); the failing step says which.
"""

from __future__ import annotations

from typing import Any

from .model import (
    BROKEN,
    FAILED,
    NOT_RUN,
    PASSED,
    SKIPPED,
    UNDEFINED,
    Attachment,
    CapturedOutput,
    Metric,
    ScenarioResult,
    StepResult,
    worst_status,
)

PHASES = ("setup", "call", "teardown")


def _where_and_when(result: ScenarioResult, phases: list[dict[str, Any]]) -> None:
    """Which worker ran the test, from its setup's start to its teardown's end."""
    result.worker = next((p["worker"] for p in phases if p.get("worker")), "")
    starts = [p["start"] for p in phases if p.get("start")]
    stops = [p["stop"] for p in phases if p.get("stop")]
    result.started = min(starts, default=0.0)
    result.finished = max(stops, default=0.0)


def fold_phases(phases: list[dict[str, Any]]) -> ScenarioResult:
    """One :class:`ScenarioResult` from the payloads of one test item, in any order."""
    by_phase = {p["when"]: p for p in phases}
    recorded = [
        by_phase[w] for w in ("teardown", "call", "setup") if "steps" in by_phase.get(w, {})
    ]
    latest = recorded[0] if recorded else None
    result = ScenarioResult(nodeid=phases[0]["nodeid"] if phases else "")
    result.duration = sum(p.get("duration", 0.0) for p in phases)
    _where_and_when(result, phases)
    result.output = [
        CapturedOutput(**o) for w in PHASES for o in by_phase.get(w, {}).get("output", [])
    ]
    if latest is not None:
        result.steps = [StepResult.from_dict(s) for s in latest["steps"]]
        result.attachments = [Attachment(**a) for a in latest.get("attachments", [])]
        result.metrics = [Metric(**m) for m in latest.get("metrics", [])]

    setup, call, teardown = by_phase.get("setup"), by_phase.get("call"), by_phase.get("teardown")
    step_status = worst_status([s.status for s in result.steps if s.status != NOT_RUN])
    messages: list[str] = []
    details: list[str] = []

    if setup is not None and setup["outcome"] == FAILED:
        result.status = FAILED
        result.failure = BROKEN  # the scenario could not even start: the suite's problem
        result.failed_in = "setup"
        messages.append(f"Error before the scenario started: {setup['message']}")
        details.append(setup["details"])
    elif setup is not None and setup["outcome"] == SKIPPED:
        result.status = SKIPPED
        messages.append(setup["reason"])
        for step in result.steps:
            step.status = SKIPPED
    elif call is not None:
        if call["outcome"] == SKIPPED:
            result.status = SKIPPED
            messages.append(call["reason"])
            details.append(call.get("details", ""))  # an expected failure keeps its traceback
        elif call["outcome"] == FAILED:
            result.status = step_status if step_status in (FAILED, UNDEFINED) else FAILED
            failing = [s for s in result.steps if s.status in (FAILED, UNDEFINED)]
            messages.append(failing[0].message if failing else call["message"])
            details.append(call["details"])
            if result.status == FAILED:
                step_failure = failing[0].failure if failing else ""
                result.failure = step_failure or call.get("failure") or BROKEN
        else:
            result.status = PASSED

    if teardown is not None and teardown["outcome"] == FAILED:
        if result.status not in (FAILED, UNDEFINED):
            result.status = FAILED
            result.failure = BROKEN  # the behaviour held; cleaning up after it did not
        result.failed_in = result.failed_in or "teardown"
        messages.append(f"Error after the scenario finished: {teardown['message']}")
        details.append(teardown["details"])

    result.message = "\n".join(m for m in messages if m)
    result.details = "\n\n".join(d for d in details if d)
    return result
