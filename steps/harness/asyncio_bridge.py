"""Async step bodies on one event loop per test run.

pytest-bdd calls step functions synchronously and never awaits an
``async def`` step (upstream: pytest-dev/pytest-bdd#223). Much of jobscraper is async
(crawl4ai, progress subscriptions), so steps write ``async def`` bodies and
decorate them with :func:`async_step`::

    @when(parsers.parse('the career page "{url}" is scraped'))
    @async_step
    async def _(url: str, app_settings: Settings, scenario: ScenarioContext) -> None:
        scenario.scrape_result = await scrape([url], app_settings)

The decorator adds a ``step_event_loop`` fixture argument (pytest-bdd resolves
fixtures from the signature) and runs the coroutine with
``run_until_complete`` on pytest-asyncio's session loop. Between async tests
and fixtures that loop is not running, so there is exactly one loop for the
whole run and async fixtures (``loop_scope="session"``) share it. No step
calls ``asyncio.run`` itself.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import Any, ParamSpec, TypeVar

import pytest_asyncio

P = ParamSpec("P")
T = TypeVar("T")

LOOP_FIXTURE = "step_event_loop"


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def step_event_loop() -> asyncio.AbstractEventLoop:
    """pytest-asyncio's session loop, for synchronous code that must run coroutines."""
    return asyncio.get_running_loop()


def run_on(loop: asyncio.AbstractEventLoop, awaitable: Awaitable[T]) -> T:
    """Run an awaitable to completion on the suite's loop (from sync code)."""
    return loop.run_until_complete(awaitable)


def async_step(func: Callable[P, Awaitable[T]]) -> Callable[..., T]:
    """Turn an ``async def`` step body into a step pytest-bdd can call."""
    if not inspect.iscoroutinefunction(func):
        raise TypeError(f"async_step needs an async def function, got {func!r}")
    signature = inspect.signature(func)
    takes_loop = LOOP_FIXTURE in signature.parameters

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        loop = kwargs[LOOP_FIXTURE] if takes_loop else kwargs.pop(LOOP_FIXTURE)
        return run_on(loop, func(*args, **kwargs))

    if not takes_loop:
        # pytest-bdd injects only positional-or-keyword parameters without a default,
        # so the loop goes right after the last such parameter.
        params = list(signature.parameters.values())
        position = sum(
            1
            for p in params
            if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD and p.default is p.empty
        )
        extra = inspect.Parameter(LOOP_FIXTURE, inspect.Parameter.POSITIONAL_OR_KEYWORD)
        wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
            parameters=[*params[:position], extra, *params[position:]]
        )
    return wrapper
