"""The Models & costs page: what runs locally, what it costs, and the budget.

The resident model of each worker (announced in Redis, see
:mod:`jobscraper.ai.residency`), the threshold and tier table in force, and the
figures of the recorded model calls: the local processing rate, cloud spend,
the monthly projection and where it stands against the budget (a warning at
80% of it, an alarm above it), with charts per day.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import redis
import reflex as rx

from jobscraper.ai.costs import BudgetLevel, run_report
from jobscraper.ai.residency import resident_models
from jobscraper.ai.routing import local_model_name
from jobscraper.redis_server import sync_client
from jobscraper.ui.backend import blocking, settings, store
from jobscraper.ui.components import figure, layout, scroll_box

CHART_DAYS = 30


@dataclass
class ResidentRow:
    holder: str
    tier: str
    model: str
    load_time: str
    loaded_at: str


@dataclass
class TierRow:
    name: str
    prompts: str
    model: str


def _residents() -> tuple[list[ResidentRow], str]:
    try:
        found = resident_models(sync_client(settings()))
    except (redis.RedisError, OSError) as exc:
        return [], f"Redis cannot be read: {exc}"
    rows = [
        ResidentRow(r.holder, r.tier, r.model, f"{r.load_ms / 1000:.1f} s", r.loaded_at)
        for r in found
    ]
    return rows, ""


def _tiers() -> list[TierRow]:
    config = settings()
    rows, lower = [], 0
    for tier in config.tiers:
        upper = tier.below_tokens
        prompts = (
            f"{lower:,} to {upper - 1:,} tokens" if upper is not None
            else f"{lower:,} to {config.token_threshold:,} tokens"
        )
        rows.append(TierRow(tier.name, prompts, local_model_name(tier, config)))
        lower = upper or lower
    return rows


def _days() -> list[dict[str, Any]]:
    """Chart points (recharts takes plain records): day, local %, spend, pages."""
    return [
        {"day": d.day, "local_rate": round(100 * d.local_rate, 1),
         "spend_usd": round(d.spend_usd, 6), "pages": d.pages}
        for d in store().daily_model_calls(CHART_DAYS)
    ]


class CostsState(rx.State):
    residents: list[ResidentRow] = []
    residency_problem: str = ""
    profile: str = ""
    threshold: int = 0
    cloud_model: str = ""
    tiers: list[TierRow] = []
    pages: int = 0
    structured: int = 0
    local: int = 0
    cloud: int = 0
    local_rate: str = ""
    spend: str = ""
    projection: str = ""
    monthly_jobs: int = 0
    budget: str = ""
    budget_share: str = ""
    budget_level: str = BudgetLevel.OK.value
    budget_message: str = ""
    days: list[dict[str, Any]] = []
    answers: int = 0

    @rx.event
    async def load(self) -> None:
        config = settings()
        self.residents, self.residency_problem = await blocking(_residents)
        self.profile = config.resolved_profile
        self.threshold = config.token_threshold
        self.cloud_model = config.cloud_model if config.cloud_base_url else ""
        self.tiers = _tiers()
        report = await blocking(run_report, store(), config)
        self.pages, self.structured = report.pages, report.structured
        self.local, self.cloud = report.local, report.cloud
        self.local_rate = f"{100 * report.local_rate:.1f}%"
        self.spend = f"${report.spend_usd:,.4f}"
        self.projection = f"${report.monthly_projection_usd:,.2f}"
        self.monthly_jobs = report.monthly_jobs
        self.budget = f"${report.monthly_budget_usd:,.2f}"
        share = report.budget_share
        self.budget_share = f"{100 * share:.0f}%" if share is not None else "no budget set"
        self.budget_level = report.budget_level.value
        self.budget_message = {
            BudgetLevel.OK: "Within budget.",
            BudgetLevel.WARNING: "Warning: the projection has reached 80% of the monthly "
            "budget.",
            BudgetLevel.OVER: "Over budget: the projection exceeds the monthly budget.",
        }[report.budget_level]
        self.days = await blocking(_days)
        self.answers += 1


def _resident_row(row: rx.Var[ResidentRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.holder),
        rx.table.cell(row.tier, data_testid="resident-tier"),
        rx.table.cell(row.model, data_testid="resident-model"),
        rx.table.cell(row.load_time, data_testid="resident-load-time"),
        rx.table.cell(row.loaded_at),
        data_testid="resident-row",
    )


def _tier_row(row: rx.Var[TierRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.name), rx.table.cell(row.prompts), rx.table.cell(row.model),
        data_testid="tier-row",
    )


def _header(*names: str) -> rx.Component:
    return rx.table.header(rx.table.row(*[rx.table.column_header_cell(n) for n in names]))


def _budget() -> rx.Component:
    state = CostsState
    return rx.callout.root(
        rx.callout.text(rx.text.strong(state.budget_message)),
        rx.callout.text("Projected ", state.projection, " for ", state.monthly_jobs,
                        " jobs a month against a budget of ", state.budget, " (",
                        state.budget_share, ")."),
        color_scheme=rx.match(state.budget_level, ("over", "red"), ("warning", "amber"),
                              "green"),
        role=rx.cond(state.budget_level == "ok", "status", "alert"),
        data_testid="budget",
        data_level=state.budget_level,
    )


def _charts() -> rx.Component:
    return rx.grid(
        rx.box(
            rx.heading("Processed locally per day (%)", size="3", as_="h3"),
            rx.recharts.line_chart(
                rx.recharts.line(data_key="local_rate", name="local %"),
                rx.recharts.x_axis(data_key="day"),
                rx.recharts.y_axis(domain=[0, 100]),
                rx.recharts.tooltip(),
                data=CostsState.days,
                height=220,
            ),
        ),
        rx.box(
            rx.heading("Model spend per day (USD)", size="3", as_="h3"),
            rx.recharts.bar_chart(
                rx.recharts.bar(data_key="spend_usd", name="USD"),
                rx.recharts.x_axis(data_key="day"),
                rx.recharts.y_axis(),
                rx.recharts.tooltip(),
                data=CostsState.days,
                height=220,
            ),
        ),
        columns=rx.breakpoints(initial="1", md="2"),
        gap="2em",
        width="100%",
    )


def page() -> rx.Component:
    state = CostsState
    return layout(
        "/costs",
        "Models & costs",
        rx.heading("Local models", size="4", as_="h2"),
        rx.text("Profile ", rx.code(state.profile), "; prompts of at most ",
                rx.text.strong(state.threshold, data_testid="threshold"),
                " tokens stay local", rx.cond(state.cloud_model != "",
                                              rx.text.span("; larger ones go to ",
                                                           rx.code(state.cloud_model))), "."),
        rx.cond(state.residency_problem != "",
                rx.callout(state.residency_problem, color_scheme="red", role="alert")),
        rx.cond(
            state.residents.length() > 0,
            scroll_box(rx.table.root(
                _header("Held by", "Tier", "Model", "Load time", "Loaded at"),
                rx.table.body(rx.foreach(state.residents, _resident_row)),
                width="100%",
            )),
            rx.text("No local model is loaded right now: a worker loads one when a page "
                    "needs it.", data_testid="no-resident"),
        ),
        rx.heading("Tiers", size="3", as_="h3"),
        scroll_box(rx.table.root(
            _header("Tier", "Prompts", "Model"),
            rx.table.body(rx.foreach(state.tiers, _tier_row)),
            width="100%",
        )),
        rx.heading("Recorded model calls", size="4", as_="h2", margin_top="1em"),
        rx.flex(
            figure("Pages", state.pages, "pages"),
            figure("Structured data", state.structured, "pages-structured"),
            figure("Local model", state.local, "pages-local"),
            figure("Cloud", state.cloud, "pages-cloud"),
            figure("Processed locally", state.local_rate, "local-rate"),
            figure("Cloud spend", state.spend, "spend"),
            gap="1em",
            wrap="wrap",
        ),
        rx.box(_budget(), margin_y="1em"),
        _charts(),
        answers=CostsState.answers,
    )
