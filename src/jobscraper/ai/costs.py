"""What extraction costs: per call, per run, and projected to a month.

* A cloud call costs its token usage at the model's price: ``price_overrides``
  from Settings when the model is listed there, else the maintained
  ``genai-prices`` data. A model neither source knows is priced at 0 and the
  report says so.
* A local call costs 0, plus ``local_cost_per_gpu_hour`` for its duration.
* Per run: the local processing rate is (structured + local) pages / all pages
  (a page is one extraction, however many calls it took); the share of pages that
  needed a model at all (the rest were read exactly: structured data, a hiring
  platform's feed or page structure, a job board's fields); the cloud spend;
  the projection to ``monthly_jobs`` pages from the observed mix; a warning
  when the projection is over ``monthly_budget_usd``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from jobscraper.config import ModelPrice, Settings
from jobscraper.models import ModelCall, Route

LOCAL_ROUTES = {Route.STRUCTURED.value, Route.BOARD.value, Route.LOCAL.value}


@functools.cache
def _library_price(model: str) -> ModelPrice | None:
    try:
        from genai_prices import Usage, calc_price

        million = 1_000_000
        inp = calc_price(Usage(input_tokens=million, output_tokens=0), model)
        out = calc_price(Usage(input_tokens=0, output_tokens=million), model)
    except LookupError:
        return None
    return ModelPrice(input_per_mtok=float(inp.total_price), output_per_mtok=float(out.total_price))


def model_price(model: str, settings: Settings) -> ModelPrice | None:
    """USD per million tokens: the Settings override, else genai-prices, else None."""
    if model in settings.price_overrides:
        return settings.price_overrides[model]
    return _library_price(model)


def call_cost(
    route: str,
    model: str | None,
    prompt_tokens: int,
    completion_tokens: int,
    settings: Settings,
    *,
    latency_ms: float = 0.0,
) -> float:
    if route in LOCAL_ROUTES:
        return settings.local_cost_per_gpu_hour * latency_ms / 3_600_000 if route == "local" else 0
    price = model_price(model or settings.cloud_model, settings)
    if price is None:
        return 0.0
    return (
        prompt_tokens * price.input_per_mtok + completion_tokens * price.output_per_mtok
    ) / 1_000_000


class BudgetLevel(StrEnum):
    """How the monthly projection stands against the budget."""

    OK = "ok"
    WARNING = "warning"  # at least WARNING_SHARE of the budget
    OVER = "over"  # above the budget


WARNING_SHARE = 0.8


@dataclass
class CostReport:
    pages: int = 0
    structured: int = 0
    local: int = 0
    cloud: int = 0
    failed: int = 0
    spend_usd: float = 0.0
    monthly_jobs: int = 10000
    monthly_budget_usd: float = 0.0
    estimated: bool = False  # True: a forecast from routing decisions, not recorded calls
    unpriced_models: list[str] = field(default_factory=list)

    @property
    def local_rate(self) -> float:
        """(structured + local) / all pages; 0 when there were no pages."""
        return (self.structured + self.local) / self.pages if self.pages else 0.0

    @property
    def needed_model(self) -> int:
        """Pages a model was asked about (local, cloud, or failed); the rest were read
        exactly (structured data, a platform's feed or page structure, job boards)."""
        return self.pages - self.structured

    @property
    def model_share(self) -> float:
        """The share of pages that needed a model; 0 when there were no pages."""
        return self.needed_model / self.pages if self.pages else 0.0

    @property
    def cost_per_page(self) -> float:
        return self.spend_usd / self.pages if self.pages else 0.0

    @property
    def monthly_projection_usd(self) -> float:
        return self.cost_per_page * self.monthly_jobs

    @property
    def over_budget(self) -> bool:
        return self.monthly_projection_usd > self.monthly_budget_usd

    @property
    def budget_share(self) -> float | None:
        """The projection as a share of the budget (None without a budget)."""
        if self.monthly_budget_usd <= 0:
            return None
        return self.monthly_projection_usd / self.monthly_budget_usd

    @property
    def budget_level(self) -> BudgetLevel:
        if self.over_budget:
            return BudgetLevel.OVER
        share = self.budget_share
        if share is not None and share >= WARNING_SHARE:
            return BudgetLevel.WARNING
        return BudgetLevel.OK

    @property
    def warning(self) -> str | None:
        if not self.over_budget:
            return None
        return (
            f"over budget: projected ${self.monthly_projection_usd:.2f} per month for "
            f"{self.monthly_jobs:,} jobs exceeds the budget of ${self.monthly_budget_usd:.2f}"
        )

    def count_page(self, route: str) -> bool:
        """One more page, processed by ``route`` (structured and board pages need no
        model); returns whether it counted as a cloud page."""
        self.pages += 1
        if route in (Route.STRUCTURED.value, Route.BOARD.value):
            self.structured += 1
        elif route == Route.LOCAL.value:
            self.local += 1
        else:
            self.cloud += 1
            return True
        return False

    def note_unpriced(self, model: str, settings: Settings) -> None:
        """Remember a cloud model no price is known for (its calls are counted as free)."""
        if model_price(model, settings) is None and model not in self.unpriced_models:
            self.unpriced_models.append(model)

    def as_dict(self) -> dict[str, object]:
        return {
            "pages": self.pages,
            "structured": self.structured,
            "local": self.local,
            "cloud": self.cloud,
            "failed": self.failed,
            "local_rate": round(self.local_rate, 4),
            "needed_model": self.needed_model,
            "model_share": round(self.model_share, 4),
            "spend_usd": round(self.spend_usd, 6),
            "cost_per_page_usd": round(self.cost_per_page, 8),
            "monthly_jobs": self.monthly_jobs,
            "monthly_projection_usd": round(self.monthly_projection_usd, 4),
            "monthly_budget_usd": self.monthly_budget_usd,
            "over_budget": self.over_budget,
            "warning": self.warning,
            "estimated": self.estimated,
            "unpriced_models": self.unpriced_models,
        }


def report_from_calls(
    calls: Iterable[ModelCall], settings: Settings, *, monthly_jobs: int | None = None
) -> CostReport:
    """The report of recorded model calls (one page = all calls for one page of one run)."""
    report = CostReport(
        monthly_jobs=monthly_jobs or settings.monthly_jobs,
        monthly_budget_usd=settings.monthly_budget_usd,
    )
    pages: dict[tuple[str | None, str], list[ModelCall]] = {}
    for index, call in enumerate(calls):
        key = (call.run_id, call.page_url or f"#call-{call.id or index}")
        pages.setdefault(key, []).append(call)
        report.spend_usd += call.cost_usd or 0.0
        if (
            call.route == Route.CLOUD.value
            and call.model
            and call.completion_tokens + call.prompt_tokens > 0
        ):
            report.note_unpriced(call.model, settings)
    for page_calls in pages.values():
        done = [c for c in page_calls if c.success]
        if not done:
            report.pages += 1
            report.failed += 1
            continue
        report.count_page(done[-1].route)
    return report


def run_report(
    store: object, settings: Settings, *, run_id: str | None = None, monthly_jobs: int | None = None
) -> CostReport:
    """The report of one run (or of every recorded call when ``run_id`` is None)."""
    calls = store.model_calls(run_id=run_id)  # type: ignore[attr-defined]
    return report_from_calls(calls, settings, monthly_jobs=monthly_jobs)


def forecast(
    decisions: Iterable[object],
    settings: Settings,
    *,
    monthly_jobs: int | None = None,
    output_tokens: int | None = None,
) -> CostReport:
    """A projection from routing decisions alone (before any model runs).

    Each cloud page is priced at its prompt tokens plus ``output_tokens`` (by
    default ``max_output_tokens``, the most a model may write): an upper bound.
    """
    report = CostReport(
        monthly_jobs=monthly_jobs or settings.monthly_jobs,
        monthly_budget_usd=settings.monthly_budget_usd,
        estimated=True,
    )
    expected_output = output_tokens if output_tokens is not None else settings.max_output_tokens
    for decision in decisions:
        route = getattr(decision, "route", decision)
        route = getattr(route, "value", route)
        if report.count_page(route):
            model = getattr(decision, "model", None) or settings.cloud_model
            tokens = int(getattr(decision, "token_count", 0))
            report.spend_usd += call_cost("cloud", model, tokens, expected_output, settings)
            report.note_unpriced(model, settings)
    return report
