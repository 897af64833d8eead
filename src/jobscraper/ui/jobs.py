"""The Jobs page: stored postings searched, filtered, sorted and paged in SQL; one in detail.

The list is one page of a :class:`jobscraper.queries.PostingQuery` with the
total count beside it, so only the rows on screen travel to the browser
whatever the number stored. A posting's detail shows where it came from: the
route (structured data, job board, local model tier or cloud), and for model
routes the model, tokens, latency and cost of the call that extracted it. The
filtered list downloads as CSV from :mod:`jobscraper.ui.export`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

import reflex as rx
from pydantic import ValidationError

from jobscraper.models import JobPosting, ModelCall, Route
from jobscraper.queries import PostingQuery, PostingSort
from jobscraper.ui.backend import blocking, store
from jobscraper.ui.components import layout, pager, scroll_box

ROUTE_LABELS = {
    Route.STRUCTURED.value: "structured data",
    Route.BOARD.value: "job board",
    Route.LOCAL.value: "local model",
    Route.CLOUD.value: "cloud model",
}
SORT_LABELS = {
    PostingSort.NEWEST.value: "Newest first",
    PostingSort.POSTED.value: "Posted date",
    PostingSort.SALARY.value: "Highest salary",
    PostingSort.TITLE.value: "Title",
    PostingSort.COMPANY.value: "Company",
}
ANY = "any"  # the "no filter" choice of a select (Radix selects need a non-empty value)


@dataclass
class JobRow:
    id: int
    title: str
    company: str
    location: str
    remote: str
    salary: str
    site: str
    route: str
    posted: str


def salary_amount(text: str) -> float | None:
    """A salary typed into the filter: "80000", "80,000", "€80,000", "80 000" or "80k" ->
    80000.0; empty -> None; anything else is a ValueError naming it."""
    cleaned = "".join(text.replace(",", "").split()).lstrip("$€£").lower()
    if not cleaned:
        return None
    scale = 1000.0 if cleaned.endswith("k") else 1.0
    try:
        return float(cleaned.removesuffix("k")) * scale
    except ValueError:
        raise ValueError(f"the minimum annual salary {text!r} is not an amount") from None


def _salary_param(text: str) -> str:
    """The export link's salary: the amount when it is one, else the text as typed (the
    export then refuses it as the list did)."""
    try:
        amount = salary_amount(text)
    except ValueError:
        return text.strip()
    return "" if amount is None else f"{amount:g}"


def salary_text(low: float | None, high: float | None, currency: str | None,
                interval: str | None) -> str:
    if low is None and high is None:
        return ""
    amounts = [f"{v:,.0f}" for v in (low, high) if v is not None]
    text = " - ".join(dict.fromkeys(amounts))
    return f"{currency or ''} {text}{f' per {interval}' if interval else ''}".strip()


def job_row(posting: JobPosting) -> JobRow:
    return JobRow(
        id=int(posting.id or 0),
        title=posting.title,
        company=posting.company or "",
        location=posting.location or "",
        remote=posting.remote or "",
        salary=salary_text(posting.salary_min, posting.salary_max, posting.salary_currency,
                           posting.salary_interval),
        site=posting.site or "",
        route=ROUTE_LABELS.get(posting.route or "", posting.route or ""),
        posted=posting.posted_date.isoformat() if posting.posted_date else "",
    )


class JobsState(rx.State):
    """The filters (as typed), the page shown and the total."""

    text: str = ""
    company: str = ANY
    location: str = ""
    remote: str = ANY
    min_salary: str = ""
    site: str = ANY
    route: str = ANY
    posted_since: str = ""
    sort: str = PostingSort.NEWEST.value
    page: int = 1
    pages: int = 1
    total: int = 0
    rows: list[JobRow] = []
    companies: list[str] = []
    sites: list[str] = []
    error: str = ""
    answers: int = 0

    def _query(self, page: int | None = None, page_size: int = 25) -> PostingQuery:
        def chosen(value: str) -> str:
            return "" if value == ANY else value

        salary = salary_amount(self.min_salary)
        return PostingQuery(
            text=self.text,
            company=chosen(self.company),
            location=self.location,
            remote=chosen(self.remote),
            min_annual_salary=salary,
            site=chosen(self.site),
            route=chosen(self.route),
            posted_since=date.fromisoformat(self.posted_since) if self.posted_since else None,
            sort=PostingSort(self.sort),
            page=page or self.page,
            page_size=page_size,
        )

    @rx.var
    def export_url(self) -> str:
        values: dict[str, Any] = {
            "text": self.text,
            "company": "" if self.company == ANY else self.company,
            "location": self.location,
            "remote": "" if self.remote == ANY else self.remote,
            "min_annual_salary": _salary_param(self.min_salary),
            "site": "" if self.site == ANY else self.site,
            "route": "" if self.route == ANY else self.route,
            "posted_since": self.posted_since,
            "sort": self.sort,
        }
        return "/export/jobs.csv?" + urlencode({k: v for k, v in values.items() if v})

    async def _show(self, page: int) -> None:
        try:
            query = self._query(page)
        except (ValidationError, ValueError) as exc:
            self.error = f"Check the filters: {_first_problem(exc)}"
            self.answers += 1
            return
        result = await blocking(store().search_postings, query)
        if result.total and page > result.pages:  # the filters shrank the list
            result = await blocking(store().search_postings, self._query(result.pages))
        self.answers += 1
        self.error = ""
        self.rows = [job_row(p) for p in result.rows]
        self.total, self.page, self.pages = result.total, result.page, result.pages

    @rx.event
    async def load(self) -> None:
        self.companies = await blocking(store().facet_values, "company")
        self.sites = await blocking(store().facet_values, "site")
        await self._show(self.page)

    @rx.event
    async def apply(self, form: dict[str, Any]) -> None:
        self.text = str(form.get("text", "")).strip()
        self.location = str(form.get("location", "")).strip()
        self.min_salary = str(form.get("min_salary", "")).strip()
        self.posted_since = str(form.get("posted_since", "")).strip()
        await self._show(1)

    @rx.event
    async def choose(self, name: str, value: str) -> None:
        """A select changed (company, remote, site, route, sort): show its first page."""
        if name in {"company", "remote", "site", "route", "sort"}:
            setattr(self, name, value)
            await self._show(1)

    @rx.event
    async def clear(self) -> None:
        self.text = self.location = self.min_salary = self.posted_since = ""
        self.company = self.remote = self.site = self.route = ANY
        self.sort = PostingSort.NEWEST.value
        await self._show(1)

    @rx.event
    async def previous_page(self) -> None:
        await self._show(max(1, self.page - 1))

    @rx.event
    async def next_page(self) -> None:
        await self._show(min(self.pages, self.page + 1))


def _first_problem(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        error = exc.errors()[0]
        return f"{error['loc'][0]}: {error['msg']}"
    return str(exc)


@dataclass
class FieldOrigin:
    """One field of a posting and where it came from (structured, platform, text, model)."""

    field: str
    source: str


FIELD_LABELS = {
    "title": "Title", "company": "Company", "location": "Location", "remote": "Work arrangement",
    "employment_type": "Employment type", "salary_min": "Minimum salary",
    "salary_max": "Maximum salary", "salary_currency": "Salary currency",
    "salary_interval": "Salary period", "description": "Description", "skills": "Skills",
    "posted_date": "Posted",
}


def field_origins(posting: JobPosting) -> list[FieldOrigin]:
    """The recorded source of each field, in the order a reader meets the fields."""
    sources = posting.field_sources or {}
    return [FieldOrigin(label, str(sources[name])) for name, label in FIELD_LABELS.items()
            if name in sources]


@dataclass
class Provenance:
    route: str
    tier: str
    model: str
    prompt_tokens: int
    output_tokens: int
    latency_ms: str
    cost_usd: str
    reason: str


def provenance(posting: JobPosting, call: ModelCall | None) -> Provenance:
    route = ROUTE_LABELS.get(posting.route or "", posting.route or "unknown")
    if call is None:
        return Provenance(route, "", "", 0, 0, "", "$0.00", "no model was used")
    return Provenance(
        route=route,
        tier=call.tier or "",
        model=call.model or "",
        prompt_tokens=call.prompt_tokens,
        output_tokens=call.completion_tokens,
        latency_ms=f"{call.latency_ms:,.0f} ms",
        cost_usd=f"${call.cost_usd:.6f}",
        reason=call.reason or "",
    )


class JobDetailState(rx.State):
    found: bool = False
    title: str = ""
    company: str = ""
    location: str = ""
    remote: str = ""
    employment_type: str = ""
    salary: str = ""
    url: str = ""
    site: str = ""
    posted: str = ""
    first_seen: str = ""
    description: str = ""
    skills: list[str] = []
    origin: Provenance = Provenance("", "", "", 0, 0, "", "", "")
    fields: list[FieldOrigin] = []
    answers: int = 0

    @rx.event
    async def load(self) -> None:
        raw = str(self.router.page.params.get("posting_id", ""))
        posting = await blocking(store().posting, int(raw)) if raw.isdigit() else None
        self.found = posting is not None
        self.answers += 1
        if posting is None:
            return
        call = await blocking(store().call_for_posting, posting)
        self.title = posting.title
        self.company = posting.company or ""
        self.location = posting.location or ""
        self.remote = posting.remote or ""
        self.employment_type = posting.employment_type or ""
        self.salary = salary_text(posting.salary_min, posting.salary_max,
                                  posting.salary_currency, posting.salary_interval)
        self.url = posting.url
        self.site = posting.site or ""
        self.posted = posting.posted_date.isoformat() if posting.posted_date else ""
        self.first_seen = posting.first_seen_at.strftime("%Y-%m-%d %H:%M")
        self.description = posting.description or ""
        self.skills = list(posting.skills or [])
        self.origin = provenance(posting, call)
        self.fields = field_origins(posting)


def _select(name: str, label: str, value: rx.Var[str], choices: list[tuple[str, str]] | rx.Var,
            ) -> rx.Component:
    if isinstance(choices, list):
        items = [rx.select.item(text, value=key) for key, text in choices]
    else:
        items = [rx.foreach(choices, lambda c: rx.select.item(c, value=c))]
    return rx.vstack(
        rx.el.label(label, id=f"{name}-label"),
        rx.select.root(
            rx.select.trigger(aria_labelledby=f"{name}-label", id=f"{name}-select"),
            rx.select.content(rx.select.item("Any", value=ANY), *items),
            value=value,
            on_change=lambda chosen: JobsState.choose(name, chosen),
        ),
        spacing="1",
    )


def _filters() -> rx.Component:
    return rx.vstack(
        rx.form(
            rx.flex(
                rx.vstack(rx.el.label("Search", html_for="text"),
                          rx.input(id="text", name="text", default_value=JobsState.text,
                                   placeholder="title or company"), spacing="1"),
                rx.vstack(rx.el.label("Location", html_for="location"),
                          rx.input(id="location", name="location",
                                   default_value=JobsState.location), spacing="1"),
                rx.vstack(rx.el.label("Minimum annual salary", html_for="min_salary"),
                          rx.input(id="min_salary", name="min_salary", input_mode="numeric",
                                   default_value=JobsState.min_salary), spacing="1"),
                rx.vstack(rx.el.label("Posted since", html_for="posted_since"),
                          rx.input(id="posted_since", name="posted_since", type="date",
                                   default_value=JobsState.posted_since), spacing="1"),
                rx.button("Apply filters", type="submit", align_self="end"),
                wrap="wrap",
                gap="1em",
            ),
            on_submit=JobsState.apply,
        ),
        rx.flex(
            _select("company", "Company", JobsState.company, JobsState.companies),
            _select("remote", "Work arrangement", JobsState.remote,
                    [("remote", "remote"), ("hybrid", "hybrid"), ("on-site", "on-site")]),
            _select("site", "Board or site", JobsState.site, JobsState.sites),
            _select("route", "Extracted by", JobsState.route, list(ROUTE_LABELS.items())),
            rx.vstack(
                rx.el.label("Sort", id="sort-label"),
                rx.select.root(
                    rx.select.trigger(aria_labelledby="sort-label", id="sort-select"),
                    rx.select.content(*[rx.select.item(t, value=k)
                                        for k, t in SORT_LABELS.items()]),
                    value=JobsState.sort,
                    on_change=lambda chosen: JobsState.choose("sort", chosen),
                ),
                spacing="1",
            ),
            rx.button("Clear filters", on_click=JobsState.clear, variant="soft",
                      align_self="end"),
            wrap="wrap",
            gap="1em",
        ),
        align="start",
        width="100%",
    )


def _job_row(row: rx.Var[JobRow]) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.link(row.title, href="/jobs/" + row.id.to(str),
                              data_testid="job-title")),
        rx.table.cell(row.company, data_testid="job-company"),
        rx.table.cell(row.location),
        rx.table.cell(row.remote),
        rx.table.cell(row.salary),
        rx.table.cell(row.site),
        rx.table.cell(row.route),
        rx.table.cell(row.posted),
        data_testid="job-row",
    )


def page() -> rx.Component:
    return layout(
        "/jobs",
        "Jobs",
        _filters(),
        rx.cond(JobsState.error != "", rx.callout(JobsState.error, color_scheme="red",
                                                  role="alert")),
        rx.flex(
            rx.text(JobsState.total, " postings match", data_testid="jobs-total",
                    data_total=JobsState.total, weight="bold"),
            rx.link("Download these as CSV", href=JobsState.export_url, is_external=False,
                    download="jobs.csv"),
            gap="2em",
            align="center",
            margin_y="1em",
            wrap="wrap",
        ),
        scroll_box(
            rx.table.root(
                rx.table.header(rx.table.row(*[
                    rx.table.column_header_cell(n) for n in (
                        "Title", "Company", "Location", "Arrangement", "Salary", "Site",
                        "Extracted by", "Posted")
                ])),
                rx.table.body(rx.foreach(JobsState.rows, _job_row)),
                width="100%",
            )
        ),
        pager(JobsState.page, JobsState.pages, JobsState.total, JobsState.previous_page,
              JobsState.next_page, "postings"),
        answers=JobsState.answers,
    )


def _fact(label: str, value: rx.Var, test_id: str) -> rx.Component:
    return rx.data_list.item(
        rx.data_list.label(label),
        rx.data_list.value(rx.text(value, data_testid=test_id)),
    )


def detail_page() -> rx.Component:
    state = JobDetailState
    origin = state.origin
    return layout(
        "/jobs",
        "Posting",
        rx.link("All jobs", href="/jobs"),
        rx.cond(
            state.found,
            rx.vstack(
                rx.heading(state.title, size="6", as_="h2", data_testid="posting-title"),
                rx.text(state.company, " - ", state.location, data_testid="posting-company"),
                rx.link("Open the posting where it was found", href=state.url,
                        is_external=True, rel="noopener noreferrer nofollow"),
                rx.data_list.root(
                    _fact("Salary", state.salary, "posting-salary"),
                    _fact("Work arrangement", state.remote, "posting-remote"),
                    _fact("Employment type", state.employment_type, "posting-employment"),
                    _fact("Site", state.site, "posting-site"),
                    _fact("Posted", state.posted, "posting-posted"),
                    _fact("First seen", state.first_seen, "posting-first-seen"),
                ),
                rx.heading("Where it came from", size="4", as_="h3"),
                rx.data_list.root(
                    _fact("Route", origin.route, "provenance-route"),
                    _fact("Model tier", origin.tier, "provenance-tier"),
                    _fact("Model", origin.model, "provenance-model"),
                    _fact("Prompt tokens", origin.prompt_tokens, "provenance-prompt-tokens"),
                    _fact("Output tokens", origin.output_tokens, "provenance-output-tokens"),
                    _fact("Latency", origin.latency_ms, "provenance-latency"),
                    _fact("Cost", origin.cost_usd, "provenance-cost"),
                    _fact("Routing decision", origin.reason, "provenance-reason"),
                ),
                rx.cond(
                    state.fields.length() > 0,
                    rx.vstack(
                        rx.heading("Where each field came from", size="3", as_="h4"),
                        rx.data_list.root(rx.foreach(state.fields, lambda f: rx.data_list.item(
                            rx.data_list.label(f.field),
                            rx.data_list.value(rx.badge(f.source, variant="soft"),
                                               data_testid="field-source", data_field=f.field),
                        ))),
                        align="start",
                    ),
                ),
                rx.heading("Description", size="4", as_="h3"),
                rx.text(state.description, white_space="pre-wrap",
                        data_testid="posting-description"),
                rx.cond(state.skills.length() > 0,
                        rx.flex(rx.foreach(state.skills, lambda s: rx.badge(s)), wrap="wrap",
                                gap="0.5em")),
                align="start",
                width="100%",
            ),
            rx.callout("No such posting.", color_scheme="red", role="alert"),
        ),
        answers=JobDetailState.answers,
    )
