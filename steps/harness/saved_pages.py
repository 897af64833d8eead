"""Pages of the fake internet saved to files, and ``jobscraper extract`` run on them.

A user saves a career page with the browser ("Save page as") and hands the file to
``jobscraper extract``: the file then carries no address of its own beyond what the
page declares. Saving goes through the fake internet like any visit; the visit is not
part of what a scenario then checks, so the recorded requests are cleared.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from jobscraper.config import Settings
from steps.harness.fake_internet import SITES, FakeInternet, PostingInfo


@dataclass(frozen=True)
class ExtractedPage:
    """What ``jobscraper extract FILE`` printed: its JSON postings and its problem line."""

    exit_code: int
    postings: list[dict[str, Any]] = field(default_factory=list)
    problem: str = ""


def posting_titled(title: str) -> PostingInfo:
    """The catalogue's posting with this title, on whichever fixture site it is."""
    for info in SITES.values():
        for posting in info.postings:
            if posting.title == title:
                return posting
    raise AssertionError(f"no fixture posting titled {title!r}")


def save_page(url: str, fake_internet: FakeInternet, folder: Path) -> Path:
    """The page at ``url`` as the browser received it, in a file of ``folder``."""
    response = httpx.get(url, proxy=fake_internet.proxy_url, verify=fake_internet.ssl_context(),
                         timeout=10, follow_redirects=True)
    assert response.status_code == 200, f"{url} answered HTTP {response.status_code}"
    name = re.sub(r"[^a-z0-9]+", "-", url.lower().split("://", 1)[-1]).strip("-")[:80]
    path = folder / f"{name}.html"
    path.write_bytes(response.content)
    fake_internet.clear_requests()
    return path


def extract_saved(path: Path, settings: Settings) -> ExtractedPage:
    """``jobscraper extract FILE`` as a user runs it, with the application's settings."""
    from typer.testing import CliRunner

    from jobscraper.cli import app

    result = CliRunner().invoke(app, ["extract", str(path)], env=settings.to_env())
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return ExtractedPage(result.exit_code, json.loads(result.stdout or "[]"),
                         result.stderr.strip())
