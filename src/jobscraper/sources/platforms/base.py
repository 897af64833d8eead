"""What a hiring-platform module declares: how to recognise it, its public feed, its pages.

Most career sites run on a handful of hiring platforms whose pages and feeds are
regular, so they are read exactly instead of by a model. A platform module defines one
subclass of :class:`Platform` with:

* ``hosts``: the platform's own host names (``jobs.lever.co``; a leading dot matches
  any subdomain: ``.jobs.personio.de``) and ``marker_texts``: what a saved page of it
  carries (asset hosts, class names; lower-case texts, matched case-insensitively), for
  pages on custom domains or read from disk, with ``markers`` (regular expressions) only
  for what a plain text cannot say;
* ``posting_schema`` / ``listing_schema``: crawl4ai CSS schemas of a posting page and
  of a listing's job cards (field names in :mod:`.schema`);
* optionally ``read_embedded`` (the data its app shell embeds), and ``feed_request`` /
  ``feed_page`` (the documented public board endpoint, used when scraping a live site).

Everything a platform reads is plain field values; :mod:`jobscraper.extract.reading`
turns them into postings and records their source.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from jobscraper.extract.embedded import EmbeddedData
from jobscraper.extract.metadata import PageMetadata
from jobscraper.extract.normalize import clean_text
from jobscraper.sources.platforms.schema import FieldValues, posting_values, run_schema

# A crawl4ai CSS extraction schema: {"name", "baseSelector", "fields": [...]}.
Schema = dict[str, Any]


@dataclass(frozen=True)
class PageContext:
    """One page as the platforms see it."""

    url: str  # the page's address: as fetched, else as the page declares it
    html: str
    metadata: PageMetadata
    embedded: list[EmbeddedData]


@dataclass
class PlatformReading:
    """What a platform read on a page: one posting's fields, or a listing's job cards."""

    posting: FieldValues | None = None
    cards: list[FieldValues] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return (self.posting is None or not self.posting.title) and not self.cards


@dataclass(frozen=True)
class FeedRequest:
    """One request to a platform's public feed."""

    url: str
    method: str = "GET"
    json_body: Mapping[str, Any] | None = None
    board: str = ""  # the company's name on the platform ("gitlab", "highspot")


@dataclass
class FeedPage:
    """What one feed answer gave, as field values: whole postings, or job cards whose
    pages are then read (feeds that list jobs without their details), and the request
    for the next page of the feed."""

    postings: list[FieldValues] = field(default_factory=list)
    cards: list[FieldValues] = field(default_factory=list)
    next_request: FeedRequest | None = None


# How much of a page carries the markers (asset hosts, class names sit in its first part).
MARKER_SCAN_CHARS = 600_000


class Platform:
    """A hiring platform (see the module docstring)."""

    name: ClassVar[str] = ""
    hosts: ClassVar[tuple[str, ...]] = ()
    # Plain texts, not one regular expression each: every page is checked against every
    # platform, and a substring test is tens of times faster than an alternation.
    marker_texts: ClassVar[tuple[str, ...]] = ()
    markers: ClassVar[tuple[re.Pattern[str], ...]] = ()
    posting_schema: ClassVar[Schema | None] = None
    listing_schema: ClassVar[Schema | None] = None
    # How the document title names the company: "Job Application for X at COMPANY".
    title_company: ClassVar[re.Pattern[str] | None] = None

    # -- recognising ----------------------------------------------------------------------
    def on_host(self, url: str) -> bool:
        return self.serves((urlsplit(url).hostname or "").lower())

    def serves(self, host: str) -> bool:
        """Whether ``host`` (lower case) is one of the platform's own host names."""
        return any(host == h.lstrip(".") or (h.startswith(".") and host.endswith(h))
                   for h in self.hosts)

    def marks(self, html: str, lowered: str | None = None) -> bool:
        """Whether ``html`` carries this platform's markers; ``lowered``: its first
        :data:`MARKER_SCAN_CHARS` in lower case, when the caller checks several platforms."""
        head = html[:MARKER_SCAN_CHARS]
        if lowered is None:
            lowered = head.lower()
        return any(text in lowered for text in self.marker_texts) or \
            any(marker.search(head) for marker in self.markers)

    # -- reading a page -------------------------------------------------------------------
    def read_embedded(self, context: PageContext) -> PlatformReading | None:
        """The posting or job list the page's embedded app data holds (None: none)."""
        return None

    def read_page(self, context: PageContext, page: BeautifulSoup) -> PlatformReading:
        """The posting (its header and description) or the job cards the page shows."""
        if self.posting_schema is not None:
            items = run_schema(self.posting_schema, page, context.url)
            if items:
                values = posting_values(items[0], context.url)
                if values.title:
                    return PlatformReading(posting=self._with_company(values, context))
        cards: list[FieldValues] = []
        if self.listing_schema is not None:
            for item in run_schema(self.listing_schema, page, context.url):
                values = self.card(item, posting_values(item, context.url), context)
                if values is not None and values.title and values.values.get("url"):
                    cards.append(values)
        return PlatformReading(cards=cards)

    def card(self, item: Mapping[str, Any], values: FieldValues,
             context: PageContext) -> FieldValues | None:
        """One job card as the listing schema read it (``item``) -> its field values; a
        platform overrides this to build the posting's address or drop decoys."""
        return values

    def company(self, context: PageContext) -> str | None:
        """The hiring company when the page's fields do not name it: the document title's
        pattern, else the site name."""
        if self.title_company is not None and context.metadata.document_title:
            match = self.title_company.search(context.metadata.document_title)
            if match:
                return clean_text(match.group("company"))
        return context.metadata.site_name

    def _with_company(self, values: FieldValues, context: PageContext) -> FieldValues:
        if values.values.get("company"):
            return values
        company = self.company(context)
        return FieldValues({**values.values, "company": company}) if company else values

    # -- the public feed ------------------------------------------------------------------
    def feed_request(self, url: str) -> FeedRequest | None:
        """The first feed request for a career site at ``url`` (None: no feed for it)."""
        return None

    def feed_page(self, body: str, request: FeedRequest) -> FeedPage:
        """The postings in one feed answer."""
        raise NotImplementedError(f"{self.name} has no feed")


def path_segments(url: str) -> list[str]:
    return [segment for segment in urlsplit(url).path.split("/") if segment]


def first_segment(url: str) -> str | None:
    """The first path segment: the company's board name on most platforms."""
    segments = path_segments(url)
    return segments[0] if segments else None
