"""A career page as a source: listing page -> posting links -> posting pages -> postings.

A career site on a known hiring platform is read from the platform's public feed
instead (:mod:`.feeds`), and from its pages when the feed cannot be read. Fetching is
:mod:`.crawler`'s job, link choice :mod:`.links`' and the listing's job cards',
turning a page into postings :mod:`jobscraper.extract.pipeline`'s; this module runs
them in order.

Outcomes
    A bot challenge ("Just a moment...", captcha walls, HTTP 429) makes the source
    *blocked*, never "0 jobs". Pages without schema.org data go to the
    ``Extractor`` (the model route); with no model configured it answers "needs
    model" and the source says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from jobscraper.extract.base import ExtractionStatus, Extractor, PageContent
from jobscraper.extract.pipeline import PageResult, extract_page
from jobscraper.extract.reading import PageReading, read_page
from jobscraper.extract.structured import extract_structured, json_ld_blocks, listed_urls
from jobscraper.models import PostingData
from jobscraper.sources.crawler import CareerCrawler, Page
from jobscraper.sources.feeds import FeedResult, read_feed
from jobscraper.sources.guard import SourceRejected
from jobscraper.sources.http import (
    BlockedError,
    FetchError,
    PermanentFetchError,
    RobotsDisallowed,
    host_of,
)
from jobscraper.sources.links import posting_links
from jobscraper.sources.platforms import recognise
from jobscraper.urls import canonicalize_url


@dataclass
class CareerPageResult:
    """What one career source produced."""

    postings: list[PostingData] = field(default_factory=list)
    pages_fetched: int = 0
    pages_to_model: int = 0
    statuses: list[ExtractionStatus] = field(default_factory=list)
    rendered: bool = False
    errors: list[str] = field(default_factory=list)
    model_reasons: list[str] = field(default_factory=list)
    via: str | None = None  # the hiring platform whose feed gave the postings
    feed_problem: str | None = None  # why the platform's feed was not used


async def scrape_career_page(
    url: str,
    crawler: CareerCrawler,
    extractor: Extractor,
    *,
    run_id: str | None = None,
    should_cancel: Callable[[], bool] | None = None,
    on_structured: Callable[[str, str | None], None] | None = None,
) -> CareerPageResult:
    """Listing (or single posting) page -> postings. Raises FetchError for the listing."""
    settings = crawler.settings
    result = CareerPageResult()
    recognition = recognise(url)
    request = recognition.platform.feed_request(url) if recognition else None
    if recognition is not None and request is not None:
        try:
            feed = await read_feed(recognition.platform, request, url, crawler,
                                   limit=settings.max_jobs_per_company,
                                   should_cancel=should_cancel)
        except SourceRejected:
            raise
        except FetchError as exc:  # the feed is down, moved or disallowed: read the pages
            result.feed_problem = f"the {recognition.platform.name} feed failed ({exc})"
        else:
            return await _from_feed(feed, crawler, extractor, result, run_id, should_cancel,
                                    on_structured)
    render = crawler.wants_browser(url)
    listing = await crawler.fetch(url, render=render)
    result.pages_fetched += 1
    reading = _read(listing)
    if reading.empty and listing.app_shell and not listing.rendered:
        if not crawler.browser_available:
            raise PermanentFetchError(
                f"{url} is drawn by JavaScript and no Chromium was found "
                "(set JOBSCRAPER_BROWSER_EXECUTABLE)"
            )
        listing = await crawler.fetch(url, render=True)
        result.pages_fetched += 1
        reading = _read(listing)
    result.rendered = listing.rendered
    company_hint = (reading.postings[0].company if reading.postings else None) or \
        listing.site_name

    own = canonicalize_url(listing.final_url)
    if len(reading.postings) == 1 and reading.postings[0].canonical_url in (
            own, canonicalize_url(url)):
        # The page is a single posting.
        _merge(result, await _extract(listing, extractor, company_hint, run_id, on_structured,
                                      reading=reading))
        return result

    named = [p.url for p in (*reading.postings, *reading.stubs)] + reading.listed_urls
    links = posting_links(listing, named, settings.max_jobs_per_company)
    if not links:
        _merge(result, await _extract(listing, extractor, company_hint, run_id, on_structured,
                                      reading=reading))
        return result

    await _follow(links, reading.postings, crawler, extractor, company_hint, result, run_id,
                  should_cancel, on_structured)
    return result


async def _from_feed(
    feed: FeedResult,
    crawler: CareerCrawler,
    extractor: Extractor,
    result: CareerPageResult,
    run_id: str | None,
    should_cancel: Callable[[], bool] | None,
    on_structured: Callable[[str, str | None], None] | None,
) -> CareerPageResult:
    """The postings a platform's feed gave (no page fetched, no model), or, for a feed
    of job cards, the postings of the cards' pages."""
    result.pages_fetched += feed.requests
    result.via = feed.platform.name
    if on_structured is not None:
        for posting in feed.postings:
            on_structured(posting.url, run_id)
    if not feed.cards:
        result.postings = feed.postings
        return result
    company = next((p.company for p in feed.cards if p.company), None)
    await _follow([p.url for p in feed.cards], feed.postings, crawler, extractor, company,
                  result, run_id, should_cancel, on_structured)
    return result


