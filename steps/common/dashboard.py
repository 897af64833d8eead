"""Shared vocabulary of features/dashboard: the product owner at the real dashboard.

Every step here acts through a real Chromium on the running ``jobscraper ui``
(fixtures ``dashboard`` and ``dashboard_page``), the way a person would: typing
into the forms, pressing the buttons, reading what the page shows. Selectors
live in the page objects (``steps.harness.dashboard``). What the dashboard
shows is compared with what the application stored (``store``) or, for live
progress, with what the page itself recorded as each update arrived.

The sources a scenario gives ("Given the career page of ...") are the ones a
scrape from the dashboard covers: whichever are not saved yet are first added
on the Sources page, as a user would before scraping them.
"""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from jobscraper.config import Settings
from jobscraper.models import ModelCall, PostingData, Route
from jobscraper.sources.detect import BoardQuery
from jobscraper.store import Store
from steps.common._types import group, percent, phrase, quoted, whole_number
from steps.common.context import ScenarioContext
from steps.common.progress import record_delays
from steps.common.routing import tier_named
from steps.common.runs import source_labels
from steps.common.scraping import OUTCOME, outcome_word
from steps.harness.asyncio_bridge import async_step
from steps.harness.dashboard import DashboardPage
from steps.harness.dashboard_fixtures import DashboardServer
from steps.harness.factories import PostingDataFactory
from steps.harness.fake_internet import FakeInternet
from steps.harness.site_names import serve, site_of
from steps.harness.waiting import wait_for

ACTOR = r"(?:the product owner|a user|someone)"
PAGES = {"scrape": "/", "sources": "/sources", "runs": "/runs", "jobs": "/jobs",
         "models and costs": "/costs", "costs": "/costs", "models": "/costs"}
FOLLOWER_GONE_S = 10.0  # the dashboard checks every second whether a tab is still there
BUDGET_WORDS = {"within budget": "ok", "near budget": "warning", "over budget": "over"}
FILTER_WORDS = {  # how a product owner names a filter -> (kind, the page's control)
    "search": ("typed", "search"),
    "words": ("typed", "search"),
    "location": ("typed", "location"),
    "minimum annual salary": ("typed", "minimum annual salary"),
    "posted since": ("typed", "posted since"),
    "company": ("chosen", "company"),
    "work arrangement": ("chosen", "work arrangement"),
    "remote": ("chosen", "work arrangement"),
    "board or site": ("chosen", "board or site"),
    "site": ("chosen", "board or site"),
    "board": ("chosen", "board or site"),
    "extracted by": ("chosen", "extracted by"),
    "route": ("chosen", "extracted by"),
}


def quoted_list(text: str) -> list[str]:
    """'"A", "B" and "C"' -> ["A", "B", "C"]."""
    found = re.findall(r'"([^"]*)"', text)
    assert found, f"expected quoted names, got {text!r}"
    return found


def _page_route(words: str) -> str:
    key = " ".join(words.lower().replace("&", "and").split())
    assert key in PAGES, f"no dashboard page {words!r}; pages: {sorted(PAGES)}"
    return PAGES[key]


# --- Given ---------------------------------------------------------------------------


@given(parsers.re(rf"{ACTOR} has the dashboard's (?P<page>[a-z &]+?) page open"))
@async_step
async def page_open(page: str, dashboard_page: DashboardPage) -> None:
    """The dashboard page is open in the product owner's browser."""
    await dashboard_page.open(_page_route(page))


@given(phrase("the dashboard is seen on a screen {width:Number} pixels wide"))
@async_step
async def screen_width(width: int, dashboard_page: DashboardPage) -> None:
    """A phone-sized (or any) browser window."""
    await dashboard_page.page.set_viewport_size({"width": width, "height": 844})


@given(parsers.re(rf"{ACTOR} has started a scrape of these sources from the dashboard"))
@async_step
async def started_from_dashboard(
    dashboard_page: DashboardPage, store: Store, scenario: ScenarioContext
) -> None:
    """A scrape of the scenario's sources started on the dashboard and now under way."""
    await _start_scrape(dashboard_page, store, scenario)


