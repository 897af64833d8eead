"""SEEK (Australia, New Zealand): <country>.seek.com/job/<id> and search results.

Pages only: every part carries a ``data-automation`` name (``job-detail-title``,
``advertiser-name``, ``job-detail-location``, ``job-detail-work-type``,
``job-detail-salary``, ``jobAdDetails``; a search's ``normalJob`` / ``premiumJob``
cards).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from jobscraper.sources.platforms.base import PageContext, Platform, Schema
from jobscraper.sources.platforms.boards import without_query
from jobscraper.sources.platforms.schema import FieldValues


class Seek(Platform):
    name = "SEEK"
    hosts = (".seek.com", ".seek.com.au", ".seek.co.nz")
    marker_texts = ("data-automation=\"job-detail-title\"", "seek_redux_data")
    posting_schema: ClassVar[Schema] = {
        "name": "SEEK job view",
        "baseSelector": "html",
        "fields": [
            {"name": "title", "selector": "[data-automation='job-detail-title']",
             "type": "text"},
            {"name": "company", "selector": "[data-automation='advertiser-name']",
             "type": "text"},
            {"name": "location", "selector": "[data-automation='job-detail-location']",
             "type": "text"},
            {"name": "employment", "selector": "[data-automation='job-detail-work-type']",
             "type": "text"},
            {"name": "salary", "selector": "[data-automation='job-detail-salary']",
             "type": "text"},
            {"name": "description", "selector": "[data-automation='jobAdDetails']",
             "type": "html"},
        ],
    }
    listing_schema: ClassVar[Schema] = {
        "name": "SEEK job cards",
        "baseSelector": "article[data-automation='normalJob'], "
                        "article[data-automation='premiumJob']",
        "fields": [
            {"name": "title", "selector": "a[data-automation='jobTitle']", "type": "text"},
            {"name": "url", "selector": "a[data-automation='jobTitle']", "type": "attribute",
             "attribute": "href"},
            {"name": "company", "selector": "[data-automation='jobCompany']", "type": "text"},
            {"name": "location", "selector": "[data-automation='jobLocation']", "type": "text"},
            {"name": "salary", "selector": "[data-automation='jobSalary']", "type": "text"},
        ],
    }

    def card(self, item: Mapping[str, Any], values: FieldValues,
             context: PageContext) -> FieldValues | None:
        return without_query(item, values, context)
