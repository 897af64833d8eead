"""JavaScript career sites: the system Chromium, driven by crawl4ai over CDP.

crawl4ai's ``BrowserConfig`` has no executable-path option and expects a
Playwright-downloaded browser. So we start the system Chromium ourselves
(``browser_executable``, else ``chromium`` / ``chromium-browser`` /
``google-chrome`` on PATH) with ``--remote-debugging-port`` on loopback and a
private profile folder, and hand crawl4ai its ``cdp_url``. We own the process:
it is started on first need and killed when the scrape ends.

Outbound traffic: ``--proxy-server`` sends every request of the page (scripts,
XHR) through ``proxy_url``.

TLS: Chromium on Linux trusts the Chrome Root Store plus the user's NSS shared
database, never a PEM file. So when ``ca_bundle`` is set (a TLS-intercepting
corporate proxy) and ``certutil`` (Debian: libnss3-tools) is installed, every
certificate of the bundle is imported as a trusted CA (``C,,``) into a fresh NSS
database in a private, temporary home folder, and Chromium runs with ``HOME``
pointing there. It reads ``$HOME/.pki/nssdb`` (the legacy location, which
Chromium >= M146 still prefers when it exists over its new default
``$HOME/.local/share/pki/nssdb``; see Chromium's docs/linux/cert_management.md).
Chromium then verifies certificates normally: no ``--ignore-certificate-errors``.
The folder is deleted when the browser stops. If importing the bundle fails the
browser does not start (we never fall back silently).

Only when ``certutil`` is missing does the browser alone run with
``--ignore-certificate-errors`` (plus ``--ignore-certificate-errors-spki-list``
with the CA's key hashes, for proxies that send their CA), and a warning saying
"install libnss3-tools" is logged. (The SPKI list alone does not help: Chromium
matches it against the chain the server sends, and TLS-intercepting proxies,
ours included, send only the leaf certificate.) Without ``ca_bundle`` Chromium
verifies normally against its own root store. Either way, pages the browser
renders are reached only through ``proxy_url``, every posting page after the
listing is fetched over the verifying HTTP path, and the address guard checks
every URL before it is opened.

Requests made by the page itself (the document, scripts, XHR) are routed through
Playwright's request interception and fetched by us, not by the browser
(:class:`GuardedFetcher`): the address guard checks every hop of a redirect chain
(Playwright's route handler sees only the first URL of a redirect, and the browser
would follow the rest unchecked), a body over ``max_page_bytes`` is refused while it
streams, and the verifying HTTP client (proxy, CA bundle) carries it. So a hostile
page cannot make the browser reach 127.0.0.1 or a metadata service, by a script or by
a redirect, and a 20 MB page is refused as it is on the HTTP path. A refused document
fails the render with the guard's (or the size limit's) own reason.
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
import subprocess
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


def result_markdown(result: Any) -> str:
    """A crawl4ai result's markdown as text ("" when it has none)."""
    md = getattr(result, "markdown", None)
    if md is None:
        return ""
    return str(getattr(md, "raw_markdown", None) or md)


def result_links(result: Any) -> list[str]:
    """The ``href`` of every link (internal, then external) of a crawl4ai result."""
    links = getattr(result, "links", None) or {}
    out = []
    for group in ("internal", "external"):
        for link in links.get(group, []) or []:
            href = link.get("href") if isinstance(link, dict) else getattr(link, "href", None)
            if href:
                out.append(str(href))
    return out


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


def find_certutil() -> str | None:
    """NSS's ``certutil`` (Debian package libnss3-tools), or None."""
    return shutil.which("certutil")


