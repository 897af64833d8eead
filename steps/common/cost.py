"""Shared vocabulary of features/cost: budgets, cost reports and the local processing rate.

Cost figures come from the application's code: a page mix is routed with
``jobscraper.ai.plan`` and projected with ``jobscraper.ai.costs``; a recorded
run's report is the ``jobscraper costs`` command's own output.
"""

from __future__ import annotations

import json
from typing import Any

from pytest_bdd import given, then, when

from jobscraper.ai.costs import CostReport, forecast
from jobscraper.ai.plan import PagePlan, plan_page
from jobscraper.config import Settings
from jobscraper.models import Route
from jobscraper.store import Store
from steps.common._types import Money, percent, phrase, whole_number
from steps.common.context import ScenarioContext
from steps.harness.app import SettingsOverrides
from steps.harness.asyncio_bridge import async_step
from steps.harness.factories import ModelCallFactory
from steps.harness.fake_internet import FakeInternet
from steps.harness.job_pages import mix_pages
from steps.harness.site_names import serve, site_of


# --- Given ---------------------------------------------------------------------------
@given(phrase("a monthly budget of {budget:Money}"))
def monthly_budget(budget: Money, settings_overrides: SettingsOverrides) -> None:
    settings_overrides["monthly_budget_usd"] = budget.in_usd()


@given(phrase("{count:Number} career pages sized like the original specification's mix:"))
def spec_mix_pages(count: int, datatable: list[list[str]], scenario: ScenarioContext) -> None:
    """Pages drawn from the table: | raw tokens from | raw tokens to | share | (a percentage)."""
    buckets = []
    for low, high, share in datatable[1:]:
        buckets.append((percent(share) / 100, (whole_number(low), whole_number(high))))
    pages = mix_pages(count, buckets)
    assert len(pages) == count, f"the shares give {len(pages)} pages, not {count}"
    scenario.job_pages = pages


@given("a finished run whose pages were processed like this:")
def run_with_calls(
    datatable: list[list[str]], store: Store, app_settings: Settings, scenario: ScenarioContext
) -> None:
    """| route | pages | prompt tokens | output tokens | per page; costs priced by the app."""
    from jobscraper.ai.costs import call_cost

    run = store.create_run(["https://careers.acme-robotics.com/jobs"])
    header = [cell.strip().lower() for cell in datatable[0]]
    index = 0
    for row in datatable[1:]:
        cells = dict(zip(header, row, strict=True))
        route = Route(cells["route"].strip().lower())
        prompt = whole_number(cells.get("prompt tokens", "0") or "0")
        output = whole_number(cells.get("output tokens", "0") or "0")
        model = app_settings.cloud_model if route == Route.CLOUD else None
        for _ in range(whole_number(cells["pages"])):
            index += 1
            store.record_model_call(
                ModelCallFactory(
                    run_id=run.id,
                    page_url=f"https://careers.acme-robotics.com/jobs/{index}",
                    route=route.value,
                    model=model,
                    prompt_tokens=prompt if route != Route.STRUCTURED else 0,
                    completion_tokens=output if route != Route.STRUCTURED else 0,
                    threshold=app_settings.token_threshold,
                    cost_usd=call_cost(route.value, model, prompt, output, app_settings),
                )
            )
    scenario.run_id = run.id


@given(phrase('a finished scrape of the career page of "{company:Quoted}"'))
@async_step
async def finished_scrape(company: str, store: Store, app_settings: Settings,
                          scenario: ScenarioContext, fake_internet: FakeInternet) -> None:
    """The company's career site scraped in the foreground by the application, its model
    calls (and the pages that needed none) recorded in the app's store."""
    from jobscraper.scrape import scrape

    info = site_of(company)
    serve(info, fake_internet)
    scenario.run_id = store.create_run([info.start_url]).id
    result = await scrape([info.start_url], app_settings, store=store,
                          run_id=scenario.run_id)
    assert all(o.ok for o in result.outcomes), [(o.source, o.reason) for o in result.outcomes]


# --- When ----------------------------------------------------------------------------
@when("the pages are routed")
def pages_routed(app_settings: Settings, scenario: ScenarioContext) -> None:
    scenario.plans = [plan_page(p.html, p.url, app_settings) for p in scenario.job_pages]


@when(phrase("the monthly cost of these pages is projected for {jobs:Number} jobs"))
def project_pages(jobs: int, app_settings: Settings, scenario: ScenarioContext) -> None:
    plans = [plan_page(p.html, p.url, app_settings) for p in scenario.job_pages]
    scenario.plans = plans
    scenario.cost_report = forecast(
        [p.decision for p in plans], app_settings, monthly_jobs=jobs
    )

@when("the cost report of the run is shown")
def cost_report_shown(app_settings: Settings, scenario: ScenarioContext) -> None:
    """``jobscraper costs --run ID --json``, run as a user would (same configuration;
    settings Givens after the recorded run, such as a budget, apply too)."""
    from typer.testing import CliRunner

    from jobscraper.cli import app

    result = CliRunner().invoke(
        app, ["costs", "--run", scenario.run_id, "--json"], env=app_settings.to_env()
    )
    assert result.exit_code == 0, result.output
    scenario.cost_output = json.loads(result.stdout.strip().splitlines()[-1])


