"""What the fake internet saw: every request, and how many were in flight at once.

Written from the proxy's event-loop thread and read from test threads, so all
access goes through one lock and readers get copies.
"""

from __future__ import annotations

import itertools
import threading

from .model import RequestRecord


class Recorder:
    """Request log plus an in-flight timeline for concurrency assertions.

    The timeline is a list of (host, +1 / -1) events in the order they
    happened; ``max_concurrency`` replays it for a host group. Replaying beats
    keeping live counters per group because the group (a host suffix) is only
    known when a step asks.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: list[RequestRecord] = []
        self._events: list[tuple[str, int]] = []
        self._live: dict[int, str] = {}  # request token -> host, while in flight
        # Requests still in flight when the log was last cleared: an earlier test's (a
        # response it abandoned, still being slowed down); their ends are not counted.
        self._orphans: set[int] = set()
        self._tokens = itertools.count()

    def add(self, record: RequestRecord) -> None:
        with self._lock:
            self._records.append(record)

    def begin(self, host: str) -> int:
        """A request to ``host`` is now in flight; the token names it for :meth:`end`."""
        with self._lock:
            token = next(self._tokens)
            self._live[token] = host
            self._events.append((host, 1))
            return token

    def end(self, token: int) -> None:
        """The request ``begin`` gave this token has been answered (or abandoned)."""
        with self._lock:
            host = self._live.pop(token, None)
            if host is None or token in self._orphans:
                self._orphans.discard(token)
                return
            self._events.append((host, -1))

    @property
    def records(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._records)

    def clear(self) -> None:
        """Forget the log and the timeline. Requests still in flight belong to the test
        that made them: their ends are not counted either, so the next test's concurrency
        starts from its own requests."""
        with self._lock:
            self._records.clear()
            self._orphans.update(self._live)
            self._events = []

    def max_concurrency(self, host_suffix: str) -> int:
        """The most requests in flight at once to hosts ending with ``host_suffix``."""
        suffix = host_suffix.lower()
        with self._lock:
            events = list(self._events)
        current = peak = 0
        for host, delta in events:
            if host.endswith(suffix):
                current += delta
                peak = max(peak, current)
        return peak

    def in_flight(self, host_suffix: str = "") -> int:
        """Requests in flight right now to hosts ending with ``host_suffix``."""
        suffix = host_suffix.lower()
        with self._lock:
            return sum(d for h, d in self._events if h.endswith(suffix))
