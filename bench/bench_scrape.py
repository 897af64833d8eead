"""Benchmark: the whole career-page path vs crawl4ai alone, in the same run.

One fake career site (on the suite's fake internet: loopback TLS proxy, real
host name) lists N postings (default 100), each a realistic page with
schema.org JSON-LD. Measured:

* **jobscraper**: ``scrape([listing])`` end to end: address guard, robots.txt,
  rate limiter (set high, so it never waits), crawl4ai fetch + processing,
  structured extraction, normalisation and ``Store.upsert_postings`` (SQLite).
* **crawl4ai alone**: the same N+1 URLs through ``AsyncWebCrawler`` with the
  plain ``AsyncHTTPCrawlerStrategy`` (same proxy and CA), one after another as
  jobscraper fetches a site's pages, no extraction, no storage.

* **crawl4ai alone, no Markdown**: the same, with crawl4ai's Markdown rendering left
  out, as jobscraper leaves it out for pages read exactly (it renders a page's Markdown
  only for the model route): the ratio to this row is the cost of everything we add
  around the same crawl4ai work (``career_overhead_ratio_same_work``).

All are timed from nothing to the last page: building and starting the crawler is
part of each (``scrape`` builds its own), so the ratio compares like with like.

The ratio is jobscraper's pages/s over crawl4ai's: the overhead of everything
around the fetch. Reported, not asserted (numbers depend on the machine).

    .venv/bin/python bench/bench_scrape.py [--postings 100] [--repeat 5]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from steps.harness import environment  # noqa: E402

environment.apply()

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from bench.results import record  # noqa: E402
from jobscraper.config import load_settings  # noqa: E402
from jobscraper.scrape import scrape  # noqa: E402
from jobscraper.sources.http import ssl_context  # noqa: E402
from jobscraper.store import Store  # noqa: E402
from steps.harness.fake_internet import FakeInternet  # noqa: E402
from steps.harness.fake_internet.model import FakeRequest, FakeResponse  # noqa: E402
from steps.harness.fake_internet.registry import Site  # noqa: E402
from steps.harness.fake_internet.sites.companies import company_brand, company_info  # noqa: E402
from steps.harness.fake_internet.sites.pages import listing_page, posting_page  # noqa: E402
from steps.harness.fake_internet.sites.render import ROBOTS_ALLOW_ALL  # noqa: E402

HOST = "careers.bench-corp.example"


def bench_site(count: int) -> tuple[Site, list[str]]:
    """A career site with ``count`` JSON-LD postings and a listing linking them all."""
    base = company_info(1)
    brand = replace(company_brand(1), host=HOST, name="Bench Corp")
    postings = []
    for n in range(count):
        template = base.postings[n % len(base.postings)]
        postings.append(replace(
            template, url=f"https://{HOST}/jobs/{n:04d}-{template.job_id}",
            job_id=f"{n:04d}", title=f"{template.title} {n:04d}", company="Bench Corp",
        ))
    pages = {
        "/jobs": listing_page(brand, tuple(postings), item_list=False),
        "/robots.txt": ROBOTS_ALLOW_ALL.format(host=HOST),
    }
    for p in postings:
        pages[p.url.split(HOST, 1)[1]] = posting_page(brand, p, structured="plain")

    def handler(request: FakeRequest) -> FakeResponse:
        body = pages.get(request.path)
        if body is None:
            return FakeResponse(404, "<html><body>not found</body></html>")
        kind = "text/plain; charset=utf-8" if request.path.endswith(".txt") else None
        return FakeResponse(200, body, kind or "text/html; charset=utf-8")

    urls = [f"https://{HOST}/jobs", *(p.url for p in postings)]
    return Site(HOST, "benchmark career site", catch_all=handler), urls


async def run_jobscraper(settings, urls: list[str], count: int) -> tuple[float, int]:
    store = Store(settings)
    try:
        started = time.perf_counter()
        result = await scrape([urls[0]], settings, store=store)
        elapsed = time.perf_counter() - started
        outcome = result.outcomes[0]
        assert outcome.ok and outcome.postings == count, outcome
        return elapsed, outcome.pages_fetched
    finally:
        store.dispose()


def _no_markdown():
    from crawl4ai.markdown_generation_strategy import MarkdownGenerationStrategy
    from crawl4ai.models import MarkdownGenerationResult

    class NoMarkdown(MarkdownGenerationStrategy):
        def generate_markdown(self, input_html, base_url="", **kwargs):
            return MarkdownGenerationResult(raw_markdown="", markdown_with_citations="",
                                            references_markdown="")

    return NoMarkdown()


async def run_crawl4ai(settings, urls: list[str], *, markdown: bool = True) -> tuple[float, int]:
    from crawl4ai import AsyncWebCrawler, BrowserConfig, CacheMode, CrawlerRunConfig
    from crawl4ai.async_configs import HTTPCrawlerConfig, ProxyConfig
    from crawl4ai.async_crawler_strategy import AsyncHTTPCrawlerStrategy

    started = time.perf_counter()  # like scrape(): the crawler is built and started too
    strategy = AsyncHTTPCrawlerStrategy(
        browser_config=HTTPCrawlerConfig(verify_ssl=ssl_context(settings))  # type: ignore[arg-type]
    )
    config = CrawlerRunConfig(cache_mode=CacheMode.BYPASS, verbose=False,
                              proxy_config=ProxyConfig(server=settings.proxy_url),
                              markdown_generator=None if markdown else _no_markdown())
    async with AsyncWebCrawler(crawler_strategy=strategy,
                               config=BrowserConfig(verbose=False)) as crawler:
        for url in urls:
            result = await crawler.arun(url, config=config)
            assert result.success, (url, result.error_message)
        return time.perf_counter() - started, len(urls)


async def main(count: int, repeat: int, json_path: str | None = None) -> None:
    with FakeInternet() as net, tempfile.TemporaryDirectory() as tmp:
        site, urls = bench_site(count)
        net.add_site(site)
        rows: dict[str, list[tuple[float, int]]] = {
            "jobscraper": [], "crawl4ai alone": [], "crawl4ai alone, no Markdown": []}
        ratios: list[float] = []
        same_work: list[float] = []
        for i in range(repeat + 1):  # the first round warms imports and connections
            settings = load_settings(
                data_dir=Path(tmp) / f"data-{i}", proxy_url=net.proxy_url,
                ca_bundle=str(net.ca_bundle_path), per_host_requests_per_s=100_000,
                max_jobs_per_company=count, model_extraction=False,
            )
            # Side by side, in rotating order, so a burst of load elsewhere on the
            # machine falls on every path alike.
            runs = [
                ("jobscraper", lambda s=settings: run_jobscraper(s, urls, count)),
                ("crawl4ai alone", lambda s=settings: run_crawl4ai(s, urls)),
                ("crawl4ai alone, no Markdown",
                 lambda s=settings: run_crawl4ai(s, urls, markdown=False)),
            ]
            shift = i % len(runs)
            measured = {name: await run() for name, run in runs[shift:] + runs[:shift]}
            if i:
                for name, sample in measured.items():
                    rows[name].append(sample)
                ours = measured["jobscraper"][0]  # same pages: seconds ratio = rate ratio
                ratios.append(ours / measured["crawl4ai alone"][0])
                same_work.append(ours / measured["crawl4ai alone, no Markdown"][0])

    def rate(samples: list[tuple[float, int]]) -> tuple[float, int, float]:
        seconds = statistics.median(s for s, _ in samples)
        pages = samples[0][1]
        return seconds, pages, pages / seconds

    table = Table(title=f"Career-page path over {count} fixture postings "
                        f"(median of {repeat} runs, fake internet on loopback)")
    for column in ("path", "pages", "seconds", "pages/s", "vs crawl4ai"):
        table.add_column(column, justify="left" if column == "path" else "right")
    base = rate(rows["crawl4ai alone"])[2]
    for name, samples in rows.items():
        seconds, pages, per_s = rate(samples)
        table.add_row(name, str(pages), f"{seconds:.2f}", f"{per_s:.1f}", f"{per_s / base:.2f}x")
    Console().print(table)
    ours = rate(rows["jobscraper"])[2]
    ratio, same = statistics.median(ratios), statistics.median(same_work)
    print(f"overhead ratio (crawl4ai pages/s / jobscraper pages/s, median of the rounds' "
          f"side-by-side ratios): {ratio:.2f}; against crawl4ai doing the same work "
          f"(no Markdown): {same:.2f}")
    record(json_path, career_pages_per_s=round(ours, 1), career_overhead_ratio=round(ratio, 3),
           career_overhead_ratio_same_work=round(same, 3))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", metavar="PATH", help="merge the measured keys into this file")
    args = parser.parse_args()
    asyncio.run(main(args.postings, args.repeat, args.json))
