"""The dashboard's own logic, without a browser: forms, cards, rows, provenance, the CSV route.

The acceptance suite (features/dashboard) drives the running app in Chromium;
these tests pin the pieces its pages are made of.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from jobscraper.config import load_settings
from jobscraper.models import (
    JobPosting,
    ModelCall,
    Outcome,
    PostingData,
    Route,
    RunStatus,
    SourceKind,
    SourceOutcome,
)
from jobscraper.models import Source as SavedSource
from jobscraper.runs.progress import Progress, source_lines
from jobscraper.sources.guard import SourceRejected
from jobscraper.store import Store
from jobscraper.ui.jobs import job_row, provenance, salary_text
from jobscraper.ui.run_view import cards_of
from jobscraper.ui.sources import check_career_page, check_search, source_row


@pytest.fixture
def settings(tmp_path: Path):
    return load_settings(data_dir=tmp_path / "data")


@pytest.fixture
def store(settings):
    app_store = Store(settings)
    yield app_store
    app_store.dispose()


# --- the sources forms ----------------------------------------------------------------


def test_a_career_page_is_checked_by_the_command_lines_rules() -> None:
    assert check_career_page("https://careers.acme.example/jobs") == (
        "https://careers.acme.example/jobs"
    )
    assert check_career_page("careers.acme.example/jobs") == "https://careers.acme.example/jobs"
    for refused, why in (
        ("file:///etc/passwd", "file"),
        ("http://10.0.0.7/jobs", "private"),
        ("python developer", "not a web address"),
        ("", "empty"),
    ):
        with pytest.raises(SourceRejected, match=why):
            check_career_page(refused)


def test_a_search_keeps_its_boards_and_options() -> None:
    text, options = check_search("python developer", "Berlin", ["linkedin", "glassdoor"],
                                 "1,000", True)
    assert text == "python developer in Berlin"
    assert options == {"sites": ["linkedin", "glassdoor"], "results_wanted": 1000,
                       "is_remote": True}
    assert check_search("data engineer", "", ["indeed"], "", False) == (
        "data engineer", {"sites": ["indeed"]})


@pytest.mark.parametrize(
    ("term", "boards", "wanted", "why"),
    [
        ("", ["linkedin"], "", "words to search for"),
        ("python", [], "", "at least one job board"),
        ("python", ["linkedin"], "many", "whole number"),
        ("python", ["linkedin"], "0", "positive"),
        ("https://careers.acme.example/jobs", ["linkedin"], "", "career page"),
    ],
)
def test_a_search_the_rules_refuse_says_why(term, boards, wanted, why) -> None:
    with pytest.raises(SourceRejected, match=why):
        check_search(term, "", boards, wanted, False)


def test_a_saved_search_is_listed_with_its_boards() -> None:
    row = source_row(SavedSource(
        id=3, kind=SourceKind.JOB_BOARD.value, value="python in Berlin", enabled=False,
        options={"sites": ["linkedin", "zip_recruiter"], "results_wanted": 5, "is_remote": True},
    ))
    assert (row.kind, row.value, row.enabled) == ("job-board search", "python in Berlin", False)
    assert row.details == "LinkedIn, ZipRecruiter; 5 results wanted; remote only"


# --- the live run ---------------------------------------------------------------------------


def test_cards_follow_the_sources_lines_and_say_what_was_never_scraped() -> None:
    done = SourceOutcome("a", "career_page", Outcome.BLOCKED, "captcha")
    lines = source_lines(["a", "b", "c"], {"a": done}, running=["b"])
    running = cards_of(Progress(run_id="r", status=RunStatus.STARTED.value, sources=lines))
    assert [(c.source, c.state) for c in running] == [
        ("a", "blocked"), ("b", "scraping"), ("c", "waiting")]
    assert running[0].reason == "captcha"
    ended = cards_of(Progress(run_id="r", status=RunStatus.CANCELLED.value, sources=lines))
    assert [c.state for c in ended] == ["blocked", "not scraped", "not scraped"]


# --- the jobs list and a posting's detail ----------------------------------------------------


def test_salaries_read_as_a_person_writes_them() -> None:
    assert salary_text(70000, 85000, "EUR", "year") == "EUR 70,000 - 85,000 per year"
    assert salary_text(20, 20, "EUR", "hour") == "EUR 20 per hour"
    assert salary_text(None, 60000, None, None) == "60,000"
    assert salary_text(None, None, "EUR", "year") == ""


def test_a_row_of_the_jobs_list_names_its_route_in_words() -> None:
    row = job_row(JobPosting(id=7, canonical_url="x", url="x", title="Engineer",
                             route="board", content_hash="h", remote="remote"))
    assert (row.id, row.title, row.route, row.remote, row.company) == (
        7, "Engineer", "job board", "remote", "")


def test_provenance_shows_the_call_or_that_no_model_was_used() -> None:
    posting = JobPosting(canonical_url="x", url="x", title="T", route="local", content_hash="h")
    call = ModelCall(route="local", tier="thinking", model="tiny-qwen3-thinking",
                     prompt_tokens=1500, completion_tokens=320, latency_ms=1234.5, cost_usd=0.0,
                     reason="1500 tokens <= 8000")
    shown = provenance(posting, call)
    assert (shown.route, shown.tier, shown.prompt_tokens, shown.output_tokens) == (
        "local model", "thinking", 1500, 320)
    assert (shown.latency_ms, shown.cost_usd) == ("1,234 ms", "$0.000000")
    structured = JobPosting(canonical_url="y", url="y", title="T", route="structured",
                            content_hash="h")
    assert provenance(structured, None).reason == "no model was used"


# --- the CSV export ------------------------------------------------------------------------


def test_the_export_streams_the_filtered_postings_as_csv(settings, store, monkeypatch) -> None:
    from starlette.testclient import TestClient

    from jobscraper.ui import export

    store.upsert_postings([
        PostingData(title="Python Engineer", company="ACME", location="Berlin",
                    url="https://a.example/1", route=Route.STRUCTURED),
        PostingData(title="Data Analyst", company="Globex", location="Paris",
                    url="https://b.example/2", route=Route.LOCAL),
        PostingData(title='Quote "and", comma', company="ACME", location="Berlin",
                    url="https://a.example/3", route=Route.STRUCTURED),
    ])
    monkeypatch.setattr(export, "store", lambda: store)
    client = TestClient(export.export_routes())
    answer = client.get("/export/jobs.csv", params={"location": "berlin", "sort": "title"})
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(answer.text)))
    assert [(r["title"], r["company"], r["location"], r["route"], r["url"]) for r in rows] == [
        ("Python Engineer", "ACME", "Berlin", "structured", "https://a.example/1"),
        ('Quote "and", comma', "ACME", "Berlin", "structured", "https://a.example/3"),
    ]
    assert all(r["first_seen_at"] for r in rows)
    refused = client.get("/export/jobs.csv", params={"route": "telepathy"})
    assert refused.status_code == 400 and "unknown route" in refused.text


def test_each_field_says_where_it_came_from_in_reading_order() -> None:
    from jobscraper.ui.jobs import field_origins

    posting = JobPosting(canonical_url="x", url="x", title="T", content_hash="h",
                         field_sources={"salary_min": "text", "title": "platform"})
    assert [(f.field, f.source) for f in field_origins(posting)] == [
        ("Title", "platform"), ("Minimum salary", "text")]
    assert field_origins(JobPosting(canonical_url="y", url="y", title="T", content_hash="h")) == []


@pytest.mark.parametrize(("typed", "amount"), [
    ("80000", 80000.0), ("80,000", 80000.0), ("€80,000", 80000.0), ("80 000", 80000.0),
    ("80k", 80000.0), ("100K", 100000.0), ("2.5k", 2500.0), ("", None), ("  ", None),
])
def test_the_salary_filter_reads_the_ways_people_type_an_amount(
    typed: str, amount: float | None
) -> None:
    from jobscraper.ui.jobs import salary_amount

    assert salary_amount(typed) == amount


def test_a_salary_filter_that_is_no_amount_is_named() -> None:
    from jobscraper.ui.jobs import salary_amount

    with pytest.raises(ValueError, match="'lots' is not an amount"):
        salary_amount("lots")
