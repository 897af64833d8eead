"""JavaScript career sites: the system Chromium, driven by crawl4ai over CDP.

crawl4ai's ``BrowserConfig`` has no executable-path option and expects a
Playwright-downloaded browser. So we start the system Chromium ourselves
(``browser_executable``, else ``chromium`` / ``chromium-browser`` /
``google-chrome`` on PATH) with ``--remote-debugging-port`` on loopback and a
private profile folder, and hand crawl4ai its ``cdp_url``. We own the process:
it is started on first need and killed when the scrape ends.

Outbound traffic: ``--proxy-server`` sends every request of the page (scripts,
XHR) through ``proxy_url``.

TLS, and the one place verification is relaxed: Chromium on Linux trusts the
Chrome Root Store plus an NSS database, never a PEM file, and installing a CA
into NSS needs ``certutil`` (libnss3-tools), which a plain installation lacks.
``--ignore-certificate-errors-spki-list`` with the CA's key hash was tried and
does not help: Chromium matches it against the chain the server sends, and
TLS-intercepting proxies (ours included) send only the leaf certificate. So
when ``ca_bundle`` is set, the browser alone runs with
``--ignore-certificate-errors`` (the SPKI list is still passed, for proxies that
do send their CA); a warning is logged. Without ``ca_bundle`` Chromium verifies
normally. Pages the browser renders are still reached only through
``proxy_url``, every posting page after the listing is fetched over the
verifying HTTP path, and the address guard checks every URL before it is opened.

Requests made by the page itself (scripts, XHR, redirects) are routed through
Playwright's request interception and checked by the same address guard, so a
hostile page cannot make the browser reach 127.0.0.1 or a metadata service.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import logging
import os
import shutil
import signal
import socket
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from jobscraper.config import Settings
from jobscraper.sources.guard import AddressGuard, SourceRejected

log = logging.getLogger(__name__)

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
START_TIMEOUT_S = 20.0

# Waits until a JavaScript app has drawn something into its mount point.
WAIT_FOR_APP = (
    "js:() => { const r = document.querySelector('#app, #root, #__next, #__nuxt, [data-app]');"
    " return document.readyState === 'complete' && (!r || r.children.length > 0); }"
)


def find_chromium(settings: Settings) -> str | None:
    """The Chromium to use, or None."""
    if settings.browser_executable is not None:
        path = Path(settings.browser_executable).expanduser()
        return str(path) if path.is_file() and os.access(path, os.X_OK) else None
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def spki_hashes(ca_bundle: Path) -> list[str]:
    """base64(sha256(SubjectPublicKeyInfo)) of every certificate in a PEM bundle."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    hashes = []
    for cert in x509.load_pem_x509_certificates(ca_bundle.read_bytes()):
        spki = cert.public_key().public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
        hashes.append(base64.b64encode(hashlib.sha256(spki).digest()).decode())
    return hashes


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Rendered:
    status: int | None
    html: str
    final_url: str | None
    markdown: str = ""
    links: list[str] = field(default_factory=list)


