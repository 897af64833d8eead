"""The async-step bridge: one loop for the whole run, fixtures injected."""

from __future__ import annotations

import asyncio
import inspect

import pytest

from steps.harness.asyncio_bridge import LOOP_FIXTURE, async_step


def test_adds_the_loop_fixture_to_the_signature() -> None:
    @async_step
    async def step(value: int) -> int:
        return value

    assert list(inspect.signature(step).parameters) == ["value", LOOP_FIXTURE]


def test_pytest_bdd_sees_the_loop_as_a_fixture() -> None:
    from pytest_bdd.utils import get_required_args

    @async_step
    async def step(value: int, other: str = "x") -> int:
        return value

    assert get_required_args(step) == ["value", LOOP_FIXTURE]


def test_runs_the_coroutine_on_the_given_loop() -> None:
    loop = asyncio.new_event_loop()
    seen: list[asyncio.AbstractEventLoop] = []

    @async_step
    async def step(value: int) -> int:
        seen.append(asyncio.get_running_loop())
        await asyncio.sleep(0)
        return value * 2

    try:
        assert step(21, step_event_loop=loop) == 42
        assert seen == [loop]
    finally:
        loop.close()


def test_rejects_plain_functions() -> None:
    with pytest.raises(TypeError):
        async_step(lambda: None)  # type: ignore[arg-type]


def test_session_loop_is_shared(step_event_loop: asyncio.AbstractEventLoop) -> None:
    @async_step
    async def which() -> asyncio.AbstractEventLoop:
        return asyncio.get_running_loop()

    assert which(step_event_loop=step_event_loop) is step_event_loop
