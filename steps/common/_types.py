"""The suite's parameter types: each kind of value a phrase carries is read one way, here.

What cucumber-js calls ``defineParameterType``, for pytest-bdd: a step writes
its phrase with :func:`phrase` and names a type per parameter::

    @given(phrase("the token threshold is {tokens:Number}"))       # 4000, 4,000
    @given(phrase("a monthly budget of {budget:Money}"))            # $0.25
    @then(phrase("at least {share:Percent} of the pages ..."))      # 98%, 98.5%
    @given(phrase('a posting "{title:Quoted}" at "{url:Quoted}"'))  # never spans a quote
    @then(phrase("{count:Number} posting{:s} {:is} stored"))        # 1 posting is, 2 postings are

``{:s}`` is a counted noun's plural ending ("s" or nothing) and ``{:is}`` its
verb ("is" or "are"); both are matched and dropped. Phrases with optional parts
are regular expressions: they take a type's pattern with :func:`group` and its
converter with :func:`converters`. Table cells are read with the same
functions (:func:`whole_number`, :func:`money`, ...). Not a step module (the
leading underscore keeps it out of the root conftest's plugin list).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from parse import with_pattern
from pytest_bdd import parsers

# "12000" or "12,000" (thousands separated by commas, in threes).
_WHOLE = r"\d{1,3}(?:,\d{3})+|\d+"
_DECIMAL = rf"(?:{_WHOLE})(?:\.\d+)?"
CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP"}


@dataclass(frozen=True)
class Money:
    """An amount of money as a scenario writes it ("$2.50", "€95,000")."""

    amount: float
    currency: str  # ISO code: USD, EUR, GBP

    def in_usd(self) -> float:
        """The amount, for phrases about costs (always in US dollars)."""
        assert self.currency == "USD", (
            f"costs are in US dollars: write ${self.amount:g}, not {self.currency} {self.amount:g}"
        )
        return self.amount


def _digits(text: str) -> str:
    return text.strip().replace(",", "")


@with_pattern(_WHOLE)
def whole_number(text: str) -> int:
    """A whole number with or without thousands separators: "12000", "12,000" -> 12000."""
    return int(_digits(text))


@with_pattern(_DECIMAL)
def decimal(text: str) -> float:
    """A number that may have decimals ("0.5", "1", "2,000.25")."""
    return float(_digits(text))


@with_pattern(rf"[{''.join(CURRENCIES)}](?:{_DECIMAL})")
def money(text: str) -> Money:
    """An amount with its currency sign: "$2.50" -> Money(2.5, "USD")."""
    text = text.strip()
    return Money(decimal(text[1:]), CURRENCIES[text[0]])


def amount(text: str) -> float:
    """A table cell or quoted value holding an amount, with or without a currency sign
    ("95000", "95,000", "€95,000"): its number."""
    text = text.strip()
    return money(text).amount if text[:1] in CURRENCIES else decimal(text)


@with_pattern(rf"(?:{_DECIMAL})%")
def percent(text: str) -> float:
    """A percentage: "98%" -> 98.0, "98.5%" -> 98.5 (a table cell may omit the sign)."""
    return decimal(text.strip().removesuffix("%"))


@with_pattern(r'[^"]*')
def quoted(text: str) -> str:
    """Text between double quotes; it never spans a closing quote, so two quoted
    parameters in one phrase cannot swallow each other."""
    return text


@with_pattern(r"s?")
def plural_ending(text: str) -> str:
    """The "s" of "2 postings" (or nothing, "1 posting")."""
    return text


@with_pattern(r"is|are")
def to_be(text: str) -> str:
    """The verb of a counted noun: "1 posting is", "2 postings are"."""
    return text


TYPES: dict[str, Callable[[str], Any]] = {
    "Number": whole_number,
    "Decimal": decimal,
    "Money": money,
    "Percent": percent,
    "Quoted": quoted,
    "s": plural_ending,
    "is": to_be,
}


def phrase(text: str) -> parsers.parse:
    """A step phrase whose ``{name:Type}`` parameters use the suite's types."""
    return parsers.parse(text, extra_types=TYPES)


def group(name: str, kind: Callable[[str], Any]) -> str:
    """A named regular-expression group matching what ``kind`` reads (for phrases with
    optional parts); convert it with :func:`converters`."""
    return f"(?P<{name}>{kind.pattern})"  # type: ignore[attr-defined]


def converters(**kinds: Callable[[str], Any]) -> dict[str, Callable[[str | None], Any]]:
    """pytest-bdd ``converters=`` for regular-expression groups: each group read by its
    type; an optional group that did not match stays None."""
    return {
        name: (lambda text, read=kind: None if text is None else read(text))
        for name, kind in kinds.items()
    }
