"""The background worker: RQ ``SimpleWorker`` processes that carry out runs.

``jobscraper worker`` runs :func:`run_worker`: a :class:`RunWorker` (an RQ
``SimpleWorker``: the job runs in the worker process itself, never in a fork,
so a loaded model stays resident and is reused by every run) on the queue
``settings.queue_name``. Start as many as you like on one Redis; each run is
taken by exactly one of them.

Crash recovery. RQ notices that a worker died only when the job's entry in the
queue's ``StartedJobRegistry`` expires; another worker's periodic maintenance
(``StartedJobRegistry.cleanup``) then calls the job's failure callback and,
while ``Retry`` has retries left, puts the job back on the queue. Out of the
box a ``SimpleWorker`` sets that expiry to the job timeout + 60 s (an hour
for us) and maintenance runs every 10 minutes. ``RunWorker`` instead holds a
short *lease* (``run_lease_s``) that a background thread renews every third
of it while the run is alive, and idle workers look for expired leases every
``worker_maintenance_s``. A SIGKILLed worker's run is therefore back on the
queue within about lease + maintenance interval.

Resuming. The job reads its ``ScrapeRun`` row: sources with a recorded
outcome are done and are not scraped again; the others are. Postings are
stored by canonical URL, so a source interrupted half-way and scraped again
adds no duplicate, and the run's totals are sums over the recorded outcomes.

Redis restarts. Every client retries with backoff; progress that cannot be
published is dropped after a while (the next update rebuilds it); the run's
durable state is its SQL row. If RQ's loop itself gives up, ``run_worker``
starts it again. A Redis that keeps nothing on disk loses the queue: idle
workers' maintenance also looks for unfinished runs (SQL rows) that have no
job in Redis and no worker holding them (the ``alive`` key the lease thread
renews) and queues them again (``queue.requeue_lost_runs``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import threading
import time
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import redis
from rq import Queue, SimpleWorker
from rq.exceptions import AbandonedJobError
from rq.job import Job, get_current_job

from jobscraper.config import Settings, load_settings
from jobscraper.models import (
    Outcome,
    RunStatus,
    ScrapeEvent,
    ScrapeProgress,
    SourceOutcome,
    utcnow,
)
from jobscraper.redis_server import sync_client
from jobscraper.runs import progress as prog
from jobscraper.runs.errors import RunFailed, RunMissing
from jobscraper.runs.queue import alive_key, cancel_requested, mark_cancelled, requeue_lost_runs
from jobscraper.runs.verdict import judge, unsuccessful
from jobscraper.store import Store

log = logging.getLogger(__name__)


# --- the worker process's resident state ---------------------------------------------


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
    global _context
    with _context_lock:
        _context = ctx


# --- the job -------------------------------------------------------------------------------

class RunTracker:
    """Keeps the run's row and its progress stream in step with the scrape's events.

    ``on_event`` is the scrape's ``on_progress`` callback: each finished source
    is written to the run's row at once (that is what makes a run resumable)
    and published; ``should_cancel`` is its cancel check.
    """

    def __init__(
        self,
        ctx: WorkerContext,
        run_id: str,
        sources: list[str],
        outcomes: Mapping[str, SourceOutcome],
    ) -> None:
        self.ctx = ctx
        self.run_id = run_id
        self.sources = sources
        # A source cancelled in an earlier attempt was not scraped: this attempt does it.
        self.outcomes: dict[str, SourceOutcome] = {
            source: outcome
            for source, outcome in outcomes.items()
            if source in sources and outcome.outcome != Outcome.CANCELLED
        }
        try:
            initial = prog.read_state(run_id, ctx.settings, connection=ctx.connection)
        except (redis.ConnectionError, redis.TimeoutError):
            initial = None
        self.publisher = prog.ProgressPublisher(
            run_id, ctx.connection, initial=initial or prog.Progress(run_id=run_id)
        )
        self.running: list[str] = []
        self.board_options: dict[str, Any] = {}
        self._cancelled = False
        self._lock = threading.Lock()

    # totals are sums over recorded outcomes: a resumed run never counts twice
    def totals(self) -> dict[str, int]:
        values = self.outcomes.values()
        return {
            "sources_done": len(self.outcomes),
            "postings_found": sum(o.postings for o in values),
            "postings_new": sum(o.new for o in values),
            "postings_updated": sum(o.updated for o in values),
        }

    @property
    def pending(self) -> list[str]:
        return [s for s in self.sources if s not in self.outcomes]

    @property
    def failures(self) -> dict[str, SourceOutcome]:
        return unsuccessful(self.outcomes)

    def publish(self, **changes: Any) -> prog.Progress:
        t = self.totals()
        local, cloud = prog.local_cloud_split(self.outcomes.values())
        base = {
            "sources_done": t["sources_done"],
            "sources_total": len(self.sources),
            "postings_found": t["postings_found"],
            "postings_local": local,
            "postings_cloud": cloud,
            "worker": self.ctx.worker_name,
            "current_source": self.running[0] if self.running else None,
        }
        base.update(changes)
        return self.publisher.publish(**base)

    def should_cancel(self) -> bool:
        """The cancel flag (checked before every source; sticky once seen)."""
        if not self._cancelled:
            with contextlib.suppress(redis.ConnectionError, redis.TimeoutError):
                self._cancelled = cancel_requested(self.run_id, self.ctx.connection, self.ctx.store)
        return self._cancelled

    async def on_event(self, event: ScrapeProgress) -> None:
        """The scrape's ``on_progress``: blocking work (SQL, Redis) off the event loop."""
        await asyncio.to_thread(self.handle_event, event)

    def handle_event(self, event: ScrapeProgress) -> None:
        if event.kind == ScrapeEvent.SOURCE_STARTED and event.source:
            self.source_started(event.source)
        elif event.kind == ScrapeEvent.SOURCE_FINISHED and event.outcome is not None:
            self.source_finished(event.outcome)

    def source_started(self, source: str) -> None:
        with self._lock:
            self.running.append(source)
            self.publish(status=RunStatus.STARTED.value, message=None)

    def source_finished(self, outcome: SourceOutcome) -> None:
        source = outcome.source
        with self._lock:
            if source in self.running:
                self.running.remove(source)
            if outcome.outcome == Outcome.CANCELLED:
                return  # not scraped: a later attempt (if any) does it
            self.outcomes[source] = outcome
            recorded = {s: o.to_dict() for s, o in self.outcomes.items()}
            self.ctx.store.update_run(self.run_id, outcomes=recorded, **self.totals())
            self.publish(status=RunStatus.STARTED.value)


