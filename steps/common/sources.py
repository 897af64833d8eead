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
from steps.common._types import (
    CAREER_PAGE,
    CAREER_PAGES,
    converters,
    duration,
    group,
    phrase,
    quoted,
    size,
    whole_number,
)
from steps.common.context import ScenarioContext
from steps.harness.app import SettingsOverrides
from steps.harness.fake_internet import FakeInternet
from steps.harness.private_network import PrivateNetworkListener
from steps.harness.saved_pages import posting_titled, save_page
from steps.harness.site_names import boards, serve, site_of


# --- career pages ------------------------------------------------------------------
@given(parsers.re(rf'the {CAREER_PAGE} (?:of|for) "{group("company", quoted)}"'))
def career_page_of(company: str, scenario: ScenarioContext, fake_internet: FakeInternet) -> None:
    """The start page (job listing) of a company's career site on the fake internet:
    a catalogue company ("ACME Robotics") or a generated one ("Example Company 03"), as in
    "the career page of "ACME Robotics"".

    Also matches: "the careers page of ...", "the career site of ...", "the careers
    website of ...", "the jobs page of ...", "the careers page for ...".
    """
    info = site_of(company)
    serve(info, fake_internet)
    scenario.sources.append(info.start_url)


@given(parsers.re(rf'the {CAREER_PAGE} at "{group("address", quoted)}"'))
def career_page_at(address: str, scenario: ScenarioContext, fake_internet: FakeInternet) -> None:
    """Any address typed by a user, as given (it may be refused): "the career page at
    "http://localhost/jobs"".

    Also matches: "the careers page at ...", "the career site at ...".
    """
    scenario.sources.append(address)


@given(parsers.re(rf"these {CAREER_PAGES}:"))
def career_pages_table(
    datatable: list[list[str]], scenario: ScenarioContext, fake_internet: FakeInternet
) -> None:
    """A column "address" (typed addresses; also "url", "source" or "career page") or
    "company" (fixture sites by name); a row uses whichever of the two it fills ("these
    career pages:").

    Also matches: "these careers pages:", "these career sites:".
    """
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
        rf"{group('count', whole_number)} company (?:{CAREER_PAGE}|{CAREER_PAGES})"
        rf"(?: with {group('postings', whole_number)} postings?(?: each)?)?"
        rf"(?: that each answers? in {group('seconds', duration)})?"
        rf"(?:,? (?:one of (?:which|them) answering|one of which answers|the last answering)"
        rf" in {group('slow', duration)})?"
    ),
    converters=converters(count=whole_number, postings=whole_number, seconds=duration,
                          slow=duration),
)
def many_company_sites(
    count: int, postings: int | None, seconds: float | None, slow: float | None,
    scenario: ScenarioContext, fake_internet: FakeInternet,
) -> None:
    """Generated career sites ("Example Company 01" ...) with two schema.org postings each
    ("1 company career site", "3 company career sites") or, "with N postings each", as
    many as given; answering at once or, with "that each answer in S seconds", every
    response slowed down; with ", one of which answers in S seconds" the last of them alone
    is slow (one slow site among fast ones). Named fixture companies ("the career page of
    "ACME Robotics"") may be added beside them.

    Also matches: "a company career site", "two company careers sites", "3 company career
    pages that each answer in 500 ms", "3 company career sites, one of them answering in 2
    seconds", "2 company career sites with 3 postings each", "a company career site with 1
    posting".
    """
    from steps.harness.fake_internet.sites.companies import company_host

    urls = fake_internet.add_companies(count, delay_s=seconds or 0.0, postings=postings)
    if slow:
        fake_internet.set_delay(company_host(count), slow)
    scenario.sources.extend(urls)
    scenario.company_sites = urls


# --- job boards ----------------------------------------------------------------------
def _board_search(text: str, scenario: ScenarioContext, sites: list[str] | None = None,
                  remote: bool = False) -> None:
    query = detect_source(text, sites=sites, is_remote=True if remote else None)
    assert isinstance(query, BoardQuery), f"{text!r} is not a job-board search: {query!r}"
    scenario.sources.append(query)
    scenario.board_query = query


