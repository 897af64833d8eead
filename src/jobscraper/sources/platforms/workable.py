"""Workable: apply.workable.com/<account>.

Feed: the public jobs widget API, ``GET https://apply.workable.com/api/v1/widget/accounts/
<account>?details=true`` (the account's name and every published job with its
description). Pages: ``data-ui`` attributes name every part (``job-title``,
``job-location``, ``job-workplace``, ``job-type``; a board's ``li[data-ui=job]``).
"""

from __future__ import annotations

import json
import re
from typing import Any, ClassVar

from jobscraper.sources.platforms.base import (
    FeedPage,
    FeedRequest,
    Platform,
    Schema,
    path_segments,
)
from jobscraper.sources.platforms.schema import job_values


class Workable(Platform):
    name = "Workable"
    hosts = ("apply.workable.com",)
    marker_texts = ("workablehr.s3.amazonaws.com", "apply.workable.com/")
    title_company = re.compile(r" - (?P<company>[^-]+?)(?: - Application)?\s*$")
    posting_schema: ClassVar[Schema] = {
        "name": "Workable posting",
        "baseSelector": "html",
        "fields": [
            {"name": "title", "selector": "h1[data-ui='job-title']", "type": "text"},
            {"name": "company", "selector": "[data-ui='company-logo'] img", "type": "attribute",
             "attribute": "alt"},
            {"name": "location", "selector": "[data-ui='job-location']", "type": "text"},
            {"name": "workplace", "selector": "[data-ui='job-workplace']", "type": "text"},
            {"name": "employment", "selector": "[data-ui='job-type']", "type": "text"},
            {"name": "salary", "selector": "[data-ui='job-salary']", "type": "text"},
            {"name": "description", "selector": "[data-ui='job-description']",
             "type": "html"},
        ],
    }
    listing_schema: ClassVar[Schema] = {
        "name": "Workable job cards",
        "baseSelector": "li[data-ui='job']",
        "fields": [
            {"name": "title", "selector": "[data-ui='job-title']", "type": "text"},
            {"name": "url", "selector": "a", "type": "attribute", "attribute": "href"},
            {"name": "location", "selector": "[data-ui='job-location']", "type": "text"},
            {"name": "workplace", "selector": "[data-ui='job-workplace']", "type": "text"},
            {"name": "employment", "selector": "[data-ui='job-type']", "type": "text"},
        ],
    }

    def feed_request(self, url: str) -> FeedRequest | None:
        segments = path_segments(url) if self.on_host(url) else []
        if len(segments) != 1 or segments[0] in ("j", "api"):
            return None  # not an account's own page (a posting page reads as a page)
        account = segments[0]
        return FeedRequest(
            f"https://apply.workable.com/api/v1/widget/accounts/{account}?details=true",
            board=account)

    def feed_page(self, body: str, request: FeedRequest) -> FeedPage:
        data: dict[str, Any] = json.loads(body)
        return FeedPage([
            job_values(
                title=job.get("title"),
                url=job.get("url") or job.get("shortlink"),
                company=data.get("name"),
                location=", ".join(part for part in (job.get("city"), job.get("state"),
                                                     job.get("country")) if part),
                workplace=bool(job.get("telecommuting")),
                employment=job.get("employment_type"),
                description_html=job.get("description"),
                posted=job.get("published_on") or job.get("created_at"),
            )
            for job in data.get("jobs") or []
        ])
