"""Shared vocabulary of features/resilience: hostile inputs, and what they must not cost.

The Givens serve hostile pages on the fake internet (``steps.harness.hostile_pages``) or
type hostile addresses; "the postings stored before are unchanged" compares every posting
a Given stored (``scenario.postings_by_title``) with the store after the When.
"""

from __future__ import annotations

import itertools

import pytest
from pytest_bdd import given, parsers, then

from jobscraper.models import Route
from jobscraper.store import Store
from steps.common._types import CAREER_PAGE, group, phrase, quoted
from steps.common.context import ScenarioContext
from steps.common.scraping import OUTCOME, _check, outcome_of, outcome_word
from steps.harness.app import SettingsOverrides
from steps.harness.fake_internet import FakeInternet
from steps.harness.hostile_pages import (
    HOSTILE_HOST,
    REDIRECTING_APP,
    REDIRECTING_APP_HOST,
    TRUTHFUL_HOST,
    claim,
    page_named,
    posting_page,
    slug,
)
from steps.harness.private_network import PrivateNetworkListener, own_private_name
from steps.harness.site_names import serve, site_at, site_of


# --- Given: hostile addresses -----------------------------------------------------------
@given(phrase("the career page at an address {length:Number} characters long"))
def long_address(length: int, scenario: ScenarioContext) -> None:
    """A public-looking address padded to ``length`` characters."""
    start = f"https://{HOSTILE_HOST}/jobs?q="
    scenario.sources.append(start + "a" * (length - len(start)))


@given("the career page at a name of this machine that resolves to a private address")
def own_name(scenario: ScenarioContext) -> None:
    """The machine's own host name, which its resolver answers with a loopback or
    private address (skipped where it resolves to a public one)."""
    name, unusable = own_private_name()
    if unusable:
        pytest.skip(unusable)
    scenario.sources.append(f"http://{name}/jobs")


# --- Given: hostile pages --------------------------------------------------------------
@given(parsers.re(rf"an? {CAREER_PAGE} that serves (?P<content>.+)"))
def hostile_page(content: str, scenario: ScenarioContext, fake_internet: FakeInternet) -> None:
    """One of the pages of ``steps.harness.hostile_pages.PAGES``, by its name ("a career page
    that serves an empty page").

    Also matches: "a careers page that serves ...", "a career site that serves ...".
    """
    page = page_named(content)
    url = f"https://{HOSTILE_HOST}/{slug(content)}"
    fake_internet.add_page(HOSTILE_HOST, f"/{slug(content)}", page.body(url),
                           content_type=page.content_type)
    scenario.sources.append(url)


@given(parsers.re(rf"an? {CAREER_PAGE} whose schema\.org posting says its (?P<field>.+?) is "
                  rf'"{group("value", quoted)}"'))
def lying_posting(field: str, value: str, scenario: ScenarioContext,
                  fake_internet: FakeInternet) -> None:
    """The Data Wrangler's posting page (``careers.truthful-data.example/jobs/data-wrangler``)
    with one claim in its JSON-LD replaced ("a career page whose schema.org posting says its
    minimum salary is "-5"").

    Also matches: "a careers page whose schema.org posting says its ... is "..."".
    """
    path = "/jobs/data-wrangler"
    url = f"https://{TRUTHFUL_HOST}{path}"
    fake_internet.add_page(TRUTHFUL_HOST, path, posting_page(url, **claim(field, value)))
    scenario.sources.append(url)


# --- Given: the browser path -------------------------------------------------------------
@given(phrase('the pages of "{host:Quoted}" are drawn in the browser'))
def drawn_in_browser(host: str, settings_overrides: SettingsOverrides) -> None:
    """The host is rendered in Chromium from its first page on (``js_hosts``), as a user
    configures a site known to need JavaScript."""
    settings_overrides["js_hosts"] = [host]