@given(phrase('a posting "{title:Quoted}" of "{company:Quoted}" extracted by the {route} model '
              "from a {prompt:Number}-token prompt with {output:Number} output tokens"))
def posting_from_model(
    title: str,
    company: str,
    route: str,
    prompt: int,
    output: int,
    store: Store,
    app_settings: Settings,
    scenario: ScenarioContext,
) -> None:
    """A posting the local (or cloud) model extracted: its model call is recorded with
    it, priced by the application; a local call names the tier (and its model) that the
    tier table in force gives a prompt of that size ("from a 6,000-token prompt": the
    tier for long pages).

    Also matches: "... extracted by the cloud model from a 12,000-token prompt with 600
    output tokens".
    """
    from jobscraper.ai.costs import call_cost
    from jobscraper.ai.routing import local_model_name, tier_for

    kind = Route(route.strip().lower())
    assert kind in (Route.LOCAL, Route.CLOUD), f"a model route is local or cloud, not {route}"
    url = f"https://careers.example.com/jobs/{len(scenario.postings_by_title) + 1}"
    tier = tier_for(prompt, app_settings) if kind == Route.LOCAL else None
    model = local_model_name(tier, app_settings) if tier else app_settings.cloud_model
    call = store.record_model_call(ModelCall(
        page_url=url, route=kind.value, tier=tier.name if tier else None,
        model=model, prompt_tokens=prompt, completion_tokens=output, latency_ms=850.0,
        cost_usd=call_cost(kind.value, model, prompt, output, app_settings, latency_ms=850.0),
        threshold=app_settings.token_threshold,
    ))
    posting: PostingData = PostingDataFactory(
        title=title, company=company, url=url, route=kind, model_call_id=call.id
    )
    store.upsert_postings([posting])
    scenario.postings_by_title[title] = posting


@given(phrase('the career page of "{company:Quoted}" is a saved source'))
def saved_source(company: str, store: Store, scenario: ScenarioContext,
                 fake_internet: FakeInternet) -> None:
    """The company's career page is among the sources the user keeps on the dashboard."""
    from jobscraper.models import SourceKind

    info = site_of(company)
    serve(info, fake_internet)
    store.add_source(SourceKind.CAREER_PAGE.value, info.start_url)
    scenario.sources.append(info.start_url)


# --- When: scraping ------------------------------------------------------------------


async def _save_sources(tab: DashboardPage, store: Store, scenario: ScenarioContext) -> None:
    """Add, on the Sources page, each of the scenario's sources not saved yet."""
    saved = {s.value for s in store.sources()}
    missing = [s for s in scenario.sources
               if (s if isinstance(s, str) else s.label) not in saved]
    if not missing:
        return
    await tab.sources.open()
    for source in missing:
        if isinstance(source, BoardQuery):
            await tab.sources.add_search(source.search_term, source.location or "",
                                         boards=list(source.sites))
        else:
            await tab.sources.add_career_page(source)
        refusal = await tab.sources.refusal()
        assert not refusal, f"the dashboard refused {source!r}: {refusal}"


async def _start_scrape(tab: DashboardPage, store: Store, scenario: ScenarioContext) -> str:
    await _save_sources(tab, store, scenario)
    await tab.scrape.open()
    await tab.scrape.start(source_labels(scenario))
    run_id = await tab.scrape.run_id()
    scenario.run_id = run_id
    scenario.background_runs.append(run_id)
    return run_id


@when(parsers.re(rf"{ACTOR} (?:scrapes these sources|starts a scrape of these sources) "
                 r"from the dashboard"))
@async_step
async def scrape_from_dashboard(
    dashboard_page: DashboardPage, store: Store, scenario: ScenarioContext
) -> None:
    """Save the scenario's sources, start a scrape of them on the dashboard and watch it
    until it ends."""
    await _start_scrape(dashboard_page, store, scenario)
    await dashboard_page.scrape.wait_until_final()


