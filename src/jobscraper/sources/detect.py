"""What a source is: a career page (a web address) or a job-board query (any other text).

``detect_source("https://careers.acme-robotics.com/jobs")`` is a
:class:`CareerPage`, and so is the same address typed without its scheme
(``careers.acme-robotics.com/jobs``, taken as https: see :func:`looks_like_url`);
``detect_source("python developer in Berlin")`` is a
:class:`BoardQuery` with term "python developer" and location "Berlin" (the
text after the last " in "). Options (sites, results wanted, remote, hours old)
are given explicitly, never guessed from the words.

Rejected with :class:`SourceRejected` (a clear, user-facing message): empty
queries, URL-looking text with another scheme (``file:``, ``ftp:``,
``javascript:`` ...), URLs with credentials, and addresses that point into the
user's own network (see :mod:`jobscraper.sources.guard`). Nothing is fetched
for a rejected source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from jobscraper.models import SourceKind
from jobscraper.sources.guard import SourceRejected, check_url_syntax

# Boards JobSpy reaches over plain ``requests`` (they honour our proxy and CA bundle).
DEFAULT_BOARDS: tuple[str, ...] = ("linkedin", "indeed")
KNOWN_BOARDS: tuple[str, ...] = (
    "linkedin",
    "indeed",
    "zip_recruiter",
    "glassdoor",
    "google",
    "bayt",
    "naukri",
    "bdjobs",
    "hellowork",
)
_BOARD_ALIASES = {
    "ziprecruiter": "zip_recruiter",
    "zip-recruiter": "zip_recruiter",
    "linked_in": "linkedin",
    "linked-in": "linkedin",
}

_SCHEME_RE = re.compile(r"^(?P<scheme>[a-zA-Z][a-zA-Z0-9+.-]*):(?!\d)")
# An address typed without its scheme: a host (a dotted name ending in a top-level domain of
# letters, an IPv4 literal or localhost), an optional port, then an optional path or query.
_BARE_ADDRESS_RE = re.compile(
    r"^(?P<host>(?P<name>(?:[^\W_](?:[\w-]*[^\W_])?\.)+(?:[^\W\d_]{2,63}|xn--[a-z0-9-]+))"
    r"|\d{1,3}(?:\.\d{1,3}){3}|localhost)"
    r"(?P<port>:\d{1,5})?(?P<rest>[/?#].*)?$",
    re.IGNORECASE,
)
_LOCATION_SPLIT = re.compile(r"\s+(?:in|near)\s+(?=\S)", re.IGNORECASE)


@dataclass(frozen=True)
class CareerPage:
    """A company's career page (a listing or a single posting)."""

    url: str
    kind: SourceKind = field(default=SourceKind.CAREER_PAGE, init=False)

    @property
    def label(self) -> str:
        return self.url


@dataclass(frozen=True)
class BoardQuery:
    """A job-board search, run through JobSpy on each of ``sites``."""

    text: str
    search_term: str
    location: str | None = None
    sites: tuple[str, ...] = DEFAULT_BOARDS
    results_wanted: int | None = None
    is_remote: bool | None = None
    hours_old: int | None = None
    kind: SourceKind = field(default=SourceKind.JOB_BOARD, init=False)

    @property
    def label(self) -> str:
        return self.text


Source = CareerPage | BoardQuery


def normalize_boards(sites: Iterable[str] | str | None) -> tuple[str, ...]:
    """"LinkedIn, Indeed" / ["linkedin", "indeed"] -> ("linkedin", "indeed"); unknown -> error."""
    if sites is None:
        return DEFAULT_BOARDS
    items = re.split(r"[,\s]+|\s+and\s+", sites) if isinstance(sites, str) else list(sites)
    out: list[str] = []
    for item in items:
        name = str(item).strip().lower()
        if not name or name == "and":
            continue
        name = _BOARD_ALIASES.get(name, name)
        if name not in KNOWN_BOARDS:
            raise SourceRejected(
                f"unknown job board {item!r}; known boards: {', '.join(KNOWN_BOARDS)}"
            )
        if name not in out:
            out.append(name)
    if not out:
        raise SourceRejected("no job board given")
    return tuple(out)


