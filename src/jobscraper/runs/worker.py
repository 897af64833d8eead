"""The background worker: RQ ``SimpleWorker`` processes that carry out runs.

``jobscraper worker`` runs :func:`run_worker`: a :class:`RunWorker` (an RQ
``SimpleWorker``: the job runs in the worker process itself, never in a fork,
so a loaded model stays resident and is reused by every run) on the queue
``settings.queue_name``. Start as many as you like on one Redis; each run is
taken by exactly one of them. What a run does once taken is
``jobscraper.runs.job``; this module is how a process takes runs and keeps them.

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

Redis restarts. Every client retries with backoff; progress that cannot be
published is dropped after a while (the next update rebuilds it); the run's
durable state is its SQL row. If RQ's loop itself gives up, ``run_worker``
starts it again. A Redis that keeps nothing on disk loses the queue: idle
workers' maintenance also looks for unfinished runs (SQL rows) that have no
job in Redis and no worker holding them (the ``alive`` key the lease thread
renews) and queues them again (``queue.requeue_lost_runs``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
import uuid
from typing import Any

import redis
from rq import Queue, SimpleWorker
from rq.job import Job

from jobscraper.config import Settings
from jobscraper.redis_server import redis_url, sync_client
from jobscraper.runs.context import WorkerContext, installed_context, set_context
from jobscraper.runs.queue import alive_key, requeue_lost_runs
from jobscraper.store import Store

log = logging.getLogger(__name__)


class RunWorker(SimpleWorker):
    """A ``SimpleWorker`` holding a short, renewed lease on the run it carries out."""

    def __init__(self, *args: Any, lease_s: int = 60, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lease_s = max(2, int(lease_s))
        self.lost_run_suspects: dict[str, float] = {}

    def run_maintenance_tasks(self) -> None:
        """RQ's registry clean-up (abandoned jobs), then runs whose job Redis lost."""
        super().run_maintenance_tasks()
        ctx = installed_context()
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
    # The embedded Redis resolved to its URL once: the worker's model announcements
    # (jobscraper.ai.residency) and its clients then name the same server.
    settings = settings.model_copy(update={"redis_url": redis_url(settings)})
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