@when(parsers.re(rf"{ACTOR} starts the same scrape again from the dashboard"))
@async_step
async def scrape_again(dashboard_page: DashboardPage, scenario: ScenarioContext) -> None:
    """Come back to the Scrape page and press Start again for the same sources."""
    await dashboard_page.scrape.open()
    await dashboard_page.scrape.start(source_labels(scenario))
    scenario.dashboard_run_shown = await dashboard_page.scrape.run_id()


@when(parsers.re(rf"{ACTOR} cancels the run from the dashboard"))
@async_step
async def cancel_from_dashboard(dashboard_page: DashboardPage) -> None:
    """The run under way is cancelled from its page ("the product owner cancels the run from the
    dashboard")."""
    await dashboard_page.scrape.cancel()


@when(parsers.re(rf"{ACTOR} closes the dashboard"))
@async_step
async def close_dashboard(dashboard_page: DashboardPage) -> None:
    """The tab is closed (its websocket goes); the run itself goes on in its worker."""
    await dashboard_page.close()


@when(parsers.re(rf"{ACTOR} opens the dashboard page of the run"))
@async_step
async def open_run_page(dashboard_page: DashboardPage, scenario: ScenarioContext) -> None:
    """Someone opens the run's own page while it is under way."""
    await dashboard_page.runs.open_run(scenario.run_id)


@when(parsers.re(rf"{ACTOR} opens the dashboard's (?P<page>[a-z &]+?) page"))
@async_step
async def open_page(page: str, dashboard_page: DashboardPage) -> None:
    """A page of the dashboard opened in the browser ("the product owner opens the
    dashboard's jobs page"; scrape, sources, runs, jobs, models and costs)."""
    await dashboard_page.open(_page_route(page))


# --- When: sources -------------------------------------------------------------------


@when(parsers.re(rf'{ACTOR} adds the career page "{group("address", quoted)}" on the dashboard'
                 r"(?P<keyboard> with the keyboard alone)?"))
@async_step
async def add_career_page(
    address: str, keyboard: str | None, dashboard_page: DashboardPage
) -> None:
    """Type an address into the career page form and add it (with the mouse, or with
    Tab, typing and Enter only)."""
    sources = dashboard_page.sources
    await sources.open_unless_shown()
    if keyboard:
        await sources.add_career_page_by_keyboard(address)
    else:
        await sources.add_career_page(address)


@when(parsers.re(rf"{ACTOR} adds these sources on the dashboard:"))
@async_step
async def add_sources_table(datatable: list[list[str]], dashboard_page: DashboardPage) -> None:
    """Columns: source (an address or a search as typed), boards (for searches: "LinkedIn,
    Indeed"; empty = a career page)."""
    header = [c.strip().lower() for c in datatable[0]]
    sources = dashboard_page.sources
    await sources.open_unless_shown()
    for row in datatable[1:]:
        cells = dict(zip(header, (c.strip() for c in row), strict=True))
        boards = [b.strip() for b in re.split(r",|\band\b", cells.get("boards", "")) if b.strip()]
        if boards:
            words, _, location = cells["source"].rpartition(" in ")
            await sources.add_search(words or cells["source"], location if words else "",
                                     boards=boards)
        else:
            await sources.add_career_page(cells["source"])


@when(parsers.re(rf'{ACTOR} (?P<action>disables|enables|deletes) the career page of '
                 rf'"{group("company", quoted)}" on the dashboard'))
@async_step
async def change_saved_source(action: str, company: str, dashboard_page: DashboardPage) -> None:
    """Switch a saved source off or on, or delete it (confirming when asked)."""
    sources = dashboard_page.sources
    await sources.open_unless_shown()
    address = site_of(company).start_url
    if action == "deletes":
        await sources.delete(address)
    else:
        await sources.set_enabled(address, action == "enables")


# --- When: jobs ----------------------------------------------------------------------


