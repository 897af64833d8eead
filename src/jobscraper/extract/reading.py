"""Everything read exactly from one page, before any model: postings, or a listing's cards.

Readers run from the most exact to the least, each filling only what the earlier ones
left empty, and every field records its source (:mod:`.provenance`):

1. schema.org data: JSON-LD, microdata, RDFa (:mod:`.structured`), *structured*;
2. the data the page's app shell embeds for its frontend, read by the hiring
   platform's module (:mod:`.embedded`), *structured*;
3. the platform's page structure: a crawl4ai CSS schema of its posting page or job
   cards (:mod:`jobscraper.sources.platforms`), *platform*;
4. the posting's own text: a salary in the description, a hybrid model, a
   "Full time" or "Remote" badge (:mod:`.text_fields`), *text*.

A page that yields a titled posting is a posting page; otherwise its job cards (from
the platform, a schema.org ItemList, embedded job lists, or the general card
heuristic of :mod:`.listing`) make it a listing, each card a *stub* (title, address,
location where shown). A page with neither goes to the model route (:mod:`.pipeline`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from jobscraper.extract.base import PageContent
from jobscraper.extract.embedded import embedded_data, job_lists, job_title, job_url
from jobscraper.extract.listing import job_cards
from jobscraper.extract.metadata import page_metadata
from jobscraper.extract.normalize import clean_text
from jobscraper.extract.provenance import fill, sourced
from jobscraper.extract.structured import extract_structured, json_ld_blocks, listed_items
from jobscraper.extract.text_fields import (
    dollar_of,
    employment_type_in_text,
    hybrid_in_description,
    salary_in_text,
    work_arrangement_in_text,
)
from jobscraper.models import FieldSource, PostingData, Route
from jobscraper.sources.platforms import Recognition, recognise
from jobscraper.sources.platforms.base import PageContext, PlatformReading
from jobscraper.sources.platforms.schema import FieldValues, parse_page

# A badge is a short text of its own element: "Full Time", "Hybrid work", "Remote".
BADGE_MAX_WORDS = 4
_BADGE_PARENTS_SKIPPED = {"option", "select", "nav", "footer", "button", "a", "title"}


@dataclass
class PageReading:
    """What one page gave without a model."""

    postings: list[PostingData] = field(default_factory=list)
    stubs: list[PostingData] = field(default_factory=list)  # a listing's job cards
    recognition: Recognition | None = None  # the hiring platform, and how it was known

    @property
    def platform(self) -> str | None:
        return self.recognition.platform.name if self.recognition else None


class _LazyPage:
    """The parsed page, parsed on first use (most structured pages never need it)."""

    def __init__(self, html: str) -> None:
        self._html = html
        self._page: BeautifulSoup | None = None

    def __call__(self) -> BeautifulSoup:
        if self._page is None:
            self._page = parse_page(self._html)
        return self._page


def _is_web(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


def read_page(page: PageContent, *, structured: list[PostingData] | None = None,
              cards_allowed: bool = True) -> PageReading:
    """The postings (or a listing's stubs) on ``page``, read exactly.

    ``structured``: the page's schema.org postings when the caller has them already.
    ``cards_allowed=False`` for pages reached from a listing: they are postings, and
    a list of other jobs on them is not what the page is about.
    """
    metadata = page_metadata(page.html, page.url)
    address = page.url if _is_web(page.url) else (metadata.address or page.url)
    # As a scrape names the company of a page that does not: the site's name.
    company_hint = page.company_hint or metadata.site_name
    if structured is None:
        structured = extract_structured(page.html, address, company_hint=company_hint,
                                        blocks=json_ld_blocks(page.html))
    recognition = recognise(page.url, page.html, declared=metadata.address)
    parsed = _LazyPage(page.html)
    reading = PageReading(recognition=recognition)
    from_data = from_page = PlatformReading()
    if recognition is not None:
        context = PageContext(address, page.html, metadata, embedded_data(page.html))
        platform = recognition.platform
        from_data = platform.read_embedded(context) or PlatformReading()
        from_page = platform.read_page(context, parsed())
    readers = ((from_data, FieldSource.STRUCTURED), (from_page, FieldSource.PLATFORM))

    if structured:
        single = len(structured) == 1
        postings = []
        for posting in structured:
            if single:
                for platform_reading, source in readers:
                    if platform_reading.posting is not None:
                        posting = fill(posting, platform_reading.posting.values, source)
            postings.append(with_text_fields(posting, parsed if single else None))
        reading.postings = postings
        return reading

    # The app's own data settles what the page is: its job list (a search page that also
    # previews one job is a listing) or its posting.
    titled = [(r.posting, source) for r, source in readers if r.posting and r.posting.title]
    if from_data.cards and not (from_data.posting and from_data.posting.title):
        titled = []
    if titled:
        first, source = titled[0]
        posting = _posting(first, address, source, company_hint=company_hint)
        for values, other in titled[1:]:
            posting = fill(posting, values.values, other)
        reading.postings = [with_text_fields(posting, parsed)]
        return reading

    if cards_allowed:
        reading.stubs = _stubs(from_data, from_page, page.html, address, company_hint, parsed)
    return reading


def _posting(values: FieldValues, address: str, source: FieldSource, *,
             company_hint: str | None) -> PostingData:
    data: dict[str, Any] = {"url": address, "route": Route.STRUCTURED, **values.values}
    if not data.get("company") and company_hint:
        # The site's name (og:site_name) or the company its listing named.
        data["company"] = company_hint
        data["field_sources"] = {"company": FieldSource.STRUCTURED}
    return sourced(PostingData.model_validate(data), source)


def _stubs(from_data: PlatformReading, from_page: PlatformReading, html: str, address: str,
           company_hint: str | None, parsed: Callable[[], BeautifulSoup]) -> list[PostingData]:
    """A listing's job cards: the platform's (embedded data first), else the named
    entries of a schema.org ``ItemList``, else job lists in embedded data, else the
    general card heuristic."""
    for platform_reading, source in ((from_data, FieldSource.STRUCTURED),
                                     (from_page, FieldSource.PLATFORM)):
        if platform_reading.cards:
            return [_posting(card, address, source, company_hint=company_hint)
                    for card in platform_reading.cards]
    named = [(url, name) for url, name in listed_items(html, address) if name]
    if named:
        return [_posting(FieldValues({"title": name, "url": url}), address,
                         FieldSource.STRUCTURED, company_hint=company_hint)
                for url, name in named]
    for block in embedded_data(html):
        for jobs in job_lists(block.data):
            stubs = []
            for job in jobs:
                title, link = clean_text(job_title(job)), job_url(job)
                if title and link:
                    stubs.append(_posting(FieldValues({"title": title,
                                                       "url": urljoin(address, link)}),
                                          address, FieldSource.STRUCTURED,
                                          company_hint=company_hint))
            if stubs:
                return stubs
    return [_posting(FieldValues({"title": card.title, "url": card.url}), address,
                     FieldSource.TEXT, company_hint=company_hint)
            for card in job_cards(parsed(), address)]


# --- fields from the posting's text ---------------------------------------------------

def badges(page: BeautifulSoup) -> list[str]:
    """Short texts that stand alone in their element ("Full Time", "Hybrid work"), in
    page order, outside navigation, forms' options and buttons."""
    found: list[str] = []
    for node in page.find_all(string=True):
        text = clean_text(node)
        if not text or len(text.split()) > BADGE_MAX_WORDS or not re.search(r"[A-Za-z]", text):
            continue
        parents = {parent.name for parent in node.parents}
        if parents & _BADGE_PARENTS_SKIPPED:
            continue
        element = node.parent
        if element is not None and clean_text(element.get_text(" ", strip=True)) == text:
            found.append(text)
    return found


def with_text_fields(posting: PostingData,
                     parsed: Callable[[], BeautifulSoup] | None) -> PostingData:
    """Salary, work arrangement and employment type from the posting's text where the
    readers before left them empty. ``parsed``: the page, when it is this posting's own
    page (its badges then count too)."""
    values: dict[str, Any] = {}
    if posting.salary_min is None and posting.salary_max is None:
        salary = salary_in_text(posting.description, location=posting.location,
                                dollar=dollar_of(posting.url))
        if not salary.is_empty:
            values.update(salary_min=salary.min, salary_max=salary.max,
                          salary_currency=salary.currency, salary_interval=salary.interval)
    if posting.remote is None:
        values["remote"] = hybrid_in_description(posting.description)
    page_badges: list[str] | None = None
    if parsed is not None and (posting.employment_type is None
                               or (posting.remote is None and values.get("remote") is None)):
        page_badges = badges(parsed())
    if page_badges:
        if posting.remote is None and values.get("remote") is None:
            values["remote"] = work_arrangement_in_text(*page_badges)
        if posting.employment_type is None:
            values["employment_type"] = employment_type_in_text(*page_badges)
    return fill(posting, values, FieldSource.TEXT)
