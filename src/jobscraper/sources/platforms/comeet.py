"""Comeet: hosted careers pages on www.comeet.com/jobs/<company>/<id>.

Pages only: the page embeds its positions as ``COMPANY_POSITIONS_DATA`` (name,
location, employment type, workplace type, hosted page address) and the company as
``COMPANY_DATA``; the rendered list has ``a.positionItem`` cards.
"""

from __future__ import annotations

from typing import ClassVar

from jobscraper.extract.embedded import named
from jobscraper.sources.platforms.base import PageContext, Platform, PlatformReading, Schema
from jobscraper.sources.platforms.schema import job_values


class Comeet(Platform):
    name = "Comeet"
    hosts = ("www.comeet.com", "comeet.com", "www.comeet.co")
    marker_texts = ("company_positions_data", "comeet-euw-app", "class=\"positionitem\"")
    listing_schema: ClassVar[Schema] = {
        "name": "Comeet job cards",
        "baseSelector": "a.positionItem",
        "fields": [
            {"name": "title", "selector": ".positionLink", "type": "text"},
            {"name": "url", "type": "attribute", "attribute": "href"},
            {"name": "location", "selector": ".positionDetails li", "type": "text"},
        ],
    }

    def read_embedded(self, context: PageContext) -> PlatformReading | None:
        positions = named(context.embedded, "COMPANY_POSITIONS_DATA")
        if not isinstance(positions, list):
            return None
        company = (named(context.embedded, "COMPANY_DATA") or {}).get("name")
        return PlatformReading(cards=[
            job_values(
                title=position.get("name"),
                url=position.get("url_comeet_hosted_page") or position.get("url_active_page"),
                company=position.get("company_name") or company,
                location=(position.get("location") or {}).get("name"),
                workplace=position.get("workplace_type")
                or (True if (position.get("location") or {}).get("is_remote") else None),
                employment=position.get("employment_type"),
                posted=position.get("time_updated"),
            )
            for position in positions if isinstance(position, dict)
        ])
