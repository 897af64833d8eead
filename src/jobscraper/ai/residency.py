"""Which local model each process holds, announced in Redis for the dashboard.

A model lives in the worker process that loaded it; the dashboard runs
elsewhere. On every load the model manager announces the resident model
(tier, model, load time) under a key of its own process, with a short expiry
that a background thread renews while the model stays loaded. An unload
deletes the key; a process that dies simply stops renewing it, so a crashed
worker's model disappears from the dashboard within :data:`TTL_S`.

Announcing is best effort: a Redis that cannot be reached never stops a load.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import socket
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

import redis

log = logging.getLogger(__name__)

KEY_PREFIX = "jobscraper:models:resident:"
TTL_S = 30


@dataclass
class Resident:
    """A local model resident in some process."""

    holder: str  # host:pid of the process (RQ lists its workers by the same two)
    tier: str
    model: str
    load_ms: float
    loaded_at: str  # ISO time, UTC

    @property
    def hostname(self) -> str:
        return self.holder.rsplit(":", 1)[0]

    @property
    def pid(self) -> int:
        return int(self.holder.rsplit(":", 1)[1])


def this_process() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _key(holder: str) -> str:
    return f"{KEY_PREFIX}{holder}"


class ResidencyBeacon:
    """Keeps this process's resident model announced while it stays loaded."""

    def __init__(self, connection: redis.Redis, holder: str | None = None) -> None:
        self.connection = connection
        self.holder = holder or this_process()
        self._payload: str | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def loaded(self, tier: str, model: str, load_ms: float) -> None:
        resident = Resident(self.holder, tier, model, round(load_ms, 1),
                            datetime.now(UTC).isoformat(timespec="seconds"))
        self._payload = json.dumps(asdict(resident))
        self._write()
        if self._thread is None or not self._thread.is_alive():
            self._stop.clear()
            self._thread = threading.Thread(
                target=self._renew, name="model-residency", daemon=True
            )
            self._thread.start()

    def unloaded(self) -> None:
        self._payload = None
        self._stop.set()
        with contextlib.suppress(redis.RedisError, OSError):
            self.connection.delete(_key(self.holder))

    def _write(self) -> None:
        if self._payload is None:
            return
        try:
            self.connection.set(_key(self.holder), self._payload, ex=TTL_S)
        except (redis.RedisError, OSError) as exc:
            log.debug("resident model not announced: %s", exc)

    def _renew(self) -> None:
        while not self._stop.wait(TTL_S / 3):
            self._write()


def resident_models(connection: redis.Redis) -> list[Resident]:
    """Every model announced as resident, by holder."""
    found = []
    for key in connection.scan_iter(match=f"{KEY_PREFIX}*", count=100):
        raw = connection.get(key)
        if not raw:
            continue
        with contextlib.suppress(ValueError, TypeError):
            found.append(Resident(**json.loads(raw)))
    return sorted(found, key=lambda r: r.holder)
