"""Teamtailor: <company>.teamtailor.com or a career site on the company's own domain.

Pages only (Teamtailor's API needs a company key): the job header is a department and
location line above ``h1.font-company-header``; a listing's cards are the items of
``#jobs_list_container``.
Saved pages are known by their assets on teamtailor-cdn.com.
"""

from __future__ import annotations

import re
from typing import ClassVar

from jobscraper.sources.platforms.base import Platform, Schema


class Teamtailor(Platform):
    name = "Teamtailor"
    hosts = (".teamtailor.com",)
    marker_texts = ("teamtailor-cdn.com", ".teamtailor.com/")
    title_company = re.compile(r" - (?P<company>[^-]+?)\s*$")
    posting_schema: ClassVar[Schema] = {
        "name": "Teamtailor posting",
        "baseSelector": "html",
        "fields": [
            {"name": "title", "selector": "h1.font-company-header", "type": "text"},
            # "Department · Location" above the title
            {"name": "location",
             "selector": "div:has(+ h1.font-company-header) > span:last-of-type",
             "type": "text"},
            {"name": "description", "selector": ".prose", "type": "html"},
        ],
    }
    listing_schema: ClassVar[Schema] = {
        "name": "Teamtailor job cards",
        "baseSelector": "#jobs_list_container li",
        "fields": [
            {"name": "title", "selector": "a span[title]", "type": "text"},
            {"name": "url", "selector": "a", "type": "attribute", "attribute": "href"},
            {"name": "location", "selector": "a div span:last-of-type", "type": "text"},
        ],
    }
