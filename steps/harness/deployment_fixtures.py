"""The machine's own PostgreSQL and Redis, for the scenarios of a shared deployment.

Every other scenario gets a private SQLite file and a database number of the
suite's own redis-server. A shared deployment is about several processes
meeting in the services a team really runs, so these fixtures lend a scenario
part of the machine's ones without disturbing anyone else using them (other
suites run at the same time under xdist, other engineers' shells):

* ``shared_postgres``: a scratch database created on the machine's PostgreSQL
  (``--shared-postgres-url``, default the ``test`` database on 127.0.0.1:5432)
  and dropped after the scenario, connections and all;
* ``shared_redis``: a database number of the machine's Redis
  (``--shared-redis-url``, default 127.0.0.1:6379) held under a machine-wide file
  lock, so two shared-deployment scenarios never use the same one at once, and
  flushed before and after (only that number).

Where a service does not answer, the scenario is skipped with the reason.
"""

from __future__ import annotations

import contextlib
import fcntl
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit

import pytest
import redis
from sqlalchemy import create_engine, make_url, text

from steps.harness.waiting import wait_for

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379"
# The machine's Redis database numbers lent to scenarios, highest first: a plain
# `redis-cli` or a developer's JOBSCRAPER_REDIS_URL without a number uses 0.
LENT_REDIS_DBS = (15, 14, 13, 12)
REDIS_WAIT_S = 600.0  # another suite's shared-deployment scenarios hold every number
CONNECT_TIMEOUT_S = 3


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("jobscraper", "jobscraper acceptance suite")
    group.addoption(
        "--shared-postgres-url", metavar="URL", default=DEFAULT_POSTGRES_URL,
        help="the machine's PostgreSQL for the shared-deployment scenarios (a scratch "
        f"database is created there for each and dropped after it); default {DEFAULT_POSTGRES_URL}",
    )
    group.addoption(
        "--shared-redis-url", metavar="URL", default=DEFAULT_REDIS_URL,
        help="the machine's Redis for the shared-deployment scenarios (each holds one of the "
        f"database numbers {LENT_REDIS_DBS} under a file lock and flushes only it); "
        f"default {DEFAULT_REDIS_URL}",
    )


@dataclass(frozen=True)
class ScratchDatabase:
    """A database of the machine's PostgreSQL that exists for one scenario."""

    name: str
    url: str


@pytest.fixture
def shared_postgres(pytestconfig: pytest.Config) -> Iterator[ScratchDatabase]:
    admin_url = make_url(pytestconfig.getoption("shared_postgres_url"))
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT",
                          connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
    name = f"jobscraper_shared_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:
        admin.dispose()
        pytest.skip(f"a shared deployment needs PostgreSQL; {admin_url.render_as_string()} "
                    f"did not create a database: {str(exc).splitlines()[0]}")
    url = admin_url.set(database=name).render_as_string(hide_password=False)
    try:
        yield ScratchDatabase(name, url)
    finally:
        with admin.connect() as conn:  # WITH (FORCE): workers may still hold connections
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@dataclass(frozen=True)
class LentRedisDatabase:
    """One database number of the machine's Redis, the scenario's alone while it runs."""

    db: int
    url: str


def _lock_path(base_url: str, db: int) -> Path:
    parts = urlsplit(base_url)
    where = f"{parts.hostname}-{parts.port or 6379}-{db}"
    return Path(tempfile.gettempdir()) / f"jobscraper-shared-redis-{where}.lock"


def _hold_a_database(base_url: str) -> tuple[int, IO[str]]:
    """A lent database number and its lock file, held; waits while all are taken."""
    handles = {db: _lock_path(base_url, db).open("a") for db in LENT_REDIS_DBS}

    def take() -> int | None:
        for db, handle in handles.items():
            with contextlib.suppress(BlockingIOError):
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return db
        return None

    try:
        db = wait_for(take, REDIS_WAIT_S, f"every lent database of {base_url} stayed taken",
                      interval_s=0.5)
    except BaseException:
        for handle in handles.values():
            handle.close()
        raise
    for other, handle in handles.items():
        if other != db:
            handle.close()
    return db, handles[db]


@pytest.fixture
def shared_redis(pytestconfig: pytest.Config) -> Iterator[LentRedisDatabase]:
    base_url = str(pytestconfig.getoption("shared_redis_url")).rstrip("/")
    probe = redis.Redis.from_url(base_url, socket_connect_timeout=CONNECT_TIMEOUT_S)
    try:
        probe.ping()
    except redis.RedisError as exc:
        pytest.skip(f"a shared deployment needs Redis; {base_url} does not answer: {exc}")
    finally:
        probe.close()
    db, lock = _hold_a_database(base_url)
    url = f"{base_url}/{db}"
    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
        yield LentRedisDatabase(db, url)
    finally:
        with contextlib.suppress(redis.RedisError):
            client.flushdb()
        client.close()
        lock.close()  # closing the file releases the lock


__all__ = ["LentRedisDatabase", "ScratchDatabase", "shared_postgres", "shared_redis"]
