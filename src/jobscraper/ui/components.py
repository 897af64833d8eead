"""Pieces every dashboard page uses: the layout, badges, figures, pager, field errors.

Every text that comes from a scraped page or a user is passed to Reflex as a
var or a plain string child, which React renders as text: nothing here builds
HTML from strings, so a ``<script>`` in a job title is shown, never run.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from reflex_components_core.core.banner import has_connection_errors

#: (route, label) of the navigation, in order.
PAGES: list[tuple[str, str]] = [
    ("/", "Scrape"),
    ("/sources", "Sources"),
    ("/runs", "Runs"),
    ("/jobs", "Jobs"),
    ("/costs", "Models & costs"),
]

#: Badge colour of each run status and source outcome (the vocabulary of jobscraper.models).
STATUS_COLORS: dict[str, str] = {
    "queued": "gray",
    "started": "blue",
    "completed": "green",
    "failed": "red",
    "cancelled": "amber",
    "waiting": "gray",
    "scraping": "blue",
    "ok": "green",
    "blocked": "orange",
    "needs_model": "purple",
    "needs_cloud": "purple",
    "extraction_failed": "red",
    "rejected": "red",
}


def status_badge(status: rx.Var[str] | str, **props: object) -> rx.Component:
    """A run status or source outcome as a coloured badge ("needs_model" -> "needs model")."""
    label = status.replace("_", " ")
    color = rx.match(
        status,
        *[(name, color) for name, color in STATUS_COLORS.items()],
        "gray",
    )
    return rx.badge(label, color_scheme=color, variant="soft", **props)


def connection_banner() -> rx.Component:
    """Shown while the page has lost its connection to the server; Reflex reconnects by
    itself and the banner goes away when it has."""
    return rx.cond(
        has_connection_errors,
        rx.callout(
            "Connection to the jobscraper server lost - reconnecting...",
            icon="wifi-off",
            color_scheme="red",
            role="alert",
            id="connection-lost",
            width="100%",
        ),
    )


def nav_bar(current: str) -> rx.Component:
    links = [
        rx.link(
            label,
            href=route,
            weight="bold" if route == current else "regular",
            underline="always" if route == current else "hover",
            aria_current="page" if route == current else None,
            padding_x="0.5em",
        )
        for route, label in PAGES
    ]
    return rx.el.nav(
        rx.flex(
            rx.heading("jobscraper", size="5", margin_right="1em"),
            *links,
            wrap="wrap",
            align="center",
            gap="0.25em",
        ),
        aria_label="Main",
        padding_y="0.75em",
        border_bottom="1px solid var(--gray-a5)",
        width="100%",
    )


def layout(
    current: str, title: str, *children: rx.Component, answers: rx.Var[int] | int = 0
) -> rx.Component:
    """The frame of every page: skip link, navigation, connection banner, the page's content.

    One column that narrows to a phone's width: tables scroll inside their own box
    instead of widening the page. ``answers`` counts the server's answers to this page
    (its load, each action), shown as ``data-answers`` so a visitor's tools - and the
    acceptance suite - can tell an answer arrived.
    """
    return rx.box(
        rx.link("Skip to content", href="#content", class_name="skip-link"),
        # Filled in once the page is connected to its server (hydrated): tests wait for it.
        rx.el.input(
            value=rx.State.router.session.client_token,
            read_only=True,
            id="client-token",
            aria_hidden="true",
            tab_index=-1,
            style={"display": "none"},
        ),
        nav_bar(current),
        connection_banner(),
        rx.el.main(
            rx.heading(title, size="7", margin_y="0.5em"),
            *children,
            id="content",
            tab_index=-1,
            data_answers=answers,
        ),
        max_width="72em",
        margin_x="auto",
        padding_x="1em",
        padding_bottom="3em",
    )


def figure(label: str, value: rx.Var | str, test_id: str, **props: object) -> rx.Component:
    """A labelled number ("Postings found 12")."""
    return rx.card(
        rx.text(label, size="2", color_scheme="gray"),
        rx.text(value, size="6", weight="bold", data_testid=test_id, **props),
        min_width="9em",
    )


def field_error(message: rx.Var[str], field_id: str) -> rx.Component:
    """The server's reason for refusing a field, announced to screen readers."""
    return rx.cond(
        message != "",
        rx.text(message, color_scheme="red", size="2", id=f"{field_id}-error", role="alert"),
    )


def pager(
    page: rx.Var[int],
    pages: rx.Var[int],
    total: rx.Var[int],
    previous: Callable[[], object],
    following: Callable[[], object],
    noun: str,
) -> rx.Component:
    return rx.flex(
        rx.button("Previous", on_click=previous, disabled=page <= 1, variant="soft"),
        rx.text(
            "Page ", page, " of ", pages, " (", total, f" {noun})",
            data_testid="pager-text",
        ),
        rx.button("Next", on_click=following, disabled=page >= pages, variant="soft"),
        gap="1em",
        align="center",
        margin_y="1em",
        wrap="wrap",
    )


def scroll_box(*children: rx.Component) -> rx.Component:
    """A wide table's own horizontal scroll, so the page keeps the screen's width."""
    return rx.box(*children, overflow_x="auto", width="100%")


GLOBAL_STYLE = {
    ".skip-link": {
        "position": "absolute",
        "left": "-999px",
    },
    ".skip-link:focus": {
        "left": "1em",
        "top": "1em",
        "background": "var(--color-background)",
        "padding": "0.5em",
        "z_index": "10",
    },
    ":focus-visible": {"outline": "2px solid var(--accent-9)", "outline_offset": "2px"},
}
