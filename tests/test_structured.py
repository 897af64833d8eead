"""schema.org JobPosting extraction (JSON-LD in all its shapes, microdata)."""

from __future__ import annotations

import json
from datetime import date

from jobscraper.extract.structured import extract_structured, has_structured_postings
from jobscraper.models import Route

PAGE = "https://careers.example.com/jobs"


def ld(data: object) -> str:
    text = json.dumps(data).replace("<", "\\u003c")
    return (
        "<html><head><title>Jobs</title>"
        f'<script type="application/ld+json">{text}</script>'
        "</head><body><p>Jobs</p></body></html>"
    )


JOB = {
    "@context": "https://schema.org",
    "@type": "JobPosting",
    "title": "Senior Robotics Software Engineer",
    "description": "<p>Own the <b>planner</b>.</p><ul><li>C++</li><li>ROS</li></ul>",
    "datePosted": "2026-11-02",
    "employmentType": "FULL_TIME",
    "hiringOrganization": {"@type": "Organization", "name": "ACME Robotics GmbH"},
    "jobLocation": {
        "@type": "Place",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "Munich",
            "addressRegion": "Bavaria",
            "addressCountry": "DE",
        },
    },
    "baseSalary": {
        "@type": "MonetaryAmount",
        "currency": "EUR",
        "value": {"@type": "QuantitativeValue", "minValue": 85000, "maxValue": 105000,
                  "unitText": "YEAR"},
    },
    "skills": "C++, Python",
    "url": "https://careers.example.com/jobs/1042",
}


def test_plain_json_ld_job_posting() -> None:
    [posting] = extract_structured(ld(JOB), PAGE)
    assert posting.title == "Senior Robotics Software Engineer"
    assert posting.company == "ACME Robotics GmbH"
    assert posting.location == "Munich, Bavaria, Germany"
    assert posting.remote == "on-site"
    assert posting.employment_type == "full-time"
    assert (posting.salary_min, posting.salary_max) == (85000, 105000)
    assert posting.salary_currency == "EUR"
    assert posting.salary_interval == "year"
    assert posting.description == "Own the planner.\n\n- C++\n- ROS"
    assert posting.skills == ["C++", "Python"]
    assert posting.url == "https://careers.example.com/jobs/1042"
    assert posting.posted_date == date(2026, 11, 2)
    assert posting.route == Route.STRUCTURED
    assert posting.site == "careers.example.com"


def test_graph_list_and_item_list() -> None:
    second = {**JOB, "title": "DevOps Engineer", "url": "/jobs/1044"}
    graph = {"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, JOB]}
    listing = {
        "@type": "ItemList",
        "itemListElement": [{"@type": "ListItem", "position": 1, "item": second}],
    }
    html = ld(graph) + ld([listing])
    titles = [p.title for p in extract_structured(html, PAGE)]
    assert titles == ["Senior Robotics Software Engineer", "DevOps Engineer"]
    assert extract_structured(html, PAGE)[1].url == "https://careers.example.com/jobs/1044"


def test_remote_job_and_single_value_salary() -> None:
    job = {
        **JOB,
        "jobLocationType": "TELECOMMUTE",
        "applicantLocationRequirements": {"@type": "Country", "name": "DE"},
        "baseSalary": {"@type": "MonetaryAmount", "currency": "EUR",
                       "value": {"@type": "QuantitativeValue", "value": 1800,
                                 "unitText": "MONTH"}},
    }
    job.pop("jobLocation")
    [posting] = extract_structured(ld(job), PAGE)
    assert posting.location == "Remote, Germany"
    assert posting.remote == "remote"
    assert (posting.salary_min, posting.salary_max, posting.salary_interval) == (
        1800, 1800, "month")


def test_script_in_title_is_kept_as_text() -> None:
    job = {**JOB, "title": 'QA Engineer <script>alert("x")</script>'}
    [posting] = extract_structured(ld(job), PAGE)
    assert posting.title == 'QA Engineer <script>alert("x")</script>'


def test_broken_block_does_not_hide_good_one() -> None:
    html = '<script type="application/ld+json">{"@type": "JobPosting", "title": </script>' + ld(JOB)
    assert len(extract_structured(html, PAGE)) == 1


def test_microdata() -> None:
    html = """<html><body><div itemscope itemtype="https://schema.org/JobPosting">
      <h1 itemprop="title">Micro Dev</h1>
      <div itemprop="hiringOrganization" itemscope itemtype="https://schema.org/Organization">
        <span itemprop="name">Foo Ltd</span></div>
      <span itemprop="employmentType">PART_TIME</span>
    </div></body></html>"""
    [posting] = extract_structured(html, PAGE)
    assert (posting.title, posting.company, posting.employment_type) == (
        "Micro Dev", "Foo Ltd", "part-time")
    assert posting.url == PAGE


def test_no_structured_data() -> None:
    html = "<html><body><h1>Careers</h1><p>Senior Python Engineer</p></body></html>"
    assert extract_structured(html, PAGE) == []
    assert not has_structured_postings(html)


def test_graph_references_are_resolved() -> None:
    org = {"@type": "Organization", "@id": "https://example.com/#org", "name": "ACME"}
    job = {**JOB, "hiringOrganization": {"@id": "https://example.com/#org"}}
    [posting] = extract_structured(ld({"@graph": [org, job]}), PAGE)
    assert posting.company == "ACME"


def test_item_list_urls() -> None:
    from jobscraper.extract.structured import listed_urls

    listing = {"@type": "ItemList", "itemListElement": [
        {"@type": "ListItem", "position": 1, "url": "/jobs/1"},
        {"@type": "ListItem", "position": 2, "item": {"@type": "JobPosting", "url": "/jobs/2"}},
    ]}
    assert listed_urls(ld(listing), PAGE) == [
        "https://careers.example.com/jobs/1", "https://careers.example.com/jobs/2"]
