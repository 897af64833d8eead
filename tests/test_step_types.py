"""The suite's parameter types (steps/common/_types.py): each value read one way."""

from __future__ import annotations

import pytest
from pytest_bdd import parsers

from steps.common._types import (
    Money,
    amount,
    converters,
    group,
    money,
    percent,
    phrase,
    quoted,
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
