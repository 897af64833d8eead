"""The Sources page: the career pages and job-board searches a user keeps.

Adding goes through the same rules as the command line
(:func:`jobscraper.sources.detect.detect_source`): a refused address or search
is shown next to its field with the reason, and nothing is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx

from jobscraper.models import Source as SavedSource
from jobscraper.models import SourceKind
from jobscraper.sources.detect import (
    DEFAULT_BOARDS,
    KNOWN_BOARDS,
    BoardQuery,
    CareerPage,
    detect_source,
)
from jobscraper.sources.guard import SourceRejected
from jobscraper.ui.backend import blocking, store
from jobscraper.ui.components import field_error, layout, scroll_box

BOARD_LABELS = {
    "linkedin": "LinkedIn",
    "indeed": "Indeed",
    "zip_recruiter": "ZipRecruiter",
    "glassdoor": "Glassdoor",
    "google": "Google",
    "bayt": "Bayt",
    "naukri": "Naukri",
    "bdjobs": "BDJobs",
    "hellowork": "HelloWork",
}


@dataclass
class SourceRow:
    """A saved source as the page lists it."""

    id: int
    kind: str
    value: str
    details: str
    enabled: bool


def source_row(source: SavedSource) -> SourceRow:
    options = source.options or {}
    details = ""
    if source.kind == SourceKind.JOB_BOARD.value:
        boards = options.get("sites") or list(DEFAULT_BOARDS)
        parts = [", ".join(BOARD_LABELS.get(b, b) for b in boards)]
        if options.get("results_wanted"):
            parts.append(f"{options['results_wanted']} results wanted")
        if options.get("is_remote"):
            parts.append("remote only")
        details = "; ".join(parts)
    return SourceRow(
        id=int(source.id or 0),
        kind="career page" if source.kind == SourceKind.CAREER_PAGE.value else "job-board search",
        value=source.value,
        details=details,
        enabled=bool(source.enabled),
    )


def check_career_page(address: str) -> str:
    """The address as it will be scraped, or raise SourceRejected with the reason.

    The field is for addresses, so a bare host and path ("careers.acme.com/jobs")
    is taken as https; anything with a scheme is checked as typed.
    """
    typed = address.strip()
    host = typed.split("/", 1)[0]
    if typed and ":" not in host and " " not in typed and "." in host:
        typed = f"https://{typed}"
    source = detect_source(typed)
    if not isinstance(source, CareerPage):
        raise SourceRejected(
            f"{address.strip()!r} is not a web address: give the career page's address "
            "(https://...), or add it as a job-board search"
        )
    return source.url


def check_search(
    term: str, location: str, boards: list[str], results_wanted: str, remote_only: bool
) -> tuple[str, dict[str, Any]]:
    """(the search as typed, its options), or raise SourceRejected with the reason."""
    if not term.strip():
        raise SourceRejected("give some words to search for")
    text = f"{term.strip()} in {location.strip()}" if location.strip() else term.strip()
    wanted: int | None = None
    if results_wanted.strip():
        try:
            wanted = int(results_wanted.replace(",", "").strip())
        except ValueError:
            raise SourceRejected("results wanted must be a whole number") from None
    if not boards:
        raise SourceRejected("choose at least one job board")
    source = detect_source(text, sites=boards, results_wanted=wanted, is_remote=remote_only)
    if not isinstance(source, BoardQuery):
        raise SourceRejected(f"{term.strip()!r} looks like an address: add it as a career page")
    options = {"sites": list(source.sites), "results_wanted": wanted, "is_remote": remote_only}
    return source.text, {k: v for k, v in options.items() if v not in (None, False)}


class SourcesState(rx.State):
    """The saved sources and the two add forms."""

    rows: list[SourceRow] = []
    address_error: str = ""
    search_error: str = ""
    boards: list[str] = list(DEFAULT_BOARDS)
    notice: str = ""
    confirm_id: int = 0
    confirm_value: str = ""
    answers: int = 0  # forms answered so far: a visitor (or a test) sees the reply arrived

    @rx.event
    async def load(self) -> None:
        saved = await blocking(store().sources)
        self.rows = [source_row(s) for s in saved]
        self.answers += 1

    @rx.event
    async def add_career_page(self, form: dict[str, Any]) -> None:
        address = str(form.get("address", ""))
        try:
            url = check_career_page(address)
        except SourceRejected as exc:
            self.address_error = str(exc)
            self.notice = ""
            self.answers += 1
            return
        await blocking(store().add_source, SourceKind.CAREER_PAGE.value, url)
        self.address_error = ""
        self.notice = f"Saved the career page {url}"
        await self.load()

    @rx.event
    def toggle_board(self, board: str, checked: bool) -> None:
        chosen = [b for b in self.boards if b != board]
        self.boards = [*chosen, board] if checked else chosen

    @rx.event
    async def add_search(self, form: dict[str, Any]) -> None:
        try:
            text, options = check_search(
                str(form.get("term", "")),
                str(form.get("location", "")),
                list(self.boards),
                str(form.get("results_wanted", "")),
                str(form.get("remote_only", "")).lower() in {"on", "true", "1"},
            )
        except SourceRejected as exc:
            self.search_error = str(exc)
            self.notice = ""
            self.answers += 1
            return
        await blocking(store().add_source, SourceKind.JOB_BOARD.value, text, options)
        self.search_error = ""
        self.boards = list(DEFAULT_BOARDS)  # the form is reset for the next search
        self.notice = f"Saved the job-board search {text!r}"
        await self.load()

    @rx.event
    async def set_enabled(self, source_id: int, enabled: bool) -> None:
        await blocking(store().set_source_enabled, source_id, enabled)
        await self.load()

    @rx.event
    def ask_delete(self, source_id: int, value: str) -> None:
        self.confirm_id = source_id
        self.confirm_value = value

    @rx.event
    def cancel_delete(self) -> None:
        self.confirm_id = 0
        self.confirm_value = ""

    @rx.event
    async def confirm_delete(self) -> None:
        if self.confirm_id:
            await blocking(store().delete_source, self.confirm_id)
            self.notice = f"Deleted {self.confirm_value}"
        self.cancel_delete()
        await self.load()


def _field(label: str, name: str, placeholder: str, error: rx.Var[str] | None = None,
           **props: object) -> list[rx.Component]:
    """A labelled text field; with ``error``, the server's refusal is tied to it."""
    if error is not None:
        props |= {"aria_invalid": error != "", "aria_describedby": f"{name}-error"}
    return [
        rx.el.label(label, html_for=name),
        rx.input(id=name, name=name, placeholder=placeholder, width="100%", **props),
    ]


