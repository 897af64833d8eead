"""Companies and job boards named in plain words, matched to the fake internet's sites.

A helper of the scraping, runs and progress vocabularies, not a step module:
it lives in the harness so that every step module can import it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from steps.harness.fake_internet import SITES, FakeInternet, SiteInfo, company_info
from steps.harness.fake_internet.sites.companies import DOMAIN

BOARD_NAMES = {"linkedin": "linkedin", "indeed": "indeed", "ziprecruiter": "zip_recruiter",
               "glassdoor": "glassdoor", "google": "google"}


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


# "Example Company 03", "company 3", "company-03.example-jobs.test": a generated site.
_GENERATED = re.compile(rf"(?:example[- ])?company[- ]0*(\d+)(?:\.{re.escape(DOMAIN)})?")


def generated_company(company: str) -> int | None:
    """The number of a generated company site named in plain words, else None."""
    match = _GENERATED.fullmatch(" ".join(company.lower().split()))
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


def site_of(company: str) -> SiteInfo:
    """The fixture site of a company named in plain words (any case and spacing):
    a catalogue site ("ACME Robotics", "Shielded Corp") or a generated one
    ("Example Company 03")."""
    number = generated_company(company)
    if number is not None:
        return company_info(number)
    slug = _slug(company)
    for host, info in SITES.items():
        if slug and (slug in host or _slug(info.company).startswith(slug)):
            return info
    raise AssertionError(
        f"no fixture career site for {company!r}; sites: "
        f"{sorted(h for h, i in SITES.items() if i.company)} and the generated "
        f'"Example Company 01" ...'
    )


def site_at(url: str) -> SiteInfo | None:
    """The fixture site (catalogue or generated) serving ``url``, if any."""
    host = (urlsplit(url).hostname or "").lower()
    if host in SITES:
        return SITES[host]
    number = generated_company(host)
    return company_info(number) if number is not None else None


def serve(info: SiteInfo, fake_internet: FakeInternet) -> None:
    """Make sure the fake internet serves ``info`` (generated sites are added on demand)."""
    number = generated_company(info.host)
    if number is not None:
        fake_internet.add_company(number)


def boards(words: str) -> list[str]:
    """"LinkedIn and Indeed" -> ["linkedin", "indeed"]."""
    names = [w for w in re.split(r",\s*|\s+and\s+|\s+", words.strip()) if w]
    try:
        return [BOARD_NAMES[n.lower()] for n in names]
    except KeyError as exc:
        raise AssertionError(f"unknown job board {exc.args[0]!r}; known: {sorted(BOARD_NAMES)}") \
            from None
