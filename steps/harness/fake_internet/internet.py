"""``FakeInternet``: the proxy on its own thread and event loop, plus the test API.

The proxy runs on a private asyncio loop in a daemon thread so that sync
tests (requests, JobSpy), async tests (crawl4ai on pytest-asyncio's loop) and
separate processes (an RQ worker given ``proxy_url``) can all use it without
sharing an event loop with it.
"""

from __future__ import annotations

import asyncio
import ssl
import threading
from collections.abc import Coroutine
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from .ca import FakeCA
from .model import FakeRequest, FakeResponse, Handler, RequestRecord
from .proxy import ProxyServer
from .recorder import Recorder
from .registry import Registry, Site, page
from .sites import SITES, SiteInfo, build_sites
from .sites.companies import DOMAIN as COMPANIES_DOMAIN
from .sites.companies import (
    company_host,
    company_info,
    company_site,
    forget_postings,
    serve_postings,
)

T = TypeVar("T")


class FakeInternet:
    """A loopback proxy serving fixture sites under real host names.

    >>> with FakeInternet() as net:
    ...     requests.get("https://careers.acme-robotics.com/jobs",
    ...                  proxies={"https": net.proxy_url}, verify=net.ca_bundle_path)

    ``hang_s`` bounds how long the never-answering host holds a connection.
    """

    SITES: dict[str, SiteInfo] = SITES

    def __init__(self, *, hang_s: float = 60.0, ca_folder: Path | None = None) -> None:
        self.hang_s = hang_s
        self._ca_folder = ca_folder
        self._ca: FakeCA | None = None
        self.registry = Registry()
        self.recorder = Recorder()
        self._server: ProxyServer | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle ----------------------------------------------------------------

    def start(self) -> FakeInternet:
        """Create the CA, load the sites and listen on a free loopback port."""
        if self._thread is not None:
            return self
        self._ca = FakeCA(self._ca_folder)
        for site in build_sites(hang_s=self.hang_s):
            self.registry.add_site(site, permanent=True)
        self._server = ProxyServer(self._ca, self.registry, self.recorder)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._loop.run_forever, name="fake-internet", daemon=True
        )
        self._thread.start()
        self._run(self._server.start())
        return self

    def stop(self) -> None:
        """Cut all connections (hung ones too), stop the loop and remove the CA."""
        if self._thread is None or self._loop is None or self._server is None:
            return
        try:
            self._run(self._server.stop(), timeout=15)
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(timeout=15)
            self._loop.close()
            self._thread = self._loop = self._server = None
            if self._ca is not None:
                self._ca.close()
                self._ca = None

    def __enter__(self) -> FakeInternet:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _run(self, coro: Coroutine[Any, Any, T], timeout: float = 30) -> T:
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout)

    # -- where it is ---------------------------------------------------------------

    @property
    def port(self) -> int:
        assert self._server is not None, "FakeInternet is not started"
        return self._server.port

    @property
    def proxy_url(self) -> str:
        """``http://127.0.0.1:PORT``: the proxy for both http and https URLs."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def ca_bundle_path(self) -> Path:
        """PEM file of the throwaway CA that signs every fake host's certificate."""
        assert self._ca is not None, "FakeInternet is not started"
        return self._ca.ca_bundle_path

    @property
    def ca(self) -> FakeCA:
        assert self._ca is not None, "FakeInternet is not started"
        return self._ca

    @property
    def hosts(self) -> list[str]:
        """Every host currently served (fixture sites and runtime additions)."""
        return self.registry.hosts

    def ssl_context(self) -> ssl.SSLContext:
        """A client TLS context trusting only the fake CA (httpx ``verify=``, aiohttp ``ssl=``)."""
        return self.ca.client_context()

    def env(self) -> dict[str, str]:
        """Environment variables that route a child process through the fake internet."""
        ca = str(self.ca_bundle_path)
        return {
            "HTTP_PROXY": self.proxy_url,
            "HTTPS_PROXY": self.proxy_url,
            "http_proxy": self.proxy_url,
            "https_proxy": self.proxy_url,
            "NO_PROXY": "",
            "no_proxy": "",
            "SSL_CERT_FILE": ca,
            "REQUESTS_CA_BUNDLE": ca,
            "CURL_CA_BUNDLE": ca,
        }

    # -- what it saw ---------------------------------------------------------------

    @property
    def requests(self) -> list[RequestRecord]:
        """Every request received since the last ``clear_requests()``, oldest first."""
        return self.recorder.records

    def requests_to(self, host: str) -> list[RequestRecord]:
        """The requests to ``host`` (exact name, case-insensitive)."""
        host = host.lower()
        return [r for r in self.recorder.records if r.host == host]

    def clear_requests(self) -> None:
        self.recorder.clear()

    def max_concurrency(self, host_suffix: str) -> int:
        """Most requests in flight at once to hosts ending with ``host_suffix``."""
        return self.recorder.max_concurrency(host_suffix)

    def in_flight(self, host_suffix: str = "") -> int:
        return self.recorder.in_flight(host_suffix)

    # -- changing it at runtime (undone by reset()) --------------------------------

    def add_page(
        self,
        host: str,
        path: str,
        body: bytes | str,
        status: int = 200,
        content_type: str | None = "text/html; charset=utf-8",
        delay_s: float = 0.0,
        headers: dict[str, str] | None = None,
        hang_s: float | None = None,
    ) -> str:
        """Serve ``body`` at ``host`` + ``path`` (a new host is fine); returns the https URL."""
        self.registry.add_handler(
            host, path, page(body, status, content_type, delay_s, headers, hang_s)
        )
        return f"https://{host}{path}"

    def add_handler(self, host: str, path: str, handler: Handler, *, prefix: bool = False) -> None:
        """Answer ``path`` (or every path under it) with ``handler(FakeRequest)``."""
        self.registry.add_handler(host, path, handler, prefix=prefix)

    def add_site(self, site: Site) -> None:
        """Serve a whole ``Site`` until the next ``reset()``."""
        self.registry.add_site(site)

    def add_companies(
        self, count: int, delay_s: float = 0.0, postings: int | None = None
    ) -> list[str]:
        """Serve ``company-01.example-jobs.test`` ... and return their ``/jobs`` URLs.

        Each is a small career site with JSON-LD postings, two or ``postings`` (see
        ``company_info(i)``); ``delay_s`` slows every response of the group.
        """
        urls = [self.add_company(i, postings) for i in range(1, count + 1)]
        if delay_s:
            self.set_delay(COMPANIES_DOMAIN, delay_s)
        return urls

    def add_company(self, i: int, postings: int | None = None) -> str:
        """Serve generated company ``i`` (``company-0i.example-jobs.test``) with ``postings``
        postings (by default as many as it is already served with, else two); its ``/jobs``
        URL."""
        if postings is not None:
            serve_postings(i, postings)
        self.registry.add_site(company_site(i, len(company_info(i).postings)))
        return f"https://{company_host(i)}/jobs"

    def set_delay(self, host: str, seconds: float) -> None:
        """Slow every response from ``host`` and its subdomains (0 removes the delay)."""
        self.registry.set_delay(host, seconds)

    def reset(self) -> None:
        """Back to the fixture sites only: no runtime pages, no delays, no records."""
        self.registry.reset()
        forget_postings()
        self.clear_requests()


__all__ = ["FakeInternet", "FakeRequest", "FakeResponse", "Site"]