def run_job(run_id: str, board_options: dict[str, Any] | None = None) -> dict[str, Any]:
    """RQ job: carry out (or resume) the run ``run_id``."""
    ctx = context()
    store = ctx.store
    run = store.get_run(run_id)
    if run is None:
        _no_retry()
        raise RunMissing(f"run {run_id} is not in the store {ctx.settings.effective_database_url}")
    if RunStatus(run.status).is_final:
        log.info("run %s is already %s; nothing to do", run_id, run.status)
        return {"run_id": run_id, "status": run.status, "skipped": True}
    sources = list(run.sources or [])
    tracker = RunTracker(ctx, run_id, sources, run.source_outcomes())
    tracker.board_options = dict(board_options or {})
    if tracker.should_cancel():
        mark_cancelled(store, ctx.settings, run_id, ctx.connection, reason="cancelled")
        return {"run_id": run_id, "status": RunStatus.CANCELLED.value}
    resumed = bool(tracker.outcomes)
    store.update_run(
        run_id, status=RunStatus.STARTED.value, started_at=run.started_at or utcnow(), error=None
    )
    tracker.publish(
        status=RunStatus.STARTED.value,
        message=(
            f"resumed: {len(tracker.outcomes)} of {len(sources)} sources were already done"
            if resumed
            else None
        ),
    )

    scrape_sources(ctx, run_id, tracker)

    done = tracker.totals()
    if tracker.pending and tracker.should_cancel():
        store.update_run(run_id, **done)
        mark_cancelled(store, ctx.settings, run_id, ctx.connection, reason="cancelled")
        return {"run_id": run_id, "status": RunStatus.CANCELLED.value, **done}
    if tracker.pending:  # a source was neither done nor cancelled: try again (resumable)
        raise RuntimeError(f"sources not done: {', '.join(tracker.pending)}")
    failures = tracker.failures
    verdict, reason = judge(tracker.outcomes)
    if verdict == RunStatus.FAILED:
        store.update_run(
            run_id, status=RunStatus.FAILED.value, error=reason, finished_at=utcnow(), **done
        )
        tracker.publish(status=RunStatus.FAILED.value, message=reason, current_source=None)
        _no_retry()
        raise RunFailed(reason)
    store.update_run(run_id, status=RunStatus.COMPLETED.value, finished_at=utcnow(), **done)
    summary = f"{done['postings_found']} postings from {len(sources)} sources"
    if failures:
        summary += f" ({len(failures)} without postings: {', '.join(sorted(failures))})"
    tracker.publish(
        status=RunStatus.COMPLETED.value, percent=100.0, message=summary, current_source=None
    )
    return {"run_id": run_id, "status": RunStatus.COMPLETED.value, **done}