@given("a career page drawn by JavaScript whose job data redirects into the private network")
def redirecting_app(scenario: ScenarioContext, fake_internet: FakeInternet,
                    request: pytest.FixtureRequest) -> None:
    """An app shell whose script loads ``/api/jobs.json``, which answers with a redirect
    to a listener on this machine's loopback."""
    listener = PrivateNetworkListener()
    request.addfinalizer(listener.close)
    scenario.private_listeners.append(listener)
    url = fake_internet.add_page(REDIRECTING_APP_HOST, "/jobs", REDIRECTING_APP)
    fake_internet.add_page(
        REDIRECTING_APP_HOST, "/api/jobs.json", "{}", status=302,
        content_type="application/json",
        headers={"location": f"http://127.0.0.1:{listener.port}/jobs.json"},
    )
    scenario.sources.append(url)


# --- Given: politeness ------------------------------------------------------------------
@given(phrase('the career site of "{company:Quoted}" asks in its robots.txt for '
              "{seconds:Number} second{:s} between requests"))
def crawl_delay_asked(company: str, seconds: int, scenario: ScenarioContext,
                      fake_internet: FakeInternet) -> None:
    """The company's career page, with a robots.txt ``Crawl-delay`` for every crawler."""
    info = site_of(company)
    serve(info, fake_internet)
    fake_internet.add_page(info.host, "/robots.txt",
                           f"User-agent: *\nCrawl-delay: {seconds}\nAllow: /\n",
                           content_type="text/plain; charset=utf-8")
    scenario.sources.append(info.start_url)


# --- Then -------------------------------------------------------------------------------
@then(parsers.re(rf"that {CAREER_PAGE} (?:is|was) reported as {OUTCOME}"
                 rf'(?: because "{group("reason", quoted)}")?'))
def last_source_outcome(outcome: str, reason: str | None, scenario: ScenarioContext,
                        store: Store) -> None:
    """The outcome of the last source a Given added (and words its reason must contain):
    "that career page is reported as rejected because "over the limit"".

    Also matches: "that careers page is reported as ...", "that career site was reported as
    ...".
    """
    _check(outcome_of(scenario, that_page(scenario), store), outcome_word(outcome), reason)


def that_page(scenario: ScenarioContext) -> str:
    """The career page "that career page" means: the last one a Given added without naming
    its company ("a career page that serves ...", "the career page at ..."), whatever
    searches or named companies ("the career page of "ACME Robotics"") were given after it;
    else the last career page given."""
    pages = [s for s in scenario.sources if isinstance(s, str)]
    assert pages, f"no career page among the sources: {scenario.sources}"
    unnamed = [page for page in pages if site_at(page) is None
               and page not in scenario.company_sites]
    return (unnamed or pages)[-1]


@then("the postings stored before are unchanged")
def stored_before_unchanged(scenario: ScenarioContext, store: Store) -> None:
    """Every posting a Given stored is still stored, with the same content."""
    before = scenario.postings_by_title
    assert before, "no posting was stored before the When (Given a posting ... at ...)"
    for title, posting in before.items():
        stored = store.posting_by_url(posting.url)
        assert stored is not None, f"{title!r} ({posting.url}) is no longer stored"
        assert stored.content_hash == posting.content_hash(), (
            f"{title!r} changed: stored {stored.title!r}, {stored.company!r}, "
            f"{stored.description!r}"
        )


@then("no model was asked about any page")
def no_model_asked(scenario: ScenarioContext, store: Store) -> None:
    """The scrape recorded no local or cloud model call."""
    calls = store.model_calls(run_id=scenario.run_id)
    asked = [(c.route, c.page_url) for c in calls if c.route != Route.STRUCTURED.value]
    assert not asked, f"a model was asked: {asked}"


# Time a request may take from the scraper to the fake internet's log (either way).
ARRIVAL_JITTER_S = 0.1


@then(phrase('the pages of "{company:Quoted}" were requested at least {seconds:Number} '
             "second{:s} apart"))
def requested_apart(company: str, seconds: int, fake_internet: FakeInternet) -> None:
    """Consecutive page requests to the company's host (robots.txt aside), as the fake
    internet logged them; a lower bound on politeness, never an upper bound on speed."""
    host = site_of(company).host
    times = sorted(r.time for r in fake_internet.requests_to(host) if r.path != "/robots.txt")
    assert len(times) >= 2, f"{len(times)} page requests to {host}: nothing to space"
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    assert min(gaps) >= seconds - ARRIVAL_JITTER_S, (
        f"requests to {host} were {min(gaps):.2f} s apart at the closest: {gaps}")
