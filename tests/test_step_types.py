"""The suite's parameter types (steps/common/_types.py): each value read one way."""

from __future__ import annotations

import pytest
from pytest_bdd import parsers

from steps.common._types import (
    CAREER_PAGE,
    CAREER_PAGES,
    Money,
    amount,
    converters,
    duration,
    group,
    money,
    percent,
    phrase,
    quoted,
    size,
    whole_number,
)


@pytest.mark.parametrize(
    ("line", "tokens"),
    [("the token threshold is 12000", 12000), ("the token threshold is 12,000", 12000)],
)
def test_a_whole_number_with_or_without_thousands_separators(line: str, tokens: int) -> None:
    assert phrase("the token threshold is {tokens:Number}").parse_arguments(line) == {
        "tokens": tokens
    }


@pytest.mark.parametrize("line", ["the token threshold is 1,2", "the token threshold is 4.5"])
def test_a_whole_number_is_nothing_else(line: str) -> None:
    assert not phrase("the token threshold is {tokens:Number}").is_matching(line)


def test_money_keeps_its_currency() -> None:
    budget = phrase("a monthly budget of {budget:Money}")
    assert budget.parse_arguments("a monthly budget of $2.50") == {"budget": Money(2.5, "USD")}
    assert money("€95,000") == Money(95000.0, "EUR")
    assert not budget.is_matching("a monthly budget of 2.50")


def test_costs_are_in_dollars() -> None:
    assert Money(2.5, "USD").in_usd() == 2.5
    with pytest.raises(AssertionError, match="US dollars"):
        Money(2.5, "EUR").in_usd()


def test_an_amount_in_a_table_cell_may_omit_the_sign() -> None:
    assert [amount(text) for text in ("95000", "95,000", "€95,000", "$2.50")] == [
        95000.0, 95000.0, 95000.0, 2.5,
    ]


@pytest.mark.parametrize(("text", "share"), [("98%", 98.0), ("98.5%", 98.5), ("45", 45.0)])
def test_a_percentage(text: str, share: float) -> None:
    assert percent(text) == share


def test_a_percentage_in_a_phrase_needs_its_sign() -> None:
    rate = phrase("at least {share:Percent} of the pages")
    assert rate.parse_arguments("at least 98.5% of the pages") == {"share": 98.5}
    assert not rate.is_matching("at least 98 of the pages")


def test_quoted_text_never_spans_a_closing_quote() -> None:
    short = phrase('a posting "{title:Quoted}" at "{url:Quoted}"')
    line = 'a posting "SRE" at "https://x.test/sre" with salary "90000"'
    assert not short.is_matching(line)
    assert quoted('Platform Engineer <script>') == "Platform Engineer <script>"


@pytest.mark.parametrize(
    ("line", "count"), [("1 posting is stored", 1), ("20 postings are stored", 20)]
)
def test_counted_nouns_in_singular_and_plural(line: str, count: int) -> None:
    assert phrase("{count:Number} posting{:s} {:is} stored").parse_arguments(line) == {
        "count": count
    }


def test_regex_groups_use_the_same_types() -> None:
    pattern = parsers.re(rf"the run ends(?: with {group('count', whole_number)} postings)?")
    convert = converters(count=whole_number)
    found = pattern.parse_arguments("the run ends with 1,200 postings")
    assert {k: convert[k](v) for k, v in found.items()} == {"count": 1200}
    missing = pattern.parse_arguments("the run ends")
    assert {k: convert[k](v) for k, v in missing.items()} == {"count": None}


@pytest.mark.parametrize(
    ("text", "count"),
    [("a", 1), ("an", 1), ("one", 1), ("Twelve", 12), ("no", 0), ("none", 0), ("zero", 0),
     ("10k", 10000), ("2.5k", 2500), ("12,000", 12000)],
)
def test_a_whole_number_in_words_or_in_thousands(text: str, count: int) -> None:
    assert phrase("{count:Number} postings").parse_arguments(f"{text} postings") == {
        "count": count
    }


@pytest.mark.parametrize("text", ["another", "nothing", "1,2", "4.5"])
def test_a_word_that_is_not_a_number_is_not_read_as_one(text: str) -> None:
    assert not phrase("{count:Number} postings").is_matching(f"{text} postings")


@pytest.mark.parametrize(
    ("text", "wanted"),
    [("$2.50", Money(2.5, "USD")), ("$ 2.50", Money(2.5, "USD")), ("2.50 USD", Money(2.5, "USD")),
     ("2 dollars", Money(2.0, "USD")), ("95,000 EUR", Money(95000.0, "EUR")),
     ("3 pounds", Money(3.0, "GBP"))],
)
def test_money_with_its_sign_or_its_code(text: str, wanted: Money) -> None:
    assert phrase("costs {cost:Money}").parse_arguments(f"costs {text}") == {"cost": wanted}


@pytest.mark.parametrize("text", ["98%", "98 %", "98 percent", "98 per cent"])
def test_a_percentage_with_or_without_a_space(text: str) -> None:
    assert phrase("at least {share:Percent} of").parse_arguments(f"at least {text} of") == {
        "share": 98.0
    }


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("2 seconds", 2.0), ("1 second", 1.0), ("a second", 1.0), ("0.5 s", 0.5),
     ("500 ms", 0.5), ("500ms", 0.5), ("1 minute", 60.0)],
)
def test_a_duration_with_its_unit(text: str, seconds: float) -> None:
    assert duration(text) == seconds
    assert phrase("within {seconds:Seconds}").parse_arguments(f"within {text}") == {
        "seconds": seconds
    }


def test_a_duration_needs_its_unit() -> None:
    assert not phrase("within {seconds:Seconds}").is_matching("within 2")


@pytest.mark.parametrize(
    ("text", "size_bytes"), [("2 MB", 2_000_000), ("500 KB", 500_000), ("1,000 bytes", 1000)]
)
def test_a_size_with_its_unit(text: str, size_bytes: int) -> None:
    assert size(text) == size_bytes


@pytest.mark.parametrize(
    ("line", "verb"), [("1 request was in flight", "was"), ("2 requests were in flight", "were")]
)
def test_the_past_of_a_counted_noun(line: str, verb: str) -> None:
    assert phrase("{count:Number} request{:s} {:was} in flight").is_matching(line)


@pytest.mark.parametrize(
    "noun", ["career page", "careers page", "career site", "careers site", "careers website",
             "jobs page"],
)
def test_the_synonyms_of_career_page(noun: str) -> None:
    import re

    assert re.fullmatch(CAREER_PAGE, noun)
    assert re.fullmatch(CAREER_PAGES, noun.replace("page", "pages").replace("site", "sites"))
