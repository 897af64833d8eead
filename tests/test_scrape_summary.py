"""The summary ``jobscraper scrape`` ends with reads well in any terminal width."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from jobscraper.cli.cmd_scrape import summary
from jobscraper.models import Outcome, SourceOutcome
from jobscraper.scrape import ScrapeResult

BLOCKED_REASON = "a bot challenge page (Cloudflare) answered instead of the job list"


def _result(reason: str | None = BLOCKED_REASON) -> ScrapeResult:
    return ScrapeResult(run_id=None, outcomes=[
        SourceOutcome("https://careers.acme-robotics.com/jobs", "career_page", Outcome.OK,
                      postings=4, new=4, duration_s=1.23),
        SourceOutcome("python developer in Berlin", "job_board", Outcome.OK, postings=20,
                      new=18, updated=2, duration_s=3.4, sites={"linkedin": 12, "indeed": 8}),
        SourceOutcome("https://careers.sneaky-scripts.example/careers", "career_page",
                      Outcome.BLOCKED if reason else Outcome.OK, reason, duration_s=0.5),
    ])


def _shown(result: ScrapeResult, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(summary(result, console))
    return console.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [80, 100])
def test_a_narrow_terminal_breaks_no_word(width: int) -> None:
    shown = _shown(_result(), width)
    for source in _result().outcomes:
        assert any(source.source in line for line in shown.splitlines()), (
            f"{source.source!r} is not on one line:\n{shown}"
        )
    words = re.findall(r"\w+", shown)
    for word in [*re.findall(r"\w+", BLOCKED_REASON), "linkedin", "updated", "blocked"]:
        assert word in words, f"{word!r} is broken:\n{shown}"
    assert max(len(line) for line in shown.splitlines()) <= width


def test_the_counts_and_times_are_shown_in_a_narrow_terminal() -> None:
    shown = " ".join(_shown(_result(), 80).split())  # lines wrap between words
    assert "Scrape summary: 24 postings, 22 new, 2 updated" in shown
    assert "20 postings, 18 new, 2 updated · 3.4s" in shown
    assert "job board (linkedin 12, indeed 8)" in shown


def test_a_wide_terminal_gets_one_column_per_fact() -> None:
    shown = _shown(_result(reason=None), 160)
    header = next(line for line in shown.splitlines() if "source" in line)
    for column in ("kind", "outcome", "postings", "new", "updated", "time", "reason"):
        assert column in header.split(), header
