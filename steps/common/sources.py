"""Shared vocabulary: the sources a user gives (career pages, job-board searches).

Companies are named as a product owner would ("ACME Robotics", "Northwind
Data"); the name is matched to a fixture site of the fake internet by its host
("acme-robotics" in ``careers.acme-robotics.com``), and the expected postings
come from the same catalogue the fixture pages are built from.

Sources collect in ``scenario.sources`` in the order given; settings Givens
write into ``settings_overrides`` (in any order: see ``SettingsOverrides``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_bdd import given, parsers

from jobscraper.sources.detect import BoardQuery, detect_source
from steps.common._types import converters, decimal, group, phrase, whole_number
from steps.common.context import ScenarioContext
from steps.harness.app import SettingsOverrides
from steps.harness.fake_internet import FakeInternet
from steps.harness.private_network import PrivateNetworkListener
from steps.harness.saved_pages import posting_titled, save_page
from steps.harness.site_names import boards, serve, site_of


# --- career pages ------------------------------------------------------------------
@given(phrase('the career page of "{company:Quoted}"'))
def career_page_of(company: str, scenario: ScenarioContext, fake_internet: FakeInternet) -> None:
    """The start page (job listing) of a company's career site on the fake internet:
    a catalogue company ("ACME Robotics") or a generated one ("Example Company 03")."""
    info = site_of(company)
    serve(info, fake_internet)
    scenario.sources.append(info.start_url)


@given(phrase('the career page at "{address:Quoted}"'))
def career_page_at(address: str, scenario: ScenarioContext, fake_internet: FakeInternet) -> None:
    """Any address typed by a user, as given (it may be refused)."""
    scenario.sources.append(address)


@given("these career pages:")
def career_pages_table(
    datatable: list[list[str]], scenario: ScenarioContext, fake_internet: FakeInternet
) -> None:
    """A column "address" (typed addresses; also "url", "source" or "career page") or
    "company" (fixture sites by name); a row uses whichever of the two it fills."""
    aliases = {"url": "address", "source": "address", "career page": "address",
               "name": "company"}
    header = [aliases.get(name, name) for name in
              (" ".join(cell.strip().lower().split()) for cell in datatable[0])]
    assert {"address", "company"} & set(header), (
        f"these career pages: needs a column address or company, not {datatable[0]}"
    )
    for row in datatable[1:]:
        values = {k: v.strip() for k, v in zip(header, row, strict=True)}
        if values.get("company"):
            career_page_of(values["company"], scenario, fake_internet)
        elif values.get("address"):
            scenario.sources.append(values["address"])


@given(
    parsers.re(
        rf"{group('count', whole_number)} company career sites?"
        rf"(?: that each answers? in {group('seconds', decimal)} seconds?)?"
    ),
    converters=converters(count=whole_number, seconds=decimal),
)
def many_company_sites(
    count: int, seconds: float | None, scenario: ScenarioContext, fake_internet: FakeInternet
) -> None:
    """Generated career sites with two schema.org postings each ("1 company career site",
    "3 company career sites"), answering at once or, with "that each answer in S seconds",
    every response slowed down."""
    urls = fake_internet.add_companies(count, delay_s=seconds or 0.0)
    scenario.sources.extend(urls)
    scenario.company_sites = urls


# --- job boards ----------------------------------------------------------------------
def _board_search(text: str, scenario: ScenarioContext, sites: list[str] | None = None) -> None:
    query = detect_source(text, sites=sites)
    assert isinstance(query, BoardQuery), f"{text!r} is not a job-board search: {query!r}"
    scenario.sources.append(query)
    scenario.board_query = query


@given(phrase('a job-board search for "{query:Quoted}" on {board_names}'))
def board_search(query: str, board_names: str, scenario: ScenarioContext,
                 fake_internet: FakeInternet) -> None:
    """A search on named boards ("LinkedIn and Indeed")."""
    _board_search(query, scenario, sites=boards(board_names))


@given(phrase('a job-board search for "{query:Quoted}"'))
def board_search_default(query: str, scenario: ScenarioContext,
                         fake_internet: FakeInternet) -> None:
    """A search on the application's default boards (LinkedIn and Indeed), as a user
    types it without choosing boards."""
    _board_search(query, scenario)


@given(phrase(
    'the job board Indeed lists "{title:Quoted}" of "{company:Quoted}" '
    "with a link to its career page"
))
def indeed_crosspost(title: str, company: str, fake_internet: FakeInternet) -> None:
    """Indeed's search answers with the company's posting, linking to the career page."""
    from steps.harness.fake_internet.sites.catalogue import INDEED_HOST
    from steps.harness.fake_internet.sites.crossposts import indeed_crossposts

    posting = site_of(company).posting(title)
    fake_internet.add_handler(INDEED_HOST, "/graphql", indeed_crossposts([posting]))


@given(phrase("the {platform} feed is unavailable"))
def feed_unavailable(platform: str, fake_internet: FakeInternet) -> None:
    """The platform's public feed of the fixture company answers HTTP 503; its pages stay
    up (as when an API has an outage)."""
    from steps.harness.fake_internet.model import FakeResponse
    from steps.harness.fake_internet.sites.platforms import FEEDS

    assert platform in FEEDS, f"no fixture feed of {platform!r}; feeds: {sorted(FEEDS)}"
    host, path = FEEDS[platform]
    fake_internet.add_handler(host, path, lambda _request: FakeResponse(
        503, '{"error": "Service Unavailable"}', "application/json"))


# --- saved pages ---------------------------------------------------------------------
@given(phrase('the page of the posting "{title:Quoted}" saved to a file'))
def posting_page_saved(title: str, scenario: ScenarioContext, fake_internet: FakeInternet,
                       tmp_path: Path) -> None:
    """The posting's page (on whichever fixture site lists it), saved as a user saves it
    from the browser: a file, without the address it came from."""
    scenario.saved_page = save_page(posting_titled(title).url, fake_internet, tmp_path)


@given(phrase('the job list of "{company:Quoted}" saved to a file'))
def job_list_saved(company: str, scenario: ScenarioContext, fake_internet: FakeInternet,
                   tmp_path: Path) -> None:
    """The company's career start page (its job list), saved to a file."""
    info = site_of(company)
    serve(info, fake_internet)
    scenario.saved_page = save_page(info.start_url, fake_internet, tmp_path)


