"""Value types shared by the proxy, the site registry and the handlers.

Kept free of asyncio and h11 so that site handlers (plain functions that turn a
``FakeRequest`` into a ``FakeResponse``) are easy to write and to unit-test.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterable, Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

Body = bytes | str | AsyncIterable[bytes] | Iterable[bytes]


@dataclass(frozen=True)
class FakeRequest:
    """One HTTP request as a fake site sees it (after the proxy unwrapped it)."""

    method: str
    scheme: str
    host: str
    port: int
    path: str
    query: str
    headers: tuple[tuple[str, str], ...]
    body: bytes = b""

    @property
    def url(self) -> str:
        default = 443 if self.scheme == "https" else 80
        netloc = self.host if self.port == default else f"{self.host}:{self.port}"
        return f"{self.scheme}://{netloc}{self.path}" + (f"?{self.query}" if self.query else "")

    @property
    def params(self) -> dict[str, list[str]]:
        """The query string parsed into lists of values."""
        return parse_qs(self.query, keep_blank_values=True)

    def param(self, name: str, default: str | None = None) -> str | None:
        """The first value of query parameter ``name``."""
        values = self.params.get(name)
        return values[0] if values else default

    def header(self, name: str, default: str | None = None) -> str | None:
        """The first value of header ``name`` (case-insensitive)."""
        name = name.lower()
        return next((v for k, v in self.headers if k == name), default)

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body or b"null")


@dataclass
class FakeResponse:
    """What a fake site answers.

    ``body`` may be bytes, text (encoded as UTF-8) or an (async) iterable of
    byte chunks, so a 20 MB page streams without sitting in memory.
    ``delay_s`` holds the response back (the request counts as in flight);
    ``hang_s`` holds the connection open without answering, then closes it.
    """

    status: int = 200
    body: Body = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    hang_s: float | None = None
    content_length: int | None = None

    def body_bytes(self) -> bytes | None:
        """The body as bytes when it is not a stream, else None."""
        if isinstance(self.body, bytes):
            return self.body
        if isinstance(self.body, str):
            return self.body.encode("utf-8")
        return None


Handler = Callable[[FakeRequest], "FakeResponse | Awaitable[FakeResponse]"]


@dataclass(frozen=True)
class RequestRecord:
    """One request the fake internet received, for steps to assert on.

    ``status`` is None when no answer was sent (the hanging host, a client
    that went away); ``duration_s`` runs from the request head to the
    response head (delays included, body streaming not).
    """

    time: float
    method: str
    scheme: str
    host: str
    port: int
    path: str
    query: str
    headers: tuple[tuple[str, str], ...]
    body_size: int
    body: bytes
    status: int | None
    duration_s: float
    error: str | None = None

    @property
    def url(self) -> str:
        return FakeRequest(
            self.method, self.scheme, self.host, self.port, self.path, self.query, ()
        ).url

    def header(self, name: str, default: str | None = None) -> str | None:
        name = name.lower()
        return next((v for k, v in self.headers if k == name), default)