def _no_retry() -> None:
    """This failure is final: tell RQ not to use the job's remaining retries."""
    job = get_current_job()
    if job is not None:
        job.retries_left = 0


# --- scraping the sources -------------------------------------------------------------------


def scrape_sources(ctx: WorkerContext, run_id: str, tracker: RunTracker) -> None:
    """Scrape the run's pending sources on the worker's event loop."""
    ctx.run_async(run_scrape(ctx, run_id, tracker))


async def run_scrape(ctx: WorkerContext, run_id: str, tracker: RunTracker) -> Any:
    """The scraping engine (``jobscraper.scrape.scrape``, imported here: it is heavy).

    Sources already done are skipped; each finished source reaches the run's
    row through ``tracker.on_event``; ``tracker.should_cancel`` stops the
    scrape before its next source.
    """
    from jobscraper.scrape import scrape

    return await scrape(
        tracker.pending,
        ctx.settings,
        store=ctx.store,
        extractor=ctx.get_extractor(),
        run_id=run_id,
        on_progress=tracker.on_event,
        should_cancel=tracker.should_cancel,
        skip_sources=list(tracker.outcomes),
        board_options=tracker.board_options or None,
    )


# --- failure callback (this worker's exceptions, or another worker's abandoned job) ----------


def on_job_failure(job: Job, connection: redis.Redis, exc_type: Any, exc: Any, tb: Any) -> None:
    """RQ failure callback: requeue notice while retries are left, else mark the run failed.

    Called by the worker whose job raised, and by whichever worker's
    maintenance finds the run abandoned (its worker died): ``AbandonedJobError``.
    """
    ctx = context()
    run = ctx.store.get_run(job.id)
    if run is None or RunStatus(run.status).is_final:
        return
    if exc_type is AbandonedJobError or isinstance(exc, AbandonedJobError):
        reason = "the worker carrying out the run stopped unexpectedly"
    else:
        reason = f"{getattr(exc_type, '__name__', exc_type)}: {exc}"
    retries_left = job.retries_left or 0
    if retries_left > 0:
        ctx.store.update_run(job.id, status=RunStatus.QUEUED.value, error=None)
        prog.publish_once(
            ctx.settings,
            job.id,
            connection=connection,
            status=RunStatus.QUEUED.value,
            current_source=None,
            message=f"{reason}; the run goes back on the queue ({retries_left} retries left)",
        )
        return
    ctx.store.update_run(job.id, status=RunStatus.FAILED.value, error=reason, finished_at=utcnow())
    prog.publish_once(
        ctx.settings,
        job.id,
        connection=connection,
        status=RunStatus.FAILED.value,
        current_source=None,
        message=reason,
    )


# --- the worker --------------------------------------------------------------------------------


