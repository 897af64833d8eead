"""What a page's head says about it: its address, title and site name (OpenGraph via extruct).

Saved pages often carry their own address (``<link rel=canonical>``, ``og:url``): it
tells which hiring platform a page is on and resolves its relative links, even when
the file is read from disk. ``og:site_name`` names the company on many career sites.
Only the ``<head>`` is parsed, so this costs the same on a 2 MB page as on a small one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html

from jobscraper.extract.normalize import clean_text

log = logging.getLogger(__name__)

HEAD_LIMIT = 400_000  # characters of the page searched for its </head>


@dataclass(frozen=True)
class PageMetadata:
    """The facts of a page's head (None where it states nothing)."""

    address: str | None = None  # canonical link, else og:url (absolute, http or https)
    title: str | None = None  # og:title
    site_name: str | None = None  # og:site_name
    document_title: str | None = None  # <title>


def _head(html: str) -> str:
    end = html.find("</head>", 0, HEAD_LIMIT)
    return html[: end + len("</head>")] if end >= 0 else html[:HEAD_LIMIT]


def _web_address(value: str | None, base_url: str) -> str | None:
    if not value:
        return None
    absolute = urljoin(base_url, value.strip())
    return absolute if urlsplit(absolute).scheme in ("http", "https") else None


def page_metadata(html: str, base_url: str = "") -> PageMetadata:
    """The page's address, OpenGraph title and site name, and document title."""
    from extruct.opengraph import OpenGraphExtractor

    try:
        document = lxml.html.fromstring(_head(html) or "<html></html>")
    except (ValueError, lxml.etree.ParserError) as exc:
        log.debug("unreadable page head: %s", exc)
        return PageMetadata()
    graph: dict[str, str] = {}
    for item in OpenGraphExtractor().extract_items(document, base_url=base_url):
        for name, value in item["properties"]:
            graph.setdefault(name, value)
    canonical = next(iter(document.xpath("//link[@rel='canonical']/@href")), None)
    titles = document.xpath("//title/text()")
    return PageMetadata(
        address=_web_address(canonical, base_url) or _web_address(graph.get("og:url"), base_url),
        title=clean_text(graph.get("og:title")),
        site_name=clean_text(graph.get("og:site_name")),
        document_title=clean_text(titles[0]) if titles else None,
    )
