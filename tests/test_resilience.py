"""The hostile-input sweep at unit level: each bad input gets a clear error or a correct
result, and nothing stored before is lost.

The acceptance side (``features/resilience``) drives the running scraper over the fake
internet; here are the cases that are pure parsing, or that need a double at the network
edge the acceptance harness does not have (a cloud endpoint that answers 429, a Redis
that dies mid-run, a PostgreSQL whose connections drop, a full disk).
"""

from __future__ import annotations

import asyncio
import contextlib
import http.server
import json
import os
import random
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from jobscraper.ai.completion import Completion, ModelCallError
from jobscraper.ai.tokens import ChatMessage
from jobscraper.config import load_settings
from jobscraper.extract.base import ExtractionOutcome, ExtractionStatus, PageContent
from jobscraper.extract.llm import parse_posting
from jobscraper.extract.normalize import (
    normalize_currency,
    number_or_none,
    parse_salary,
    plausible_amount,
    plausible_posted_date,
)
from jobscraper.extract.pipeline import extract_page
from jobscraper.extract.readable import binary_reason, unreadable_reason
from jobscraper.extract.structured import extract_structured
from jobscraper.models import PostingData, Route
from jobscraper.sources.guard import AddressGuard, SourceRejected, check_url_syntax
from jobscraper.sources.http import (
    MAX_CRAWL_DELAY_S,
    HostRateLimiter,
    RobotsCache,
    decode_html,
)
from jobscraper.store import Store
from tests.test_scrape_unit import fake_career  # noqa: F401 (a fixture, used by name)

PAGE_URL = "https://careers.example-corp.com/jobs/7-data-engineer"


# --- addresses ------------------------------------------------------------------------

@pytest.mark.parametrize(("address", "reason"), [
    ("http://[::1", "not a valid address"),
    ("https://", "has no host"),
    ("https://careers.example-corp.com:99999/jobs", "not a valid address"),
    ("https://%00/jobs", "is no name"),
    ("http://careers.example-corp.com\x00.evil.example/", "control characters"),
    ("https://careers.example-corp.com/" + "a" * 100_000, "over the limit"),
    ("ftp://careers.example-corp.com/jobs", "ftp: addresses are not allowed"),
    ("javascript:alert(document.cookie)", "javascript: addresses are not allowed"),
    ("data:text/html,<h1>Jobs</h1>", "data: addresses are not allowed"),
    ("file:///etc/passwd", "file: addresses are not allowed"),
    ("http://[::1]/jobs", "loopback"),
    ("http://[fd00::12]/jobs", "private address"),
    ("http://[fe80::1]/jobs", "link-local"),
    ("http://[::ffff:10.0.0.12]/jobs", "private address"),
    ("http://[2002:a00:c::]/jobs", "private address"),  # 6to4 of 10.0.0.12
    ("http://2130706433/jobs", "loopback"),  # decimal 127.0.0.1
    ("http://0177.0.0.1/jobs", "loopback"),  # octal
    ("http://0x7f.1/jobs", "loopback"),  # hexadecimal, short form
    ("http://0300.0250.0.1/jobs", "private address"),  # octal 192.168.0.1
    ("http://0/jobs", "private address"),
])
def test_a_hostile_address_is_refused_with_its_reason(address: str, reason: str) -> None:
    with pytest.raises(SourceRejected) as refused:
        check_url_syntax(address)
    assert reason in str(refused.value)
    assert len(str(refused.value)) < 300  # a 100,000-character address is not echoed whole


@pytest.mark.parametrize("address", [
    "https://careers.example-corp.com/jobs",
    "https://bücher.example/karriere",  # an internationalised name
    "https://my_team.example-corp.com/jobs",
    "http://[2606:4700::1111]/jobs",  # a public IPv6 address
])
def test_an_ordinary_address_passes(address: str) -> None:
    check_url_syntax(address)


class _Resolver:
    """``getaddrinfo`` answering fixed addresses: the DNS at the network edge."""

    def __init__(self, *addresses: str) -> None:
        self.addresses = addresses

    async def __call__(self, host: str, port: object, **_: object) -> list[tuple]:
        family = socket.AF_INET
        return [(family, socket.SOCK_STREAM, 6, "", (address, 0)) for address in self.addresses]