class RunWorker(SimpleWorker):
    """A ``SimpleWorker`` holding a short, renewed lease on the run it carries out."""

    def __init__(self, *args: Any, lease_s: int = 60, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lease_s = max(2, int(lease_s))
        self.lost_run_suspects: dict[str, float] = {}

    def run_maintenance_tasks(self) -> None:
        """RQ's registry clean-up (abandoned jobs), then runs whose job Redis lost."""
        super().run_maintenance_tasks()
        ctx = _context
        if ctx is None:
            return
        try:
            requeued = requeue_lost_runs(
                ctx.settings,
                ctx.store,
                self.connection,
                self.lost_run_suspects,
                grace_s=2 * self.lease_s,
            )
        except Exception as exc:  # maintenance never stops the worker
            self.log.warning("looking for lost runs failed: %s", exc)
            return
        for run_id in requeued:
            self.log.warning(
                "run %s had no job in Redis (lost in a restart?): queued again", run_id
            )

    def get_heartbeat_ttl(self, job: Job) -> int:
        return self.lease_s

    def execute_job(self, job: Job, queue: Queue) -> None:
        with contextlib.suppress(redis.RedisError):
            self.connection.set(alive_key(job.id), self.name, ex=self.lease_s)
        stop = threading.Event()
        renewer = threading.Thread(
            target=self._renew_lease, args=(job, stop), name=f"lease-{job.id}", daemon=True
        )
        renewer.start()
        try:
            super().execute_job(job, queue)
        finally:
            stop.set()
            renewer.join(timeout=5)
            with contextlib.suppress(redis.RedisError):
                self.connection.delete(alive_key(job.id))

    def _renew_lease(self, job: Job, stop: threading.Event) -> None:
        interval = max(0.5, self.lease_s / 3)
        while not stop.wait(interval):
            execution = self.execution
            if execution is None:
                continue
            try:
                with self.connection.pipeline() as pipeline:
                    pipeline.set(alive_key(job.id), self.name, ex=self.lease_s)
                    execution.heartbeat(job.started_job_registry, self.lease_s, pipeline=pipeline)
                    self.heartbeat(self.worker_ttl + 60, pipeline=pipeline)
                    pipeline.execute()
            except Exception as exc:  # Redis restarting: try again next time
                self.log.debug("lease of %s not renewed: %s", job.id, exc)


def run_worker(
    settings: Settings,
    burst: bool = False,
    *,
    name: str | None = None,
    logging_level: str = "INFO",
    max_jobs: int | None = None,
) -> bool:
    """Work on ``settings.queue_name`` until stopped (or, with ``burst``, until it is empty).

    Returns whether any run was carried out.
    """
    connection = sync_client(settings)
    store = Store(settings)  # tolerates workers starting together on a new database
    worker_name = name or f"jobscraper-{os.uname().nodename}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
    ctx = WorkerContext(settings=settings, store=store, connection=connection)
    ctx.worker_name = worker_name
    set_context(ctx)
    worked = False
    backoff = 0.5
    try:
        while True:
            queue = Queue(settings.queue_name, connection=connection)
            worker = RunWorker(
                [queue],
                name=worker_name,
                connection=connection,
                worker_ttl=settings.worker_maintenance_s + 15,
                maintenance_interval=settings.worker_maintenance_s,
                lease_s=settings.run_lease_s,
            )
            try:
                worked = (
                    worker.work(burst=burst, logging_level=logging_level, max_jobs=max_jobs)
                    or worked
                )
            except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
                log.warning("worker %s lost Redis: %s", worker_name, exc)
            except ValueError as exc:  # our own earlier incarnation is still registered
                log.warning("%s; re-registering", exc)
                with contextlib.suppress(redis.RedisError):
                    connection.delete(worker.key)
                continue
            shutdown = worker._stop_requested or worker._shutdown_requested_date is not None
            if burst or shutdown or max_jobs is not None:
                return worked
            log.warning(
                "worker %s stopped unexpectedly; starting again in %.1f s", worker_name, backoff
            )
            time.sleep(backoff)
            backoff = min(backoff * 2, 10.0)
            with contextlib.suppress(redis.RedisError):
                connection.delete(worker.key)
    finally:
        set_context(None)
        ctx.close()
