"""Normalisation of salaries, work arrangement, employment type and text."""

from __future__ import annotations

from datetime import date

import pytest

from jobscraper.extract.normalize import (
    Salary,
    annualise,
    clean_text,
    detect_remote,
    html_to_text,
    iso_date,
    normalize_currency,
    normalize_employment_type,
    normalize_interval,
    parse_salary,
    salary_from_fields,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$120k–$150k", Salary(120000, 150000, "USD", "year")),
        ("€70.000 - €90.000 per year", Salary(70000, 90000, "EUR", "year")),
        ("£25/hour", Salary(25, 25, "GBP", "hour")),
        ("80-100K EUR", Salary(80000, 100000, "EUR", "year")),
        ("up to $200,000", Salary(None, 200000, "USD", "year")),
        ("€85,000 – €105,000 per year", Salary(85000, 105000, "EUR", "year")),
        ("€1,800 per month", Salary(1800, 1800, "EUR", "month")),
        ("£450 – £550 per day", Salary(450, 550, "GBP", "day")),
        ("$45 - $60 an hour", Salary(45, 60, "USD", "hour")),
        ("USD 100,000 - 120,000 annually", Salary(100000, 120000, "USD", "year")),
        ("CHF 120'000 – 140'000", Salary(120000, 140000, "CHF", "year")),
        ("from £40,000 a year", Salary(40000, None, "GBP", "year")),
        ("€12,50 pro Stunde", Salary(12.5, 12.5, "EUR", "hour")),
        ("$150,000 - $120,000", Salary(120000, 150000, "USD", "year")),
        ("60.000 € - 75.000 € brutto pro Jahr", Salary(60000, 75000, "EUR", "year")),
        ("$95k", Salary(95000, 95000, "USD", "year")),
        ("$4,500/mo", Salary(4500, 4500, "USD", "month")),
        ("1.5k - 2k EUR monthly", Salary(1500, 2000, "EUR", "month")),
        ("A$160,000.00 – A$200,000.00", Salary(160000, 200000, "AUD", "year")),
        ("Competitive salary", Salary()),
        ("", Salary()),
        (None, Salary()),
    ],
)
def test_parse_salary(text: str | None, expected: Salary) -> None:
    assert parse_salary(text) == expected


def test_salary_text_with_entities_and_extra_words() -> None:
    assert parse_salary("Salary:&nbsp;&euro;70,000&ndash;&euro;80,000 per annum") == Salary(
        70000, 80000, "EUR", "year"
    )


def test_salary_with_hours_per_week_ignores_the_hours() -> None:
    assert parse_salary("40 hours a week, $30/hr") == Salary(30, 30, "USD", "hour")


def test_fields_swap_and_normalise() -> None:
    assert salary_from_fields(90000, 70000, "eur", "YEAR") == Salary(70000, 90000, "EUR", "year")
    assert salary_from_fields(float("nan"), None, "USD", "yearly") == Salary()
    assert salary_from_fields("75", "90", "€", "hourly") == Salary(75, 90, "EUR", "hour")


@pytest.mark.parametrize(
    ("interval", "expected"),
    [("YEAR", "year"), ("yearly", "year"), ("per hour", "hour"), ("MONTH", "month"),
     ("weekly", "week"), ("daily", "day"), ("fortnight", None), (None, None)],
)
def test_normalize_interval(interval: str | None, expected: str | None) -> None:
    assert normalize_interval(interval) == expected


def test_normalize_currency() -> None:
    assert normalize_currency("€") == "EUR"
    assert normalize_currency("usd") == "USD"
    assert normalize_currency("nan") is None
    assert normalize_currency(None) is None


def test_annualise() -> None:
    assert annualise(25, 30, "hour") == (52000, 62400)
    assert annualise(1800, None, "month") == (21600, None)
    assert annualise(450, 550, "day") == (117000, 143000)
    assert annualise(1, 2, None) == (None, None)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("Remote, Germany",), "remote"),
        (("Hybrid: two days a week in our Shoreditch office",), "hybrid"),
        (("On-site in Munich",), "on-site"),
        (("Munich, Bavaria, Germany",), None),
        (("This role is not remote",), "on-site"),
        ((None, "Work from home anywhere in the EU"), "remote"),
        (("Fully remote, hybrid optional",), "hybrid"),
        (("TELECOMMUTE",), "remote"),
    ],
)
def test_detect_remote(texts: tuple[str | None, ...], expected: str | None) -> None:
    assert detect_remote(*texts) == expected


def test_employment_type() -> None:
    assert normalize_employment_type("FULL_TIME") == "full-time"
    assert normalize_employment_type(["FULL_TIME", "CONTRACTOR"]) == "full-time, contract"
    assert normalize_employment_type("fulltime") == "full-time"
    assert normalize_employment_type("INTERN") == "internship"
    assert normalize_employment_type("Seasonal") == "Seasonal"
    assert normalize_employment_type(None) is None


def test_clean_text_decodes_entities_and_keeps_markup_as_text() -> None:
    assert clean_text("  Senior&nbsp;Engineer &amp; Lead \n") == "Senior Engineer & Lead"
    escaped = "&lt;script&gt;alert(1)&lt;/script&gt; Dev"
    assert clean_text(escaped) == "<script>alert(1)</script> Dev"
    assert clean_text("   ") is None


def test_html_to_text_keeps_paragraphs_and_lists() -> None:
    text = html_to_text(
        "<p>Hello&nbsp;world</p><ul><li>One</li><li>Two</li></ul><script>x()</script>"
    )
    assert text == "Hello world\n\n- One\n- Two"


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-05-01", date(2024, 5, 1)),
    ("2024-05-01T09:00:00Z", date(2024, 5, 1)),
    ("2024-02-30", None),
    ("May 1, 2024", None),
    ("", None),
    (None, None),
])
def test_a_date_is_read_from_the_start_of_an_iso_text(text, expected) -> None:
    assert iso_date(text) == expected
