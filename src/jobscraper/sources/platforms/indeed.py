"""Indeed's job views and search results: <country>.indeed.com/viewjob, /jobs?q=...

Pages only (job boards are searched through JobSpy). A search embeds its results in
``window.mosaic.providerData["mosaic-provider-jobcards"]``: exactly the cards a visitor
sees (the markup also holds a hidden decoy card, which that list leaves out); older
result pages have ``div.jobsearch-SerpJobCard[data-jk]`` cards. A card's address is
the canonical ``/viewjob?jk=<key>``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar
from urllib.parse import urlsplit

from jobscraper.extract.embedded import at, named
from jobscraper.sources.platforms.base import PageContext, Platform, PlatformReading, Schema
from jobscraper.sources.platforms.schema import FieldValues, job_values

JOB_CARDS = "mosaic.providerData[mosaic-provider-jobcards]"


class Indeed(Platform):
    name = "Indeed"
    hosts = (".indeed.com", ".indeed.co.uk", ".indeed.de", ".indeed.fr", ".indeed.ca",
             ".indeed.ch", ".indeed.at", ".indeed.nl", ".indeed.it", ".indeed.es")
    marker_texts = (
        "jobsearch-jobinfoheader-title", "jobsearch-serpjobcard", "mosaic-provider-jobcards",
    )
    posting_schema: ClassVar[Schema] = {
        "name": "Indeed job view",
        "baseSelector": "html",
        "fields": [
            {"name": "title", "selector": "[data-testid='jobsearch-JobInfoHeader-title'], "
             "h1.jobsearch-JobInfoHeader-title", "type": ["text", "regex"],
             "pattern": r"^(.*?)(?:\s+-\s+job post)?$"},  # a hidden "- job post" suffix
            {"name": "company", "selector": "[data-testid='inlineHeader-companyName']",
             "type": "text"},
            {"name": "location", "selector": "[data-testid='inlineHeader-companyLocation'], "
             "[data-testid='job-location']", "type": "text"},
            {"name": "salary", "selector": "#salaryInfoAndJobType", "type": "text"},
            {"name": "employment", "selector": "#salaryInfoAndJobType", "type": "text"},
            {"name": "description", "selector": "#jobDescriptionText", "type": "html"},
        ],
    }
    listing_schema: ClassVar[Schema] = {
        "name": "Indeed job cards",
        "baseSelector": "div.jobsearch-SerpJobCard[data-jk], "
                        "a.jcs-JobTitle[data-jk]:not([aria-hidden='true'])",
        "fields": [
            {"name": "key", "type": "attribute", "attribute": "data-jk"},
            {"name": "title", "selector": "h2.title a, span[title]", "type": "text"},
            {"name": "url", "selector": "h2.title a", "type": "attribute", "attribute": "href"},
            {"name": "company", "selector": ".company", "type": "text"},
            {"name": "location", "selector": ".location", "type": "text"},
        ],
    }

    def read_embedded(self, context: PageContext) -> PlatformReading | None:
        results = at(named(context.embedded, JOB_CARDS), "metaData",
                     "mosaicProviderJobCardsModel", "results")
        if not isinstance(results, list):
            return None
        return PlatformReading(cards=[
            job_values(title=job.get("title") or job.get("displayTitle"),
                       url=_view_url(context.url, job.get("jobkey")),
                       company=job.get("company"), location=job.get("formattedLocation"),
                       salary_text=at(job, "salarySnippet", "text"))
            for job in results if isinstance(job, dict) and job.get("jobkey")
        ])

    def card(self, item: Mapping[str, Any], values: FieldValues,
             context: PageContext) -> FieldValues | None:
        key = item.get("key")
        if not key:
            return None
        return FieldValues({**values.values, "url": _view_url(context.url, key)})


def _view_url(page_url: str, key: Any) -> str:
    host = urlsplit(page_url).hostname or "www.indeed.com"
    if not host.endswith(Indeed.hosts) and host != "indeed.com":
        host = "www.indeed.com"
    return f"https://{host}/viewjob?jk={key}"
