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
        # host -> requests still in flight when the log was last cleared: an earlier
        # test's (a response it abandoned, still being slowed down), not counted again
        self._orphans: dict[str, int] = {}

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
            if self._orphans.get(host):
                self._orphans[host] -= 1
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
            for host, delta in self._events:
                self._orphans[host] = self._orphans.get(host, 0) + delta
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
