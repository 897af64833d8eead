"""The fake internet's throwaway certificate authority.

Why a CA at all: the application must reach ``https://careers.acme-robotics.com``
under its real name and verify TLS as it would in production, only with a CA
bundle that the suite hands it through Settings. ``trustme`` makes the CA and
one leaf certificate per host on demand (ECDSA keys: milliseconds each), and
nothing here is ever written outside a private temporary folder.
"""

from __future__ import annotations

import ssl
import tempfile
import threading
from pathlib import Path

import trustme


class FakeCA:
    """A throwaway CA that issues a leaf certificate per host name.

    ``ca_bundle_path`` is a PEM file with the CA certificate: give it to
    clients as their CA bundle (requests ``verify=``, httpx ``verify=``,
    jobspy ``ca_cert=``, ``SSL_CERT_FILE``).
    """

    def __init__(self, folder: Path | None = None) -> None:
        self._ca = trustme.CA(organization_name="jobscraper fake internet")
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if folder is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="fake-internet-ca-")
            folder = Path(self._tmp.name)
        folder.mkdir(parents=True, exist_ok=True)
        self.ca_bundle_path = folder / "fake-internet-ca.pem"
        self._ca.cert_pem.write_to_path(str(self.ca_bundle_path))
        self._contexts: dict[str, ssl.SSLContext] = {}
        self._lock = threading.Lock()

    @property
    def cert_pem(self) -> bytes:
        """The CA certificate in PEM form."""
        return self._ca.cert_pem.bytes()

    def server_context(self, host: str) -> ssl.SSLContext:
        """A server-side TLS context presenting a certificate for ``host``.

        Only ``http/1.1`` is offered through ALPN, so browsers and httpx never
        try HTTP/2 inside the tunnel (the proxy speaks HTTP/1.1 only). An SNI
        callback swaps in the right certificate when the client names another
        host than the CONNECT target (e.g. a CONNECT to an IP address).
        """
        host = host.lower().rstrip(".")
        with self._lock:
            ctx = self._contexts.get(host)
            if ctx is None:
                ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
                ctx.set_alpn_protocols(["http/1.1"])
                self._ca.issue_cert(host).configure_cert(ctx)
                ctx.sni_callback = self._sni_callback_for(host)
                self._contexts[host] = ctx
            return ctx

    def _sni_callback_for(self, host: str):
        def callback(sslobj: ssl.SSLObject, server_name: str | None, _ctx: ssl.SSLContext) -> None:
            if server_name and server_name.lower().rstrip(".") != host:
                sslobj.context = self.server_context(server_name)

        return callback

    def client_context(self) -> ssl.SSLContext:
        """A client-side context that trusts only this CA (for tests and aiohttp)."""
        ctx = ssl.create_default_context()
        self._ca.configure_trust(ctx)
        return ctx

    def close(self) -> None:
        """Remove the temporary folder holding the CA bundle."""
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None
