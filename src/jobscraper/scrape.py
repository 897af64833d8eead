"""The unified scraper: career pages and job-board queries in one run.

``await scrape(sources, settings)`` scrapes every source (at most
``max_concurrent_sources`` at once), stores the postings through
``Store.upsert_postings`` (once per canonical URL) and returns a
:class:`ScrapeResult` with one :class:`SourceOutcome` per source. One failing
source never stops the others. ``scrape_sync`` is the same for synchronous
callers (the CLI, an RQ worker).

Outcomes (``SourceOutcome.outcome``, a ``jobscraper.models.Outcome``):

=================== ============================================================
``ok``              postings found (maybe zero for a board query); ``reason``
                    notes partial problems (a board failed, pages need a model)
``blocked``         a bot challenge or rate-limit wall answered instead of the page
``failed``          unreachable, timed out, HTTP error, too large... (``reason``)
``needs_model``     pages without structured data and no model route configured
``needs_cloud``     prompts over the token threshold and no cloud endpoint
``extraction_failed`` the model route could not produce valid postings
``rejected``        not scraped at all: a disallowed address (``file:``, private
                    network, credentials), an empty query, or robots.txt
=================== ============================================================

For background runs the function takes:

* ``run_id``: stored with every posting;
* ``on_progress(event)``: a :class:`ScrapeProgress` at the start of the run,
  when each source starts and finishes, and at the end (sync or async
  callable; its exceptions are logged, never fatal);
* ``should_cancel()``: checked before each source starts and between posting
  pages; once true, sources not yet started are reported ``cancelled`` (not
  scraped) and ``ScrapeResult.cancelled`` is set;
* ``skip_sources``: source strings already done in an earlier attempt (a
  resumed run): they are not scraped again and do not appear in the result.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from jobscraper.config import Settings
from jobscraper.extract.base import ExtractionStatus, Extractor
from jobscraper.extract.pipeline import default_extractor, structured_recorder
from jobscraper.models import (
    Outcome,
    PostingData,
    ScrapeEvent,
    ScrapeProgress,
    SourceKind,
    SourceOutcome,
    utcnow,
)
from jobscraper.sources.detect import (
    BoardQuery,
    CareerPage,
    Source,
    detect_source,
    looks_like_url,
)
from jobscraper.sources.guard import SourceRejected
from jobscraper.sources.http import BlockedError, FetchError, RobotsDisallowed
from jobscraper.store import describe_store_error

log = logging.getLogger(__name__)


@dataclass
class ScrapeResult:
    """Everything a scrape did, per source, plus the postings it found."""

    run_id: str | None
    outcomes: list[SourceOutcome] = field(default_factory=list)
    postings: list[PostingData] = field(default_factory=list)
    started_at: datetime = field(default_factory=utcnow)
    finished_at: datetime | None = None
    cancelled: bool = False

    @property
    def new(self) -> int:
        return sum(o.new for o in self.outcomes)

    @property
    def updated(self) -> int:
        return sum(o.updated for o in self.outcomes)

    @property
    def found(self) -> int:
        return sum(o.postings for o in self.outcomes)

    def outcome_for(self, source: str) -> SourceOutcome:
        for outcome in self.outcomes:
            if outcome.source == source:
                return outcome
        raise KeyError(f"no source {source!r}; sources: {[o.source for o in self.outcomes]}")

    def by_outcome(self, outcome: Outcome | str) -> list[SourceOutcome]:
        return [o for o in self.outcomes if o.outcome == Outcome(outcome)]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary (``ScrapeRun.outcomes`` is ``["outcomes"]`` keyed by source)."""
        return {
            "run_id": self.run_id,
            "found": self.found,
            "new": self.new,
            "updated": self.updated,
            "cancelled": self.cancelled,
            "outcomes": {o.source: o.to_dict() for o in self.outcomes},
        }


ProgressCallback = Callable[[ScrapeProgress], Awaitable[None] | None]


async def _notify(callback: ProgressCallback | None, event: ScrapeProgress) -> None:
    if callback is None:
        return
    try:
        result = callback(event)
        if inspect.isawaitable(result):
            await result
    except Exception:  # progress reporting never breaks a scrape
        log.exception("progress callback failed")


