"""Hiring platforms and job boards read exactly from their pages (no model)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jobscraper.extract.base import PageContent
from jobscraper.extract.reading import read_page
from jobscraper.models import FieldSource
from jobscraper.sources.platforms import PLATFORMS, RecognisedBy, recognise

PAGES = Path(__file__).parent / "fixtures" / "platforms"


def read(name: str, url: str | None = None):
    path = PAGES / name
    return read_page(PageContent(url=url or path.resolve().as_uri(),
                                 html=path.read_text(encoding="utf-8")))


POSTINGS: list[tuple[str, str, dict[str, Any]]] = [
    ("greenhouse-posting.html", "Greenhouse", {
        "title": "Staff Data Engineer", "company": "Fjordline Logistics",
        "location": "Oslo, Norway", "remote": "hybrid", "salary_min": 950000,
        "salary_max": 1150000, "salary_currency": "NOK", "salary_interval": "year",
        "url": "https://job-boards.greenhouse.io/fjordline/jobs/4410021"}),
    ("lever-posting.html", "Lever", {
        "title": "Backend Engineer (Go)", "company": "Kelpwave", "location": "Lisbon",
        "remote": "remote", "employment_type": "full-time", "salary_min": 62000,
        "salary_max": 78000, "salary_currency": "EUR", "salary_interval": "year"}),
    ("ashby-posting.html", "Ashby", {
        "title": "Product Designer", "company": "Brightmoor", "location": "Austin, TX",
        "remote": "hybrid", "employment_type": "full-time", "salary_min": 130000,
        "salary_max": 165000, "salary_currency": "USD"}),
    ("workable-posting.html", "Workable", {
        "title": "Customer Success Lead", "company": "Tessellate", "location": "Dublin, Ireland",
        "remote": "hybrid", "employment_type": "full-time"}),
    ("workday-posting.html", "Workday", {
        "title": "Process Engineer - Battery Cells", "company": "voltaris",
        "location": "Germany, Leipzig", "remote": None, "employment_type": "full-time"}),
    ("personio-posting.html", "Personio", {
        "title": "Werkstudent Controlling (m/w/d)", "company": "Alpenfrost AG",
        "location": "Innsbruck", "employment_type": "internship"}),
    ("teamtailor-posting.html", "Teamtailor", {
        "title": "Warehouse Team Lead", "company": "Nordkap Foods", "location": "Gothenburg",
        "salary_min": 38000, "salary_max": 44000, "salary_currency": "SEK",
        "salary_interval": "month"}),
    ("linkedin-posting.html", "LinkedIn", {
        "title": "Site Reliability Engineer", "company": "Corvid Labs",
        "location": "Dublin, County Dublin, Ireland", "remote": "hybrid",
        "employment_type": "full-time", "salary_min": None}),
    ("seek-posting.html", "SEEK", {
        "title": "Diesel Mechanic", "company": "Karri Haulage", "location": "Perth WA",
        "employment_type": "full-time", "salary_min": 45, "salary_max": 52,
        "salary_currency": "AUD", "salary_interval": "hour"}),  # "$" on au.seek.com
]


@pytest.mark.parametrize(("page", "platform", "expected"), POSTINGS,
                         ids=[case[0] for case in POSTINGS])
def test_a_saved_posting_page_gives_its_fields(page: str, platform: str,
                                                expected: dict[str, Any]) -> None:
    reading = read(page)
    assert reading.platform == platform
    [posting] = reading.postings
    actual = {name: getattr(posting, name) for name in expected}
    assert actual == expected
    assert posting.field_sources["title"] == FieldSource.PLATFORM


LISTINGS: list[tuple[str, str, list[str], str]] = [
    ("greenhouse-listing.html", "Greenhouse", ["Staff Data Engineer", "Route Planning Analyst"],
     "https://boards.greenhouse.io/fjordline/jobs/4410021"),
    ("lever-listing.html", "Lever", ["Backend Engineer (Go)", "Field Service Technician"],
     "https://jobs.lever.co/kelpwave/0b1f7c2e-8d3a-4f55-9a0e-1c2d3e4f5a6b"),
    ("ashby-app-shell.html", "Ashby", ["Product Designer", "Clinical Support Specialist"],
     "https://jobs.ashbyhq.com/brightmoor/5d1e0c2a-33b4-4f0e-9a61-2f5b8d0e7c11"),
    ("smartrecruiters-listing.html", "SmartRecruiters",
     ["Satellite Systems Engineer", "Ground Station Operator"],
     "https://jobs.smartrecruiters.com/Orbiton/744000011111"),
    ("successfactors-listing.html", "SuccessFactors", ["Signalling Engineer",
                                                       "Train Driver (m/w/d)"],
     "/job/Vienna-Signalling-Engineer/881200/"),
    ("indeed-listing.html", "Indeed", ["Staff Nurse - Cardiology", "Community Nurse"],
     "https://uk.indeed.com/viewjob?jk=aa11bb22cc33dd44"),
    ("stepstone-listing.html", "StepStone", ["Elektroniker für Betriebstechnik (m/w/d)",
                                             "Servicetechniker Gebäudetechnik (m/w/d)"],
     "https://www.stepstone.de/stellenangebote--Elektroniker-fuer-Betriebstechnik-Koeln-"
     "Rheinkraft--1001-inline.html"),
    ("jora-listing.html", "Jora", ["Barista", "Cafe Manager"],
     "https://au.jora.com/job/Barista-1a2b3c"),
    ("comeet-listing.html", "Comeet", ["Optical Engineer", "Firmware Developer"],
     "https://www.comeet.com/jobs/helixoptics/B2.00A/optical-engineer/C1.111"),
    ("hrworks-listing.html", "HRworks", ["Anlagenmechaniker SHK (m/w/d)",
                                         "Kaufmann/-frau für Büromanagement"], "/de?id=a1b2c3"),
]


@pytest.mark.parametrize(("page", "platform", "titles", "first_url"), LISTINGS,
                         ids=[case[0] for case in LISTINGS])
def test_a_saved_listing_gives_one_stub_per_job_card(page: str, platform: str,
                                                     titles: list[str], first_url: str) -> None:
    reading = read(page)
    assert reading.platform == platform
    assert reading.postings == []
    assert [stub.title for stub in reading.stubs] == titles
    assert reading.stubs[0].url.endswith(first_url)


def test_cards_carry_what_they_show() -> None:
    [nurse, community] = read("indeed-listing.html").stubs  # the hidden decoy card is left out
    assert community.company == "Pennine Care"
    assert (nurse.company, nurse.location, nurse.salary_min, nurse.salary_currency) == (
        "Aire Valley Trust", "Leeds LS1", 31000, "GBP")
    assert nurse.field_sources["title"] == FieldSource.STRUCTURED  # the app's embedded data
    lever = read("lever-listing.html").stubs
    assert [(s.location, s.remote) for s in lever] == [("Lisbon", "remote"), ("Porto", "on-site")]
    stepstone = read("stepstone-listing.html").stubs
    assert stepstone[1].remote == "hybrid"  # "Teilweise Home-Office"


def test_a_platform_is_recognised_by_its_address_before_its_markers() -> None:
    assert recognise("https://jobs.lever.co/kelpwave").by == RecognisedBy.ADDRESS
    assert recognise("https://acme.jobs.personio.de/job/1").platform.name == "Personio"
    assert recognise("https://careers.example.com/jobs") is None
    html = (PAGES / "teamtailor-posting.html").read_text(encoding="utf-8")
    found = recognise("https://careers.nordkap.example/jobs/42", html)
    assert (found.platform.name, found.by) == ("Teamtailor", RecognisedBy.PAGE)


def test_every_platform_has_a_name_and_a_way_to_be_recognised() -> None:
    names = [platform.name for platform in PLATFORMS]
    assert len(names) == len(set(names))
    for platform in PLATFORMS:
        assert platform.hosts or platform.marker_texts or platform.markers, platform.name
        assert all(text == text.lower() for text in platform.marker_texts), platform.name
        assert platform.posting_schema or platform.listing_schema, platform.name