@pytest.mark.parametrize(("answers", "reason"), [
    (("10.1.2.3",), "resolves to a private address"),
    (("93.184.216.34", "127.0.0.1"), "resolves to a loopback address"),  # one bad answer
    (("169.254.169.254",), "link-local"),
    (("fd00::1",), "private address"),
])
def test_a_name_that_resolves_into_the_private_network_is_refused(
        answers: tuple[str, ...], reason: str, monkeypatch: pytest.MonkeyPatch) -> None:
    async def check() -> None:
        loop = asyncio.get_running_loop()
        monkeypatch.setattr(loop, "getaddrinfo", _Resolver(*answers))
        await AddressGuard(proxy_configured=True).check("https://jobs.rebinding.example/jobs")

    with pytest.raises(SourceRejected, match=reason):
        asyncio.run(check())


def test_this_machines_own_name_is_refused() -> None:
    """A real name from the system resolver: the machine's own host name."""
    from steps.harness.private_network import own_private_name

    name, unusable = own_private_name()
    if unusable:
        pytest.skip(unusable)
    with pytest.raises(SourceRejected, match="private addresses are not allowed"):
        asyncio.run(AddressGuard(proxy_configured=True).check(f"http://{name}/jobs"))


# --- JSON-LD that is invalid or lies --------------------------------------------------

def _json_ld_page(**fields: object) -> str:
    job = {"@context": "https://schema.org", "@type": "JobPosting", "title": "Data Engineer",
           "hiringOrganization": {"@type": "Organization", "name": "Example Corp"},
           "datePosted": "2026-11-02", **fields}
    return (f'<html><head><script type="application/ld+json">{json.dumps(job)}</script>'
            "</head><body><h1>Data Engineer</h1></body></html>")


def _salary(value: object, currency: object = "EUR") -> dict[str, object]:
    return {"@type": "MonetaryAmount", "currency": currency,
            "value": {"@type": "QuantitativeValue", "minValue": value, "maxValue": value,
                      "unitText": "YEAR"}}


@pytest.mark.parametrize(("fields", "expected"), [
    ({"baseSalary": _salary("-5")}, (None, None, None)),
    ({"baseSalary": _salary(-5)}, (None, None, None)),
    ({"baseSalary": _salary(-70000)}, (None, None, None)),
    ({"baseSalary": _salary(0)}, (None, None, None)),
    ({"baseSalary": _salary("a competitive salary")}, (None, None, None)),
    ({"baseSalary": _salary(70000, currency="Monopoly money")}, (70000.0, 70000.0, None)),
    ({"baseSalary": _salary(70000, currency="ABC")}, (70000.0, 70000.0, None)),
    ({"baseSalary": _salary(70000, currency="€")}, (70000.0, 70000.0, "EUR")),
    ({"baseSalary": "-5 EUR"}, (None, None, None)),
])
def test_a_salary_that_cannot_be_true_is_not_stored(
        fields: dict[str, object], expected: tuple[object, ...]) -> None:
    [posting] = extract_structured(_json_ld_page(**fields), PAGE_URL)
    assert (posting.salary_min, posting.salary_max, posting.salary_currency) == expected
    assert posting.title == "Data Engineer"  # the rest of the posting is kept


@pytest.mark.parametrize(("posted", "expected"), [
    ("2099-01-01", None),
    ((date.today() + timedelta(days=30)).isoformat(), None),
    ("1970-01-01", None),
    ("2026-13-45", None),
    ("yesterday", None),
    ("2026-11-02", date(2026, 11, 2)),
])
def test_a_posted_date_that_cannot_be_true_is_not_stored(posted: str, expected: object) -> None:
    [posting] = extract_structured(_json_ld_page(datePosted=posted), PAGE_URL)
    assert posting.posted_date == expected


def test_invalid_json_ld_is_no_posting_and_no_error() -> None:
    html = ('<html><head><script type="application/ld+json">{"@type": "JobPosting", '
            '"title": "Data Engi</script><script type="application/ld+json">[[[[</script>'
            "</head><body><p>Careers</p></body></html>")
    assert extract_structured(html, PAGE_URL) == []


