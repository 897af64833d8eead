"""Tables and value types.

``PostingData`` is what extraction produces (a plain pydantic value, no
database identity); ``JobPosting`` is the stored row. Keeping them apart lets
extraction, the CLI's ``extract`` command and the LLM schema share one shape
without touching the database.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel

from jobscraper.urls import canonicalize_url


def utcnow() -> datetime:
    return datetime.now(UTC)


class SourceKind(StrEnum):
    CAREER_PAGE = "career_page"
    JOB_BOARD = "job_board"


class Route(StrEnum):
    """How a posting was extracted."""

    # Read exactly, no model: schema.org data, a hiring platform's feed or page structure,
    # the page's text (each field's own source is in ``PostingData.field_sources``).
    STRUCTURED = "structured"
    BOARD = "board"  # a job board's own API fields: no model
    LOCAL = "local"
    CLOUD = "cloud"


class FieldSource(StrEnum):
    """Where one field of a posting came from (``PostingData.field_sources``)."""

    # schema.org JSON-LD, microdata or RDFa, OpenGraph, or the data an app shell embeds
    # for its own frontend (``window.__appData``, ``__NEXT_DATA__``)
    STRUCTURED = "structured"
    PLATFORM = "platform"  # a hiring platform's public feed or its page structure
    TEXT = "text"  # the posting's visible text, read by the normalisers
    MODEL = "model"  # a language model's answer


class RunStatus(StrEnum):
    QUEUED = "queued"
    STARTED = "started"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        return self in {RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.CANCELLED}


class Outcome(StrEnum):
    """How one source of a scrape ended (the vocabulary of runs, CLI, dashboard, steps)."""

    OK = "ok"  # postings found (maybe zero for a board query)
    BLOCKED = "blocked"  # a bot challenge or rate-limit wall answered instead of the page
    FAILED = "failed"  # unreachable, timed out, HTTP error, too large...
    NEEDS_MODEL = "needs_model"  # pages without structured data and no model route
    NEEDS_CLOUD = "needs_cloud"  # prompts over the token threshold and no cloud endpoint
    EXTRACTION_FAILED = "extraction_failed"  # the model route gave no valid postings
    REJECTED = "rejected"  # not scraped at all: disallowed address, empty query, robots.txt
    CANCELLED = "cancelled"  # the run was cancelled before this source started

    @property
    def succeeded(self) -> bool:
        """The source gave what it had (a run with one such source completes)."""
        return self is Outcome.OK


@dataclass
class SourceOutcome:
    """How one source went: the record a run keeps per source (``ScrapeRun.outcomes``)."""

    source: str
    kind: str
    outcome: Outcome
    reason: str | None = None
    postings: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duration_s: float = 0.0
    pages_fetched: int = 0
    pages_to_model: int = 0
    sites: dict[str, int] = field(default_factory=dict)
    # postings by extraction route (structured, board, local, cloud)
    routes: dict[str, int] = field(default_factory=dict)
    rendered: bool = False
    # the hiring platform whose public feed gave the postings (no page read one by one)
    feed: str | None = None

    @property
    def ok(self) -> bool:
        return self.outcome.succeeded

    @property
    def cloud_postings(self) -> int:
        """Postings the cloud model extracted (the rest were processed locally)."""
        return int(self.routes.get(Route.CLOUD.value, 0) or 0)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, the shape of ``ScrapeRun.outcomes[source]``."""
        data = asdict(self)
        data["outcome"] = self.outcome.value
        data["duration_s"] = round(self.duration_s, 3)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str | None = None) -> SourceOutcome:
        """The outcome a run row recorded; keys this version does not know are ignored
        (rows written by a newer version stay readable)."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["source"] = data.get("source") or source or ""
        values.setdefault("kind", "")
        values["outcome"] = Outcome(data["outcome"])
        return cls(**values)


class ScrapeEvent(StrEnum):
    """What a :class:`ScrapeProgress` event announces."""

    RUN_STARTED = "run_started"
    SOURCE_STARTED = "source_started"
    SOURCE_FINISHED = "source_finished"
    RUN_FINISHED = "run_finished"


@dataclass
class ScrapeProgress:
    """One progress event; ``outcome`` is set for ``SOURCE_FINISHED``."""

    kind: ScrapeEvent
    run_id: str | None
    total: int
    done: int
    source: str | None = None
    outcome: SourceOutcome | None = None
    postings_found: int = 0
    postings_new: int = 0
    postings_updated: int = 0


class SalaryInterval(StrEnum):
    YEAR = "year"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"
    HOUR = "hour"


# What a reader of a posting sees: the fields whose change means "the posting was edited",
# and the fields a model is asked to extract (all but the posted date).
EXTRACTED_FIELDS: tuple[str, ...] = (
    "title",
    "company",
    "location",
    "remote",
    "employment_type",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_interval",
    "description",
    "skills",
)
CONTENT_FIELDS: tuple[str, ...] = (*EXTRACTED_FIELDS, "posted_date")


class PostingData(BaseModel):
    """One extracted job posting, before storage. Field names are the CLI's JSON keys."""

    title: str = Field(min_length=1, max_length=300)
    company: str | None = None
    location: str | None = None
    remote: str | None = Field(default=None, description="remote, hybrid or on-site")
    employment_type: str | None = None
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str | None = None
    salary_interval: SalaryInterval | None = None
    description: str | None = None
    skills: list[str] = Field(default_factory=list)
    url: str = Field(min_length=1)
    site: str | None = None
    posted_date: date | None = None
    route: Route | None = None
    # Set by the model route: the recorded call that produced the posting (provenance).
    model_call_id: int | None = None
    # field name -> where its value came from; fields without a value are not listed.
    field_sources: dict[str, FieldSource] = Field(default_factory=dict)

    @field_validator("field_sources", mode="before")
    @classmethod
    def _no_sources_recorded(cls, value: Any) -> Any:
        return {} if value is None else value

    @field_validator("salary_min", "salary_max")
    @classmethod
    def _salary_can_be_true(cls, value: float | None) -> float | None:
        """A negative, zero or infinite amount, from any route, states no salary."""
        from jobscraper.extract.normalize import plausible_amount

        return plausible_amount(value)

    @field_validator("salary_currency")
    @classmethod
    def _currency_is_a_currency(cls, value: str | None) -> str | None:
        """An ISO 4217 code ("€" -> "EUR"); a made-up currency is no currency."""
        from jobscraper.extract.normalize import normalize_currency

        return normalize_currency(value)

    @field_validator("posted_date")
    @classmethod
    def _posted_date_can_be_true(cls, value: date | None) -> date | None:
        """A date in the future (or before 1990) is not when the posting was posted."""
        from jobscraper.extract.normalize import plausible_posted_date

        return plausible_posted_date(value)

    @field_validator("title")
    @classmethod
    def _title_not_blank(cls, value: str) -> str:
        value = value.strip()
        if not value:
            raise ValueError("title is empty")
        return value

    @property
    def canonical_url(self) -> str:
        return canonicalize_url(self.url)

    def content_hash(self) -> str:
        """Hash of what a reader sees; a change means the posting was edited."""
        content = self.model_dump(mode="json", include=set(CONTENT_FIELDS))
        return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


