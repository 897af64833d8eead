"""Settings: defaults, environment, validation messages that name the variable."""

from pathlib import Path

import pytest

from jobscraper.config import Settings, SettingsError, load_settings, settings_table


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in list(__import__("os").environ):
        if name.startswith("JOBSCRAPER_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)  # no stray .env file


def test_defaults() -> None:
    settings = load_settings()
    assert settings.token_threshold == 8000
    assert [t.name for t in settings.tiers] == ["thinking", "primary", "maximum"]
    assert settings.tiers[0].gpu_model == "Qwen/Qwen3-4B-Thinking-2507"
    assert settings.effective_database_url.startswith("sqlite:///")
    assert settings.redis_url == ""
    assert settings.cloud_model == "gpt-4o-mini"


def test_environment_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JOBSCRAPER_TOKEN_THRESHOLD", "4000")
    monkeypatch.setenv("JOBSCRAPER_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("JOBSCRAPER_JS_HOSTS", '["careers.globex-ai.com"]')
    settings = load_settings()
    assert settings.token_threshold == 4000
    assert settings.data_dir == (tmp_path / "d").resolve()
    assert settings.js_hosts == ["careers.globex-ai.com"]
    expected_db = f"sqlite:///{(tmp_path / 'd').resolve()}/jobscraper.db"
    assert settings.effective_database_url == expected_db


def test_dotenv_file_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("JOBSCRAPER_MAX_CONCURRENT_SOURCES=3\n")
    assert load_settings().max_concurrent_sources == 3


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("JOBSCRAPER_TOKEN_THRESHOLD", "-1", "greater than 0"),
        ("JOBSCRAPER_TOKEN_THRESHOLD", "lots", "valid integer"),
        ("JOBSCRAPER_MODEL_PROFILE", "tpu", "'auto', 'gpu' or 'cpu-tiny'"),
        ("JOBSCRAPER_DATABASE_URL", "mysql://x", "sqlite:// or postgresql://"),
        ("JOBSCRAPER_REDIS_URL", "localhost:6379", "redis://"),
        ("JOBSCRAPER_PROXY_URL", "socks://x", "http://"),
        ("JOBSCRAPER_CA_BUNDLE", "/no/such/ca.pem", "CA bundle file not found"),
        ("JOBSCRAPER_MAX_CONCURRENT_SOURCES", "0", "greater than 0"),
        ("JOBSCRAPER_TIERS", '[{"name": "a", "below_tokens": 10, "gpu_model": "m"}]', "last tier"),
    ],
)
def test_invalid_values_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, message: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert variable in str(caught.value)
    assert message in str(caught.value)


def test_threshold_override_reaches_every_reader() -> None:
    settings = load_settings(token_threshold=1234)
    assert settings.token_threshold == 1234


def test_settings_table_lists_every_field() -> None:
    rows = settings_table()
    assert {r[0] for r in rows} == {f"JOBSCRAPER_{n.upper()}" for n in Settings.model_fields}
    assert all(r[2] for r in rows), "every setting needs a description"