def test_amounts_and_dates_are_checked_on_every_route() -> None:
    posting = PostingData(title="Data Engineer", url=PAGE_URL, salary_min=-5, salary_max=-1,
                          salary_currency="Doubloons", posted_date=date(2099, 1, 1))
    assert (posting.salary_min, posting.salary_max, posting.salary_currency,
            posting.posted_date) == (None, None, None, None)


def test_plausibility_rules() -> None:
    assert [plausible_amount(v) for v in (-5.0, 0.0, float("inf"), float("nan"), 5.0)] == [
        None, None, None, None, 5.0]
    today = date(2026, 12, 2)
    assert plausible_posted_date(date(2026, 12, 3), today) == date(2026, 12, 3)  # time zones
    assert plausible_posted_date(date(2026, 12, 4), today) is None
    assert number_or_none("-5") is None and number_or_none("- 70,000") is None
    assert number_or_none("70-90k") == 70000.0
    assert parse_salary("-5").is_empty
    assert [normalize_currency(c) for c in ("eur", "US$", "XXX", "ABC", "dollars")] == [
        "EUR", "USD", None, None, None]


# --- pages that are not pages ---------------------------------------------------------

def _noise(seed: int, size: int) -> bytes:
    """Random bytes, the same on every run."""
    return random.Random(seed).randbytes(size)


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _noise(3, 4000)


