"""HRworks: job portals "bereitgestellt von HRworks" (often on the company's own domain).

Pages only: each job is a ``.portlet`` with an ``a.job-offer-content`` heading link,
its locations as map links and an "area - level - contract - hours" line.
"""

from __future__ import annotations

from typing import ClassVar

from jobscraper.sources.platforms.base import Platform, Schema


class HRworks(Platform):
    name = "HRworks"
    hosts = (".hrworks.de",)
    marker_texts = ("hrwmedecustomerjoboffersview", "bereitgestellt von hrworks")
    listing_schema: ClassVar[Schema] = {
        "name": "HRworks job cards",
        "baseSelector": ".portlet:has(a.job-offer-content)",
        "fields": [
            {"name": "title", "selector": "a.job-offer-content h2", "type": "text"},
            {"name": "url", "selector": "a.job-offer-content", "type": "attribute",
             "attribute": "href"},
            {"name": "location", "selector": "a[href*='maps'] span", "type": "text"},
            {"name": "employment", "selector": ".margin-top-10", "type": "text"},
        ],
    }