def parse_query(text: str) -> tuple[str, str | None]:
    """"python developer in Berlin" -> ("python developer", "Berlin")."""
    cleaned = re.sub(r"\s+", " ", text).strip()
    parts = _LOCATION_SPLIT.split(cleaned)
    if len(parts) >= 2 and parts[0].strip():
        # Split at the *last* " in ": "data in healthcare in London" -> London.
        match = list(_LOCATION_SPLIT.finditer(cleaned))[-1]
        term, location = cleaned[: match.start()].strip(), cleaned[match.end():].strip()
        if term and location:
            return term, location
    return cleaned, None


def looks_like_url(text: str) -> bool:
    """True for text a user means as a web address; such a source is a career page.

    That is text without spaces that has a scheme (``https:``, ``file:``...), starts
    with ``www.``, or is a bare address: ``careers.acme-robotics.com/jobs``,
    ``careers.acme-robotics.com``, ``acme.com/careers``, ``jobs.example.com:8443``,
    ``10.0.0.12/jobs`` (refused later, as every private address is). A two-part name
    with nothing after it (``node.js``, ``ASP.NET``) reads as a word of a job search and
    stays one; with a path or a scheme it is an address.
    """
    stripped = text.strip()
    if not stripped or any(char.isspace() for char in stripped):
        return False
    if _SCHEME_RE.match(stripped) or stripped.lower().startswith("www."):
        return True
    return _is_bare_address(stripped)


def _is_bare_address(text: str) -> bool:
    match = _BARE_ADDRESS_RE.match(text)
    if match is None:
        return False
    if match["port"] or match["rest"] or match["name"] is None:
        return True  # host and path or port; an IPv4 literal; localhost
    return match["name"].count(".") >= 2  # careers.acme.com, not node.js


def detect_source(
    text: str,
    *,
    sites: Iterable[str] | str | None = None,
    results_wanted: int | None = None,
    is_remote: bool | None = None,
    hours_old: int | None = None,
) -> Source:
    """Classify one source string; raise :class:`SourceRejected` if it may not be scraped.

    Only the syntax is checked here (scheme, credentials, literal private
    addresses, ``localhost``); the DNS part of the address guard runs right
    before fetching (:func:`jobscraper.sources.guard.check_url`).
    """
    if text is None or not str(text).strip():
        raise SourceRejected("empty source: give a career page address or a job search")
    raw = str(text).strip()
    if looks_like_url(raw):
        url = raw if _SCHEME_RE.match(raw) else f"https://{raw}"
        check_url_syntax(url)
        return CareerPage(url)
    term, location = parse_query(raw)
    if not re.search(r"\w", term):
        raise SourceRejected(f"empty job search {raw!r}: give some words to search for")
    if results_wanted is not None and results_wanted <= 0:
        raise SourceRejected("results wanted must be a positive number")
    if hours_old is not None and hours_old <= 0:
        raise SourceRejected("hours old must be a positive number")
    return BoardQuery(
        text=raw,
        search_term=term,
        location=location,
        sites=normalize_boards(sites),
        results_wanted=results_wanted,
        is_remote=is_remote,
        hours_old=hours_old,
    )


@dataclass
class DetectedSources:
    """Sources split into the accepted ones and the rejected ones (with reasons)."""

    accepted: list[Source] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)


def detect_sources(
    texts: Sequence[str | Source],
    **options: object,
) -> DetectedSources:
    """Classify many sources; a rejected one is reported, never raised."""
    found = DetectedSources()
    for item in texts:
        if isinstance(item, CareerPage | BoardQuery):
            found.accepted.append(item)
            continue
        try:
            found.accepted.append(detect_source(str(item), **options))  # type: ignore[arg-type]
        except SourceRejected as exc:
            found.rejected.append((str(item), str(exc)))
    return found
