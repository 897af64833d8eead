"""Fixtures shared by the unit tests (the suite's harness fixtures come from the root conftest)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis

from jobscraper.config import Settings, load_settings
from jobscraper.redis_server import sync_client


@pytest.fixture
def redis_settings(tmp_path: Path, suite_redis) -> Callable[..., Settings]:
    """Settings on a fresh database of the suite's Redis, with a queue of their own."""

    def make(**overrides: object) -> Settings:
        return load_settings(
            data_dir=tmp_path / "data",
            redis_url=suite_redis.fresh_db_url(),
            queue_name=f"test-{uuid.uuid4().hex[:8]}",
            **overrides,
        )

    return make


@pytest.fixture
def conn(settings: Settings) -> Iterator[redis.Redis]:
    """A jobscraper Redis client for the test module's ``settings``."""
    client = sync_client(settings)
    yield client
    client.close()