async def _filter_jobs(
    filters: dict[str, str], dashboard_page: DashboardPage, scenario: ScenarioContext
) -> None:
    typed: dict[str, str] = {}
    chosen: dict[str, str] = {}
    for words, value in filters.items():
        key = " ".join(words.lower().split())
        assert key in FILTER_WORDS, f"no jobs filter {words!r}; filters: {sorted(FILTER_WORDS)}"
        kind, control = FILTER_WORDS[key]
        (typed if kind == "typed" else chosen)[control] = value
        scenario.jobs_filters[control] = value
    await dashboard_page.jobs.open()
    await dashboard_page.jobs.filter(typed, chosen)


@when(parsers.re(rf'{ACTOR} filters the jobs on the dashboard by (?P<name>[a-z ]+?) '
                 rf'"{group("value", quoted)}"'))
@async_step
async def filter_jobs(
    name: str, value: str, dashboard_page: DashboardPage, scenario: ScenarioContext
) -> None:
    """One filter of the Jobs page: search, company, location, work arrangement, minimum
    annual salary, board or site, extracted by, posted since."""
    await _filter_jobs({name: value}, dashboard_page, scenario)


@when(parsers.re(rf"{ACTOR} filters the jobs on the dashboard by:"))
@async_step
async def filter_jobs_table(
    datatable: list[list[str]], dashboard_page: DashboardPage, scenario: ScenarioContext
) -> None:
    """Several filters at once: | filter | value |."""
    rows = [[c.strip() for c in row] for row in datatable[1:]]
    await _filter_jobs({name: value for name, value in rows}, dashboard_page, scenario)


@when(parsers.re(rf'{ACTOR} opens the posting "{group("title", quoted)}" on the dashboard'))
@async_step
async def open_posting(title: str, dashboard_page: DashboardPage) -> None:
    """A stored posting's detail opened from the jobs list ("a user opens the posting "Robotics
    Engineer" on the dashboard")."""
    await dashboard_page.jobs.open()
    await dashboard_page.jobs.open_posting(title)


@when("the dashboard's server restarts")
@async_step
async def server_restarts(dashboard_page: DashboardPage, dashboard: DashboardServer) -> None:
    """The dashboard's server stops (every open page loses its connection) and starts
    again on the same address, while the page stays open."""
    await dashboard_page.watch_connection()
    await asyncio.to_thread(dashboard.stop)
    await dashboard_page.wait_connection_lost()
    await asyncio.to_thread(dashboard.ensure_started)


# --- Then: scraping --------------------------------------------------------------------


@then(phrase("the dashboard shows the run {status} at {percent:Percent}"))
@async_step
async def run_shown_at(status: str, percent: float, dashboard_page: DashboardPage) -> None:
    """The run's final status and its bar, as the page shows them once it has ended."""
    shown = await dashboard_page.scrape.wait_until_final()
    progress = await dashboard_page.scrape.progress()
    assert (shown, progress["percent"]) == (status, percent), f"the dashboard shows {progress}"


@given(phrase("the dashboard shows {done:Number} source{:s} done"))
@then(phrase("the dashboard shows {done:Number} source{:s} done"))
@async_step
async def sources_done_shown(done: int, dashboard_page: DashboardPage) -> None:
    """At least this many sources are shown as finished, waiting for them ("the dashboard
    shows 1 source done"); as a Given, the run has got that far before the When.

    Also matches: "the dashboard shows one source done", "... shows 3 sources done".
    """
    await dashboard_page.scrape.wait_for_sources_done(done)


@then("the dashboard showed postings appearing before the run ended")
@async_step
async def postings_appeared(dashboard_page: DashboardPage) -> None:
    """The page showed a number of postings found while the run was still going."""
    seen = await dashboard_page.progress_seen()
    live = [s for s in seen if s.status not in ("completed", "failed", "cancelled")]
    assert any(s.postings_found > 0 for s in live), (
        f"no postings were shown before the run ended; updates shown: {seen}"
    )
    counts = [s.postings_found for s in seen]
    assert counts == sorted(counts), f"the postings count went backwards: {counts}"


