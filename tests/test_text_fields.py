"""Salary, work arrangement and employment type read from a posting's own text."""

from __future__ import annotations

import pytest

from jobscraper.extract.facts import facts_by_field, label_key
from jobscraper.extract.normalize import Salary, employment_types_in
from jobscraper.extract.text_fields import dollar_of, hybrid_in_description, salary_in_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The base salary range for this role is $154,000 - $277,000.",
         Salary(154000, 277000, "USD", "year")),
        ("Pay: CA$ 50.50 hourly", Salary(50.5, 50.5, "CAD", "hour")),
        ("Gehalt: €60.000–75.000 brutto/Jahr", Salary(60000, 75000, "EUR", "year")),
        ("SF Target Base Salary $220K – $330K • Offers Equity",
         Salary(220000, 330000, "USD", "year")),
        ("Over 50 million users trust us.\nSalary: $120k-$150k",
         Salary(120000, 150000, "USD", "year")),
        ("$27.85 - $41.77 an hour", Salary(27.85, 41.77, "USD", "hour")),
    ],
)
def test_pay_transparency_lines(text: str, expected: Salary) -> None:
    assert salary_in_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A generous personal development budget of $500 per annum",  # a budget, not pay
        "We raised $100 million in funding last year",
        "Télétravail, prime d’équipement de 100 €",  # an allowance
        "Competitive salary and 30 days of holiday",
        "Salary expectations: 80000",  # no currency
    ],
)
def test_amounts_that_are_not_the_salary(text: str) -> None:
    assert salary_in_text(text).is_empty


def test_a_bare_dollar_is_the_sites_own_dollar() -> None:
    assert dollar_of("https://au.seek.com/job/1") == "AUD"
    assert dollar_of("https://www.jobs.example.ca/1") == "CAD"
    assert dollar_of("https://careers.example.com/1") == "USD"
    assert salary_in_text("$45 – $52 per hour", dollar="AUD").currency == "AUD"
    assert salary_in_text("US$45 – US$52 per hour", dollar="AUD").currency == "USD"


def test_a_range_for_another_country_is_not_this_postings_salary() -> None:
    text = "For U.S.-based roles, we expect a starting base salary between $148,200 and $239,800."
    assert salary_in_text(text, location="Montreal, Quebec, Canada").is_empty
    assert salary_in_text(text, location="Austin, Texas, United States") == Salary(
        148200, 239800, "USD", "year")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Flexible hybrid working environment, with 3 days in the office.", "hybrid"),
        ("Télétravail jusqu’à 2 jours par semaine", "hybrid"),
        ("We work with remote teams all over the world.", None),
        ("Télétravail (2j max/semaine): Non", "on-site"),
        (None, None),
    ],
)
def test_a_description_settles_only_an_unmistakable_arrangement(text: str | None,
                                                                  expected: str | None) -> None:
    assert hybrid_in_description(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Full time", "full-time"),
        ("Voll- oder Teilzeit", "full-time, part-time"),
        ("Vollzeit · Praktikum/Werkstudium", "internship"),
        ("A tempo pieno", "full-time"),
        ("Festanstellung", None),
        ("CDI", None),
    ],
)
def test_employment_types_in_short_texts(text: str, expected: str | None) -> None:
    assert employment_types_in(text) == expected


def test_labelled_facts_name_their_fields_in_several_languages() -> None:
    facts = [
        {"label": "Location", "value": "San Francisco, CA"},
        {"label": "Location Type", "value": "Hybrid"},
        {"label": "Tipo di impiego", "value": "A tempo pieno"},
        {"label": "Télétravail (2j max/semaine)", "value": "Non"},
        {"label": "Compensation", "value": "$220K – $330K"},
        {"label": "Department", "value": "Sales"},
    ]
    assert facts_by_field(facts) == {
        "location": "San Francisco, CA",
        "workplace": "Location Type: Hybrid",
        "employment_type": "A tempo pieno",
        "salary": "$220K – $330K",
    }
    assert label_key("Télétravail (2j max/semaine):") == "télétravail"
