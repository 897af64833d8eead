"""SmartRecruiters: jobs.smartrecruiters.com/<company> (careers.smartrecruiters.com).

Feed: the Posting API, ``GET https://api.smartrecruiters.com/v1/companies/<company>/
postings?limit=100&offset=0`` (title, company, location with its remote flag, type of
employment; paged by offset). Pages: a posting's ``h1.job-title`` and details list, a
board's ``li.opening-job`` cards.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar

from jobscraper.sources.platforms.base import (
    FeedPage,
    FeedRequest,
    Platform,
    Schema,
    path_segments,
)
from jobscraper.sources.platforms.schema import job_values

PAGE_SIZE = 100
API = "https://api.smartrecruiters.com/v1/companies/{company}/postings?limit={limit}&offset={offset}"


class SmartRecruiters(Platform):
    name = "SmartRecruiters"
    hosts = ("jobs.smartrecruiters.com", "careers.smartrecruiters.com")
    marker_texts = ("c.smartrecruiters.com", "jobs.smartrecruiters.com/")
    posting_schema: ClassVar[Schema] = {
        "name": "SmartRecruiters posting",
        "baseSelector": "html",
        "fields": [
            {"name": "title", "selector": "h1.job-title", "type": "text"},
            {"name": "company", "selector": "[itemprop='hiringOrganization'] [itemprop='name']",
             "type": "attribute", "attribute": "content"},
            {"name": "location", "selector": "[itemprop='jobLocation'], spl-job-location",
             "type": "text"},
            {"name": "employment", "selector": "[itemprop='employmentType']", "type": "text"},
            {"name": "description", "selector": "[itemprop='description']", "type": "html"},
        ],
    }
    listing_schema: ClassVar[Schema] = {
        "name": "SmartRecruiters job cards",
        "baseSelector": "li.opening-job",
        "fields": [
            {"name": "title", "selector": ".job-title", "type": "text"},
            {"name": "url", "selector": "a", "type": "attribute", "attribute": "href"},
            {"name": "location", "selector": ".job-desc", "type": "text"},
        ],
    }

    def feed_request(self, url: str) -> FeedRequest | None:
        segments = path_segments(url) if self.on_host(url) else []
        if len(segments) != 1:
            return None  # not a company's own page (a posting page reads as a page)
        company = segments[0]
        return FeedRequest(API.format(company=company, limit=PAGE_SIZE, offset=0), board=company)

    def feed_page(self, body: str, request: FeedRequest) -> FeedPage:
        data: dict[str, Any] = json.loads(body)
        jobs = data.get("content") or []
        page = FeedPage([_values(job, request.board) for job in jobs])
        offset = int(data.get("offset") or 0) + len(jobs)
        if jobs and offset < int(data.get("totalFound") or 0):
            page.next_request = FeedRequest(
                API.format(company=request.board, limit=PAGE_SIZE, offset=offset),
                board=request.board)
        return page


def _values(job: dict[str, Any], company: str) -> Any:
    location = job.get("location") or {}
    place = location.get("fullLocation") or ", ".join(
        part for part in (location.get("city"), location.get("region"),
                          (location.get("country") or "").upper()) if part)
    return job_values(
        title=job.get("name"),
        url=f"https://jobs.smartrecruiters.com/{company}/{job.get('id')}",
        company=(job.get("company") or {}).get("name"),
        location=place,
        workplace=bool(location.get("remote")),
        employment=(job.get("typeOfEmployment") or {}).get("label"),
        posted=job.get("releasedDate"),
    )