@then("the postings the dashboard shows are the postings stored")
@async_step
async def shown_postings_stored(dashboard_page: DashboardPage, store: Store,
                                scenario: ScenarioContext) -> None:
    """The run's postings on the page are exactly those in the store, and so is their number."""
    shown = sorted(await dashboard_page.scrape.found_titles())
    stored = sorted(p.title for p in store.postings(run_id=scenario.run_id))
    assert shown == stored, f"the dashboard shows {shown}, the store holds {stored}"
    progress = await dashboard_page.scrape.progress()
    assert progress["postings"] == len(stored), f"the dashboard counts {progress['postings']}"


@then("the delay from each progress update to the screen is recorded")
@async_step
async def screen_delays(
    dashboard_page: DashboardPage, request: pytest.FixtureRequest, scenario: ScenarioContext
) -> None:
    """Publish (worker) to DOM (browser) delay of every update the page showed, as metrics."""
    seen = [s for s in await dashboard_page.progress_seen() if s.published_ms > 0]
    assert len(seen) >= 2, f"the page showed too few updates to time: {seen}"
    delays = [s.delay_ms for s in seen]
    assert all(d > -5 for d in delays), f"updates shown before they were sent (clock?): {delays}"
    record_delays(request, scenario, "dashboard (publish to screen)", [max(0, d) for d in delays])


@then(parsers.re(rf'the dashboard shows the source "{group("source", quoted)}" as {OUTCOME}'
                 rf'(?: because "{group("reason", quoted)}")?'))
@async_step
async def source_card_shown(
    source: str, outcome: str, reason: str | None, dashboard_page: DashboardPage
) -> None:
    """A source's card: its outcome and, optionally, words of its reason."""
    await _check_card(dashboard_page, source, outcome, reason)


@then(parsers.re(rf'the dashboard shows the career page of "{group("company", quoted)}" as '
                 rf'{OUTCOME}(?: because "{group("reason", quoted)}")?'))
@async_step
async def company_card_shown(
    company: str, outcome: str, reason: str | None, dashboard_page: DashboardPage
) -> None:
    """A source's card on the run page ("the dashboard shows the career page of "ACME Robotics" as
    done", optionally: because "...")."""
    await _check_card(dashboard_page, site_of(company).start_url, outcome, reason)


async def _check_card(tab: DashboardPage, source: str, outcome: str, reason: str | None) -> None:
    await tab.scrape.wait_until_final()
    cards = {c.source: c for c in await tab.scrape.cards()}
    assert source in cards, f"no card for {source}; cards: {list(cards)}"
    card = cards[source]
    expected = outcome_word(outcome).value
    assert card.state == expected, f"{source} is shown as {card.state}, not {expected}: {card}"
    if reason:
        assert reason.lower() in card.reason.lower(), f"{source}'s reason: {card.reason!r}"


@then("nothing follows the run's progress any more")
def nobody_follows(app_settings: Settings, scenario: ScenarioContext) -> None:
    """No subscriber is left on the run's progress channel (Redis counts them)."""
    from jobscraper.redis_server import sync_client
    from jobscraper.runs.progress import channel_name

    client = sync_client(app_settings)
    channel = channel_name(scenario.run_id)

    def subscribers() -> int:
        return int(dict(client.pubsub_numsub(channel)).get(channel.encode(), 0))

    try:
        wait_for(lambda: subscribers() == 0, FOLLOWER_GONE_S,
                 f"the run's progress channel still has {subscribers()} subscriber(s)")
    finally:
        client.close()


@then("the dashboard shows the run it started first")
def shows_first_run(scenario: ScenarioContext) -> None:
    """After a second start was asked for, the dashboard still shows the first run ("the dashboard
    shows the run it started first")."""
    assert scenario.dashboard_run_shown == scenario.run_id, (
        f"the dashboard shows run {scenario.dashboard_run_shown}, started {scenario.run_id}"
    )


@then("only one run was started")
def one_run(store: Store) -> None:
    """Exactly one run exists ("only one run was started")."""
    runs = store.runs()
    assert len(runs) == 1, f"{len(runs)} runs: {[(r.id, r.status) for r in runs]}"


