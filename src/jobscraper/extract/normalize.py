"""Normalisation of extracted values: salary, work arrangement, employment type, text.

Every route (schema.org data, a job board's fields, a model's answer) ends up
here, so a posting says "EUR 70,000-90,000 per year" the same way whoever found
it. The functions are pure and small; ``tests/test_normalize.py`` pins them on
real-world formats.

Salary text
    ``parse_salary("$120k–$150k")`` -> ``Salary(120000, 150000, "USD", "year")``.
    Amounts accept ``k``/``K`` suffixes (on either end of a range: "80-100K"),
    ``,`` / ``.`` / space / apostrophe thousands separators ("€70.000",
    "CHF 120'000") and decimal commas ("€12,50/hour"). The currency comes from a
    sign or an ISO code. The interval comes from words ("per year", "/hr",
    "monthly", "pro Jahr"); when the text names none, amounts of 10,000 or more
    are taken as yearly (a salary that large is never quoted per hour, day,
    week or month in practice) and smaller ones stay unknown.
    ``up to X`` gives only a maximum, ``from X`` only a minimum; a swapped range
    is put in order.

Annualised pair
    ``annualise`` converts a range to a yearly range (hourly x 2080, daily x 260,
    weekly x 52, monthly x 12) so salaries quoted per hour and per year can be
    compared; the store keeps both.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

# Working-time factors used to compare salaries quoted per hour, day, week, month.
ANNUAL_FACTORS = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}

# Amounts of at least this much with no stated interval are taken as yearly.
YEARLY_WITHOUT_INTERVAL_FROM = 10_000


def annualise(
    salary_min: float | None, salary_max: float | None, interval: str | None
) -> tuple[float | None, float | None]:
    """Convert a salary range to a yearly range (hourly x 2080, monthly x 12)."""
    if interval is None:
        return None, None
    factor = ANNUAL_FACTORS.get(str(getattr(interval, "value", interval)))
    if factor is None:
        return None, None
    return (
        salary_min * factor if salary_min is not None else None,
        salary_max * factor if salary_max is not None else None,
    )


# --- text -------------------------------------------------------------------------

_WS = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]+>")
_INLINE_TAG = re.compile(
    r"<\s*/?\s*(?:a|b|i|em|strong|span|code|u|small|sup|sub|abbr|mark)\b[^>]*>", re.IGNORECASE
)
_BLOCK_TAGS = re.compile(
    r"<\s*(?:br|/p|/div|/h[1-6]|/tr|/ul|/ol|/section|/article|h[1-6])\b[^>]*>", re.IGNORECASE
)
_LI_OPEN = re.compile(r"<\s*li\b[^>]*>", re.IGNORECASE)
_SCRIPT_STYLE = re.compile(r"<\s*(script|style)\b.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)


def clean_text(value: Any) -> str | None:
    """Entities decoded, whitespace collapsed; None for empty. Markup is kept as text.

    Titles and names are *text*: a title that reads ``<script>`` stays those
    characters (the dashboard escapes it), it is never interpreted or removed.
    """
    if value is None:
        return None
    text = html.unescape(str(value))
    # A doubly escaped entity (&amp;amp;) is common in feeds; decode once more.
    if "&" in text and re.search(r"&(?:#\d+|#x[0-9a-f]+|[a-z]+);", text, re.IGNORECASE):
        text = html.unescape(text)
    text = _WS.sub(" ", text.replace("\u00a0", " ")).strip()
    return text or None


def html_to_text(value: Any) -> str | None:
    """A description's HTML as readable plain text (paragraphs and list items kept)."""
    if value is None:
        return None
    raw = str(value)
    if "<" not in raw:
        return clean_text(raw) if "\n" not in raw else _clean_lines(html.unescape(raw))
    raw = _SCRIPT_STYLE.sub(" ", raw)
    raw = _LI_OPEN.sub("\n- ", raw)
    raw = _BLOCK_TAGS.sub("\n", raw)
    raw = _INLINE_TAG.sub("", raw)
    raw = _TAG.sub(" ", raw)
    return _clean_lines(html.unescape(raw))


