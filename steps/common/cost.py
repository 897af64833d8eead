"""Shared vocabulary of features/cost: budgets, cost reports and the local processing rate.

Cost figures come from the application's code: a page mix is routed with
``jobscraper.ai.plan`` and projected with ``jobscraper.ai.costs``; a recorded
run's report is the ``jobscraper costs`` command's own output.
"""

from __future__ import annotations

import json
from typing import Any

from pytest_bdd import given, parsers, then, when

from jobscraper.ai.costs import CostReport, forecast
from jobscraper.ai.plan import PagePlan, plan_page
from jobscraper.config import ModelPrice, Settings
from jobscraper.models import Route
from jobscraper.store import Store
from steps.common._types import (
    CAREER_PAGES,
    Money,
    converters,
    group,
    percent,
    phrase,
    whole_number,
)
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
    """The budget the monthly projection is compared with ("a monthly budget of $0.25").

    Also matches: "a monthly budget of 0.25 USD", "a monthly budget of 2 dollars".
    """
    settings_overrides["monthly_budget_usd"] = budget.in_usd()


def _price_cloud_model(model: str, price: ModelPrice, settings_overrides: SettingsOverrides,
                       scenario: ScenarioContext) -> dict[str, object]:
    """The price overrides with the scenario's price for "the cloud model" on ``model``
    (taken off the model it was on before), remembered as the scenario's cloud price."""
    prices = dict(settings_overrides.get("price_overrides") or {})
    if scenario.cloud_price is not None:
        prices.pop(scenario.cloud_price[0], None)
    prices[model] = price
    scenario.cloud_price = (model, price)
    return prices


def choose_cloud_model(model: str, settings_overrides: SettingsOverrides,
                       scenario: ScenarioContext, **changes: object) -> None:
    """Make ``model`` the cloud model; a price the scenario gave for "the cloud model"
    ("Given the cloud model costs ...", before or after this) goes with it."""
    if scenario.cloud_price is not None:
        changes["price_overrides"] = _price_cloud_model(
            model, scenario.cloud_price[1], settings_overrides, scenario)
    settings_overrides.update(cloud_model=model, **changes)


@given(phrase('the cloud model is "{model:Quoted}"'))
def cloud_model(model: str, settings_overrides: SettingsOverrides,
                scenario: ScenarioContext) -> None:
    """The model pages above the threshold are sent to ("the cloud model is "gpt-4o""),
    priced from the maintained price list unless a price is given for it ("the cloud
    model costs ...", before or after this step)."""
    choose_cloud_model(model, settings_overrides, scenario)


@given(phrase("the cloud model costs {prompt:Money} per million prompt tokens and "
              "{output:Money} per million output tokens"))
def cloud_price(prompt: Money, output: Money, app_settings: Settings,
                settings_overrides: SettingsOverrides, scenario: ScenarioContext) -> None:
    """A price for the cloud model that overrides the price list: "the cloud model costs
    $1.00 per million prompt tokens and $4.00 per million output tokens". It is the price
    of whichever cloud model the scenario chooses, before or after this step ("the cloud
    model is "gpt-4o"").

    Also matches: "... costs 1 USD per million prompt tokens and 4 dollars per million
    output tokens".
    """
    price = ModelPrice(input_per_mtok=prompt.in_usd(), output_per_mtok=output.in_usd())
    settings_overrides["price_overrides"] = _price_cloud_model(
        app_settings.cloud_model, price, settings_overrides, scenario)


@given(parsers.re(
    rf"{group('count', whole_number)} {CAREER_PAGES} sized like "
    r"(?P<mix>the original specification's mix|this mix|this|these shares):"
), converters=converters(count=whole_number))
def spec_mix_pages(count: int, mix: str, datatable: list[list[str]],
                   scenario: ScenarioContext) -> None:
    """Pages drawn from the table: | raw tokens from | raw tokens to | share | (a
    percentage): "100 career pages sized like the original specification's mix:" for the
    product's targets, "20 career pages sized like this:" for any other mix.

    Also matches: "... sized like this mix:", "... sized like these shares:", "20 careers
    pages ...", "20 career sites ...".
    """
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
    """Every page of the scenario's mix routed as ``jobscraper route`` routes one."""
    scenario.plans = [plan_page(p.html, p.url, app_settings) for p in scenario.job_pages]


