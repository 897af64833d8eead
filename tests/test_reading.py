"""A page read exactly, before any model: fields from text, embedded data, job cards."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from jobscraper.extract.base import ExtractionStatus, NeedsModelExtractor, PageContent
from jobscraper.extract.embedded import embedded_data, named
from jobscraper.extract.pipeline import extract_page
from jobscraper.extract.reading import read_page
from jobscraper.models import FieldSource

PAGES = Path(__file__).parent / "fixtures" / "pages"
URL = "https://careers.example.com/jobs/42"


def _json_ld(job: dict[str, object], body: str = "") -> str:
    return (f'<html><head><script type="application/ld+json">{json.dumps(job)}</script>'
            f"</head><body>{body}</body></html>")


JOB = {
    "@type": "JobPosting",
    "title": "Platform Engineer",
    "hiringOrganization": {"name": "Example GmbH"},
    "description": "<p>You will run our platform.</p><p>The base salary range for this "
                   "role is $154,000 - $277,000.</p><p>Hybrid: three days in the office.</p>",
}


def test_a_salary_only_in_the_description_is_read_from_the_text() -> None:
    [posting] = read_page(PageContent(url=URL, html=_json_ld(JOB))).postings
    assert (posting.salary_min, posting.salary_max, posting.salary_currency,
            posting.salary_interval) == (154000, 277000, "USD", "year")
    assert posting.field_sources["title"] == FieldSource.STRUCTURED
    assert posting.field_sources["salary_min"] == FieldSource.TEXT


def test_structured_values_are_never_replaced_by_the_text() -> None:
    job = {**JOB, "baseSalary": {"currency": "EUR", "value": {
        "minValue": 70000, "maxValue": 90000, "unitText": "YEAR"}}}
    [posting] = read_page(PageContent(url=URL, html=_json_ld(job))).postings
    assert (posting.salary_min, posting.salary_currency) == (70000, "EUR")
    assert posting.field_sources["salary_min"] == FieldSource.STRUCTURED


def test_a_badge_on_the_postings_page_gives_its_employment_type() -> None:
    html = _json_ld(JOB, '<div class="meta"><label>Full Time</label></div>'
                         '<nav><a href="/part-time">Part-time</a></nav>')
    [posting] = read_page(PageContent(url=URL, html=html)).postings
    assert posting.employment_type == "full-time"
    assert posting.field_sources["employment_type"] == FieldSource.TEXT


def test_job_lists_in_embedded_app_data_are_a_listings_cards() -> None:
    data = {"props": {"pageProps": {"jobs": [
        {"id": 1, "title": "Data Engineer", "url": "/jobs/1-data-engineer"},
        {"id": 2, "title": "Backend Developer", "url": "/jobs/2-backend-developer"},
    ]}}}
    html = (f'<html><body><div id="__next"></div><script id="__NEXT_DATA__" '
            f'type="application/json">{json.dumps(data)}</script></body></html>')
    assert named(embedded_data(html), "__NEXT_DATA__") == data
    reading = read_page(PageContent(url="https://jobs.example.com/", html=html))
    assert [(s.title, s.url) for s in reading.stubs] == [
        ("Data Engineer", "https://jobs.example.com/jobs/1-data-engineer"),
        ("Backend Developer", "https://jobs.example.com/jobs/2-backend-developer"),
    ]
    assert reading.stubs[0].field_sources["title"] == FieldSource.STRUCTURED


def test_app_data_assigned_in_a_script_is_read_without_running_it() -> None:
    html = ('<script>window.__appData = {"posting": {"title": "Chef"}};'
            'var COMPANY_POSITIONS_DATA = [{"name": "Cook"}]; var x = {a: 1};</script>')
    blocks = embedded_data(html)
    assert named(blocks, "__appData") == {"posting": {"title": "Chef"}}
    assert named(blocks, "COMPANY_POSITIONS_DATA") == [{"name": "Cook"}]


def test_a_listing_gives_stubs_and_no_model_call() -> None:
    html = (PAGES / "cards-listing.html").read_text(encoding="utf-8")
    page = PageContent(url="https://karriere.rheinhafen.example/jobs", html=html)
    result = asyncio.run(extract_page(page, NeedsModelExtractor()))
    assert (result.postings, result.handed_to_model) == ([], 0)
    assert len(result.stubs) == 3
    assert all(s.field_sources["title"] == FieldSource.TEXT for s in result.stubs)


def test_a_page_reached_from_a_listing_is_a_posting_even_with_other_jobs_on_it() -> None:
    html = (PAGES / "cards-listing.html").read_text(encoding="utf-8")
    page = PageContent(url="https://karriere.rheinhafen.example/jobs/x", html=html)
    result = asyncio.run(extract_page(page, NeedsModelExtractor(), cards_allowed=False))
    assert (result.stubs, result.handed_to_model) == ([], 1)
    assert result.statuses == [ExtractionStatus.NEEDS_MODEL]


def test_a_schema_org_item_list_of_named_addresses_gives_stubs() -> None:
    item_list = {"@type": "ItemList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "url": "/jobs/7-welder", "name": "Welder (m/w/d)"},
        {"@type": "ListItem", "position": 2, "item": {"url": "/jobs/8-painter",
                                                      "name": "Painter"}},
    ]}
    reading = read_page(PageContent(url="https://werft.example/jobs", html=_json_ld(item_list)))
    assert [(s.title, s.url) for s in reading.stubs] == [
        ("Welder (m/w/d)", "https://werft.example/jobs/7-welder"),
        ("Painter", "https://werft.example/jobs/8-painter"),
    ]