# --- Then ----------------------------------------------------------------------------
def _raw_rate(plans: list[PagePlan]) -> float:
    """Percentage of pages whose unpruned text would have fitted the threshold."""
    assert plans, (
        "no pages were routed in this scenario (When the pages are routed, When the monthly "
        "cost of these pages is projected ...)"
    )
    local = sum(1 for p in plans if p.tokens_raw <= p.decision.threshold)
    return 100.0 * local / len(plans)


def _pages_report(scenario: ScenarioContext, settings: Settings) -> CostReport | None:
    """The cost report of the routed pages: the projection made from them, if any (it
    keeps its monthly volume), else the report of their routing decisions."""
    if scenario.cost_report is None and scenario.plans:
        scenario.cost_report = forecast([p.decision for p in scenario.plans], settings)
    return scenario.cost_report


@then(phrase("at least {share:Percent} of the pages are processed locally"))
def local_rate_at_least(share: float, app_settings: Settings, scenario: ScenarioContext) -> None:
    """The share of pages processed without a paid model: of the pages routed or
    projected, or of a recorded run's cost report."""
    report = _pages_report(scenario, app_settings)
    if scenario.plans and report is not None:
        rate = report.local_rate
    else:
        rate = _cost_figures(scenario, app_settings)["local_rate"]
    assert rate * 100 >= share, f"local processing rate {rate:.1%}"


@then(phrase("without pruning only {share:Percent} of them would have fitted the threshold"))
def raw_rate(share: float, scenario: ScenarioContext) -> None:
    rate = _raw_rate(scenario.plans)
    assert rate == share, f"raw pages within the threshold: {rate:.1f}%"


def _cost_figures(scenario: ScenarioContext, settings: Settings) -> dict[str, Any]:
    """The cost report of this scenario, whichever When made it (the same fields): the
    ``jobscraper costs`` output of a recorded run, the projection of the pages, or the
    report of the pages' routing decisions."""
    if scenario.cost_output is not None:
        return scenario.cost_output
    report = _pages_report(scenario, settings)
    assert report is not None, (
        "no cost report in this scenario (When the cost report of the run is shown, "
        "When the monthly cost of these pages is projected ..., When the pages are routed)"
    )
    return report.as_dict()


@then(phrase("the projected monthly cost is at most {limit:Money}"))
def projection_at_most(limit: Money, scenario: ScenarioContext, app_settings: Settings) -> None:
    figures = _cost_figures(scenario, app_settings)
    assert figures["monthly_projection_usd"] <= limit.in_usd(), figures


@then("no budget warning is shown")
def no_warning(scenario: ScenarioContext, app_settings: Settings) -> None:
    """Neither the run's cost report nor the projection warns about the budget."""
    figures = _cost_figures(scenario, app_settings)
    assert figures["warning"] is None and not figures["over_budget"], figures


@then("a budget warning is shown")
@then("the report warns that the projection is over budget")
def budget_warning(scenario: ScenarioContext, app_settings: Settings) -> None:
    """The cost report (of a run, or of a projection) warns that it is over budget."""
    figures = _cost_figures(scenario, app_settings)
    assert figures["over_budget"] and "over budget" in (figures["warning"] or ""), figures


@then(phrase("the report shows a local processing rate of {share:Percent}"))
def report_rate(share: float, scenario: ScenarioContext, app_settings: Settings) -> None:
    figures = _cost_figures(scenario, app_settings)
    shown = figures["local_rate"] * 100
    assert abs(shown - share) < 0.05, figures


@then(phrase("{needed:Number} of the {pages:Number} pages needed a model"))
def report_model_share(needed: int, pages: int, scenario: ScenarioContext,
                       app_settings: Settings) -> None:
    """Pages read exactly (structured data, a platform) needed none; the rest did."""
    figures = _cost_figures(scenario, app_settings)
    assert (figures["needed_model"], figures["pages"]) == (needed, pages), figures
    assert abs(figures["model_share"] - needed / pages) < 0.0001, figures


@then(phrase("the report shows a cloud spend of {spend:Money}"))
def report_spend(spend: Money, scenario: ScenarioContext, app_settings: Settings) -> None:
    figures = _cost_figures(scenario, app_settings)
    assert abs(figures["spend_usd"] - spend.in_usd()) < 0.00005, figures


@then(phrase("the report projects {projection:Money} for {jobs:Number} jobs a month"))
def report_projection(
    projection: Money, jobs: int, scenario: ScenarioContext, app_settings: Settings
) -> None:
    figures = _cost_figures(scenario, app_settings)
    assert figures["monthly_jobs"] == jobs, figures
    assert abs(figures["monthly_projection_usd"] - projection.in_usd()) < 0.005, figures
