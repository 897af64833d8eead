"""Shared vocabulary: scraping the sources, and what each source's outcome was.

"When the sources are scraped" runs the application's real scraper
(``jobscraper.scrape.scrape``) over every source the Givens collected, with the
application's settings and store, against the fake internet. Outcomes are
named in plain words: successful, blocked, failed, needing a model, rejected.
"""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from pytest_bdd import parsers, then, when

from jobscraper.config import Settings
from jobscraper.models import FieldSource, Outcome, Route, RunStatus, ScrapeRun, SourceOutcome
from jobscraper.scrape import scrape
from jobscraper.sources.detect import BoardQuery, CareerPage, detect_source
from jobscraper.sources.guard import SourceRejected
from jobscraper.store import Store, UpsertResult
from steps.common._types import CAREER_PAGE, CAREER_PAGES, Money, group, phrase, quoted
from steps.common.context import ScenarioContext
from steps.harness.asyncio_bridge import async_step
from steps.harness.fake_internet import SITES, FakeInternet, PostingInfo, SiteInfo
from steps.harness.fake_internet.sites.catalogue import INDEED_HOST, LINKEDIN_HOST
from steps.harness.fake_internet.sites.companies import DOMAIN as COMPANIES_DOMAIN
from steps.harness.fake_internet.sites.linkedin import matches
from steps.harness.saved_pages import extract_saved, posting_titled
from steps.harness.site_names import boards, site_of
from steps.harness.waiting import RUN_TIMEOUT_S, wait_for

OUTCOME_WORDS = {
    "successful": Outcome.OK,
    "ok": Outcome.OK,
    "blocked": Outcome.BLOCKED,
    "failed": Outcome.FAILED,
    "needing a model": Outcome.NEEDS_MODEL,
    "needing the cloud": Outcome.NEEDS_CLOUD,
    "not extractable": Outcome.EXTRACTION_FAILED,
    "rejected": Outcome.REJECTED,
    "cancelled": Outcome.CANCELLED,
}


def outcome_word(words: str) -> Outcome:
    key = words.strip().lower()
    if key in OUTCOME_WORDS:
        return OUTCOME_WORDS[key]
    try:
        return Outcome(key.replace(" ", "_"))
    except ValueError:
        raise AssertionError(
            f"unknown outcome {words!r}; known: {sorted(OUTCOME_WORDS)}"
        ) from None


# An outcome in plain words ("successful", "needing a model"), see OUTCOME_WORDS.
OUTCOME = r"(?P<outcome>[A-Za-z ]+?)"


def _run_outcomes(run_id: str, store: Store, wait: bool) -> list[SourceOutcome]:
    """Per-source outcomes of a run as stored in its row; a background run's once it has
    ended (``wait``)."""

    def stored() -> ScrapeRun | None:
        run = store.get_run(run_id)
        assert run is not None, f"run {run_id} is not in the store"
        return run if RunStatus(run.status).is_final or not wait else None

    def status() -> str:
        return f"the run is {store.get_run(run_id).status}"  # type: ignore[union-attr]

    run = wait_for(stored, RUN_TIMEOUT_S, f"run {run_id} did not end", status)
    return list(run.source_outcomes().values())


def source_outcomes(scenario: ScenarioContext, store: Store) -> list[SourceOutcome]:
    """How each source went, whichever When ran the sources: a foreground scrape
    ("When the sources are scraped") or a background run (its stored outcomes)."""
    if scenario.scrape_result is not None:
        return list(scenario.scrape_result.outcomes)
    run_id = scenario.run_id
    return _run_outcomes(run_id, store, wait=run_id in scenario.background_runs)


def runs_settled(scenario: ScenarioContext, store: Store) -> None:
    """Wait for the scenario's background runs to end, so that a Then reading the store
    after "When a background run ... is started" (nobody following it) reads what the
    runs stored, not what they had stored so far."""
    if scenario.scrape_result is None:
        for run_id in scenario.background_runs:
            _run_outcomes(run_id, store, wait=True)


def saves_of(outcomes: list[SourceOutcome]) -> UpsertResult:
    """What the store reported for the saves of these sources, added up."""
    return UpsertResult(
        new=sum(o.new for o in outcomes),
        updated=sum(o.updated for o in outcomes),
        unchanged=sum(o.unchanged for o in outcomes),
    )


def _describe(outcomes: list[SourceOutcome]) -> str:
    return "\n".join(
        f"  {o.source}: {o.outcome.value} ({o.postings} postings) {o.reason or ''}"
        for o in outcomes
    )


