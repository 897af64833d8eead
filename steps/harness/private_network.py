"""A stand-in for the private network: a loopback listener that counts connections.

Hostile career pages (scripts, redirects) try to reach an address on the
visitor's own network; the scenario points them at this listener, and any
connection it receives means the scraper let one through.
"""

from __future__ import annotations

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
