"""Ashby: jobs.ashbyhq.com/<board>.

Feed: the public job board API, ``GET https://api.ashbyhq.com/posting-api/job-board/
<board>?includeCompensation=true``. Pages: the raw server page is an app shell whose
``window.__appData`` holds the posting (``posting``) or the whole board
(``jobBoard.jobPostings``); the rendered page has ``.ashby-job-posting-heading`` and a
side panel of facts, a board ``.ashby-job-posting-brief`` cards.
"""

from __future__ import annotations

import json
import re
from typing import Any, ClassVar

from jobscraper.extract.embedded import at, named
from jobscraper.extract.normalize import Salary, salary_from_fields
from jobscraper.sources.platforms.base import (
    FeedPage,
    FeedRequest,
    PageContext,
    Platform,
    PlatformReading,
    Schema,
    first_segment,
    path_segments,
)
from jobscraper.sources.platforms.schema import FieldValues, job_values

SITE = "https://jobs.ashbyhq.com"


class Ashby(Platform):
    name = "Ashby"
    hosts = ("jobs.ashbyhq.com",)
    marker_texts = ("ashby-job-posting", "cdn.ashbyprd.com", "app.ashbyhq.com")
    title_company = re.compile(r"@ (?P<company>.+?)\s*$")
    posting_schema: ClassVar[Schema] = {
        "name": "Ashby posting",
        "baseSelector": "html",
        "fields": [
            {"name": "title", "selector": "h1.ashby-job-posting-heading", "type": "text"},
            {"name": "facts", "selector": ".ashby-job-posting-left-pane > div",
             "type": "nested_list", "fields": [
                 {"name": "label", "selector": "h2", "type": "text"},
                 {"name": "value", "selector": "p, ul", "type": "text"},
             ]},
            {"name": "description", "selector": "[class*='_descriptionText']", "type": "html"},
        ],
    }
    listing_schema: ClassVar[Schema] = {
        "name": "Ashby job cards",
        "baseSelector": ".ashby-job-posting-brief-list > a",
        "fields": [
            {"name": "title", "selector": ".ashby-job-posting-brief-title", "type": "text"},
            {"name": "url", "type": "attribute", "attribute": "href"},
            # "Department • Location • Full time"
            {"name": "location", "selector": ".ashby-job-posting-brief-details",
             "type": ["text", "regex"], "pattern": r"•\s*(.+?)\s*(?:•|$)"},
        ],
    }

    def read_embedded(self, context: PageContext) -> PlatformReading | None:
        data = named(context.embedded, "__appData")
        if not isinstance(data, dict):
            return None
        company = at(data, "organization", "name")
        slug = at(data, "organization", "hostedJobsPageSlug") or first_segment(context.url)
        posting = data.get("posting")
        if isinstance(posting, dict) and posting.get("title"):
            return PlatformReading(posting=_values(posting, company, context.url))
        jobs = at(data, "jobBoard", "jobPostings")
        if isinstance(jobs, list) and slug:
            return PlatformReading(cards=[
                _values(job, company, f"{SITE}/{slug}/{job.get('id')}")
                for job in jobs if isinstance(job, dict) and job.get("id")
            ])
        return None

    def feed_request(self, url: str) -> FeedRequest | None:
        segments = path_segments(url) if self.on_host(url) else []
        if len(segments) != 1:
            return None  # not a board's own page (a posting page reads as a page)
        board = segments[0]
        return FeedRequest(f"https://api.ashbyhq.com/posting-api/job-board/{board}"
                           "?includeCompensation=true", board=board)

    def feed_page(self, body: str, request: FeedRequest) -> FeedPage:
        jobs: list[dict[str, Any]] = json.loads(body).get("jobs") or []
        return FeedPage([
            _values(job, None, job.get("jobUrl") or f"{SITE}/{request.board}/{job.get('id')}")
            for job in jobs if job.get("isListed", True)
        ])


def _values(job: dict[str, Any], company: str | None, url: str) -> FieldValues:
    """A job as the board API and the app data both describe it."""
    compensation = job.get("compensation") or {}
    workplace = job.get("workplaceType") or (True if job.get("isRemote") else None)
    return job_values(
        title=job.get("title"),
        url=url,
        company=company,
        location=job.get("locationName") or job.get("location"),
        workplace=workplace,
        employment=job.get("employmentType"),
        salary=_salary(compensation.get("summaryComponents") or job.get("summaryComponents")),
        salary_text=compensation.get("compensationTierSummary")
        or job.get("compensationTierSummary"),
        description_html=job.get("descriptionHtml"),
        posted=job.get("publishedAt") or job.get("publishedDate"),
    )


def _salary(components: Any) -> Salary | None:
    """The ``Salary`` component of Ashby's compensation ({interval: "1 YEAR", ...})."""
    for component in components or []:
        if isinstance(component, dict) and component.get("compensationType") == "Salary":
            interval = str(component.get("interval") or "").split()[-1:] or [None]
            return salary_from_fields(component.get("minValue"), component.get("maxValue"),
                                      component.get("currencyCode"), interval[0])
    return None