@then(phrase("the first thing the dashboard shows is the run under way with at least "
             "{done:Number} of {total:Number} sources done"))
@async_step
async def first_shown(done: int, total: int, dashboard_page: DashboardPage) -> None:
    """The first state the page showed of a run still going: where it stood (at least the
    sources done when it was opened), not an empty run."""
    await dashboard_page.first_progress_shown()
    seen = await dashboard_page.progress_seen()
    first = seen[0]
    assert first.status == "started", f"the run was not under way when shown: {first}"
    assert first.total == total and first.done >= done, f"first shown: {first}"


@then(phrase("the runs page lists the run as {status} with {count:Number} posting{:s} found"))
@async_step
async def runs_page_lists_run(
    status: str, count: int, dashboard_page: DashboardPage, scenario: ScenarioContext
) -> None:
    """The runs page's row of the run ("the runs page lists the run as completed with 3 postings
    found")."""
    rows = await dashboard_page.runs.history()
    mine = [r for r in rows if scenario.run_id.startswith(r["run"])]
    assert mine, f"the run {scenario.run_id} is not on the runs page: {rows}"
    assert (mine[0]["status"], mine[0]["found"]) == (status, str(count)), f"listed: {mine[0]}"


@then(phrase("the runs page lists {count:Number} worker{:s}"))
@async_step
async def runs_page_lists_workers(count: int, dashboard_page: DashboardPage) -> None:
    """The workers the runs page lists ("the runs page lists 2 workers")."""
    workers = await dashboard_page.runs.workers()
    assert len(workers) == count, f"the runs page lists the workers {workers}"
    assert all(w["heartbeat"] for w in workers), f"a worker without a heartbeat: {workers}"


# --- Then: sources ---------------------------------------------------------------------


@then(parsers.re(r"the saved sources are (?P<names>.+)"))
@async_step
async def saved_sources_are(names: str, dashboard_page: DashboardPage, store: Store) -> None:
    """The dashboard lists exactly these sources, and so does the store."""
    expected = quoted_list(names)
    await dashboard_page.sources.open_unless_shown()
    shown = await dashboard_page.sources.saved()
    assert sorted(shown) == sorted(expected), f"the dashboard lists {shown}"
    stored = [s.value for s in store.sources()]
    assert sorted(stored) == sorted(expected), f"the store holds {stored}"


@then(phrase('the dashboard offers only the career page of "{company:Quoted}" to scrape'))
@async_step
async def offers_only(company: str, dashboard_page: DashboardPage) -> None:
    """The scrape page offers that one enabled source ("the dashboard offers only the career page
    of "ACME Robotics" to scrape")."""
    await dashboard_page.scrape.open()
    offered = await dashboard_page.scrape.offered()
    assert offered == [site_of(company).start_url], f"the scrape page offers {offered}"


@then("the dashboard asked for a confirmation before deleting it")
def confirmation_asked(dashboard_page: DashboardPage) -> None:
    """A delete was confirmed in a dialog first ("the dashboard asked for a confirmation before
    deleting it")."""
    assert dashboard_page.sources.confirmations, "nothing was deleted after a confirmation"
    assert dashboard_page.sources.confirmations[-1][1] > 0, (
        "the source was gone before the confirmation was answered"
    )


@then(phrase('the dashboard refuses it because "{reason:Quoted}"'))
@async_step
async def refused(reason: str, dashboard_page: DashboardPage) -> None:
    """The dashboard's refusal, in words ("the dashboard refuses it because "not a valid
    address"")."""
    shown = await dashboard_page.sources.refusal()
    assert shown, "the dashboard refused nothing"
    assert reason.lower() in shown.lower(), f"the dashboard's reason: {shown!r}"


@then("no source is saved")
def nothing_saved(store: Store) -> None:
    """No saved source exists ("no source is saved")."""
    saved = store.sources()
    assert not saved, f"saved: {[s.value for s in saved]}"


# --- Then: jobs ----------------------------------------------------------------------------


