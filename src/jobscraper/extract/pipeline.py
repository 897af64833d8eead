"""One page -> postings: everything exact first, else the model route (``Extractor``).

This is the single code path behind a scrape and ``jobscraper extract``: structured
data, a hiring platform's page structure and the posting's text cost nothing and are
exact (:mod:`.reading`), so a page reaches the ``Extractor`` only when none of them
found a posting title. A listing page gives its job cards as stubs instead (and never
a model call). Whatever the route, postings leave here normalised, with their page's
address, site and company filled in and each field's source recorded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from jobscraper.config import Settings
from jobscraper.extract.base import (
    ExtractionOutcome,
    ExtractionStatus,
    Extractor,
    NeedsModelExtractor,
    PageContent,
)
from jobscraper.extract.llm import build_extractor, structured_call
from jobscraper.extract.normalize import (
    clean_text,
    detect_remote,
    normalize_employment_type,
    order_range,
)
from jobscraper.extract.provenance import sourced
from jobscraper.extract.readable import unreadable_reason
from jobscraper.extract.reading import PageReading, read_page
from jobscraper.models import FieldSource, PostingData
from jobscraper.sources.platforms import Recognition

log = logging.getLogger(__name__)


@dataclass
class PageResult:
    """Postings from one page and how they were obtained."""

    postings: list[PostingData] = field(default_factory=list)
    # A listing's job cards (title, address, location where shown): followed by a scrape,
    # printed by ``extract``; never stored on their own.
    stubs: list[PostingData] = field(default_factory=list)
    recognition: Recognition | None = None  # the hiring platform, and how it was known
    handed_to_model: int = 0
    statuses: list[ExtractionStatus] = field(default_factory=list)
    reason: str | None = None


def default_extractor(settings: Settings, store: Any = None) -> Extractor:
    """The model route (``jobscraper.extract.llm``), unless it is switched off.

    ``settings.model_extraction = False`` switches the model route off: pages
    without structured data are then reported as "needs model". ``store``
    records the model calls (``ModelCall`` rows).
    """
    if not settings.model_extraction:
        return NeedsModelExtractor()
    return build_extractor(settings, store)


def finish_posting(posting: PostingData, page: PageContent) -> PostingData:
    """Fill what the page knows (address, site, company) and normalise free text."""
    updates: dict[str, object] = {}
    if not posting.url or not urlsplit(posting.url).scheme:
        updates["url"] = page.url
    if not posting.site:
        address = str(updates.get("url", posting.url))
        updates["site"] = page.site or urlsplit(address).hostname or urlsplit(page.url).hostname
    if not posting.company and page.company_hint:
        # The hint is the site's name (og:site_name) or the company its listing named.
        updates["company"] = page.company_hint
        updates["field_sources"] = {**posting.field_sources, "company": FieldSource.STRUCTURED}
    for name in ("company", "location"):
        value = getattr(posting, name)
        if value is not None:
            updates[name] = clean_text(value)
    if posting.remote not in (None, "remote", "hybrid", "on-site"):
        updates["remote"] = detect_remote(posting.remote)
    if posting.employment_type:
        updates["employment_type"] = normalize_employment_type(posting.employment_type)
    low, high = order_range(posting.salary_min, posting.salary_max)
    if (low, high) != (posting.salary_min, posting.salary_max):
        updates["salary_min"], updates["salary_max"] = low, high
    return posting.model_copy(update=updates) if updates else posting


def structured_recorder(
    settings: Settings, store: Any
) -> Callable[[Sequence[tuple[str, str | None]]], None] | None:
    """Records "structured data, no model needed" for pages (``(url, run_id)`` pairs), as
    the model route's ``ModelCall`` rows do for model calls (so the local-processing rate
    counts structured pages): one transaction for a source's pages, not one per page.
    None when there is no store."""
    if store is None:
        return None

    def record(pages: Sequence[tuple[str, str | None]]) -> None:
        try:
            store.record_model_calls([structured_call(url, run_id, settings)
                                      for url, run_id in pages])
        except Exception:  # bookkeeping never loses a page's postings
            log.exception("could not record the structured route for %d page(s)", len(pages))

    return record


async def extract_page(
    page: PageContent,
    extractor: Extractor,
    *,
    run_id: str | None = None,
    reading: PageReading | None = None,
    on_structured: Callable[[str, str | None], None] | None = None,
    cards_allowed: bool = True,
) -> PageResult:
    """Postings on ``page``: read exactly, else whatever the extractor finds.

    ``reading``: the page read exactly already (:func:`.reading.read_page`), when the
    caller has it; ``cards_allowed=False`` for a page reached from a listing (a posting
    page: a list of other jobs on it does not keep it from the model).
    """
    if reading is None:
        reading = read_page(page, cards_allowed=cards_allowed)
    if reading.postings:
        if on_structured is not None:
            on_structured(page.url, run_id)
        return PageResult(postings=[finish_posting(p, page) for p in reading.postings],
                          recognition=reading.recognition)
    if reading.stubs:
        return PageResult(stubs=[finish_posting(p, page) for p in reading.stubs],
                          recognition=reading.recognition)
    unreadable = unreadable_reason(page.html, page.markdown)
    if unreadable:  # nothing a model could read: it would only invent a posting
        return PageResult(statuses=[ExtractionStatus.FAILED],
                          reason=f"{unreadable} ({page.url})",
                          recognition=reading.recognition)
    try:
        outcome: ExtractionOutcome = await extractor.extract(page, run_id=run_id)
    except Exception as exc:  # a broken model route must not lose the page silently
        log.warning("extractor failed on %s: %s", page.url, exc)
        return PageResult(
            handed_to_model=1,
            statuses=[ExtractionStatus.FAILED],
            reason=f"model extraction failed on {page.url}: {exc}",
            recognition=reading.recognition,
        )
    return PageResult(
        postings=[finish_posting(sourced(p, FieldSource.MODEL), page) for p in outcome.postings],
        recognition=reading.recognition,
        handed_to_model=1,
        statuses=[outcome.status],
        reason=outcome.reason,
    )
