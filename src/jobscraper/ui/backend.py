"""What the dashboard's state classes share: the settings and store of this server process.

The Reflex backend is one process started by ``jobscraper ui`` with the
resolved settings in its environment; it opens the store once and every page
uses it. Store calls are blocking (SQLAlchemy), so event handlers run them
with :func:`blocking`, off the event loop that also carries every tab's live
progress.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from jobscraper.config import Settings, load_settings
from jobscraper.store import Store

P = ParamSpec("P")
T = TypeVar("T")


@functools.cache
def settings() -> Settings:
    """The dashboard's settings (read once from the ``JOBSCRAPER_*`` environment)."""
    return load_settings()


@functools.cache
def store() -> Store:
    return Store(settings())


async def blocking(func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run blocking work (SQL, Redis) in a thread so no tab's live view stalls."""
    return await asyncio.to_thread(func, *args, **kwargs)