def _clean_lines(text: str) -> str | None:
    lines = [_WS.sub(" ", line.replace("\u00a0", " ")).strip() for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    result = "\n".join(out).strip()
    return result or None


# --- work arrangement -------------------------------------------------------------

REMOTE = "remote"
HYBRID = "hybrid"
ON_SITE = "on-site"

_HYBRID_RE = re.compile(
    r"\bhybrid\b|\bhybride[sn]?\b|\bteilweise (?:remote|home[\s-]?office)\b|"
    r"\bpartially remote\b|"
    # "Télétravail jusqu'à 3 jours", "2 jours de télétravail", "télétravail partiel"
    r"\btélétravail (?:partiel|jusqu['’]à \d)|\b\d+\s*(?:jours?|j)\s+de télétravail\b",
    re.IGNORECASE,
)
_NOT_REMOTE_RE = re.compile(
    r"\b(?:not|no|non)[\s-]+remote\b|\bremote\s+(?:is\s+)?not\s+(?:possible|available)\b|"
    # a "Télétravail: Non" / "Home-Office: nein" fact
    r"\b(?:télétravail|home[\s-]?office)\b[^:\n]{0,30}:\s*(?:non|nein|no)\b",
    re.IGNORECASE,
)
_REMOTE_RE = re.compile(
    r"\bremote\b|\bwork from home\b|\bwfh\b|\btelecommut\w*|\bhome[\s-]?office\b|"
    r"\bfully distributed\b|\banywhere\b|\bhomeoffice\b",
    re.IGNORECASE,
)
_ON_SITE_RE = re.compile(
    r"\bon[\s-]?site\b|\bin[\s-]office\b|\boffice[\s-]based\b|\bin[\s-]person\b|\bvor ort\b",
    re.IGNORECASE,
)


def detect_remote(*texts: str | None) -> str | None:
    """``remote``, ``hybrid``, ``on-site`` or None from free text (title, location...).

    Hybrid wins over remote ("remote-friendly, hybrid: 2 days in office"), an
    explicit "not remote" means on-site. The first text that says anything wins,
    so pass the most specific field (a location or work-type field) first.
    """
    for text in texts:
        if not text:
            continue
        value = str(text)
        if _HYBRID_RE.search(value):
            return HYBRID
        if _NOT_REMOTE_RE.search(value):
            return ON_SITE
        if _REMOTE_RE.search(value):
            return REMOTE
        if _ON_SITE_RE.search(value):
            return ON_SITE
    return None


# --- employment type --------------------------------------------------------------

_EMPLOYMENT = {
    "full_time": "full-time",
    "fulltime": "full-time",
    "full time": "full-time",
    "full-time": "full-time",
    "vollzeit": "full-time",
    "part_time": "part-time",
    "parttime": "part-time",
    "part time": "part-time",
    "part-time": "part-time",
    "teilzeit": "part-time",
    "contractor": "contract",
    "contract": "contract",
    "freelance": "contract",
    "temporary": "temporary",
    "temp": "temporary",
    "intern": "internship",
    "internship": "internship",
    "praktikum": "internship",
    "per_diem": "per-diem",
    "volunteer": "volunteer",
    "other": "other",
}


# Employment types as free text names them ("Voll- oder Teilzeit", "Praktikum/Werkstudium",
# "A tempo pieno"); a permanent-contract word alone (CDI, Festanstellung) names none.
_EMPLOYMENT_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("full-time", r"\bfull[\s_-]?time\b|\bvollzeit\b|\bvoll-\s*(?:oder|und|/)|"
                      r"\btemps plein\b|\btempo pieno\b|\bjornada completa\b"),
        ("part-time", r"\bpart[\s_-]?time\b|\bteilzeit\b|\btemps partiel\b|\btempo parziale\b"),
        ("contract", r"\bcontract(?:or)?\b|\bfreelance\b|\bfreiberuflich\b"),
        ("temporary", r"\btemporary\b|\bbefristet\b"),
        ("internship", r"\bintern(?:ship)?\b|\bpraktik\w*|\bwerkstudent\w*|\bworking student\b|"
                       r"\bstagiaire\b|\btirocinio\b|\bapprenticeship\b"),
    )
)


def employment_types_in(text: str | None) -> str | None:
    """The employment types a short text names, in our vocabulary ("Voll- oder Teilzeit"
    -> "full-time, part-time"); None when it names none.

    An internship is the type even when the text also gives its schedule ("Vollzeit",
    "Praktikum") - the schedule is not a second type.
    """
    if not text:
        return None
    found = sorted(
        (match.start(), name)
        for name, pattern in _EMPLOYMENT_WORDS
        if (match := pattern.search(text)) is not None
    )
    names = [name for _, name in found]
    if "internship" in names:
        return "internship"
    return ", ".join(names) or None


