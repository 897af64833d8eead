"""The rule that judges a finished run."""

from jobscraper.models import RunStatus
from jobscraper.runs.verdict import judge


def test_one_successful_source_completes_the_run() -> None:
    status, reason = judge({"a": {"outcome": "ok"}, "b": {"outcome": "blocked"}})
    assert (status, reason) == (RunStatus.COMPLETED, None)


def test_no_successful_source_fails_the_run_naming_each_problem() -> None:
    status, reason = judge(
        {"a": {"outcome": "failed", "reason": "HTTP 500"}, "b": {"outcome": "blocked"}}
    )
    assert status == RunStatus.FAILED
    assert reason == "no source could be scraped: a: failed (HTTP 500); b: blocked"
