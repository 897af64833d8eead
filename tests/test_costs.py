"""Prices, per-run reports and projections."""

from __future__ import annotations

import pytest

from jobscraper.ai.costs import call_cost, forecast, model_price, report_from_calls
from jobscraper.ai.routing import decide
from jobscraper.config import ModelPrice, load_settings
from jobscraper.models import ModelCall


@pytest.fixture
def settings(tmp_path):
    return load_settings(data_dir=tmp_path)


def test_genai_prices_for_the_default_cloud_model(settings) -> None:
    price = model_price("gpt-4o-mini", settings)
    assert price == ModelPrice(input_per_mtok=0.15, output_per_mtok=0.6)
    assert call_cost("cloud", "gpt-4o-mini", 1_000_000, 1_000_000, settings) == pytest.approx(0.75)


def test_override_wins(tmp_path) -> None:
    settings = load_settings(
        data_dir=tmp_path,
        price_overrides={"gpt-4o-mini": {"input_per_mtok": 1, "output_per_mtok": 2}},
    )
    assert call_cost("cloud", "gpt-4o-mini", 1_000_000, 1_000_000, settings) == pytest.approx(3)


def test_unknown_model_costs_zero_and_is_reported(settings) -> None:
    assert model_price("no-such-model-xyz", settings) is None
    calls = [ModelCall(page_url="a", route="cloud", model="no-such-model-xyz", prompt_tokens=10)]
    assert report_from_calls(calls, settings).unpriced_models == ["no-such-model-xyz"]


def test_local_is_free_unless_an_electricity_rate_is_set(tmp_path) -> None:
    free = load_settings(data_dir=tmp_path)
    assert call_cost("local", "m", 5000, 500, free, latency_ms=3_600_000) == 0
    paid = load_settings(data_dir=tmp_path, local_cost_per_gpu_hour=0.5)
    assert call_cost("local", "m", 5000, 500, paid, latency_ms=3_600_000) == pytest.approx(0.5)


def test_report_counts_pages_not_calls(settings) -> None:
    calls = [
        ModelCall(run_id="r", page_url="p1", route="structured"),
        ModelCall(run_id="r", page_url="p2", route="local", success=False, error="load"),
        ModelCall(
            run_id="r",
            page_url="p2",
            route="cloud",
            success=True,
            cost_usd=0.002,
            fallback_from="local",
        ),
        ModelCall(run_id="r", page_url="p3", route="local"),
        ModelCall(run_id="r", page_url="p4", route="local", success=False),
    ]
    report = report_from_calls(calls, settings, monthly_jobs=1000)
    assert (report.pages, report.structured, report.local, report.cloud, report.failed) == (
        4,
        1,
        1,
        1,
        1,
    )
    assert report.local_rate == 0.5
    assert report.monthly_projection_usd == pytest.approx(0.002 / 4 * 1000)


def test_budget_warning(tmp_path) -> None:
    settings = load_settings(data_dir=tmp_path, monthly_budget_usd=0.1)
    calls = [ModelCall(page_url="p", route="cloud", cost_usd=0.01)]
    report = report_from_calls(calls, settings)
    assert report.over_budget and "over budget" in (report.warning or "")
    assert report.as_dict()["over_budget"] is True


def test_spec_example_projection(settings) -> None:
    """10,000 jobs with 2 % cloud pages of 12K tokens stay well under $2.50."""
    decisions = [decide(3000, settings)] * 98 + [decide(12000, settings)] * 2
    report = forecast(decisions, settings, output_tokens=500)
    assert report.local_rate == 0.98
    assert report.monthly_projection_usd == pytest.approx(
        10000 * 0.02 * (12000 * 0.15 + 500 * 0.6) / 1e6
    )
    assert report.monthly_projection_usd <= 2.5 and report.warning is None


def test_the_budget_warns_from_80_percent_and_alarms_above_it() -> None:
    from jobscraper.ai.costs import BudgetLevel, CostReport

    def level(spend: float) -> BudgetLevel:
        report = CostReport(pages=100, spend_usd=spend, monthly_jobs=100, monthly_budget_usd=10)
        return report.budget_level

    assert [level(s) for s in (0, 7.99, 8.0, 10.0, 10.01)] == [
        BudgetLevel.OK, BudgetLevel.OK, BudgetLevel.WARNING, BudgetLevel.WARNING,
        BudgetLevel.OVER]
    assert CostReport(monthly_budget_usd=0).budget_share is None


def test_the_report_shows_the_share_of_pages_that_needed_a_model(settings) -> None:
    calls = [ModelCall(run_id="r", page_url=f"feed-{n}", route="structured") for n in range(3)]
    calls += [
        ModelCall(run_id="r", page_url="p1", route="local"),
        ModelCall(run_id="r", page_url="p2", route="local", success=False, error="load"),
    ]
    report = report_from_calls(calls, settings)
    assert (report.pages, report.needed_model, report.model_share) == (5, 2, 0.4)
    assert report.as_dict()["model_share"] == 0.4
    assert report_from_calls([], settings).model_share == 0.0
