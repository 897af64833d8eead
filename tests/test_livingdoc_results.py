"""livingdoc.results: pytest phases -> one scenario outcome a reader understands."""

from __future__ import annotations

from typing import Any

from livingdoc.results import fold_phases


def phase(when: str, outcome: str, **extra: Any) -> dict[str, Any]:
    base = {"nodeid": "t::x", "when": when, "outcome": outcome, "duration": 0.5, "reason": ""}
    return {**base, "message": "", "details": "", **extra}


def step(text: str, status: str, message: str = "") -> dict[str, Any]:
    return {"keyword": "Given", "text": text, "line": 3, "status": status, "message": message}


def test_a_skip_in_setup_makes_the_scenario_skipped_with_its_reason() -> None:
    result = fold_phases(
        [phase("setup", "skipped", reason="no real model"), phase("teardown", "passed")]
    )
    assert (result.status, result.message, result.duration) == ("skipped", "no real model", 1.0)


def test_a_failing_step_makes_the_scenario_failed_with_the_step_message() -> None:
    steps = [step("a", "passed"), step("b", "failed", "ValueError: boom"), step("c", "not run")]
    result = fold_phases(
        [phase("setup", "passed"), phase("call", "failed", steps=steps, message="x", details="tb")]
    )
    assert (result.status, result.message, result.details) == ("failed", "ValueError: boom", "tb")
    assert [s.status for s in result.steps] == ["passed", "failed", "not run"]


def test_an_undefined_step_makes_the_scenario_undefined() -> None:
    steps = [
        step("a", "passed"),
        step("b", "undefined", "No step definition"),
        step("c", "not run"),
    ]
    result = fold_phases([phase("call", "failed", steps=steps)])
    assert result.status == "undefined"


def test_a_failure_outside_the_steps_still_fails_the_scenario() -> None:
    steps = [step("a", "passed")]
    result = fold_phases(
        [
            phase("call", "passed", steps=steps),
            phase("teardown", "failed", message="RuntimeError: leak", steps=steps),
        ]
    )
    assert result.status == "failed"
    assert result.message == "Error after the scenario finished: RuntimeError: leak"


def test_a_setup_error_is_named_as_such() -> None:
    result = fold_phases([phase("setup", "failed", message="fixture 'db' not found")])
    assert result.status == "failed"
    assert result.message.startswith("Error before the scenario started")


def test_all_steps_passing_is_passed() -> None:
    result = fold_phases([phase("call", "passed", steps=[step("a", "passed")])])
    assert result.status == "passed" and result.message == ""


def test_a_failed_assertion_and_a_broken_step_are_sorted_apart() -> None:
    asserted = [step("a", "failed", "AssertionError: 23.80 != 24.00") | {"failure": "assertion"}]
    broken = [step("a", "failed", "KeyError: 'gateway'") | {"failure": "broken"}]

    def failed(steps: list[dict[str, Any]]) -> str:
        return fold_phases([phase("call", "failed", steps=steps, failure="broken")]).failure

    assert failed(asserted) == "assertion"
    assert failed(broken) == "broken"
    setup_error = fold_phases([phase("setup", "failed", message="fixture 'db' not found")])
    assert setup_error.failure == "broken"
    teardown_error = fold_phases(
        [phase("call", "passed", steps=[step("a", "passed")]), phase("teardown", "failed")]
    )
    assert teardown_error.failure == "broken"
    assert fold_phases([phase("call", "passed", steps=[step("a", "passed")])]).failure == ""


def test_output_worker_and_times_come_from_every_phase_in_order() -> None:
    def out(stream: str, when: str) -> dict[str, Any]:
        return {"stream": stream, "phase": when, "text": f"{stream} in {when}", "cut": 0}

    result = fold_phases(
        [
            phase("teardown", "passed", output=[out("log", "teardown")], start=12.0, stop=13.0),
            phase("call", "passed", output=[out("stdout", "call")], start=11.0, stop=12.0),
            phase("setup", "passed", worker="gw1", start=10.0, stop=11.0),
        ]
    )

    assert [o.text for o in result.output] == ["stdout in call", "log in teardown"]
    assert (result.worker, result.started, result.finished) == ("gw1", 10.0, 13.0)


def test_an_expected_failure_keeps_its_traceback() -> None:
    result = fold_phases(
        [phase("call", "skipped", reason="Expected to fail: later", details="Traceback ...")]
    )
    assert (result.status, result.details) == ("skipped", "Traceback ...")
