"""Outbound HTTP for career sites: TLS trust, errors, per-host rate limit, robots.txt.

Every request jobscraper sends goes through the configured proxy
(``proxy_url``) and verifies TLS against the system CAs *plus* the configured
CA bundle (``ca_bundle``, for corporate TLS-inspecting proxies). Verification
is never switched off.

Errors are sorted into what a retry can fix and what it cannot:

* :class:`TransientFetchError`: timeouts, connection resets, HTTP 5xx (not 501).
  Retried (tenacity) up to ``source_retries`` times.
* :class:`PermanentFetchError`: HTTP 4xx, TLS failures, unknown hosts.
* :class:`BlockedError`: a bot challenge or rate-limit page. Never retried (a
  retry from the same address meets the same wall); the source is *blocked*.
* :class:`PageTooLarge`: over ``max_page_bytes``; refused unparsed.
* :class:`RobotsDisallowed`: robots.txt forbids the page; nothing is fetched.

A robots.txt ``Crawl-delay`` for us (or ``*``) spaces the requests to its host by
that many seconds (at most :data:`MAX_CRAWL_DELAY_S`), on top of the per-host rate.
"""

from __future__ import annotations

import asyncio
import functools
import os
import re
import ssl
import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential

from jobscraper.config import Settings


class FetchError(Exception):
    """A page could not be fetched; ``str()`` is the user-facing reason."""

    retryable = False


class TransientFetchError(FetchError):
    """Timeouts, connection resets, 5xx: worth another try."""

    retryable = True


class PermanentFetchError(FetchError):
    """4xx, TLS failure, unknown host: the same request will fail again."""


class BlockedError(FetchError):
    """A bot challenge (or a rate-limit wall) instead of the page."""


class PageTooLarge(PermanentFetchError):
    """The page is larger than ``max_page_bytes``."""


class RobotsDisallowed(FetchError):
    """robots.txt forbids fetching the page."""


_GATEWAY = {
    502: "HTTP 502 Bad Gateway: {host} could not be reached",
    504: "HTTP 504 Gateway Timeout: {host} could not be reached in time",
}


def status_error(status: int, url: str) -> FetchError:
    """The error for a non-2xx HTTP status."""
    if status in _GATEWAY:
        return TransientFetchError(_GATEWAY[status].format(host=host_of(url)) + f" ({url})")
    if status >= 500 and status != 501:
        return TransientFetchError(f"HTTP {status} from {url}")
    if status == 408:
        return TransientFetchError(f"HTTP 408 (request timeout) from {url}")
    return PermanentFetchError(f"HTTP {status} from {url}")


_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
# WHATWG Encoding: these labels mean windows-1252 in a web page.
_WINDOWS_1252_LABELS = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "ascii",
                        "us-ascii", "windows-1252", "cp1252", "x-cp1252"}


def page_charset(body: bytes, content_type: str | None) -> str | None:
    """The charset a browser would use: BOM, then the HTTP header, then a ``<meta>`` tag."""
    if body.startswith(b"\xef\xbb\xbf"):
        return "utf-8"
    if body.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    label = None
    match = _HEADER_CHARSET.search(content_type or "")
    if match:
        label = match.group(1)
    else:
        meta = _META_CHARSET.search(body[:4096])
        if meta:
            label = meta.group(1).decode("ascii", "ignore")
    if not label:
        return None
    label = label.strip().lower()
    return "cp1252" if label in _WINDOWS_1252_LABELS else label


@dataclass(frozen=True)
class DecodedPage:
    """A page's text and the encoding it was read with (a codec name Python knows)."""

    text: str
    encoding: str


def decode_page(body: bytes, content_type: str | None = None) -> DecodedPage:
    """Page bytes -> text: declared charset, else UTF-8, else Windows-1252 (never fails)."""
    charset = page_charset(body, content_type)
    for encoding in (charset, "utf-8"):
        if not encoding:
            continue
        try:
            text = body.decode(encoding, errors="strict" if encoding == "utf-8" else "replace")
        except (LookupError, UnicodeDecodeError):
            continue
        return DecodedPage(text, encoding)
    return DecodedPage(body.decode("cp1252", errors="replace"), "cp1252")


def decode_html(body: bytes, content_type: str | None = None) -> str:
    """Page bytes -> text, as :func:`decode_page` reads them."""
    return decode_page(body, content_type).text


def retrying(settings: Settings) -> AsyncRetrying:
    """Retries for errors flagged ``retryable``: ``source_retries`` more tries, backing off."""
    return AsyncRetrying(
        stop=stop_after_attempt(settings.source_retries + 1),
        retry=retry_if_exception(lambda e: getattr(e, "retryable", False)),
        wait=wait_exponential(multiplier=0.2, max=3),
        reraise=True,
    )


def ssl_context(settings: Settings) -> ssl.SSLContext:
    """System CAs plus ``settings.ca_bundle``; hostname and chain always verified.

    Built once per CA bundle (and per version of that file on disk) and shared: loading
    the system store takes tens of milliseconds, which every scrape of a worker would
    otherwise pay twice (pages and robots.txt). A configured context is safe to share.
    """
    bundle = settings.ca_bundle
    version: tuple[int, int] | None = None
    if bundle is not None:
        try:
            info = os.stat(bundle)
            version = (info.st_mtime_ns, info.st_size)
        except OSError:
            pass  # unversioned: load_verify_locations names the missing file (not cached)
    return _verified_context(str(bundle) if bundle is not None else None, version)


@functools.lru_cache(maxsize=8)
def _verified_context(bundle: str | None, version: tuple[int, int] | None) -> ssl.SSLContext:
    context = ssl.create_default_context()
    if bundle is not None:
        context.load_verify_locations(cafile=bundle)
    return context


