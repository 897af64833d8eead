"""Platform page schemas: crawl4ai's CSS extraction (``JsonCssExtractionStrategy``), run
on a page parsed once, and the page fields it gives turned into posting fields.

A platform module declares its posting page and its job cards as crawl4ai schemas
(``baseSelector`` plus ``fields``); nothing here knows a platform. The names a schema
may give its fields, each read as text unless noted:

``title``, ``company``, ``location``, ``workplace`` (remote / hybrid / on-site badge),
``employment`` (employment type), ``salary`` (pay text), ``description`` (HTML),
``url`` (a card's link, an attribute), ``facts`` (a ``nested_list`` of ``label`` and
``value``: the posting's header facts, see :mod:`jobscraper.extract.facts`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from jobscraper.extract.facts import facts_by_field
from jobscraper.extract.normalize import (
    Salary,
    clean_text,
    html_to_text,
    iso_date,
    normalize_employment_type,
)
from jobscraper.extract.text_fields import (
    dollar_of,
    employment_type_in_text,
    salary_in_text,
    work_arrangement_in_text,
)

# Scripts, styles and drawings are most of a large page and never hold visible text:
# dropped before parsing (embedded data is read from the untouched HTML).
_INVISIBLE = re.compile(r"<(script|style|svg|noscript|template)\b.*?</\1\s*>", re.I | re.S)


def parse_page(html: str) -> BeautifulSoup:
    """The page as the schemas read it: parsed once, without scripts and styles."""
    return BeautifulSoup(_INVISIBLE.sub(" ", html), "lxml")


def _strategy_class() -> type:
    from crawl4ai import JsonCssExtractionStrategy

    class SpacedCssExtraction(JsonCssExtractionStrategy):
        """crawl4ai's CSS extraction on an already parsed page, reading an element's text
        with a space between its parts ("London, England" from two spans, not
        "London,England")."""

        def _parse_html(self, html_content: Any) -> Any:
            if isinstance(html_content, BeautifulSoup):
                return html_content
            return super()._parse_html(html_content)

        def _get_element_text(self, element: Tag) -> str:
            return element.get_text(" ", strip=True)

    return SpacedCssExtraction


# Built on first use: importing crawl4ai takes a second or more, and most pages need no
# platform schema.
_STRATEGY: type | None = None


def run_schema(schema: Mapping[str, Any], page: BeautifulSoup, url: str = "") -> list[dict]:
    """The items a crawl4ai CSS schema finds on a parsed page (one per base element)."""
    global _STRATEGY
    if _STRATEGY is None:
        _STRATEGY = _strategy_class()
    return _STRATEGY(dict(schema)).extract(url, page)


@dataclass(frozen=True)
class FieldValues:
    """Posting fields read from one schema item, plain values, none invented."""

    values: dict[str, Any]

    @property
    def title(self) -> str | None:
        return self.values.get("title")


def posting_values(item: Mapping[str, Any], base_url: str = "") -> FieldValues:
    """A schema item (see the module docstring) -> posting field values.

    Header facts fill what the dedicated fields did not find; the work arrangement is
    read from the badge, then the location line, then the title.
    """
    facts = facts_by_field(item.get("facts") or [])
    title = clean_text(item.get("title"))
    location = clean_text(item.get("location")) or facts.get("location")
    workplace = clean_text(item.get("workplace")) or facts.get("workplace")
    values: dict[str, Any] = {
        "title": title,
        "company": clean_text(item.get("company")) or facts.get("company"),
        "location": location,
        "remote": work_arrangement_in_text(workplace, location, title),
        "employment_type": employment_type_in_text(
            clean_text(item.get("employment")), facts.get("employment_type")),
        "description": html_to_text(item.get("description")),
    }
    salary_text = clean_text(item.get("salary")) or facts.get("salary")
    salary = salary_in_text(salary_text, location=location, dollar=dollar_of(base_url))
    if not salary.is_empty:
        values.update(salary_min=salary.min, salary_max=salary.max,
                      salary_currency=salary.currency, salary_interval=salary.interval)
    link = clean_text(item.get("url"))
    if link:
        values["url"] = urljoin(base_url, link)
    return FieldValues({k: v for k, v in values.items() if v is not None})


def job_values(
    *,
    title: Any,
    url: Any = None,
    company: Any = None,
    location: Any = None,
    workplace: Any = None,
    employment: Any = None,
    salary_text: Any = None,
    salary: Salary | None = None,
    description_html: Any = None,
    posted: Any = None,
) -> FieldValues:
    """A job as a feed or embedded data gives it (plain values) -> posting field values.

    ``workplace`` is the platform's own word for the arrangement ("Hybrid", "OnSite",
    True for remote); ``salary`` its structured pay, else ``salary_text`` is read.
    """
    clean_title, clean_location = clean_text(title), clean_text(location)
    if isinstance(workplace, bool):
        workplace = "remote" if workplace else None
    values: dict[str, Any] = {
        "title": clean_title,
        "url": clean_text(url),
        "company": clean_text(company),
        "location": clean_location,
        "remote": work_arrangement_in_text(clean_text(workplace), clean_location, clean_title),
        "employment_type": normalize_employment_type(employment) if employment else None,
        "description": html_to_text(description_html),
        "posted_date": iso_date(str(posted or "")),
    }
    if salary is None or salary.is_empty:
        salary = salary_in_text(clean_text(salary_text), location=clean_location,
                                dollar=dollar_of(clean_text(url)))
    if not salary.is_empty:
        values.update(salary_min=salary.min, salary_max=salary.max,
                      salary_currency=salary.currency, salary_interval=salary.interval)
    return FieldValues({k: v for k, v in values.items() if v is not None})


