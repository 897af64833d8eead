"""Shared vocabulary of features/runs: background runs, their workers, cancelling, crashes.

Runs are started, followed and cancelled through the application's own API
(``jobscraper.runs``) against real ``jobscraper worker`` processes (fixture
``workers``), a real Redis (``suite_redis``) and the fake internet's career
sites. Crashes are real: a worker is SIGKILLed, Redis is killed and started
again. Nothing of the application is patched.

"Company career sites" are the fake internet's generated sites
(``company-01.example-jobs.test`` ...), each with two schema.org postings, so a
run's expected postings are known without a model. Slow sites ("that each
answer in 0.5 seconds") get a per-request delay at the fake internet, which
keeps a run reliably mid-way while a scenario cancels it, kills its worker or
restarts Redis.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import redis
from pytest_bdd import given, parsers, then, when
from rq.job import Job

from jobscraper.config import Settings
from jobscraper.models import RunStatus
from jobscraper.redis_server import sync_client
from jobscraper.runs import progress as prog
from jobscraper.runs.queue import RunInfo, cancel_run, run_status, start_run
from jobscraper.runs.verdict import failure_reason, judge, unsuccessful
from jobscraper.scrape import ScrapeResult
from jobscraper.sources.detect import BoardQuery
from jobscraper.store import Store
from steps.common._types import CAREER_PAGES, converters, group, phrase, quoted, whole_number
from steps.common.context import ScenarioContext
from steps.harness.app import SettingsOverrides, SuiteRedis
from steps.harness.fake_internet import FakeInternet, SiteInfo
from steps.harness.site_names import site_at
from steps.harness.waiting import RUN_TIMEOUT_S, wait_for
from steps.harness.worker_fixtures import Workers

# --- helpers -------------------------------------------------------------------------------


def _diagnostics(request: pytest.FixtureRequest) -> Callable[[], str]:
    """Worker logs, for failure messages."""

    def text() -> str:
        try:
            workers = request.getfixturevalue("workers")
        except pytest.FixtureLookupError:
            return ""
        return "worker logs:\n" + workers.logs()

    return text


def _company_sites(scenario: ScenarioContext) -> dict[str, SiteInfo]:
    """host -> SiteInfo (expected postings) of the fixture career sites among the sources:
    generated company sites and catalogue companies ("ACME Robotics") alike."""
    found = {}
    for source in source_labels(scenario):
        info = site_at(source)
        if info is not None and info.postings:
            found[info.host] = info
    assert found, f"no fixture company career site among the sources {scenario.sources}"
    return found


def _site_hosts(scenario: ScenarioContext) -> list[str]:
    return list(_company_sites(scenario))


def source_labels(scenario: ScenarioContext) -> list[str]:
    """The scenario's sources as a user types them (career page URLs, searches)."""
    return [s if isinstance(s, str) else s.label for s in scenario.sources]


def start_in_background(
    labels: list[str], settings: Settings, store: Store, scenario: ScenarioContext
) -> str:
    """Start a background run as the dashboard starts one over saved sources: each of the
    scenario's job-board searches keeps its own boards (and remote-only choice) as the
    run's options for that search, so two searches on different boards stay apart."""
    options: dict[str, dict[str, object]] = {}
    for source in scenario.sources:
        if isinstance(source, BoardQuery) and source.label in labels:
            own: dict[str, object] = {"sites": list(source.sites)}
            if source.is_remote is not None:
                own["is_remote"] = source.is_remote
            options[source.label] = own
    run_id = start_run(labels, settings, store=store, source_options=options or None)
    scenario.background_runs.append(run_id)
    return run_id