async def read_limited(response: httpx.Response, limit: int, what: str = "page",
                       where: str | None = None) -> bytes:
    """A streamed response's body, refused with :class:`PageTooLarge` as soon as it passes
    ``limit`` bytes (``what`` and ``where`` name it in the error): never held whole first."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limit:
            place = f" ({where})" if where else ""
            raise PageTooLarge(f"{what} is over the limit of {limit:,} bytes{place}")
        chunks.append(chunk)
    return b"".join(chunks)


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


# --- rate limit -------------------------------------------------------------------


# The longest robots.txt ``Crawl-delay`` honoured as written; a longer one is shortened
# to this (a site asking for an hour between requests would hold a scrape for days).
MAX_CRAWL_DELAY_S = 30.0


class HostRateLimiter:
    """At most ``per_second`` request starts per host (evenly spaced), shared by a scrape;
    a host whose robots.txt asks for a ``Crawl-delay`` is spaced by that much."""

    def __init__(self, per_second: float) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self._next: dict[str, float] = {}
        self._crawl_delay: dict[str, float] = {}

    def set_crawl_delay(self, host: str, seconds: float) -> None:
        """Space requests to ``host`` by at least ``seconds`` (capped at
        :data:`MAX_CRAWL_DELAY_S`)."""
        self._crawl_delay[host] = min(max(seconds, 0.0), MAX_CRAWL_DELAY_S)

    def interval_of(self, host: str) -> float:
        return max(self.interval, self._crawl_delay.get(host, 0.0))

    async def wait(self, host: str) -> None:
        interval = self.interval_of(host)
        if interval <= 0:
            return
        # No await between reading and writing ``_next``: atomic under asyncio.
        now = time.monotonic()
        start = max(now, self._next.get(host, 0.0))
        self._next[host] = start + interval
        if start > now:
            await asyncio.sleep(start - now)


# --- robots.txt -------------------------------------------------------------------


# The name robots.txt groups are matched against (``User-agent: jobscraper``).
ROBOTS_AGENT = "jobscraper"


@dataclass
class _Rules:
    parser: urllib.robotparser.RobotFileParser | None  # None = everything allowed


@dataclass
class RobotsCache:
    """robots.txt per origin, fetched once per scrape through the proxy (RFC 9309).

    A missing robots.txt (4xx) allows everything; a robots.txt that cannot be
    fetched (timeout, 5xx) means "do not crawl" per RFC 9309 2.3.1.4, reported
    as a transient failure of the source rather than silently skipped.
    """

    settings: Settings
    limiter: HostRateLimiter
    client: httpx.AsyncClient | None = None
    _rules: dict[str, _Rules] = field(default_factory=dict)
    _locks: dict[str, asyncio.Lock] = field(default_factory=dict)

    async def allowed(self, url: str) -> bool:
        if not self.settings.respect_robots_txt:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        lock = self._locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self._rules:
                self._rules[origin] = await self._load(origin)
        rules = self._rules[origin]
        if rules.parser is None:
            return True
        return rules.parser.can_fetch(ROBOTS_AGENT, url)

    async def _load(self, origin: str) -> _Rules:
        assert self.client is not None, "RobotsCache needs an httpx client"
        robots_url = f"{origin}/robots.txt"
        await self.limiter.wait(host_of(origin))
        try:
            response = await self.client.get(robots_url)
        except httpx.TimeoutException as exc:
            raise TransientFetchError(f"robots.txt of {origin} timed out") from exc
        except httpx.HTTPError as exc:
            raise TransientFetchError(
                f"robots.txt of {origin} could not be fetched: {exc}"
            ) from exc
        if response.status_code in _GATEWAY:
            raise status_error(response.status_code, robots_url)
        if response.status_code >= 500:
            raise TransientFetchError(
                f"robots.txt of {origin} answered HTTP {response.status_code}; "
                "not crawling a site whose rules are unknown"
            )
        if response.status_code >= 300:
            return _Rules(None)
        lines = response.text[:500_000].splitlines()
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(lines)
        delay = crawl_delay(lines, ROBOTS_AGENT)
        if delay:
            self.limiter.set_crawl_delay(host_of(origin), delay)
        return _Rules(parser)


def crawl_delay(lines: list[str], agent: str) -> float | None:
    """The ``Crawl-delay`` of the group for ``agent`` (else of ``*``), in seconds.

    urllib's parser reads whole seconds only; sites write "0.5" too. A value that is
    not a number is ignored.
    """
    delays: dict[str, float] = {}
    group: list[str] = []
    in_agents = False
    for raw in lines:
        line = raw.split("#", 1)[0].strip()
        key, _, value = line.partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "user-agent":
            if not in_agents:
                group = []
            group.append(value.lower())
            in_agents = True
            continue
        if key:
            in_agents = False
        if key == "crawl-delay":
            try:
                seconds = float(value)
            except ValueError:
                continue
            if seconds >= 0 and seconds == seconds:  # not NaN
                for name in group:
                    delays.setdefault(name, seconds)
    ours = next((d for name, d in delays.items() if name != "*" and name in agent.lower()),
                None)
    return ours if ours is not None else delays.get("*")


def http_client(settings: Settings) -> httpx.AsyncClient:
    """An httpx client for small requests (robots.txt): proxy, CA bundle, timeout, UA."""
    return httpx.AsyncClient(
        proxy=settings.proxy_url or None,
        verify=ssl_context(settings),
        timeout=httpx.Timeout(settings.request_timeout_s),
        headers={"User-Agent": settings.user_agent},
        # Redirects are not followed: a redirect could point into the private
        # network, and a redirected robots.txt is treated as missing (allow).
        follow_redirects=False,
        trust_env=False,
    )