@given(parsers.re(
    rf'a job[- ]board search for "{group("query", quoted)}"'
    r"(?: on (?P<board_names>[A-Za-z][A-Za-z, ]*?))?"
    r"(?P<remote> for remote (?:jobs|work|positions) only| for remote-only jobs)?"
))
def board_search(query: str, board_names: str | None, remote: str | None,
                 scenario: ScenarioContext, fake_internet: FakeInternet) -> None:
    """A search as a user types it: on the application's default boards (LinkedIn and
    Indeed) or on the boards named ("... on LinkedIn and Indeed"), and with "for remote
    jobs only" asking the boards for remote jobs alone: "a job-board search for "python
    developer in Berlin" on Indeed for remote jobs only".

    Also matches: "a job-board search for "..."", "a job board search for "..."", "... on
    LinkedIn", "... on Indeed, LinkedIn", "... for remote work only", "... for remote-only
    jobs".
    """
    _board_search(query, scenario, sites=boards(board_names) if board_names else None,
                  remote=bool(remote))


@given(parsers.re(rf"each job board is asked for at most {group('count', whole_number)} "
                  r"(?:results?|postings?|jobs?)"), converters=converters(count=whole_number))
def results_per_board(count: int, settings_overrides: SettingsOverrides) -> None:
    """How many results a search asks of each board ("each job board is asked for at most
    2 results"; 20 by default).

    Also matches: "... at most one result", "... at most 50 results", "... at most one
    posting", "... at most 5 jobs".
    """
    settings_overrides["board_results_wanted"] = count


@given(parsers.re(
    r'the job board (?P<board>LinkedIn|Indeed) lists '
    rf'"{group("title", quoted)}" of "{group("company", quoted)}" '
    rf"with (?:a|the) link to (?:its|their|the company's) {CAREER_PAGE}"
))
def board_crosspost(board: str, title: str, company: str, fake_internet: FakeInternet) -> None:
    """The board's search answers with one of the company's postings, whose address (or
    "Apply" link) is its career page: "the job board LinkedIn lists "Senior Robotics
    Software Engineer" of "ACME Robotics" with a link to its career page". The search
    then finds only that posting on that board.

    Also matches: "the job board Indeed lists ...", "... with the link to the company's
    careers page", "... with a link to their career site".
    """
    from steps.harness.fake_internet.sites.catalogue import INDEED_HOST, LINKEDIN_HOST
    from steps.harness.fake_internet.sites.crossposts import (
        indeed_crossposts,
        linkedin_crossposts,
    )
    from steps.harness.fake_internet.sites.linkedin import SEARCH_PATH

    posting = site_of(company).posting(title)
    if board == "Indeed":
        fake_internet.add_handler(INDEED_HOST, "/graphql", indeed_crossposts([posting]))
        return
    search, view = linkedin_crossposts([posting])
    fake_internet.add_handler(LINKEDIN_HOST, SEARCH_PATH, search)
    fake_internet.add_handler(LINKEDIN_HOST, "/jobs/view/", view, prefix=True)


@given(parsers.re(r"the job board (?P<board>LinkedIn|Indeed) (?:(?:is|has) (?P<state>blocked us"
                  r"|blocking us|blocked|down|unavailable)|(?P<blocks>blocks us))"))
def board_unavailable(board: str, state: str | None, blocks: str | None,
                      fake_internet: FakeInternet) -> None:
    """The board's search answers every request with a block page (HTTP 429, "too many
    requests": "the job board LinkedIn is blocked") or an outage (HTTP 503: "the job board
    Indeed is down").

    Also matches: "the job board LinkedIn is blocking us", "... has blocked us", "the job
    board LinkedIn blocks us", "the job board Indeed is unavailable".
    """
    from steps.harness.fake_internet.model import FakeResponse
    from steps.harness.fake_internet.sites.catalogue import INDEED_HOST, LINKEDIN_HOST
    from steps.harness.fake_internet.sites.linkedin import SEARCH_PATH

    host, path = {"LinkedIn": (LINKEDIN_HOST, SEARCH_PATH), "Indeed": (INDEED_HOST, "/graphql")}[
        board]
    if blocks or (state or "").startswith("block"):
        answer = FakeResponse(429, "<html><body><h1>Too Many Requests</h1></body></html>")
    else:
        answer = FakeResponse(503, "<html><body><h1>Service Unavailable</h1></body></html>")
    fake_internet.add_handler(host, path, lambda _request: answer)


@given(parsers.re(r"the job pages of (?:the job board )?LinkedIn (?:are|have been) "
                  r"(?P<state>blocked|unavailable|down)"))
