"""Our suite's run context in the living documentation: its knobs, without credentials."""

from __future__ import annotations

import pytest

from steps.harness.living_doc_context_fixtures import (
    database_kind,
    pytest_livingdoc_context,
    redis_kind,
)


def test_the_embedded_servers_are_named_as_such() -> None:
    assert redis_kind("") == "embedded redis-server, started by the suite"
    assert database_kind("") == "SQLite, a fresh file per scenario"


def test_addresses_are_shown_without_their_credentials() -> None:
    assert redis_kind("redis://:s3cret@127.0.0.1:6379/2") == "external, redis://127.0.0.1:6379/2"
    shown = database_kind("postgresql+psycopg://postgres:s3cret@127.0.0.1:5432/test")
    assert shown == "PostgreSQL, 127.0.0.1:5432/test"


def test_the_hook_reports_profile_redis_and_database(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("JOBSCRAPER_TEST_REDIS_URL", "JOBSCRAPER_TEST_DATABASE_URL",
                 "JOBSCRAPER_MODEL_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    config = pytester.parseconfig("-p", "steps.harness.options", "--model-profile", "gpu")
    assert pytest_livingdoc_context(config) == {
        "model profile": "gpu",
        "Redis": "embedded redis-server, started by the suite",
        "database": "SQLite, a fresh file per scenario",
    }
