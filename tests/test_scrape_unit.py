"""The unified scraper's orchestration and the career/board helpers, without a network."""

from __future__ import annotations

import asyncio
import math
from typing import Any

import pytest
import requests

from jobscraper.config import load_settings
from jobscraper.extract.base import ExtractionStatus
from jobscraper.models import Outcome, PostingData, Route, ScrapeProgress
from jobscraper.scrape import scrape
from jobscraper.sources import career_pages, crawler, job_boards, linkedin
from jobscraper.sources.career_pages import CareerPageResult
from jobscraper.sources.challenge import challenge_reason, is_app_shell
from jobscraper.sources.crawler import CareerCrawler, Page
from jobscraper.sources.guard import AddressGuard
from jobscraper.sources.http import (
    BlockedError,
    HostRateLimiter,
    PermanentFetchError,
    TransientFetchError,
    status_error,
)
from jobscraper.sources.links import posting_links

FILLER = "<p>" + "We build robots for warehouses and care about our people. " * 30 + "</p>"


# --- bot challenges, app shells, links ---------------------------------------------------


def test_cloudflare_challenge_is_recognised() -> None:
    html = "<html><head><title>Just a moment...</title></head><body>checking</body></html>"
    assert "Cloudflare" in (challenge_reason(403, html) or "")
    assert "Cloudflare" in (challenge_reason(200, "<p>x</p>", {"cf-mitigated": "challenge"}) or "")
    assert "429" in (challenge_reason(429, "slow down") or "")


def test_a_real_page_with_a_captcha_on_its_form_is_not_blocked() -> None:
    html = f"<html><body>{FILLER}<form><div class='g-recaptcha'></div></form></body></html>"
    assert challenge_reason(200, html) is None
    assert challenge_reason(403, html) is not None


def test_app_shell() -> None:
    assert is_app_shell('<html><body><div id="app"></div><script src="/a.js"></script></body>')
    assert not is_app_shell(f"<html><body>{FILLER}<script>x()</script></body></html>")
    assert not is_app_shell('<html><body><div id="app"></div></body></html>')


def test_posting_links_keep_same_site_job_pages_in_order() -> None:
    page = Page(
        url="https://careers.acme.com/jobs",
        final_url="https://careers.acme.com/jobs",
        status=200,
        html="",
        links=[
            "/", "/jobs", "/benefits", "/jobs/2-b", "/jobs/1-a", "/jobs/1-a#apply",
            "/jobs/1-a/apply", "https://other.com/jobs/9", "/static/logo.png",
            "https://careers.acme.com/positions/7?utm_source=x", "mailto:jobs@acme.com",
        ],
    )
    links = posting_links(page, ["https://careers.acme.com/jobs/1-a"], limit=10)
    assert links == [
        "https://careers.acme.com/jobs/1-a",
        "https://careers.acme.com/jobs/2-b",
        "https://careers.acme.com/positions/7?utm_source=x",
    ]
    assert len(posting_links(page, [], limit=2)) == 2


def test_status_errors() -> None:
    assert isinstance(status_error(500, "u"), TransientFetchError)
    assert isinstance(status_error(503, "u"), TransientFetchError)
    assert isinstance(status_error(404, "u"), PermanentFetchError)
    assert "could not be reached" in str(status_error(502, "https://x.example/"))


def test_rate_limiter_spaces_requests_to_one_host() -> None:
    async def run() -> float:
        limiter = HostRateLimiter(per_second=20)
        loop = asyncio.get_running_loop()
        start = loop.time()
        await asyncio.gather(*(limiter.wait("a.example") for _ in range(5)),
                             limiter.wait("b.example"))
        return loop.time() - start

    assert 0.18 <= asyncio.run(run()) < 1.0


# --- job boards ---------------------------------------------------------------------------


