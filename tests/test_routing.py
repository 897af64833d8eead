"""Routing decisions and the page -> prompt -> decision plan."""

from __future__ import annotations

import pytest

from jobscraper.ai.plan import plan_page
from jobscraper.ai.routing import decide
from jobscraper.config import LocalTier, load_settings
from jobscraper.models import Route


@pytest.fixture
def settings(tmp_path):
    return load_settings(data_dir=tmp_path, model_profile="cpu-tiny")


@pytest.mark.parametrize(
    ("tokens", "route", "tier"),
    [
        (0, Route.LOCAL, "thinking"),
        (1999, Route.LOCAL, "thinking"),
        (2000, Route.LOCAL, "primary"),
        (4999, Route.LOCAL, "primary"),
        (5000, Route.LOCAL, "maximum"),
        (8000, Route.LOCAL, "maximum"),
        (8001, Route.CLOUD, None),
    ],
)
def test_default_table(settings, tokens, route, tier) -> None:
    decision = decide(tokens, settings)
    assert (decision.route, decision.tier, decision.token_count) == (route, tier, tokens)
    assert decision.threshold == 8000
    assert str(tokens) in decision.reason


def test_models_per_profile(tmp_path) -> None:
    tiny = load_settings(data_dir=tmp_path, model_profile="cpu-tiny")
    gpu = load_settings(data_dir=tmp_path, model_profile="gpu")
    assert decide(100, tiny).model == "tiny-qwen3-thinking"
    assert decide(100, gpu).model == "Qwen/Qwen3-4B-Thinking-2507"
    assert decide(9000, gpu).model == "gpt-4o-mini"


def test_threshold_changes_the_decision(tmp_path) -> None:
    low = load_settings(data_dir=tmp_path, token_threshold=1000)
    assert decide(1500, low).route == Route.CLOUD
    high = load_settings(data_dir=tmp_path, token_threshold=20000)
    assert decide(15000, high).route == Route.LOCAL


def test_single_tier(tmp_path) -> None:
    settings = load_settings(data_dir=tmp_path, tiers=[LocalTier(name="only", gpu_model="m")])
    assert decide(7000, settings).tier == "only"


def test_structured_needs_no_model(settings) -> None:
    decision = decide(5000, settings, structured=True)
    assert decision.route == Route.STRUCTURED and decision.model is None


def test_plan_prunes_before_counting(settings) -> None:
    from steps.harness.job_pages import make_page

    page = make_page(12000, seed=3)
    plan = plan_page(page.html, page.url, settings)
    assert plan.tokens_raw > 11000
    assert plan.tokens_pruned < plan.tokens_raw / 2
    assert plan.prompt_tokens > plan.tokens_pruned  # instructions and chat template count too
    assert plan.decision.route == Route.LOCAL
    assert set(plan.as_dict()) >= {
        "tokens_raw",
        "tokens_pruned",
        "prompt_tokens",
        "threshold",
        "route",
        "tier",
        "model",
    }


def test_page_with_exact_prompt_size(settings) -> None:
    from steps.harness.job_pages import page_with_prompt_tokens

    page = page_with_prompt_tokens(8001, seed=1)
    assert plan_page(page.html, page.url, settings).prompt_tokens == 8001


def test_missing_model_folder_is_a_load_error(tmp_path) -> None:
    from jobscraper.ai.completion import ModelLoadError
    from jobscraper.ai.local import model_source

    tiny = load_settings(data_dir=tmp_path, models_dir=tmp_path / "none", model_profile="cpu-tiny")
    with pytest.raises(ModelLoadError, match="missing"):
        model_source(tiny.tiers[0], tiny)
    gpu = load_settings(data_dir=tmp_path, model_profile="gpu")
    assert model_source(gpu.tiers[1], gpu) == "Qwen/Qwen3-8B"
    folder = LocalTier(name="x", gpu_model=str(tmp_path / "nothing-here"))
    with pytest.raises(ModelLoadError, match="missing"):
        model_source(folder, gpu)
