"""Job boards with python-jobspy: a query -> postings from each board (route ``board``).

``scrape_board_query`` runs JobSpy's ``scrape_jobs`` once per board of the
query, in worker threads (JobSpy is synchronous), through ``proxy_url`` and
with ``ca_bundle`` as its CA (``proxies=`` / ``ca_cert=``). Its DataFrame rows
become :class:`PostingData` with the board as ``site``.

Errors: JobSpy never raises for a failing board; it puts the message in
``df.attrs["errors"]``. Those become this source's errors: a board that
failed is reported with its message, transient ones (timeouts, 5xx,
connection resets) are retried (``source_retries``), and a board that answered
with a block page is reported as *blocked*.

A posting's address is JobSpy's ``job_url_direct`` (the employer's own page)
when it gives one, else the board's ``job_url``: the employer's page is the
identity the career-page route stores, so one job is one posting.

A search for remote jobs only asks each board for them (JobSpy's ``is_remote``); a
board whose scraper cannot (LinkedIn's guest search warns that it ignores it) has its
results filtered here instead, keeping the postings whose work arrangement is remote.

With ``board_job_details`` (on by default) each LinkedIn result's own job page
is read too (JobSpy's ``fetch_description``): its description, pay and
criteria, and the employer's apply link (see :mod:`jobscraper.sources.linkedin`,
which also sets LinkedIn's pause between result pages, ``linkedin_delay_s``).
That costs one more request per LinkedIn result; a page that cannot be read
leaves the result as the search listed it.
"""

from __future__ import annotations

import asyncio
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from jobscraper.config import Settings
from jobscraper.extract.normalize import (
    REMOTE,
    clean_text,
    detect_remote,
    normalize_employment_type,
    salary_from_fields,
)
from jobscraper.extract.provenance import sourced
from jobscraper.models import FieldSource, PostingData, Route
from jobscraper.sources.detect import BoardQuery
from jobscraper.sources.http import retrying
from jobscraper.sources.linkedin import linkedin_scraper

_TRANSIENT = re.compile(
    r"time(?:d)?\s*out|timeout|connection (?:reset|aborted|refused|error)|"
    r"remote end closed|temporarily|\b5\d\d\b|max retries",
    re.I,
)
_BLOCKED = re.compile(r"\b429\b|blocked|captcha|too many requests|\b999\b", re.I)


class BoardError(Exception):
    """One board of a query failed; ``str()`` is the reason."""

    retryable = False
    blocked = False


class TransientBoardError(BoardError):
    retryable = True


class BlockedBoardError(BoardError):
    blocked = True


@dataclass
class BoardResult:
    """What one board query produced, per board."""

    postings: list[PostingData] = field(default_factory=list)
    per_site: dict[str, int] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    blocked: dict[str, str] = field(default_factory=dict)


def _scrape_site(site: str, query: BoardQuery, settings: Settings) -> Any:
    """One synchronous JobSpy call for one board (run in a thread)."""
    from jobspy import scrape_jobs

    kwargs: dict[str, Any] = {
        "site_name": [site],
        "search_term": query.search_term,
        "location": query.location,
        "results_wanted": query.results_wanted or settings.board_results_wanted,
        "hours_old": query.hours_old,
        "is_remote": bool(query.is_remote),
        "proxies": [settings.proxy_url] if settings.proxy_url else None,
        "ca_cert": str(settings.ca_bundle) if settings.ca_bundle else None,
        "description_format": "markdown",
        "fetch_description": settings.board_job_details,
        "verbose": 0,
    }
    if site == "linkedin":
        with linkedin_scraper(settings.linkedin_delay_s):
            return scrape_jobs(**kwargs)
    return scrape_jobs(**kwargs)


def _ignored_remote(frame: Any, site: str) -> bool:
    """Whether the board's JobSpy scraper could not ask for remote jobs only (LinkedIn's
    guest search has no such filter: it warns "is_remote isn't supported, ignoring it").
    Its results are then filtered here, by the work arrangement each posting states."""
    warnings = ((frame.attrs or {}).get("warnings") or {}).get(site) or []
    return any("is_remote" in str(warning) for warning in warnings)


def _classify(site: str, message: str) -> BoardError:
    text = f"{site}: {message}"
    if _BLOCKED.search(message):
        return BlockedBoardError(text)
    if _TRANSIENT.search(message):
        return TransientBoardError(text)
    return BoardError(text)