@then(phrase("the jobs list shows {count:Number} posting{:s}"))
@async_step
async def jobs_count_shown(count: int, dashboard_page: DashboardPage) -> None:
    """The jobs list's total ("the jobs list shows 4 postings")."""
    total = await dashboard_page.jobs.total()
    titles = await dashboard_page.jobs.titles()
    assert total == count, f"the jobs list counts {total}: {titles}"
    assert len(titles) == min(count, 25), f"the jobs list shows {titles}"


@then(parsers.re(r'the jobs list (?P<how>shows|includes) (?P<names>".+)'))
@async_step
async def jobs_titles_shown(how: str, names: str, dashboard_page: DashboardPage) -> None:
    """Exactly these titles are listed ("shows", any order), or at least these
    ("includes"), each as the text it is."""
    expected = quoted_list(names)
    titles = await dashboard_page.jobs.titles()
    if how == "shows":
        assert sorted(titles) == sorted(expected), f"the jobs list shows {titles}"
    else:
        missing = [t for t in expected if t not in titles]
        assert not missing, f"the jobs list lacks {missing}; it shows {titles}"


@then("the jobs count shown agrees with the database")
@async_step
async def jobs_count_agrees(
    dashboard_page: DashboardPage, store: Store, scenario: ScenarioContext
) -> None:
    """The total shown equals the stored postings matching the filters, counted here
    row by row (not with the dashboard's own query)."""
    expected = [p for p in store.postings() if _matches(p, scenario.jobs_filters)]
    total = await dashboard_page.jobs.total()
    assert total == len(expected), (
        f"the dashboard counts {total}, the database holds {len(expected)} matching "
        f"{scenario.jobs_filters}: {[p.title for p in expected]}"
    )


def _has(text: str | None, part: str) -> bool:
    return part.lower() in (text or "").lower()


def _salary_at_least(posting: Any, value: str) -> bool:
    best = posting.salary_annual_max or posting.salary_annual_min
    return best is not None and best >= whole_number(value)


# What each Jobs filter means, written out here independently of the dashboard's query.
_FILTER_MEANS: dict[str, Any] = {
    "search": lambda p, v: all(_has(p.title, w) or _has(p.company, w) for w in v.split()),
    "location": lambda p, v: _has(p.location, v),
    "company": lambda p, v: p.company == v,
    "work arrangement": lambda p, v: (p.remote or "") == v.lower(),
    "board or site": lambda p, v: p.site == v,
    "minimum annual salary": _salary_at_least,
    "extracted by": lambda p, v: p.route == _route_named(v),
    "posted since": lambda p, v: p.posted_date is not None and p.posted_date.isoformat() >= v,
}


def _matches(posting: Any, filters: dict[str, str]) -> bool:
    return all(_FILTER_MEANS[control](posting, value) for control, value in filters.items())


def _route_named(words: str) -> str:
    from jobscraper.ui.jobs import ROUTE_LABELS

    for route, label in ROUTE_LABELS.items():
        if words.lower() in (route, label):
            return route
    raise AssertionError(f"no route {words!r}; routes: {sorted(ROUTE_LABELS.values())}")


@then("the posting's origin shows:")
@async_step
async def origin_shows(datatable: list[list[str]], dashboard_page: DashboardPage) -> None:
    """| field | value |: route, model tier, model, prompt tokens, output tokens, cost."""
    facts = await dashboard_page.jobs.posting_facts()
    names = {"route": "provenance-route", "model tier": "provenance-tier",
             "tier": "provenance-tier", "model": "provenance-model",
             "prompt tokens": "provenance-prompt-tokens",
             "output tokens": "provenance-output-tokens", "cost": "provenance-cost",
             "latency": "provenance-latency"}
    for field, value in (row for row in datatable[1:]):
        key = names.get(field.strip().lower())
        assert key, f"no origin field {field!r}; fields: {sorted(names)}"
        shown = facts[key].replace(",", "")
        assert shown == value.strip().replace(",", ""), f"{field}: shown {facts[key]!r}"


