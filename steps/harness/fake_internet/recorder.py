"""What the fake internet saw: every request, and how many were in flight at once.

Written from the proxy's event-loop thread and read from test threads, so all
access goes through one lock and readers get copies.
"""

from __future__ import annotations

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

    def add(self, record: RequestRecord) -> None:
        with self._lock:
            self._records.append(record)

    def begin(self, host: str) -> None:
        """A request to ``host`` is now in flight."""
        with self._lock:
            self._events.append((host, 1))

    def end(self, host: str) -> None:
        """A request to ``host`` has been answered (or abandoned)."""
        with self._lock:
            self._events.append((host, -1))

    @property
    def records(self) -> list[RequestRecord]:
        with self._lock:
            return list(self._records)

    def clear(self) -> None:
        """Forget the log and the timeline (requests in flight keep counting)."""
        with self._lock:
            self._records.clear()
            live: dict[str, int] = {}
            for host, delta in self._events:
                live[host] = live.get(host, 0) + delta
            self._events = [(h, 1) for h, n in live.items() for _ in range(n)]

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
