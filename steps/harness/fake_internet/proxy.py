"""The TLS-intercepting HTTP/1.1 proxy behind the fake internet.

Why our own ~250 lines instead of mitmproxy or proxy.py: mitmproxy pins exact
versions of cryptography, h11, aioquic and more that fight the application's
own dependencies, and both are built to forward to a real upstream, which we
must never do. We need the opposite: terminate every connection here and
answer from fixture sites. ``h11`` does the HTTP/1.1 parsing (framing,
chunked bodies, keep-alive, CONNECT), ``trustme`` the certificates and
asyncio's ``StreamWriter.start_tls`` the in-place TLS upgrade after CONNECT.

Handled: ``CONNECT host:port`` (then TLS with a leaf certificate for that host
and HTTP/1.1 inside, ALPN ``http/1.1`` only), absolute-form ``GET http://host/``
proxy requests, origin-form requests with a Host header, keep-alive,
Content-Length and chunked request bodies, streamed responses. Unknown hosts
get a 502 whose body says the host is not on the fake internet.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
import time
from collections.abc import AsyncIterable, Iterable
from email.utils import formatdate
from urllib.parse import urlsplit

import h11

from .ca import FakeCA
from .model import FakeRequest, FakeResponse, RequestRecord
from .recorder import Recorder
from .registry import Registry

log = logging.getLogger(__name__)

MAX_RECORDED_BODY = 1 << 20
READ_CHUNK = 1 << 16
IDLE_TIMEOUT_S = 120.0
TLS_HANDSHAKE_TIMEOUT_S = 10.0


class _Closed(Exception):
    """The client went away or broke the protocol: drop the connection."""


class ProxyServer:
    """An asyncio server; start and stop it on the loop that will run it."""

    def __init__(
        self, ca: FakeCA, registry: Registry, recorder: Recorder, host: str = "127.0.0.1"
    ) -> None:
        self.ca = ca
        self.registry = registry
        self.recorder = recorder
        self.host = host
        self.port = 0
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self, port: int = 0) -> int:
        self._server = await asyncio.start_server(self._on_client, self.host, port)
        self.port = self._server.sockets[0].getsockname()[1]
        return self.port

    async def stop(self) -> None:
        """Stop listening and cut every open connection, hung ones included."""
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=5)
        if self._server is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 5)

    # -- connections ---------------------------------------------------------------

    async def _on_client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        try:
            await self._serve(reader, writer, tunnel=None)
        except (_Closed, ConnectionError, ssl.SSLError, TimeoutError, h11.ProtocolError, OSError):
            pass
        except asyncio.CancelledError:
            pass
        except Exception:
            log.exception("fake internet: connection failed")
        finally:
            self._tasks.discard(task)
            await _close(writer)

    async def _serve(
        self,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        tunnel: tuple[str, int] | None,
    ) -> None:
        """Answer requests on one connection until it closes; recurse into a tunnel."""
        conn = h11.Connection(h11.SERVER)
        while True:
            event = await _next_event(conn, reader)
            if not isinstance(event, h11.Request):
                return
            if event.method == b"CONNECT" and tunnel is None:
                await _read_body(conn, reader)
                host, port = _split_authority(event.target.decode("ascii"), 443)
                await _send(conn, writer, h11.Response(status_code=200, headers=[], reason=b"OK"))
                await writer.start_tls(
                    self.ca.server_context(host), ssl_handshake_timeout=TLS_HANDSHAKE_TIMEOUT_S
                )
                await self._serve(reader, writer, tunnel=(host, port))
                return
            started = time.time()
            if conn.they_are_waiting_for_100_continue:  # curl does this for big uploads
                await _send(conn, writer, h11.InformationalResponse(status_code=100, headers=[]))
            body = await _read_body(conn, reader)
            request = self._to_request(event, body, tunnel)
            keep_alive = await self._answer(conn, reader, writer, request, started)
            if not keep_alive or conn.our_state is not h11.DONE:
                return
            if conn.their_state is not h11.DONE:
                return
            conn.start_next_cycle()

    def _to_request(
        self, event: h11.Request, body: bytes, tunnel: tuple[str, int] | None
    ) -> FakeRequest:
        target = event.target.decode("latin-1")
        headers = tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in event.headers)
        host_header = next((v for k, v in headers if k == "host"), "")
        if target.startswith(("http://", "https://")):
            parts = urlsplit(target)
            scheme = parts.scheme
            host, port = _split_authority(parts.netloc, 443 if scheme == "https" else 80)
            path, query = parts.path or "/", parts.query
        else:
            path, _, query = target.partition("?")
            if tunnel is not None:
                scheme, (host, port) = "https", tunnel
            else:
                scheme = "http"
                host, port = _split_authority(host_header or f"{self.host}:{self.port}", 80)
        return FakeRequest(
            method=event.method.decode("ascii"),
            scheme=scheme,
            host=host.lower().rstrip("."),
            port=port,
            path=path,
            query=query,
            headers=headers,
            body=body,
        )

    async def _answer(
        self,
        conn: h11.Connection,
        reader: asyncio.StreamReader,
        writer: asyncio.StreamWriter,
        req: FakeRequest,
        started: float,
    ) -> bool:
        """Send the response for ``req``; False when the connection must close.

        The request is recorded *before* the client can see the answer (or, for
        a hang, when the hang starts), so a test that asserts right after its
        client returned always finds the record.
        """
        recorded = False

        def record(status: int | None, error: str | None = None) -> None:
            nonlocal recorded
            recorded = True
            self.recorder.add(_record(req, started, status, error))

        in_flight = self.recorder.begin(req.host)
        try:
            if self._is_self(req):
                response = self._own_page(req)
            else:
                try:
                    response = await self.registry.respond(req)
                except Exception as exc:  # a broken handler is a 500, not a dead proxy
                    log.exception("fake internet: handler for %s failed", req.url)
                    response = FakeResponse(500, f"fake internet handler error: {exc!r}\n")
            delay = self.registry.delay_for(req.host) + response.delay_s
            if delay > 0:
                await asyncio.sleep(delay)
            if response.hang_s is not None:
                record(None, "no answer: connection held open, then closed")
                await _hold(reader, response.hang_s)
                return False
            record(response.status)
            await self._send_response(conn, writer, req, response)
            return True
        except BaseException as exc:
            if not recorded:
                record(None, f"{type(exc).__name__}: {exc}")
            raise
        finally:
            self.recorder.end(in_flight)

    async def _send_response(
        self,
        conn: h11.Connection,
        writer: asyncio.StreamWriter,
        req: FakeRequest,
        response: FakeResponse,
    ) -> None:
        headers: dict[str, str] = {
            "date": formatdate(usegmt=True),
            "server": "nginx",
        }
        if response.content_type:
            headers["content-type"] = response.content_type
        headers.update({k.lower(): v for k, v in response.headers.items()})
        body = response.body_bytes()
        if body is not None:
            headers["content-length"] = str(len(body))
        elif response.content_length is not None:
            headers["content-length"] = str(response.content_length)
        head = h11.Response(status_code=response.status, headers=list(headers.items()))
        await _send(conn, writer, head)
        if req.method != "HEAD":
            if body is not None:
                if body:
                    await _send(conn, writer, h11.Data(data=body))
            else:
                async for chunk in _chunks(response.body):  # type: ignore[arg-type]
                    await _send(conn, writer, h11.Data(data=chunk))
        await _send(conn, writer, h11.EndOfMessage())

    # -- the proxy's own address ---------------------------------------------------

    def _is_self(self, req: FakeRequest) -> bool:
        return (
            req.scheme == "http"
            and req.host in {"127.0.0.1", "localhost"}
            and (req.port == self.port)
        )

    def _own_page(self, req: FakeRequest) -> FakeResponse:
        """``/ca.pem`` hands out the CA; anything else lists the hosts served."""
        if req.path == "/ca.pem":
            return FakeResponse(200, self.ca.cert_pem, "application/x-pem-file")
        hosts = "".join(f"{h}\n" for h in self.registry.hosts)
        return FakeResponse(200, f"jobscraper fake internet. Hosts:\n{hosts}", "text/plain")


def _record(
    req: FakeRequest, started: float, status: int | None, error: str | None
) -> RequestRecord:
    return RequestRecord(
        time=started,
        method=req.method,
        scheme=req.scheme,
        host=req.host,
        port=req.port,
        path=req.path,
        query=req.query,
        headers=req.headers,
        body_size=len(req.body),
        body=req.body[:MAX_RECORDED_BODY],
        status=status,
        duration_s=time.time() - started,
        error=error,
    )


async def _hold(reader: asyncio.StreamReader, seconds: float) -> None:
    """Say nothing for ``seconds``, or until the client gives up and closes."""

    async def until_eof() -> None:
        while await reader.read(READ_CHUNK):
            pass

    with contextlib.suppress(TimeoutError, ConnectionError, ssl.SSLError):
        await asyncio.wait_for(until_eof(), seconds)


async def _close(writer: asyncio.StreamWriter) -> None:
    """Close politely (TLS close_notify, FIN); abort if the peer does not cooperate."""
    try:
        writer.close()
        await asyncio.wait_for(writer.wait_closed(), 1.0)
    except (Exception, asyncio.CancelledError):
        writer.transport.abort()


async def _next_event(conn: h11.Connection, reader: asyncio.StreamReader) -> object:
    while True:
        event = conn.next_event()
        if event is not h11.NEED_DATA:
            return event
        data = await asyncio.wait_for(reader.read(READ_CHUNK), IDLE_TIMEOUT_S)
        conn.receive_data(data)


async def _read_body(conn: h11.Connection, reader: asyncio.StreamReader) -> bytes:
    """The request body, whatever its framing (h11 undoes chunked encoding)."""
    parts: list[bytes] = []
    while True:
        event = await _next_event(conn, reader)
        if isinstance(event, h11.Data):
            parts.append(bytes(event.data))
        elif isinstance(event, h11.EndOfMessage):
            return b"".join(parts)
        else:
            raise _Closed(f"unexpected {event!r} in a request body")


async def _send(conn: h11.Connection, writer: asyncio.StreamWriter, event: h11.Event) -> None:
    data = conn.send(event)
    if data:
        writer.write(data)
        await writer.drain()


async def _chunks(body: AsyncIterable[bytes] | Iterable[bytes]) -> AsyncIterable[bytes]:
    if isinstance(body, AsyncIterable):
        async for chunk in body:
            if chunk:
                yield chunk
    else:
        for chunk in body:
            if chunk:
                yield chunk


def _split_authority(authority: str, default_port: int) -> tuple[str, int]:
    """``host:port`` (or ``[v6]:port``) into its parts."""
    if authority.startswith("["):
        host, _, rest = authority[1:].partition("]")
        return host, int(rest[1:]) if rest.startswith(":") else default_port
    host, sep, port = authority.rpartition(":")
    if sep and port.isdigit():
        return host, int(port)
    return authority, default_port
