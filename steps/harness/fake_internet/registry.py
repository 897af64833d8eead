"""Which host serves what: fixture sites, runtime additions and delays.

A site answers from, in order: exact-path handlers, path-prefix handlers, its
static folder (``sites/<host>/``), then a catch-all handler, else a 404 page.
Runtime additions (``add_page`` etc.) live in an overlay that ``reset()``
drops, so one test's pages never leak into the next.
"""

from __future__ import annotations

import html
import inspect
import mimetypes
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .model import FakeRequest, FakeResponse, Handler

NOT_ON_FAKE_INTERNET = "is not on the fake internet"


@dataclass
class Site:
    """One fake host."""

    host: str
    description: str = ""
    static_dir: Path | None = None
    routes: dict[str, Handler] = field(default_factory=dict)
    prefixes: list[tuple[str, Handler]] = field(default_factory=list)
    catch_all: Handler | None = None
    html_content_type: str = "text/html; charset=utf-8"

    def handler_for(self, path: str) -> Handler | None:
        """The handler for ``path``, or None to fall back to static files."""
        if path in self.routes:
            return self.routes[path]
        for prefix, handler in self.prefixes:
            if path.startswith(prefix):
                return handler
        return None

    def static_file(self, path: str) -> Path | None:
        """The fixture file serving ``path``: ``/jobs`` -> jobs.html or jobs/index.html."""
        if self.static_dir is None:
            return None
        root = self.static_dir.resolve()
        rel = path.lstrip("/")
        candidates = (
            [rel + "index.html"]
            if rel == "" or rel.endswith("/")
            else [
                rel,
                rel + ".html",
                rel + "/index.html",
            ]
        )
        for candidate in candidates:
            file = (root / candidate).resolve()
            if file.is_file() and file.is_relative_to(root):
                return file
        return None


def static_response(file: Path, html_content_type: str) -> FakeResponse:
    """A fixture file as a response, content type from its extension."""
    content_type, _ = mimetypes.guess_type(file.name)
    if content_type is None or file.suffix == ".html":
        content_type = html_content_type
    elif content_type.startswith("text/") or content_type in {
        "application/json",
        "application/xml",
    }:
        content_type += "; charset=utf-8"
    return FakeResponse(200, file.read_bytes(), content_type)


def not_found(request: FakeRequest) -> FakeResponse:
    """A 404 page that looks like a real site's."""
    path = html.escape(request.path)
    body = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Page not found</title></head>
<body><main><h1>Page not found</h1>
<p>We could not find <code>{path}</code> on {html.escape(request.host)}.
It may have been moved, or the position may have been filled.</p>
<p><a href="/">Back to the home page</a></p></main></body></html>
"""
    return FakeResponse(404, body)


def unknown_host(request: FakeRequest, known: Iterable[str]) -> FakeResponse:
    """502: the host does not exist here (the real network is never used)."""
    body = (
        f"502 Bad Gateway: the host {request.host!r} {NOT_ON_FAKE_INTERNET}.\n"
        "The test harness never contacts the real network. Hosts served:\n"
        + "".join(f"  {host}\n" for host in sorted(known))
    )
    return FakeResponse(
        502, body, "text/plain; charset=utf-8", headers={"x-fake-internet": "unknown-host"}
    )


class Registry:
    """Thread-safe host -> Site map with a resettable overlay and per-host delays."""

    def __init__(self, sites: Iterable[Site] = ()) -> None:
        self._lock = threading.Lock()
        self._base: dict[str, Site] = {site.host: site for site in sites}
        self._overlay: dict[str, Site] = {}
        self._delays: dict[str, float] = {}

    # -- configuration (any thread) ------------------------------------------------

    def add_site(self, site: Site, *, permanent: bool = False) -> None:
        """Serve ``site``; runtime sites (the default) are dropped by ``reset()``."""
        with self._lock:
            (self._base if permanent else self._overlay)[site.host.lower()] = site

    def add_handler(self, host: str, path: str, handler: Handler, *, prefix: bool = False) -> None:
        """Answer ``path`` on ``host`` with ``handler`` until the next ``reset()``."""
        host = host.lower()
        with self._lock:
            site = self._overlay.get(host)
            if site is None:
                site = Site(host, "added at runtime")
                self._overlay[host] = site
            if prefix:
                site.prefixes.insert(0, (path, handler))
            else:
                site.routes[path] = handler

    def set_delay(self, host: str, seconds: float) -> None:
        """Slow every response from ``host`` and its subdomains by ``seconds``."""
        with self._lock:
            if seconds:
                self._delays[host.lower().lstrip(".")] = seconds
            else:
                self._delays.pop(host.lower().lstrip("."), None)

    def reset(self) -> None:
        """Drop runtime sites, pages and delays."""
        with self._lock:
            self._overlay.clear()
            self._delays.clear()

    # -- lookups (proxy thread) ----------------------------------------------------

    @property
    def hosts(self) -> list[str]:
        with self._lock:
            return sorted(set(self._base) | set(self._overlay))

    def knows(self, host: str) -> bool:
        with self._lock:
            return host in self._base or host in self._overlay

    def delay_for(self, host: str) -> float:
        with self._lock:
            return max(
                (s for key, s in self._delays.items() if host == key or host.endswith("." + key)),
                default=0.0,
            )

    async def respond(self, request: FakeRequest) -> FakeResponse:
        """The response for ``request``: overlay first, then the fixture sites."""
        with self._lock:
            found = (self._overlay.get(request.host), self._base.get(request.host))
            sites = [s for s in found if s is not None]
            known = list(set(self._base) | set(self._overlay))
        if not sites:
            return unknown_host(request, known)
        handler: Handler | None = None
        for site in sites:
            handler = site.handler_for(request.path)
            if handler is not None:
                break
            file = site.static_file(request.path)
            if file is not None:
                return static_response(file, site.html_content_type)
        if handler is None:
            handler = next((s.catch_all for s in sites if s.catch_all), not_found)
        return await call_handler(handler, request)


async def call_handler(handler: Handler, request: FakeRequest) -> FakeResponse:
    """Run a sync or async handler."""
    result = handler(request)
    if inspect.isawaitable(result):
        result = await result
    assert isinstance(result, FakeResponse), f"{handler!r} returned {result!r}"
    return result


def page(
    body: bytes | str,
    status: int = 200,
    content_type: str | None = "text/html; charset=utf-8",
    delay_s: float = 0.0,
    headers: dict[str, str] | None = None,
    hang_s: float | None = None,
) -> Callable[[FakeRequest], FakeResponse]:
    """A handler that always answers the same page."""

    def handler(_request: FakeRequest) -> FakeResponse:
        return FakeResponse(status, body, content_type, dict(headers or {}), delay_s, hang_s)

    return handler
