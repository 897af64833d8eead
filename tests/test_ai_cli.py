"""``jobscraper route``, ``costs`` and ``models list``."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from jobscraper.cli import app
from steps.harness.job_pages import page_with_prompt_tokens


def _env(tmp_path, **extra):
    return {"JOBSCRAPER_DATA_DIR": str(tmp_path), "JOBSCRAPER_MODEL_PROFILE": "cpu-tiny", **extra}


def test_route_prints_one_json_object(tmp_path) -> None:
    page = page_with_prompt_tokens(8001, seed=4)
    path = tmp_path / "page.html"
    path.write_text(page.html)
    result = CliRunner().invoke(app, ["route", str(path), "--url", page.url], env=_env(tmp_path))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["prompt_tokens"] == 8001 and data["route"] == "cloud" and data["tier"] is None
    assert data["tokens_raw"] > data["tokens_pruned"]
    low = CliRunner().invoke(
        app,
        ["route", str(path), "--url", page.url],
        env=_env(tmp_path, JOBSCRAPER_TOKEN_THRESHOLD="9000"),
    )
    assert json.loads(low.stdout)["route"] == "local"


def test_route_plain_text(tmp_path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("Cook wanted in Lisbon")
    result = CliRunner().invoke(app, ["route", str(path)], env=_env(tmp_path))
    data = json.loads(result.stdout)
    assert data["tokens_raw"] == data["tokens_pruned"] == 4
    assert data["route"] == "local" and data["tier"] == "thinking"


def test_costs_on_an_empty_store(tmp_path) -> None:
    result = CliRunner().invoke(app, ["costs", "--json"], env=_env(tmp_path))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["pages"] == 0
    text = CliRunner().invoke(app, ["costs", "--monthly-jobs", "500"], env=_env(tmp_path))
    assert "local processing rate" in text.stdout and "500 jobs" in text.stdout


def test_models_list(tmp_path) -> None:
    result = CliRunner().invoke(app, ["models", "list", "--json"], env=_env(tmp_path))
    data = json.loads(result.stdout)
    assert [t["tier"] for t in data["tiers"]] == ["thinking", "primary", "maximum"]
    assert data["tiers"][0]["tokens"] == "0-1999" and data["tiers"][2]["tokens"] == "5000-8000"
    assert not data["tiers"][0]["tiny_model_ready"]
