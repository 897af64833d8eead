"""Personio: <company>.jobs.personio.de (or .com).

Feed: the public XML feed, ``GET https://<company>.jobs.personio.de/xml?language=en``
(every position with its offices, schedule, employment type and description parts).
Pages: the job header (``h1.jb-title``, its location and attribute items).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from typing import ClassVar
from urllib.parse import urlsplit

from jobscraper.sources.platforms.base import FeedPage, FeedRequest, Platform, Schema
from jobscraper.sources.platforms.schema import job_values

# Personio's <schedule> and <employmentType> values -> words our normaliser knows.
_SCHEDULES = {"full-time": "full-time", "part-time": "part-time",
              "full-or-part-time": "full-time, part-time"}
_TYPES = {"intern": "internship", "trainee": "internship", "working_student": "internship",
          "freelance": "contract", "temporary": "temporary"}


class Personio(Platform):
    name = "Personio"
    hosts = (".jobs.personio.de", ".jobs.personio.com")
    marker_texts = (".jobs.personio.de", ".jobs.personio.com")
    markers = (re.compile(r"class=\"[^\"]*\bjb-title\b"),)
    title_company = re.compile(
        r"\| (?:Jobs bei|Jobs at|Karriere bei|Careers at|Offres d'emploi chez) "
        r"(?P<company>.+?)\s*$")
    posting_schema: ClassVar[Schema] = {
        "name": "Personio posting",
        "baseSelector": "html",
        "fields": [
            {"name": "title", "selector": "h1.jb-title, .job-header h1", "type": "text"},
            {"name": "location", "selector": "[class*='jobMetaItemLocation']", "type": "text"},
            {"name": "employment", "selector": ".jb-attribute, [class*='jobAttributes']",
             "type": "text"},
            {"name": "description", "selector": "[class*='jobDescription'], .job-description",
             "type": "html"},
        ],
    }
    listing_schema: ClassVar[Schema] = {
        "name": "Personio job cards",
        "baseSelector": "a[href*='/job/']:has(h2, h3, [class*='jobTitle'])",
        "fields": [
            {"name": "title", "selector": "h2, h3, [class*='jobTitle']", "type": "text"},
            {"name": "url", "type": "attribute", "attribute": "href"},
        ],
    }

    def feed_request(self, url: str) -> FeedRequest | None:
        if not self.on_host(url) or "/job/" in url:
            return None  # a posting page reads as a page
        host = urlsplit(url).hostname or ""
        return FeedRequest(f"https://{host}/xml?language=en", board=host.split(".")[0])

    def feed_page(self, body: str, request: FeedRequest) -> FeedPage:
        root = ElementTree.fromstring(body.encode("utf-8"))
        base = request.url.split("/xml", 1)[0]
        postings = []
        for position in root.iter("position"):
            def text(tag: str, node: ElementTree.Element = position) -> str | None:
                found = node.find(tag)
                return found.text.strip() if found is not None and found.text else None

            offices = [text("office")] + [office.text for office in
                                          position.findall("additionalOffices/office")]
            description = "".join(
                f"<h3>{text('name', part) or ''}</h3>{text('value', part) or ''}"
                for part in position.findall("jobDescriptions/jobDescription"))
            kind = _TYPES.get(text("employmentType") or "")
            postings.append(job_values(
                title=text("name"),
                url=f"{base}/job/{text('id')}",
                company=text("subcompany"),
                location=", ".join(o for o in offices if o),
                employment=kind or _SCHEDULES.get(text("schedule") or ""),
                description_html=description,
                posted=text("createdAt"),
            ))
        return FeedPage(postings)
