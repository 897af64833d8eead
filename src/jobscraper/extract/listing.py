"""Job cards on a listing page no platform module knows: the general card heuristic.

A career page lists its jobs as repeated elements of one shape (``li.jobs__item >
a``, ``article > h3 > a``) whose link texts read like job titles ("DevOps Engineer
(m/w/d)", "Werkstudent Data Analytics"). Links are grouped by the shape of their
surroundings; the group whose texts most look like job titles is the job list. Links
reading "Zum Job >>" or "Apply" lose to the heading links of the same cards, and a page
without such a group (a plain text page, a single posting) yields no cards.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from jobscraper.extract.normalize import clean_text

# Words and marks job titles carry, in the languages of the pages we read.
_JOB_TITLE = re.compile(
    r"\((?:[mwfdxh]\s*[/|*,]\s*){1,3}[mwfdxh]\)|\b[mwf]/[mwf]/[dx]\b|\bH/F\b|\bF/H\b|"
    r"\b(?:engineer|developer|entwickler\w*|manager\w*|analyst|designer|consultant|berater\w*|"
    r"specialist|spezialist\w*|architect|architekt\w*|administrator|technician|techniker\w*|"
    r"ingenieur\w*|ingénieur\w*|werkstudent\w*|praktik\w*|intern(?:ship)?|trainee|"
    r"ausbildung|azubi|lead|head of|director|scientist|buchhalter\w*|sachbearbeiter\w*|"
    r"mitarbeiter\w*|assistant|assistenz|coordinator|koordinator\w*|officer|"
    r"representative|recruiter|accountant|nurse|driver|fahrer\w*|mechani\w+|"
    r"elektroniker\w*|chef|koch|verkäufer\w*|redakteur\w*|product owner|scrum master)\b",
    re.IGNORECASE,
)
_NOT_A_JOB_PAGE = re.compile(r"(?:^|/)(?:tag|category|kategorie|author|page|feed|search|"
                             r"login|wp-content|impressum|datenschutz|privacy|kontakt|contact)"
                             r"(?:/|$)", re.IGNORECASE)
MIN_CARDS = 2
MIN_TITLE_SHARE = 0.6


@dataclass(frozen=True)
class Card:
    """One job card: its title and the posting's address."""

    title: str
    url: str


def _shape(anchor: Tag) -> tuple[str, ...]:
    """The tag and first class of the anchor and its three nearest ancestors."""
    shape: list[str] = []
    node: Tag | None = anchor
    for _ in range(4):
        if node is None or not isinstance(node, Tag):
            break
        classes = node.get("class") or []
        shape.append(f"{node.name}.{classes[0] if classes else ''}")
        node = node.parent
    return tuple(shape)


def _same_site(url: str, base_url: str) -> bool:
    base = (urlsplit(base_url).hostname or "").removeprefix("www.")
    host = (urlsplit(url).hostname or "").removeprefix("www.")
    return urlsplit(url).scheme in ("http", "https", "file") and (not base or host == base)


def job_cards(page: BeautifulSoup, base_url: str) -> list[Card]:
    """The job cards of a listing page, in page order (none when no group of links
    reads like a job list)."""
    groups: dict[tuple[str, ...], list[Card]] = defaultdict(list)
    own = base_url.split("#", 1)[0]
    for anchor in page.find_all("a", href=True):
        href = str(anchor["href"]).strip()
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        url = urljoin(base_url, href).split("#", 1)[0]
        if url == own or not _same_site(url, base_url) or _NOT_A_JOB_PAGE.search(
                urlsplit(url).path):
            continue
        title = clean_text(anchor.get_text(" ", strip=True))
        if not title or len(title) > 200:
            continue
        groups[_shape(anchor)].append(Card(title, url))
    best: list[Card] = []
    best_score = 0.0
    for cards in groups.values():
        unique = list({card.url: card for card in cards}.values())
        if len(unique) < MIN_CARDS:
            continue
        share = sum(bool(_JOB_TITLE.search(card.title)) for card in unique) / len(unique)
        score = share * len(unique)
        if share >= MIN_TITLE_SHARE and score > best_score:
            best, best_score = unique, score
    return best
