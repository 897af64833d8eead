"""Following a run: its latest state, then every later update in order, until it ends.

A follower subscribes to the run's channel *first* and reads its state
*second*; the publisher stores and publishes each update in one atomic step
(:mod:`jobscraper.runs.progress`), so nothing between the two is lost, and the
sequence number tells an update the state already holds from a new one.

Every decision is made once, by :class:`FollowCursor`, which does no I/O. Two
thin loops drive it, one per kind of Redis client: :func:`subscribe` (async,
``redis.asyncio``: the dashboard and the acceptance suite) and :func:`follow`
(synchronous: the command line). Publishing stays in ``progress``; this module
is the reading side only.

The run's *current state*, read at the start and whenever the channel has been
quiet for a poll interval, follows one rule in both loops: the Redis hash, and
the run's SQL row when Redis has no state (restart, expiry) *or* cannot be read
(restarting). A follower therefore never goes blind while Redis is away: the
row is the run's durable truth, and a final row ends the stream.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import Any

import redis
import redis.asyncio as aioredis

from jobscraper.config import Settings
from jobscraper.redis_server import async_client, sync_client
from jobscraper.runs.errors import RunNotFound
from jobscraper.runs.progress import (
    Progress,
    channel_name,
    parse_message,
    state_key,
    state_snapshot,
)
from jobscraper.store import Store

# What a Redis that is restarting or unreachable raises: the follower waits it out.
REDIS_AWAY = (redis.ConnectionError, redis.TimeoutError, OSError)
RESUBSCRIBE_PAUSE_S = 0.2
SUBSCRIBE_CONFIRMATION_S = 10.0


class FollowCursor:
    """Where a follower stands in one run's stream, and whether what it read is news.

    The loop hands it what it read (the first state, a message from the
    channel, a state re-read while the channel was quiet); the cursor answers
    with the update to yield, or None to drop it. It remembers the highest
    sequence number yielded and is ``done`` once a final state was yielded.
    The clock is injected so the overall timeout is testable without waiting.
    """

    def __init__(
        self,
        run_id: str,
        *,
        timeout_s: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.run_id = run_id
        self.timeout_s = timeout_s
        self.last_seq = 0
        self._clock = clock
        self._deadline = None if timeout_s is None else clock() + timeout_s
        self._done = False

    @property
    def done(self) -> bool:
        """A final state (completed / failed / cancelled) was yielded: the stream is over."""
        return self._done

    def start(self, state: Progress | None) -> Progress:
        """The first state to yield: the one read right after subscribing.

        None means neither Redis nor the store knows the run: ``RunNotFound``.
        """
        if state is None:
            raise RunNotFound(self.run_id)
        return self._advance(state)

    def accept(self, update: Progress) -> Progress | None:
        """A message from the channel: yield it, or drop it (None) as already seen."""
        if self._done or update.seq <= self.last_seq:
            return None
        return self._advance(update)

    def catch_up(self, current: Progress | None) -> Progress | None:
        """The state re-read while the channel was quiet: yield it when it is news.

        News is a later sequence number (messages were missed, e.g. while
        reconnecting) or a final state whatever its number: a final state
        cannot have been yielded yet (the stream ends on it), and one rebuilt
        from the SQL row carries no sequence number at all.
        """
        if self._done or current is None:
            return None
        if current.seq <= self.last_seq and not current.is_final:
            return None
        return self._advance(current)

    def check_deadline(self) -> None:
        """Raise ``TimeoutError`` once the whole follow took longer than ``timeout_s``."""
        if self._deadline is not None and self._clock() > self._deadline:
            raise TimeoutError(f"run {self.run_id} did not end within {self.timeout_s} s")

    def _advance(self, state: Progress) -> Progress:
        self.last_seq = max(self.last_seq, state.seq)
        self._done = state.is_final
        return state


def update_in(message: Mapping[str, Any] | None) -> Progress | None:
    """The update a pub/sub message carries, stamped as received now (None if it has none)."""
    if message is None or message.get("type") != "message":
        return None
    update = parse_message(message["data"])
    update.received_at = time.time()
    return update


class _DurableState:
    """The run's SQL row as a state, for when Redis has none or is away.

    A follower may ask every poll interval while Redis is empty, so the store
    is opened once, on first need, and closed with the follower.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._store: Store | None = None

    def read(self, run_id: str) -> Progress | None:
        if self._store is None:
            self._store = Store(self.settings)
        run = self._store.get_run(run_id)
        if run is None:
            return None
        state = Progress.from_run(run)
        state.received_at = time.time()
        return state

    def close(self) -> None:
        if self._store is not None:
            self._store.dispose()


# --- the async loop -------------------------------------------------------------------


