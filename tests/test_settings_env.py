"""Settings.to_env: the environment that gives another process the same Settings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pydantic import SecretStr

from jobscraper.config import ENV_PREFIX, LocalTier, ModelPrice, Settings, load_settings


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(os.environ):
        if name.startswith(ENV_PREFIX):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no stray .env file


def _round_trip(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    for name, value in settings.to_env().items():
        monkeypatch.setenv(name, value)
    return load_settings()


def test_defaults_round_trip(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings()
    assert _round_trip(settings, monkeypatch) == settings


def test_every_kind_of_value_round_trips(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    ca_bundle = tmp_path / "ca.pem"
    ca_bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    settings = load_settings(
        data_dir=tmp_path / "data",  # a path
        models_dir=tmp_path / "models",  # an optional path, set
        ca_bundle=ca_bundle,
        browser_executable=None,  # None: left out, the default applies
        linkedin_delay_s=None,
        token_threshold=4000,  # int
        local_timeout_s=0.5,  # float
        cloud_fallback=False,  # bool
        model_profile="cpu-tiny",  # a literal
        cloud_api_key=SecretStr("sk-test"),  # a secret
        redis_url="redis://127.0.0.1:6379/3",
        tiers=[  # nested models
            LocalTier(name="small", below_tokens=1000, gpu_model="Qwen/Qwen3-4B"),
            LocalTier(name="large", below_tokens=None, gpu_model="Qwen/Qwen3-14B",
                      tiny_layers=3, tiny_hidden=96),
        ],
        price_overrides={"gpt-4o-mini": ModelPrice(input_per_mtok=0.15, output_per_mtok=0.6)},
        js_hosts=["careers.globex-ai.com", "jobs.example.test"],  # a list
    )
    env = settings.to_env()
    assert ENV_PREFIX + "BROWSER_EXECUTABLE" not in env
    assert env[ENV_PREFIX + "CLOUD_API_KEY"] == "sk-test"
    assert env[ENV_PREFIX + "CLOUD_FALLBACK"] == "false"
    again = _round_trip(settings, monkeypatch)
    assert again == settings
    assert again.cloud_api_key.get_secret_value() == "sk-test"
    assert again.tiers[1].tiny_hidden == 96 and again.browser_executable is None
