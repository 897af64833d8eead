"""Which local model a process holds, announced in Redis (the dashboard's Models page)."""

from __future__ import annotations

import time

from jobscraper.ai import residency
from jobscraper.ai.residency import ResidencyBeacon, resident_models
from jobscraper.redis_server import sync_client


def test_a_loaded_model_is_announced_until_it_is_unloaded(redis_settings) -> None:
    connection = sync_client(redis_settings())
    beacon = ResidencyBeacon(connection, holder="host-a:101")
    assert resident_models(connection) == []
    beacon.loaded("thinking", "tiny-qwen3-thinking", 7123.4)
    [resident] = resident_models(connection)
    assert (resident.holder, resident.tier, resident.model, resident.load_ms) == (
        "host-a:101", "thinking", "tiny-qwen3-thinking", 7123.4)
    assert (resident.hostname, resident.pid) == ("host-a", 101)
    beacon.unloaded()
    assert resident_models(connection) == []


def test_a_process_that_stops_renewing_disappears(redis_settings, monkeypatch) -> None:
    monkeypatch.setattr(residency, "TTL_S", 1)
    connection = sync_client(redis_settings())
    beacon = ResidencyBeacon(connection, holder="host-b:202")
    beacon.loaded("primary", "tiny-qwen3-primary", 10.0)
    beacon._stop.set()  # the process died: nothing renews the announcement
    time.sleep(1.3)
    assert resident_models(connection) == []
