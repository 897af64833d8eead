"""Benchmark: ``jobscraper extract`` on real saved career pages, scored field by field.

The development corpus (``/work/shared/corpus/``, or a folder given on the command
line; it is read in place, never copied) holds real pages saved by third parties and
``expected.json``, the fields a careful reader finds on each. Every page goes through
the code path of ``jobscraper extract FILE`` with the model route switched off, so
the scores are what jobscraper reads exactly, before any model.

Measured:

* **field accuracy** on postings: title, company, location, remote, salary min / max,
  currency, period and employment type (nine fields per page, each right or wrong; a
  page that gives no posting has all nine wrong); beside it, the accuracy over only the
  fields a page fills (its expected value is not null);
* **listing recall**: the share of a listing's jobs whose title comes out (each
  listing weighs the same, whatever its number of jobs);
* both **per route** (where the page's title came from: structured data, a platform,
  the page text, or nowhere, i.e. the page would need a model), and **pages/s**.

How a value counts as right (the corpus README's conventions): titles compare without
case, spacing and punctuation, against the expected title or one of its
``title_alternatives``; a company or location is right when, without case and
punctuation, the words of one are all among the words of the other ("Stockholm" for
"Stockholm (HQ)", "Autodesk" for "Autodesk Canada Co."); ``remote`` is true only for
fully remote work (hybrid and on-site are false, no statement is null); amounts must be
equal to the cent; employment types compare as sets of schema.org values.

    .venv/bin/python bench/bench_extraction.py [CORPUS] [--repeat 1] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from steps.harness import environment  # noqa: E402

environment.apply()

from rich.console import Console  # noqa: E402
from rich.table import Table  # noqa: E402

from jobscraper.cli.cmd_extract import extract_file  # noqa: E402
from jobscraper.config import Settings, load_settings  # noqa: E402
from jobscraper.models import PostingData  # noqa: E402

DEFAULT_CORPUS = Path("/work/shared/corpus")
GOAL = 0.9
POSTING_FIELDS = ("title", "company", "location", "remote", "salary_min", "salary_max",
                  "salary_currency", "salary_interval", "employment_type")
# Our employment-type vocabulary (normalize.py) -> schema.org's, as expected.json writes it.
SCHEMA_ORG_EMPLOYMENT = {
    "full-time": "FULL_TIME", "part-time": "PART_TIME", "contract": "CONTRACTOR",
    "temporary": "TEMPORARY", "internship": "INTERN", "per-diem": "PER_DIEM",
    "volunteer": "VOLUNTEER", "other": "OTHER",
}
NO_TITLE = "model"  # the route of a page nothing exact could read: it would go to a model


# --- comparing values ---------------------------------------------------------------------

def _folded(text: Any) -> str:
    text = unicodedata.normalize("NFKC", str(text)).casefold()
    return " ".join(re.findall(r"\w+", text))


def _words(text: Any) -> set[str]:
    return set(_folded(text).split())


def same_title(actual: Any, expected: str, alternatives: list[str]) -> bool:
    return actual is not None and _folded(actual) in {_folded(t) for t in
                                                      [expected, *alternatives]}


def same_words(actual: Any, expected: Any) -> bool:
    """Equal, or the words of one are all among the words of the other."""
    if actual is None or expected is None:
        return actual is None and expected is None
    mine, theirs = _words(actual), _words(expected)
    return bool(mine and theirs) and (mine <= theirs or theirs <= mine)


def remote_flag(value: str | None) -> bool | None:
    """Our work arrangement as expected.json writes it: remote true, hybrid / on-site false."""
    return None if value is None else value == "remote"


def employment_set(value: Any) -> set[str] | None:
    if value is None:
        return None
    if isinstance(value, list):
        return set(value)
    return {SCHEMA_ORG_EMPLOYMENT.get(part.strip(), part.strip().upper())
            for part in str(value).split(",") if part.strip()}


def field_right(name: str, posting: PostingData | None, entry: dict[str, Any]) -> bool:
    """Whether ``posting`` has the expected value of field ``name`` (no posting: wrong)."""
    if posting is None:
        return False
    expected = entry["expected"][name]
    actual = getattr(posting, name)
    if name == "title":
        return same_title(actual, expected, entry.get("title_alternatives") or [])
    if name in ("company", "location"):
        return same_words(actual, expected)
    if name == "remote":
        return remote_flag(actual) == expected
    if name in ("salary_min", "salary_max"):
        if actual is None or expected is None:
            return actual is None and expected is None
        return abs(float(actual) - float(expected)) < 0.01
    if name == "salary_interval":
        return (getattr(actual, "value", actual)) == expected
    if name == "employment_type":
        return employment_set(actual) == employment_set(expected)
    return actual == expected


def recall(found: list[PostingData], expected_jobs: list[dict[str, Any]]) -> float:
    """Share of the expected jobs whose title comes out (a title listed twice is needed
    twice)."""
    available: dict[str, int] = defaultdict(int)
    for posting in found:
        available[_folded(posting.title)] += 1
    hits = 0
    for job in expected_jobs:
        key = _folded(job["title"])
        if available[key] > 0:
            available[key] -= 1
            hits += 1
    return hits / len(expected_jobs) if expected_jobs else 1.0


# --- running extract ----------------------------------------------------------------------

@dataclass
class PageScore:
    file: str
    kind: str
    route: str
    score: float
    seconds: float
    misses: list[str] = field(default_factory=list)
    filled: int = 0  # fields the page fills (expected value not null)
    filled_right: int = 0


def title_route(posting: PostingData | None) -> str:
    """Where a page's title came from (its field source, else the posting's route)."""
    if posting is None:
        return NO_TITLE
    sources = getattr(posting, "field_sources", None) or {}
    source = sources.get("title")
    if source:
        return str(getattr(source, "value", source))
    return posting.route.value if posting.route else NO_TITLE


async def score_page(entry: dict[str, Any], corpus: Path, settings: Settings,
                     repeat: int) -> PageScore:
    path = corpus / "pages" / entry["file"]
    best = float("inf")
    postings: list[PostingData] = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = await extract_file(path, path.resolve().as_uri(), settings)
        postings = result.postings or result.stubs  # a listing gives its job cards
        best = min(best, time.perf_counter() - started)
    if entry["kind"] == "posting":
        first = postings[0] if postings else None
        misses = [name for name in POSTING_FIELDS if not field_right(name, first, entry)]
        shown = misses if first is not None else ["no posting"]
        score = 1 - len(misses) / len(POSTING_FIELDS)
        filled = [name for name in POSTING_FIELDS if entry["expected"][name] is not None]
        return PageScore(entry["file"], "posting", title_route(first), score, best, shown,
                         len(filled), sum(name not in misses for name in filled))
    jobs = entry["expected_jobs"]
    share = recall(postings, jobs)
    route = title_route(postings[0]) if postings else NO_TITLE
    missing = round((1 - share) * len(jobs))
    return PageScore(entry["file"], "listing", route, share, best,
                     [f"{missing} of {len(jobs)} jobs"] if missing else [])


async def score_corpus(corpus: Path, repeat: int) -> list[PageScore]:
    entries = json.loads((corpus / "expected.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as data_dir:
        settings = load_settings(data_dir=data_dir, model_extraction=False)
        return [await score_page(entry, corpus, settings, repeat) for entry in entries]


# --- the report ---------------------------------------------------------------------------

def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def summary(scores: list[PageScore]) -> dict[str, Any]:
    postings = [s for s in scores if s.kind == "posting"]
    listings = [s for s in scores if s.kind == "listing"]
    seconds = sum(s.seconds for s in scores)
    routes: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for s in scores:
        routes[s.route][s.kind].append(s.score)
    return {
        "field_accuracy": mean([s.score for s in postings]),
        "filled_field_accuracy": (sum(s.filled_right for s in postings)
                                  / max(1, sum(s.filled for s in postings))),
        "listing_recall": mean([s.score for s in listings]),
        "pages": len(scores),
        "pages_per_s": len(scores) / seconds if seconds else 0.0,
        "routes": {route: {kind: {"pages": len(v), "score": mean(v)} for kind, v in kinds.items()}
                   for route, kinds in sorted(routes.items())},
        "below_goal": [s.file for s in scores if s.score < GOAL],
    }


def print_report(scores: list[PageScore], corpus: Path) -> None:
    console = Console(width=140)
    pages = Table(title=f"jobscraper extract on {corpus} (no model)")
    for column in ("page", "kind", "route", "score", "ms", "wrong / missing"):
        pages.add_column(column, justify="right" if column in ("score", "ms") else "left")
    for s in scores:
        mark = "" if s.score >= GOAL else " <"
        pages.add_row(s.file, s.kind, s.route, f"{s.score:.2f}{mark}", f"{s.seconds * 1000:.0f}",
                      ", ".join(s.misses))
    console.print(pages)
    totals = summary(scores)
    by_route = Table(title="Per route (where the title came from)")
    for column in ("route", "postings", "field accuracy", "listings", "listing recall"):
        by_route.add_column(column, justify="left" if column == "route" else "right")
    for route, kinds in totals["routes"].items():
        posting, listing = kinds.get("posting"), kinds.get("listing")
        by_route.add_row(
            route,
            str(posting["pages"]) if posting else "0",
            f"{posting['score']:.2f}" if posting else "-",
            str(listing["pages"]) if listing else "0",
            f"{listing['score']:.2f}" if listing else "-",
        )
    console.print(by_route)
    verdict = {True: "meets", False: "below"}
    console.print(
        f"field accuracy {totals['field_accuracy']:.2f} "
        f"({verdict[totals['field_accuracy'] >= GOAL]} the goal of {GOAL}; "
        f"{totals['filled_field_accuracy']:.2f} over the fields the pages fill), "
        f"listing recall {totals['listing_recall']:.2f} "
        f"({verdict[totals['listing_recall'] >= GOAL]} the goal of {GOAL}), "
        f"{totals['pages_per_s']:.1f} pages/s over {totals['pages']} pages",
        highlight=False,
    )
    if totals["below_goal"]:
        console.print(f"below {GOAL}: {', '.join(totals['below_goal'])}", highlight=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help=f"folder with pages/ and expected.json (default {DEFAULT_CORPUS})")
    parser.add_argument("--repeat", type=int, default=1,
                        help="extract each page this many times; the fastest counts")
    parser.add_argument("--json", nargs="?", const="-", metavar="PATH",
                        help="merge the measured keys into PATH (make bench); "
                             "alone: print the whole summary as JSON")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        why = f"no corpus folder at {args.corpus} (pages/ and expected.json)"
        if args.json and args.json != "-":
            sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
            from bench.results import unavailable

            for key in ("extraction_field_accuracy", "listing_title_recall"):
                unavailable(args.json, key, why)
            print(why)
            return
        parser.error(why)
    scores = asyncio.run(score_corpus(args.corpus, max(1, args.repeat)))
    if args.json == "-":
        print(json.dumps(summary(scores), indent=2))
        return
    print_report(scores, args.corpus)
    if args.json:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
        from bench.results import record

        totals = summary(scores)
        record(args.json, extraction_field_accuracy=round(totals["field_accuracy"], 3),
               listing_title_recall=round(totals["listing_recall"], 3))


if __name__ == "__main__":
    main()
