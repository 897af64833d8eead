"""How a finished run is judged: one rule for background runs and foreground scrapes.

A run whose every source ended without success (blocked, failed, rejected,
needs model ...) failed, and its reason names each source's problem; a run
with at least one successful source completed (the others are listed in its
outcomes). Cancelled runs are judged before this rule is applied.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jobscraper.models import RunStatus

OK_OUTCOMES = frozenset({"ok"})


def unsuccessful(outcomes: Mapping[str, Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """The sources that did not end ok, with their outcome records."""
    return {s: o for s, o in outcomes.items() if o.get("outcome") not in OK_OUTCOMES}


def failure_reason(failures: Mapping[str, Mapping[str, Any]]) -> str:
    return "no source could be scraped: " + "; ".join(
        f"{s}: {o.get('outcome')}" + (f" ({o['reason']})" if o.get("reason") else "")
        for s, o in failures.items()
    )


def judge(outcomes: Mapping[str, Mapping[str, Any]]) -> tuple[RunStatus, str | None]:
    """(completed, None) or (failed, reason) for a run whose every source has ended."""
    failures = unsuccessful(outcomes)
    if outcomes and len(failures) == len(outcomes):
        return RunStatus.FAILED, failure_reason(failures)
    return RunStatus.COMPLETED, None
