"""Queue, worker job and cancel, in one process with a stand-in for the scraping engine.

The acceptance suite (features/runs) drives real worker processes over the
fake internet; these tests pin the machinery: job id = run id, Retry from
settings, resuming, cancelling, failing, abandoned-job recovery.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from rq import Queue
from rq.job import Job, JobStatus
from rq.registry import StartedJobRegistry
from rq.timeouts import TimerDeathPenalty

from jobscraper.config import Settings
from jobscraper.models import (
    Outcome,
    PostingData,
    Route,
    ScrapeEvent,
    ScrapeProgress,
    SourceOutcome,
)
from jobscraper.redis_server import sync_client
from jobscraper.runs import context as runs_context
from jobscraper.runs import job as runs_job
from jobscraper.runs import progress as prog
from jobscraper.runs import queue as runs_queue
from jobscraper.runs import worker as runs_worker
from jobscraper.store import Store


@pytest.fixture
def settings(redis_settings) -> Settings:
    return redis_settings(
        max_concurrent_sources=1,
        run_retries=2,
        run_lease_s=2,
        worker_maintenance_s=1,
    )


@pytest.fixture(autouse=True)
def _keep_the_process_title(monkeypatch: pytest.MonkeyPatch) -> None:
    """In-process workers must not rename the pytest process to "rq:worker:..."."""
    monkeypatch.setattr(runs_worker.RunWorker, "procline", lambda self, message: None)


@pytest.fixture
def store(settings: Settings):
    app_store = Store(settings)
    yield app_store
    app_store.dispose()


class FakeEngine:
    """Stands in for jobscraper.scrape.scrape: two postings per source, or a failure.

    It speaks the real engine's protocol: ``source_started`` / ``source_finished``
    events to ``on_progress``, ``should_cancel`` before each source.
    """

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.fail: set[str] = set()
        self.on_call: Any = None

    async def __call__(self, ctx, run_id: str, tracker: runs_job.RunTracker) -> None:
        for source in tracker.pending:
            if tracker.should_cancel():
                await tracker.on_event(_finished(source, Outcome.CANCELLED))
                continue
            await tracker.on_event(
                ScrapeProgress(ScrapeEvent.SOURCE_STARTED, run_id, len(tracker.sources), 0, source)
            )
            self.calls.append(source)
            if self.on_call:
                self.on_call(source)
            if source in self.fail:
                event = _finished(source, Outcome.FAILED, reason=f"HTTP 503 from {source}")
            else:
                postings = [
                    PostingData(title=f"Job {i}", url=f"{source}/{i}", route=Route.STRUCTURED)
                    for i in range(2)
                ]
                saved = ctx.store.upsert_postings(postings, run_id=run_id)
                event = _finished(source, Outcome.OK, postings=2, new=saved.new)
            await tracker.on_event(event)


def _finished(source: str, outcome: Outcome, **values: Any) -> ScrapeProgress:
    record = SourceOutcome(source, "career_page", outcome, **values)
    return ScrapeProgress(ScrapeEvent.SOURCE_FINISHED, None, 0, 0, source, record)


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> FakeEngine:
    fake = FakeEngine()
    monkeypatch.setattr(runs_job, "run_scrape", fake)
    return fake


SOURCES = [f"https://careers.company-{i}.example/jobs" for i in range(3)]


def test_the_job_id_is_the_run_id_with_retry_and_timeout(settings, store, conn) -> None:
    run_id = runs_queue.start_run(SOURCES, settings, store=store, connection=conn)
    job = Job.fetch(run_id, connection=conn)
    assert job.func_name == "jobscraper.runs.job.run_job" and job.args == (run_id,)
    assert job.timeout == settings.run_timeout_s
    assert job.retries_left == settings.run_retries
    assert job.get_status() == JobStatus.QUEUED
    info = runs_queue.run_status(run_id, settings, store=store, connection=conn)
    assert (info.status, info.job_status, info.sources_total) == ("queued", "queued", 3)
    assert prog.read_state(run_id, settings, connection=conn).status == "queued"


def test_a_worker_carries_out_a_run(settings, store, conn, engine) -> None:
    run_id = runs_queue.start_run(SOURCES, settings, store=store, connection=conn)
    assert runs_worker.run_worker(settings, burst=True, name="w1")
    info = runs_queue.run_status(run_id, settings, store=store, connection=conn)
    assert info.status == "completed" and info.job_status == "finished"
    assert (info.sources_done, info.postings_found) == (3, 6)
    assert info.worker == "w1"
    state = prog.read_state(run_id, settings, connection=conn)
    assert state.status == "completed" and state.percent == 100.0
    assert state.postings_local == 6 and state.postings_cloud == 0
    assert len(store.postings()) == 6


def test_a_resumed_run_skips_sources_already_done(settings, store, conn, engine) -> None:
    run_id = runs_queue.start_run(SOURCES, settings, store=store, connection=conn)
    store.update_run(
        run_id,
        status="started",
        sources_done=1,
        postings_found=2,
        outcomes={SOURCES[0]: {"outcome": "ok", "postings": 2, "routes": {"structured": 2}}},
    )
    runs_worker.run_worker(settings, burst=True)
    assert engine.calls == SOURCES[1:]
    run = store.get_run(run_id)
    assert (run.status, run.sources_done, run.postings_found) == ("completed", 3, 6)


def test_cancelling_a_queued_run(settings, store, conn, engine) -> None:
    run_id = runs_queue.start_run(SOURCES, settings, store=store, connection=conn)
    info = runs_queue.cancel_run(run_id, settings, store=store, connection=conn)
    assert info.status == "cancelled"
    runs_worker.run_worker(settings, burst=True)
    assert engine.calls == []
    assert prog.read_state(run_id, settings, connection=conn).status == "cancelled"


def test_cancelling_a_started_run_stops_before_the_next_source(
    settings, store, conn, engine
) -> None:
    run_id = runs_queue.start_run(SOURCES, settings, store=store, connection=conn)

    def cancel_during_first(source: str) -> None:
        if source == SOURCES[0]:
            runs_queue.cancel_run(run_id, settings, connection=conn)

    engine.on_call = cancel_during_first
    runs_worker.run_worker(settings, burst=True)
    run = store.get_run(run_id)
    assert run.status == "cancelled"
    assert engine.calls == SOURCES[:1]
    assert run.sources_done == 1 and len(store.postings()) == 2  # kept


def test_a_run_whose_every_source_fails_ends_failed_without_retries(
    settings, store, conn, engine
) -> None:
    engine.fail = set(SOURCES)
    run_id = runs_queue.start_run(SOURCES, settings, store=store, connection=conn)
    runs_worker.run_worker(settings, burst=True)
    info = runs_queue.run_status(run_id, settings, store=store, connection=conn)
    assert info.status == "failed" and info.job_status == "failed"
    assert "no source could be scraped" in info.error and "HTTP 503" in info.error, info.error
    assert engine.calls == SOURCES  # once each: not retried
    assert prog.read_state(run_id, settings, connection=conn).status == "failed"


def test_an_unexpected_error_is_retried_then_fails(settings, store, conn, monkeypatch) -> None:
    attempts = []

    async def broken(ctx, run_id, tracker):
        attempts.append(run_id)
        raise SystemError("database is on fire")

    monkeypatch.setattr(runs_job, "run_scrape", broken)
    run_id = runs_queue.start_run(SOURCES[:1], settings, store=store, connection=conn)
    runs_worker.run_worker(settings, burst=True)
    info = runs_queue.run_status(run_id, settings, store=store, connection=conn)
    assert info.status == "failed"
    assert "database is on fire" in info.error
    assert len(attempts) == 1 + settings.run_retries


def test_a_run_abandoned_by_a_dead_worker_goes_back_on_the_queue(
    settings, store, conn, engine
) -> None:
    """What another worker's maintenance does once the dead worker's lease expired."""
    run_id = runs_queue.start_run(SOURCES, settings, store=store, connection=conn)
    store.update_run(
        run_id,
        status="started",
        outcomes={SOURCES[0]: {"outcome": "ok", "postings": 2, "routes": {"structured": 2}}},
        sources_done=1,
        postings_found=2,
    )
    queue = Queue(settings.queue_name, connection=conn)
    dead = runs_worker.RunWorker([queue], connection=conn, name="dead", lease_s=2)
    job, _ = Queue.dequeue_any([queue], None, connection=conn)
    dead.prepare_execution(job)
    dead.prepare_job_execution(job)  # ... and the process is SIGKILLed here
    registry = StartedJobRegistry(settings.queue_name, connection=conn)
    assert run_id in registry.get_job_ids(cleanup=False)
    # the lease (2 s) has run out; the cleaning worker's context is the app's
    runs_context.set_context(
        runs_context.WorkerContext(settings=settings, store=store, connection=conn)
    )
    try:
        registry.cleanup(timestamp=time.time() + 5)
    finally:
        runs_context.set_context(None)
    assert queue.get_job_ids() == [run_id]
    assert store.get_run(run_id).status == "queued"  # the failure callback's notice
    runs_worker.run_worker(settings, burst=True, name="survivor")
    run = store.get_run(run_id)
    assert (run.status, run.sources_done, run.postings_found) == ("completed", 3, 6)
    assert engine.calls == SOURCES[1:]


def test_the_lease_is_renewed_while_a_run_is_alive(settings, store, conn, engine) -> None:
    seen: list[float] = []
    run_id = runs_queue.start_run(SOURCES[:1], settings, store=store, connection=conn)
    registry = StartedJobRegistry(settings.queue_name, connection=conn)

    def slow(source: str) -> None:
        for _ in range(4):
            time.sleep(0.5)
            scores = conn.zrange(registry.key, 0, -1, withscores=True)
            seen.extend(score for _, score in scores)

    engine.on_call = slow
    runs_worker.run_worker(settings, burst=True)
    assert store.get_run(run_id).status == "completed"
    # every score stays within one lease of "now": renewed, never an hour away
    assert seen and max(seen) <= time.time() + settings.run_lease_s + 1
    assert len(set(seen)) >= 2


def test_two_workers_share_a_queue_each_run_once(
    settings, store, conn, engine, monkeypatch
) -> None:
    # workers on threads: no signal handlers, a timer instead of SIGALRM
    monkeypatch.setattr(runs_worker.RunWorker, "_install_signal_handlers", lambda self: None)
    monkeypatch.setattr(runs_worker.RunWorker, "death_penalty_class", TimerDeathPenalty)

    def slow(source: str) -> None:
        time.sleep(0.05)

    engine.on_call = slow
    run_ids = [
        runs_queue.start_run([f"https://site-{i}.example/jobs"], settings, connection=conn)
        for i in range(6)
    ]

    def work(name: str) -> None:
        client = sync_client(settings)
        try:
            worker = runs_worker.RunWorker(
                [Queue(settings.queue_name, connection=client)], connection=client, name=name
            )
            worker.work(burst=True)
        finally:
            client.close()

    # run_worker sets a process-wide context; two threads share it here
    runs_context.set_context(
        runs_context.WorkerContext(settings=settings, store=store, connection=conn)
    )
    try:
        threads = [threading.Thread(target=work, args=(f"t{i}",)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    finally:
        runs_context.set_context(None)
    assert sorted(engine.calls) == sorted(f"https://site-{i}.example/jobs" for i in range(6))
    workers = [Job.fetch(run_id, connection=conn).worker_name for run_id in run_ids]
    assert set(workers) == {"t0", "t1"}, workers
    for run_id in run_ids:
        assert store.get_run(run_id).status == "completed"


def test_run_status_of_an_unknown_run(settings, store, conn) -> None:
    with pytest.raises(KeyError):
        runs_queue.run_status("missing", settings, store=store, connection=conn)


def test_the_runs_commands(settings, store, conn, monkeypatch) -> None:
    """`jobscraper runs`, `runs show ID`, `runs cancel ID` on the user's configuration."""
    from typer.testing import CliRunner

    from jobscraper.cli import app

    for name, value in settings.to_env().items():
        monkeypatch.setenv(name, value)
    run_id = runs_queue.start_run(SOURCES[:2], settings, store=store, connection=conn)
    runner = CliRunner()
    listing = runner.invoke(app, ["runs"], env={"COLUMNS": "200"})
    assert listing.exit_code == 0, listing.output
    assert run_id in listing.output and "queued" in listing.output
    shown = runner.invoke(app, ["runs", "show", run_id], env={"COLUMNS": "200"})
    assert shown.exit_code == 0 and "0/2 sources" in shown.output, shown.output
    cancelled = runner.invoke(app, ["runs", "cancel", run_id])
    assert cancelled.exit_code == 0 and "cancelled" in cancelled.output, cancelled.output
    assert store.get_run(run_id).status == "cancelled"
    missing = runner.invoke(app, ["runs", "show", "no-such-run"])
    assert missing.exit_code == 1


