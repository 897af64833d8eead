"""One page -> postings: schema.org data first, else the model route (``Extractor``).

This is the single code path behind a scrape and ``jobscraper extract``:
structured data costs nothing and is exact, so a page only reaches the
``Extractor`` when it has none. Whatever the route, postings leave here
normalised and with their page's address, site and company filled in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
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
from jobscraper.extract.structured import extract_structured
from jobscraper.models import PostingData

log = logging.getLogger(__name__)


@dataclass
class PageResult:
    """Postings from one page and how they were obtained."""

    postings: list[PostingData] = field(default_factory=list)
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
    if not posting.url or not urlsplit(posting.url).scheme.startswith("http"):
        updates["url"] = page.url
    if not posting.site:
        updates["site"] = page.site or urlsplit(page.url).hostname
    if not posting.company and page.company_hint:
        updates["company"] = page.company_hint
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


def structured_recorder(settings: Settings, store: Any) -> Callable[[str, str | None], None] | None:
    """Records "structured data, no model needed" for a page, as the model route's
    ``ModelCall`` rows do for model calls (so the local-processing rate counts
    structured pages). None when there is no store."""
    if store is None:
        return None

    def record(url: str, run_id: str | None) -> None:
        try:
            store.record_model_call(structured_call(url, run_id, settings))
        except Exception:  # bookkeeping never loses a page's postings
            log.exception("could not record the structured route for %s", url)

    return record


async def extract_page(
    page: PageContent,
    extractor: Extractor,
    *,
    run_id: str | None = None,
    structured: list[PostingData] | None = None,
    on_structured: Callable[[str, str | None], None] | None = None,
) -> PageResult:
    """Postings on ``page``: structured data, else whatever the extractor finds."""
    if structured is None:
        structured = extract_structured(page.html, page.url, company_hint=page.company_hint)
    if structured:
        if on_structured is not None:
            on_structured(page.url, run_id)
        return PageResult(postings=[finish_posting(p, page) for p in structured])
    try:
        outcome: ExtractionOutcome = await extractor.extract(page, run_id=run_id)
    except Exception as exc:  # a broken model route must not lose the page silently
        log.warning("extractor failed on %s: %s", page.url, exc)
        return PageResult(
            handed_to_model=1,
            statuses=[ExtractionStatus.FAILED],
            reason=f"model extraction failed on {page.url}: {exc}",
        )
    return PageResult(
        postings=[finish_posting(p, page) for p in outcome.postings],
        handed_to_model=1,
        statuses=[outcome.status],
        reason=outcome.reason,
    )
