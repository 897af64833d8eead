"""livingdoc.suggest and livingdoc.check: the phrases nearest to an undefined step."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_bdd import parsers
from pytest_bdd.steps import StepFunctionContext

from livingdoc.check import check_features, check_report, undefined_step_text
from livingdoc.gherkin_reader import read_feature
from livingdoc.model import StepDefinition, StepUsage
from livingdoc.suggest import (
    nearest,
    readable_phrase,
    regex_as_fields,
    regex_wordings,
    similarity,
)
from livingdoc.vocabulary import Vocabulary

PHRASES = [
    ("given", "a basket with {count:d} books"),
    ("when", "the customer pays by card"),
    ("when", "the customer pays with an expired card"),
    ("when", "the customer pays with the voucher code {code}"),
    ("when", "the customer in {country} pays by card"),
    ("then", "the payment is accepted"),
    ("then", "the customer receives a loyalty voucher"),
    ("then", 'the scenario "{name:Quoted}" shows as "{status:Quoted}"'),
]


def definitions() -> list[StepDefinition]:
    return [
        StepDefinition(step_type, pattern, "parse", [], "", "", f"steps.py:{line}")
        for line, (step_type, pattern) in enumerate(PHRASES, 1)
    ]


def first(step_type: str, text: str) -> str:
    return nearest(step_type, text, definitions())[0].pattern


@pytest.mark.parametrize(
    ("step_type", "text", "expected"),
    [
        ("given", "a basket of 3 book", "a basket with {count:d} books"),  # a word, a plural
        ("then", "the payment was accepted", "the payment is accepted"),  # another tense
        ("when", "the custmer pays by card", "the customer pays by card"),  # a typo
        ("when", "a customer in New Zealand pays by card", PHRASES[4][1]),  # two words, one value
        ("then", "the customer gets a loyalty voucher", PHRASES[6][1]),  # a synonym
        ("when", "the customer pays with voucher SPRING-10", PHRASES[3][1]),  # words left out
        ("then", 'the scenario "Paying" is shown as "failed"', PHRASES[7][1]),  # quoted values
        ("when", "customer pays by card", "the customer pays by card"),  # a word less
    ],
)  # fmt: skip
def test_small_wording_differences_still_find_the_phrase(
    step_type: str, text: str, expected: str
) -> None:
    assert first(step_type, text) == expected


def test_three_phrases_nearest_first_with_their_parameters_and_an_example() -> None:
    catalogue = definitions()
    catalogue[0].parameters = ["count"]
    catalogue[0].parameter_types = {"count": "d"}
    catalogue[0].usages = [StepUsage("features/shop.feature", 3, "a basket with 2 books")]
    found = nearest("given", "a basket of 3 book", catalogue)
    assert len(found) == 3
    assert [s.similarity for s in found] == sorted((s.similarity for s in found), reverse=True)
    best = found[0]
    assert [(p.name, p.kind) for p in best.parameters] == [("count", "whole number")]
    assert (best.example, best.example_at) == ("a basket with 2 books", "features/shop.feature:3")
    assert best.similarity > 0.9


def test_the_same_words_are_alike_and_other_words_are_not() -> None:
    assert similarity("the payment is accepted", "parse", "the payment is accepted") == 1.0
    assert similarity("the payment is accepted", "parse", "robots dance at midnight") < 0.2


def test_a_phrase_of_another_step_type_ranks_lower_than_the_same_words_of_the_type() -> None:
    catalogue = [
        StepDefinition("given", "the payment is accepted", "parse", [], "", "", "a.py:1"),
        StepDefinition("then", "the payment is accepted", "parse", [], "", "", "b.py:1"),
    ]
    found = nearest("then", "the payment is accepted", catalogue)
    assert [s.type for s in found] == ["then", "given"]


def test_the_nearest_phrase_of_the_steps_own_type_is_always_suggested() -> None:
    """A When whose nouns are those of many Givens and Thens still gets an action."""
    catalogue = [
        StepDefinition("given", "the career page of {company}", "parse", [], "", "", "a.py:1"),
        StepDefinition("given", "the career page at {address}", "parse", [], "", "", "a.py:2"),
        StepDefinition("then", "the career page of {company} is reported as {outcome}",
                       "parse", [], "", "", "a.py:3"),
        StepDefinition("then", "the career page is stored", "parse", [], "", "", "a.py:4"),
        StepDefinition("when", "the sources are scraped", "parse", [], "", "", "a.py:5"),
    ]
    found = nearest("when", "the career pages are crawled", catalogue)
    assert len(found) == 3
    assert found[-1].pattern == "the sources are scraped"
    assert all(s.type != "when" for s in found[:-1])
    # with a phrase of its type among the nearest, the order stays the ranking's
    assert nearest("then", "the career page is stored", catalogue)[0].type == "then"


def test_a_regular_expression_phrase_is_compared_in_each_of_its_wordings() -> None:
    pattern = r"the (?:sources|career (?:pages|sites)) are scraped(?: again)?"
    assert regex_wordings(pattern) == ["the sources are scraped ", "the career pages are "
                                       "scraped ", "the career sites are scraped "]
    assert similarity(pattern, "re", "the career sites are scraped") == 1.0


def test_regular_expression_phrases_read_as_words() -> None:
    pattern = r'the run ends (?P<status>completed|failed)(?: with (?P<count>\d+) postings?)?'
    assert regex_as_fields(pattern).split() == ["the", "run", "ends", "{status}"]
    assert readable_phrase(pattern, "re") == "the run ends {status}[ with {count} posting[s]]"
    assert readable_phrase(r"(?:she|he) (?:pays|buys) now", "re") == "(she / he) (pays / buys) now"
    assert similarity(pattern, "re", "the run ended completed") > 0.8


def _check(tmp_path: Path, text: str) -> tuple[str, int]:
    feature_file = tmp_path / "new.feature"
    feature_file.write_text(text, encoding="utf-8")
    feature = read_feature(feature_file, "features/new.feature", [])
    contexts = [
        StepFunctionContext("given", lambda: None, parsers.parse("a basket with {count:d} books")),
        StepFunctionContext("then", lambda: None, parsers.string("the payment is accepted")),
    ]
    vocabulary = Vocabulary(contexts, tmp_path, [tmp_path])
    result = check_features([feature], vocabulary)
    return check_report(result), len(result.undefined)


def test_the_check_lists_each_undefined_step_with_its_nearest_phrases(tmp_path: Path) -> None:
    report, undefined = _check(
        tmp_path,
        "Feature: F\n  Scenario Outline: S\n    Given a basket of <n> book\n"
        "    Then the payment was accepted\n\n"
        "    Examples:\n      | n |\n      | 1 |\n      | 2 |\n",
    )
    assert undefined == 3  # each outline row's text, and the Then
    assert "features/new.feature:3: Given a basket of 1 book" in report
    assert "1. Given a basket with {count:d} books" in report
    assert "count: whole number" in report
    assert "features/new.feature:4: Then the payment was accepted" in report
    assert report.endswith("1 feature file checked: 3 undefined steps.")


def test_a_file_whose_steps_all_match_passes_the_check(tmp_path: Path) -> None:
    report, undefined = _check(
        tmp_path, "Feature: F\n  Scenario: S\n    Given a basket with 2 books\n"
        "    Then the payment is accepted\n",
    )  # fmt: skip
    assert undefined == 0
    assert report == "1 feature file checked: all 2 steps match a step definition."


def test_an_undefined_step_without_any_definition_says_so() -> None:
    assert "no step definitions yet" in undefined_step_text("Given", "a step", [])