def linkedin_job_pages_unavailable(state: str, fake_internet: FakeInternet) -> None:
    """LinkedIn's search still answers, but each result's own job page (where the
    description, pay and apply link are read) answers with a block page (HTTP 429: "the
    job pages of the job board LinkedIn are blocked") or an outage (HTTP 503: "... are
    down").

    Also matches: "the job pages of LinkedIn are unavailable", "... have been blocked".
    """
    from steps.harness.fake_internet.model import FakeResponse
    from steps.harness.fake_internet.sites.catalogue import LINKEDIN_HOST

    status, text = (429, "Too Many Requests") if state == "blocked" else (
        503, "Service Unavailable")
    answer = FakeResponse(status, f"<html><body><h1>{text}</h1></body></html>")
    fake_internet.add_handler(LINKEDIN_HOST, "/jobs/view/", lambda _request: answer, prefix=True)


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
@given(parsers.re(rf"at most {group('count', whole_number)} sources? (?:is|are) scraped "
                  r"(?:at once|at the same time|in parallel)"),
       converters=converters(count=whole_number))
def at_most_sources(count: int, settings_overrides: SettingsOverrides) -> None:
    """How many sources one scrape or run works on at the same time ("at most 5 sources
    are scraped at once").

    Also matches: "at most one source is scraped at once", "at most five sources ...",
    "... are scraped at the same time", "... are scraped in parallel".
    """
    settings_overrides["max_concurrent_sources"] = count


@given("no model is available for pages without structured data")
def no_model(settings_overrides: SettingsOverrides) -> None:
    """The model route is switched off (as a user without GPU or cloud would)."""
    settings_overrides["model_extraction"] = False


@given(phrase("a site that does not answer within {seconds:Seconds} counts as unreachable"))
def answer_within(seconds: float, settings_overrides: SettingsOverrides) -> None:
    """How long one request may wait for an answer ("... within 1 second counts as
    unreachable").

    Also matches: "... within 2 seconds ...", "... within a second ...", "... within 500
    ms ...".
    """
    settings_overrides["request_timeout_s"] = seconds


@given(parsers.re(rf"(?:pages|a page) larger than {group('limit', size)} (?:are|is) refused"),
       converters=converters(limit=size))
def largest_page(limit: int, settings_overrides: SettingsOverrides) -> None:
    """The largest page read; a larger one is refused unread ("pages larger than 2 MB are
    refused").

    Also matches: "a page larger than 500 KB is refused", "pages larger than 1,000,000
    bytes are refused".
    """
    settings_overrides["max_page_bytes"] = limit


@given(phrase("at most {count:Number} posting page{:s} {:is} read per company"))
def posting_pages_per_company(count: int, settings_overrides: SettingsOverrides) -> None:
    """How many posting pages are fetched from one career site ("at most 1 posting page is
    read per company"); the rest of its list is left unread.

    Also matches: "at most one posting page is read per company", "at most 20 posting pages
    are read per company".
    """
    settings_overrides["max_jobs_per_company"] = count


@given(parsers.re(
    r"a source that fails for a moment is (?:(?P<never>not retried|never retried)"
    r"|retried (?P<word>once|twice)|retried "
    rf"{group('retries', whole_number)} times?)"
), converters=converters(retries=whole_number))
def source_retries(never: str | None, word: str | None, retries: int | None,
                   settings_overrides: SettingsOverrides) -> None:
    """How often a source is tried again after a transient error (a timeout, HTTP 5xx):
    "a source that fails for a moment is retried 2 times" (the default).

    Also matches: "... is not retried", "... is never retried", "... is retried once",
    "... is retried twice", "... is retried 1 time".
    """
    settings_overrides["source_retries"] = (
        0 if never else {"once": 1, "twice": 2}[word] if word else retries
    )


@given(parsers.re(r"(?:the )?robots\.txt (?:rules )?(?:is|are) (?P<rule>respected|obeyed|ignored)"))
def robots_rule(rule: str, settings_overrides: SettingsOverrides) -> None:
    """Whether a site's robots.txt is obeyed ("robots.txt is respected", the default) or
    not ("robots.txt is ignored", for sites that allow it by contract).

    Also matches: "the robots.txt is obeyed", "robots.txt rules are respected".
    """
    settings_overrides["respect_robots_txt"] = rule != "ignored"


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