def test_board_row_mapping() -> None:
    row = {
        "site": "indeed", "job_url": "https://www.indeed.com/viewjob?jk=1",
        "job_url_direct": None, "title": " Python&nbsp;Developer ", "company": "Spreeview",
        "location": "Berlin, BE, DE", "date_posted": "2026-11-07", "job_type": "fulltime",
        "interval": "hourly", "min_amount": 90.0, "max_amount": 75.0, "currency": "EUR",
        "is_remote": True, "description": "Build things", "skills": "Python, SQL",
    }
    posting = job_boards.posting_from_row(row)
    assert posting is not None
    assert posting.title == "Python Developer"
    assert (posting.salary_min, posting.salary_max, posting.salary_interval) == (75, 90, "hour")
    assert (posting.remote, posting.employment_type, posting.route) == (
        "remote", "full-time", Route.BOARD)
    assert posting.skills == ["Python", "SQL"]
    assert str(posting.posted_date) == "2026-11-07"


def test_board_row_prefers_the_employers_own_page() -> None:
    row = {"site": "indeed", "job_url": "https://www.indeed.com/viewjob?jk=1",
           "job_url_direct": "https://careers.acme.com/jobs/1", "title": "Dev",
           "min_amount": math.nan}
    posting = job_boards.posting_from_row(row)
    assert posting is not None
    assert posting.url == "https://careers.acme.com/jobs/1"
    assert posting.site == "indeed"
    assert posting.salary_min is None


def test_linkedin_scraper_is_restored_after_the_call() -> None:
    import jobspy
    from jobspy.model import Site

    original = jobspy.SCRAPER_MAPPING[Site.LINKEDIN]
    with linkedin.linkedin_scraper(0):
        patched = jobspy.SCRAPER_MAPPING[Site.LINKEDIN]
        assert patched.delay == (0.0, 0.0) and patched is not original
    with linkedin.linkedin_scraper(None):
        assert jobspy.SCRAPER_MAPPING[Site.LINKEDIN].delay == original.delay
    assert jobspy.SCRAPER_MAPPING[Site.LINKEDIN] is original
    assert original.delay == (3, 7)


def _apply_code(inner: str) -> str:
    return f'<html><body><h1>Dev</h1><code id="applyUrl" style="display: none">{inner}</code>' \
        "</body></html>"


@pytest.mark.parametrize(("page", "expected"), [
    (_apply_code('<!--"https://www.linkedin.com/jobs/view/externalApply/4?url=https%3A%2F%2F'
                 'careers%2Eacme%2Ecom%2Fjobs%2F7%3Fsource%3Dli&urlHash=Ab_1"-->'),
     "https://careers.acme.com/jobs/7?source=li"),
    (_apply_code('<!--"https://jobs.example.org/openings/12"-->'),
     "https://jobs.example.org/openings/12"),
    (_apply_code("https://jobs.example.org/openings/13"), "https://jobs.example.org/openings/13"),
    ("<html><body><h1>Easy Apply</h1></body></html>", None),
    (_apply_code('<!--"https://www.linkedin.com/jobs/view/externalApply/4?urlHash=x"-->'), None),
    (_apply_code('<!--"https://www.linkedin.com/jobs/view/externalApply/4?url='
                 'https%3A%2F%2Fwww.linkedin.com%2Fjobs%2F9"-->'), None),
    (_apply_code('<!--"javascript:alert(1)"-->'), None),
    (_apply_code("<!---->"), None),
    (_apply_code('<!--"/jobs/view/4"-->'), None),
])
def test_linkedin_apply_link(page: str, expected: str | None) -> None:
    assert linkedin.apply_link(page) == expected


class _PageAdapter(requests.adapters.BaseAdapter):
    """Answers every request with one page (no network)."""

    def __init__(self, status: int, body: str) -> None:
        super().__init__()
        self.status, self.body, self.calls = status, body, 0

    def send(self, request: requests.PreparedRequest, **_: Any) -> requests.Response:
        self.calls += 1
        response = requests.Response()
        response.status_code, response.url, response.request = self.status, request.url, request
        response._content = self.body.encode()
        response.encoding = "utf-8"
        return response

    def close(self) -> None:
        return None


