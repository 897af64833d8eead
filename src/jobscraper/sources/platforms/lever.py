"""Lever: jobs.lever.co/<company> (jobs.eu.lever.co in the EU).

Feed: the Postings API, ``GET https://api.lever.co/v0/postings/<company>?mode=json``
(every published posting: categories, workplace type, salary range, description and
lists). Pages: a board's ``.posting`` cards and a posting's ``.posting-header``.
"""

from __future__ import annotations

import json
import re
from typing import Any, ClassVar

from jobscraper.extract.normalize import Salary, salary_from_fields
from jobscraper.sources.platforms.base import (
    FeedPage,
    FeedRequest,
    Platform,
    Schema,
    path_segments,
)
from jobscraper.sources.platforms.schema import job_values

_CATEGORIES = ".posting-categories"


class Lever(Platform):
    name = "Lever"
    hosts = ("jobs.lever.co", "jobs.eu.lever.co")
    marker_texts = ("lever-client-logos", "jobs.lever.co/", "jobs.eu.lever.co/")
    title_company = re.compile(r"^(?P<company>.+?)(?: - | jobs$)")
    posting_schema: ClassVar[Schema] = {
        "name": "Lever posting",
        "baseSelector": "html",
        "fields": [
            {"name": "title", "selector": ".posting-headline h2, .posting-header h2",
             "type": "text"},
            {"name": "location", "selector": f"{_CATEGORIES} .location", "type": "text"},
            {"name": "employment", "selector": f"{_CATEGORIES} .commitment", "type": "text"},
            {"name": "workplace", "selector": f"{_CATEGORIES} .workplaceTypes", "type": "text"},
            {"name": "salary", "selector": "[data-qa='salary-range']", "type": "text"},
            {"name": "description", "selector": "[data-qa='job-description']", "type": "html"},
        ],
    }
    listing_schema: ClassVar[Schema] = {
        "name": "Lever job cards",
        "baseSelector": ".posting",
        "fields": [
            {"name": "title", "selector": "[data-qa='posting-name']", "type": "text"},
            {"name": "url", "selector": "a.posting-title", "type": "attribute",
             "attribute": "href"},
            {"name": "location", "selector": ".location", "type": "text"},
            {"name": "workplace", "selector": ".workplaceTypes", "type": "text"},
            {"name": "employment", "selector": ".commitment", "type": "text"},
        ],
    }

    def feed_request(self, url: str) -> FeedRequest | None:
        segments = path_segments(url) if self.on_host(url) else []
        if len(segments) != 1:
            return None  # not a board's own page (a posting page reads as a page)
        company = segments[0]
        api = "api.eu.lever.co" if ".eu." in url else "api.lever.co"
        return FeedRequest(f"https://{api}/v0/postings/{company}?mode=json", board=company)

    def feed_page(self, body: str, request: FeedRequest) -> FeedPage:
        postings: list[dict[str, Any]] = json.loads(body)
        return FeedPage([_values(posting) for posting in postings])


def _values(posting: dict[str, Any]) -> Any:
    categories = posting.get("categories") or {}
    lists = "".join(f"<h3>{item.get('text', '')}</h3><ul>{item.get('content', '')}</ul>"
                    for item in posting.get("lists") or [])
    workplace = posting.get("workplaceType")
    return job_values(
        title=posting.get("text"),
        url=posting.get("hostedUrl"),
        location=categories.get("location"),
        workplace=None if workplace == "unspecified" else workplace,
        employment=categories.get("commitment"),
        salary=_salary(posting.get("salaryRange")),
        salary_text=posting.get("salaryDescriptionPlain") or posting.get("salaryDescription"),
        description_html=(posting.get("description") or "") + lists
        + (posting.get("additional") or ""),
    )


def _salary(salary_range: dict[str, Any] | None) -> Salary | None:
    """Lever's ``salaryRange`` ({min, max, currency, interval: "per-year-salary"})."""
    if not salary_range:
        return None
    interval = str(salary_range.get("interval") or "")
    period = next((p for p in ("year", "month", "week", "day", "hour") if p in interval), None)
    return salary_from_fields(salary_range.get("min"), salary_range.get("max"),
                              salary_range.get("currency"), period)
