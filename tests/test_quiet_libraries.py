"""The libraries jobscraper uses print nothing of their own to its users."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

START_A_CRAWLER = """
import asyncio, sys
from jobscraper.config import load_settings
from jobscraper.sources.crawler import CareerCrawler

async def main() -> None:
    async with CareerCrawler(load_settings(data_dir=sys.argv[1])):
        pass

asyncio.run(main())
"""


def test_starting_a_crawler_prints_no_crawl4ai_banner(tmp_path: Path) -> None:
    """A fresh crawl4ai home (the banner shows once a day per home) and no switch exported:
    what a newcomer's first ``jobscraper scrape`` does."""
    env = {k: v for k, v in os.environ.items()
           if k != "CRAWL4AI_NO_CLOUD_NOTICE" and not k.startswith("JOBSCRAPER_")}
    env["CRAWL4_AI_BASE_DIRECTORY"] = str(tmp_path / "crawl4ai-home")
    result = subprocess.run(
        [sys.executable, "-c", START_A_CRAWLER, str(tmp_path / "data")],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=True,
    )
    output = result.stdout + result.stderr
    assert "Crawl4AI Cloud" not in output, output
