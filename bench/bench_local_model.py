"""Benchmark: the local model tier on the active profile.

    .venv/bin/python bench/bench_local_model.py [--pages 5] [--tiers 3] [--profile cpu-tiny|gpu]

For each local tier: the engine load time (the original target on gpu: under
60 s per tier), then ``--pages`` extractions of pages sized for that tier
through the application's extractor (prune, count, route, vLLM structured
output, validate): latency per page (median, max), pages per second, output
tokens per second and how many answers were valid postings. On ``cpu-tiny``
the models are the tiny random-weight Qwen3 stand-ins (``jobscraper models
build-tiny`` is run first; a no-op when built), so their speed says nothing
about real models - it measures the machinery. Numbers, not pass/fail.
``make bench`` takes the first two tiers and two pages each (``--tiers 2 --pages 2``): the
engine load and a swap are its keys, and the third tier would only add another load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TIER_PROMPTS = {"thinking": 1500, "primary": 3500, "maximum": 7000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5)
    parser.add_argument("--tiers", type=int, default=3, help="the first N local tiers (2: a swap)")
    parser.add_argument("--profile", default=os.environ.get("JOBSCRAPER_MODEL_PROFILE", "cpu-tiny"))
    parser.add_argument("--json", metavar="PATH", help="merge the measured keys into this file")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    from steps.harness import environment

    environment.apply()

    from jobscraper.ai.local import model_manager
    from jobscraper.ai.tiny_models import build_tiny_models
    from jobscraper.config import load_settings
    from jobscraper.extract.base import ExtractionStatus, PageContent
    from jobscraper.extract.llm import ModelExtractor
    from steps.harness.job_pages import page_with_prompt_tokens

    settings = load_settings(
        data_dir=ROOT / ".work" / "bench-local",
        models_dir=ROOT / ".work" / "models",
        model_profile=args.profile,
    )
    if settings.resolved_profile == "cpu-tiny":
        build_tiny_models(settings)
    started = time.perf_counter()
    import vllm  # noqa: F401

    import_s = time.perf_counter() - started
    manager = model_manager()
    extractor = ModelExtractor(settings, local=manager)
    rows = []
    for tier in settings.tiers[:max(1, args.tiers)]:
        target = TIER_PROMPTS.get(tier.name, 1000)
        pages = [page_with_prompt_tokens(target, seed=i) for i in range(args.pages)]
        load_ms = manager.ensure_loaded(tier, settings) or 0.0
        latencies, out_tokens, valid = [], 0, 0
        for page in pages:
            t0 = time.perf_counter()
            outcome = extractor.extract_sync(PageContent(url=page.url, html=page.html))
            latencies.append(time.perf_counter() - t0)
            out_tokens += sum(c.completion_tokens for c in outcome.calls)
            valid += outcome.status == ExtractionStatus.OK
        total = sum(latencies)
        rows.append(
            (
                tier.name,
                manager.loaded_model,
                load_ms / 1000,
                target,
                statistics.median(latencies),
                max(latencies),
                len(pages) / total,
                out_tokens / total,
                valid,
                len(pages),
            )
        )
    # a swap: the resident model unloaded and the first tier's loaded again
    swap_started = time.perf_counter()
    manager.ensure_loaded(settings.tiers[0], settings)
    swap_s = time.perf_counter() - swap_started
    manager.unload()
    print(f"Local model tier, profile {settings.resolved_profile} (vllm import {import_s:.1f} s, "
          f"swap back to {settings.tiers[0].name}: {swap_s:.1f} s)")
    from bench.results import record, unavailable

    if settings.resolved_profile == "cpu-tiny":
        record(args.json, engine_load_s_cpu_tiny=round(rows[0][2], 2),
               model_swap_s_cpu_tiny=round(swap_s, 2))
    else:
        for key in ("engine_load_s_cpu_tiny", "model_swap_s_cpu_tiny"):
            unavailable(args.json, key, f"this run used the {settings.resolved_profile} profile")
    print(
        f"  {'tier':9} {'model':28} {'load s':>7} {'prompt':>7} {'med s':>6} {'max s':>6} "
        f"{'pages/s':>8} {'out tok/s':>9} {'valid':>6}"
    )
    for r in rows:
        print(
            f"  {r[0]:9} {r[1]:28} {r[2]:7.1f} {r[3]:7d} {r[4]:6.2f} {r[5]:6.2f} "
            f"{r[6]:8.2f} {r[7]:9.0f} {r[8]:>3}/{r[9]}"
        )


if __name__ == "__main__":
    main()
