"""The address guard (SSRF): career pages may never point into the user's own network.

A scrape fetches whatever address a user, a dashboard visitor or a posting
link names, from a machine that often sits inside a private network (a
laptop, a company server next to admin consoles, a cloud VM with a metadata
service at 169.254.169.254). So before any fetch, and again for every
redirect and posting link, an address is rejected when it

* uses a scheme other than http / https (``file:``, ``ftp:``, ``gopher:`` ...),
* carries credentials (``https://user:pass@host/``),
* names a loopback, private, link-local, shared (CGNAT), multicast, reserved or
  unspecified address, literally (``127.0.0.1``, ``[::1]``, ``10.1.2.3``, and the
  legacy forms ``2130706433`` / ``0x7f.1``) or as a special name (``localhost``,
  ``*.localhost``, ``*.local``, ``*.internal``, ``*.home.arpa``),
* resolves in DNS to any such address.

DNS and proxies: with a proxy configured (``JOBSCRAPER_PROXY_URL``), the proxy
resolves names, not this machine. The guard still resolves the name locally
when it can and rejects private answers; a name that does not resolve locally
is allowed only when a proxy is configured (the proxy's own network decides).
Without a proxy, an unresolvable name is rejected ("does not resolve"). The
acceptance suite keeps the guard on: its fake hosts do not resolve in DNS and
are reached through the configured proxy, while ``file:`` and private
addresses are still refused before anything is sent.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from urllib.parse import urlsplit

SPECIAL_SUFFIXES = (".localhost", ".local", ".internal", ".home.arpa", ".localdomain")
SPECIAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})
ALLOWED_SCHEMES = ("http", "https")
DNS_TIMEOUT_S = 3.0
# Longer addresses are refused unread: real career pages stay far below (sitemaps allow
# 2,048 characters), and a 100,000-character "address" is an attack on whatever logs it.
MAX_URL_LENGTH = 4096
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A DNS name: letters, digits, hyphens (and the underscore some hosts use), dot-separated.
_HOST = re.compile(r"[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}"
                   r"[a-z0-9_])?)*")


class SourceRejected(ValueError):
    """A source that may not be scraped; the message says why, for the user."""


def _forbidden_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv4 address carried inside IPv6 (mapped, 6to4, Teredo) is judged as itself.
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            return _forbidden_ip(embedded)
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if isinstance(ip, ipaddress.IPv4Address) and ip in ipaddress.ip_network("100.64.0.0/10"):
        return "a shared (carrier-grade NAT) address"
    if ip.is_private:
        return "a private address"
    if ip.is_multicast or ip.is_reserved or ip.is_unspecified:
        return "a reserved address"
    if not ip.is_global:
        return "a non-public address"
    return None


def literal_ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP a host string names literally, including legacy IPv4 forms."""
    host = host.strip("[]")
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    # inet_aton accepts what some resolvers and browsers do: 2130706433, 0x7f.1, 127.1.
    if host and all(c in "0123456789abcdefxABCDEFX." for c in host) and any(
        c.isdigit() for c in host
    ):
        try:
            return ipaddress.IPv4Address(socket.inet_aton(host))
        except OSError:
            return None
    return None


def check_url_syntax(url: str) -> str:
    """Reject by looking at the address alone; returns the lower-cased host."""
    if len(url) > MAX_URL_LENGTH:
        raise SourceRejected(
            f"the address is {len(url):,} characters long, over the limit of "
            f"{MAX_URL_LENGTH:,}: {url[:80]}..."
        )
    if _CONTROL.search(url.strip()):
        raise SourceRejected(f"not a valid address: {url!r} (it holds control characters)")
    try:
        parts = urlsplit(url.strip())
        port = parts.port  # raises on a malformed port
    except ValueError as exc:
        raise SourceRejected(f"not a valid address: {url!r} ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise SourceRejected(
            f"{scheme or 'this'}: addresses are not allowed; only http and https career "
            f"pages can be scraped ({url})"
        )
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise SourceRejected(
            f"addresses with credentials (user:password@) are not allowed: {_redact(url)}"
        )
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        raise SourceRejected(f"the address has no host: {url!r}")
    del port
    if not host.startswith("[") and literal_ip(host) is None and not _HOST.fullmatch(
            _ascii_host(host)):
        raise SourceRejected(f"not a valid address: {url!r} (the host {host!r} is no name)")
    if host in SPECIAL_NAMES or host.endswith(SPECIAL_SUFFIXES):
        raise SourceRejected(f"{host} is a local name; local addresses are not allowed ({url})")
    ip = literal_ip(host)
    if ip is not None:
        why = _forbidden_ip(ip)
        if why:
            raise SourceRejected(f"{host} is {why}; private addresses are not allowed ({url})")
    return host


def _ascii_host(host: str) -> str:
    """An internationalised name in its DNS form (``bücher.de`` -> ``xn--bcher-kva.de``)."""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def _redact(url: str) -> str:
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = host + (f":{parts.port}" if parts.port else "")
    return parts._replace(netloc=f"***@{netloc}").geturl()


class AddressGuard:
    """Checks addresses before fetching; caches DNS answers for one scrape."""

    def __init__(self, proxy_configured: bool) -> None:
        self.proxy_configured = proxy_configured
        self._cache: dict[str, str | None] = {}

    async def check(self, url: str) -> None:
        """Raise :class:`SourceRejected` if ``url`` may not be fetched."""
        host = check_url_syntax(url)
        if literal_ip(host) is not None:
            return
        if host not in self._cache:
            self._cache[host] = await self._resolve_problem(host)
        problem = self._cache[host]
        if problem:
            raise SourceRejected(f"{problem} ({url})")

    async def _resolve_problem(self, host: str) -> str | None:
        loop = asyncio.get_running_loop()
        try:
            infos = await asyncio.wait_for(
                loop.getaddrinfo(host, None, type=socket.SOCK_STREAM), DNS_TIMEOUT_S
            )
        except (OSError, TimeoutError, UnicodeError):
            if self.proxy_configured:
                return None  # the proxy resolves it
            return f"{host} does not resolve in DNS"
        for info in infos:
            address = info[4][0]
            try:
                ip = ipaddress.ip_address(str(address).split("%", 1)[0])
            except ValueError:
                continue
            why = _forbidden_ip(ip)
            if why:
                return f"{host} resolves to {why} ({ip}); private addresses are not allowed"
        return None
