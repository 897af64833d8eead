"""Greenhouse: boards.greenhouse.io / job-boards.greenhouse.io/<board>.

Feed: the Job Board API, ``GET https://boards-api.greenhouse.io/v1/boards/<board>/jobs
?content=true`` (every published job with its HTML-escaped description). Pages: the
classic board (``div.opening``, ``#header .app-title``) and the newer one
(``tr.job-post``, ``.job__title h1``).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any, ClassVar

from jobscraper.sources.platforms.base import FeedPage, FeedRequest, Platform, Schema, path_segments
from jobscraper.sources.platforms.schema import job_values

API = "https://boards-api.greenhouse.io/v1/boards/{board}/jobs?content=true"


class Greenhouse(Platform):
    name = "Greenhouse"
    hosts = ("boards.greenhouse.io", "job-boards.greenhouse.io", "boards.eu.greenhouse.io",
             "job-boards.eu.greenhouse.io")
    marker_texts = ("recruiting.cdn.greenhouse.io", "greenhouse.io/embed/job_board")
    title_company = re.compile(r"\bat (?P<company>[^|]+?)\s*$")
    posting_schema: ClassVar[Schema] = {
        "name": "Greenhouse posting",
        "baseSelector": "html",
        "fields": [
            {"name": "title", "selector": ".job__title h1, #header .app-title", "type": "text"},
            {"name": "location", "selector": ".job__location, #header .location",
             "type": "text"},
            {"name": "company", "selector": "#header .company-name", "type": ["text", "regex"],
             "pattern": r"^(?:at\s+)?(.+)$"},
            {"name": "description", "selector": ".job__description, #content #description",
             "type": "html"},
        ],
    }
    listing_schema: ClassVar[Schema] = {
        "name": "Greenhouse job cards",
        "baseSelector": "tr.job-post, div.opening",
        "fields": [
            {"name": "title", "selector": "p.body--medium, div.opening > a", "type": "text"},
            {"name": "url", "selector": "a", "type": "attribute", "attribute": "href"},
            {"name": "location", "selector": "p.body--metadata, span.location", "type": "text"},
        ],
    }

    def feed_request(self, url: str) -> FeedRequest | None:
        segments = path_segments(url)
        if not self.on_host(url) or len(segments) != 1 or segments[0] == "embed":
            return None  # not a board's own page (a posting page reads as a page)
        return FeedRequest(API.format(board=segments[0]), board=segments[0])

    def feed_page(self, body: str, request: FeedRequest) -> FeedPage:
        jobs: list[dict[str, Any]] = json.loads(body).get("jobs") or []
        return FeedPage([
            job_values(
                title=job.get("title"),
                url=job.get("absolute_url"),
                company=job.get("company_name"),
                location=(job.get("location") or {}).get("name"),
                description_html=html.unescape(job.get("content") or ""),
                posted=job.get("first_published") or job.get("updated_at"),
            )
            for job in jobs
        ])
