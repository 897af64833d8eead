"""How a finished run is judged: one rule for background runs and foreground scrapes.

A run whose every source ended without success (blocked, failed, rejected,
needs model ...) failed, and its reason names each source's problem; a run
with at least one successful source completed (the others are listed in its
outcomes). Cancelled runs are judged before this rule is applied.
"""

from __future__ import annotations

from collections.abc import Mapping

from jobscraper.models import RunStatus, SourceOutcome


def unsuccessful(outcomes: Mapping[str, SourceOutcome]) -> dict[str, SourceOutcome]:
    """The sources that did not end ok, with their outcomes."""
    return {source: o for source, o in outcomes.items() if not o.ok}


def failure_reason(failures: Mapping[str, SourceOutcome]) -> str:
    return "no source could be scraped: " + "; ".join(
        f"{source}: {o.outcome.value}" + (f" ({o.reason})" if o.reason else "")
        for source, o in failures.items()
    )


def judge(outcomes: Mapping[str, SourceOutcome]) -> tuple[RunStatus, str | None]:
    """(completed, None) or (failed, reason) for a run whose every source has ended."""
    failures = unsuccessful(outcomes)
    if outcomes and len(failures) == len(outcomes):
        return RunStatus.FAILED, failure_reason(failures)
    return RunStatus.COMPLETED, None
