"""Source detection and the address guard."""

from __future__ import annotations

import asyncio

import pytest

from jobscraper.models import SourceKind
from jobscraper.sources.detect import (
    BoardQuery,
    CareerPage,
    detect_source,
    detect_sources,
    normalize_boards,
    parse_query,
)
from jobscraper.sources.guard import AddressGuard, SourceRejected, check_url_syntax, literal_ip


@pytest.mark.parametrize(
    "url",
    [
        "https://careers.acme-robotics.com/jobs",
        "http://jobs.northwind-data.io/jobs?team=data",
        "HTTPS://Careers.Example.com:8443/positions/",
        "https://[2001:4860:4860::8888]/jobs",
        "https://8.8.8.8/jobs",
    ],
)
def test_http_urls_are_career_pages(url: str) -> None:
    source = detect_source(url)
    assert isinstance(source, CareerPage)
    assert source.kind == SourceKind.CAREER_PAGE
    assert source.url == url


def test_bare_www_host_is_a_career_page() -> None:
    source = detect_source("www.acme-robotics.com/careers")
    assert isinstance(source, CareerPage)
    assert source.url == "https://www.acme-robotics.com/careers"


@pytest.mark.parametrize(
    "typed",
    [
        "careers.acme-robotics.com/jobs",
        "careers.acme-robotics.com",
        "acme-robotics.com/careers",
        "jobs.lever.co/acme?team=robotics",
        "careers.example.com:8443/positions",
        "Careers.Example.COM/jobs",
        "karriere.müller-maschinenbau.de/stellen",
    ],
)
def test_an_address_typed_without_its_scheme_is_a_career_page(typed: str) -> None:
    source = detect_source(typed)
    assert isinstance(source, CareerPage), f"{typed!r} taken as {source!r}"
    assert source.url == f"https://{typed}"


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("127.0.0.1:8080/admin", "private addresses are not allowed"),
        ("10.0.0.12/jobs", "private addresses are not allowed"),
        ("localhost:8000/jobs", "local addresses are not allowed"),
        ("printer.local/jobs", "local addresses are not allowed"),
    ],
)
def test_a_private_address_typed_without_its_scheme_is_refused(typed: str, reason: str) -> None:
    with pytest.raises(SourceRejected, match=reason):
        detect_source(typed)


@pytest.mark.parametrize(
    "typed", ["node.js", "ASP.NET", "Sr.Engineer", "c++", "python", "3.5", "v1.2.3"]
)
def test_words_with_dots_stay_job_searches(typed: str) -> None:
    source = detect_source(typed)
    assert isinstance(source, BoardQuery), f"{typed!r} taken as {source!r}"
    assert source.search_term == typed


@pytest.mark.parametrize(
    ("text", "term", "location"),
    [
        ("python developer in Berlin", "python developer", "Berlin"),
        ("data engineer in healthcare in London", "data engineer in healthcare", "London"),
        ("  machine   learning engineer ", "machine learning engineer", None),
        ("nurse near Leeds, UK", "nurse", "Leeds, UK"),
        ("in Berlin", "in Berlin", None),
    ],
)
def test_queries(text: str, term: str, location: str | None) -> None:
    assert parse_query(text) == (term, location)
    source = detect_source(text)
    assert isinstance(source, BoardQuery)
    assert (source.search_term, source.location) == (term, location)
    assert source.sites == ("linkedin", "indeed")


def test_query_options() -> None:
    source = detect_source("rust developer", sites="LinkedIn, zip-recruiter", results_wanted=5,
                           is_remote=True, hours_old=24)
    assert isinstance(source, BoardQuery)
    assert source.sites == ("linkedin", "zip_recruiter")
    assert (source.results_wanted, source.is_remote, source.hours_old) == (5, True, 24)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty source"),
        ("   ", "empty source"),
        ("!!!", "empty job search"),
        ("file:///etc/passwd", "file: addresses are not allowed"),
        ("ftp://example.com/jobs", "ftp: addresses are not allowed"),
        ("javascript:alert(1)", "javascript: addresses are not allowed"),
        ("https://user:pw@careers.example.com/", "credentials"),
        ("https://user@careers.example.com/", "credentials"),
        ("http://127.0.0.1/", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://10.0.0.1/", "private"),
        ("http://192.168.1.1/admin", "private"),
        ("http://172.16.5.4/", "private"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://100.64.0.1/", "carrier-grade"),
        ("http://0.0.0.0/", "private addresses are not allowed"),
        ("http://224.0.0.1/", "reserved"),
        ("http://2130706433/", "loopback"),
        ("http://0x7f.1/", "loopback"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://localhost:8000/", "local name"),
        ("http://intranet.localhost/", "local name"),
        ("http://printer.local/", "local name"),
        ("http://metadata.google.internal/", "local name"),
        ("https://careers.example.com:99999/", "not a valid address"),
    ],
)
def test_rejected(text: str, reason: str) -> None:
    with pytest.raises(SourceRejected) as info:
        detect_source(text)
    assert reason in str(info.value)


def test_credentials_are_not_echoed() -> None:
    with pytest.raises(SourceRejected) as info:
        detect_source("https://hr:s3cret@careers.example.com/jobs")
    assert "s3cret" not in str(info.value)


def test_unknown_board_is_rejected() -> None:
    with pytest.raises(SourceRejected, match="unknown job board"):
        normalize_boards("monster")


def test_detect_sources_reports_rejections_without_raising() -> None:
    found = detect_sources(["https://a.example.com/jobs", "file:///x", "python in Berlin"])
    assert [type(s).__name__ for s in found.accepted] == ["CareerPage", "BoardQuery"]
    assert found.rejected[0][0] == "file:///x"


def test_literal_ip_forms() -> None:
    assert str(literal_ip("2130706433")) == "127.0.0.1"
    assert str(literal_ip("127.1")) == "127.0.0.1"
    assert literal_ip("careers.example.com") is None
    assert check_url_syntax("https://Careers.Example.COM./x") == "careers.example.com"


def test_guard_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Resolved private answers are refused; unresolvable names only pass through a proxy."""
    answers = {
        "rebind.example.com": [(2, 1, 6, "", ("10.1.2.3", 0))],
        "public.example.com": [(2, 1, 6, "", ("93.184.216.34", 0))],
    }

    async def fake_getaddrinfo(self, host, port, **kwargs):
        if host in answers:
            return answers[host]
        raise OSError("Name or service not known")

    monkeypatch.setattr(asyncio.BaseEventLoop, "getaddrinfo", fake_getaddrinfo)

    async def check(url: str, proxy: bool) -> str | None:
        try:
            await AddressGuard(proxy_configured=proxy).check(url)
        except SourceRejected as exc:
            return str(exc)
        return None

    assert "private" in (asyncio.run(check("https://rebind.example.com/", True)) or "")
    assert asyncio.run(check("https://public.example.com/", False)) is None
    assert asyncio.run(check("https://fake.example.org/", True)) is None
    assert "does not resolve" in (asyncio.run(check("https://fake.example.org/", False)) or "")
