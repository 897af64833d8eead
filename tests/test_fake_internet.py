"""The fake internet: a TLS-intercepting proxy serving fixture sites by host name.

These tests drive it the way the application will: plain HTTP clients with a
proxy URL and a CA bundle, crawl4ai's HTTP strategy and python-jobspy.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import requests

from steps.harness.chromium import LAUNCH_ARGS, chromium_executable
from steps.harness.fake_internet import (
    NOT_ON_FAKE_INTERNET,
    SITES,
    FakeInternet,
    FakeRequest,
    company_info,
)
from steps.harness.fake_internet import FakeResponse as Response
from steps.harness.fake_internet.sites import SITES_DIR
from steps.harness.fake_internet.sites.build import build_files
from steps.harness.fake_internet.sites.catalogue import (
    ACME_HOST,
    EVIL_HOST,
    EVIL_TITLE,
    LEGACY_HOST,
    NORTHWIND_HOST,
    PRIVATE_HOST,
)
from steps.harness.fake_internet.sites.misbehaving import HUGE_SIZE

# crawl4ai (imported inside its test) reads these at import time; the root conftest
# sets them too.
os.environ.setdefault(
    "CRAWL4_AI_BASE_DIRECTORY", str(Path(__file__).resolve().parents[1] / ".work" / "crawl4ai")
)
os.environ.setdefault("CRAWL4AI_NO_CLOUD_NOTICE", "1")
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def net(fresh_fake_internet: FakeInternet) -> FakeInternet:
    return fresh_fake_internet


@pytest.fixture
def session(net: FakeInternet) -> requests.Session:
    s = requests.Session()
    s.trust_env = False  # else REQUESTS_CA_BUNDLE from the shell overrides s.verify
    s.proxies = {"http": net.proxy_url, "https": net.proxy_url}
    s.verify = str(net.ca_bundle_path)
    return s


def _json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in JSON_LD.findall(html)]


def _job_posting(html: str) -> dict:
    for data in _json_ld(html):
        for node in data.get("@graph", [data]):
            if node.get("@type") == "JobPosting":
                return node
    raise AssertionError("no JobPosting in the page")


# -- plain clients ---------------------------------------------------------------------


def test_https_by_host_name_with_the_ca_bundle(session: requests.Session) -> None:
    r = session.get(f"https://{ACME_HOST}/jobs")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert len(r.content) > 5000
    item_list = _json_ld(r.text)[0]
    assert item_list["@type"] == "ItemList"
    assert [i["url"] for i in item_list["itemListElement"]] == SITES[ACME_HOST].posting_urls


def test_https_fails_verification_without_the_ca_bundle(net: FakeInternet) -> None:
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(
            f"https://{ACME_HOST}/jobs", proxies={"https": net.proxy_url}, verify=True, timeout=5
        )


def test_plain_http_absolute_form(session: requests.Session, net: FakeInternet) -> None:
    r = session.get(f"http://{NORTHWIND_HOST}/jobs/senior-python-engineer")
    assert r.status_code == 200
    assert '<h1 class="job-title">Senior Python Engineer</h1>' in r.text
    assert [(x.scheme, x.host, x.path) for x in net.requests] == [
        ("http", NORTHWIND_HOST, "/jobs/senior-python-engineer")
    ]


def test_httpx_keep_alive_and_alpn_http11(net: FakeInternet) -> None:
    with httpx.Client(proxy=net.proxy_url, verify=net.ssl_context()) as client:
        responses = [client.get(url) for url in SITES[ACME_HOST].posting_urls]
    assert [r.status_code for r in responses] == [200] * len(responses)
    assert {r.http_version for r in responses} == {"HTTP/1.1"}
    assert len(net.requests_to(ACME_HOST)) == len(responses)


def test_unknown_host_is_a_502_that_says_so(session: requests.Session, net: FakeInternet) -> None:
    for url in ("https://www.example.org/careers", "http://jobs.nowhere.test/"):
        r = session.get(url)
        assert r.status_code == 502
        assert NOT_ON_FAKE_INTERNET in r.text
        assert ACME_HOST in r.text  # the message lists what is served
    assert [x.status for x in net.requests] == [502, 502]


def test_unknown_path_is_a_404(session: requests.Session) -> None:
    assert session.get(f"https://{ACME_HOST}/jobs/9999-gone").status_code == 404


# -- request bodies and recording --------------------------------------------------


def _echo(request: FakeRequest) -> Response:
    return Response(
        200,
        json.dumps({"size": len(request.body), "body": request.body.decode()}),
        "application/json",
    )


def test_post_bodies_with_content_length_and_chunked(net: FakeInternet) -> None:
    net.add_handler("api.echo.test", "/echo", _echo)
    with httpx.Client(proxy=net.proxy_url, verify=net.ssl_context()) as client:
        fixed = client.post("https://api.echo.test/echo", content=b"a" * 70_000)
        chunked = client.post(
            "https://api.echo.test/echo", content=iter([b"hello ", b"chunked ", b"world"])
        )
    assert fixed.json()["size"] == 70_000
    assert chunked.json()["body"] == "hello chunked world"
    first, second = net.requests_to("api.echo.test")
    assert first.body_size == 70_000 and first.header("content-length") == "70000"
    assert second.header("transfer-encoding") == "chunked" and second.body == b"hello chunked world"


@pytest.mark.skipif(not shutil.which("curl"), reason="needs the curl command")
def test_curl_expect_100_continue_upload(net: FakeInternet, tmp_path: Path) -> None:
    net.add_handler("api.echo.test", "/echo", _echo)
    upload = tmp_path / "upload.bin"
    upload.write_bytes(b"x" * 2_000_000)
    started = time.monotonic()
    out = subprocess.run(
        [
            "curl",
            "-sS",
            "--fail",
            "--proxy",
            net.proxy_url,
            "--cacert",
            str(net.ca_bundle_path),
            "-H",
            "Expect: 100-continue",
            "--data-binary",
            f"@{upload}",
            "https://api.echo.test/echo",
        ],
        capture_output=True,
        check=True,
        timeout=30,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert json.loads(out.stdout)["size"] == 2_000_000
    assert time.monotonic() - started < 0.9  # curl waits 1 s when 100 Continue never comes
    assert net.requests_to("api.echo.test")[0].header("expect") == "100-continue"


def test_requests_are_recorded_and_cleared(session: requests.Session, net: FakeInternet) -> None:
    session.post(
        "https://apis.indeed.com/graphql?x=1",
        json={"query": 'jobSearch(what: "python")'},
        headers={"indeed-api-key": "k", "user-agent": "probe/1.0"},
    )
    session.get(f"https://{ACME_HOST}/robots.txt")
    (rec,) = net.requests_to("apis.indeed.com")
    assert (rec.method, rec.scheme, rec.path, rec.query, rec.status) == (
        "POST",
        "https",
        "/graphql",
        "x=1",
        200,
    )
    assert rec.header("user-agent") == "probe/1.0"
    assert rec.body_size == len(rec.body) > 0
    assert rec.time <= time.time() and rec.url == "https://apis.indeed.com/graphql?x=1"
    assert [r.host for r in net.requests] == ["apis.indeed.com", ACME_HOST]
    net.clear_requests()
    assert net.requests == []
    assert net.requests_to(PRIVATE_HOST) == []


def test_add_page_is_served_until_reset(session: requests.Session, net: FakeInternet) -> None:
    url = net.add_page("careers.new-co.test", "/jobs", "<html><body>hi</body></html>", status=201)
    assert session.get(url).status_code == 201
    net.add_page(ACME_HOST, "/jobs", "overridden")  # overlays a fixture page
    assert session.get(f"https://{ACME_HOST}/jobs").text == "overridden"
    net.reset()
    assert session.get(url).status_code == 502
    assert "Open positions" in session.get(f"https://{ACME_HOST}/jobs").text


# -- misbehaving hosts -------------------------------------------------------------


def test_huge_page_streams_20_mib(net: FakeInternet) -> None:
    size = 0
    with (
        httpx.Client(proxy=net.proxy_url, verify=net.ssl_context()) as client,
        client.stream("GET", "https://careers.huge-pages.com/jobs") as r,
    ):
        assert int(r.headers["content-length"]) == HUGE_SIZE
        first = b""
        for chunk in r.iter_raw():
            first = first or chunk
            size += len(chunk)
    assert size == HUGE_SIZE == 20 * 1024 * 1024
    assert first.startswith(b"<!DOCTYPE html>")


def test_timeout_host_never_answers(session: requests.Session, net: FakeInternet) -> None:
    started = time.monotonic()
    with pytest.raises(requests.exceptions.ReadTimeout):
        session.get("https://careers.slow-loris.io/jobs", timeout=1)
    assert time.monotonic() - started < 5
    (rec,) = net.requests_to("careers.slow-loris.io")
    assert rec.status is None
    deadline = time.monotonic() + 5  # the proxy lets go once the client has gone
    while net.in_flight("slow-loris.io") and time.monotonic() < deadline:
        time.sleep(0.01)
    assert net.in_flight("slow-loris.io") == 0


def test_a_hang_is_bounded() -> None:
    with FakeInternet(hang_s=0.5) as hung:
        started = time.monotonic()
        with pytest.raises(requests.exceptions.ConnectionError):  # closed without an answer
            requests.get(
                "https://careers.slow-loris.io/jobs",
                proxies={"https": hung.proxy_url},
                verify=str(hung.ca_bundle_path),
                timeout=20,
            )
        assert 0.5 <= time.monotonic() - started < 5


def test_stop_is_not_blocked_by_a_hung_connection() -> None:
    errors: list[BaseException] = []
    with FakeInternet(hang_s=120) as hung:

        def client() -> None:
            try:
                requests.get(
                    "https://careers.slow-loris.io/",
                    proxies={"https": hung.proxy_url},
                    verify=str(hung.ca_bundle_path),
                    timeout=60,
                )
            except requests.RequestException as exc:
                errors.append(exc)

        thread = threading.Thread(target=client)
        thread.start()
        deadline = time.monotonic() + 10
        while not hung.in_flight() and time.monotonic() < deadline:
            time.sleep(0.01)
        started = time.monotonic()
    assert time.monotonic() - started < 5
    thread.join(10)
    assert not thread.is_alive() and len(errors) == 1


def test_http_500_bot_challenge_and_robots(session: requests.Session) -> None:
    r = session.get("https://careers.failing-corp.com/jobs")
    assert r.status_code == 500
    r = session.get("https://careers.shielded-corp.com/jobs")
    assert r.status_code == 403 and r.headers["cf-mitigated"] == "challenge"
    assert "<title>Just a moment...</title>" in r.text and "Checking your browser" in r.text
    robots = session.get(f"https://{PRIVATE_HOST}/robots.txt")
    assert robots.headers["content-type"].startswith("text/plain")
    assert "Disallow: /jobs" in robots.text
    assert "Disallow: /jobs" not in session.get(f"https://{ACME_HOST}/robots.txt").text
    assert session.get(f"https://{PRIVATE_HOST}/jobs").status_code == 200


def test_non_utf8_page(session: requests.Session) -> None:
    r = session.get(f"https://{LEGACY_HOST}/jobs")
    assert r.headers["content-type"] == "text/html"
    with pytest.raises(UnicodeDecodeError):
        r.content.decode("utf-8")
    assert b"charset=windows-1252" in r.content
    assert "Softwareentwickler (m/w/d) für Prüfstände".encode("cp1252") in r.content
    assert b"\x81\x8d" in r.content and "€".encode("cp1252") in r.content


def test_script_tag_in_a_job_title_is_text(session: requests.Session) -> None:
    html = session.get(SITES[EVIL_HOST].postings[0].url).text
    assert _job_posting(html)["title"] == EVIL_TITLE
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html


# -- the catalogue and the files -----------------------------------------------------


@pytest.mark.parametrize(
    "host", [h for h, s in SITES.items() if s.kind == "json-ld"] + ["careers.globex-ai.com"]
)
def test_json_ld_matches_the_catalogue(session: requests.Session, host: str) -> None:
    for posting in SITES[host].postings:
        data = _job_posting(session.get(posting.url).text)
        assert data["title"] == posting.title
        assert data["hiringOrganization"].get("name", posting.company) == posting.company
        value = data["baseSalary"]["value"]
        assert value.get("minValue", value.get("value")) == posting.salary_min
        assert data["baseSalary"]["currency"] == posting.salary_currency
        assert (data.get("jobLocationType") == "TELECOMMUTE") == posting.remote


def test_acme_has_a_graph_posting(session: requests.Session) -> None:
    url = SITES[ACME_HOST].posting("Machine Learning Engineer, Perception").url
    (data,) = _json_ld(session.get(url).text)
    assert "@graph" in data


def test_html_site_has_no_structured_data(session: requests.Session) -> None:
    for url in [SITES[NORTHWIND_HOST].start_url, *SITES[NORTHWIND_HOST].posting_urls]:
        html = session.get(url).text
        assert "application/ld+json" not in html
        assert len(html) > 5000


def test_javascript_site_serves_a_shell_and_an_api(session: requests.Session) -> None:
    site = SITES["careers.globex-ai.com"]
    shell = session.get(site.start_url).text
    assert '<div id="app"></div>' in shell and "/api/jobs.json" in shell
    assert not any(p.title in shell for p in site.postings)
    api = session.get("https://careers.globex-ai.com/api/jobs.json").json()
    assert [j["title"] for j in api["jobs"]] == site.titles


def test_fixture_files_are_up_to_date() -> None:
    files = build_files()
    stale = [n for n, content in files.items() if (SITES_DIR / n).read_bytes() != content]
    assert not stale, "run: python -m steps.harness.fake_internet.sites.build"
    on_disk = {
        str(p.relative_to(SITES_DIR))
        for host in {n.split("/")[0] for n in files}
        for p in Path(SITES_DIR, host).rglob("*")
        if p.is_file()
    }
    assert on_disk == set(files)


# -- many companies, delays, concurrency -------------------------------------------


def test_companies_delay_and_max_concurrency(net: FakeInternet) -> None:
    urls = net.add_companies(10, delay_s=0.3)
    assert urls[0] == "https://company-01.example-jobs.test/jobs" and len(urls) == 10
    limit = threading.Semaphore(5)

    def fetch(url: str) -> int:
        with limit, httpx.Client(proxy=net.proxy_url, verify=net.ssl_context()) as c:
            return c.get(url).status_code

    started = time.monotonic()
    with ThreadPoolExecutor(10) as pool:
        assert list(pool.map(fetch, urls)) == [200] * 10
    assert time.monotonic() - started >= 0.6  # two waves of a 0.3 s delay
    assert net.max_concurrency("example-jobs.test") == 5
    posting = company_info(7).postings[1]
    with httpx.Client(proxy=net.proxy_url, verify=net.ssl_context()) as client:
        assert _job_posting(client.get(posting.url).text)["title"] == posting.title
    assert net.max_concurrency(ACME_HOST) == 0
    net.clear_requests()
    # Long enough that all ten connections are made (TLS handshakes on a loaded machine)
    # before the first answer: the assertion is about overlap, not speed.
    net.set_delay("example-jobs.test", 1.5)
    with ThreadPoolExecutor(10) as pool:
        list(pool.map(lambda u: httpx.get(u, proxy=net.proxy_url, verify=net.ssl_context()), urls))
    assert net.max_concurrency(".example-jobs.test") > 5  # no limit, more at once


# -- the application's libraries ---------------------------------------------------


@pytest.mark.asyncio
async def test_crawl4ai_http_strategy_through_the_proxy(net: FakeInternet) -> None:
    from crawl4ai import AsyncWebCrawler, CrawlerRunConfig, HTTPCrawlerConfig, ProxyConfig
    from crawl4ai.async_crawler_strategy import AsyncHTTPCrawlerStrategy

    posting = SITES[ACME_HOST].postings[0]
    strategy = AsyncHTTPCrawlerStrategy(browser_config=HTTPCrawlerConfig())

    async def trust_the_fake_ca(url: str, request_kwargs: dict) -> None:
        request_kwargs["ssl"] = net.ssl_context()

    strategy.set_hook("before_request", trust_the_fake_ca)
    async with AsyncWebCrawler(crawler_strategy=strategy) as crawler:
        result = await crawler.arun(
            posting.url,
            config=CrawlerRunConfig(proxy_config=ProxyConfig(server=net.proxy_url)),
        )
        shell = await crawler.arun(
            SITES["careers.globex-ai.com"].start_url,
            config=CrawlerRunConfig(proxy_config=ProxyConfig(server=net.proxy_url)),
        )
    assert result.success, result.error_message
    assert posting.title in result.markdown
    assert _job_posting(result.html)["title"] == posting.title
    assert [r.url for r in net.requests_to(ACME_HOST)] == [posting.url]
    # The JavaScript site's app shell is what its catalogue entry promises: "blocked"
    # for a client that does not run scripts.
    assert not shell.success and "minimal_text" in shell.error_message


def test_jobspy_linkedin_and_indeed_through_the_proxy(net: FakeInternet) -> None:
    from jobspy import scrape_jobs

    jobs = scrape_jobs(
        site_name=["linkedin", "indeed"],
        search_term="python developer",
        location="Berlin",
        results_wanted=3,
        proxies=[net.proxy_url],
        ca_cert=str(net.ca_bundle_path),
        fetch_description=True,
        verbose=0,
    )
    assert not jobs.attrs["errors"], jobs.attrs["errors"]
    by_site = {site: set(group["title"]) for site, group in jobs.groupby("site")}
    assert by_site == {
        "linkedin": set(SITES["www.linkedin.com"].titles),
        "indeed": set(SITES["apis.indeed.com"].titles),
    }
    spreeview = jobs[jobs["title"] == "Python Developer"].iloc[0]
    assert (spreeview["min_amount"], spreeview["currency"]) == (60000.0, "EUR")
    assert spreeview["description"]
    assert {r.host for r in net.requests} == {"www.linkedin.com", "apis.indeed.com"}


CHROMIUM = chromium_executable()


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium")
def test_chromium_renders_the_javascript_site_through_the_proxy(net: FakeInternet) -> None:
    from playwright.sync_api import sync_playwright

    site = SITES["careers.globex-ai.com"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM, proxy={"server": net.proxy_url}, args=LAUNCH_ARGS
        )
        try:
            page = browser.new_page(ignore_https_errors=True)
            page.goto(site.start_url)
            page.wait_for_selector("#app .job-link", timeout=10_000)
            titles = page.locator("#app .job-link").all_text_contents()
        finally:
            browser.close()
    assert titles == site.titles
    paths = [r.path for r in net.requests_to("careers.globex-ai.com")]
    assert paths[:2] == ["/jobs", "/api/jobs.json"]


def test_curl_cffi_through_the_proxy(net: FakeInternet) -> None:
    from curl_cffi import requests as curl_requests

    r = curl_requests.get(
        f"https://{NORTHWIND_HOST}/jobs",
        proxies={"https": net.proxy_url},
        verify=str(net.ca_bundle_path),
        impersonate="chrome",
    )
    assert r.status_code == 200 and "Senior Python Engineer" in r.text


def test_a_request_left_in_flight_by_an_earlier_test_does_not_count_in_the_next() -> None:
    from steps.harness.fake_internet.recorder import Recorder

    recorder = Recorder()
    host = "company-02.example-jobs.test"
    abandoned = recorder.begin(host)  # the client gave up; the response is still slowed
    recorder.clear()  # the next test begins
    first = recorder.begin(host)
    recorder.end(first)  # a quick answer of the new test: its own end, not the old one's
    second = recorder.begin("company-01.example-jobs.test")
    recorder.end(abandoned)  # the old response finally goes out
    third = recorder.begin("company-03.example-jobs.test")
    assert recorder.max_concurrency("example-jobs.test") == 2
    assert recorder.in_flight("example-jobs.test") == 2
    recorder.end(second)
    recorder.end(third)
    assert recorder.in_flight("example-jobs.test") == 0
