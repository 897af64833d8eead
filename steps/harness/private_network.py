"""A stand-in for the private network: a loopback listener that counts connections.

Hostile career pages (scripts, redirects) try to reach an address on the
visitor's own network; the scenario points them at this listener, and any
connection it receives means the scraper let one through.
"""

from __future__ import annotations

import ipaddress
import socket
import threading


class PrivateNetworkListener:
    """Listens on 127.0.0.1 (a free port) from creation until :meth:`close`."""

    def __init__(self) -> None:
        self._server = socket.socket()
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(8)
        self._server.settimeout(0.2)  # so the accept loop notices close()
        self.port = int(self._server.getsockname()[1])
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._accept, name="private-network-listener", daemon=True
        )
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._server.close()


def own_private_name() -> tuple[str, str | None]:
    """This machine's host name, a real name its resolver answers with a loopback or
    private address; and why it cannot serve as one here (None: it can), for a skip."""
    name = socket.gethostname()
    try:
        answers = {info[4][0] for info in socket.getaddrinfo(name, None)}
    except OSError:
        return name, f"this machine's name {name!r} does not resolve here"
    if all(ipaddress.ip_address(a.split("%")[0]).is_global for a in answers):
        return name, f"this machine's name {name!r} resolves to public addresses: {answers}"
    return name, None
