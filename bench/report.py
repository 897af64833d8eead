"""``make bench``: every benchmark, one report.

Runs each ``bench/bench_*.py`` in its own process with ``--json``, times the
acceptance suite alone, and writes ``bench/results/latest.json`` (every key, a
number, or null with ``<key>_why``) and ``bench/results/latest.md`` (the table
with the machine, the profile and the date), which the README includes between
its ``bench-table`` markers.

    .venv/bin/python bench/report.py               # everything (~12 min here; the suite 7.5)
    .venv/bin/python bench/report.py --skip-suite  # without timing the acceptance suite
    .venv/bin/python bench/report.py --table-only  # rewrite the table from latest.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
LATEST = RESULTS / "latest.json"
TABLE = RESULTS / "latest.md"
README = ROOT / "README.md"
START, END = "<!-- bench-table:start -->", "<!-- bench-table:end -->"

# Every key of the report: (key, unit, what it measures, the script that measures it).
KEYS: list[tuple[str, str, str, str]] = [
    ("progress_latency_ms_p50", "ms", "progress update, publish -> async follower (p50)",
     "bench_progress.py"),
    ("progress_latency_ms_p95", "ms", "the same, p95", "bench_progress.py"),
    ("progress_latency_ms_p99", "ms", "the same, p99", "bench_progress.py"),
    ("pubsub_floor_ms_p50", "ms", "bare Redis PUBLISH -> subscriber, same run (the floor)",
     "bench_progress.py"),
    ("dom_latency_ms_p50", "ms", "progress update, worker publish -> dashboard DOM (p50)",
     "bench_dashboard.py"),
    ("dom_latency_ms_p95", "ms", "the same, p95", "bench_dashboard.py"),
    ("dom_latency_ms_max", "ms", "the same, the longest", "bench_dashboard.py"),
    ("enqueue_to_start_ms_p50", "ms", "run enqueued -> job running on an idle worker (p50)",
     "bench_progress.py"),
    ("career_pages_per_s", "pages/s", "career-page path end to end (fetch, extract, store)",
     "bench_scrape.py"),
    ("career_overhead_ratio", "x", "bare crawl4ai pages/s over ours, same run",
     "bench_scrape.py"),
    ("career_overhead_ratio_same_work", "x", "the same against crawl4ai without its Markdown "
     "(ours renders Markdown only for the model route)", "bench_scrape.py"),
    ("token_count_ratio_vs_tiktoken", "x", "Qwen token count vs a bare tiktoken encode",
     "bench_tokens.py"),
    ("routing_ms_per_page_p50", "ms", "prune + prompt + count + route one page (p50)",
     "bench_tokens.py"),
    ("local_processing_rate", "share", "pages processed without the cloud, the seeds' mix",
     "bench_tokens.py"),
    ("monthly_cost_usd_10k_jobs", "USD", "10,000 jobs a month of that mix (cloud at the limit)",
     "bench_tokens.py"),
    ("engine_load_s_cpu_tiny", "s", "vLLM engine load of a tiny tier (cpu-tiny)",
     "bench_local_model.py"),
    ("model_swap_s_cpu_tiny", "s", "unload one tier, load another (cpu-tiny)",
     "bench_local_model.py"),
    ("worker_rss_growth_mb_1000_pages", "MB", "worker memory growth over 1,000 pages",
     "bench_progress.py"),
    ("jobs_page_ms_p95_100k", "ms", "dashboard jobs query, filtered page, 100,000 postings "
     "(SQLite, p95)", "bench_dashboard.py"),
    ("jobs_page_ms_p95_100k_postgres", "ms", "the same on PostgreSQL", "bench_dashboard.py"),
    ("extraction_field_accuracy", "share", "posting fields right on the corpus",
     "bench_extraction.py"),
    ("listing_title_recall", "share", "listing titles found on the corpus",
     "bench_extraction.py"),
    ("suite_seconds", "s", "the acceptance suite alone (steps/, two processes)", "report.py"),
]


# Options a script runs with in the report (enough for its keys, within the time budget).
SCRIPT_OPTIONS: dict[str, list[str]] = {
    "bench_local_model.py": ["--tiers", "2", "--pages", "2"],
}


def machine() -> dict[str, str]:
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return {"cores": str(os.cpu_count()), "cpu": model, "python": platform.python_version()}


def run_benchmarks(skip_suite: bool) -> None:
    scripts = sorted({script for *_, script in KEYS if script.startswith("bench_")})
    for script in scripts:
        path = ROOT / "bench" / script
        keys = [key for key, *_, source in KEYS if source == script]
        if not path.exists():
            for key in keys:
                _unavailable(key, f"{script} is not in this tree yet")
            continue
        print(f"== bench/{script}", flush=True)
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(path), *SCRIPT_OPTIONS.get(script, []),
                                 "--json", str(LATEST)], cwd=ROOT)
        print(f"   ({time.perf_counter() - started:.0f} s)", flush=True)
        if result.returncode != 0:
            for key in keys:
                _unavailable(key, f"{script} failed with status {result.returncode}")
    if skip_suite:
        _unavailable("suite_seconds", "not timed in this run (--skip-suite)")
        return
    print("== the acceptance suite (steps/, -n 2)", flush=True)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "steps", "-n", "2", "-q"],
                            cwd=ROOT, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    if result.returncode == 0:
        _record(suite_seconds=round(seconds, 1))
    else:
        _unavailable("suite_seconds", f"the suite failed (status {result.returncode})")


def _record(**keys: object) -> None:
    from bench.results import record

    record(LATEST, **keys)


def _unavailable(key: str, why: str) -> None:
    from bench.results import unavailable

    unavailable(LATEST, key, why)


def table(data: dict[str, object]) -> str:
    """The Markdown table of the report, with where and when it was measured."""
    facts = data.get("_machine", {})
    assert isinstance(facts, dict)
    lines = [
        f"Measured {data.get('_date', '?')} on {facts.get('cores', '?')} cores "
        f"({facts.get('cpu', '?')}), Python {facts.get('python', '?')}, model profile "
        f"`{data.get('_profile', '?')}`.",
        "",
        "| key | value | unit | what |",
        "| --- | ---: | --- | --- |",
    ]
    for key, unit, what, _script in KEYS:
        value = data.get(key)
        shown = "n/a" if value is None else (f"{value:,.4g}" if isinstance(value, float)
                                             else str(value))
        why = data.get(f"{key}_why")
        lines.append(f"| `{key}` | {shown} | {unit} | {what}{f' ({why})' if why else ''} |")
    return "\n".join(lines)


def write_table() -> None:
    data = json.loads(LATEST.read_text())
    text = table(data)
    TABLE.write_text(text + "\n")
    readme = README.read_text()
    if START in readme and END in readme:
        head, _, rest = readme.partition(START)
        _, _, tail = rest.partition(END)
        README.write_text(f"{head}{START}\n{text}\n{END}{tail}")


def main() -> None:
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-suite", action="store_true")
    parser.add_argument("--table-only", action="store_true")
    args = parser.parse_args()
    if not args.table_only:
        RESULTS.mkdir(parents=True, exist_ok=True)
        LATEST.write_text("{}\n")
        started = time.perf_counter()
        run_benchmarks(args.skip_suite)
        profile = os.environ.get("JOBSCRAPER_MODEL_PROFILE", "cpu-tiny")
        _record(_machine=machine(), _profile=profile,
                _date=datetime.now(UTC).strftime("%Y-%m-%d"),
                _seconds=round(time.perf_counter() - started))
    write_table()
    print(TABLE.read_text())


if __name__ == "__main__":
    main()
