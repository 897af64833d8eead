"""Fields read from a posting's visible text: salary, work arrangement, employment type.

Pay-transparency laws put the salary into the posting's prose ("The base salary range
for this role is $154,000 - $277,000", "CA$ 50.50 hourly", "€60.000–75.000
brutto/Jahr"), and a page's header facts say "Hybrid" or "Voll- oder Teilzeit". These
readers find such values in text with the normalisers of :mod:`.normalize`; they are
used only where structured data left a field empty, and only on the text of the
posting itself (its description and header), never on a whole page with its sidebars.

Salary traps they avoid: amounts without a currency, a development budget of "$500
per annum" or an allowance of "100 €" (implausible as pay for their period), funding
("$100 million"), and ranges scoped to another country than the posting's ("For
U.S.-based roles ... $148,200 and $239,800" on a posting in Canada).
"""

from __future__ import annotations

import re
from dataclasses import replace
from urllib.parse import urlsplit

from jobscraper.extract.normalize import (
    HYBRID,
    ON_SITE,
    Salary,
    detect_remote,
    employment_types_in,
    parse_salary,
)

_CURRENCY = (
    r"(?:US\$|CA\$|AU\$|NZ\$|A\$|C\$|R\$|\$|€|£|¥|₹|"
    r"\b(?:CHF|USD|EUR|GBP|CAD|AUD|NZD|SEK|NOK|DKK|PLN|JPY|INR|SGD|HKD|ZAR)\b)"
)
_AMOUNT = r"\d{1,3}(?:[.,'’\u00a0\u202f ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_SUFFIX = r"(?:\s?[kK](?![a-zA-Z]))?"
_SEPARATOR = r"\s*(?:-|–|—|to|bis|and|à)\s*"
_SIDE = rf"(?:{_CURRENCY}\s?(?:{_AMOUNT}){_SUFFIX}|(?:{_AMOUNT}){_SUFFIX}\s?{_CURRENCY})"
# "$154,000 - $277,000", "€60.000–75.000", "60.000 - 75.000 €", "CA$ 50.50"
_SALARY_SPAN = re.compile(
    rf"{_SIDE}(?:{_SEPARATOR}(?:{_SIDE}|(?:{_AMOUNT}){_SUFFIX}))?"
    rf"|(?:{_AMOUNT}){_SUFFIX}{_SEPARATOR}(?:{_AMOUNT}){_SUFFIX}\s?{_CURRENCY}"
)
# Plausible pay per period: a "$500 per annum" budget or a "100 €" allowance is not a salary.
_PLAUSIBLE = {
    "year": (5_000, 5_000_000),
    "month": (300, 500_000),
    "week": (80, 100_000),
    "day": (30, 20_000),
    "hour": (5, 2_000),
}
_NOT_PAY = re.compile(r"\b(?:million|billion|funding|raised|revenue|budget|allowance|prime|"
                      r"bonus of|stipend for|users|customers)\b", re.IGNORECASE)
# Where a line scopes its pay to a country: "For U.S.-based roles", "in the United States".
_SCOPES = {
    "United States": re.compile(r"\bU\.?S\.?(?:A\.?)?(?![a-z])|\bUnited States\b"),
    "Canada": re.compile(r"\bCanad(?:a|ian)\b"),
    "United Kingdom": re.compile(r"\bU\.?K\.?(?![a-z])|\bUnited Kingdom\b"),
}


def _context(text: str, start: int, end: int, width: int) -> tuple[str, str]:
    """The words around a salary span, numbers blanked (they belong to other facts)."""
    before = re.sub(r"\d[\d.,]*", " ", text[max(0, start - width):start])
    after = re.sub(r"\d[\d.,]*", " ", text[end:end + width])
    return before, after


def _applies_here(line: str, location: str | None) -> bool:
    """False when the line scopes its pay to another country than the posting's."""
    if not location:
        return True
    for country, pattern in _SCOPES.items():
        if pattern.search(line) and not pattern.search(location) and any(
            other != country and other_pattern.search(location)
            for other, other_pattern in _SCOPES.items()
        ):
            return False
    return True


# The dollar a bare "$" means on a country's site (au.seek.com, jobs.example.ca).
_LOCAL_DOLLARS = {"au": "AUD", "nz": "NZD", "ca": "CAD", "sg": "SGD", "hk": "HKD"}
_EXPLICIT_USD = re.compile(r"US\$|\bUSD\b")


def dollar_of(url: str | None) -> str:
    """The currency of a bare "$" on the site at ``url``: USD unless its host names a
    dollar country ("au.indeed.com", "www.seek.com.au")."""
    host = (urlsplit(url or "").hostname or "").lower()
    labels = host.split(".")
    for label in (labels[-1], labels[0]) if labels else ():
        if label in _LOCAL_DOLLARS:
            return _LOCAL_DOLLARS[label]
    return "USD"


def salary_in_text(text: str | None, *, location: str | None = None,
                   dollar: str = "USD") -> Salary:
    """The first plausible salary a posting's text states (empty when it states none).

    ``dollar``: what a bare "$" means on the posting's site (see :func:`dollar_of`).
    """
    if not text:
        return Salary()
    for line in re.split(r"\n+|(?<=[.!?])\s+(?=[A-Z])", text):
        for match in _SALARY_SPAN.finditer(line):
            before, after = _context(line, match.start(), match.end(), 40)
            if _NOT_PAY.search(before[-25:] + after[:25]) or not _applies_here(line, location):
                continue
            # Words before the amount matter ("up to", "from", "hourly rate"), and after
            # it the period ("a year", "/hr", "brutto/Jahr").
            salary = parse_salary(f"{before[-20:]} {match.group(0)} {after[:30]}")
            if salary.currency == "USD" and dollar != "USD" and not _EXPLICIT_USD.search(
                    match.group(0)):
                salary = replace(salary, currency=dollar)
            if _plausible(salary):
                return salary
    return Salary()


def _plausible(salary: Salary) -> bool:
    if salary.is_empty or salary.currency is None or salary.interval is None:
        return False
    low, high = _PLAUSIBLE[salary.interval]
    return all(low <= value <= high for value in (salary.min, salary.max) if value is not None)


def work_arrangement_in_text(*texts: str | None) -> str | None:
    """remote / hybrid / on-site from short, specific texts (a badge, the location line,
    the title), the first that says anything winning (see ``detect_remote``)."""
    return detect_remote(*texts)


def hybrid_in_description(description: str | None) -> str | None:
    """A description settles only what it says unmistakably: a hybrid model ("3 days in
    the office", "télétravail jusqu'à 2 jours") or a plain "no remote work". A bare
    "remote" in prose (remote teams, remote applicants) settles nothing."""
    if not description:
        return None
    found = detect_remote(description)
    return found if found in (HYBRID, ON_SITE) else None


def employment_type_in_text(*texts: str | None) -> str | None:
    """The employment types the first text that names any names (header facts)."""
    for text in texts:
        found = employment_types_in(text)
        if found:
            return found
    return None

