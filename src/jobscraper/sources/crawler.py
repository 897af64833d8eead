"""Fetching career pages: crawl4ai behind our TLS trust, size limit, address guard and politeness.

One :class:`CareerCrawler` serves every career source of a scrape and hands back a
:class:`Page`; what to do with the page is :mod:`jobscraper.sources.career_pages`' job.

Fetching
    crawl4ai's HTTP strategy (``AsyncHTTPCrawlerStrategy``, no browser) fetches
    pages by default. Our subclass only changes how its aiohttp session is
    built: TLS verified against the system CAs plus ``ca_bundle``, a response
    class that refuses bodies over ``max_page_bytes`` while streaming (the
    strategy itself reads whole bodies), and a request hook that runs the
    address guard on every hop, redirects included. Requests go through
    ``proxy_url`` (``CrawlerRunConfig.proxy_config``).

    JavaScript sites are rendered by the system Chromium (``browser_executable``),
    which we start ourselves with ``--remote-debugging-port`` and hand to
    crawl4ai as ``cdp_url`` (crawl4ai's ``BrowserConfig`` has no executable
    option; see :mod:`jobscraper.sources.browser`). A host is rendered when it is
    listed in ``js_hosts``, or automatically when its HTTP page has no postings
    but looks like a JavaScript app shell (an empty ``#app``/``#root`` and scripts).

Politeness
    robots.txt is honoured (``respect_robots_txt``), requests to one host are
    spaced by ``per_host_requests_per_s``, and a source fetches one page at a
    time, so ``max_concurrent_sources`` bounds the requests in flight.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import aiohttp
import httpx

from jobscraper.config import Settings
from jobscraper.sources.browser import result_links, result_markdown
from jobscraper.sources.challenge import challenge_reason, is_app_shell
from jobscraper.sources.guard import AddressGuard, SourceRejected
from jobscraper.sources.http import (
    BlockedError,
    FetchError,
    HostRateLimiter,
    PageTooLarge,
    RobotsCache,
    RobotsDisallowed,
    TransientFetchError,
    decode_page,
    host_of,
    http_client,
    read_limited,
    retrying,
    ssl_context,
    status_error,
)

log = logging.getLogger(__name__)


@dataclass
class _FetchSlot:
    """What the aiohttp layer saw during one fetch (read back after crawl4ai returns)."""

    max_bytes: int
    status: int | None = None
    text: str | None = None  # the body as a browser decodes it
    headers: dict[str, str] = field(default_factory=dict)
    error: BaseException | None = None
    markdown: Callable[[], str] | None = None  # the page as Markdown, rendered when asked


_SLOT: contextvars.ContextVar[_FetchSlot | None] = contextvars.ContextVar(
    "jobscraper_fetch_slot", default=None
)


def _content_type(headers: dict[str, str]) -> str:
    return next((v for k, v in headers.items() if k.lower() == "content-type"), "")


class _LimitedResponse(aiohttp.ClientResponse):
    """Streams the body and stops at ``max_page_bytes``; records status and body.

    It also names the page's charset to crawl4ai (``charset``), which otherwise
    guesses with chardet when the header names none; a browser reads the
    ``<meta>`` charset first (and treats latin-1 as windows-1252).
    """

    _page_encoding: str | None = None

    async def read(self) -> bytes:
        slot = _SLOT.get()
        if slot is not None and self._body is None:
            slot.status = self.status
            slot.headers = {k: v for k, v in self.headers.items()}
            length = self.content_length
            if length is not None and length > slot.max_bytes:
                self.close()
                slot.error = PageTooLarge(
                    f"page is {length:,} bytes, over the limit of {slot.max_bytes:,}"
                )
                raise slot.error
            chunks: list[bytes] = []
            size = 0
            try:
                async for chunk in self.content.iter_chunked(1 << 16):
                    size += len(chunk)
                    if size > slot.max_bytes:
                        slot.error = PageTooLarge(
                            f"page is over the limit of {slot.max_bytes:,} bytes"
                        )
                        raise slot.error
                    chunks.append(chunk)
            except BaseException:
                self.close()
                raise
            self._body = b"".join(chunks)
            page = decode_page(self._body, _content_type(slot.headers))
            slot.text, self._page_encoding = page.text, page.encoding
        return await super().read()

    @property
    def charset(self) -> str | None:
        """The encoding crawl4ai decodes the body with: the one a browser would use."""
        return self._page_encoding or super().charset


def _make_strategy_class() -> type:
    from crawl4ai.async_crawler_strategy import AsyncHTTPCrawlerStrategy

    class GuardedHTTPStrategy(AsyncHTTPCrawlerStrategy):
        """crawl4ai's HTTP strategy with our TLS trust, size limit and address guard."""

        def __init__(self, *args: Any, ssl_ctx: Any, guard: AddressGuard,
                     timeout_s: float, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._ssl_ctx = ssl_ctx
            self._guard = guard
            self._timeout_s = timeout_s

        async def start(self) -> None:
            if not self._session:
                trace = aiohttp.TraceConfig()
                trace.on_request_start.append(self._check_hop)
                trace.on_request_redirect.append(self._check_redirect)
                connector = aiohttp.TCPConnector(
                    limit=self.max_connections, ssl=self._ssl_ctx, ttl_dns_cache=300
                )
                self._session = aiohttp.ClientSession(
                    headers=dict(self._BASE_HEADERS),
                    connector=connector,
                    timeout=aiohttp.ClientTimeout(total=self._timeout_s),
                    response_class=_LimitedResponse,
                    trace_configs=[trace],
                    trust_env=False,
                )

        async def _check_redirect(self, _session: Any, _ctx: Any, params: Any) -> None:
            location = params.response.headers.get("Location") or ""
            await self._check_url(urljoin(str(params.url), location))

        async def _check_hop(self, _session: Any, _ctx: Any, params: Any) -> None:
            await self._check_url(str(params.url))

        async def _check_url(self, url: str) -> None:
            try:
                await self._guard.check(url)
            except SourceRejected as exc:
                slot = _SLOT.get()
                if slot is not None:
                    slot.error = exc
                raise

    return GuardedHTTPStrategy


@dataclass
class Page:
    """A fetched page."""

    url: str
    final_url: str
    status: int
    html: str
    markdown: str = ""  # see markdown_text(): empty here while its rendering is deferred
    links: list[str] = field(default_factory=list)
    rendered: bool = False
    app_shell: bool = False
    site_name: str | None = None
    deferred_markdown: Callable[[], str] | None = field(default=None, repr=False, compare=False)

    def markdown_text(self) -> str:
        """The page as Markdown, for the model route: rendered on first use."""
        if self.deferred_markdown is not None:
            self.markdown, self.deferred_markdown = self.deferred_markdown(), None
        return self.markdown


def _deferred_markdown() -> Any:
    """crawl4ai's Markdown generator, run only for the pages that need Markdown.

    crawl4ai renders every page as Markdown (html2text: about a third of its time per
    page); only a page that goes to the model route reads it, and most career pages are
    read exactly from their structured data. Inside a fetch (a :class:`_FetchSlot` is
    set) the generator keeps its input and returns nothing; the page renders it when
    asked (:meth:`Page.markdown_text`). Anywhere else it renders at once. Built on first
    use, as crawl4ai is imported only when a scrape needs it.
    """
    from crawl4ai.markdown_generation_strategy import (
        DefaultMarkdownGenerator,
        MarkdownGenerationStrategy,
    )
    from crawl4ai.models import MarkdownGenerationResult

    class DeferredMarkdown(MarkdownGenerationStrategy):
        def __init__(self) -> None:
            super().__init__(content_source="cleaned_html")
            self._generator = DefaultMarkdownGenerator()

        def generate_markdown(self, input_html: str, base_url: str = "",
                              **kwargs: Any) -> MarkdownGenerationResult:
            slot = _SLOT.get()
            if slot is None:
                return self._generator.generate_markdown(input_html, base_url=base_url,
                                                         **kwargs)
            generator = self._generator

            def render() -> str:
                rendered = generator.generate_markdown(input_html, base_url=base_url, **kwargs)
                return rendered.raw_markdown or ""

            slot.markdown = render
            return MarkdownGenerationResult(raw_markdown="", markdown_with_citations="",
                                            references_markdown="")

    return DeferredMarkdown()


_SITE_NAME = re.compile(
    r"<meta[^>]+property=[\"']og:site_name[\"'][^>]+content=[\"']([^\"']+)[\"']", re.I
)


def _site_name(html: str) -> str | None:
    match = _SITE_NAME.search(html[:50_000])
    if not match:
        return None
    import html as html_lib

    name = html_lib.unescape(match.group(1)).strip()
    name = re.sub(r"\s*[-|·:]?\s*(?:careers?|jobs|karriere|stellenangebote)\s*$", "", name,
                  flags=re.I)
    return name or None


class CareerCrawler:
    """Fetches career pages for one scrape: crawl4ai + guard + robots + rate limit.

    Use as an async context manager; one instance serves every career source of
    a scrape (its robots.txt cache, rate limiter and browser are shared).
    """

    def __init__(self, settings: Settings, *, guard: AddressGuard | None = None) -> None:
        self.settings = settings
        self.guard = guard or AddressGuard(proxy_configured=bool(settings.proxy_url))
        self.limiter = HostRateLimiter(settings.per_host_requests_per_s)
        self.robots = RobotsCache(settings, self.limiter)
        self._crawler: Any = None
        self._run_config: Any = None
        self._browser: Any = None  # jobscraper.sources.browser.BrowserRenderer

    async def __aenter__(self) -> CareerCrawler:
        from crawl4ai import AsyncWebCrawler, BrowserConfig, CacheMode, CrawlerRunConfig
        from crawl4ai.async_configs import HTTPCrawlerConfig, ProxyConfig

        settings = self.settings
        ctx = ssl_context(settings)
        strategy_cls = _make_strategy_class()
        strategy = strategy_cls(
            browser_config=HTTPCrawlerConfig(
                headers={"User-Agent": settings.user_agent}, verify_ssl=True
            ),
            ssl_ctx=ctx,
            guard=self.guard,
            timeout_s=settings.request_timeout_s,
        )
        self._crawler = AsyncWebCrawler(
            crawler_strategy=strategy,
            config=BrowserConfig(verbose=False, user_agent=settings.user_agent),
        )
        await self._crawler.start()
        self._run_config = CrawlerRunConfig(
            cache_mode=CacheMode.BYPASS,
            page_timeout=int(settings.request_timeout_s * 1000),
            proxy_config=ProxyConfig(server=settings.proxy_url) if settings.proxy_url else None,
            verbose=False,
            check_robots_txt=False,  # ours goes through the proxy; crawl4ai's would not
            markdown_generator=_deferred_markdown(),
        )
        self.robots.client = http_client(settings)
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._browser is not None:
            await self._browser.close()
            self._browser = None
        if self.robots.client is not None:
            await self.robots.client.aclose()
        if self._crawler is not None:
            await self._crawler.close()
            self._crawler = None

    # -- one page ----------------------------------------------------------------------

    async def fetch(self, url: str, *, render: bool = False) -> Page:
        """Fetch one page, retrying transient errors; raise a :class:`FetchError` otherwise."""
        await self.guard.check(url)
        if not await self.robots.allowed(url):
            raise RobotsDisallowed(f"robots.txt of {host_of(url)} disallows {url}")
        async for attempt in retrying(self.settings):
            with attempt:
                if render:
                    return await self._render(url)
                return await self._fetch_once(url)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _fetch_once(self, url: str) -> Page:
        await self.limiter.wait(host_of(url))
        slot = _FetchSlot(max_bytes=self.settings.max_page_bytes)
        token = _SLOT.set(slot)
        started = time.perf_counter()
        try:
            result = await self._crawler.arun(url, config=self._run_config)
        finally:
            _SLOT.reset(token)
        log.debug("fetched %s in %.3f s", url, time.perf_counter() - started)
        if isinstance(slot.error, SourceRejected | FetchError):
            raise slot.error
        status = slot.status or getattr(result, "status_code", None)
        html = getattr(result, "html", "") or ""
        headers = slot.headers or dict(getattr(result, "response_headers", None) or {})
        # crawl4ai decodes with our charset (_LimitedResponse.charset), so its text is
        # ours unless it did not read the body as a page: an error status, or a type it
        # saves as a download (no or a non-HTML Content-Type).
        unread = False
        if slot.text is not None and slot.text != html:
            html, unread = slot.text, True
        if status is None:
            raise TransientFetchError(_error_text(result, url))
        reason = challenge_reason(status, html, headers)
        if reason:
            raise BlockedError(reason)
        if not 200 <= status < 300:
            raise status_error(status, url)
        final_url = str(getattr(result, "redirected_url", None) or url)
        if unread and result.success:
            # Markdown and links from the page text crawl4ai did not read as a page.
            result = await self._crawler.arun(
                "raw:" + html, config=self._run_config.clone(base_url=final_url)
            )
        page = Page(
            url=url,
            final_url=final_url,
            status=status,
            html=html,
            markdown=result_markdown(result) if result.success else "",
            links=result_links(result),
            site_name=_site_name(html),
            deferred_markdown=slot.markdown if result.success and not unread else None,
        )
        if not result.success:
            # crawl4ai's anti-bot check flags thin pages ("minimal text"); a JavaScript
            # app shell is one of those, and is rendered in the browser instead.
            page.app_shell = is_app_shell(html)
            if not page.links:
                page.links = _anchor_links(html, page.final_url)
        return page

    async def _render(self, url: str) -> Page:
        from jobscraper.sources.browser import BrowserRenderer

        if self._browser is None:
            self._browser = BrowserRenderer(self.settings, guard=self.guard)
            await self._browser.start()
        await self.limiter.wait(host_of(url))
        result = await self._browser.render(url)
        html = result.html
        reason = challenge_reason(result.status, html)
        if reason:
            raise BlockedError(reason)
        if result.status and not 200 <= result.status < 300:
            raise status_error(result.status, url)
        return Page(url=url, final_url=result.final_url or url, status=result.status or 200,
                    html=html, markdown=result.markdown, links=result.links, rendered=True,
                    site_name=_site_name(html))

    async def fetch_data(self, url: str, *, method: str = "GET",
                         json_body: Mapping[str, Any] | None = None) -> str:
        """A hiring platform's feed (JSON or XML) as text, under the rules of any page:
        address guard, robots.txt, per-host rate limit, proxy and CA bundle, size limit,
        retries; a redirect is not followed (the feed has moved: the pages are read)."""
        await self.guard.check(url)
        if not await self.robots.allowed(url):
            raise RobotsDisallowed(f"robots.txt of {host_of(url)} disallows {url}")
        async for attempt in retrying(self.settings):
            with attempt:
                return await self._fetch_data_once(url, method, json_body)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _fetch_data_once(self, url: str, method: str,
                               json_body: Mapping[str, Any] | None) -> str:
        assert self.robots.client is not None, "use the crawler as an async context manager"
        await self.limiter.wait(host_of(url))
        limit = self.settings.max_page_bytes
        try:
            async with self.robots.client.stream(
                method, url, json=dict(json_body) if json_body is not None else None,
                headers={"Accept": "application/json, application/xml;q=0.9, */*;q=0.5"},
            ) as response:
                reason = challenge_reason(response.status_code, "", dict(response.headers))
                if reason:
                    raise BlockedError(reason)
                if not 200 <= response.status_code < 300:
                    raise status_error(response.status_code, url)
                content = await read_limited(response, limit, "feed")
                return decode_page(content, response.headers.get("content-type")).text
        except httpx.TimeoutException as exc:
            raise TransientFetchError(f"no answer from {host_of(url)} (timed out)") from exc
        except httpx.HTTPError as exc:
            raise TransientFetchError(f"{url} could not be fetched: {exc}") from exc

    def wants_browser(self, url: str) -> bool:
        host = host_of(url)
        return any(host == h.lower() or host.endswith("." + h.lower())
                   for h in self.settings.js_hosts)

    @property
    def browser_available(self) -> bool:
        from jobscraper.sources.browser import find_chromium

        return find_chromium(self.settings) is not None


def _error_text(result: Any, url: str) -> str:
    message = str(getattr(result, "error_message", "") or "")
    lowered = message.lower()
    if "timed out" in lowered or "timeout" in lowered:
        return f"no answer from {host_of(url)} (timed out)"
    if "connection" in lowered:
        return f"could not connect to {host_of(url)}"
    first = message.strip().splitlines()[0] if message.strip() else "unknown error"
    return f"{url} could not be fetched: {first[:300]}"


_HREF = re.compile(r"<a\b[^>]*\bhref\s*=\s*[\"']([^\"'#][^\"']*)[\"']", re.I)


def _anchor_links(html: str, base: str) -> list[str]:
    import html as html_lib

    return [urljoin(base, html_lib.unescape(m.group(1))) for m in _HREF.finditer(html)]