def outcome_of(scenario: ScenarioContext, source: str, store: Store) -> SourceOutcome:
    outcomes = source_outcomes(scenario, store)
    for outcome in outcomes:
        if outcome.source == source:
            return outcome
    raise AssertionError(f"no outcome for {source!r}; outcomes:\n{_describe(outcomes)}")


def _check(outcome: SourceOutcome, expected: Outcome, reason: str | None = None) -> None:
    assert outcome.outcome == expected, (
        f"{outcome.source}: expected {expected.value}, got {outcome.outcome.value} "
        f"({outcome.postings} postings): {outcome.reason}"
    )
    if reason:
        assert reason.lower() in (outcome.reason or "").lower(), (
            f"{outcome.source}: expected the reason to mention {reason!r}, got {outcome.reason!r}"
        )


# --- When ----------------------------------------------------------------------------
@when(parsers.re(rf"the (?:sources|{CAREER_PAGES}|searches|job[- ]board searches) are scraped"))
@async_step
async def sources_are_scraped(
    scenario: ScenarioContext,
    app_settings: Settings,
    store: Store,
    fake_internet: FakeInternet,
) -> None:
    """One foreground scrape of every source given so far, stored in the app's store ("the
    sources are scraped").

    Also matches: "the career pages are scraped", "the careers sites are scraped", "the
    job-board searches are scraped", "the searches are scraped".
    """
    scenario.run_id = uuid.uuid4().hex
    result = await scrape(list(scenario.sources), app_settings, store=store,
                          run_id=scenario.run_id)
    scenario.scrape_result = result
    # What the store reported for the scrape's saves ("the last save counted ...").
    scenario.last_save = saves_of(result.outcomes)


@when("the saved page is extracted")
def saved_page_extracted(scenario: ScenarioContext, app_settings: Settings) -> None:
    """``jobscraper extract FILE`` on the saved page, as a user runs it (nothing stored)."""
    scenario.extracted = extract_saved(scenario.saved_page, app_settings)


@when(phrase('"{text:Quoted}" is given as a source'))
def given_as_source(text: str, scenario: ScenarioContext) -> None:
    """What a user typed, classified (career page or job-board search) or refused."""
    try:
        scenario.detected = detect_source(text)
    except SourceRejected as exc:
        scenario.refusal = exc


# --- Then: detection -------------------------------------------------------------------
@then(parsers.re(rf'it is an? {CAREER_PAGE}(?: at "{group("address", quoted)}")?'))
def is_career_page(address: str | None, scenario: ScenarioContext) -> None:
    """What a user typed is a career page and, with "at", became this address: "it is a
    career page at "https://careers.acme-robotics.com/jobs"".

    Also matches: "it is a career page", "it is a careers page", "it is a career site at
    "..."".
    """
    assert scenario.refusal is None, f"refused: {scenario.refusal}"
    assert isinstance(scenario.detected, CareerPage), f"not a career page: {scenario.detected!r}"
    if address is not None:
        assert scenario.detected.url == address, f"it became {scenario.detected.url!r}"


@then(phrase('it is a job-board search for "{term:Quoted}" in "{location:Quoted}"'))
def is_search_in(term: str, location: str, scenario: ScenarioContext) -> None:
    """What a user typed is a job-board search with these words and this place ("it is a
    job-board search for "python developer" in "Berlin""; "anywhere" for no place).
    """
    assert scenario.refusal is None, f"refused: {scenario.refusal}"
    query = scenario.detected
    assert isinstance(query, BoardQuery), f"not a job-board search: {query!r}"
    expected_location = None if location.lower() in {"", "anywhere"} else location
    assert (query.search_term, query.location) == (term, expected_location), (
        f"search for {query.search_term!r} in {query.location!r}"
    )


@then(phrase('it is refused because "{reason:Quoted}"'))
def is_refused(reason: str, scenario: ScenarioContext) -> None:
    """What a user typed is refused, and the refusal says why ("it is refused because "private
    addresses are not allowed"").
    """
    assert scenario.refusal is not None, f"accepted as {scenario.detected!r}"
    assert reason.lower() in str(scenario.refusal).lower(), f"refused with: {scenario.refusal}"


# --- Then: outcomes -------------------------------------------------------------------
@then(parsers.re(rf'the {CAREER_PAGE} of "{group("company", quoted)}" (?:is|was) reported as '
                 rf'{OUTCOME}(?: because "{group("reason", quoted)}")?'))