async def subscribe(
    run_id: str,
    settings: Settings,
    *,
    poll_s: float = 2.0,
    timeout_s: float | None = None,
) -> AsyncIterator[Progress]:
    """Yield the run's latest state, then every later update in order, until it ends.

    Every ``poll_s`` seconds without a message the current state is read
    again, which also covers a Redis restart (the client reconnects and
    resubscribes). Ends after a completed / failed / cancelled state.
    ``timeout_s`` bounds the whole wait (``TimeoutError``); an unknown run
    raises ``RunNotFound``.
    """
    cursor = FollowCursor(run_id, timeout_s=timeout_s)
    client = async_client(settings)
    pubsub = client.pubsub()
    durable = _DurableState(settings)
    try:
        await _async_subscribe(pubsub, channel_name(run_id))
        yield cursor.start(await _async_current(client, run_id, durable))
        while not cursor.done:
            cursor.check_deadline()
            update = update_in(await _async_next_message(pubsub, run_id, poll_s))
            if update is not None:
                news = cursor.accept(update)
            else:  # quiet for a while (or reconnected): has anything been missed?
                news = cursor.catch_up(await _async_current(client, run_id, durable))
            if news is not None:
                yield news
    finally:
        with contextlib.suppress(Exception):
            await pubsub.aclose()
        with contextlib.suppress(Exception):
            await client.aclose()
        await asyncio.to_thread(durable.close)


async def _async_current(
    client: aioredis.Redis, run_id: str, durable: _DurableState
) -> Progress | None:
    """The run's current state (the module's rule: Redis hash, else the SQL row)."""
    try:
        state = state_snapshot(await client.hgetall(state_key(run_id)))
    except REDIS_AWAY:
        state = None
    if state is None:
        state = await asyncio.to_thread(durable.read, run_id)
    return state


async def _async_next_message(
    pubsub: aioredis.client.PubSub, run_id: str, poll_s: float
) -> dict[str, Any] | None:
    """The next message within ``poll_s``; None when quiet or after a reconnection."""
    try:
        return await pubsub.get_message(ignore_subscribe_messages=True, timeout=poll_s)
    except REDIS_AWAY:
        await asyncio.sleep(RESUBSCRIBE_PAUSE_S)
        with contextlib.suppress(redis.RedisError, OSError):
            await pubsub.reset()
            await _async_subscribe(pubsub, channel_name(run_id))
        return None


async def _async_subscribe(pubsub: aioredis.client.PubSub, channel: str) -> None:
    """Subscribe and wait for the server's confirmation (so the subscription is live)."""
    await pubsub.subscribe(channel)
    deadline = time.monotonic() + SUBSCRIBE_CONFIRMATION_S
    while time.monotonic() < deadline:
        if _confirms_subscription(await pubsub.get_message(timeout=1.0)):
            return
    raise redis.TimeoutError(f"no confirmation of the subscription to {channel}")


# --- the sync loop --------------------------------------------------------------------


def follow(
    run_id: str,
    settings: Settings,
    *,
    poll_s: float = 1.0,
    timeout_s: float | None = None,
) -> Iterator[Progress]:
    """Synchronous :func:`subscribe` for the command line (same cursor, same guarantees)."""
    cursor = FollowCursor(run_id, timeout_s=timeout_s)
    client = sync_client(settings)
    pubsub = client.pubsub()
    durable = _DurableState(settings)
    try:
        _sync_subscribe(pubsub, channel_name(run_id))
        yield cursor.start(_sync_current(client, run_id, durable))
        while not cursor.done:
            cursor.check_deadline()
            update = update_in(_sync_next_message(pubsub, run_id, poll_s))
            if update is not None:
                news = cursor.accept(update)
            else:  # quiet for a while (or reconnected): has anything been missed?
                news = cursor.catch_up(_sync_current(client, run_id, durable))
            if news is not None:
                yield news
    finally:
        with contextlib.suppress(Exception):
            pubsub.close()
        with contextlib.suppress(Exception):
            client.close()
        durable.close()


def _sync_current(client: redis.Redis, run_id: str, durable: _DurableState) -> Progress | None:
    """The run's current state (the module's rule: Redis hash, else the SQL row)."""
    try:
        state = state_snapshot(client.hgetall(state_key(run_id)))
    except REDIS_AWAY:
        state = None
    if state is None:
        state = durable.read(run_id)
    return state


def _sync_next_message(
    pubsub: redis.client.PubSub, run_id: str, poll_s: float
) -> dict[str, Any] | None:
    """The next message within ``poll_s``; None when quiet or after a reconnection."""
    try:
        return pubsub.get_message(ignore_subscribe_messages=True, timeout=poll_s)
    except REDIS_AWAY:
        time.sleep(RESUBSCRIBE_PAUSE_S)
        with contextlib.suppress(redis.RedisError, OSError):
            pubsub.reset()
            _sync_subscribe(pubsub, channel_name(run_id))
        return None


def _sync_subscribe(pubsub: redis.client.PubSub, channel: str) -> None:
    """Subscribe and wait for the server's confirmation (so the subscription is live)."""
    pubsub.subscribe(channel)
    deadline = time.monotonic() + SUBSCRIBE_CONFIRMATION_S
    while time.monotonic() < deadline:
        if _confirms_subscription(pubsub.get_message(timeout=1.0)):
            return
    raise redis.TimeoutError(f"no confirmation of the subscription to {channel}")


def _confirms_subscription(message: Mapping[str, Any] | None) -> bool:
    return message is not None and message.get("type") == "subscribe"