@pytest.mark.parametrize(("body", "reason"), [
    (_png(), "a PNG image"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document"),
    (_noise(5, 20_000), "binary data"),
    (b"<html><body>" + b"\x00" * 50 + b"Jobs</body></html>", "binary data"),
])
def test_binary_content_is_told_apart_from_a_page(body: bytes, reason: str) -> None:
    found = binary_reason(decode_html(body, "text/html"))
    assert found is not None and reason in found


def test_invalid_utf8_is_read_as_text_not_binary() -> None:
    body = ("<html><body><h1>Ingenieur (m/w/d) – Köln</h1>".encode()
            + b"\xff\xfe\xc3(\x80 caf\xe9 " + "<p>Wir suchen…</p></body></html>".encode())
    text = decode_html(body, "text/html; charset=utf-8")
    assert binary_reason(text) is None and "Ingenieur" in text


@pytest.mark.parametrize("html", ["", "   \n ", "<html><head><title></title></head>"
                                  "<body><div><span> </span></div></body></html>"])
def test_an_empty_page_is_unreadable(html: str) -> None:
    assert "empty" in (unreadable_reason(html) or "")


class _SpyExtractor:
    """The model route, counting the pages it is asked about."""

    def __init__(self) -> None:
        self.pages: list[str] = []

    async def extract(self, page: PageContent, run_id: str | None = None) -> ExtractionOutcome:
        self.pages.append(page.url)
        posting = PostingData(title="Invented Posting", url=page.url, route=Route.LOCAL)
        return ExtractionOutcome(ExtractionStatus.OK, [posting])


@pytest.mark.parametrize(("html", "reason"), [
    ("", "the page is empty"),
    ("<html><body>\n</body></html>", "the page is empty"),
    (decode_html(_png()), "binary data (a PNG image)"),
])
def test_a_page_no_model_can_read_never_reaches_the_model(html: str, reason: str) -> None:
    spy = _SpyExtractor()
    result = asyncio.run(extract_page(PageContent(url=PAGE_URL, html=html), spy))
    assert spy.pages == [] and result.postings == [] and result.handed_to_model == 0
    assert result.statuses == [ExtractionStatus.FAILED] and reason in (result.reason or "")


def test_ten_thousand_nested_elements_are_read_without_a_crash() -> None:
    depth = 10_000
    html = ("<html><body>" + "<div>" * depth + "<h1>Platform Engineer</h1><p>Build the"
            " platform our teams run on.</p>" + "</div>" * depth + "</body></html>")
    spy = _SpyExtractor()
    result = asyncio.run(extract_page(PageContent(url=PAGE_URL, html=html), spy))
    assert result.reason is None or "Recursion" not in result.reason
    assert spy.pages == [PAGE_URL]  # it is a page with text: the model route reads it


@pytest.fixture
def extract_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("JOBSCRAPER_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("JOBSCRAPER_MODEL_EXTRACTION", "true")  # the model route is on

    def invoke(body: bytes, name: str) -> tuple[int, str]:
        path = tmp_path / name
        path.write_bytes(body)
        result = CliRunner().invoke(app_of_cli(), ["extract", str(path)])
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            result.output)
        return result.exit_code, result.output

    return invoke


def app_of_cli():
    from jobscraper.cli import app

    return app


@pytest.mark.parametrize(("body", "name", "said"), [
    (_png(), "logo.png", "binary data (a PNG image)"),
    (_noise(9, 8000), "page.html", "binary data"),
    (b"", "empty.html", "the page is empty"),
])
def test_extract_names_what_is_wrong_with_a_file_that_is_no_page(
        extract_cli, body: bytes, name: str, said: str) -> None:
    exit_code, output = extract_cli(body, name)
    assert exit_code == 1 and said in " ".join(output.split())
    assert "XML" not in output and "Traceback" not in output


# --- model output ---------------------------------------------------------------------

def _completion(text: str) -> Completion:
    return Completion(text, "tiny", "in-process vLLM", 100, 20, "stop", 5.0)


@pytest.mark.parametrize(("answer", "problem"), [
    ("Sure! Here is the posting: Data Engineer", "not valid JSON"),
    ("[1, 2, 3]", "not a JSON object"),
    (json.dumps({"title": {"nested": True}}), "not a valid posting"),
    (json.dumps({"company": "Example Corp"}), "not a valid posting"),  # no title
])
def test_model_output_that_breaks_the_schema_is_refused(answer: str, problem: str) -> None:
    from jobscraper.extract.llm import InvalidOutput

    with pytest.raises(InvalidOutput, match=problem):
        parse_posting(_completion(answer), PageContent(url=PAGE_URL, html=""), Route.LOCAL)


def test_a_model_that_obeys_an_injected_instruction_cannot_move_the_posting() -> None:
    """The page told the model to "ignore all previous instructions" and to report the
    posting as found elsewhere: the address, site and route are the page's own."""
    answer = json.dumps({"title": "Data Engineer", "url": "https://evil.example/phish",
                         "site": "evil.example", "route": "structured",
                         "model_call_id": 1, "salary_min": -1})
    posting = parse_posting(_completion(answer), PageContent(url=PAGE_URL, html=""),
                            Route.LOCAL)
    assert (posting.url, posting.site, posting.route, posting.model_call_id,
            posting.salary_min) == (PAGE_URL, "careers.example-corp.com", Route.LOCAL, None,
                                    None)


# --- the cloud endpoint ---------------------------------------------------------------

class _CloudDouble(http.server.ThreadingHTTPServer):
    """An OpenAI-compatible endpoint on loopback that answers from a script."""

    def __init__(self, script: list[tuple[int, float]]) -> None:
        self.script = script
        self.requests: list[str | None] = []
        super().__init__(("127.0.0.1", 0), _CloudHandler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"


class _CloudHandler(http.server.BaseHTTPRequestHandler):
    server: _CloudDouble

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.server.requests.append(self.headers.get("authorization"))
        status, delay = self.server.script[min(len(self.server.requests),
                                               len(self.server.script)) - 1]
        time.sleep(delay)
        body = {"error": {"message": f"status {status}", "type": "test"}} if status != 200 \
            else {"id": "1", "object": "chat.completion", "created": 0, "model": "cloud-model",
                  "choices": [{"index": 0, "finish_reason": "stop", "message": {
                      "role": "assistant", "content": '{"title": "Data Engineer"}'}}],
                  "usage": {"prompt_tokens": 10, "completion_tokens": 5, "total_tokens": 15}}
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def cloud_double() -> Iterator[type[_CloudDouble]]:
    started: list[_CloudDouble] = []

    def start(script: list[tuple[int, float]]) -> _CloudDouble:
        server = _CloudDouble(script)
        started.append(server)
        return server

    yield start  # type: ignore[misc]
    for server in started:
        server.shutdown()
        server.server_close()


def _ask(url: str, api_key: str = "sk-test", timeout_s: float = 5.0) -> Completion:
    from jobscraper.ai.cloud import OpenAICompatibleClient

    client = OpenAICompatibleClient(base_url=url, api_key=api_key, timeout_s=timeout_s,
                                    backoff_s=0.01)
    return client.complete([ChatMessage("user", "page")], {"type": "object"},
                           model="cloud-model", max_tokens=50)


def test_cloud_rate_limit_and_server_errors_are_retried(cloud_double) -> None:
    cloud = cloud_double([(429, 0), (500, 0), (200, 0)])
    completion = _ask(cloud.url)
    assert json.loads(completion.text) == {"title": "Data Engineer"} and len(cloud.requests) == 3


@pytest.mark.parametrize(("script", "said"), [
    ([(429, 0)], "RateLimitError"),
    ([(500, 0)], "InternalServerError"),
    ([(200, 2.0)], "Timeout"),
])
def test_cloud_that_keeps_failing_gives_a_clear_error(cloud_double, script, said) -> None:
    cloud = cloud_double(script)
    with pytest.raises(ModelCallError, match=said) as failed:
        _ask(cloud.url, timeout_s=0.5)
    assert cloud.url in str(failed.value) and len(cloud.requests) == 3  # tried three times


@pytest.mark.parametrize(("api_key", "said"), [
    ("", "no API key is set"),
    ("sk-wrong", "the API key was refused"),
])
def test_a_missing_or_wrong_api_key_is_named_and_not_retried(cloud_double, api_key,
                                                              said) -> None:
    cloud = cloud_double([(401, 0)])
    with pytest.raises(ModelCallError, match=said) as failed:
        _ask(cloud.url, api_key=api_key)
    assert "JOBSCRAPER_CLOUD_API_KEY" in str(failed.value) and len(cloud.requests) == 1


# --- robots.txt Crawl-delay -----------------------------------------------------------

def _robots(text: str) -> RobotsCache:
    settings = load_settings(per_host_requests_per_s=100)
    cache = RobotsCache(settings, HostRateLimiter(settings.per_host_requests_per_s))
    cache.client = httpx.AsyncClient(transport=httpx.MockTransport(
        lambda request: httpx.Response(200, text=text)))
    return cache


@pytest.mark.parametrize(("robots", "interval"), [
    ("User-agent: *\nCrawl-delay: 2\nDisallow: /private\n", 2.0),
    ("User-agent: jobscraper\nCrawl-delay: 1\n\nUser-agent: *\nCrawl-delay: 9\n", 1.0),
    ("User-agent: Googlebot\nUser-agent: *\nCrawl-delay: 0.5 # polite\n", 0.5),
    ("User-agent: Googlebot\nCrawl-delay: 20\n", 0.01),  # not for us
    ("User-agent: *\nCrawl-delay: nan\n", 0.01),
    ("User-agent: *\nCrawl-delay: 86400\n", MAX_CRAWL_DELAY_S),
    ("User-agent: *\nCrawl-delay: soon\n", 0.01),
    ("User-agent: *\nDisallow:\n", 0.01),
])
def test_crawl_delay_spaces_the_requests_to_its_host(robots: str, interval: float) -> None:
    cache = _robots(robots)
    assert asyncio.run(cache.allowed("https://careers.example-corp.com/jobs"))
    assert cache.limiter.interval_of("careers.example-corp.com") == pytest.approx(interval)
    assert cache.limiter.interval_of("other.example") == pytest.approx(0.01)


def test_the_limiter_waits_out_the_crawl_delay() -> None:
    limiter = HostRateLimiter(1000)
    limiter.set_crawl_delay("slow.example", 0.3)

    async def two_requests() -> float:
        started = time.monotonic()
        await limiter.wait("slow.example")
        await limiter.wait("slow.example")
        return time.monotonic() - started

    assert asyncio.run(two_requests()) >= 0.29  # a lower bound: politeness, not speed


# --- Redis ----------------------------------------------------------------------------

def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_redis_refusing_connections_at_start_is_named(tmp_path: Path) -> None:
    from jobscraper.redis_server import RedisUnavailable, redis_connection

    settings = load_settings(data_dir=tmp_path,
                             redis_url=f"redis://127.0.0.1:{_closed_port()}/0")
    with pytest.raises(RedisUnavailable, match="JOBSCRAPER_REDIS_URL"):
        redis_connection(settings, fail_fast=True)


@pytest.mark.parametrize("command", [
    ["scrape", "--background", "--detach", "https://careers.example-corp.com/jobs"],
    ["worker", "--burst"],
])
def test_commands_say_that_redis_refuses_instead_of_a_traceback(
        command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import jobscraper.redis_server

    monkeypatch.setattr(jobscraper.redis_server, "RETRIES", 0)  # the first refusal is final
    monkeypatch.setenv("JOBSCRAPER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("JOBSCRAPER_REDIS_URL", f"redis://127.0.0.1:{_closed_port()}/0")
    result = CliRunner().invoke(app_of_cli(), command)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    said = " ".join(result.output.split())
    assert "cannot reach Redis" in said and "JOBSCRAPER_REDIS_URL" in said
    assert not (tmp_path / "data" / "jobscraper.db").exists()  # no run row left unqueued


def test_redis_dying_mid_run_drops_progress_not_the_run(tmp_path: Path) -> None:
    import redis

    from jobscraper.redis_server import EmbeddedRedis, connection_kwargs
    from jobscraper.runs.progress import ProgressPublisher

    server = EmbeddedRedis(tmp_path / "redis").start()
    try:
        client = redis.Redis.from_url(server.url, **connection_kwargs(fail_fast=True))
        publisher = ProgressPublisher("run-1", client, retry_for_s=0.2)
        assert publisher.publish(sources_total=2, sources_done=1).seq == 1
    finally:
        server.stop()
    state = publisher.publish(sources_done=2)  # Redis is gone: no exception
    assert publisher.dropped == 1 and state.sources_done == 2


# --- PostgreSQL restarting mid-run ----------------------------------------------------

class _DroppingProxy:
    """A TCP proxy in front of PostgreSQL that can cut every connection, as a restart does."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._server.getsockname()[1])
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            with self._lock:
                self._sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, sink):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)

    def drop_all(self) -> None:
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def close(self) -> None:
        self._server.close()
        self.drop_all()


def test_postgresql_restarting_mid_run_loses_nothing(tmp_path: Path) -> None:
    from tests.test_store import POSTGRES_ADMIN_URL, postgres_schema

    with postgres_schema() as schema:
        proxy = _DroppingProxy(("127.0.0.1", 5432))
        url = (POSTGRES_ADMIN_URL.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}")
               + f"?options=-csearch_path%3D{schema}")
        store = Store(load_settings(data_dir=tmp_path, database_url=url))
        try:
            first = PostingData(title="Data Engineer", url=PAGE_URL, company="Example Corp")
            store.upsert_postings([first])
            proxy.drop_all()  # the server went away under the pooled connection
            second = PostingData(title="Platform Engineer", url=PAGE_URL + "-2")
            result = store.upsert_postings([second])
            assert result.new == 1
            stored = {p.title: p.content_hash for p in store.postings()}
            assert stored == {"Data Engineer": first.content_hash(),
                              "Platform Engineer": second.content_hash()}
        finally:
            store.dispose()
            proxy.close()


# --- a full disk under the SQLite file ------------------------------------------------

@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs (needs root and a kernel that allows the mount, else skipped)."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    if os.geteuid() != 0:
        pytest.skip("a small file system needs root to mount (tmpfs)")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _fill(disk: Path) -> Path:
    """Write zeros until the file system is full; returns the filler file."""
    filler = disk / "filler"
    with filler.open("wb") as handle, contextlib.suppress(OSError):
        while True:
            handle.write(b"\0" * 65536)
            handle.flush()
    return filler


def test_a_scrape_onto_a_full_disk_fails_its_sources_clearly_and_keeps_what_was_stored(
        small_disk: Path, fake_career: dict[str, object]) -> None:  # noqa: F811
    from jobscraper.models import Outcome
    from jobscraper.scrape import scrape
    from jobscraper.sources.career_pages import CareerPageResult

    settings = load_settings(data_dir=small_disk / "data", model_extraction=False)
    store = Store(settings)
    try:
        kept = PostingData(title="Data Engineer", url=PAGE_URL, description="Kept.")
        store.upsert_postings([kept])
        sources = ["https://a.example/jobs", "https://b.example/jobs"]
        fake_career["answers"] = {url: CareerPageResult(postings=[
            PostingData(title=f"Engineer {i}", url=f"{url}/{i}", description="x" * 20_000)
            for i in range(40)]) for url in sources}
        filler = _fill(small_disk)
        result = asyncio.run(scrape(sources, settings, store=store))  # no exception
        for outcome in result.outcomes:
            assert outcome.outcome == Outcome.FAILED, outcome
            assert "found but not stored: the disk under the database is full" in (
                outcome.reason or ""), outcome.reason
            assert "INSERT" not in (outcome.reason or "")  # no SQL in the reason
        filler.unlink()
        assert [(p.title, p.content_hash) for p in store.postings()] == [
            ("Data Engineer", kept.content_hash())]
    finally:
        store.dispose()


def test_a_full_disk_under_sqlite_fails_the_save_and_keeps_what_was_stored(
        small_disk: Path) -> None:
    from sqlalchemy.exc import OperationalError

    store = Store(load_settings(data_dir=small_disk / "data"))
    try:
        kept = PostingData(title="Data Engineer", url=PAGE_URL, description="Kept.")
        store.upsert_postings([kept])
        filler = _fill(small_disk)
        big = [PostingData(title=f"Engineer {i}", url=f"{PAGE_URL}-{i}",
                           description="x" * 20_000) for i in range(50)]
        with pytest.raises(OperationalError, match=r"full|disk"):
            store.upsert_postings(big)
        filler.unlink()  # space again: the store still works and holds what it held
        assert [(p.title, p.content_hash) for p in store.postings()] == [
            ("Data Engineer", kept.content_hash())]
        assert store.upsert_postings(big[:1]).new == 1
    finally:
        store.dispose()


# --- the browser path: requests fetched in the browser's place ---------------------------

def _fetcher(handler) -> object:
    from jobscraper.sources.browser import GuardedFetcher

    settings = load_settings(max_page_bytes=1000, proxy_url="http://127.0.0.1:9")
    fetcher = GuardedFetcher(settings, AddressGuard(proxy_configured=True))
    fetcher.client = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return fetcher


def test_the_browser_path_checks_every_redirect_hop() -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.url.path == "/jobs":
            return httpx.Response(302, headers={"location": "/careers"})
        return httpx.Response(301, headers={"location": "http://169.254.169.254/latest/"})

    fetcher = _fetcher(handler)
    with pytest.raises(SourceRejected, match="link-local"):
        asyncio.run(fetcher.fetch("GET", "https://jobs.example-corp.com/jobs", {}, None))
    assert seen == ["https://jobs.example-corp.com/jobs", "https://jobs.example-corp.com/careers"]


def test_the_browser_path_refuses_a_body_over_the_limit_and_passes_a_page_on() -> None:
    from jobscraper.sources.http import PageTooLarge

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/huge":
            return httpx.Response(200, content=b"x" * 5000)
        return httpx.Response(200, content=b"<p>Jobs</p>",
                              headers={"content-type": "text/html", "set-cookie": "a=1"})

    fetcher = _fetcher(handler)
    with pytest.raises(PageTooLarge, match="over the limit"):
        asyncio.run(fetcher.fetch("GET", "https://jobs.example-corp.com/huge", {}, None))
    page = asyncio.run(fetcher.fetch("GET", "https://jobs.example-corp.com/jobs", {}, None))
    assert (page.status, page.body, dict(page.headers)["content-type"]) == (
        200, b"<p>Jobs</p>", "text/html")
