"""Helpers of the scraping vocabulary: companies and boards named in plain words.

Not a step module (the leading underscore keeps it out of the plugin list), so
``sources.py`` and ``scraping.py`` can both import it.
"""

from __future__ import annotations

import re
from typing import Any

from steps.common.context import ScenarioContext
from steps.harness.fake_internet import SITES, SiteInfo

BOARD_NAMES = {"linkedin": "linkedin", "indeed": "indeed", "ziprecruiter": "zip_recruiter",
               "glassdoor": "glassdoor", "google": "google"}


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def site_of(company: str) -> SiteInfo:
    """The fixture site of a company named in plain words."""
    slug = _slug(company)
    for host, info in SITES.items():
        if slug and (slug in host or _slug(info.company).startswith(slug)):
            return info
    raise AssertionError(
        f"no fixture career site for {company!r}; sites: "
        f"{sorted(h for h, i in SITES.items() if i.company)}"
    )


def boards(words: str) -> list[str]:
    """"LinkedIn and Indeed" -> ["linkedin", "indeed"]."""
    names = [w for w in re.split(r",\s*|\s+and\s+|\s+", words.strip()) if w]
    try:
        return [BOARD_NAMES[n.lower()] for n in names]
    except KeyError as exc:
        raise AssertionError(f"unknown job board {exc.args[0]!r}; known: {sorted(BOARD_NAMES)}") \
            from None


def sources(scenario: ScenarioContext) -> list[Any]:
    return scenario.values.setdefault("sources", [])
