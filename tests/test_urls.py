"""Canonical URLs decide which postings are the same: many real shapes."""

import pytest

from jobscraper.urls import canonicalize_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://careers.example.com/jobs/42", "https://careers.example.com/jobs/42"),
        ("HTTPS://Careers.Example.COM/jobs/42", "https://careers.example.com/jobs/42"),
        ("https://careers.example.com:443/jobs/42", "https://careers.example.com/jobs/42"),
        ("http://careers.example.com:80/jobs/42", "https://careers.example.com/jobs/42"),
        ("http://careers.example.com/jobs/42", "https://careers.example.com/jobs/42"),
        ("HTTP://Careers.Example.com:443/jobs/42", "https://careers.example.com/jobs/42"),
        ("http://careers.example.com:8080/jobs/42", "https://careers.example.com:8080/jobs/42"),
        ("https://careers.example.com:8443/jobs/42", "https://careers.example.com:8443/jobs/42"),
        ("https://careers.example.com/jobs/42/", "https://careers.example.com/jobs/42"),
        ("https://careers.example.com/jobs/42#apply", "https://careers.example.com/jobs/42"),
        ("https://www.example.com/jobs/42", "https://example.com/jobs/42"),
        ("https://example.com//jobs///42", "https://example.com/jobs/42"),
        ("https://example.com", "https://example.com/"),
        ("https://example.com/jobs?b=2&a=1", "https://example.com/jobs?a=1&b=2"),
        (
            "https://example.com/jobs/42?utm_source=x&utm_medium=email&UTM_Campaign=y",
            "https://example.com/jobs/42",
        ),
        ("https://example.com/jobs/42?gclid=1&fbclid=2&msclkid=3", "https://example.com/jobs/42"),
        (
            "https://www.linkedin.com/jobs/view/3912345678/?refId=abc&trackingId=def&trk=public",
            "https://linkedin.com/jobs/view/3912345678",
        ),
        ("https://www.indeed.com/viewjob?jk=5f1e2d&from=serp", "https://indeed.com/viewjob?jk=5f1e2d"),
        (
            "https://boards.greenhouse.io/acme/jobs/123?gh_src=abc&gh_jid=123",
            "https://boards.greenhouse.io/acme/jobs/123?gh_jid=123",
        ),
        ("https://example.com/jobs/caf%C3%A9", "https://example.com/jobs/caf%C3%A9"),
        ("https://example.com/jobs/café", "https://example.com/jobs/caf%C3%A9"),
        ("  https://example.com/jobs/42  ", "https://example.com/jobs/42"),
    ],
)
def test_canonical_form(url: str, expected: str) -> None:
    assert canonicalize_url(url) == expected


def test_meaningful_parameters_are_kept() -> None:
    assert canonicalize_url("https://example.com/jobs?id=7") != canonicalize_url(
        "https://example.com/jobs?id=8"
    )


def test_path_case_is_kept() -> None:
    assert canonicalize_url("https://example.com/Jobs/A") == "https://example.com/Jobs/A"


def test_http_and_https_addresses_of_a_posting_are_one() -> None:
    assert canonicalize_url("http://careers.example.com/jobs/42?id=1") == canonicalize_url(
        "https://careers.example.com/jobs/42?id=1"
    )


@pytest.mark.parametrize(
    "url",
    [
        "http://careers.example.com:443/jobs/42",
        "http://www.example.com:80//jobs/42/?utm_source=x#a",
        "https://careers.example.com:8443/jobs/42/",
        "https://example.com/jobs/café?b=2&a=1",
    ],
)
def test_the_canonical_form_is_its_own_canonical_form(url: str) -> None:
    """Stored canonical addresses are canonicalised again when the form changes."""
    once = canonicalize_url(url)
    assert canonicalize_url(once) == once
