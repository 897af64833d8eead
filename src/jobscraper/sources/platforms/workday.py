"""Workday: <tenant>.wd<N>.myworkdayjobs.com/<site>.

Feed: the career site's own JSON endpoint, ``POST /wday/cxs/<tenant>/<site>/jobs``
(``{"limit": 20, "offset": 0, ...}``): the job cards, page by page; each posting's page
then carries schema.org JSON-LD. Pages: rendered ``data-automation-id`` parts
(``jobPostingHeader``, ``locations``, ``time``, ``jobPostingDescription``) and cards
(``jobTitle`` links).
"""

from __future__ import annotations

import json
import re
from typing import Any, ClassVar
from urllib.parse import urlsplit

from jobscraper.sources.platforms.base import (
    FeedPage,
    FeedRequest,
    PageContext,
    Platform,
    Schema,
    path_segments,
)
from jobscraper.sources.platforms.schema import job_values

PAGE_SIZE = 20
_LOCALE = re.compile(r"^[a-z]{2}(?:-[A-Z]{2})?$")


class Workday(Platform):
    name = "Workday"
    hosts = (".myworkdayjobs.com", ".myworkdaysite.com")
    marker_texts = (".myworkdayjobs.com", "data-automation-id=\"jobpostingheader\"")
    posting_schema: ClassVar[Schema] = {
        "name": "Workday posting",
        "baseSelector": "html",
        "fields": [
            {"name": "title", "selector": "[data-automation-id='jobPostingHeader']",
             "type": "text"},
            {"name": "location", "selector": "[data-automation-id='locations'] dd",
             "type": "text"},
            {"name": "employment", "selector": "[data-automation-id='time'] dd", "type": "text"},
            {"name": "workplace", "selector": "[data-automation-id='remoteType'] dd",
             "type": "text"},
            {"name": "description", "selector": "[data-automation-id='jobPostingDescription']",
             "type": "html"},
        ],
    }
    listing_schema: ClassVar[Schema] = {
        "name": "Workday job cards",
        "baseSelector": "li:has(a[data-automation-id='jobTitle'])",
        "fields": [
            {"name": "title", "selector": "a[data-automation-id='jobTitle']", "type": "text"},
            {"name": "url", "selector": "a[data-automation-id='jobTitle']", "type": "attribute",
             "attribute": "href"},
            {"name": "location", "selector": "[data-automation-id='locations'] dd",
             "type": "text"},
        ],
    }

    def company(self, context: PageContext) -> str | None:
        """The tenant: the first label of the host (``nvidia`` of nvidia.wd5...)."""
        for url in (context.url, context.metadata.address):
            if url and self.on_host(url):
                return (urlsplit(url).hostname or "").split(".")[0] or None
        return super().company(context)

    def feed_request(self, url: str) -> FeedRequest | None:
        if not self.on_host(url):
            return None
        segments = [s for s in path_segments(url) if not _LOCALE.match(s)]
        if len(segments) != 1 or segments[0] in ("wday", "job"):
            return None  # not a career site's own page (a posting page reads as a page)
        host = urlsplit(url).hostname or ""
        tenant, site = host.split(".")[0], segments[0]
        return FeedRequest(f"https://{host}/wday/cxs/{tenant}/{site}/jobs", method="POST",
                           json_body=_body(0), board=site)

    def feed_page(self, body: str, request: FeedRequest) -> FeedPage:
        data: dict[str, Any] = json.loads(body)
        jobs = data.get("jobPostings") or []
        parts = urlsplit(request.url)
        base = f"{parts.scheme}://{parts.netloc}/{request.board}"
        page = FeedPage(cards=[
            job_values(title=job.get("title"), url=base + str(job.get("externalPath") or ""),
                       location=job.get("locationsText"), workplace=job.get("remoteType"))
            for job in jobs if job.get("externalPath")
        ])
        offset = int((request.json_body or {}).get("offset", 0)) + len(jobs)
        if jobs and offset < int(data.get("total") or 0):
            page.next_request = FeedRequest(request.url, method="POST",
                                            json_body=_body(offset), board=request.board)
        return page


def _body(offset: int) -> dict[str, Any]:
    return {"appliedFacets": {}, "limit": PAGE_SIZE, "offset": offset, "searchText": ""}
