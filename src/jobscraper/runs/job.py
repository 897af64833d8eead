"""What a run does: scrape its pending sources, record each outcome, judge the result.

:func:`run_job` is the RQ job (``queue.JOB_FUNCTION``) and
:func:`on_job_failure` its failure callback (``queue.FAILURE_CALLBACK``); both
run inside a worker process (``jobscraper.runs.worker``) and use its resident
state (``jobscraper.runs.context``).

Resuming. The job reads its ``ScrapeRun`` row: sources with a recorded
outcome are done and are not scraped again; the others are. Postings are
stored by canonical URL, so a source interrupted half-way and scraped again
adds no duplicate, and the run's totals are sums over the recorded outcomes.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Mapping
from typing import Any

import redis
from rq.exceptions import AbandonedJobError
from rq.job import Job, get_current_job

from jobscraper.models import (
    Outcome,
    RunStatus,
    ScrapeEvent,
    ScrapeProgress,
    SourceOutcome,
    utcnow,
)
from jobscraper.runs import progress as prog
from jobscraper.runs.context import WorkerContext, context
from jobscraper.runs.errors import RunFailed, RunMissing
from jobscraper.runs.queue import cancel_requested, mark_cancelled
from jobscraper.runs.verdict import judge, unsuccessful
from jobscraper.sources.detect import Source, detect_source
from jobscraper.sources.guard import SourceRejected

log = logging.getLogger(__name__)


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
        self.source_options: dict[str, dict[str, Any]] = {}
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
            "sources": prog.source_lines(self.sources, self.outcomes, self.running),
        }
        base.update(changes)
        return self.publisher.publish(**base)

    def source_to_scrape(self, label: str) -> str | Source:
        """A pending source as the scrape takes it: a search with options of its own is
        detected with them (over the run's board options); anything else stays as typed,
        and the scrape detects (or rejects) it itself."""
        own = self.source_options.get(label)
        if not own:
            return label
        try:
            return detect_source(label, **{**self.board_options, **own})
        except SourceRejected:
            return label

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
    tracker.source_options = dict(run.source_options or {})
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
    summary = (f"{prog.counted(done['postings_found'], 'posting')} from "
               f"{prog.counted(len(sources), 'source')}")
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
        [tracker.source_to_scrape(label) for label in tracker.pending],
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
        status = RunStatus.QUEUED
        message = f"{reason}; the run goes back on the queue ({retries_left} retries left)"
        ctx.store.update_run(job.id, status=status.value, error=None)
    else:
        status, message = RunStatus.FAILED, reason
        ctx.store.update_run(job.id, status=status.value, error=reason, finished_at=utcnow())
    prog.publish_once(
        ctx.settings,
        job.id,
        connection=connection,
        status=status.value,
        current_source=None,
        sources=prog.source_lines(run.sources or [], run.source_outcomes()),
        message=message,
    )