class Source(SQLModel, table=True):
    """A career page URL or a job-board search that a user saved (the dashboard's list).

    ``value`` is what a run scrapes: the address, or the search as typed
    ("python developer in Berlin"); a search keeps its board options
    (sites, results wanted, remote only) in ``options``. A disabled source
    stays saved but is left out of "scrape the enabled sources".
    """

    __tablename__ = "sources"
    __table_args__ = (UniqueConstraint("value", name="uq_sources_value"),)

    id: int | None = SQLField(default=None, primary_key=True)
    kind: str = SQLField(index=True)
    value: str = SQLField(sa_column_kwargs={"nullable": False})
    enabled: bool = SQLField(default=True, sa_column_kwargs={"server_default": "1"})
    options: dict[str, Any] = SQLField(
        default_factory=dict, sa_column=Column(JSON, server_default="{}")
    )
    created_at: datetime = SQLField(default_factory=utcnow)


class JobPosting(SQLModel, table=True):
    """A stored posting: one row per canonical URL."""

    __tablename__ = "job_postings"
    # One covering index over every column the dashboard filters by: SQLite counts the
    # matches of any filter combination from the index alone, without reading the wide rows
    # (descriptions). The sort columns have their own indexes.
    __table_args__ = (
        Index(
            "ix_job_postings_filters",
            "salary_annual", "location", "remote", "site", "route", "company", "posted_date",
            "title",
        ),
    )

    id: int | None = SQLField(default=None, primary_key=True)
    canonical_url: str = SQLField(unique=True, index=True)
    url: str
    title: str = SQLField(index=True)
    company: str | None = SQLField(default=None, index=True)
    location: str | None = None
    remote: str | None = None
    employment_type: str | None = None
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str | None = None
    salary_interval: str | None = None
    salary_annual_min: float | None = None
    salary_annual_max: float | None = None
    # The best of the two (the maximum, else the minimum): what "minimum annual salary"
    # filters and "highest paid first" sorts by.
    salary_annual: float | None = SQLField(default=None, index=True)
    description: str | None = SQLField(default=None, sa_column=Column(Text))
    skills: list[str] = SQLField(default_factory=list, sa_column=Column(JSON))
    site: str | None = None
    posted_date: date | None = SQLField(default=None, index=True)
    route: str | None = None
    # The model call that extracted it (model routes only): the dashboard's provenance.
    model_call_id: int | None = None
    # field name -> FieldSource value (null for postings stored before sources were kept)
    field_sources: dict[str, str] | None = SQLField(
        default=None, sa_column=Column(JSON, nullable=True)
    )
    content_hash: str
    run_id: str | None = SQLField(default=None, index=True)
    first_seen_at: datetime = SQLField(default_factory=utcnow, index=True)
    scraped_at: datetime = SQLField(default_factory=utcnow)
    updated_at: datetime = SQLField(default_factory=utcnow)

    def to_data(self) -> PostingData:
        return PostingData.model_validate(
            {name: getattr(self, name) for name in PostingData.model_fields}
        )