def _linkedin_details(status: int, body: str) -> tuple[dict[str, object], int]:
    import jobspy
    from jobspy.model import ScraperInput, Site

    with linkedin.linkedin_scraper(0):
        scraper = jobspy.SCRAPER_MAPPING[Site.LINKEDIN]()
    scraper.scraper_input = ScraperInput(site_name=[Site.LINKEDIN], fetch_description=True)
    scraper.session = requests.Session()
    adapter = _PageAdapter(status, body)
    scraper.session.mount("https://", adapter)
    details = scraper._fetch_details("4")
    assert scraper.session.hooks["response"] == []  # the hook is removed after the call
    return details, adapter.calls


def test_linkedin_details_carry_the_employers_apply_link_from_the_same_request() -> None:
    page = _apply_code('<!--"https://www.linkedin.com/jobs/view/externalApply/4?url='
                       'https%3A%2F%2Fcareers.acme.com%2Fjobs%2F7&urlHash=x"-->').replace(
        "<h1>Dev</h1>", '<div class="show-more-less-html__markup"><p>Build robots</p></div>')
    details, calls = _linkedin_details(200, page)
    assert details["job_url_direct"] == "https://careers.acme.com/jobs/7"
    assert "Build robots" in str(details["description"])
    assert calls == 1


def test_linkedin_details_of_an_unreadable_page_stay_empty() -> None:
    details, _calls = _linkedin_details(429, _apply_code('<!--"https://careers.acme.com/7"-->'))
    assert details == {}


def _board_frame(warnings: list[str]) -> Any:
    import pandas as pd

    frame = pd.DataFrame([
        {"site": "linkedin", "job_url": "https://www.linkedin.com/jobs/view/1",
         "title": "Python Developer", "location": "Berlin, Germany"},
        {"site": "linkedin", "job_url": "https://www.linkedin.com/jobs/view/2",
         "title": "Python Developer - Remote", "location": "Germany"},
    ])
    frame.attrs = {"errors": {}, "warnings": {"linkedin": warnings} if warnings else {}}
    return frame


@pytest.mark.parametrize(("remote_only", "warnings", "titles"), [
    (True, ["is_remote isn't supported, ignoring it"], ["Python Developer - Remote"]),
    (True, [], ["Python Developer", "Python Developer - Remote"]),
    (False, ["job_type isn't supported, ignoring it"],
     ["Python Developer", "Python Developer - Remote"]),
], ids=["the board ignored remote-only", "the board filtered itself", "any location"])
def test_a_remote_only_search_keeps_remote_postings_where_the_board_could_not_filter(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Any, remote_only: bool, warnings: list[str],
    titles: list[str],
) -> None:
    from jobscraper.sources.detect import detect_source

    monkeypatch.setattr(job_boards, "_scrape_site", lambda *_: _board_frame(warnings))
    query = detect_source("python developer in Berlin", sites=["linkedin"],
                          is_remote=remote_only or None)
    result = asyncio.run(job_boards.scrape_board_query(query, settings(tmp_path)))
    assert [p.title for p in result.postings] == titles


def test_board_errors_are_classified() -> None:
    assert job_boards._classify("linkedin", "HTTP 429 Too Many Requests").blocked
    assert job_boards._classify("indeed", "Read timed out").retryable
    assert not job_boards._classify("indeed", "HTTP 401 Unauthorized").retryable


# --- the unified scraper ----------------------------------------------------------------


class FakeCrawler:
    def __init__(self, settings: Any, **_: Any) -> None:
        self.settings = settings

    async def __aenter__(self) -> FakeCrawler:
        return self

    async def __aexit__(self, *exc: object) -> None:
        return None