async def _follow(
    links: list[str],
    described: list[PostingData],
    crawler: CareerCrawler,
    extractor: Extractor,
    company_hint: str | None,
    result: CareerPageResult,
    run_id: str | None,
    should_cancel: Callable[[], bool] | None,
    on_structured: Callable[[str, str | None], None] | None,
) -> None:
    """Read the posting page behind each link; ``described``: postings the listing (or
    feed) already gave whole, kept when their page cannot be fetched."""
    settings = crawler.settings
    by_url = {p.canonical_url: p for p in described}
    found: dict[str, PostingData] = {}
    for link in links:
        if should_cancel is not None and should_cancel():
            break
        try:
            page = await crawler.fetch(link, render=False)
        except (RobotsDisallowed, SourceRejected) as exc:
            result.errors.append(str(exc))
            continue
        except BlockedError:
            raise
        except FetchError as exc:
            result.errors.append(str(exc))
            fallback = by_url.get(canonicalize_url(link))
            if fallback is not None:
                found.setdefault(fallback.canonical_url, fallback)
            continue
        result.pages_fetched += 1
        # A page reached from the listing is a posting: other jobs listed on it do not
        # keep it from the model route.
        page_result = await _extract(page, extractor, company_hint, run_id, on_structured,
                                     cards_allowed=False)
        result.pages_to_model += page_result.handed_to_model
        result.statuses.extend(page_result.statuses)
        if page_result.reason and page_result.reason not in result.model_reasons:
            result.model_reasons.append(page_result.reason)
        for posting in page_result.postings:
            found.setdefault(posting.canonical_url, posting)
    # Postings the listing described but whose pages were not reached.
    for canonical, posting in by_url.items():
        if canonical not in found and len(found) < settings.max_jobs_per_company:
            found[canonical] = posting
    result.postings = list(found.values())


@dataclass
class _ListingReading:
    """The start page read exactly: its postings or job cards, and the addresses its
    ``ItemList`` names."""

    page: PageReading
    listed_urls: list[str]

    @property
    def postings(self) -> list[PostingData]:
        return self.page.postings

    @property
    def stubs(self) -> list[PostingData]:
        return self.page.stubs

    @property
    def empty(self) -> bool:
        return not self.page.postings and not self.page.stubs


def _content(page: Page, company_hint: str | None, *, markdown: bool = False) -> PageContent:
    """The page as the extractors see it; with its Markdown (rendered now, if it was
    deferred) only for the model route: exact reading needs the HTML alone."""
    return PageContent(url=page.final_url, html=page.html,
                       markdown=page.markdown_text() if markdown else page.markdown,
                       site=host_of(page.final_url), company_hint=company_hint)


def _read(page: Page) -> _ListingReading:
    blocks = json_ld_blocks(page.html)  # read by extract_structured and listed_urls
    structured = extract_structured(page.html, page.final_url, company_hint=page.site_name,
                                    blocks=blocks)
    reading = read_page(_content(page, page.site_name), structured=structured)
    return _ListingReading(reading, listed_urls(page.html, page.final_url, blocks=blocks))


async def _extract(
    page: Page,
    extractor: Extractor,
    company_hint: str | None,
    run_id: str | None,
    on_structured: Callable[[str, str | None], None] | None,
    *,
    reading: _ListingReading | None = None,
    cards_allowed: bool = True,
) -> PageResult:
    content = _content(page, company_hint)
    exact = reading.page if reading else read_page(content, cards_allowed=cards_allowed)
    if not (exact.postings or exact.stubs):
        content = _content(page, company_hint, markdown=True)  # for the model route
    return await extract_page(content, extractor, run_id=run_id, reading=exact,
                              on_structured=on_structured, cards_allowed=cards_allowed)


def _merge(result: CareerPageResult, page_result: PageResult) -> None:
    result.postings.extend(page_result.postings)
    result.pages_to_model += page_result.handed_to_model
    result.statuses.extend(page_result.statuses)
    if page_result.reason:
        result.model_reasons.append(page_result.reason)