def split_pem_bundle(ca_bundle: Path) -> list[bytes]:
    """Every distinct certificate of a PEM bundle, each as its own PEM block, in order.

    Raises ValueError when the file holds no certificate.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives.hashes import SHA256
    from cryptography.hazmat.primitives.serialization import Encoding

    seen: set[bytes] = set()
    pems: list[bytes] = []
    for cert in x509.load_pem_x509_certificates(Path(ca_bundle).read_bytes()):
        fingerprint = cert.fingerprint(SHA256())
        if fingerprint not in seen:
            seen.add(fingerprint)
            pems.append(cert.public_bytes(Encoding.PEM))
    return pems


def nss_db_dir(home: Path) -> Path:
    """Where Chromium on Linux looks for the NSS shared database of ``HOME``."""
    return Path(home) / ".pki" / "nssdb"


def build_nss_home(ca_bundle: Path, home: Path, certutil: str) -> Path:
    """Create ``home``'s NSS database trusting every CA of ``ca_bundle``; returns its folder.

    Raises RuntimeError when certutil fails, ValueError when the bundle holds no
    certificate.
    """
    from cryptography import x509

    db = nss_db_dir(home)
    db.mkdir(parents=True, mode=0o700)
    certs = split_pem_bundle(ca_bundle)

    def run_certutil(*args: str) -> None:
        done = subprocess.run(
            [certutil, *args], capture_output=True, text=True, timeout=30,
            stdin=subprocess.DEVNULL, check=False,
        )
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip().splitlines()
            raise RuntimeError(
                f"certutil {args[0]} failed ({done.returncode}): "
                + (detail[-1] if detail else "no output")
            )

    run_certutil("-N", "-d", f"sql:{db}", "--empty-password")
    # NSS wants one nickname per subject (cross-signed CAs share a subject).
    nicknames: dict[bytes, str] = {}
    for index, pem in enumerate(certs):
        subject = x509.load_pem_x509_certificate(pem).subject.public_bytes()
        nickname = nicknames.setdefault(subject, f"jobscraper-ca-{index}")
        single = db / f"ca-{index}.pem"
        single.write_bytes(pem)
        try:
            run_certutil("-A", "-d", f"sql:{db}", "-n", nickname, "-t", "C,,", "-i", str(single))
        finally:
            single.unlink(missing_ok=True)
    return db


def chromium_args(
    settings: Settings, executable: str, port: int, profile: str, *, nss_trust: bool
) -> list[str]:
    """Chromium's command line. ``nss_trust``: ``ca_bundle`` is in the process's NSS
    database, so certificates are verified; otherwise a set ``ca_bundle`` means the
    browser cannot verify and runs with ``--ignore-certificate-errors``."""
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
    if settings.ca_bundle is not None and not nss_trust:
        args.append("--ignore-certificate-errors-spki-list="
                    + ",".join(spki_hashes(Path(settings.ca_bundle))))
        # See the module docstring: without certutil Chromium cannot trust a PEM bundle.
        args.append("--ignore-certificate-errors")
    args.append("about:blank")
    return args


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# Redirects followed for one request of the page (browsers allow about 20).
MAX_REDIRECTS = 10
# Hop-by-hop and body-framing headers: the fulfilled response gets its own framing, and
# the body is handed over decoded.
_DROPPED_RESPONSE_HEADERS = {"content-encoding", "content-length", "transfer-encoding",
                             "connection", "keep-alive"}
_DROPPED_REQUEST_HEADERS = {"host", "content-length", "connection", "accept-encoding"}


@dataclass
class Fetched:
    """A response for the browser: the last hop of the redirect chain."""

    status: int
    headers: list[tuple[str, str]]
    body: bytes
    url: str


class GuardedFetcher:
    """Fetches the requests of a page in the browser's place: every redirect hop through
    the address guard, the body under ``max_page_bytes``, over the verifying client."""

    def __init__(self, settings: Settings, guard: AddressGuard | None) -> None:
        from jobscraper.sources.http import http_client

        self.settings = settings
        self.guard = guard
        self.client = http_client(settings)  # follows no redirect by itself

    async def fetch(self, method: str, url: str, headers: dict[str, str],
                    body: bytes | None) -> Fetched:
        """Raises SourceRejected (a hop the guard refuses), PageTooLarge, httpx.HTTPError."""
        from urllib.parse import urljoin

        from jobscraper.sources.http import read_limited

        sent = {k: v for k, v in headers.items() if k.lower() not in _DROPPED_REQUEST_HEADERS}
        limit = self.settings.max_page_bytes
        for _hop in range(MAX_REDIRECTS + 1):
            if self.guard is not None:
                await self.guard.check(url)
            request = self.client.build_request(method, url, headers=sent, content=body)
            response = await self.client.send(request, stream=True)
            try:
                location = response.headers.get("location")
                if response.is_redirect and location:
                    url = urljoin(url, location)
                    if response.status_code in (301, 302, 303) and method != "HEAD":
                        method, body = "GET", None
                    continue
                content = await read_limited(response, limit, "page", url)
                kept = [(k, v) for k, v in response.headers.multi_items()
                        if k.lower() not in _DROPPED_RESPONSE_HEADERS]
                return Fetched(response.status_code, kept, content, url)
            finally:
                await response.aclose()
        raise httpx.TooManyRedirects(f"more than {MAX_REDIRECTS} redirects from {url}")

    async def close(self) -> None:
        await self.client.aclose()


def _header_dict(headers: list[tuple[str, str]]) -> dict[str, str]:
    """Response headers for Playwright's ``fulfill``: repeated ones joined (Set-Cookie
    lines by newlines, as Playwright splits them)."""
    merged: dict[str, str] = {}
    for name, value in headers:
        key = name.lower()
        if key in merged:
            merged[key] += ("\n" if key == "set-cookie" else ", ") + value
        else:
            merged[key] = value
    return merged


def _same_page(a: str, b: str) -> bool:
    return a.rstrip("/") == b.rstrip("/")


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
        self._home: str | None = None  # private HOME holding the NSS trust store
        self._crawler: Any = None
        self._fetcher: GuardedFetcher | None = None
        # Why a page's own document was refused (address -> error), read by render().
        self._refused: dict[str, Exception] = {}

    def command(self, executable: str, port: int, profile: str) -> list[str]:
        """Chromium's command line for this renderer (after ``prepare_trust``)."""
        return chromium_args(
            self.settings, executable, port, profile, nss_trust=self._home is not None
        )

    def prepare_trust(self) -> dict[str, str]:
        """The environment for Chromium. With ``ca_bundle`` and certutil: a private HOME
        whose NSS database trusts the bundle; without certutil: a warning (the browser
        will not verify certificates)."""
        env = dict(os.environ)
        ca_bundle = self.settings.ca_bundle
        if ca_bundle is None:
            return env
        certutil = find_certutil()
        if certutil is None:
            log.warning(
                "Chromium cannot load the CA bundle %s without certutil, so the browser "
                "(JavaScript sites only) does not verify TLS certificates; install "
                "libnss3-tools (Debian/Ubuntu: apt-get install libnss3-tools) to fix this",
                ca_bundle,
            )
            return env
        home = tempfile.mkdtemp(prefix="jobscraper-chromium-home-")
        try:
            build_nss_home(Path(ca_bundle), Path(home), certutil)
        except Exception as exc:
            shutil.rmtree(home, ignore_errors=True)
            raise RuntimeError(
                f"could not give the browser the CA bundle {ca_bundle}: {exc}"
            ) from exc
        self._home = home
        env["HOME"] = home
        # Chromium's newer default NSS location is under XDG_DATA_HOME; keep it in the
        # private home too (the .pki/nssdb made above takes precedence anyway).
        env["XDG_DATA_HOME"] = str(Path(home) / ".local" / "share")
        return env

    async def start(self) -> None:
        executable = find_chromium(self.settings)
        if executable is None:
            raise RuntimeError("no Chromium found; set JOBSCRAPER_BROWSER_EXECUTABLE")
        port = _free_port()
        env = await asyncio.to_thread(self.prepare_trust)
        self._profile = tempfile.mkdtemp(prefix="jobscraper-chromium-")
        self._process = await asyncio.create_subprocess_exec(
            *self.command(executable, port, self._profile),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
            start_new_session=True,
            env=env,
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

    async def _guard_page(self, page: Any, context: Any = None, **_: Any) -> Any:
        """Every request the page makes (document, scripts, XHR) is fetched by the
        :class:`GuardedFetcher`: each redirect hop passes the address guard, each body
        the size limit."""
        from jobscraper.sources.http import PageTooLarge

        if self._fetcher is None:
            self._fetcher = GuardedFetcher(self.settings, self.guard)
        fetcher = self._fetcher

        async def fetch_for_the_page(route: Any) -> None:
            request = route.request
            url = request.url
            if url.startswith(("data:", "blob:", "about:")):
                await route.continue_()
                return
            document = request.is_navigation_request() and request.frame == page.main_frame
            try:
                fetched = await fetcher.fetch(request.method, url, request.headers,
                                              request.post_data_buffer)
            except (SourceRejected, PageTooLarge) as exc:
                if document:
                    self._refused[url] = exc
                await route.abort("blockedbyclient")
                return
            except httpx.HTTPError as exc:
                log.debug("browser request %s failed: %s", url, exc)
                await route.abort("failed")
                return
            await route.fulfill(status=fetched.status, headers=_header_dict(fetched.headers),
                                body=fetched.body)

        await page.route("**/*", fetch_for_the_page)
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
        refused = next((self._refused.pop(key) for key in list(self._refused)
                        if _same_page(key, url)), None)
        if refused is not None:
            raise refused
        html = getattr(result, "html", "") or ""
        if not html and not result.success:
            from jobscraper.sources.http import TransientFetchError

            message = str(getattr(result, "error_message", "") or "render failed")
            raise TransientFetchError(f"{url} could not be rendered: {message.splitlines()[0]}")
        return Rendered(
            status=getattr(result, "status_code", None),
            html=html,
            final_url=getattr(result, "redirected_url", None),
            markdown=result_markdown(result),
            links=result_links(result),
        )

    async def close(self) -> None:
        if self._fetcher is not None:
            await self._fetcher.close()
            self._fetcher = None
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
        for folder in (self._profile, self._home):
            if folder:
                shutil.rmtree(folder, ignore_errors=True)
        self._profile = self._home = None