def normalize_employment_type(value: Any) -> str | None:
    """schema.org / JobSpy / free-text employment types -> one vocabulary.

    ``FULL_TIME``, ``fulltime``, "Full time" -> ``full-time``; ``CONTRACTOR`` ->
    ``contract``; ``INTERN`` -> ``internship``; several values are joined with
    ", " in their given order; unknown words are kept (cleaned).
    """
    if value is None:
        return None
    items = value if isinstance(value, list | tuple) else re.split(r"[,;/|]", str(value))
    out: list[str] = []
    for item in items:
        raw = getattr(item, "value", item)
        text = clean_text(raw)
        if not text:
            continue
        key = text.lower()
        norm = _EMPLOYMENT.get(key) or _EMPLOYMENT.get(key.replace("-", "_")) or text
        if norm not in out:
            out.append(norm)
    return ", ".join(out) or None


# --- dates ------------------------------------------------------------------------

# A posting dated more than this far ahead is not believed: time zones put an honest
# "today" at most a day ahead of ours.
FUTURE_TOLERANCE_DAYS = 1
EARLIEST_POSTED = date(1990, 1, 1)  # before job postings were on the web


def iso_date(text: str | None) -> date | None:
    """The calendar date a text starts with, written ``YYYY-MM-DD`` (a time may follow,
    as in ``2024-05-01T09:00:00Z``); None for no such date or an impossible one."""
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", text or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def plausible_posted_date(value: date | None, today: date | None = None) -> date | None:
    """A posted date that can be true (not in the future, not before 1990), else None."""
    if value is None:
        return None
    today = today or date.today()
    if value > today + timedelta(days=FUTURE_TOLERANCE_DAYS) or value < EARLIEST_POSTED:
        return None
    return value


# --- salary -----------------------------------------------------------------------

CURRENCY_SIGNS = {
    "$": "USD",
    "US$": "USD",
    "€": "EUR",
    "£": "GBP",
    "¥": "JPY",
    "₹": "INR",
    "CHF": "CHF",
    "A$": "AUD",
    "C$": "CAD",
    "CA$": "CAD",
    "AU$": "AUD",
    "NZ$": "NZD",
    "R$": "BRL",
    "zł": "PLN",
    "kr": "SEK",
}
_ISO_CODES = [
    "USD", "EUR", "GBP", "CHF", "CAD", "AUD", "NZD", "JPY", "INR", "SEK", "NOK",
    "DKK", "PLN", "CZK", "HUF", "BRL", "MXN", "SGD", "HKD", "ZAR", "AED", "ILS",
]
# Every ISO 4217 code a salary can be paid in (funds, metals and test codes left out):
# a page that names any other "currency" ("Monopoly money", "ABC") names none.
_ISO_4217_CODES = """
AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BRL BSD BTN BWP BYN
BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP
GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS
KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR
MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD
RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP
TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW
ZWG
"""
ISO_4217 = frozenset(_ISO_4217_CODES.split())

