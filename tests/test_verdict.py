"""The rule that judges a finished run."""

from jobscraper.models import Outcome, RunStatus, SourceOutcome
from jobscraper.runs.verdict import judge


def _outcome(source: str, outcome: Outcome, reason: str | None = None) -> SourceOutcome:
    return SourceOutcome(source, "career_page", outcome, reason)


def test_one_successful_source_completes_the_run() -> None:
    status, reason = judge(
        {"a": _outcome("a", Outcome.OK), "b": _outcome("b", Outcome.BLOCKED)}
    )
    assert (status, reason) == (RunStatus.COMPLETED, None)


def test_no_successful_source_fails_the_run_naming_each_problem() -> None:
    status, reason = judge(
        {"a": _outcome("a", Outcome.FAILED, "HTTP 500"), "b": _outcome("b", Outcome.BLOCKED)}
    )
    assert status == RunStatus.FAILED
    assert reason == "no source could be scraped: a: failed (HTTP 500); b: blocked"


def test_an_outcome_survives_the_round_trip_through_a_run_row() -> None:
    original = SourceOutcome(
        "https://careers.example.com/jobs", "career_page", Outcome.NEEDS_CLOUD, "too long",
        postings=3, new=2, routes={"structured": 2, "cloud": 1}, sites={"x": 1},
    )
    again = SourceOutcome.from_dict(original.to_dict())
    assert again == original
    assert again.cloud_postings == 1


def test_a_recorded_outcome_with_unknown_keys_is_still_read() -> None:
    data = {"outcome": "blocked", "reason": "captcha", "added_by_a_newer_version": True}
    again = SourceOutcome.from_dict(data, source="https://a.example/jobs")
    assert (again.source, again.outcome, again.reason) == (
        "https://a.example/jobs", Outcome.BLOCKED, "captcha")
