"""``jobscraper extract`` on saved pages (no network, nothing stored)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobscraper.cli import app

PAGES = Path(__file__).parent / "fixtures" / "pages"
KEYS = {"title", "company", "location", "remote", "employment_type", "salary_min", "salary_max",
        "salary_currency", "salary_interval", "url", "route", "field_sources"}


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("JOBSCRAPER_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("JOBSCRAPER_MODEL_EXTRACTION", "false")

    def invoke(*args: str) -> tuple[int, list[dict[str, object]]]:
        result = CliRunner().invoke(app, ["extract", *args])
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        return result.exit_code, json.loads(result.stdout)

    return invoke


def test_posting_in_a_graph(run) -> None:
    code, postings = run(str(PAGES / "acme-robotics-posting-graph.html"), "--url",
                         "https://careers.acme-robotics.com/jobs/1043-machine-learning-engineer-perception")
    assert code == 0
    [posting] = postings
    assert set(posting) >= KEYS
    assert posting["title"] == "Machine Learning Engineer, Perception"
    assert posting["company"] == "ACME Robotics GmbH"
    assert posting["location"] == "Boston, MA, United States"
    assert (posting["salary_min"], posting["salary_max"], posting["salary_currency"],
            posting["salary_interval"]) == (150000, 185000, "USD", "year")
    assert posting["route"] == "structured"


def test_listing_gives_every_job_it_lists(run) -> None:
    code, postings = run(str(PAGES / "ats-listing-itemlist.html"), "--url",
                         "https://jobs.fjordline.example/")
    assert code == 0
    by_title = {p["title"]: p for p in postings}
    assert list(by_title) == [
        "Warehouse Shift Lead & Trainer", "Senior Data Engineer",
        "Customer Support Agent (Part-time)",
    ]
    lead = by_title["Warehouse Shift Lead & Trainer"]
    assert (lead["salary_min"], lead["salary_max"], lead["salary_interval"]) == (245, 290, "hour")
    assert lead["location"] == "Bergen, Norway"
    assert lead["url"] == "https://jobs.fjordline.example/o/warehouse-shift-lead?utm_source=indeed"
    data = by_title["Senior Data Engineer"]
    assert (data["salary_min"], data["salary_max"]) == (750000, 900000)
    assert (data["remote"], data["location"]) == ("remote", "Remote, Norway, Sweden")
    assert data["url"] == "https://jobs.fjordline.example/o/senior-data-engineer"
    support = by_title["Customer Support Agent (Part-time)"]
    assert (support["salary_min"], support["salary_currency"], support["salary_interval"]) == (
        32000, "NOK", "month")
    assert (support["employment_type"], support["company"]) == ("part-time",
                                                                "Fjordline Logistics AS")


def test_microdata(run) -> None:
    code, [posting] = run(str(PAGES / "microdata-posting.html"), "--url",
                          "https://karriere.rheinwerk.example/stellen/42")
    assert code == 0
    assert posting["title"] == "Werkstudent (m/w/d) Softwaretest"
    assert (posting["company"], posting["location"]) == ("Rheinwerk Systeme GmbH",
                                                         "Köln, Germany")
    assert (posting["salary_min"], posting["salary_currency"], posting["salary_interval"]) == (
        16.5, "EUR", "hour")
    assert (posting["remote"], posting["employment_type"]) == ("hybrid", "part-time")


def test_a_saved_listing_prints_its_job_cards(run) -> None:
    code, stubs = run(str(PAGES / "cards-listing.html"))
    assert code == 0
    assert [(s["title"], s["url"]) for s in stubs] == [
        ("Disponent Nahverkehr (m/w/d)",
         "https://karriere.rheinhafen.example/jobs/disponent-nahverkehr"),
        ("Werkstudent Data Analytics (m/w/d)",
         "https://karriere.rheinhafen.example/jobs/werkstudent-data-analytics"),
        ("Berufskraftfahrer CE (m/w/d) in Teilzeit",
         "https://karriere.rheinhafen.example/jobs/berufskraftfahrer-ce"),
    ]
    assert {s["company"] for s in stubs} == {"Rheinhafen Logistik"}  # og:site_name


def test_page_without_structured_data_needs_a_model(run, tmp_path: Path) -> None:
    page = tmp_path / "plain.html"
    page.write_text("<html><body><h1>Careers</h1><p>We are hiring a baker.</p></body></html>")
    code, postings = run(str(page))
    assert (code, postings) == (1, [])


def test_explain_shows_how_the_page_was_read_and_each_fields_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBSCRAPER_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("JOBSCRAPER_MODEL_EXTRACTION", "false")
    monkeypatch.setenv("COLUMNS", "160")
    page = Path(__file__).parent / "fixtures" / "platforms" / "greenhouse-posting.html"
    result = CliRunner().invoke(app, ["extract", "--explain", str(page)])
    assert result.exit_code == 0, result.output
    assert "a posting page on Greenhouse (recognised by its address)" in result.stdout
    rows = {line.split("│")[1].strip(): line.split("│")[3].strip()
            for line in result.stdout.splitlines() if line.count("│") == 4}
    assert (rows["title"], rows["location"], rows["salary_min"], rows["remote"]) == (
        "platform", "platform", "text", "text")