def test_a_run_whose_job_redis_lost_is_queued_again(settings, store, conn, engine) -> None:
    """Redis restarted without persistence while the run was queued: its row brings it back."""
    run_id = runs_queue.start_run(SOURCES[:2], settings, store=store, connection=conn)
    conn.flushdb()  # what a restart of a Redis that keeps nothing on disk leaves
    suspects: dict[str, float] = {}
    assert not runs_queue.requeue_lost_runs(settings, store, conn, suspects, grace_s=5)
    assert suspects == {}  # too young: start_run may still be enqueueing it
    now = time.time() + 10
    # not at once: a worker may be about to renew its alive key after the restart
    assert runs_queue.requeue_lost_runs(settings, store, conn, suspects, grace_s=5, now=now) == []
    assert run_id in suspects
    later = now + 6
    requeued = runs_queue.requeue_lost_runs(settings, store, conn, suspects, grace_s=5, now=later)
    assert requeued == [run_id] and suspects == {}
    runs_worker.run_worker(settings, burst=True)
    assert store.get_run(run_id).status == "completed"
    assert engine.calls == SOURCES[:2]


def test_a_run_held_by_a_live_worker_is_not_queued_again(settings, store, conn) -> None:
    run_id = runs_queue.start_run(SOURCES[:1], settings, store=store, connection=conn)
    conn.flushdb()
    conn.set(runs_queue.alive_key(run_id), "some-worker", ex=30)
    suspects: dict[str, float] = {}
    for offset in (0, 10, 20):
        assert not runs_queue.requeue_lost_runs(
            settings, store, conn, suspects, grace_s=5, now=time.time() + 60 + offset
        )
    assert not Queue(settings.queue_name, connection=conn).get_job_ids()