class BrowserRenderer:
    """One Chromium process and a crawl4ai crawler connected to it."""

    def __init__(self, settings: Settings, *, guard: AddressGuard | None = None) -> None:
        self.settings = settings
        self.guard = guard
        self._process: asyncio.subprocess.Process | None = None
        self._profile: str | None = None
        self._crawler: Any = None
        self._lock = asyncio.Lock()

    def command(self, executable: str, port: int, profile: str) -> list[str]:
        settings = self.settings
        args = [
            executable,
            "--headless=new",
            f"--remote-debugging-port={port}",
            "--remote-debugging-address=127.0.0.1",
            f"--user-data-dir={profile}",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-quic",
            f"--user-agent={settings.user_agent}",
        ]
        if settings.proxy_url:
            args.append(f"--proxy-server={settings.proxy_url}")
        if settings.ca_bundle is not None:
            args.append("--ignore-certificate-errors-spki-list="
                        + ",".join(spki_hashes(Path(settings.ca_bundle))))
            # See the module docstring: Chromium cannot be given a PEM CA bundle.
            args.append("--ignore-certificate-errors")
            log.warning(
                "Chromium cannot load the CA bundle %s; the browser (JavaScript sites only) "
                "does not verify TLS certificates",
                settings.ca_bundle,
            )
        args.append("about:blank")
        return args

    async def start(self) -> None:
        executable = find_chromium(self.settings)
        if executable is None:
            raise RuntimeError("no Chromium found; set JOBSCRAPER_BROWSER_EXECUTABLE")
        port = _free_port()
        self._profile = tempfile.mkdtemp(prefix="jobscraper-chromium-")
        self._process = await asyncio.create_subprocess_exec(
            *self.command(executable, port, self._profile),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
            start_new_session=True,
        )
        endpoint = f"http://127.0.0.1:{port}"
        await self._wait_ready(endpoint)
        from crawl4ai import AsyncWebCrawler, BrowserConfig

        self._crawler = AsyncWebCrawler(
            config=BrowserConfig(
                browser_mode="cdp",
                cdp_url=endpoint,
                headless=True,
                verbose=False,
                ignore_https_errors=False,
                user_agent=self.settings.user_agent,
            )
        )
        self._crawler.crawler_strategy.set_hook("on_page_context_created", self._guard_page)
        await self._crawler.start()
        self.blocked_requests: list[str] = []

    async def _guard_page(self, page: Any, context: Any = None, **_: Any) -> Any:
        """Every request the page makes (scripts, XHR, redirects) passes the address guard."""
        if self.guard is None:
            return page
        guard = self.guard

        async def check(route: Any) -> None:
            url = route.request.url
            if url.startswith(("data:", "blob:", "about:")):
                await route.continue_()
                return
            try:
                await guard.check(url)
            except SourceRejected:
                self.blocked_requests.append(url)
                await route.abort("blockedbyclient")
                return
            await route.continue_()

        await page.route("**/*", check)
        return page

    async def _wait_ready(self, endpoint: str) -> None:
        deadline = asyncio.get_running_loop().time() + START_TIMEOUT_S
        async with httpx.AsyncClient(trust_env=False, timeout=2) as client:
            while True:
                assert self._process is not None
                if self._process.returncode is not None:
                    raise RuntimeError(f"Chromium exited with code {self._process.returncode}")
                with contextlib.suppress(httpx.HTTPError):
                    if (await client.get(f"{endpoint}/json/version")).status_code == 200:
                        return
                if asyncio.get_running_loop().time() > deadline:
                    raise RuntimeError("Chromium did not start in time")
                await asyncio.sleep(0.1)

    async def render(self, url: str) -> Rendered:
        from crawl4ai import CacheMode, CrawlerRunConfig

        config = CrawlerRunConfig(
            cache_mode=CacheMode.BYPASS,
            page_timeout=int(self.settings.request_timeout_s * 1000),
            wait_for=WAIT_FOR_APP,
            wait_for_timeout=int(self.settings.request_timeout_s * 1000),
            verbose=False,
        )
        result = await self._crawler.arun(url, config=config)
        html = getattr(result, "html", "") or ""
        if not html and not result.success:
            from jobscraper.sources.http import TransientFetchError

            message = str(getattr(result, "error_message", "") or "render failed")
            raise TransientFetchError(f"{url} could not be rendered: {message.splitlines()[0]}")
        links: list[str] = []
        for group in ("internal", "external"):
            for link in (getattr(result, "links", None) or {}).get(group, []) or []:
                href = link.get("href") if isinstance(link, dict) else None
                if href:
                    links.append(href)
        md = getattr(result, "markdown", None)
        markdown = str(getattr(md, "raw_markdown", None) or md or "")
        return Rendered(
            status=getattr(result, "status_code", None),
            html=html,
            final_url=getattr(result, "redirected_url", None),
            markdown=markdown,
            links=links,
        )

    async def close(self) -> None:
        if self._crawler is not None:
            with contextlib.suppress(Exception):
                await self._crawler.close()
            self._crawler = None
        process, self._process = self._process, None
        if process is not None and process.returncode is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 5)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                await process.wait()
        if self._profile:
            shutil.rmtree(self._profile, ignore_errors=True)
            self._profile = None
