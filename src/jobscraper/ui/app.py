"""The dashboard's Reflex app: one module per page, registered here.

``jobscraper ui`` points Reflex at this module (see :mod:`jobscraper.ui.server`).
"""

from __future__ import annotations

import reflex as rx

from jobscraper.ui import costs, jobs, runs, scrape, sources
from jobscraper.ui.components import GLOBAL_STYLE
from jobscraper.ui.export import export_routes

app = rx.App(
    style=GLOBAL_STYLE,
    api_transformer=export_routes(),
)
app.add_page(scrape.page, route="/", title="Scrape | jobscraper", on_load=scrape.ScrapeState.load)
app.add_page(sources.page, route="/sources", title="Sources | jobscraper",
             on_load=sources.SourcesState.load)
app.add_page(runs.detail_page, route="/runs/[run_id]", title="Run | jobscraper",
             on_load=runs.RunDetailState.load)
app.add_page(runs.page, route="/runs", title="Runs | jobscraper", on_load=runs.RunsState.load)
app.add_page(jobs.detail_page, route="/jobs/[posting_id]", title="Posting | jobscraper",
             on_load=jobs.JobDetailState.load)
app.add_page(jobs.page, route="/jobs", title="Jobs | jobscraper", on_load=jobs.JobsState.load)
app.add_page(costs.page, route="/costs", title="Models & costs | jobscraper",
             on_load=costs.CostsState.load)
