"""``jobscraper extract FILE_OR_URL [--url URL] [--explain]``: the postings on one page.

Runs the same code path as a scrape (everything exact first, else the model route)
without storing anything. A saved page is read from disk (``--url`` gives the address
it was saved from, so relative links and the posting's address come out right; else
the address the page declares is used); an http(s) address is scraped like a career
source (a listing page gives the jobs it lists). Prints a JSON array, one object per
posting (a saved listing: one per job card); keys the page does not fill are null,
``field_sources`` says where each filled field came from. ``--explain`` prints, for a
saved page, how it was read and a table of each posting's fields and their sources.
"""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path
from typing import Any

import typer

from jobscraper.cli.common import console, err_console, settings_or_exit
from jobscraper.cli.explain import explain
from jobscraper.extract.pipeline import PageResult
from jobscraper.models import PostingData

KEYS = (
    "title", "company", "location", "remote", "employment_type", "salary_min", "salary_max",
    "salary_currency", "salary_interval", "url", "route", "site", "posted_date", "skills",
    "description", "field_sources",
)


def posting_json(posting: PostingData) -> dict[str, Any]:
    data = posting.model_dump(mode="json")
    return {key: data.get(key) for key in KEYS}


async def extract_file(path: Path, url: str, settings: Any) -> PageResult:
    """One saved page through the extraction pipeline (the model route as configured)."""
    from urllib.parse import urlsplit

    from jobscraper.extract.base import PageContent
    from jobscraper.extract.pipeline import default_extractor, extract_page
    from jobscraper.sources.http import decode_html

    html = decode_html(path.read_bytes())
    page = PageContent(url=url, html=html, site=urlsplit(url).hostname)
    return await extract_page(page, default_extractor(settings))


async def extract_url(url: str, settings: Any) -> tuple[list[PostingData], str | None]:
    from jobscraper.scrape import scrape

    result = await scrape([url], settings, store=None)
    outcome = result.outcomes[0]
    return result.postings, None if outcome.ok else f"{outcome.outcome.value}: {outcome.reason}"


def register(app: typer.Typer) -> None:
    @app.command()
    def extract(
        file_or_url: str = typer.Argument(..., help="A saved HTML page or an http(s) address."),
        url: str | None = typer.Option(
            None, "--url", help="The address a saved page came from (default: its file:// URI)."
        ),
        explain_fields: bool = typer.Option(
            False, "--explain", help="Show how the page was read and each field's source."
        ),
    ) -> None:
        """Print the postings on one page as a JSON array (nothing is stored)."""
        settings = settings_or_exit()
        path = Path(file_or_url).expanduser()
        if path.is_file():
            page_url = url or path.resolve().as_uri()
            result = asyncio.run(extract_file(path, page_url, settings))
            if explain_fields:
                explain(result, console)
                return
            # A listing gives its job cards (title, address, location where shown).
            postings, problem = result.postings or result.stubs, result.reason
        elif re.match(r"^https?://", file_or_url, re.I):
            postings, problem = asyncio.run(extract_url(file_or_url, settings))
        else:
            err_console.print(f"[red]{file_or_url}: no such file, and not an http(s) address[/red]")
            raise typer.Exit(2)
        if problem:
            err_console.print(f"[yellow]{problem}[/yellow]")
        typer.echo(json.dumps([posting_json(p) for p in postings], indent=2, ensure_ascii=False))
        if problem and not postings:
            raise typer.Exit(1)
