"""LinkedIn's public (guest) job pages: <country>.linkedin.com/jobs/view/... and searches.

Pages only (job boards are searched through JobSpy, :mod:`jobscraper.sources.job_boards`):
a job view's top card (title, company link, location) and criteria list, a search's
``base-search-card`` cards (addresses without their tracking parameters).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from jobscraper.sources.platforms.base import PageContext, Platform, Schema
from jobscraper.sources.platforms.boards import without_query
from jobscraper.sources.platforms.schema import FieldValues


class LinkedIn(Platform):
    name = "LinkedIn"
    hosts = (".linkedin.com",)
    marker_texts = ("static.licdn.com", "top-card-layout__title", "base-search-card")
    posting_schema: ClassVar[Schema] = {
        "name": "LinkedIn job view",
        "baseSelector": "html",
        "fields": [
            {"name": "title", "selector": "h1.top-card-layout__title, h1.topcard__title",
             "type": "text"},
            {"name": "company", "selector": ".topcard__org-name-link, .topcard__flavor a",
             "type": "text"},
            {"name": "location", "selector": ".topcard__flavor--bullet", "type": "text"},
            {"name": "facts", "selector": "li.description__job-criteria-item",
             "type": "nested_list", "fields": [
                 {"name": "label", "selector": "h3", "type": "text"},
                 {"name": "value", "selector": "span", "type": "text"},
             ]},
            {"name": "description", "selector": ".show-more-less-html__markup, "
             ".description__text", "type": "html"},
        ],
    }
    listing_schema: ClassVar[Schema] = {
        "name": "LinkedIn job cards",
        "baseSelector": "div.base-search-card, div.base-card.job-search-card",
        "fields": [
            {"name": "title", "selector": ".base-search-card__title", "type": "text"},
            {"name": "url", "selector": "a.base-card__full-link", "type": "attribute",
             "attribute": "href"},
            {"name": "company", "selector": ".base-search-card__subtitle", "type": "text"},
            {"name": "location", "selector": ".job-search-card__location", "type": "text"},
        ],
    }

    def card(self, item: Mapping[str, Any], values: FieldValues,
             context: PageContext) -> FieldValues | None:
        return without_query(item, values, context)
