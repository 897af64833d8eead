"""The suite's parameter types: each kind of value a phrase carries is read one way, here.

What cucumber-js calls ``defineParameterType``, for pytest-bdd: a step writes
its phrase with :func:`phrase` and names a type per parameter::

    @given(phrase("the token threshold is {tokens:Number}"))       # 4000, 4,000
    @given(phrase("a monthly budget of {budget:Money}"))            # $0.25
    @then(phrase("at least {share:Percent} of the pages ..."))      # 98%, 98.5%
    @given(phrase('a posting "{title:Quoted}" at "{url:Quoted}"'))  # never spans a quote
    @then(phrase("{count:Number} posting{:s} {:is} stored"))        # 1 posting is, 2 postings are

``{:s}`` is a counted noun's plural ending ("s" or nothing), ``{:is}`` its
verb ("is" or "are") and ``{:was}`` its past ("was" or "were"); they are matched
and dropped. Phrases with optional parts are regular expressions: they take a
type's pattern with :func:`group` and its converter with :func:`converters`.
Table cells are read with the same functions (:func:`whole_number`,
:func:`money`, ...). Not a step module (the leading underscore keeps it out of
the root conftest's plugin list).

Natural variants are read here, once, so that every phrase accepts them alike:
a number may be written in digits with or without thousands separators
("12000", "12,000", "12k") or as a word ("a", "an", "one" ... "twelve"; "no", "none"
and "zero" for 0); money with its sign or its code ("$2.50", "2.50 USD", "2.50
dollars"); a percentage with or without a space ("98%", "98 %", "98 percent");
a duration with its unit ("2 seconds", "1 second", "0.5 s", "500 ms"); a size
with its unit ("2 MB", "500 KB", "1,000 bytes"). The product's nouns have their
synonyms in one regular-expression fragment each (:data:`CAREER_PAGE`,
:data:`CAREER_PAGES`). A phrase's docstring lists the variants it accepts in a
line "Also matches: ...", which the step catalogue shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from parse import with_pattern
from pytest_bdd import parsers

# "12000" or "12,000" (thousands separated by commas, in threes).
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
_DECIMAL = rf"(?:{_DIGITS})(?:\.\d+)?"
# Numbers as a product owner may write them in words (a word, never part of one).
NUMBER_WORDS = {
    "zero": 0, "no": 0, "none": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12,
}
# Longest first, so "an" is not read as "a" followed by "n".
_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_THOUSANDS = r"\d+(?:\.\d+)?[kK]"  # "10k", "2.5k"
_WHOLE = rf"{_THOUSANDS}|{_DIGITS}|(?i:(?:{_WORDS})\b)"
# A decimal in words: "one" ... "twelve" and "a"/"an" ("a second"), never "no".
_DECIMAL_WORDS = "|".join(w for w in sorted(NUMBER_WORDS, key=len, reverse=True)
                          if w not in ("no", "none", "zero"))
_ANY_DECIMAL = rf"{_DECIMAL}|(?i:(?:{_DECIMAL_WORDS})\b)"
CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP"}
# A currency written after the amount: its code or its name.
CURRENCY_WORDS = {
    "usd": "USD", "dollar": "USD", "dollars": "USD", "eur": "EUR", "euro": "EUR",
    "euros": "EUR", "gbp": "GBP", "pound": "GBP", "pounds": "GBP",
}
_CURRENCY_WORDS = "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))

#: The product's noun "career page" and its synonyms, for regular-expression phrases:
#: "career page", "careers page", "career site", "careers site", "careers website",
#: "jobs page".
CAREER_PAGE = r"(?:careers? (?:page|site|website)|jobs page)"
#: The plural of :data:`CAREER_PAGE`: "career pages", "careers sites", ...
CAREER_PAGES = r"(?:careers? (?:pages|sites|websites)|jobs pages)"


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
    """A whole number with or without thousands separators ("12000", "12,000", "12k" ->
    12000) or in words ("a", "an", "one" -> 1; "no", "none", "zero" -> 0; up to
    "twelve")."""
    text = text.strip()
    if text.lower() in NUMBER_WORDS:
        return NUMBER_WORDS[text.lower()]
    if text[-1:] in "kK":
        return round(float(text[:-1]) * 1000)
    return int(_digits(text))


@with_pattern(_ANY_DECIMAL)
def decimal(text: str) -> float:
    """A number that may have decimals ("0.5", "1", "2,000.25") or a word ("one", "a")."""
    text = text.strip()
    if text.lower() in NUMBER_WORDS:
        return float(NUMBER_WORDS[text.lower()])
    return float(_digits(text))


@with_pattern(
    rf"[{''.join(CURRENCIES)}] ?(?:{_DECIMAL})|(?:{_DECIMAL}) ?(?i:(?:{_CURRENCY_WORDS})\b)"
)
def money(text: str) -> Money:
    """An amount with its currency: "$2.50", "$ 2.50", "2.50 USD", "2.50 dollars" ->
    Money(2.5, "USD")."""
    text = text.strip()
    if text[:1] in CURRENCIES:
        return Money(decimal(text[1:]), CURRENCIES[text[0]])
    number, word = _number_and_unit(text)
    return Money(decimal(number), CURRENCY_WORDS[word.lower()])


def amount(text: str) -> float:
    """A table cell or quoted value holding an amount, with or without a currency sign
    ("95000", "95,000", "€95,000"): its number."""
    text = text.strip()
    return money(text).amount if text[:1] in CURRENCIES else decimal(text)


@with_pattern(rf"(?:{_DECIMAL}) ?(?:%|(?i:per ?cent\b))")
def percent(text: str) -> float:
    """A percentage: "98%", "98 %", "98 percent" -> 98.0, "98.5%" -> 98.5 (a table cell
    may omit the sign)."""
    text = text.strip().lower()
    for unit in ("%", "percent", "per cent"):
        text = text.removesuffix(unit)
    return decimal(text)


# Units of time, in seconds.
_SECONDS = {
    "ms": 0.001, "millisecond": 0.001, "milliseconds": 0.001, "s": 1.0, "sec": 1.0,
    "secs": 1.0, "second": 1.0, "seconds": 1.0, "min": 60.0, "minute": 60.0, "minutes": 60.0,
}
_SECOND_UNITS = "|".join(sorted(_SECONDS, key=len, reverse=True))


@with_pattern(rf"(?:{_ANY_DECIMAL}) ?(?i:(?:{_SECOND_UNITS})\b)")
def duration(text: str) -> float:
    """A duration with its unit, in seconds: "2 seconds", "1 second", "a second", "0.5 s",
    "500 ms" -> 0.5, "1 minute" -> 60.0."""
    number, unit = _number_and_unit(text)
    return decimal(number) * _SECONDS[unit.lower()]


# Units of size, in bytes (a kilobyte is 1,000 bytes, as HTTP's Content-Length counts).
_BYTES = {
    "b": 1, "byte": 1, "bytes": 1, "kb": 1000, "kilobyte": 1000, "kilobytes": 1000,
    "mb": 1_000_000, "megabyte": 1_000_000, "megabytes": 1_000_000,
}
_BYTE_UNITS = "|".join(sorted(_BYTES, key=len, reverse=True))


@with_pattern(rf"(?:{_DECIMAL}) ?(?i:(?:{_BYTE_UNITS})\b)")
def size(text: str) -> int:
    """A size with its unit, in bytes: "2 MB" -> 2000000, "500 KB", "1,000 bytes"."""
    number, unit = _number_and_unit(text)
    return round(decimal(number) * _BYTES[unit.lower()])


def _number_and_unit(text: str) -> tuple[str, str]:
    """"0.5 s" / "500ms" -> ("0.5", "s") / ("500", "ms")."""
    text = text.strip()
    if " " in text:
        number, _, unit = text.rpartition(" ")
        return number, unit
    index = len(text.rstrip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    return text[:index], text[index:]


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


@with_pattern(r"was|were")
def was_were(text: str) -> str:
    """The past of a counted noun's verb: "1 request was", "2 requests were"."""
    return text


TYPES: dict[str, Callable[[str], Any]] = {
    "Number": whole_number,
    "Decimal": decimal,
    "Money": money,
    "Percent": percent,
    "Seconds": duration,
    "Size": size,
    "Quoted": quoted,
    "s": plural_ending,
    "is": to_be,
    "was": was_were,
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