@then("no script from a posting ran in the dashboard")
@async_step
async def no_script_ran(dashboard_page: DashboardPage) -> None:
    """A posting's markup was shown as text: its script did not run ("no script from a posting ran
    in the dashboard")."""
    ran = await dashboard_page.page.evaluate("() => window.__pwned === true")
    assert not ran, "a script from a posting's title ran in the dashboard"
    scripts = await dashboard_page.page.locator("script:not([src])").all_inner_texts()
    assert not any("__pwned" in s for s in scripts), "a posting's script is in the page"


# --- Then: models and costs --------------------------------------------------------------


@then(phrase("the dashboard shows the model for {words} as loaded, with its load time"))
@async_step
async def model_shown_loaded(
    words: str, dashboard_page: DashboardPage, app_settings: Settings
) -> None:
    """The models page names the resident model ("the dashboard shows the model for short pages as
    loaded, with its load time")."""
    from jobscraper.ai.routing import local_model_name

    tier = tier_named(words, app_settings)
    residents = await dashboard_page.costs.residents()
    wanted = local_model_name(tier, app_settings)
    found = [r for r in residents if r["tier"] == tier.name and r["model"] == wanted]
    assert found, f"the dashboard shows as loaded: {residents}"
    seconds = float(found[0]["load time"].removesuffix(" s"))
    assert seconds > 0, f"load time shown: {found[0]['load time']}"


@then(phrase("the dashboard shows a token threshold of {tokens:Number}"))
@async_step
async def threshold_shown(tokens: int, dashboard_page: DashboardPage) -> None:
    """The routing threshold on the models page ("the dashboard shows a token threshold of
    8,000")."""
    shown = await dashboard_page.costs.figure("threshold")
    assert whole_number(shown) == tokens, f"threshold shown: {shown}"


@then(phrase("the dashboard shows a local processing rate of {share:Percent}"))
@async_step
async def local_rate_shown(share: float, dashboard_page: DashboardPage) -> None:
    """The costs page's local processing rate ("the dashboard shows a local processing rate of
    75%")."""
    shown = await dashboard_page.costs.figure("local-rate")
    assert abs(percent(shown) - share) < 0.05, f"local processing rate shown: {shown}"


@then(phrase("the dashboard shows {count:Number} page{:s} sent to the cloud"))
@async_step
async def cloud_pages_shown(count: int, dashboard_page: DashboardPage) -> None:
    """Pages that went to the cloud, on the costs page ("the dashboard shows 1 page sent to the
    cloud")."""
    shown = await dashboard_page.costs.figure("pages-cloud")
    assert whole_number(shown) == count, f"cloud pages shown: {shown}"


@then(parsers.re(r"the dashboard flags the budget as (?P<state>within budget|near budget|"
                 r"over budget)"))
@async_step
async def budget_flagged(state: str, dashboard_page: DashboardPage) -> None:
    """The monthly budget's state ("the dashboard flags the budget as over budget"; within budget,
    near budget)."""
    level, text = await dashboard_page.costs.budget()
    assert level == BUDGET_WORDS[state], f"the budget is shown as {level}: {text}"


# --- Then: every screen, keyboard and connection -----------------------------------------------


@then("the page fits the screen's width")
@async_step
async def fits_width(dashboard_page: DashboardPage) -> None:
    """Nothing scrolls sideways on the current screen ("the page fits the screen's width")."""
    widths = await dashboard_page.page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert widths[0] <= widths[1], f"the page is {widths[0]} px wide on a {widths[1]} px screen"


@then("the dashboard said that the connection was lost")
@async_step
async def said_connection_lost(dashboard_page: DashboardPage) -> None:
    """The dashboard told the user its connection to the server was lost."""
    assert await dashboard_page.connection_lost_shown, (
        "the page never said the connection was lost"
    )


@then("the dashboard is connected again without a reload")
@async_step
async def connected_again(dashboard_page: DashboardPage) -> None:
    """The dashboard reconnected by itself and shows live data again, without a reload."""
    await dashboard_page.wait_connected_again()