# The dashboard's descending sorts put missing values last and break ties by the newest id
# (``PostingQuery.ordering``). SQLite orders NULLs last when descending and ends every index
# with the rowid, so its single-column indexes already are that order. PostgreSQL reads a
# b-tree backwards as "DESC NULLS FIRST": without an index in exactly this order it reads
# and sorts the whole table for the first page (130 ms at 100,000 postings, not 1 ms).
_postings = JobPosting.__table__  # type: ignore[attr-defined]
for _sort, _column in (("salary", "salary_annual"), ("posted", "posted_date")):
    Index(
        f"ix_job_postings_{_sort}_order", _postings.c[_column].desc().nulls_last(),
        _postings.c.id.desc(),
    ).ddl_if(dialect="postgresql")


class ScrapeRun(SQLModel, table=True):
    """One scrape over a list of sources, foreground or background."""

    __tablename__ = "scrape_runs"

    id: str = SQLField(default_factory=lambda: uuid.uuid4().hex, primary_key=True)
    status: str = SQLField(default=RunStatus.QUEUED.value, index=True)
    sources: list[str] = SQLField(default_factory=list, sa_column=Column(JSON))
    sources_total: int = 0
    sources_done: int = 0
    postings_found: int = 0
    postings_new: int = 0
    postings_updated: int = 0
    # source -> SourceOutcome.to_dict() (read back with source_outcomes())
    outcomes: dict[str, Any] = SQLField(default_factory=dict, sa_column=Column(JSON))
    # Job-board options given at start (sites, results wanted, ...): kept with the run so a
    # run re-queued after Redis lost its job scrapes the same way.
    board_options: dict[str, Any] = SQLField(default_factory=dict, sa_column=Column(JSON))
    # Options of single job-board searches (saved searches keep their own boards, results
    # wanted, remote only): source -> options, applied over board_options.
    source_options: dict[str, Any] = SQLField(
        default_factory=dict, sa_column=Column(JSON, server_default="{}")
    )
    # Set by a cancel request: the durable twin of the Redis flag, so a cancel made just
    # before a Redis restart is not lost.
    cancel_requested_at: datetime | None = None
    error: str | None = SQLField(default=None, sa_column=Column(Text))
    created_at: datetime = SQLField(default_factory=utcnow)
    started_at: datetime | None = None
    finished_at: datetime | None = None

    def source_outcomes(self) -> dict[str, SourceOutcome]:
        """The recorded outcomes, typed, by source (in the order they were recorded)."""
        return {
            source: SourceOutcome.from_dict(data, source)
            for source, data in (self.outcomes or {}).items()
            if isinstance(data, Mapping) and data.get("outcome")
        }


class ModelCall(SQLModel, table=True):
    """One routing decision and, unless structured, the model call it led to."""

    __tablename__ = "model_calls"

    id: int | None = SQLField(default=None, primary_key=True)
    run_id: str | None = SQLField(default=None, index=True)
    page_url: str | None = None
    route: str = SQLField(index=True)
    tier: str | None = None
    model: str | None = None
    endpoint: str | None = None
    tokens_raw: int | None = None
    tokens_pruned: int | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    threshold: int | None = None
    reason: str | None = None
    latency_ms: float = 0.0
    load_ms: float | None = None
    cost_usd: float = 0.0
    success: bool = True
    fallback_from: str | None = None
    error: str | None = SQLField(default=None, sa_column=Column(Text))
    created_at: datetime = SQLField(default_factory=utcnow)