def _model_outcome(statuses: Iterable[ExtractionStatus]) -> Outcome:
    statuses = list(statuses)
    for status, outcome in (
        (ExtractionStatus.NEEDS_CLOUD, Outcome.NEEDS_CLOUD),
        (ExtractionStatus.FAILED, Outcome.EXTRACTION_FAILED),
        (ExtractionStatus.NEEDS_MODEL, Outcome.NEEDS_MODEL),
    ):
        if status in statuses:
            return outcome
    return Outcome.OK


async def scrape(
    sources: Sequence[str | Source],
    settings: Settings,
    *,
    store: Any = None,
    extractor: Extractor | None = None,
    run_id: str | None = None,
    on_progress: ProgressCallback | None = None,
    should_cancel: Callable[[], bool] | None = None,
    skip_sources: Iterable[str] = (),
    board_options: dict[str, Any] | None = None,
) -> ScrapeResult:
    """Scrape ``sources``; see the module docstring. ``store=None`` stores nothing."""
    from jobscraper.sources.crawler import CareerCrawler

    skip = set(skip_sources)
    items = [s for s in sources if _label(s) not in skip]
    result = ScrapeResult(run_id=run_id)
    extractor = extractor if extractor is not None else default_extractor(settings, store)
    record_structured = structured_recorder(settings, store)
    structured_pages: dict[int, list[tuple[str, str | None]]] = {}

    def on_structured(url: str, page_run_id: str | None) -> None:
        # Written with the source's postings, off the event loop (see finish()).
        task = asyncio.current_task()
        structured_pages.setdefault(id(task), []).append((url, page_run_id))

    def save(postings: list[PostingData], pages: list[tuple[str, str | None]]) -> Any:
        if record_structured is not None and pages:
            record_structured(pages)
        return store.upsert_postings(postings, run_id) if postings else None
    semaphore = asyncio.Semaphore(settings.max_concurrent_sources)
    total = len(items)
    done = 0
    await _notify(on_progress, ScrapeProgress(ScrapeEvent.RUN_STARTED, run_id, total, 0))

    async def finish(outcome: SourceOutcome, postings: list[PostingData]) -> None:
        nonlocal done
        pages = structured_pages.pop(id(asyncio.current_task()), [])
        if store is not None and (postings or pages):
            try:
                saved = await asyncio.to_thread(save, postings, pages)
            except SQLAlchemyError as exc:  # a full disk, a database gone: this source fails
                log.warning("postings of %s not stored: %s", outcome.source, exc)
                saved = None
                outcome.outcome = Outcome.FAILED
                outcome.reason = (f"{len(postings)} posting(s) found but not stored: "
                                  f"{describe_store_error(exc)}")
            if saved is not None:
                outcome.new, outcome.updated, outcome.unchanged = (
                    saved.new, saved.updated, saved.unchanged)
        result.outcomes.append(outcome)
        result.postings.extend(postings)
        done += 1
        event = ScrapeProgress(
            ScrapeEvent.SOURCE_FINISHED, run_id, total, done, outcome.source, outcome,
            result.found, result.new, result.updated,
        )
        await _notify(on_progress, event)

    async with contextlib.AsyncExitStack() as stack:
        crawler = None
        if any(isinstance(s, CareerPage) or (isinstance(s, str) and looks_like_url(s))
               for s in items):
            crawler = await stack.enter_async_context(CareerCrawler(settings))

        async def run_one(item: str | Source) -> None:
            label = _label(item)
            async with semaphore:
                if should_cancel is not None and should_cancel():
                    result.cancelled = True
                    await finish(SourceOutcome(label, _kind(item), Outcome.CANCELLED,
                                               "the run was cancelled before this source"), [])
                    return
                await _notify(on_progress, ScrapeProgress(ScrapeEvent.SOURCE_STARTED, run_id, total,
                                                          done, label))
                started = time.perf_counter()
                outcome, postings = await _scrape_source(
                    item, settings, crawler, extractor, run_id, should_cancel,
                    board_options or {}, on_structured if record_structured else None,
                )
                outcome.duration_s = time.perf_counter() - started
                outcome.postings = len(postings)
                outcome.routes = dict(Counter(
                    p.route.value if p.route else "unknown" for p in postings))
            await finish(outcome, postings)

        await asyncio.gather(*(run_one(item) for item in items))

    order = {_label(s): i for i, s in enumerate(items)}
    result.outcomes.sort(key=lambda o: order.get(o.source, len(order)))
    result.finished_at = utcnow()
    await _notify(on_progress, ScrapeProgress(
        ScrapeEvent.RUN_FINISHED, run_id, total, done, None, None,
        result.found, result.new, result.updated,
    ))
    return result


