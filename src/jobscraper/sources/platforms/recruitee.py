"""Recruitee: <company>.recruitee.com.

Feed: the careers site API, ``GET https://<company>.recruitee.com/api/offers/`` (every
published offer: location, remote and hybrid flags, employment type, salary,
description and requirements). Pages: offers live under ``/o/<slug>``.
"""

from __future__ import annotations

import json
from typing import Any, ClassVar
from urllib.parse import urlsplit

from jobscraper.extract.normalize import Salary, salary_from_fields
from jobscraper.sources.platforms.base import FeedPage, FeedRequest, Platform, Schema
from jobscraper.sources.platforms.schema import job_values


class Recruitee(Platform):
    name = "Recruitee"
    hosts = (".recruitee.com",)
    marker_texts = (".recruitee.com/", "recruitee-careers")
    posting_schema: ClassVar[Schema] = {
        "name": "Recruitee posting",
        "baseSelector": "html",
        "fields": [
            {"name": "title", "selector": "h1[class*='title'], .offer-title h1", "type": "text"},
            {"name": "location", "selector": "[data-testid='offer-location'], .offer-location",
             "type": "text"},
            {"name": "description", "selector": "[data-testid='offer-description'], .description",
             "type": "html"},
        ],
    }
    listing_schema: ClassVar[Schema] = {
        "name": "Recruitee job cards",
        "baseSelector": "[data-testid='offer-list-grid'] > div, .offers-list .offer",
        "fields": [
            {"name": "title", "selector": "a[href*='/o/']", "type": "text"},
            {"name": "url", "selector": "a[href*='/o/']", "type": "attribute", "attribute": "href"},
            {"name": "location", "selector": "[data-testid='location'], .location", "type": "text"},
        ],
    }

    def feed_request(self, url: str) -> FeedRequest | None:
        if not self.on_host(url) or "/o/" in url:
            return None  # a posting page reads as a page
        host = urlsplit(url).hostname or ""
        return FeedRequest(f"https://{host}/api/offers/", board=host.split(".")[0])

    def feed_page(self, body: str, request: FeedRequest) -> FeedPage:
        offers: list[dict[str, Any]] = json.loads(body).get("offers") or []
        return FeedPage([_values(offer) for offer in offers])


def _values(offer: dict[str, Any]) -> Any:
    workplace = "remote" if offer.get("remote") else "hybrid" if offer.get("hybrid") else None
    return job_values(
        title=offer.get("title"),
        url=offer.get("careers_url"),
        company=offer.get("company_name"),
        location=offer.get("location") or ", ".join(
            part for part in (offer.get("city"), offer.get("country")) if part),
        workplace=workplace,
        employment=offer.get("employment_type_code"),
        salary=_salary(offer.get("salary")),
        description_html=(offer.get("description") or "") + (offer.get("requirements") or ""),
        posted=offer.get("published_at"),
    )


def _salary(salary: dict[str, Any] | None) -> Salary | None:
    if not salary:
        return None
    return salary_from_fields(salary.get("min"), salary.get("max"), salary.get("currency"),
                              salary.get("period"))
