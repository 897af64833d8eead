"""Per-scenario memory shared by steps of different modules: the scenario's World.

Steps communicate through this object instead of module globals. Every value
one step leaves for another is a declared, typed field (cucumber-js's typed
World): what the Givens set up, then what the When did. Collections start
empty and results a When may or may not have produced start as None; a value
a Then cannot do without starts as ``NOT_RECORDED`` with the steps that set it
in its metadata, so reading it before any step did fails the scenario with the
field's name and those steps, not with an error deep in a helper.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from jobscraper.ai.costs import CostReport
    from jobscraper.ai.plan import PagePlan
    from jobscraper.config import ModelPrice
    from jobscraper.extract.base import ExtractionOutcome
    from jobscraper.models import PostingData
    from jobscraper.runs.progress import Progress
    from jobscraper.runs.queue import RunInfo
    from jobscraper.scrape import ScrapeResult
    from jobscraper.sources.detect import BoardQuery, Source
    from jobscraper.sources.guard import SourceRejected
    from jobscraper.store import UpsertResult
    from steps.harness.job_pages import JobPage
    from steps.harness.private_network import PrivateNetworkListener
    from steps.harness.saved_pages import ExtractedPage


class _NotRecorded:
    """The value of a field no step has set yet."""

    def __repr__(self) -> str:
        return "NOT_RECORDED"


# The default of a field an earlier step must set; metadata[SET_BY] names those steps.
NOT_RECORDED: Any = _NotRecorded()
SET_BY = "set by"


@dataclass(repr=False)
class ScenarioContext:
    """What happened so far in one scenario."""

    # --- what the Givens set up -------------------------------------------------------
    sources: list[str | Source] = field(default_factory=list)
    """The sources to scrape or run, in the order given: addresses as a user typed them,
    job-board searches as detected."""
    company_sites: list[str] = field(default_factory=list)
    """Start pages of the generated company career sites (Given N company career sites)."""
    board_query: BoardQuery = field(
        default=NOT_RECORDED, metadata={SET_BY: 'Given a job-board search for "..."'}
    )
    """The job-board search the scenario gave."""
    job_page: JobPage = field(default=NOT_RECORDED, metadata={SET_BY: (
        'Given a career page whose prompt is N tokens, Given a career page for "..." '
        "without structured data, When a career page whose prompt is N tokens is extracted"
    )})
    """The one career page the routing and extraction steps work on."""
    job_pages: list[JobPage] = field(default=NOT_RECORDED, metadata={SET_BY: (
        "Given N career pages sized like the original specification's mix:"
    )})
    """A mix of career pages, for rates and costs."""
    loads_before: int = 0
    """Model loads the process had made when a Given loaded a tier; later loads are the
    scenario's own."""
    cloud_price: tuple[str, ModelPrice] | None = None
    """The price "Given the cloud model costs ..." gave, with the model it is for now: it
    follows the cloud model chosen before or after it."""
    postings_by_title: dict[str, PostingData] = field(default_factory=dict)
    """The postings the scenario stored or found, by title (a later step changes them)."""
    private_listeners: list[PrivateNetworkListener] = field(default_factory=list)
    """Listeners in the private network that hostile pages try to reach."""
    saved_page: Path = field(default=NOT_RECORDED, metadata={SET_BY: (
        'Given the page of the posting "..." saved to a file, Given the job list of "..." '
        "saved to a file"
    )})
    """A page of the fake internet saved to a file, as a user saves it from the browser."""

    # --- what the When did -------------------------------------------------------------
    detected: Source | None = None
    """What a typed source was classified as (When "..." is given as a source)."""
    refusal: SourceRejected | None = None
    """Why a typed source was refused, if it was."""
    plan: PagePlan = field(default=NOT_RECORDED, metadata={SET_BY: "When the page is routed"})
    """The routing decision for the one page."""
    plans: list[PagePlan] = field(default_factory=list)
    """The routing decisions for the mix of pages (When the pages are routed, When the
    monthly cost of these pages is projected ...)."""
    cost_report: CostReport | None = None
    """The cost report of the routed pages (a projection keeps its monthly volume)."""
    cost_output: dict[str, Any] | None = None
    """``jobscraper costs --run ID --json`` (When the cost report of the run is shown)."""
    outcome: ExtractionOutcome = field(default=NOT_RECORDED, metadata={SET_BY: (
        "When the page is extracted, When a career page whose prompt is N tokens is extracted"
    )})
    """What the model route made of the one page."""
    run_id: str = field(default=NOT_RECORDED, metadata={SET_BY: (
        "When the sources are scraped, When a background run ... is started ..., Given a "
        "background run over these career sites ..., Given a finished run whose pages were "
        "processed like this:, When the page is extracted"
    )})
    """The scenario's run: a foreground scrape, a background run or a recorded run."""
    run_ids: list[str] = field(default=NOT_RECORDED, metadata={SET_BY: (
        "When a background run is started for each career site"
    )})
    """Several background runs started at once."""
    background_runs: list[str] = field(default_factory=list)
    """Every run the scenario started in the background (their outcomes are read once
    they end)."""
    scrape_result: ScrapeResult | None = None
    """The foreground scrape (When the sources are scraped)."""
    extracted: ExtractedPage = field(default=NOT_RECORDED, metadata={SET_BY: (
        "When the saved page is extracted"
    )})
    """What ``jobscraper extract`` printed for the saved page."""
    last_save: UpsertResult | None = None
    """What the store reported for the most recent save of postings."""
    updates: list[Progress] = field(default_factory=list)
    """Every progress update the scenario's followers received, in order."""
    done_before_crash: dict[str, int] = field(default=NOT_RECORDED, metadata={SET_BY: (
        "When the worker carrying out the run is killed"
    )})
    """host -> visits of its job listing, for the sources finished before the crash."""
    jobs_filters: dict[str, str] = field(default_factory=dict)
    """The filters the product owner set on the dashboard's Jobs page (control -> value)."""
    dashboard_run_shown: str = field(default=NOT_RECORDED, metadata={SET_BY: (
        "When the product owner starts the same scrape again from the dashboard"
    )})
    """The run the dashboard showed after a second start of the same scrape."""
    metrics: list[tuple[str, float, str]] = field(default_factory=list)
    """(name, value, unit) the scenario measured; also on the living documentation."""
    listed_runs: list[RunInfo] = field(default=NOT_RECORDED, metadata={SET_BY: (
        "When the runs are listed"
    )})
    """The runs as ``jobscraper runs`` lists them, newest first."""

    def __getattribute__(self, name: str) -> Any:
        value = object.__getattribute__(self, name)
        if value is NOT_RECORDED:
            set_by = next(f.metadata[SET_BY] for f in fields(self) if f.name == name)
            raise AssertionError(
                f"no earlier step recorded the scenario's {name}; it is set by: {set_by}"
            )
        return value

    def __repr__(self) -> str:
        recorded = {
            f.name: value
            for f in fields(self)
            if (value := object.__getattribute__(self, f.name)) is not NOT_RECORDED
        }
        return f"ScenarioContext({', '.join(f'{k}={v!r}' for k, v in recorded.items())})"


@pytest.fixture
def scenario() -> ScenarioContext:
    return ScenarioContext()
