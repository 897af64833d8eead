"""Normalisation of extracted values: salary, location, remote, text.

Only ``annualise`` lives here so far; salary-text parsing and remote detection
are added by the scraping work (issue 3).
"""

from __future__ import annotations

# Working-time factors used to compare salaries quoted per hour, day, week, month.
ANNUAL_FACTORS = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}


def annualise(
    salary_min: float | None, salary_max: float | None, interval: str | None
) -> tuple[float | None, float | None]:
    """Convert a salary range to a yearly range (hourly x 2080, monthly x 12)."""
    if interval is None:
        return None, None
    factor = ANNUAL_FACTORS.get(str(interval))
    if factor is None:
        return None, None
    return (
        salary_min * factor if salary_min is not None else None,
        salary_max * factor if salary_max is not None else None,
    )