def _career_page_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading("Add a career page", size="4", as_="h2"),
            *_field("Career page address", "address", "https://careers.example.com/jobs",
                    SourcesState.address_error),
            field_error(SourcesState.address_error, "address"),
            rx.button("Add career page", type="submit"),
            align="start",
            width="100%",
        ),
        on_submit=SourcesState.add_career_page,
        reset_on_submit=True,
        width="100%",
    )


def _board_choice(board: str) -> rx.Component:
    return rx.checkbox(
        BOARD_LABELS.get(board, board),
        checked=SourcesState.boards.contains(board),
        on_change=lambda checked: SourcesState.toggle_board(board, checked),
    )


def _search_form() -> rx.Component:
    return rx.form(
        rx.vstack(
            rx.heading("Add a job-board search", size="4", as_="h2"),
            *_field("Search words", "term", "python developer", SourcesState.search_error),
            *_field("Location", "location", "Berlin"),
            rx.el.fieldset(
                rx.el.legend("Job boards"),
                rx.flex(*[_board_choice(b) for b in KNOWN_BOARDS], wrap="wrap", gap="1em"),
            ),
            rx.el.label("Results wanted per board", html_for="results_wanted"),
            rx.input(
                id="results_wanted", name="results_wanted", placeholder="20", input_mode="numeric"
            ),
            rx.checkbox("Remote jobs only", name="remote_only"),
            field_error(SourcesState.search_error, "term"),
            rx.button("Add search", type="submit"),
            align="start",
            width="100%",
        ),
        on_submit=SourcesState.add_search,
        reset_on_submit=True,
        width="100%",
    )


def _row(row: rx.Var[SourceRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row.kind),
        rx.table.cell(
            rx.text(row.value, data_testid="source-value"), rx.text(row.details, size="1")
        ),
        rx.table.cell(
            rx.switch(
                checked=row.enabled,
                on_change=lambda enabled: SourcesState.set_enabled(row.id, enabled),
                aria_label="Enabled: " + row.value,
            )
        ),
        rx.table.cell(
            rx.button(
                "Delete",
                color_scheme="red",
                variant="soft",
                on_click=SourcesState.ask_delete(row.id, row.value),
                aria_label="Delete " + row.value,
            )
        ),
        data_testid="source-row",
    )


def _delete_dialog() -> rx.Component:
    return rx.alert_dialog.root(
        rx.alert_dialog.content(
            rx.alert_dialog.title("Delete this source?"),
            rx.alert_dialog.description(
                rx.text(SourcesState.confirm_value),
                rx.text("Its postings and past runs are kept.", size="2"),
            ),
            rx.flex(
                rx.alert_dialog.cancel(
                    rx.button("Keep it", variant="soft", on_click=SourcesState.cancel_delete)
                ),
                rx.alert_dialog.action(
                    rx.button("Delete", color_scheme="red", on_click=SourcesState.confirm_delete)
                ),
                gap="1em",
                justify="end",
                margin_top="1em",
            ),
        ),
        open=SourcesState.confirm_id != 0,
    )


def page() -> rx.Component:
    return layout(
        "/sources",
        "Sources",
        rx.cond(SourcesState.notice != "",
                rx.callout(SourcesState.notice, role="status", data_testid="sources-notice")),
        rx.grid(_career_page_form(), _search_form(), columns=rx.breakpoints(initial="1", md="2"),
                gap="2em", width="100%", margin_y="1em"),
        rx.heading("Saved sources", size="4", as_="h2"),
        rx.cond(
            SourcesState.rows.length() > 0,
            scroll_box(
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell("Kind"),
                            rx.table.column_header_cell("Source"),
                            rx.table.column_header_cell("Enabled"),
                            rx.table.column_header_cell(""),
                        )
                    ),
                    rx.table.body(rx.foreach(SourcesState.rows, _row)),
                    width="100%",
                )
            ),
            rx.text("No saved sources yet: add a career page or a job-board search above."),
        ),
        _delete_dialog(),
        answers=SourcesState.answers,
    )