# --- settings ------------------------------------------------------------------------
@given(phrase("at most {count:Number} source{:s} {:is} scraped at once"))
def at_most_sources(count: int, settings_overrides: SettingsOverrides) -> None:
    """How many sources one scrape or run works on at the same time."""
    settings_overrides["max_concurrent_sources"] = count


@given("no model is available for pages without structured data")
def no_model(settings_overrides: SettingsOverrides) -> None:
    """The model route is switched off (as a user without GPU or cloud would)."""
    settings_overrides["model_extraction"] = False


@given(phrase(
    "a site that does not answer within {seconds:Decimal} second{:s} counts as unreachable"
))
def answer_within(seconds: float, settings_overrides: SettingsOverrides) -> None:
    settings_overrides["request_timeout_s"] = seconds


# --- hostile pages --------------------------------------------------------------------
SNEAKY_HOST = "careers.sneaky-scripts.example"
SNEAKY_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Careers | Sneaky Scripts Ltd</title></head>
<body><div id="app"></div>
<script>
  /* Looks like a job board app; also probes the visitor's own network. */
  fetch("http://127.0.0.1:%(port)d/admin").catch(function () {});
  var img = new Image(); img.src = "http://127.0.0.1:%(port)d/pixel.gif";
  var app = document.getElementById("app");
  var h1 = document.createElement("h1"); h1.textContent = "Open positions"; app.appendChild(h1);
</script></body></html>
"""


def _private_listener(scenario: ScenarioContext, request: pytest.FixtureRequest) -> int:
    """The port of a listener on this machine's loopback, counting the connections it
    gets until the scenario ends."""
    listener = PrivateNetworkListener()
    request.addfinalizer(listener.close)
    scenario.private_listeners.append(listener)
    return listener.port


@given("a career page drawn by JavaScript that calls an address in the private network")
def sneaky_page(
    scenario: ScenarioContext, fake_internet: FakeInternet, request: pytest.FixtureRequest
) -> None:
    """The page's scripts try to reach a listener on this machine's loopback."""
    port = _private_listener(scenario, request)
    url = fake_internet.add_page(SNEAKY_HOST, "/jobs", SNEAKY_PAGE % {"port": port})
    scenario.sources.append(url)


@given("a career page that redirects to an address in the private network")
def redirecting_page(
    scenario: ScenarioContext, fake_internet: FakeInternet, request: pytest.FixtureRequest
) -> None:
    """A public address answering with a redirect to a listener on this machine's loopback."""
    port = _private_listener(scenario, request)
    url = fake_internet.add_page(
        SNEAKY_HOST, "/careers", "<html><body>Moved</body></html>", status=302,
        headers={"location": f"http://127.0.0.1:{port}/internal/jobs"},
    )
    scenario.sources.append(url)
