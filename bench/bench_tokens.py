"""Benchmark: Qwen token counting, pruning and routing per page.

    .venv/bin/python bench/bench_tokens.py [--pages 100] [--repeat 5]

1. **Token counting** of a 50 KB page: jobscraper's ``count_tokens`` (NFC
   normalisation + the Qwen3 ``tiktoken.Encoding`` with added tokens) against
   a bare ``tiktoken`` encode of the same text with the same ranks, in the
   same run; the ratio is jobscraper's overhead.
2. **Routing + pruning per page** over the original specification's size mix
   (``steps.harness.job_pages.spec_mix``): prune, build the whole prompt,
   count it, decide. Reports ms per page (median, p95) and the local rate
   raw vs pruned.

Numbers, not pass/fail.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", metavar="PATH", help="merge the measured keys into this file")
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    import tiktoken

    from jobscraper.ai import tokens
    from jobscraper.ai.plan import plan_page
    from jobscraper.config import load_settings
    from steps.harness.job_pages import make_page, spec_mix

    started = time.perf_counter()
    tokens.qwen_encoding()
    build_s = time.perf_counter() - started
    bare = tiktoken.Encoding(
        name="bare",
        pat_str=tokens.QWEN_PATTERN,
        mergeable_ranks=tokens.qwen_ranks(),
        special_tokens={},
    )
    text = make_page(14000, seed=1).html[:50_000]
    ours = _best(lambda: tokens.count_tokens(text), args.repeat)
    theirs = _best(lambda: bare.encode_ordinary(text), args.repeat)
    n = tokens.count_tokens(text)
    print(f"Token counting (50 KB page, best of {args.repeat})")
    print(f"  {'':28} {'ms':>8} {'tokens/s':>12}")
    print(f"  {'jobscraper count_tokens':28} {ours * 1000:8.2f} {n / ours:12,.0f}")
    print(f"  {'bare tiktoken encode':28} {theirs * 1000:8.2f} {n / theirs:12,.0f}")
    print(f"  ratio (jobscraper / bare): {ours / theirs:.2f}x   encoding build: {build_s:.2f} s")

    settings = load_settings(data_dir=ROOT / ".work" / "bench-tokens", model_profile="cpu-tiny")
    pages = spec_mix(args.pages)
    plan_page(pages[0].html, pages[0].url, settings)  # warm up imports
    per_page, plans = [], []
    for page in pages:
        started = time.perf_counter()
        plans.append(plan_page(page.html, page.url, settings))
        per_page.append((time.perf_counter() - started) * 1000)
    per_page.sort()
    raw_local = sum(p.tokens_raw <= settings.token_threshold for p in plans) / len(plans)
    pruned_local = sum(p.decision.route.value == "local" for p in plans) / len(plans)
    saved = 1 - sum(p.tokens_pruned for p in plans) / sum(p.tokens_raw for p in plans)
    print(f"\nRouting + pruning per page ({len(pages)} pages, spec mix)")
    print(
        f"  median {statistics.median(per_page):.2f} ms   "
        f"p95 {per_page[int(len(per_page) * 0.95) - 1]:.2f} ms   max {per_page[-1]:.2f} ms"
    )
    print(f"  tokens removed by pruning: {saved:.0%}")
    print(f"  local rate: raw {raw_local:.0%} -> pruned {pruned_local:.0%}")

    from jobscraper.ai.costs import forecast

    projection = forecast([p.decision for p in plans], settings, monthly_jobs=10_000)
    print(f"  monthly cost of 10,000 such jobs (cloud pages at the output limit): "
          f"${projection.monthly_projection_usd:.2f}")
    from bench.results import record

    record(
        args.json,
        token_count_ratio_vs_tiktoken=round(ours / theirs, 3),
        routing_ms_per_page_p50=round(statistics.median(per_page), 3),
        local_processing_rate=round(projection.local_rate, 4),
        monthly_cost_usd_10k_jobs=round(projection.monthly_projection_usd, 4),
    )


if __name__ == "__main__":
    main()
