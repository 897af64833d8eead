"""A live career site on a known hiring platform, read from the platform's public feed.

One request (or a few, for paged feeds) gives every posting of the site, exactly and
without a model, instead of one page fetch per posting. The feed is fetched like any
page (:meth:`CareerCrawler.fetch_data`: guard, robots.txt, rate limit, proxy, CA).
Feeds that list jobs without their details (Workday) give job cards whose pages are
then read as usual. A feed that does not name the company (Lever, Ashby) takes it from
the career page itself, read once. When the feed fails, the caller reads the pages.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from jobscraper.extract.base import PageContent
from jobscraper.extract.metadata import page_metadata
from jobscraper.extract.provenance import fill, sourced
from jobscraper.extract.reading import read_page, with_text_fields
from jobscraper.models import FieldSource, PostingData, Route
from jobscraper.sources.crawler import CareerCrawler
from jobscraper.sources.http import FetchError, host_of
from jobscraper.sources.platforms.base import FeedRequest, PageContext, Platform
from jobscraper.sources.platforms.schema import FieldValues

log = logging.getLogger(__name__)

MAX_FEED_PAGES = 50  # a paged feed is read up to this many answers


class FeedUnreadable(FetchError):
    """The feed answered, but not in the shape its platform module reads."""


@dataclass
class FeedResult:
    """What a platform's feed gave for one career site."""

    platform: Platform
    postings: list[PostingData] = field(default_factory=list)
    cards: list[PostingData] = field(default_factory=list)  # addresses still to read
    requests: int = 0  # feed answers and pages fetched


async def read_feed(
    platform: Platform,
    request: FeedRequest,
    career_url: str,
    crawler: CareerCrawler,
    *,
    limit: int,
    should_cancel: Callable[[], bool] | None = None,
) -> FeedResult:
    """Every posting (or job card) the platform's feed lists for the career site at
    ``career_url``, at most ``limit``. Raises :class:`FetchError` when the feed cannot
    be read (the caller then reads the pages)."""
    result = FeedResult(platform)
    next_request: FeedRequest | None = request
    for _ in range(MAX_FEED_PAGES):
        if next_request is None or (should_cancel is not None and should_cancel()):
            break
        body = await crawler.fetch_data(next_request.url, method=next_request.method,
                                        json_body=next_request.json_body)
        result.requests += 1
        try:
            page = platform.feed_page(body, next_request)
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise FeedUnreadable(f"the {platform.name} feed at {next_request.url} could not "
                                 f"be read: {exc}") from exc
        result.postings.extend(_posting(values, FieldSource.PLATFORM)
                               for values in page.postings if _complete(values))
        result.cards.extend(_posting(values, FieldSource.PLATFORM)
                            for values in page.cards if _complete(values))
        if len(result.postings) + len(result.cards) >= limit:
            break
        next_request = page.next_request
    result.postings = result.postings[:limit]
    result.cards = result.cards[: max(0, limit - len(result.postings))]
    if any(posting.company is None for posting in (*result.postings, *result.cards)):
        company = await _company_of_site(platform, career_url, crawler, result)
        if company:
            result.postings = [fill(p, {"company": company}, FieldSource.PLATFORM)
                               for p in result.postings]
            result.cards = [fill(p, {"company": company}, FieldSource.PLATFORM)
                            for p in result.cards]
    return result


def _complete(values: FieldValues) -> bool:
    return bool(values.title and values.values.get("url"))


def _posting(values: FieldValues, source: FieldSource) -> PostingData:
    data: dict[str, Any] = {"route": Route.STRUCTURED, "site": host_of(values.values["url"]),
                            **values.values}
    return with_text_fields(sourced(PostingData.model_validate(data), source), None)


async def _company_of_site(platform: Platform, career_url: str, crawler: CareerCrawler,
                           result: FeedResult) -> str | None:
    """The company named by the career page itself (its app data, title or site name)."""
    try:
        page = await crawler.fetch(career_url)
    except FetchError as exc:
        log.info("no company name for the %s feed of %s: %s", platform.name, career_url, exc)
        return None
    result.requests += 1
    content = PageContent(url=page.final_url, html=page.html, site=host_of(page.final_url))
    reading = read_page(content)
    named = next((p.company for p in (*reading.postings, *reading.stubs) if p.company), None)
    if named:
        return named
    metadata = page_metadata(page.html, page.final_url)
    return platform.company(PageContext(page.final_url, page.html, metadata, []))