def _host_of(source: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(source).hostname or source


def _listing_visits(fake_internet: FakeInternet, host: str) -> int:
    """How often the site's job listing (its start page) was fetched or, for a career site
    on a hiring platform read from the platform's feed without its listing ("Lumen Grid"
    on Greenhouse), how often that feed was."""
    from urllib.parse import urlsplit

    from steps.harness.fake_internet.sites.platforms import feed_of

    info = site_at(f"https://{host}/")
    listing = urlsplit(info.start_url).path.rstrip("/") if info else "/jobs"
    visits = sum(1 for r in fake_internet.requests_to(host) if r.path.rstrip("/") == listing)
    feed = feed_of(info.kind) if info and not visits else None
    if feed is None:
        return visits
    feed_host, feed_path = feed
    return sum(1 for r in fake_internet.requests_to(feed_host)
               if r.path.rstrip("/") == feed_path.rstrip("/"))


def _final_status(
    run_id: str, settings: Settings, store: Store, request: pytest.FixtureRequest
) -> RunInfo:
    def probe() -> RunInfo | None:
        try:
            info = run_status(run_id, settings, store=store)
        except (redis.ConnectionError, redis.TimeoutError):
            return None
        return info if info.is_final else None

    def details() -> str:
        try:
            info = run_status(run_id, settings, store=store)
            now = f"run is {info.status}, {info.sources_done}/{info.sources_total} sources"
        except Exception as exc:  # diagnostics only
            now = f"status unavailable: {exc}"
        return now + "\n" + _diagnostics(request)()

    return wait_for(probe, RUN_TIMEOUT_S, f"run {run_id} did not end", details)


# --- Given -------------------------------------------------------------------------------


@given("sources are scraped one at a time")
def one_source_at_a_time(settings_overrides: SettingsOverrides) -> None:
    """A run scrapes its sources one after another (Settings.max_concurrent_sources = 1)."""
    settings_overrides["max_concurrent_sources"] = 1


@given(phrase("{count:Number} background worker{:s} {:is} running"))
def several_workers(count: int, workers: Workers) -> None:
    """``jobscraper worker`` processes sharing the app's queue ("a background worker is
    running", "2 background workers are running").

    Also matches: "one background worker is running", "two background workers are running".
    """
    workers.start(count)


# The sources of a background run, however a product owner calls them.
THESE_SOURCES = (rf"(?:these|the) (?:(?:company )?{CAREER_PAGES}|companies|sources|searches"
                 r"|job[- ]board searches)")


@given(parsers.re(rf"a background run over {THESE_SOURCES} has finished "
                  rf"{group('done', whole_number)} sources?"),
       converters=converters(done=whole_number))
def run_part_done(
    done: int,
    app_settings: Settings,
    store: Store,
    scenario: ScenarioContext,
    request: pytest.FixtureRequest,
) -> None:
    """A run over the scenario's sources, started in the background and now mid-way
    ("... has finished 1 source").

    Also matches: "a background run over these sources has finished one source",
    "... over these searches ...", "... over the career pages ...", "... over these
    companies ...", "... over these company career sites ...".
    """
    run_id = start_in_background(source_labels(scenario), app_settings, store, scenario)
    scenario.run_id = run_id

    def probe() -> prog.Progress | None:
        state = prog.read_state(run_id, app_settings)
        return state if state and state.sources_done >= done else None

    state = wait_for(
        probe, RUN_TIMEOUT_S, f"run never finished {done} source(s)", _diagnostics(request)
    )
    assert not state.is_final, f"the run already ended ({state.status}): sites too fast?"


@given(parsers.re(rf"a background run over {THESE_SOURCES} has (?:ended|finished)"))
def run_has_ended(
    app_settings: Settings, store: Store, scenario: ScenarioContext, request: pytest.FixtureRequest
) -> None:
    """A run over the scenario's sources (career sites, job-board searches), started in the
    background and now over, however it ended ("a background run over these career sites
    has ended").

    Also matches: "... over these sources has finished", "... over these searches has ended",
    "... over these companies has ended", "... over these careers sites has finished".
    """
    scenario.run_id = start_in_background(source_labels(scenario), app_settings, store, scenario)
    _final_status(scenario.run_id, app_settings, store, request)


@given(parsers.re(rf"a background run over {THESE_SOURCES} is (?:waiting for|queued for) "
                  r"a worker"))
def run_waiting(app_settings: Settings, store: Store, scenario: ScenarioContext) -> None:
    """A run queued while no worker is running ("a background run over these career sites
    is waiting for a worker").

    Also matches: "... over these sources is queued for a worker", "... over these companies
    is waiting for a worker".
    """
    scenario.run_id = start_in_background(source_labels(scenario), app_settings, store, scenario)


# --- When --------------------------------------------------------------------------------


@when("a background worker starts")
def worker_starts(workers: Workers) -> None:
    """A ``jobscraper worker`` process starts (and looks for runs left behind)."""
    workers.start(1)


@when("a background run is started for each career site")
def run_per_site(app_settings: Settings, store: Store, scenario: ScenarioContext) -> None:
    """One run per career site, all queued at once."""
    scenario.run_ids = [
        start_in_background([url], app_settings, store, scenario) for url in source_labels(scenario)
    ]


@when("the run is cancelled")
def cancel(app_settings: Settings, store: Store, scenario: ScenarioContext) -> None:
    """Someone cancels the run while it is under way."""
    cancel_run(scenario.run_id, app_settings, store=store)


@when("the worker carrying out the run is killed")
def kill_worker(
    workers: Workers,
    app_settings: Settings,
    store: Store,
    scenario: ScenarioContext,
    fake_internet: FakeInternet,
) -> None:
    """SIGKILL the worker process that has the run: no clean-up, no goodbye."""
    run_id = scenario.run_id
    state = prog.read_state(run_id, app_settings)
    name = state.worker if state else None
    if not name:
        client = sync_client(app_settings)
        name = Job.fetch(run_id, connection=client).worker_name
        client.close()
    victim = workers.by_name(name)
    run = store.get_run(run_id)
    done = [s for s in run.sources if s in (run.outcomes or {})]
    victim.kill()
    scenario.done_before_crash = {
        _host_of(s): _listing_visits(fake_internet, _host_of(s)) for s in done
    }


@when("the runs are listed")
def runs_listed(app_settings: Settings, store: Store, scenario: ScenarioContext) -> None:
    """The latest runs, as ``jobscraper runs`` lists them (status, sources done, postings);
    "Then the run is listed as ..." reads them."""
    from jobscraper.runs.queue import list_runs

    scenario.listed_runs = list_runs(app_settings, store=store)


@given("the Redis server has restarted since")
@when("the Redis server restarts")
def restart_redis(suite_redis: SuiteRedis) -> None:
    """Redis is killed and started again empty (it keeps nothing on disk)."""
    suite_redis.restart()


# --- Then --------------------------------------------------------------------------------


# How a product owner says how a run ended: "ends completed", "completes", "fails", ...
RUN_ENDS = (
    r"(?:(?:ends|ended|finishes|finished|is|was) (?P<status>completed|successful|successfully"
    r"|failed|cancelled)|(?P<verb>completes|completed|succeeds|succeeded|fails|failed))"
)
_ENDED = {"completed": RunStatus.COMPLETED, "successful": RunStatus.COMPLETED,
          "successfully": RunStatus.COMPLETED, "completes": RunStatus.COMPLETED,
          "succeeds": RunStatus.COMPLETED, "succeeded": RunStatus.COMPLETED,
          "failed": RunStatus.FAILED, "fails": RunStatus.FAILED,
          "cancelled": RunStatus.CANCELLED}


def ended_as(status: str | None, verb: str | None) -> str:
    """The final status a RUN_ENDS match names ("completes" -> completed)."""
    return _ENDED[(status or verb or "").lower()].value


@then(
    parsers.re(
        rf"the run {RUN_ENDS}"
        rf"(?:,? (?:with|having found) {group('count', whole_number)} postings?(?: found)?)?"
        rf'(?: because "{group("reason", quoted)}")?'
    ),
    converters=converters(count=whole_number),
)
def run_ends(
    status: str | None,
    verb: str | None,
    count: int | None,
    reason: str | None,
    app_settings: Settings,
    store: Store,
    scenario: ScenarioContext,
    request: pytest.FixtureRequest,
) -> None:
    """The run's final status (and postings count, and reason) - as stored and as streamed.

    After a foreground scrape ("When the sources are scraped") the run is that scrape,
    judged by the application's own rule for runs (``jobscraper.runs.verdict``).
    Example: "the run ends completed with 6 postings found".

    Also matches: "the run completes", "the run succeeds", "the run finishes completed",
    "the run ends successfully", "the run fails", "the run ended failed because "503"",
    "the run completes having found 6 postings", "... with 1 posting", "... with no postings
    found".
    """
    status = ended_as(status, verb)
    if scenario.scrape_result is not None:
        _foreground_run_ends(scenario.scrape_result, status, count, reason)
        return
    info = _final_status(scenario.run_id, app_settings, store, request)
    assert info.status == status, (
        f"run ended {info.status}, not {status}; error: {info.error}\n" + _diagnostics(request)()
    )
    if count is not None:
        assert info.postings_found == count, (
            f"run found {info.postings_found} postings, not {count}: {info.outcomes}"
        )
    if reason is not None:
        assert info.error and reason.lower() in info.error.lower(), (
            f"the run's reason {info.error!r} does not mention {reason!r}"
        )
    if scenario.updates:  # whoever followed the run saw the same ending
        last = scenario.updates[-1]
        assert last.status == status, f"the stream ended {last.status}, not {status}"
        if count is not None:
            assert last.postings_found == count, f"stream: {last.postings_found} postings"
        if reason is not None:
            assert last.message and reason.lower() in last.message.lower(), last.message


def _foreground_run_ends(result: ScrapeResult, status: str, count: int | None,
                        reason: str | None) -> None:
    records = {o.source: o for o in result.outcomes}
    verdict, _ = judge(records)  # the rule background workers apply
    ended = RunStatus.CANCELLED.value if result.cancelled else verdict.value
    why = failure_reason(unsuccessful(records))
    assert ended == status, f"the scrape ended {ended}, not {status}: {why}"
    if count is not None:
        assert result.found == count, f"the scrape found {result.found} postings, not {count}"
    if reason is not None:
        assert reason.lower() in why.lower(), f"the scrape's problems {why!r} do not mention " \
            f"{reason!r}"


@then(parsers.re(rf"every run {RUN_ENDS}"))
def every_run_ends(
    status: str | None, verb: str | None, app_settings: Settings, store: Store,
    scenario: ScenarioContext, request: pytest.FixtureRequest,
) -> None:
    """All runs the scenario started reached this final status ("every run ends
    completed").

    Also matches: "every run completes", "every run finishes completed", "every run fails".
    """
    status = ended_as(status, verb)
    infos = [_final_status(r, app_settings, store, request) for r in scenario.run_ids]
    wrong = [(i.run_id, i.status, i.error) for i in infos if i.status != status]
    assert not wrong, f"runs not {status}: {wrong}"


@then(phrase("the runs were shared between {count:Number} worker{:s}"))
def shared_between(count: int, app_settings: Settings, scenario: ScenarioContext) -> None:
    """Each run was carried out by one worker, and this many workers took part ("the
    runs were shared between 2 workers").

    Also matches: "... between two workers", "... between 1 worker".
    """
    client = sync_client(app_settings)
    try:
        names = [Job.fetch(r, connection=client).worker_name for r in scenario.run_ids]
    finally:
        client.close()
    assert all(names), f"runs without a worker: {names}"
    assert len(set(names)) == count, f"runs by worker: {names}"


@then("every career site was scraped exactly once")
def each_site_once(fake_internet: FakeInternet, scenario: ScenarioContext) -> None:
    """No run was carried out twice: each site's job listing was fetched once (for a
    career site on a hiring platform read from its feed, that feed), catalogue companies
    ("Lumen Grid") and generated sites alike."""
    visits = {host: _listing_visits(fake_internet, host) for host in _site_hosts(scenario)}
    assert set(visits.values()) == {1}, f"job listing fetched per site: {visits}"


@then("the postings it found before the cancellation are kept")
def found_postings_kept(store: Store, scenario: ScenarioContext) -> None:
    """What the run found is stored, every posting of each source it completed included."""
    run = store.get_run(scenario.run_id)
    by_host = _company_sites(scenario)
    complete = [
        source
        for source, outcome in run.source_outcomes().items()
        if outcome.ok and outcome.postings == len(by_host[_host_of(source)].postings)
    ]
    assert complete, f"the run completed no source before it stopped: {run.outcomes}"
    for source in complete:
        for url in by_host[_host_of(source)].posting_urls:
            assert store.posting_by_url(url) is not None, f"posting {url} of {source} is gone"
    stored = store.count_postings()
    assert stored == run.postings_found, (
        f"{stored} postings stored, the run reported {run.postings_found} found"
    )


@then("the career sites it had not started were never visited")
def unstarted_never_visited(
    store: Store, fake_internet: FakeInternet, scenario: ScenarioContext
) -> None:
    """Sources after the cancellation were not scraped at all."""
    run = store.get_run(scenario.run_id)
    started = {_host_of(s) for s in (run.outcomes or {})}
    unstarted = [h for h in _site_hosts(scenario) if h not in started]
    assert unstarted, "every site was started: the run was cancelled too late to tell"
    visited = {h: len(fake_internet.requests_to(h)) for h in unstarted}
    assert not any(visited.values()), f"requests to sites after the cancellation: {visited}"


@then("no source finished before the crash was scraped again")
def not_scraped_again(fake_internet: FakeInternet, scenario: ScenarioContext) -> None:
    """The run resumed where it was: finished sources were not fetched a second time."""
    before = scenario.done_before_crash
    assert before, "no source was finished before the crash"
    after = {host: _listing_visits(fake_internet, host) for host in before}
    assert after == before, f"job listings fetched before/after the crash: {before} / {after}"


@then(
    parsers.re(
        r"the run is (?:listed|shown) as (?P<status>queued|waiting|started|running|under way"
        r"|completed|failed|cancelled)"
        rf"(?: with {group('done', whole_number)} of {group('total', whole_number)} "
        r"sources? done)?"
    ),
    converters=converters(done=whole_number, total=whole_number),
)
def run_listed_as(status: str, done: int | None, total: int | None,
                  scenario: ScenarioContext) -> None:
    """The scenario's run in the list of runs, with its status (and sources done): "the run
    is listed as queued with 0 of 2 sources done".

    Also matches: "the run is shown as completed", "... as waiting" (queued), "... as
    running" or "... as under way" (started), "... with 1 of 1 source done".
    """
    wanted = {"waiting": RunStatus.QUEUED.value, "running": RunStatus.STARTED.value,
              "under way": RunStatus.STARTED.value}.get(status, status)
    listed = {info.run_id: info for info in scenario.listed_runs}
    info = listed.get(scenario.run_id)
    assert info is not None, f"run {scenario.run_id} is not listed: {sorted(listed)}"
    assert info.status == wanted, f"listed as {info.status}, not {wanted}: {info.error}"
    if done is not None:
        assert (info.sources_done, info.sources_total) == (done, total), (
            f"listed with {info.sources_done} of {info.sources_total} sources done"
        )