def company_outcome(company: str, outcome: str, reason: str | None, scenario: ScenarioContext,
                    store: Store) -> None:
    """An outcome and, optionally, words its reason must contain (after a foreground
    scrape or a background run): "the career page of "Shielded Corp" is reported as
    blocked".

    Also matches: "the careers page of ... was reported as successful", "the career site of
    ... is reported as failed because "timed out"".
    """
    _check(outcome_of(scenario, site_of(company).start_url, store), outcome_word(outcome),
           reason)


@then(parsers.re(rf'the source "{group("source", quoted)}" is reported as {OUTCOME}'
                 rf'(?: because "{group("reason", quoted)}")?'))
def source_outcome(source: str, outcome: str, reason: str | None,
                   scenario: ScenarioContext, store: Store) -> None:
    """An outcome and, optionally, words its reason must contain (after a foreground
    scrape or a background run)."""
    _check(outcome_of(scenario, source, store), outcome_word(outcome), reason)


@then("the sources are reported as:")
def sources_table(datatable: list[list[str]], scenario: ScenarioContext, store: Store) -> None:
    """Columns: source, outcome, reason (words the reason must contain; may be empty)."""
    header = [cell.strip().lower() for cell in datatable[0]]
    for row in datatable[1:]:
        values = {k: v.strip() for k, v in zip(header, row, strict=True)}
        _check(outcome_of(scenario, values["source"], store), outcome_word(values["outcome"]),
               values.get("reason") or None)


@then(parsers.re(r"(?:every source is|all (?:the )?sources are|each source is) reported as "
                 r"(?:successful|ok)"))
def all_successful(scenario: ScenarioContext, store: Store) -> None:
    """After a foreground scrape or a background run: one outcome per source, all ok
    ("every source is reported as successful").

    Also matches: "all sources are reported as successful", "all the sources are reported as
    ok", "each source is reported as successful", "every source is reported as ok".
    """
    outcomes = source_outcomes(scenario, store)
    bad = [o for o in outcomes if o.outcome != Outcome.OK]
    assert not bad, f"not successful:\n{_describe(outcomes)}"
    assert len(outcomes) == len(scenario.sources), (
        f"{len(outcomes)} outcomes for {len(scenario.sources)} sources:\n{_describe(outcomes)}"
    )


# --- Then: postings -------------------------------------------------------------------
@then(phrase('every posting of "{company:Quoted}" is stored with its title, company, '
             "location and salary"))
def company_postings_stored(company: str, store: Store) -> None:
    """Compared with the fixture catalogue the site's pages were generated from."""
    info = site_of(company)
    for expected in info.postings:
        stored = store.posting_by_url(expected.url)
        assert stored is not None, (
            f"{expected.title!r} ({expected.url}) not stored; stored: "
            f"{[(p.title, p.url) for p in store.postings()]}"
        )
        actual = (stored.title, stored.company, stored.location, stored.salary_min,
                  stored.salary_max, stored.salary_currency, stored.salary_interval)
        wanted = (expected.title, expected.company, expected.location, expected.salary_min,
                  expected.salary_max, expected.salary_currency,
                  (expected.salary_interval or "").lower() or None)
        assert actual == wanted, f"stored {actual}, expected {wanted}"


@then(phrase('the postings of "{company:Quoted}" are stored'))
def company_postings_present(company: str, store: Store) -> None:
    """Every posting of the company's fixture site is stored ("the postings of "ACME Robotics"
    are stored").
    """
    info = site_of(company)
    missing = [p.url for p in info.postings if store.posting_by_url(p.url) is None]
    assert not missing, f"not stored: {missing}"


@then(phrase("the postings found on {board_names} are stored with the board they came from"))
def board_postings_stored(board_names: str, scenario: ScenarioContext, store: Store) -> None:
    """Each board's fixture postings that match the words of a search the scenario ran on
    that board (every search on it, when there are several), stored with that site ("the
    postings found on LinkedIn and Indeed are stored with the board they came from").

    Also matches: "the postings found on Indeed are stored ...", "... on LinkedIn, Indeed
    ...".
    """
    runs_settled(scenario, store)
    searches = [s for s in scenario.sources if isinstance(s, BoardQuery)]
    assert searches, 'no job-board search in this scenario (Given a job-board search for "...")'
    board_hosts = {"linkedin": LINKEDIN_HOST, "indeed": INDEED_HOST}
    for board in boards(board_names):
        terms = [q.search_term for q in searches if board in q.sites]
        assert terms, f"no search of this scenario ran on {board}: {[q.text for q in searches]}"
        expected = sorted(p.title for p in SITES[board_hosts[board]].postings
                          if any(matches(p, term) for term in terms))
        stored = sorted(p.title for p in store.postings(site=board))
        assert expected, f"the fixture of {board} has no posting matching {terms}"
        assert stored == expected, f"{board}: stored {stored}, expected {expected}"


