"""The Scrape page: start a run over the enabled (or chosen) sources and watch it live.

A run that is already going over the same sources is shown instead of being
started a second time (a double click, a second tab, a reload). Opening the
page while a run is going shows that run at once: its latest state first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from jobscraper.models import RunStatus, SourceKind
from jobscraper.runs.queue import start_run
from jobscraper.ui.backend import blocking, settings, store
from jobscraper.ui.components import layout
from jobscraper.ui.run_view import RunViewState, live_run


@dataclass
class ChoosableSource:
    id: int
    value: str
    kind: str


def _running_run_over(values: list[str]) -> str | None:
    """The id of a queued or started run over exactly these sources, if any."""
    for run in store().runs(limit=50):
        if not RunStatus(run.status).is_final and sorted(run.sources or []) == sorted(values):
            return run.id
    return None


def _latest_unfinished_run() -> str | None:
    for run in store().runs(limit=50):
        if not RunStatus(run.status).is_final:
            return run.id
    return None


def _start(chosen: list[int]) -> tuple[str, bool]:
    """(run id, started now?) for a scrape of the chosen saved sources."""
    saved = {s.id: s for s in store().sources(enabled_only=True)}
    sources = [saved[i] for i in chosen if i in saved]
    values = [s.value for s in sources]
    if not values:
        raise ValueError("choose at least one enabled source")
    already = _running_run_over(values)
    if already is not None:
        return already, False
    options: dict[str, dict[str, Any]] = {
        s.value: dict(s.options)
        for s in sources
        if s.kind == SourceKind.JOB_BOARD.value and s.options
    }
    return start_run(values, settings(), store=store(), source_options=options), True


class ScrapeState(rx.State):
    sources: list[ChoosableSource] = []
    chosen: list[int] = []
    notice: str = ""
    error: str = ""
    answers: int = 0

    @rx.event
    async def load(self):  # type: ignore[no-untyped-def]
        saved = await blocking(store().sources, enabled_only=True)
        self.sources = [
            ChoosableSource(
                int(s.id or 0),
                s.value,
                "career page" if s.kind == SourceKind.CAREER_PAGE.value else "job-board search",
            )
            for s in saved
        ]
        self.chosen = [s.id for s in self.sources]
        self.error = ""
        self.answers += 1
        running = await blocking(_latest_unfinished_run)
        view = await self.get_state(RunViewState)
        if running is not None:
            view.show(running)
            return RunViewState.follow
        return None

    @rx.event
    def choose(self, source_id: int, checked: bool) -> None:
        rest = [i for i in self.chosen if i != source_id]
        self.chosen = [*rest, source_id] if checked else rest
        self.answers += 1

    @rx.event
    async def start(self):  # type: ignore[no-untyped-def]
        try:
            run_id, started = await blocking(_start, list(self.chosen))
        except Exception as exc:  # shown to the user; nothing was started
            self.error = f"Could not start the scrape: {exc}"
            self.answers += 1
            return None
        self.error = ""
        self.notice = (
            "Scrape started." if started else "This scrape is already running: here it is."
        )
        view = await self.get_state(RunViewState)
        view.show(run_id)
        self.answers += 1
        return RunViewState.follow


def _choice(source: rx.Var[ChoosableSource]) -> rx.Component:
    return rx.checkbox(
        source.value,
        checked=ScrapeState.chosen.contains(source.id),
        on_change=lambda checked: ScrapeState.choose(source.id, checked),
        data_testid="scrape-choice",
    )


def page() -> rx.Component:
    return layout(
        "/",
        "Scrape",
        rx.cond(
            ScrapeState.sources.length() > 0,
            rx.vstack(
                rx.text("Sources to scrape (the enabled ones):"),
                rx.vstack(rx.foreach(ScrapeState.sources, _choice), align="start"),
                rx.button(
                    "Start scrape",
                    on_click=ScrapeState.start,
                    disabled=ScrapeState.chosen.length() == 0,
                    size="3",
                ),
                align="start",
            ),
            rx.text(
                "No enabled sources. ",
                rx.link("Add a career page or a job-board search", href="/sources"),
                " first.",
            ),
        ),
        rx.cond(ScrapeState.error != "", rx.callout(ScrapeState.error, color_scheme="red",
                                                    role="alert")),
        rx.cond(ScrapeState.notice != "", rx.text(ScrapeState.notice, role="status")),
        rx.divider(margin_y="1em"),
        live_run(),
        answers=ScrapeState.answers,
    )