_INTERVAL_WORDS: list[tuple[str, re.Pattern[str]]] = [
    (
        "hour",
        re.compile(
            r"(?:/|\bper\s+|\ban\s+|\ba\s+|\bpro\s+)\s*(?:hour|hr|h|stunde|std)\b|"
            r"\bhourly\b|\bstündlich\b|\bstundenlohn\b|\b(?:p\.?\s?h|ph)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "day",
        re.compile(
            r"(?:/|\bper\s+|\ba\s+|\bpro\s+)\s*(?:day|d|tag)\b|\bdaily\b|\bday\s+rate\b|"
            r"\btagessatz\b|\bp\.?\s?d\b",
            re.IGNORECASE,
        ),
    ),
    (
        "week",
        re.compile(r"(?:/|\bper\s+|\ba\s+|\bpro\s+)\s*(?:week|wk|woche)\b|\bweekly\b",
                   re.IGNORECASE),
    ),
    (
        "month",
        re.compile(
            r"(?:/|\bper\s+|\ba\s+|\bpro\s+)\s*(?:month|mo|mth|monat)\b|\bmonthly\b|"
            r"\bmonatlich\b|\bp\.?\s?m\b|\bpcm\b",
            re.IGNORECASE,
        ),
    ),
    (
        "year",
        re.compile(
            r"(?:/|\bper\s+|\ba\s+|\ban\s+|\bpro\s+)\s*(?:year|yr|annum|jahr|y)\b|"
            r"\bannual(?:ly)?\b|\byearly\b|\bjährlich\b|\bp\.?\s?a\b|\bpa\b|\bper\s+annum\b",
            re.IGNORECASE,
        ),
    ),
]

_INTERVAL_ALIASES = {
    "year": "year",
    "yearly": "year",
    "annual": "year",
    "annually": "year",
    "y": "year",
    "yr": "year",
    "month": "month",
    "monthly": "month",
    "week": "week",
    "weekly": "week",
    "day": "day",
    "daily": "day",
    "hour": "hour",
    "hourly": "hour",
    "h": "hour",
    "hr": "hour",
}

# A number with optional thousands separators / decimals, then an optional k/m suffix.
_NUMBER = r"\d[\d.,'’\u00a0\u202f ]*\d|\d"
_AMOUNT_RE = re.compile(rf"(?P<num>{_NUMBER})\s*(?P<suffix>[kKmM](?![a-zA-Z]))?")
_RANGE_SEP = re.compile(r"^\s*(?:-|–|—|to|bis|and|~)\s*$", re.IGNORECASE)
_UP_TO = re.compile(r"(?:\bup\s+to|\bmax(?:imum)?|\bbis\s+zu|\buntil|≤)$", re.IGNORECASE)
_FROM = re.compile(r"(?:\bfrom|\bstarting\s+at|\bmin(?:imum)?|\bab|\bat\s+least|≥)$",
                   re.IGNORECASE)


@dataclass(frozen=True)
class Salary:
    """A salary range; either end may be unknown."""

    min: float | None = None
    max: float | None = None
    currency: str | None = None
    interval: str | None = None

    @property
    def is_empty(self) -> bool:
        return self.min is None and self.max is None


def normalize_interval(value: Any) -> str | None:
    """``YEAR``, "yearly", "Per Hour", JobSpy's ``CompensationInterval`` -> year/.../hour."""
    if value is None:
        return None
    raw = getattr(value, "value", value)
    if isinstance(raw, float) and math.isnan(raw):
        return None
    key = str(raw).strip().lower()
    key = key.removeprefix("per ").removeprefix("a ").strip()
    return _INTERVAL_ALIASES.get(key)


def normalize_currency(value: Any) -> str | None:
    """"€", "eur", "US$" -> ISO 4217 code; unknown -> None."""
    if value is None:
        return None
    raw = str(getattr(value, "value", value)).strip()
    if not raw or raw.lower() == "nan":
        return None
    if raw in CURRENCY_SIGNS:
        return CURRENCY_SIGNS[raw]
    if raw.upper() in ISO_4217:
        return raw.upper()
    return None


def _parse_number(text: str) -> float | None:
    """'70.000' -> 70000, '70,000.50' -> 70000.5, '12,50' -> 12.5, '120 000' -> 120000."""
    number = re.sub(r"[\s'’\u00a0\u202f]", "", text)
    if not number:
        return None
    if "," in number and "." in number:
        # The right-most separator is the decimal one.
        if number.rfind(",") > number.rfind("."):
            number = number.replace(".", "").replace(",", ".")
        else:
            number = number.replace(",", "")
    elif "," in number or "." in number:
        sep = "," if "," in number else "."
        parts = number.split(sep)
        if len(parts) > 2 or (len(parts[-1]) == 3 and parts[0] not in ("", "0")):
            number = number.replace(sep, "")  # thousands separators: 70.000 / 1,200,000
        else:
            number = number.replace(sep, ".")  # a decimal: 12,50 / 45.5
    try:
        return float(number)
    except ValueError:
        return None


def _currency_in(text: str) -> str | None:
    for code in _ISO_CODES:
        if re.search(rf"(?<![A-Za-z]){code}(?![A-Za-z])", text, re.IGNORECASE):
            return code
    # Longest signs first so "US$" wins over "$".
    for sign in sorted(CURRENCY_SIGNS, key=len, reverse=True):
        if sign.isalpha():
            if re.search(rf"(?<![A-Za-z]){re.escape(sign)}(?![A-Za-z])", text):
                return CURRENCY_SIGNS[sign]
        elif sign in text:
            return CURRENCY_SIGNS[sign]
    return None


def _interval_in(text: str) -> str | None:
    for name, pattern in _INTERVAL_WORDS:
        if pattern.search(text):
            return name
    return None


def parse_salary(text: Any) -> Salary:
    """Salary text in any common format -> a :class:`Salary` (empty when none found)."""
    if text is None:
        return Salary()
    raw = clean_text(text) or ""
    if not raw or not re.search(r"\d", raw) or _NEGATIVE.match(raw):
        return Salary()
    matches = [
        m for m in _AMOUNT_RE.finditer(raw)
        # A year like 2026 or a count like "40 hours" is not a salary amount.
        if not re.match(r"\s*(?:hours?|hrs?|days?|weeks?|months?|years?|%)\b",
                        raw[m.end():], re.IGNORECASE)
    ]
    amounts: list[tuple[float, str | None, re.Match[str]]] = []
    for match in matches:
        value = _parse_number(match.group("num"))
        if value is None:
            continue
        amounts.append((value, (match.group("suffix") or "").lower() or None, match))
    if not amounts:
        return Salary()

    first = amounts[0]
    second = None
    if len(amounts) > 1:
        between = raw[first[2].end():amounts[1][2].start()]
        # Currency signs and codes may sit between the two numbers: "€70.000 - €90.000",
        # "A$160,000 – A$200,000".
        stripped = re.sub(
            r"(?<![A-Za-z])[A-Z]{1,2}\$|[^\w\s\-–—~]|(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])", " ",
            between,
        )
        if _RANGE_SEP.match(stripped):
            second = amounts[1]

    def scaled(value: float, suffix: str | None, fallback: str | None) -> float:
        factor = {"k": 1_000, "m": 1_000_000}.get(suffix or fallback or "", 1)
        return value * factor

    low_suffix = first[1]
    high_suffix = second[1] if second else None
    # "80-100K": the suffix of the second number applies to the first too, when the
    # first alone would be implausibly small next to it.
    low = scaled(first[0], low_suffix, high_suffix if low_suffix is None else None)
    high = scaled(second[0], high_suffix, low_suffix if high_suffix is None else None) if second \
        else None
    if second is not None and low_suffix is None and high_suffix and first[0] >= 1_000:
        low = first[0]

    # Words before the first amount, without the currency that precedes it ("up to $").
    before = re.sub(r"(?:[^\w\s]|(?<![A-Za-z])[A-Z]{3}(?![A-Za-z])|\s)+$", "",
                    raw[: first[2].start()])
    smin: float | None
    smax: float | None
    if second is not None:
        smin, smax = low, high
    elif _UP_TO.search(before):
        smin, smax = None, low
    elif _FROM.search(before):
        smin, smax = low, None
    else:
        smin = smax = low
    smin, smax = order_range(smin, smax)

    currency = _currency_in(raw)
    interval = _interval_in(raw)
    if interval is None:
        biggest = max(v for v in (smin, smax) if v is not None)
        if biggest >= YEARLY_WITHOUT_INTERVAL_FROM:
            interval = "year"
    return Salary(_tidy(smin), _tidy(smax), currency, interval)


def order_range(low: float | None, high: float | None) -> tuple[float | None, float | None]:
    """A swapped range put in order (min <= max)."""
    if low is not None and high is not None and low > high:
        return high, low
    return low, high


def _tidy(value: float | None) -> float | None:
    if value is None:
        return None
    return float(round(value, 2))


def plausible_amount(value: float | None) -> float | None:
    """A salary amount that can be true: a finite number above zero, else None.

    A page that says ``-5`` or ``Infinity`` states no salary; its sign is not dropped
    to make one up.
    """
    if value is None or math.isnan(value) or math.isinf(value) or value <= 0:
        return None
    return value


# A minus sign before the first digit: "-5", "- 70000", "EUR -5" (not "70-90").
_NEGATIVE = re.compile(r"^[^\d-]*[-\u2212]\s*\d")


def number_or_none(value: Any) -> float | None:
    """A salary amount from a board / JSON-LD field; NaN, '', non-numbers, negative
    and zero amounts -> None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return plausible_amount(float(value))
    text = str(value).strip()
    if not text or _NEGATIVE.match(text):
        return None
    parsed = parse_salary(text)
    return plausible_amount(parsed.min if parsed.min is not None else parsed.max)


def salary_from_fields(
    min_amount: Any, max_amount: Any, currency: Any = None, interval: Any = None
) -> Salary:
    """Separate board / schema.org fields -> a :class:`Salary` (swapped ends fixed)."""
    low, high = order_range(number_or_none(min_amount), number_or_none(max_amount))
    if low is None and high is None:
        return Salary()
    return Salary(_tidy(low), _tidy(high), normalize_currency(currency),
                  normalize_interval(interval))
