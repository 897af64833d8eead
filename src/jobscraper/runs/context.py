"""What a worker process keeps loaded between runs: store, Redis client, extractor, event loop.

``run_worker`` installs one :class:`WorkerContext` for its process
(``set_context``); a run (``jobscraper.runs.job``) and the worker's maintenance
(``jobscraper.runs.worker``) both use it, so it lives apart from either. Under
a plain ``rq worker``, which installs nothing, :func:`context` builds one from
the environment on first use.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from dataclasses import dataclass, field
from typing import Any

import redis

from jobscraper.config import Settings, load_settings
from jobscraper.redis_server import sync_client
from jobscraper.store import Store

log = logging.getLogger(__name__)


@dataclass
class WorkerContext:
    """What stays loaded in a worker between runs (store, Redis client, extractor)."""

    settings: Settings
    store: Store
    connection: redis.Redis
    worker_name: str | None = None
    extractor: Any = None
    _local: threading.local = field(default_factory=threading.local, repr=False)

    def get_extractor(self) -> Any:
        """The model route, built at the first run and kept (a loaded model stays loaded)."""
        if self.extractor is None:
            try:
                from jobscraper.extract.pipeline import default_extractor

                self.extractor = default_extractor(self.settings, self.store)
            except Exception:  # the scrape then builds its own
                log.exception("could not build the extractor; each run builds its own")
        return self.extractor

    def run_async(self, coro: Any) -> Any:
        """Run a coroutine on this thread's event loop, kept between runs (so
        loop-bound clients of a resident model stay valid)."""
        loop: asyncio.AbstractEventLoop | None = getattr(self._local, "loop", None)
        if loop is None or loop.is_closed():
            loop = self._local.loop = asyncio.new_event_loop()
        try:
            return loop.run_until_complete(coro)
        except BaseException:  # a timeout (SIGALRM) or crash: leave no task behind
            pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
            for task in pending:
                task.cancel()
            with contextlib.suppress(BaseException):
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            raise

    def close(self) -> None:
        loop = getattr(self._local, "loop", None)
        if loop is not None and not loop.is_closed():
            loop.close()
        self.store.dispose()


_context: WorkerContext | None = None
_context_lock = threading.Lock()


def context() -> WorkerContext:
    """The worker's context; built from the environment under a plain ``rq worker``."""
    global _context
    with _context_lock:
        if _context is None:
            settings = load_settings()
            _context = WorkerContext(
                settings=settings, store=Store(settings), connection=sync_client(settings)
            )
        return _context


def set_context(ctx: WorkerContext | None) -> None:
    """Install this process's context (``run_worker`` does before taking runs); None removes it."""
    global _context
    with _context_lock:
        _context = ctx


def installed_context() -> WorkerContext | None:
    """The context installed for this process, if any (never builds one)."""
    return _context
