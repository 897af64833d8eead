"""Live progress of a run: the latest state in a Redis hash, every update on a channel.

Each update is written by one Lua script that, atomically on the server,

1. gives the update the next sequence number of the run (``seq``),
2. stores it as the run's latest state (hash ``jobscraper:run:<id>:state``), and
3. publishes it on the run's channel (``jobscraper:run:<id>:updates``).

Because the three happen as one step, a subscriber that subscribes to the
channel *first* and reads the hash *second* misses nothing: every update is
either already in the state it read or still to come on the channel, and the
sequence number tells the two apart (updates at or below the state's number
are skipped). That is what the followers of :mod:`jobscraper.runs.follower` do.

The sequence number never goes backwards: the publisher remembers the last
number it used and the script takes the larger of that and the stored one, so
neither a restarted Redis (which keeps nothing on disk) nor a run resumed by
another worker makes it restart from 1 in the middle of a stream.

Progress is a view. The run's durable state is its ``ScrapeRun`` row in SQL:
when Redis is unreachable an update is retried for a while and then dropped
(the next one rebuilds the hash), and a follower that finds no state in
Redis reads the row instead.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any

import redis
from pydantic import BaseModel, Field

from jobscraper.config import Settings
from jobscraper.models import Outcome, RunStatus, ScrapeRun, SourceOutcome
from jobscraper.redis_server import sync_client

log = logging.getLogger(__name__)

KEY_PREFIX = "jobscraper:run:"
STATE_TTL_S = 7 * 24 * 3600  # a finished run's state is kept a week in Redis
FINAL = {s.value for s in RunStatus if s.is_final}

# KEYS[1] state hash, KEYS[2] channel
# ARGV[1] payload JSON without "seq", ARGV[2] lowest acceptable seq, ARGV[3] ttl,
# ARGV[4..] field, value pairs of the readable hash fields
_PUBLISH_LUA = """
local current = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
local seq = math.max(current + 1, tonumber(ARGV[2]))
local payload = '{"seq":' .. seq .. ',' .. string.sub(ARGV[1], 2)
redis.call('HSET', KEYS[1], 'seq', seq, 'json', payload)
if #ARGV > 3 then
  redis.call('HSET', KEYS[1], unpack(ARGV, 4))
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
redis.call('PUBLISH', KEYS[2], payload)
return seq
"""


def state_key(run_id: str) -> str:
    return f"{KEY_PREFIX}{run_id}:state"


def channel_name(run_id: str) -> str:
    return f"{KEY_PREFIX}{run_id}:updates"


class SourcePhase(StrEnum):
    """Where one source of a run stands."""

    WAITING = "waiting"
    SCRAPING = "scraping"
    DONE = "done"  # its ``outcome`` says how it went


class SourceProgress(BaseModel):
    """One source's line in a run's progress (the dashboard draws one card per source)."""

    phase: SourcePhase = SourcePhase.WAITING
    outcome: Outcome | None = None
    postings: int = 0
    cloud: int = Field(default=0, description="of the postings, those the cloud extracted")
    reason: str | None = None

    @property
    def local(self) -> int:
        return self.postings - self.cloud


def source_lines(
    sources: Sequence[str], outcomes: Mapping[str, SourceOutcome], running: Iterable[str] = ()
) -> dict[str, SourceProgress]:
    """Every source of a run, in the run's order: done (with its outcome), scraping, waiting."""
    busy = set(running)
    lines: dict[str, SourceProgress] = {}
    for source in sources:
        outcome = outcomes.get(source)
        if outcome is not None:
            lines[source] = SourceProgress(
                phase=SourcePhase.DONE,
                outcome=outcome.outcome,
                postings=outcome.postings,
                cloud=outcome.cloud_postings,
                reason=outcome.reason,
            )
        else:
            phase = SourcePhase.SCRAPING if source in busy else SourcePhase.WAITING
            lines[source] = SourceProgress(phase=phase)
    return lines


class Progress(BaseModel):
    """One progress update of a run (the JSON published, and the state kept)."""

    run_id: str
    seq: int = 0
    status: str = RunStatus.QUEUED.value
    sources_done: int = 0
    sources_total: int = 0
    percent: float = 0.0
    current_source: str | None = None
    postings_found: int = 0
    postings_local: int = Field(default=0, description="postings processed without the cloud")
    postings_cloud: int = Field(default=0, description="postings that needed the cloud model")
    worker: str | None = None
    message: str | None = None
    sources: dict[str, SourceProgress] = Field(
        default_factory=dict, description="each source's line, in the run's order"
    )
    ts: float = Field(default=0.0, description="publish time, seconds since the epoch")
    # Filled in by subscribers, never published:
    received_at: float | None = Field(default=None, exclude=True)
    snapshot: bool = Field(default=False, exclude=True, description="read from the state hash")

    @property
    def is_final(self) -> bool:
        return self.status in FINAL

    @property
    def latency_s(self) -> float | None:
        """Publish-to-receipt delay (None for a state read from the hash)."""
        if self.received_at is None or self.snapshot or not self.ts:
            return None
        return self.received_at - self.ts

    @classmethod
    def from_run(cls, run: ScrapeRun) -> Progress:
        """The state a run's durable SQL row describes (when Redis has none)."""
        outcomes = run.source_outcomes()
        local, cloud = local_cloud_split(outcomes.values())
        return cls(
            run_id=run.id,
            status=run.status,
            sources_done=run.sources_done,
            sources_total=run.sources_total,
            percent=percent(run.sources_done, run.sources_total, run.status),
            postings_found=run.postings_found,
            postings_local=local,
            postings_cloud=cloud,
            message=run.error,
            sources=source_lines(run.sources or [], outcomes),
            ts=(run.finished_at or run.started_at or run.created_at).timestamp(),
            snapshot=True,
        )


