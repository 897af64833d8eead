"""Postings stored under an earlier canonical form are found again after an upgrade."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from jobscraper.canonical_upgrade import adopt_canonical_form
from jobscraper.config import Settings, load_settings
from jobscraper.models import JobPosting, PostingData, utcnow
from jobscraper.store import Store

LISTING = "careers.example.com/jobs"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path)


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    app_store = Store(settings)
    yield app_store
    app_store.dispose()


def _stored_as(store: Store, title: str, canonical: str, days_ago: int) -> None:
    """A posting as an earlier version stored it: under ``canonical``, seen ``days_ago``."""
    store.upsert_postings([PostingData(title=title, url=f"https://{LISTING}/{title}")])
    when = utcnow() - timedelta(days=days_ago)
    table = JobPosting.__table__
    with store.engine.begin() as conn:
        conn.execute(
            update(table).where(table.c.title == title)
            .values(canonical_url=canonical, first_seen_at=when, scraped_at=when)
        )


def test_an_http_row_takes_its_https_address_and_is_found_again(
    store: Store, settings: Settings
) -> None:
    _stored_as(store, "backend", f"http://{LISTING}/backend", days_ago=3)
    reopened = Store(settings)  # what the next command or worker does
    try:
        [row] = reopened.postings()
        assert row.canonical_url == f"https://{LISTING}/backend"
        seen_again = PostingData(title="backend", url=f"http://{LISTING}/backend")
        result = reopened.upsert_postings([seen_again])
        assert (result.new, result.updated, result.unchanged) == (0, 0, 1)
        assert reopened.count_postings() == 1
    finally:
        reopened.dispose()


def test_an_http_row_and_its_https_twin_become_one_posting(store: Store) -> None:
    store.upsert_postings([PostingData(title="fresh", url=f"https://{LISTING}/data")])
    _stored_as(store, "first-seen", f"http://{LISTING}/data", days_ago=10)
    table = JobPosting.__table__
    with store.engine.begin() as conn:  # the https row was scraped later than the http one
        conn.execute(update(table).where(table.c.title == "fresh").values(scraped_at=utcnow()))
    assert store.count_postings() == 2

    assert adopt_canonical_form(store.engine) == 1
    [row] = store.postings()
    assert row.canonical_url == f"https://{LISTING}/data"
    assert row.title == "fresh"  # the content most recently scraped
    assert row.first_seen_at < utcnow() - timedelta(days=9)  # seen since the earliest row


def test_an_upgraded_database_has_nothing_left_to_do(store: Store) -> None:
    _stored_as(store, "backend", f"http://{LISTING}/backend", days_ago=1)
    assert adopt_canonical_form(store.engine) == 1
    assert adopt_canonical_form(store.engine) == 0
