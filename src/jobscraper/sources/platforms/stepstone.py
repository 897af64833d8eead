"""StepStone (Germany, Austria, Belgium, the Netherlands): search results and job views.

Pages only: parts carry ``data-at`` names (a search's ``article[data-at=job-item]``
cards with ``job-item-title``, ``job-item-company-name``, ``job-item-location`` and
the ``job-item-work-from-home`` badge; a job view's ``header-job-title`` and
``metadata-*`` facts).
"""

from __future__ import annotations

from typing import ClassVar

from jobscraper.sources.platforms.base import Platform, Schema


class StepStone(Platform):
    name = "StepStone"
    hosts = (".stepstone.de", ".stepstone.at", ".stepstone.be", ".stepstone.nl")
    marker_texts = ("data-at=\"job-item-title\"", "data-at=\"header-job-title\"")
    posting_schema: ClassVar[Schema] = {
        "name": "StepStone job view",
        "baseSelector": "html",
        "fields": [
            {"name": "title", "selector": "[data-at='header-job-title']", "type": "text"},
            {"name": "company", "selector": "[data-at='metadata-company-name']",
             "type": "text"},
            {"name": "location", "selector": "[data-at='metadata-location']", "type": "text"},
            {"name": "employment", "selector": "[data-at='metadata-work-type']",
             "type": "text"},
            {"name": "workplace", "selector": "[data-at='metadata-work-from-home']",
             "type": "text"},
            {"name": "salary", "selector": "[data-at='metadata-salary']", "type": "text"},
            {"name": "description", "selector": "[data-at='job-ad-content']", "type": "html"},
        ],
    }
    listing_schema: ClassVar[Schema] = {
        "name": "StepStone job cards",
        "baseSelector": "article[data-at='job-item']",
        "fields": [
            {"name": "title", "selector": "[data-at='job-item-title']", "type": "text"},
            {"name": "url", "selector": "a[data-at='job-item-title']", "type": "attribute",
             "attribute": "href"},
            {"name": "company", "selector": "[data-at='job-item-company-name']",
             "type": "text"},
            {"name": "location", "selector": "[data-at='job-item-location']", "type": "text"},
            {"name": "workplace", "selector": "[data-at='job-item-work-from-home']",
             "type": "text"},
            {"name": "salary", "selector": "[data-at='job-item-salary-info']", "type": "text"},
        ],
    }