async def _site_postings(site: str, query: BoardQuery, settings: Settings) -> list[PostingData]:
    async for attempt in retrying(settings):
        with attempt:
            try:
                frame = await asyncio.to_thread(_scrape_site, site, query, settings)
            except ValueError as exc:  # JobSpy's argument validation
                raise BoardError(f"{site}: {exc}") from exc
            errors = (frame.attrs or {}).get("errors") or {}
            if errors.get(site) and frame.empty:
                raise _classify(site, str(errors[site]))
            postings = [p for p in (posting_from_row(row) for row in _records(frame)) if p]
            if query.is_remote and _ignored_remote(frame, site):
                postings = [p for p in postings if p.remote == REMOTE]
            return postings
    raise AssertionError("unreachable")  # pragma: no cover


async def scrape_board_query(query: BoardQuery, settings: Settings) -> BoardResult:
    """Every board of ``query`` at once; one failing board never hides the others."""
    result = BoardResult()
    outcomes = await asyncio.gather(
        *(_site_postings(site, query, settings) for site in query.sites),
        return_exceptions=True,
    )
    seen: set[str] = set()
    for site, outcome in zip(query.sites, outcomes, strict=True):
        if isinstance(outcome, BlockedBoardError):
            result.blocked[site] = str(outcome)
            continue
        if isinstance(outcome, BaseException):
            if not isinstance(outcome, Exception):
                raise outcome
            result.errors[site] = str(outcome) if isinstance(outcome, BoardError) \
                else f"{site}: {type(outcome).__name__}: {outcome}"
            continue
        postings = outcome
        result.per_site[site] = len(postings)
        for posting in postings:
            if posting.canonical_url not in seen:
                seen.add(posting.canonical_url)
                result.postings.append(posting)
    return result


# --- DataFrame rows -> PostingData ------------------------------------------------


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value)) if not isinstance(value, list | tuple | dict) else False
    except (TypeError, ValueError):
        return False


def _records(frame: Any) -> list[dict[str, Any]]:
    if frame is None or frame.empty:
        return []
    return [
        {k: (None if _missing(v) else v) for k, v in row.items()}
        for row in frame.to_dict("records")
    ]


def _as_date(value: Any) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


BOARD_DOMAINS = ("linkedin.com", "indeed.com", "glassdoor.com", "ziprecruiter.com",
                 "google.com", "bayt.com", "naukri.com", "bdjobs.com", "hellowork.com")


def _is_board_host(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return any(host == d or host.endswith("." + d) for d in BOARD_DOMAINS)


def posting_from_row(row: dict[str, Any]) -> PostingData | None:
    """One JobSpy DataFrame row -> PostingData (route ``board``)."""
    title = clean_text(row.get("title"))
    url = clean_text(row.get("job_url"))
    direct = clean_text(row.get("job_url_direct"))
    if direct and urlsplit(direct).scheme in ("http", "https") and not _is_board_host(direct):
        # The employer's own page: the same identity the career-page route stores,
        # so a job found on a board and on the career site is stored once.
        url = direct
    if not title or not url:
        return None
    location = clean_text(row.get("location"))
    if row.get("is_remote") is True:
        remote = REMOTE
    else:
        remote = detect_remote(clean_text(row.get("work_from_home_type")), title, location)
    salary = salary_from_fields(
        row.get("min_amount"), row.get("max_amount"), row.get("currency"), row.get("interval")
    )
    skills_raw = row.get("skills")
    skills = [s.strip() for s in re.split(r",", skills_raw)] if isinstance(skills_raw, str) \
        else list(skills_raw or [])
    description = row.get("description")
    try:
        posting = PostingData(
            title=title[:300],
            company=clean_text(row.get("company")),
            location=location,
            remote=remote,
            employment_type=normalize_employment_type(row.get("job_type")),
            salary_min=salary.min,
            salary_max=salary.max,
            salary_currency=salary.currency,
            salary_interval=salary.interval,
            description=str(description).strip() if description else None,
            skills=[s for s in skills if s],
            url=url,
            site=clean_text(row.get("site")),
            posted_date=_as_date(row.get("date_posted")),
            route=Route.BOARD,
        )
    except ValidationError:
        return None
    # The board's own fields, as its API gives them.
    return sourced(posting, FieldSource.PLATFORM)