@when(phrase("the monthly cost of these pages is projected for {jobs:Number} jobs"))
def project_pages(jobs: int, app_settings: Settings, scenario: ScenarioContext) -> None:
    """The pages routed as the application routes them and their monthly cost projected to
    a volume ("the monthly cost of these pages is projected for 10,000 jobs").

    Also matches: "... projected for 10000 jobs", "... projected for 10k jobs".
    """
    plans = [plan_page(p.html, p.url, app_settings) for p in scenario.job_pages]
    scenario.plans = plans
    scenario.cost_report = forecast(
        [p.decision for p in plans], app_settings, monthly_jobs=jobs
    )

@when(parsers.re(
    r"the cost report of the run is (?:shown|made|printed)"
    rf"(?: for {group('jobs', whole_number)} jobs? a month)?"
), converters=converters(jobs=whole_number))
def cost_report_shown(jobs: int | None, app_settings: Settings,
                      scenario: ScenarioContext) -> None:
    """``jobscraper costs --run ID --json``, run as a user would (same configuration;
    settings Givens after the recorded run, such as a budget, apply too); with "for N jobs
    a month", projected to that volume (``--monthly-jobs N``) instead of the configured one.

    Also matches: "the cost report of the run is shown for 50,000 jobs a month", "... is
    made for 50k jobs a month", "... is printed".
    """
    from typer.testing import CliRunner

    from jobscraper.cli import app

    volume = ["--monthly-jobs", str(jobs)] if jobs else []
    result = CliRunner().invoke(
        app, ["costs", "--run", scenario.run_id, "--json", *volume], env=app_settings.to_env()
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
    projected, or of a recorded run's cost report ("at least 98% of the pages are
    processed locally").

    Also matches: "at least 98 % of ...", "at least 98 percent of ...".
    """
    report = _pages_report(scenario, app_settings)
    if scenario.plans and report is not None:
        rate = report.local_rate
    else:
        rate = _cost_figures(scenario, app_settings)["local_rate"]
    assert rate * 100 >= share, f"local processing rate {rate:.1%}"


@then(phrase("without pruning only {share:Percent} of them would have fitted the threshold"))
def raw_rate(share: float, scenario: ScenarioContext) -> None:
    """The share of the routed pages whose raw text, before pruning, would have fitted the
    threshold ("without pruning only 95% of them would have fitted the threshold").

    Also matches: "... only 95 % of them ...", "... only 95 percent of them ...".
    """
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
    """The projection of the pages or of a run is within an amount ("the projected monthly
    cost is at most $2.50").

    Also matches: "... at most 2.50 USD", "... at most 2.5 dollars".
    """
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
    """The report's local processing rate ("the report shows a local processing rate of
    98.0%").

    Also matches: "... of 98 %", "... of 98 percent".
    """
    figures = _cost_figures(scenario, app_settings)
    shown = figures["local_rate"] * 100
    assert abs(shown - share) < 0.05, figures


@then(phrase("{needed:Number} of the {pages:Number} page{:s} needed a model"))
def report_model_share(needed: int, pages: int, scenario: ScenarioContext,
                       app_settings: Settings) -> None:
    """Pages read exactly (structured data, a platform) needed none; the rest did ("60 of
    the 100 pages needed a model").

    Also matches: "none of the 3 pages needed a model", "zero of the 3 pages ...", "one of
    the 2 pages needed a model", "1 of the 1 page needed a model".
    """
    figures = _cost_figures(scenario, app_settings)
    assert (figures["needed_model"], figures["pages"]) == (needed, pages), figures
    assert abs(figures["model_share"] - needed / pages) < 0.0001, figures


@then(phrase("the report shows a cloud spend of {spend:Money}"))
def report_spend(spend: Money, scenario: ScenarioContext, app_settings: Settings) -> None:
    """What the cloud calls cost ("the report shows a cloud spend of $0.0042").

    Also matches: "... a cloud spend of 0.0042 USD".
    """
    figures = _cost_figures(scenario, app_settings)
    assert abs(figures["spend_usd"] - spend.in_usd()) < 0.00005, figures


@then(phrase("the report projects {projection:Money} for {jobs:Number} job{:s} a month"))
def report_projection(
    projection: Money, jobs: int, scenario: ScenarioContext, app_settings: Settings
) -> None:
    """The monthly projection and the volume it is for ("the report projects $0.42 for
    10,000 jobs a month").

    Also matches: "... projects 0.42 USD for 10000 jobs a month", "... for 10k jobs a month".
    """
    figures = _cost_figures(scenario, app_settings)
    assert figures["monthly_jobs"] == jobs, figures
    assert abs(figures["monthly_projection_usd"] - projection.in_usd()) < 0.005, figures
