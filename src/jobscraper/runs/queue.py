"""Background runs on RQ: start, look at, cancel.

A run is a ``ScrapeRun`` row (the durable record, in SQL) plus an RQ job whose
id *is* the run id, on the queue ``settings.queue_name``. The job function is
``jobscraper.runs.job.run_job``, referenced by its import path, so RQ's own
tools (``rq info``, ``rq-dashboard``, even a plain ``rq worker``) work on our
queues.

Status is read from both: the row once it is final (completed / failed /
cancelled), otherwise the RQ job (queued / started / failed with its error).
If Redis lost the job (a restart without persistence) the row still answers.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import redis
from rq import Callback, Queue, Retry
from rq.exceptions import InvalidJobOperation, NoSuchJobError
from rq.job import Job, JobStatus

from jobscraper.config import Settings
from jobscraper.models import RunStatus, ScrapeRun, SourceOutcome, utcnow
from jobscraper.redis_server import sync_client
from jobscraper.runs import progress as prog
from jobscraper.runs.errors import RunNotFound
from jobscraper.store import Store

JOB_FUNCTION = "jobscraper.runs.job.run_job"
FAILURE_CALLBACK = "jobscraper.runs.job.on_job_failure"
RESULT_TTL_S = 24 * 3600
FAILURE_TTL_S = 7 * 24 * 3600
CANCEL_TTL_S = 7 * 24 * 3600


def cancel_key(run_id: str) -> str:
    return f"{prog.KEY_PREFIX}{run_id}:cancel"


def queue_for(settings: Settings, connection: redis.Redis | None = None) -> Queue:
    return Queue(settings.queue_name, connection=connection or sync_client(settings))


@dataclass
class RunInfo:
    """What ``run_status`` reports about one run."""

    run_id: str
    status: str
    job_status: str | None
    sources: list[str]
    sources_done: int
    sources_total: int
    postings_found: int
    postings_new: int
    error: str | None
    created_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None
    worker: str | None = None
    progress: prog.Progress | None = None
    outcomes: dict[str, SourceOutcome] = field(default_factory=dict)

    @property
    def is_final(self) -> bool:
        return self.status in prog.FINAL

    @property
    def percent(self) -> float:
        return prog.percent(self.sources_done, self.sources_total, self.status)


def start_run(
    sources: list[str],
    settings: Settings,
    *,
    store: Store | None = None,
    connection: redis.Redis | None = None,
    board_options: dict[str, Any] | None = None,
    source_options: dict[str, dict[str, Any]] | None = None,
) -> str:
    """Create the run's row, publish its queued state and enqueue its job; returns the run id.

    ``board_options`` (sites, results_wanted, is_remote, hours_old) go to the
    scrape of job-board searches as in a foreground ``jobscraper scrape``;
    ``source_options`` give single searches their own (a saved search's boards),
    applied over ``board_options``.
    """
    if not sources:
        raise ValueError("a run needs at least one source")
    own_store = store is None
    app_store = store or Store(settings)
    conn = connection or sync_client(settings)
    try:
        options = {k: v for k, v in (board_options or {}).items() if v is not None}
        run = app_store.create_run(
            list(sources), board_options=options, source_options=source_options
        )
        prog.publish_once(
            settings,
            run.id,
            connection=conn,
            status=RunStatus.QUEUED.value,
            sources_total=run.sources_total,
            sources=prog.source_lines(run.sources, {}),
            message="waiting for a worker",
        )
        enqueue(run.id, list(sources), settings, conn, board_options=options)
        return run.id
    finally:
        if own_store:
            app_store.dispose()


def enqueue(
    run_id: str,
    sources: list[str],
    settings: Settings,
    connection: redis.Redis,
    *,
    board_options: dict[str, Any] | None = None,
) -> Job:
    """Put the run's job on the queue: job id = run id, timeout and ``Retry`` from Settings."""
    return queue_for(settings, connection).enqueue_call(
        JOB_FUNCTION,
        args=(run_id,),
        kwargs={"board_options": board_options} if board_options else None,
        job_id=run_id,
        timeout=settings.run_timeout_s,
        result_ttl=RESULT_TTL_S,
        failure_ttl=FAILURE_TTL_S,
        description=f"scrape {len(sources)} source(s): {', '.join(sources[:3])}"
        + (" ..." if len(sources) > 3 else ""),
        retry=Retry(max=settings.run_retries, enqueue_at_front=True)
        if settings.run_retries > 0
        else None,
        on_failure=Callback(FAILURE_CALLBACK),
        meta={"sources_total": len(sources)},
    )


def alive_key(run_id: str) -> str:
    """Set (with the lease as expiry) by the worker carrying out the run, renewed while alive."""
    return f"{prog.KEY_PREFIX}{run_id}:alive"


def requeue_lost_runs(
    settings: Settings,
    store: Store,
    connection: redis.Redis,
    suspects: dict[str, float],
    *,
    grace_s: float,
    now: float | None = None,
) -> list[str]:
    """Queue again the unfinished runs whose job Redis lost (a restart without persistence).

    A run is lost when its row is queued or started, it is older than
    ``grace_s``, Redis has no job for it and no worker holds it (no alive
    key) - and all of that is still true ``grace_s`` after it was first seen
    (``suspects`` remembers when; a worker that just reconnected after a
    restart renews its alive key well within that time). Returns the run ids
    queued again. Job-board options given at start are not kept (known gap).
    """
    from sqlmodel import select

    now = time.time() if now is None else now
    with store.session() as session:
        rows = list(
            session.scalars(
                select(ScrapeRun)
                .where(ScrapeRun.status.in_([RunStatus.QUEUED.value, RunStatus.STARTED.value]))
                .order_by(ScrapeRun.created_at)
                .limit(500)
            )
        )
    requeued: list[str] = []
    lost_now: set[str] = set()
    for run in rows:
        created = run.created_at
        created_ts = (
            created.replace(tzinfo=UTC) if created.tzinfo is None else created
        ).timestamp()
        if now - created_ts < grace_s:
            continue
        if Job.exists(run.id, connection=connection) or connection.exists(alive_key(run.id)):
            continue
        lost_now.add(run.id)
        first_seen = suspects.setdefault(run.id, now)
        if now - first_seen < grace_s:
            continue
        if not connection.set(f"{prog.KEY_PREFIX}{run.id}:requeue", "1", nx=True, ex=60):
            continue  # another worker is doing it
        if run.cancel_requested_at is not None:
            mark_cancelled(store, settings, run.id, connection, reason="cancelled")
            lost_now.discard(run.id)
            continue
        enqueue(
            run.id,
            list(run.sources or []),
            settings,
            connection,
            board_options=dict(run.board_options or {}),
        )
        prog.publish_once(
            settings,
            run.id,
            connection=connection,
            status=RunStatus.QUEUED.value,
            sources_total=run.sources_total,
            sources_done=run.sources_done,
            postings_found=run.postings_found,
            current_source=None,
            sources=prog.source_lines(run.sources or [], run.source_outcomes()),
            message="Redis lost this run's job; it is queued again and resumes where it was",
        )
        requeued.append(run.id)
        lost_now.discard(run.id)
    for run_id in list(suspects):
        if run_id not in lost_now:
            del suspects[run_id]
    return requeued


def fetch_job(run_id: str, connection: redis.Redis) -> Job | None:
    try:
        return Job.fetch(run_id, connection=connection)
    except NoSuchJobError:
        return None


def job_error(job: Job) -> str | None:
    """The last line of the job's latest failure (the exception and its message)."""
    result = job.latest_result()
    text = getattr(result, "exc_string", None) if result is not None else None
    if not text:
        return None
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else None


_JOB_TO_RUN = {
    JobStatus.QUEUED: RunStatus.QUEUED,
    JobStatus.SCHEDULED: RunStatus.QUEUED,
    JobStatus.DEFERRED: RunStatus.QUEUED,
    JobStatus.CREATED: RunStatus.QUEUED,
    JobStatus.STARTED: RunStatus.STARTED,
    JobStatus.FAILED: RunStatus.FAILED,
    JobStatus.STOPPED: RunStatus.CANCELLED,
    JobStatus.CANCELED: RunStatus.CANCELLED,
}


def run_status(
    run_id: str,
    settings: Settings,
    *,
    store: Store | None = None,
    connection: redis.Redis | None = None,
) -> RunInfo:
    """The run's row and RQ job combined; an unknown run raises ``RunNotFound`` (a KeyError)."""
    own_store = store is None
    app_store = store or Store(settings)
    try:
        run = app_store.get_run(run_id)
    finally:
        if own_store:
            app_store.dispose()
    if run is None:
        raise RunNotFound(run_id)
    conn = connection or sync_client(settings)
    job: Job | None = None
    state: prog.Progress | None = None
    try:
        job = fetch_job(run_id, conn)
        state = prog.read_state(run_id, settings, connection=conn)
    except (redis.ConnectionError, redis.TimeoutError):
        pass
    return _combine(run, job, state)


def _combine(run: ScrapeRun, job: Job | None, state: prog.Progress | None) -> RunInfo:
    status = run.status
    job_status: str | None = None
    error = run.error
    worker = state.worker if state else None
    if job is not None:
        with _suppress_job_errors():
            raw = job.get_status(refresh=False)
            job_status = raw.value if raw is not None else None
            worker = job.worker_name or worker
            if not RunStatus(run.status).is_final and raw in _JOB_TO_RUN:
                status = _JOB_TO_RUN[raw].value
                if raw == JobStatus.FAILED:
                    error = error or job_error(job)
    sources_done = run.sources_done
    postings = run.postings_found
    if state is not None and not RunStatus(run.status).is_final:
        sources_done = max(sources_done, state.sources_done)
        postings = max(postings, state.postings_found)
    return RunInfo(
        run_id=run.id,
        status=status,
        job_status=job_status,
        sources=list(run.sources or []),
        sources_done=sources_done,
        sources_total=run.sources_total,
        postings_found=postings,
        postings_new=run.postings_new,
        error=error,
        created_at=run.created_at,
        started_at=run.started_at,
        finished_at=run.finished_at,
        worker=worker,
        progress=state,
        outcomes=run.source_outcomes(),
    )


class _suppress_job_errors:
    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> bool:
        return exc_type is not None and issubclass(exc_type, (NoSuchJobError, InvalidJobOperation))


def list_runs(
    settings: Settings,
    limit: int = 50,
    *,
    store: Store | None = None,
    connection: redis.Redis | None = None,
) -> list[RunInfo]:
    """The latest runs, newest first, with live status for unfinished ones."""
    own_store = store is None
    app_store = store or Store(settings)
    try:
        runs = app_store.runs(limit=limit)
    finally:
        if own_store:
            app_store.dispose()
    conn = connection
    infos = []
    for run in runs:
        job = state = None
        if not RunStatus(run.status).is_final:
            conn = conn or sync_client(settings)  # Redis only for unfinished runs
            try:
                job = fetch_job(run.id, conn)
                state = prog.read_state(run.id, settings, connection=conn)
            except (redis.ConnectionError, redis.TimeoutError):
                pass
        infos.append(_combine(run, job, state))
    return infos


def cancel_requested(run_id: str, connection: redis.Redis, store: Store | None = None) -> bool:
    """Whether someone asked to cancel the run (the flag the job checks between sources).

    The Redis flag answers fast; the run's row is the durable record, read
    when the flag is absent (e.g. Redis restarted after the request).
    """
    try:
        if connection.exists(cancel_key(run_id)):
            return True
    except (redis.ConnectionError, redis.TimeoutError):
        if store is None:
            raise
    if store is None:
        return False
    run = store.get_run(run_id)
    return run is not None and run.cancel_requested_at is not None


def cancel_run(
    run_id: str,
    settings: Settings,
    *,
    store: Store | None = None,
    connection: redis.Redis | None = None,
) -> RunInfo:
    """Ask a run to stop.

    A queued run is taken off the queue and marked cancelled at once. A
    started run is stopped cooperatively: its worker sees the flag before the
    next source, stores nothing more, marks the run cancelled and publishes
    that; postings stored so far stay. A finished run is left as it is.
    Returns the status right after the request (a started run is still
    ``started`` until its worker notices).
    """
    own_store = store is None
    app_store = store or Store(settings)
    conn = connection or sync_client(settings)
    try:
        run = app_store.get_run(run_id)
        if run is None:
            raise RunNotFound(run_id)
        if RunStatus(run.status).is_final:
            return run_status(run_id, settings, store=app_store, connection=conn)
        # The durable request first, then the fast flag: a worker that dequeues the
        # job right now still sees it, and a Redis restart does not lose it.
        app_store.update_run(run_id, cancel_requested_at=utcnow())
        conn.set(cancel_key(run_id), str(time.time()), ex=CANCEL_TTL_S)
        job = fetch_job(run_id, conn)
        job_status = job.get_status(refresh=False) if job is not None else None
        if job is None or job_status in {
            JobStatus.QUEUED,
            JobStatus.SCHEDULED,
            JobStatus.DEFERRED,
            JobStatus.CREATED,
        }:
            if job is not None:
                with contextlib.suppress(InvalidJobOperation):
                    job.cancel()
            if job is None or job.get_status(refresh=True) != JobStatus.STARTED:
                mark_cancelled(
                    app_store, settings, run_id, conn, reason="cancelled before it started"
                )
        return run_status(run_id, settings, store=app_store, connection=conn)
    finally:
        if own_store:
            app_store.dispose()


def mark_cancelled(
    app_store: Store,
    settings: Settings,
    run_id: str,
    connection: redis.Redis,
    reason: str = "cancelled",
) -> None:
    """Record the run as cancelled (row first: it is the durable truth) and publish it."""
    run = app_store.update_run(run_id, status=RunStatus.CANCELLED.value, finished_at=utcnow())
    prog.publish_once(
        settings,
        run_id,
        connection=connection,
        status=RunStatus.CANCELLED.value,
        sources_done=run.sources_done,
        sources_total=run.sources_total,
        postings_found=run.postings_found,
        current_source=None,
        sources=prog.source_lines(run.sources or [], run.source_outcomes()),
        message=reason,
    )