@then(phrase('the posting "{title:Quoted}" is stored once'))
def stored_once(title: str, store: Store) -> None:
    """Exactly one stored posting has the title ("the posting "Data Engineer" is stored once")."""
    rows = store.postings(title=title)
    assert len(rows) == 1, f"{len(rows)} stored postings titled {title!r}: " \
        f"{[(r.url, r.site) for r in rows]}"


def _salary_of(posting: object) -> tuple[object, ...]:
    return tuple(getattr(posting, name, None) if not isinstance(posting, dict)
                 else posting.get(name) for name in
                 ("salary_min", "salary_max", "salary_currency", "salary_interval"))


def _expected_salary(expected: PostingInfo) -> tuple[object, ...]:
    return (expected.salary_min, expected.salary_max, expected.salary_currency,
            (expected.salary_interval or "").lower() or None)


@then(phrase('the postings of "{company:Quoted}" were read from the {platform} feed '
             "without a model"))
def read_from_feed(company: str, platform: str, scenario: ScenarioContext, store: Store,
                   fake_internet: FakeInternet) -> None:
    """The source names the platform's feed, none of the postings' own pages was fetched
    and every recorded extraction of the run needed no model."""
    info = site_of(company)
    outcome = outcome_of(scenario, info.start_url, store)
    assert outcome.feed == platform, (
        f"{info.start_url}: read from feed {outcome.feed!r}, not {platform!r}: {outcome.reason}")
    pages = {urlsplit(p.url).path.rstrip("/") for p in info.postings}
    fetched = [r.path for r in fake_internet.requests_to(info.host)
               if r.path.rstrip("/") in pages]
    assert not fetched, f"posting pages fetched one by one: {fetched}"
    _no_model_asked(info, scenario, store)


@then(phrase('no model was asked about the postings of "{company:Quoted}"'))
def no_model_for(company: str, scenario: ScenarioContext, store: Store) -> None:
    """Every posting of the company was read exactly: no local or cloud call for any."""
    _no_model_asked(site_of(company), scenario, store)


def _no_model_asked(info: SiteInfo, scenario: ScenarioContext, store: Store) -> None:
    calls = store.model_calls(run_id=scenario.run_id)
    asked = [(c.route, c.page_url) for c in calls if c.route != Route.STRUCTURED.value]
    assert not asked, f"a model was asked: {asked}"
    for expected in info.postings:
        stored = store.posting_by_url(expected.url)
        assert stored is not None and stored.route == Route.STRUCTURED.value, (
            f"{expected.title!r}: {stored.route if stored else 'not stored'}")


@then(phrase('the posting "{title:Quoted}" is stored with a salary of {low:Money} to '
             "{high:Money} per {period}"))
def stored_salary(title: str, low: Money, high: Money, period: str, store: Store) -> None:
    """The stored salary range, currency and period of a posting ("the posting "QA Engineer"
    is stored with a salary of €50,000 to €60,000 per year").

    Also matches: "... a salary of 50,000 EUR to 60,000 EUR per year".
    """
    rows = store.postings(title=title)
    assert len(rows) == 1, f"{len(rows)} stored postings titled {title!r}"
    wanted = (low.amount, high.amount, low.currency, period.strip().lower())
    assert _salary_of(rows[0]) == wanted, f"stored {_salary_of(rows[0])}, expected {wanted}"


@then(phrase('the salary of "{title:Quoted}" was read from the posting\'s text'))
def salary_from_text(title: str, store: Store) -> None:
    """Every salary field of the posting was read from its text, not from structured data or
    a model ("the salary of "Backend Engineer" was read from the posting's text").
    """
    [row] = store.postings(title=title)
    sources = row.field_sources or {}
    read = {sources.get(name) for name in ("salary_min", "salary_max", "salary_currency",
                                           "salary_interval")}
    assert read == {FieldSource.TEXT.value}, f"salary sources of {title!r}: {sources}"


# --- Then: a saved page --------------------------------------------------------------
@then(phrase('the extracted posting has the title, company, location and salary of '
             '"{title:Quoted}"'))
