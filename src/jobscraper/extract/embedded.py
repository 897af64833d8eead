"""The data app shells embed for their own frontend, read as the structured data it is.

A JavaScript career site often ships its jobs inside the page as JSON for its own
frontend to draw: ``window.__appData = {...}`` (Ashby), ``<script id="__NEXT_DATA__"
type="application/json">`` (Next.js sites), ``window.mosaic.providerData[...]``
(Indeed), ``COMPANY_POSITIONS_DATA = [...]`` (Comeet). The raw page then shows almost
no text, yet everything is there, exactly. :func:`embedded_data` finds these blocks
and parses them (never evaluating any script); what a block means is the platform
module's business (:mod:`jobscraper.sources.platforms`), and :func:`job_lists` finds
lists of jobs in blocks no platform claims.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

# Assignments of app data: window.__appData = {, window._initialData={,
# window.mosaic.providerData["mosaic-provider-jobcards"]={, var COMPANY_POSITIONS_DATA = [
_ASSIGNMENT = re.compile(
    r"(?:^|[\s;,{(>])(?:window\.|self\.|var\s+|let\s+|const\s+)?"
    r"(?P<name>__\w+__|__appData|_initialData|mosaic\.providerData\[[\"'][\w-]+[\"']\]|"
    r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)"
    r"\s*=\s*(?=[\[{])"
)
_JSON_SCRIPT = re.compile(
    r"<script\b(?P<attrs>[^>]*\btype\s*=\s*[\"']application/json[\"'][^>]*)>(?P<body>.*?)"
    r"</script\s*>",
    re.IGNORECASE | re.DOTALL,
)
_ID = re.compile(r"\bid\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
MAX_BLOCK_CHARS = 8_000_000


@dataclass(frozen=True)
class EmbeddedData:
    """One block of embedded app data: its name (variable or script id) and its value."""

    name: str
    data: Any


def _decoded(text: str, start: int) -> Any:
    decoder = json.JSONDecoder(strict=False)
    value, _end = decoder.raw_decode(text, start)
    return value


def embedded_data(html: str) -> list[EmbeddedData]:
    """Every parsable block of embedded app data on the page, in page order."""
    found: list[EmbeddedData] = []
    for match in _JSON_SCRIPT.finditer(html):
        body = match.group("body").strip()
        if not body or len(body) > MAX_BLOCK_CHARS:
            continue
        name_match = _ID.search(match.group("attrs"))
        try:
            found.append(EmbeddedData(name_match.group(1) if name_match else "", json.loads(
                body, strict=False)))
        except ValueError:
            log.debug("skipping unparsable JSON script block (%d chars)", len(body))
    for match in _ASSIGNMENT.finditer(html):
        name = re.sub(r"\[[\"']([\w-]+)[\"']\]", r"[\1]", match.group("name"))
        try:
            found.append(EmbeddedData(name, _decoded(html, match.end())))
        except ValueError:
            log.debug("skipping %s: not JSON", name)
    return found


def named(blocks: list[EmbeddedData], name: str) -> Any:
    """The value of the first block called ``name`` (None when the page has none)."""
    return next((block.data for block in blocks if block.name == name), None)


def at(data: Any, *path: str | int) -> Any:
    """``data[path[0]][path[1]]...``, None as soon as a step is missing."""
    for step in path:
        if isinstance(step, int) and isinstance(data, list) and -len(data) <= step < len(data):
            data = data[step]
        elif isinstance(step, str) and isinstance(data, dict):
            data = data.get(step)
        else:
            return None
    return data


_TITLE_KEYS = ("title", "jobTitle", "job_title", "positionTitle")
_URL_KEYS = ("url", "absolute_url", "jobUrl", "hostedUrl", "applyUrl", "link", "href",
             "jobLink", "canonicalUrl")


def _job_like(item: Any) -> bool:
    return isinstance(item, dict) and any(isinstance(item.get(k), str) and item.get(k)
                                          for k in _TITLE_KEYS) and any(
        isinstance(item.get(k), str) and item.get(k) for k in _URL_KEYS)


def job_lists(data: Any, depth: int = 0) -> Iterator[list[dict[str, Any]]]:
    """Lists of job-like objects (a title and an address) anywhere in ``data``."""
    if depth > 12:
        return
    if isinstance(data, list):
        jobs = [item for item in data if _job_like(item)]
        if jobs and len(jobs) >= max(1, len(data) // 2):
            yield jobs
            return
        for item in data:
            yield from job_lists(item, depth + 1)
    elif isinstance(data, dict):
        for value in data.values():
            yield from job_lists(value, depth + 1)


def job_title(item: dict[str, Any]) -> str | None:
    return next((item[k] for k in _TITLE_KEYS if isinstance(item.get(k), str)), None)


def job_url(item: dict[str, Any]) -> str | None:
    return next((item[k] for k in _URL_KEYS if isinstance(item.get(k), str)), None)
