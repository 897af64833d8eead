"""Shared vocabulary of features/deployment: one database, one Redis, one model server, many
processes.

A shared deployment is what the README's "Shared deployment" section describes:
``jobscraper worker`` processes (on GPU hosts, in production) and the dashboard
meet in one PostgreSQL and one Redis, and the local model tiers are served by a
vLLM OpenAI-compatible server. Here the database is a scratch database of this
machine's PostgreSQL and the Redis a lent database number of this machine's
Redis (``steps/harness/deployment_fixtures.py``); the model server is the
suite's real vLLM server with a tiny model (``cloud_endpoint``), which the
local tiers reach through ``local_base_url`` exactly as a deployment's workers
would. Workers and dashboard are the application's own processes, given these
settings as ``JOBSCRAPER_*`` variables.
"""

from __future__ import annotations

from collections import Counter

import pytest
from pytest_bdd import given, then

from jobscraper.config import Settings, default_tiers
from jobscraper.models import Route
from jobscraper.store import Store
from jobscraper.urls import canonicalize_url
from steps.common._types import phrase
from steps.common.context import ScenarioContext
from steps.common.runs import source_labels
from steps.harness.app import SettingsOverrides
from steps.harness.deployment_fixtures import LentRedisDatabase, ScratchDatabase
from steps.harness.models_fixtures import CloudEndpoint
from steps.harness.site_names import site_at, site_of
from steps.harness.worker_fixtures import Workers


@given(phrase("{count:Number} workers and the dashboard share this machine's PostgreSQL, "
              "its Redis and a local model server"))
def shared_deployment(
    count: int,
    shared_postgres: ScratchDatabase,
    shared_redis: LentRedisDatabase,
    cloud_endpoint: CloudEndpoint,
    settings_overrides: SettingsOverrides,
    request: pytest.FixtureRequest,
) -> None:
    """Every process of the app gets one database URL, one Redis URL and one model server.

    The server serves one model under one name, so every local tier asks for that
    name (a deployment with one vLLM server sets its tier table the same way). The
    workers start after the settings, so they read them at start as a real worker does.
    """
    settings_overrides.update(
        database_url=shared_postgres.url,
        redis_url=shared_redis.url,
        local_base_url=cloud_endpoint.base_url,
        tiers=[tier.model_copy(update={"gpu_model": cloud_endpoint.model})
               for tier in default_tiers()],
    )
    workers: Workers = request.getfixturevalue("workers")
    workers.start(count)


@then("every posting of these career sites is stored once")
def each_posting_once(store: Store, scenario: ScenarioContext) -> None:
    """Each posting the career sites list is stored, under its canonical address, once; and
    nothing else is (whichever worker found it)."""
    expected = [
        canonicalize_url(url)
        for source in source_labels(scenario)
        if (info := site_at(source)) is not None
        for url in info.posting_urls
    ]
    assert expected, f"no fixture career site among the sources {scenario.sources}"
    stored = Counter(posting.canonical_url for posting in store.postings())
    missing = [url for url in expected if url not in stored]
    assert not missing, f"postings not stored: {missing}; stored: {sorted(stored)}"
    assert sum(stored.values()) == len(expected), (
        f"{sum(stored.values())} postings stored for {len(expected)} listed: {sorted(stored)}"
    )


@then(phrase('every posting of "{company:Quoted}" was read by the local model server'))
def read_by_model_server(company: str, store: Store, app_settings: Settings) -> None:
    """The company's pages have no structured data: each posting went the local route, and
    the recorded call that extracted it was answered by the shared model server."""
    for url in site_of(company).posting_urls:
        posting = store.posting_by_url(url)
        assert posting is not None, f"{url} is not stored"
        assert posting.route == Route.LOCAL.value, f"{url} came by the route {posting.route}"
        call = store.call_for_posting(posting)
        assert call is not None, f"no recorded model call extracted {url}"
        assert call.endpoint == app_settings.local_base_url, (
            f"{url} was extracted at {call.endpoint}, not {app_settings.local_base_url}"
        )