def test_a_lost_run_is_queued_again_with_its_board_options(settings, store, conn) -> None:
    options = {"sites": ["indeed"], "results_wanted": 3}
    run_id = runs_queue.start_run(
        ["python developer in Berlin"], settings, store=store, connection=conn,
        board_options=options,
    )
    assert store.get_run(run_id).board_options == options
    conn.flushdb()
    suspects: dict[str, float] = {}
    now = time.time() + 10
    runs_queue.requeue_lost_runs(settings, store, conn, suspects, grace_s=5, now=now)
    assert runs_queue.requeue_lost_runs(
        settings, store, conn, suspects, grace_s=5, now=now + 6
    ) == [run_id]
    assert Job.fetch(run_id, connection=conn).kwargs == {"board_options": options}


def test_a_cancel_survives_redis_losing_its_flag(settings, store, conn, engine) -> None:
    """A cancel asked just before a Redis restart still stops the run."""
    run_id = runs_queue.start_run(SOURCES[:2], settings, store=store, connection=conn)
    runs_queue.cancel_run(run_id, settings, store=store, connection=conn)
    assert store.get_run(run_id).cancel_requested_at is not None
    conn.delete(runs_queue.cancel_key(run_id))
    assert runs_queue.cancel_requested(run_id, conn, store)
    assert not runs_queue.cancel_requested(run_id, conn)  # Redis alone has forgotten


def test_a_lost_run_that_was_cancelled_ends_cancelled(settings, store, conn) -> None:
    run_id = runs_queue.start_run(SOURCES[:1], settings, store=store, connection=conn)
    store.update_run(run_id, status="started")  # a worker had it when Redis went away
    store.update_run(run_id, cancel_requested_at=store.get_run(run_id).created_at)
    conn.flushdb()
    suspects: dict[str, float] = {}
    now = time.time() + 10
    runs_queue.requeue_lost_runs(settings, store, conn, suspects, grace_s=5, now=now)
    later = now + 6
    assert runs_queue.requeue_lost_runs(settings, store, conn, suspects, grace_s=5, now=later) == []
    assert store.get_run(run_id).status == "cancelled"
    assert not Queue(settings.queue_name, connection=conn).get_job_ids()
