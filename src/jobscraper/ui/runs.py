"""The Runs page: history, one run in detail, and the queue with its workers (read-only).

The queue and workers are RQ's own records (the way rq-dashboard shows them):
each worker's name, state, the run it carries out and its last heartbeat.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import redis
import reflex as rx

from jobscraper.models import ScrapeRun
from jobscraper.redis_server import sync_client
from jobscraper.ui.backend import blocking, settings, store
from jobscraper.ui.components import layout, scroll_box, status_badge
from jobscraper.ui.run_view import RunViewState, live_run

HISTORY_LENGTH = 100


@dataclass
class RunRow:
    id: str
    status: str
    started: str
    duration: str
    sources: int
    found: int
    new: int
    updated: int
    problems: int
    error: str


@dataclass
class WorkerRow:
    name: str
    state: str
    current_run: str
    heartbeat: str


def _when(moment: datetime | None) -> str:
    if moment is None:
        return ""
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _duration(run: ScrapeRun) -> str:
    if run.started_at is None:
        return ""
    end = run.finished_at or datetime.now(UTC)
    start = run.started_at if run.started_at.tzinfo else run.started_at.replace(tzinfo=UTC)
    end = end if end.tzinfo else end.replace(tzinfo=UTC)
    seconds = max(0.0, (end - start).total_seconds())
    return f"{seconds:.1f} s" if seconds < 120 else f"{seconds / 60:.1f} min"


def run_row(run: ScrapeRun) -> RunRow:
    problems = sum(1 for o in run.source_outcomes().values() if not o.ok)
    return RunRow(
        id=run.id,
        status=run.status,
        started=_when(run.started_at or run.created_at),
        duration=_duration(run),
        sources=run.sources_total,
        found=run.postings_found,
        new=run.postings_new,
        updated=run.postings_updated,
        problems=problems,
        error=run.error or "",
    )


def _queue_facts() -> tuple[int, list[WorkerRow], str]:
    """(runs waiting on the queue, the workers, a problem reading Redis or "")."""
    from rq import Queue, Worker

    try:
        connection = sync_client(settings())
        queue = Queue(settings().queue_name, connection=connection)
        rows = [
            WorkerRow(
                name=worker.name,
                state=str(worker.get_state()),
                current_run=worker.get_current_job_id() or "",
                heartbeat=_when(worker.last_heartbeat),
            )
            for worker in Worker.all(queue=queue)
        ]
        return len(queue), sorted(rows, key=lambda w: w.name), ""
    except (redis.RedisError, OSError) as exc:
        return 0, [], f"Redis cannot be read: {exc}"


class RunsState(rx.State):
    rows: list[RunRow] = []
    waiting: int = 0
    workers: list[WorkerRow] = []
    queue_problem: str = ""
    answers: int = 0

    @rx.event
    async def load(self) -> None:
        runs = await blocking(store().runs, limit=HISTORY_LENGTH)
        self.rows = [run_row(r) for r in runs]
        self.waiting, self.workers, self.queue_problem = await blocking(_queue_facts)
        self.answers += 1


class RunDetailState(rx.State):
    answers: int = 0

    @rx.event
    async def load(self):  # type: ignore[no-untyped-def]
        run_id = self.router.page.params.get("run_id", "")
        view = await self.get_state(RunViewState)
        view.show(str(run_id))
        self.answers += 1
        return RunViewState.follow


def _run_row(row: rx.Var[RunRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.link(row.id[:8], href="/runs/" + row.id, aria_label="Run " + row.id)),
        rx.table.cell(status_badge(row.status)),
        rx.table.cell(row.started),
        rx.table.cell(row.duration),
        rx.table.cell(row.sources),
        rx.table.cell(row.found),
        rx.table.cell(row.new),
        rx.table.cell(row.updated),
        rx.table.cell(row.problems),
        rx.table.cell(rx.text(row.error, size="1")),
        data_testid="run-row",
    )


def _worker_row(row: rx.Var[WorkerRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.name),
        rx.table.cell(row.state),
        rx.table.cell(
            rx.cond(row.current_run != "", rx.link(row.current_run[:8],
                                                    href="/runs/" + row.current_run))
        ),
        rx.table.cell(row.heartbeat),
        data_testid="worker-row",
    )


def _header(*names: str) -> rx.Component:
    return rx.table.header(rx.table.row(*[rx.table.column_header_cell(n) for n in names]))


def page() -> rx.Component:
    return layout(
        "/runs",
        "Runs",
        rx.button("Refresh", on_click=RunsState.load, variant="soft"),
        rx.heading("Queue and workers", size="4", as_="h2", margin_top="1em"),
        rx.cond(RunsState.queue_problem != "",
                rx.callout(RunsState.queue_problem, color_scheme="red", role="alert")),
        rx.text(RunsState.waiting, " runs waiting for a worker", data_testid="queue-waiting"),
        scroll_box(
            rx.table.root(
                _header("Worker", "State", "Current run", "Last heartbeat"),
                rx.table.body(rx.foreach(RunsState.workers, _worker_row)),
                width="100%",
            )
        ),
        rx.heading("History", size="4", as_="h2", margin_top="1em"),
        scroll_box(
            rx.table.root(
                _header("Run", "Status", "Started", "Duration", "Sources", "Found", "New",
                        "Updated", "Problems", "Error"),
                rx.table.body(rx.foreach(RunsState.rows, _run_row)),
                width="100%",
            )
        ),
        answers=RunsState.answers,
    )


def detail_page() -> rx.Component:
    return layout("/runs", "Run", rx.link("All runs", href="/runs"), live_run(),
                  answers=RunDetailState.answers)
