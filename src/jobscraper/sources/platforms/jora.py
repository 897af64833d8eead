"""Jora (Australia and elsewhere): search results and job views on <country>.jora.com.

Pages only: a search's ``div.job-card`` cards (``h2.job-title a.job-link``,
``.job-company``, ``.job-location``; addresses without their search parameters), a job
view's ``h1.job-title`` and ``#job-description-container``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from jobscraper.sources.platforms.base import PageContext, Platform, Schema
from jobscraper.sources.platforms.boards import without_query
from jobscraper.sources.platforms.schema import FieldValues


class Jora(Platform):
    name = "Jora"
    hosts = (".jora.com",)
    marker_texts = ("class=\"job-card result", "jora-static", ".jora.com/job/")
    posting_schema: ClassVar[Schema] = {
        "name": "Jora job view",
        "baseSelector": "html",
        "fields": [
            {"name": "title", "selector": "h1.job-title", "type": "text"},
            {"name": "company", "selector": ".job-view-header .company, .job-company",
             "type": "text"},
            {"name": "location", "selector": ".job-view-header .location, .job-location",
             "type": "text"},
            {"name": "description", "selector": "#job-description-container", "type": "html"},
        ],
    }
    listing_schema: ClassVar[Schema] = {
        "name": "Jora job cards",
        "baseSelector": "div.job-card",
        "fields": [
            {"name": "title", "selector": "h2.job-title a.job-link, h3.job-title a.job-link",
             "type": "text"},
            {"name": "url", "selector": "a.job-link", "type": "attribute", "attribute": "href"},
            {"name": "company", "selector": ".job-company", "type": "text"},
            {"name": "location", "selector": ".job-location", "type": "text"},
        ],
    }

    def card(self, item: Mapping[str, Any], values: FieldValues,
             context: PageContext) -> FieldValues | None:
        return without_query(item, values, context)