@pytest.fixture
def fake_career(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """Career sources answered from a table: url -> result or exception (no network)."""
    state: dict[str, Any] = {"answers": {}, "running": 0, "max_running": 0, "calls": []}

    async def fake_scrape_career_page(url: str, crawler: Any, extractor: Any,
                                      **_: Any) -> CareerPageResult:
        state["calls"].append(url)
        state["running"] += 1
        state["max_running"] = max(state["max_running"], state["running"])
        try:
            await asyncio.sleep(0.02)
            answer = state["answers"].get(url)
            if isinstance(answer, BaseException):
                raise answer
            return answer or CareerPageResult(postings=[PostingData(title="Dev", url=url)])
        finally:
            state["running"] -= 1

    monkeypatch.setattr(crawler, "CareerCrawler", FakeCrawler)
    monkeypatch.setattr(career_pages, "scrape_career_page", fake_scrape_career_page)
    return state


def settings(tmp_path: Any, **values: Any) -> Any:
    return load_settings(data_dir=tmp_path, model_extraction=False, **values)


def test_one_failing_source_never_stops_the_others(fake_career: dict[str, Any],
                                                    tmp_path: Any) -> None:
    fake_career["answers"] = {
        "https://a.example/jobs": BlockedError("Cloudflare challenge"),
        "https://b.example/jobs": TransientFetchError("HTTP 500 from b"),
        "https://c.example/jobs": RuntimeError("boom"),
        "https://d.example/jobs": CareerPageResult(
            pages_to_model=2, statuses=[ExtractionStatus.NEEDS_MODEL] * 2),
    }
    sources = [*fake_career["answers"], "https://e.example/jobs", "file:///etc/passwd"]
    result = asyncio.run(scrape(sources, settings(tmp_path)))
    outcomes = {o.source: o.outcome for o in result.outcomes}
    assert outcomes == {
        "https://a.example/jobs": Outcome.BLOCKED,
        "https://b.example/jobs": Outcome.FAILED,
        "https://c.example/jobs": Outcome.FAILED,
        "https://d.example/jobs": Outcome.NEEDS_MODEL,
        "https://e.example/jobs": Outcome.OK,
        "file:///etc/passwd": Outcome.REJECTED,
    }
    assert [o.source for o in result.outcomes] == sources  # reported in the order given
    assert "boom" in (result.outcome_for("https://c.example/jobs").reason or "")
    assert result.found == 1
    assert "file:///etc/passwd" not in fake_career["calls"]


def test_concurrency_limit_progress_cancel_and_skip(fake_career: dict[str, Any],
                                                    tmp_path: Any) -> None:
    sources = [f"https://s{i}.example/jobs" for i in range(8)]
    events: list[ScrapeProgress] = []
    result = asyncio.run(scrape(sources, settings(tmp_path, max_concurrent_sources=3),
                                on_progress=events.append, skip_sources=sources[:2],
                                run_id="r1"))
    assert fake_career["max_running"] == 3
    assert sorted(fake_career["calls"]) == sorted(sources[2:])
    assert [o.source for o in result.outcomes] == sources[2:]
    kinds = [e.kind for e in events]
    assert kinds[0] == "run_started" and kinds[-1] == "run_finished"
    assert kinds.count("source_finished") == 6
    assert events[-1].done == 6 and events[-1].postings_found == 6

    calls = iter(range(100))
    cancelled = asyncio.run(scrape(sources, settings(tmp_path, max_concurrent_sources=1),
                                   should_cancel=lambda: next(calls) >= 2))
    assert cancelled.cancelled
    assert [o.outcome for o in cancelled.outcomes][:2] == [Outcome.OK, Outcome.OK]
    assert {o.outcome for o in cancelled.outcomes[2:]} == {Outcome.CANCELLED}


def test_postings_are_stored_with_the_run_id(fake_career: dict[str, Any], tmp_path: Any) -> None:
    from jobscraper.store import Store

    s = settings(tmp_path)
    store = Store(s)
    result = asyncio.run(scrape(["https://a.example/jobs", "https://a.example/jobs?utm_source=x"],
                                s, store=store, run_id="run-7"))
    assert (result.new, store.count_postings()) == (1, 1)
    assert store.postings()[0].run_id == "run-7"


def test_each_source_counts_its_postings_by_route(fake_career: dict[str, Any],
                                                  tmp_path: Any) -> None:
    url = "https://a.example/jobs"
    fake_career["answers"] = {url: CareerPageResult(postings=[
        PostingData(title="A", url=url + "/1", route=Route.STRUCTURED),
        PostingData(title="B", url=url + "/2", route=Route.LOCAL),
        PostingData(title="C", url=url + "/3", route=Route.CLOUD),
        PostingData(title="D", url=url + "/4", route=Route.LOCAL),
    ])}
    [outcome] = asyncio.run(scrape([url], settings(tmp_path))).outcomes
    assert outcome.routes == {"structured": 1, "local": 2, "cloud": 1}
    assert outcome.to_dict()["routes"] == outcome.routes


def test_pages_are_decoded_as_a_browser_would() -> None:
    from jobscraper.sources.http import decode_html, page_charset

    legacy = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">' \
        "<p>58.000 € – 68.000 €</p>".encode("cp1252")
    assert page_charset(legacy, "text/html") == "cp1252"
    assert "58.000 € – 68.000 €" in decode_html(legacy, "text/html")
    assert decode_html("Zürich".encode(), "text/html; charset=utf-8") == "Zürich"
    assert decode_html("Zürich".encode("cp1252")) == "Zürich"  # not UTF-8: Windows-1252
    assert decode_html(b"\xef\xbb\xbfok") == "\ufeffok"


class _AnyAddress(AddressGuard):
    """Lets the crawler reach the test's own server on 127.0.0.1."""

    async def check(self, url: str) -> None:
        return None


def test_a_legacy_charset_page_is_decoded_as_declared_and_processed_once(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import chardet
    from aiohttp import web
    from crawl4ai import AsyncWebCrawler

    text = (
        '<html><head><meta charset="iso-8859-1"><title>Stellenangebote</title></head><body>'
        "<h1>Softwareentwickler (m/w/d) in München</h1>"
        "<p>Gehalt: 58.000 € – 68.000 € „brutto“ für Prüfstände in Würzburg</p>"
        f'{FILLER}<a href="/jobs/1-pruefstand">Prüfstandssoftware</a></body></html>'
    )
    body = text.encode("cp1252")  # iso-8859-1 in a page means windows-1252 (WHATWG)
    guessed = chardet.detect(body)["encoding"]
    assert body.decode(guessed, errors="replace") != text  # crawl4ai's own guess is wrong

    processed: list[str] = []
    process_html = AsyncWebCrawler.aprocess_html

    async def counting_process_html(self: Any, *args: Any, **kwargs: Any) -> Any:
        processed.append(kwargs.get("url", ""))
        return await process_html(self, *args, **kwargs)

    monkeypatch.setattr(AsyncWebCrawler, "aprocess_html", counting_process_html)

    async def listing(_request: web.Request) -> web.Response:
        return web.Response(body=body, content_type="text/html")  # no charset in the header

    async def fetch() -> Page:
        app = web.Application()
        app.router.add_get("/jobs", listing)
        runner = web.AppRunner(app)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", 0).start()
        port = runner.addresses[0][1]
        try:
            async with CareerCrawler(settings(tmp_path, respect_robots_txt=False),
                                     guard=_AnyAddress(proxy_configured=False)) as career:
                return await career.fetch(f"http://127.0.0.1:{port}/jobs")
        finally:
            await runner.cleanup()

    page = asyncio.run(fetch())
    assert page.html == text
    assert "58.000 € – 68.000 € „brutto“ für Prüfstände" in page.markdown_text()
    assert any(link.endswith("/jobs/1-pruefstand") for link in page.links)
    assert len(processed) == 1