def counted(count: int, noun: str) -> str:
    """"1 posting", "0 postings", "2 sources": a count with its noun, singular for one."""
    return f"{count} {noun}" + ("" if count == 1 else "s")


def percent(done: int, total: int, status: str) -> float:
    if status == RunStatus.COMPLETED.value or total <= 0:
        return 100.0 if status == RunStatus.COMPLETED.value else 0.0
    return round(min(100.0, 100.0 * done / total), 1)


def _hash_fields(progress: Progress) -> list[str]:
    """Readable hash fields (``redis-cli HGETALL`` and rq-dashboard users see these)."""
    data = progress.model_dump(mode="json", exclude={"seq", "sources"})
    pairs: list[str] = []
    for name, value in data.items():
        pairs += [name, "" if value is None else str(value)]
    return pairs


def parse_state(raw: dict[Any, Any]) -> Progress | None:
    """The Progress stored in a state hash (``HGETALL`` result), or None."""
    if not raw:
        return None
    text = raw.get(b"json", raw.get("json"))
    if not text:
        return None
    return Progress.model_validate_json(text)


def parse_message(data: bytes | str) -> Progress:
    return Progress.model_validate_json(data)


def local_cloud_split(outcomes: Iterable[SourceOutcome]) -> tuple[int, int]:
    """(postings processed without the cloud, postings the cloud extracted) of a run.

    Each source outcome counts its postings by extraction route (``routes``);
    structured, board and local postings all count as processed locally.
    """
    found = cloud = 0
    for outcome in outcomes:
        found += outcome.postings
        cloud += outcome.cloud_postings
    return found - cloud, cloud


# --- publishing -------------------------------------------------------------------


class ProgressPublisher:
    """Writes and publishes one run's updates; remembers the state so far.

    ``publish(**changes)`` merges the changes into the last state, stamps it
    and sends it. Redis errors are retried for ``retry_for_s`` seconds (final
    updates: three times as long), then logged and dropped: a run never fails
    because its progress could not be shown.
    """

    def __init__(
        self,
        run_id: str,
        connection: redis.Redis,
        *,
        initial: Progress | None = None,
        retry_for_s: float = 15.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.run_id = run_id
        self.connection = connection
        self.state = initial or Progress(run_id=run_id)
        self.retry_for_s = retry_for_s
        self.clock = clock
        self._script = connection.register_script(_PUBLISH_LUA)
        self.dropped = 0

    def publish(self, **changes: Any) -> Progress:
        state = self.state.model_copy(update=changes)
        if "percent" not in changes:
            state.percent = percent(state.sources_done, state.sources_total, state.status)
        state.ts = self.clock()
        payload = state.model_dump_json(exclude={"seq"})
        floor = self.state.seq + 1
        deadline = time.monotonic() + self.retry_for_s * (3 if state.is_final else 1)
        delay = 0.05
        while True:
            try:
                seq = self._script(
                    keys=[state_key(self.run_id), channel_name(self.run_id)],
                    args=[payload, floor, STATE_TTL_S, *_hash_fields(state)],
                )
                state.seq = int(seq)
                break
            except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
                if time.monotonic() >= deadline:
                    self.dropped += 1
                    log.warning("progress of run %s not published: %s", self.run_id, exc)
                    state.seq = floor  # keep numbering monotonic for the next attempt
                    break
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
        self.state = state
        return state


def publish_once(
    settings: Settings, run_id: str, connection: redis.Redis | None = None, **changes: Any
) -> Progress:
    """Publish one update outside a running job (enqueue, cancel, failure callback).

    ``changes`` are merged into the run's current state, as a running job does.
    """
    conn = connection or sync_client(settings)
    try:
        current = read_state(run_id, settings, connection=conn)
    except (redis.ConnectionError, redis.TimeoutError, OSError):
        current = None
    publisher = ProgressPublisher(
        run_id, conn, initial=current or Progress(run_id=run_id), retry_for_s=5.0
    )
    return publisher.publish(**changes)


def read_state(
    run_id: str, settings: Settings, connection: redis.Redis | None = None
) -> Progress | None:
    """The latest state of a run in Redis (None if Redis has none)."""
    conn = connection or sync_client(settings)
    return state_snapshot(conn.hgetall(state_key(run_id)))


def state_snapshot(raw: Mapping[Any, Any]) -> Progress | None:
    """A state read from the run's hash, stamped as a snapshot received now."""
    state = parse_state(raw)
    if state is not None:
        state.snapshot = True
        state.received_at = time.time()
    return state


def dumps(progress: Progress) -> str:
    """JSON of an update including the subscriber's receipt time (for logs and the CLI)."""
    data = progress.model_dump(mode="json")
    data["received_at"] = progress.received_at
    return json.dumps(data)