def _label(item: str | Source) -> str:
    return item if isinstance(item, str) else item.label


def _kind(item: str | Source) -> str:
    if isinstance(item, CareerPage | BoardQuery):
        return item.kind.value
    return SourceKind.CAREER_PAGE.value if looks_like_url(item) else SourceKind.JOB_BOARD.value


async def _scrape_source(
    item: str | Source,
    settings: Settings,
    crawler: Any,
    extractor: Extractor,
    run_id: str | None,
    should_cancel: Callable[[], bool] | None,
    board_options: dict[str, Any],
    on_structured: Callable[[str, str | None], None] | None = None,
) -> tuple[SourceOutcome, list[PostingData]]:
    """One source, any kind; never raises (except cancellation of the task itself)."""
    from jobscraper.sources.career_pages import scrape_career_page
    from jobscraper.sources.job_boards import scrape_board_query

    label = _label(item)
    try:
        source = item if not isinstance(item, str) else detect_source(item, **board_options)
    except SourceRejected as exc:
        return SourceOutcome(label, _kind(item), Outcome.REJECTED, str(exc)), []
    kind = source.kind.value
    try:
        if isinstance(source, CareerPage):
            page = await scrape_career_page(source.url, crawler, extractor, run_id=run_id,
                                            should_cancel=should_cancel,
                                            on_structured=on_structured)
            outcome = SourceOutcome(label, kind, Outcome.OK, pages_fetched=page.pages_fetched,
                                    pages_to_model=page.pages_to_model, rendered=page.rendered,
                                    feed=page.via)
            notes = []
            unread = sum(1 for s in page.statuses if s != ExtractionStatus.OK)
            if not page.postings and (page.pages_to_model or unread):
                outcome.outcome = _model_outcome(page.statuses)
                reasons = page.model_reasons or page.errors
                outcome.reason = (
                    f"{max(page.pages_to_model, unread)} page(s) without structured data: "
                    + (reasons[0] if reasons else outcome.outcome.value.replace("_", " "))
                )
            else:
                if page.pages_to_model:
                    waiting = sum(1 for s in page.statuses if s != ExtractionStatus.OK)
                    if waiting:
                        notes.append(f"{waiting} page(s) need the model route "
                                     f"({_model_outcome(page.statuses).value})")
                if page.errors:
                    notes.append(f"{len(page.errors)} posting page(s) skipped: {page.errors[0]}")
                if page.feed_problem:
                    notes.append(f"read from the pages: {page.feed_problem}")
                outcome.reason = "; ".join(notes) or None
            return outcome, page.postings
        board = await scrape_board_query(source, settings)
        outcome = SourceOutcome(label, kind, Outcome.OK, sites=dict(board.per_site))
        problems = [*board.blocked.values(), *board.errors.values()]
        if not board.per_site:  # every board failed
            outcome.outcome = Outcome.BLOCKED if board.blocked and not board.errors \
                else Outcome.FAILED
            outcome.reason = "; ".join(problems) or "no board answered"
        elif problems:
            outcome.reason = "; ".join(problems)
        return outcome, board.postings
    except (RobotsDisallowed, SourceRejected) as exc:
        return SourceOutcome(label, kind, Outcome.REJECTED, str(exc)), []
    except BlockedError as exc:
        return SourceOutcome(label, kind, Outcome.BLOCKED, f"blocked: {exc}"), []
    except FetchError as exc:
        return SourceOutcome(label, kind, Outcome.FAILED, str(exc)), []
    except Exception as exc:  # one broken source never stops the others
        log.exception("source %s failed", label)
        return SourceOutcome(label, kind, Outcome.FAILED,
                             f"unexpected error: {type(exc).__name__}: {exc}"), []


def scrape_sync(sources: Sequence[str | Source], settings: Settings, **kwargs: Any) -> \
        ScrapeResult:
    """:func:`scrape` for synchronous callers (CLI, RQ worker); not from a running loop."""
    return asyncio.run(scrape(sources, settings, **kwargs))
