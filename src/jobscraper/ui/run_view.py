"""A run, live: the overall bar and one card per source, straight from the progress stream.

:class:`RunViewState` follows one run per tab with the shared follower
(:func:`jobscraper.runs.follower.subscribe`): the latest state first, then
every update in order; nothing here polls the database. The follower runs as a
Reflex background task. Reflex neither stops such a task when its tab closes
nor prevents a second one, so the task is guarded by a backend var (one
follower per tab) and watches whether its tab is still connected, stopping
within a second of it leaving. Updates that arrive together are applied in one
short state change.

The postings found so far are read from the store each time the stream says
their number changed: the stream drives the page, SQL only supplies rows.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass

import reflex as rx

from jobscraper.models import RunStatus
from jobscraper.runs.errors import RunNotFound
from jobscraper.runs.follower import subscribe
from jobscraper.runs.progress import Progress, SourcePhase
from jobscraper.runs.queue import cancel_run
from jobscraper.ui.backend import blocking, settings, store
from jobscraper.ui.components import figure, status_badge

LIVENESS_CHECK_S = 1.0
POSTINGS_SHOWN = 10


@dataclass
class SourceCard:
    source: str
    state: str  # waiting | scraping | an outcome (ok, blocked, failed, ...)
    postings: int
    local: int
    cloud: int
    reason: str


@dataclass
class FoundPosting:
    id: int
    title: str
    company: str
    location: str


def cards_of(state: Progress) -> list[SourceCard]:
    cards = []
    for source, line in state.sources.items():
        done = line.phase == SourcePhase.DONE and line.outcome is not None
        shown = line.outcome.value if done and line.outcome else line.phase.value
        if state.is_final and line.phase != SourcePhase.DONE:
            shown = "not scraped"
        cards.append(
            SourceCard(source, str(shown), line.postings, line.local, line.cloud, line.reason or "")
        )
    return cards


def _found_postings(run_id: str) -> list[FoundPosting]:
    rows = store().postings_of_run(run_id, limit=POSTINGS_SHOWN)
    return [
        FoundPosting(int(p.id or 0), p.title, p.company or "", p.location or "") for p in rows
    ]


def _tab_connected(token: str) -> bool:
    """Whether the browser tab with this client token still has its websocket."""
    from jobscraper.ui.app import app

    namespace = app.event_namespace
    return namespace is not None and token in namespace.token_to_sid


class RunViewState(rx.State):
    """The run this tab looks at, as its progress stream describes it."""

    run_id: str = ""
    status: str = ""
    percent: float = 0.0
    sources_done: int = 0
    sources_total: int = 0
    postings_found: int = 0
    postings_local: int = 0
    postings_cloud: int = 0
    message: str = ""
    seq: int = 0
    published_ms: float = 0.0  # publish time of the update shown (the DOM latency metric)
    cards: list[SourceCard] = []
    found: list[FoundPosting] = []
    missing: str = ""
    _following: str = ""

    @rx.var
    def is_final(self) -> bool:
        return self.status in {s.value for s in RunStatus if s.is_final}

    @rx.var
    def has_run(self) -> bool:
        return self.run_id != "" and self.missing == ""

    def show(self, run_id: str) -> None:
        """Look at another run (the follower of the previous one stops by itself)."""
        if run_id != self.run_id:
            self.run_id = run_id
            self.status = ""
            self.percent = 0.0
            self.cards = []
            self.found = []
            self.seq = 0
            self.missing = ""

    def _apply(self, state: Progress) -> None:
        self.status = state.status
        self.percent = state.percent
        self.sources_done = state.sources_done
        self.sources_total = state.sources_total
        self.postings_found = state.postings_found
        self.postings_local = state.postings_local
        self.postings_cloud = state.postings_cloud
        self.message = state.message or ""
        self.seq = state.seq
        self.published_ms = round(state.ts * 1000, 3)
        self.cards = cards_of(state)

    @rx.event(background=True)
    async def follow(self):  # type: ignore[no-untyped-def]
        """Follow the run on this tab until it ends, the tab closes or looks elsewhere."""
        async with self:
            run_id = self.run_id
            token = self.router.session.client_token
            if not run_id or self._following == run_id:
                return
            self._following = run_id
        updates: asyncio.Queue[Progress | BaseException | None] = asyncio.Queue()

        async def pump() -> None:
            try:
                async for state in subscribe(run_id, settings()):
                    await updates.put(state)
                await updates.put(None)
            except BaseException as exc:  # handed to the loop below, which shows it
                await updates.put(exc)

        task = asyncio.create_task(pump())
        shown_postings = -1
        try:
            while True:
                try:
                    first = await asyncio.wait_for(updates.get(), timeout=LIVENESS_CHECK_S)
                except TimeoutError:
                    if not _tab_connected(token):
                        return
                    async with self:
                        if self.run_id != run_id:
                            return
                    continue
                batch = [first]
                while not updates.empty():
                    batch.append(updates.get_nowait())
                states = [item for item in batch if isinstance(item, Progress)]
                problem = next((i for i in batch if isinstance(i, BaseException)), None)
                ended = any(item is None for item in batch) or problem is not None
                latest = states[-1] if states else None
                found = None
                if latest is not None and latest.postings_found != shown_postings:
                    found = await blocking(_found_postings, run_id)
                    shown_postings = latest.postings_found
                async with self:
                    if self.run_id != run_id:
                        return
                    if latest is not None:
                        self._apply(latest)
                    if found is not None:
                        self.found = found
                    if isinstance(problem, RunNotFound):
                        self.missing = f"There is no run {run_id}."
                    elif problem is not None:
                        self.message = f"Live progress stopped: {problem}"
                if ended or (latest is not None and latest.is_final):
                    return
        finally:
            task.cancel()
            with contextlib.suppress(BaseException):
                await task
            async with self:
                if self._following == run_id:
                    self._following = ""

    @rx.event
    async def cancel(self) -> None:
        if self.run_id and not self.is_final:
            await blocking(cancel_run, self.run_id, settings(), store=store())
            self.message = "Cancelling: the run stops before its next source."


def _card(card: rx.Var[SourceCard]) -> rx.Component:
    return rx.card(
        rx.flex(
            status_badge(card.state, data_testid="source-state"),
            rx.text(card.source, weight="bold", data_testid="source-name", word_break="break-all"),
            gap="0.5em",
            align="center",
            wrap="wrap",
        ),
        rx.text(
            card.postings, " postings (", card.local, " local, ", card.cloud, " cloud)",
            size="2",
            data_testid="source-postings",
        ),
        rx.cond(card.reason != "", rx.text(card.reason, size="2", data_testid="source-reason")),
        data_testid="source-card",
        data_state=card.state,
        data_source=card.source,
    )


def live_run() -> rx.Component:
    """The followed run: bar, figures, one card per source, the postings found so far."""
    view = RunViewState
    return rx.cond(
        view.missing != "",
        rx.callout(view.missing, color_scheme="red", role="alert"),
        rx.cond(
            view.has_run,
            rx.vstack(
                rx.flex(
                    rx.heading("Run ", rx.code(view.run_id, data_testid="run-id"), size="4",
                               as_="h2"),
                    status_badge(view.status, data_testid="run-status"),
                    gap="0.75em",
                    align="center",
                    wrap="wrap",
                ),
                rx.progress(
                    value=view.percent.to(int),
                    max=100,
                    aria_label="Run progress",
                    width="100%",
                ),
                rx.text(
                    view.percent, "% - ", view.sources_done, " of ", view.sources_total,
                    " sources done",
                    data_testid="run-progress",
                    data_percent=view.percent,
                    data_seq=view.seq,
                    data_published_ms=view.published_ms,
                    data_status=view.status,
                    data_done=view.sources_done,
                    data_total=view.sources_total,
                    aria_live="polite",
                ),
                rx.flex(
                    figure("Postings found", view.postings_found, "postings-found"),
                    figure("Processed locally", view.postings_local, "postings-local"),
                    figure("Needed the cloud", view.postings_cloud, "postings-cloud"),
                    gap="1em",
                    wrap="wrap",
                ),
                rx.cond(view.message != "", rx.text(view.message, data_testid="run-message")),
                rx.cond(
                    ~view.is_final,
                    rx.button("Cancel run", color_scheme="red", variant="soft",
                              on_click=RunViewState.cancel),
                ),
                rx.heading("Sources", size="3", as_="h3"),
                rx.grid(
                    rx.foreach(view.cards, _card),
                    columns=rx.breakpoints(initial="1", sm="2", lg="3"),
                    gap="1em",
                    width="100%",
                ),
                rx.heading("Postings found so far", size="3", as_="h3"),
                rx.cond(
                    view.found.length() > 0,
                    rx.el.ul(
                        rx.foreach(
                            view.found,
                            lambda p: rx.el.li(
                                rx.link(p.title, href="/jobs/" + p.id.to(str)),
                                " - ", p.company, rx.cond(p.location != "", " - ", ""), p.location,
                                data_testid="found-posting",
                            ),
                        )
                    ),
                    rx.text("None yet.", size="2"),
                ),
                width="100%",
                align="start",
            ),
        ),
    )
