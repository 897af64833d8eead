"""The suite's knobs: pytest options first, their environment variables as the fallback."""

from __future__ import annotations

import pytest

from steps.harness.options import SuiteOptions

PLUGIN = ("-p", "steps.harness.options")


@pytest.fixture(autouse=True)
def _no_knobs_exported(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("JOBSCRAPER_TEST_REDIS_URL", "JOBSCRAPER_TEST_DATABASE_URL",
                 "JOBSCRAPER_MODEL_PROFILE"):
        monkeypatch.delenv(name, raising=False)


def test_defaults(pytester: pytest.Pytester) -> None:
    options = SuiteOptions.of(pytester.parseconfig(*PLUGIN))
    assert options == SuiteOptions(redis_url="", database_url="", model_profile="cpu-tiny",
                                   keep=False)


def test_options(pytester: pytest.Pytester) -> None:
    config = pytester.parseconfig(
        *PLUGIN, "--test-redis-url", "redis://127.0.0.1:6390", "--test-database-url",
        "postgresql+psycopg://postgres@127.0.0.1/test", "--model-profile", "gpu", "--keep",
    )
    assert SuiteOptions.of(config) == SuiteOptions(
        "redis://127.0.0.1:6390", "postgresql+psycopg://postgres@127.0.0.1/test", "gpu", True
    )


def test_environment_variables_are_the_fallback(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBSCRAPER_TEST_REDIS_URL", "redis://127.0.0.1:6391")
    monkeypatch.setenv("JOBSCRAPER_MODEL_PROFILE", "gpu")
    options = SuiteOptions.of(pytester.parseconfig(*PLUGIN, "--model-profile", "cpu-tiny"))
    assert (options.redis_url, options.model_profile) == ("redis://127.0.0.1:6391", "cpu-tiny")


def test_an_unknown_profile_in_the_environment_is_refused(
    pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JOBSCRAPER_MODEL_PROFILE", "tpu")
    with pytest.raises(pytest.UsageError, match="JOBSCRAPER_MODEL_PROFILE"):
        SuiteOptions.of(pytester.parseconfig(*PLUGIN))
