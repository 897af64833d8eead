"""Helpers of the step modules that read what earlier steps left: the page "that career
page" names, and the posting fields named in plain words."""

from __future__ import annotations

import pytest

from jobscraper.sources.detect import detect_source
from steps.common.context import ScenarioContext
from steps.common.resilience import that_page
from steps.common.storage import field_name

HOSTILE = "https://careers.hostile-pages.example/an-empty-page"
ACME = "https://careers.acme-robotics.com/jobs"


def _scenario(*sources: object) -> ScenarioContext:
    scenario = ScenarioContext()
    for source in sources:
        scenario.sources.append(
            detect_source(source) if isinstance(source, str) and "://" not in source
            else source)  # type: ignore[arg-type]
    return scenario


@pytest.mark.parametrize(("sources", "page"), [
    ((HOSTILE,), HOSTILE),
    ((HOSTILE, "python developer in Berlin"), HOSTILE),  # a search given after it
    ((HOSTILE, ACME), HOSTILE),  # a named company given after it
    ((ACME, HOSTILE), HOSTILE),
    ((ACME,), ACME),  # only a named company: that one
], ids=["alone", "before a search", "before a named company", "after a named company",
        "a named company alone"])
def test_that_career_page_is_the_last_page_given_without_a_company_name(
    sources: tuple[str, ...], page: str
) -> None:
    assert that_page(_scenario(*sources)) == page


def test_that_career_page_needs_a_career_page() -> None:
    with pytest.raises(AssertionError, match="no career page"):
        that_page(_scenario("python developer in Berlin"))


@pytest.mark.parametrize(("words", "name"), [
    ("maximum salary", "salary_max"), ("max salary", "salary_max"),
    ("min salary", "salary_min"), ("the currency", "salary_currency"),
    ("its  location", "location"), ("pay period", "salary_interval"),
    ("employment_type", "employment_type"),
])
def test_a_field_is_named_in_plain_words(words: str, name: str) -> None:
    assert field_name(words) == name


def test_an_unknown_field_names_the_known_ones() -> None:
    with pytest.raises(AssertionError, match=r"known:.*maximum salary"):
        field_name("bonus")
