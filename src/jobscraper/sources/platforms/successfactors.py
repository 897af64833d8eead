"""SAP SuccessFactors Recruiting Marketing: career sites on *.successfactors.com/eu or
the company's own domain (assets from rmkcdn.successfactors.com).

Pages only (no public feed): a posting's ``data-careersite-propertyid`` fields
(title, city, customfields), a search result's ``tr.data-row`` cards.
"""

from __future__ import annotations

from typing import ClassVar

from jobscraper.sources.platforms.base import Platform, Schema


class SuccessFactors(Platform):
    name = "SuccessFactors"
    hosts = (".successfactors.com", ".successfactors.eu", ".sapsf.com", ".sapsf.eu")
    marker_texts = ("rmkcdn.successfactors.com", "jobs2web.com")
    posting_schema: ClassVar[Schema] = {
        "name": "SuccessFactors posting",
        "baseSelector": "html",
        "fields": [
            {"name": "title", "selector": "[data-careersite-propertyid='title'], "
             "h1 [itemprop='title']", "type": "text"},
            {"name": "location", "selector": "[data-careersite-propertyid='location'], "
             "[data-careersite-propertyid='city']", "type": "text"},
            {"name": "company", "selector": "[itemprop='hiringOrganization'] [itemprop='name']",
             "type": "attribute", "attribute": "content"},
            {"name": "description", "selector": "[data-careersite-propertyid='description'], "
             "[itemprop='description']", "type": "html"},
        ],
    }
    listing_schema: ClassVar[Schema] = {
        "name": "SuccessFactors job cards",
        "baseSelector": "tr.data-row",
        "fields": [
            {"name": "title", "selector": "a.jobTitle-link", "type": "text"},
            {"name": "url", "selector": "a.jobTitle-link", "type": "attribute",
             "attribute": "href"},
            {"name": "location", "selector": "span.jobLocation", "type": "text"},
        ],
    }
