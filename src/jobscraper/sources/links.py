"""Which links of a listing page lead to posting pages on the same site.

Structured data names some postings; the rest are guessed from job-ish folders in
the path ("/jobs/<slug>"). Kept apart from fetching so the heuristic reads alone.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from jobscraper.sources.crawler import Page
from jobscraper.sources.http import host_of
from jobscraper.urls import canonicalize_url

_JOB_SEGMENT = re.compile(
    r"^(?:jobs?|positions?|openings?|vacanc(?:y|ies)|careers?|stellen(?:angebote)?|"
    r"karriere|roles?|opportunit(?:y|ies)|postings?|job-?offers?|offres?|o|j|p)$",
    re.I,
)
_ASSET = re.compile(r"\.(?:png|jpe?g|gif|svg|webp|ico|css|js|pdf|zip|xml|json|txt|mp4)$", re.I)
_NOT_POSTING = re.compile(r"(?:^|/)(?:apply|login|signin|search|rss|feed|page/\d+)/?$", re.I)


def posting_links(page: Page, structured_urls: list[str], limit: int) -> list[str]:
    """Links from a listing page that look like posting pages on the same site, in order.

    Posting URLs named by the page's structured data come first; then links whose
    path has a job-ish folder ("/jobs/<slug>", "/positions/<id>", ...) followed by
    at least one more segment. Bounded by ``limit`` (``max_jobs_per_company``).
    """
    base_host = host_of(page.final_url)
    own = {canonicalize_url(page.final_url), canonicalize_url(page.url)}
    out: list[str] = []
    seen: set[str] = set()

    def add(url: str) -> None:
        if len(out) >= limit:
            return
        absolute = urljoin(page.final_url, url.strip())
        parts = urlsplit(absolute)
        if parts.scheme not in ("http", "https") or host_of(absolute) != base_host:
            return
        canonical = canonicalize_url(absolute)
        if canonical in own or canonical in seen:
            return
        seen.add(canonical)
        out.append(absolute.split("#", 1)[0])

    for url in structured_urls:
        add(url)
    for link in page.links:
        absolute = urljoin(page.final_url, link)
        path = urlsplit(absolute).path
        if _ASSET.search(path) or _NOT_POSTING.search(path):
            continue
        segments = [s for s in path.split("/") if s]
        if any(_JOB_SEGMENT.match(seg) and i < len(segments) - 1
               for i, seg in enumerate(segments)):
            add(absolute)
    return out
