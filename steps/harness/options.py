"""The suite's knobs, as pytest options (``pytest --help`` lists them under "jobscraper").

Nominatim's BDD suite does the same (``--nominatim-purge``...). Each knob falls
back to the environment variable the suite read before, so CI jobs and shells
that export them keep working; the option wins when both are given.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import get_args

import pytest

from jobscraper.config import ModelProfile
from steps.harness.environment import DATABASE_URL_ENV, MODEL_PROFILE_ENV, REDIS_URL_ENV

PROFILES = get_args(ModelProfile)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("jobscraper", "jobscraper acceptance suite")
    group.addoption(
        "--test-redis-url", metavar="URL", default=None,
        help="a running Redis for the suite, e.g. redis://127.0.0.1:6379 (each test gets a "
        f"database number of its own); default: ${REDIS_URL_ENV}, else the suite starts its "
        "own redis-server (needed by the Redis restart scenarios)",
    )
    group.addoption(
        "--test-database-url", metavar="URL", default=None,
        help="the store's database, e.g. postgresql+psycopg://postgres@127.0.0.1/test "
        f"(tables emptied per test); default: ${DATABASE_URL_ENV}, else a fresh SQLite file "
        "per test",
    )
    group.addoption(
        "--model-profile", choices=PROFILES, default=None,
        help="the application's model profile: cpu-tiny runs tiny random-weight models, gpu "
        "the real ones (auto: gpu where CUDA is visible); the @real_model scenarios run only "
        f"on gpu; default: ${MODEL_PROFILE_ENV}, else cpu-tiny",
    )
    group.addoption(
        "--dashboard-screenshots", metavar="DIR", default=None,
        help="save a screenshot of each dashboard page the scenarios leave open, named "
        "after the page (scrape.png, jobs.png, ...), into DIR; the README's pictures are "
        "made so (make screenshots)",
    )
    group.addoption(
        "--keep", action="store_true", default=False,
        help="when a scenario fails, copy its temporary folder (the app's data folder with "
        "its database, the worker logs) to .work/kept/<test>/ and print that path in the "
        "failure report; without --keep they stay only in pytest's temporary folder, which "
        "pytest deletes after three more runs",
    )


@dataclass(frozen=True)
class SuiteOptions:
    """The knobs of this run, options first, then their environment variables."""

    redis_url: str  # "" = the suite starts its own server
    database_url: str  # "" = SQLite in each test's data folder
    model_profile: str
    keep: bool

    @classmethod
    def of(cls, config: pytest.Config) -> SuiteOptions:
        """This run's knobs, read once (at configure time) and kept on the config."""
        if _OPTIONS not in config.stash:
            config.stash[_OPTIONS] = cls._read(config)
        return config.stash[_OPTIONS]

    @classmethod
    def _read(cls, config: pytest.Config) -> SuiteOptions:
        def knob(option: str, env: str, default: str) -> str:
            value = config.getoption(option)
            return str(value) if value is not None else os.environ.get(env, default)

        profile = knob("model_profile", MODEL_PROFILE_ENV, "cpu-tiny")
        if profile not in PROFILES:
            raise pytest.UsageError(
                f"${MODEL_PROFILE_ENV}={profile!r}: the model profile is one of {PROFILES}"
            )
        return cls(
            redis_url=knob("test_redis_url", REDIS_URL_ENV, ""),
            database_url=knob("test_database_url", DATABASE_URL_ENV, ""),
            model_profile=profile,
            keep=bool(config.getoption("keep")),
        )


_OPTIONS = pytest.StashKey[SuiteOptions]()


def pytest_configure(config: pytest.Config) -> None:
    SuiteOptions.of(config)  # a bad value stops the run before collection


@pytest.fixture(scope="session")
def suite_options(pytestconfig: pytest.Config) -> SuiteOptions:
    return SuiteOptions.of(pytestconfig)
