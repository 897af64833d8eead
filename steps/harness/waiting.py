"""Waiting for something that happens in another process: one poll loop for the suite.

Runs end in worker processes, workers register in Redis, model servers come
up over HTTP: steps and fixtures never sleep a fixed time, they poll a
condition with :func:`wait_for`, which fails with what was awaited and the
details that explain why it did not happen (worker logs, the run's state).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# How long a scenario waits for a background run (or a foreground scrape's run row) to
# end, and for its progress stream to close: generous for two shared cores.
RUN_TIMEOUT_S = 180.0


def _nothing() -> str:
    return ""


def wait_for(
    condition: Callable[[], T | None],
    timeout_s: float,
    what: str,
    details: Callable[[], str] = _nothing,
    *,
    interval_s: float = 0.05,
) -> T:
    """Poll ``condition`` until it returns something truthy, and return that.

    After ``timeout_s`` seconds, fail with an AssertionError saying ``what`` did
    not happen, followed by ``details()`` (computed only then). A condition may
    raise to fail at once (a process it waits for has exited).
    """
    deadline = time.monotonic() + timeout_s
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} (waited {timeout_s:.0f} s)\n{details()}")
        time.sleep(interval_s)