def extracted_posting(title: str, scenario: ScenarioContext) -> None:
    """Compared with the fixture catalogue the saved page was generated from."""
    extracted = scenario.extracted
    assert extracted.exit_code == 0, f"exit {extracted.exit_code}: {extracted.problem}"
    [posting] = extracted.postings
    expected = posting_titled(title)
    actual = (posting["title"], posting["company"], posting["location"], *_salary_of(posting))
    wanted = (expected.title, expected.company, expected.location, *_expected_salary(expected))
    assert actual == wanted, f"extracted {actual}, expected {wanted}"


@then("each field of the extracted posting names where it came from")
def extracted_sources(scenario: ScenarioContext) -> None:
    """Every filled field of the extracted posting names its source (structured data, a
    platform, the text, a model).
    """
    [posting] = scenario.extracted.postings
    sources = posting["field_sources"]
    filled = [name for name in ("title", "company", "location", "salary_min", "salary_max",
                                "salary_currency", "salary_interval", "description")
              if posting.get(name) is not None]
    unnamed = [name for name in filled if sources.get(name) not in set(FieldSource)]
    assert not unnamed, f"fields without a source: {unnamed} (sources: {sources})"


@then(phrase('the extracted jobs are the postings of "{company:Quoted}" with their addresses'))
def extracted_jobs(company: str, scenario: ScenarioContext) -> None:
    """The saved job list yields the company's postings, in order, with their own addresses
    ("the extracted jobs are the postings of "ACME Robotics" with their addresses").
    """
    extracted = scenario.extracted
    assert extracted.exit_code == 0, f"exit {extracted.exit_code}: {extracted.problem}"
    actual = [(job["title"], job["url"]) for job in extracted.postings]
    wanted = [(p.title, p.url) for p in site_of(company).postings]
    assert actual == wanted, f"extracted {actual}, expected {wanted}"


@then("the saved page is reported as needing a model")
def saved_page_needs_model(scenario: ScenarioContext) -> None:
    """``jobscraper extract`` found no structured data in the saved page and says it needs a
    model (exit status 1, nothing extracted).
    """
    extracted = scenario.extracted
    assert (extracted.exit_code, extracted.postings) == (1, []), extracted
    assert "model" in extracted.problem, extracted.problem


# --- Then: what was fetched ----------------------------------------------------------
@then(phrase('nothing was fetched from "{host:Quoted}"'))
def nothing_fetched_from(host: str, fake_internet: FakeInternet) -> None:
    """No request at all went to the host ("nothing was fetched from
    "careers.private-robots.com"").
    """
    seen = fake_internet.requests_to(host)
    assert not seen, f"{len(seen)} requests to {host}: {[r.url for r in seen]}"


@then("nothing was fetched from the internet")
def nothing_fetched(fake_internet: FakeInternet) -> None:
    """No request at all went to the fake internet."""
    seen = fake_internet.requests
    assert not seen, f"{len(seen)} requests: {[r.url for r in seen]}"


@then(phrase('only the robots.txt of "{host:Quoted}" was fetched'))
def only_robots(host: str, fake_internet: FakeInternet) -> None:
    """The host was asked for its robots.txt and for nothing else ("only the robots.txt of
    "careers.private-robots.com" was fetched").
    """
    paths = [r.path for r in fake_internet.requests_to(host)]
    assert paths and all(p == "/robots.txt" for p in paths), f"requests to {host}: {paths}"


@then(phrase(
    "no more than {count:Number} request{:s} to the company sites {:was} in flight at once"
))
def in_flight_at_most(count: int, scenario: ScenarioContext,
                      fake_internet: FakeInternet) -> None:
    """The most requests to the generated company sites at the same moment ("no more than
    5 requests to the company sites were in flight at once").

    Also matches: "no more than 1 request to the company sites was in flight at once", "no
    more than one request ...", "no more than five requests ...".
    """
    urls = scenario.company_sites or [
        s for s in scenario.sources if isinstance(s, str) and f".{COMPANIES_DOMAIN}/" in s
    ]
    assert urls, "no generated company career sites among the sources (Given N company ...)"
    seen = fake_internet.max_concurrency(COMPANIES_DOMAIN)
    assert 0 < seen <= count, (
        f"{seen} requests to *.{COMPANIES_DOMAIN} were in flight at once"
    )


@then("nothing reached the private network")
def private_network_untouched(scenario: ScenarioContext) -> None:
    """No connection reached the listeners this scenario opened on the machine's own network."""
    listeners = scenario.private_listeners
    assert listeners, (
        "no private-network listener in this scenario (Given a career page drawn by "
        "JavaScript that calls an address in the private network, Given a career page that "
        "redirects to an address in the private network)"
    )
    hits = sum(listener.connections for listener in listeners)
    assert not hits, f"{hits} connections reached the private-network listener"
