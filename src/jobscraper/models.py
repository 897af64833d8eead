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
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import JSON, Column, Text, UniqueConstraint
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

    STRUCTURED = "structured"  # schema.org data on the page: no model
    BOARD = "board"  # a job board's own API fields: no model
    LOCAL = "local"
    CLOUD = "cloud"


class RunStatus(StrEnum):
    QUEUED = "queued"
    STARTED = "started"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        return self in {RunStatus.COMPLETED, RunStatus.FAILED, RunStatus.CANCELLED}


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
    """A career page URL or a job-board query that a user added."""

    __tablename__ = "sources"
    __table_args__ = (UniqueConstraint("value", name="uq_sources_value"),)

    id: int | None = SQLField(default=None, primary_key=True)
    kind: str = SQLField(index=True)
    value: str = SQLField(sa_column_kwargs={"nullable": False})
    created_at: datetime = SQLField(default_factory=utcnow)


class JobPosting(SQLModel, table=True):
    """A stored posting: one row per canonical URL."""

    __tablename__ = "job_postings"

    id: int | None = SQLField(default=None, primary_key=True)
    canonical_url: str = SQLField(unique=True, index=True)
    url: str
    title: str
    company: str | None = None
    location: str | None = None
    remote: str | None = None
    employment_type: str | None = None
    salary_min: float | None = None
    salary_max: float | None = None
    salary_currency: str | None = None
    salary_interval: str | None = None
    salary_annual_min: float | None = None
    salary_annual_max: float | None = None
    description: str | None = SQLField(default=None, sa_column=Column(Text))
    skills: list[str] = SQLField(default_factory=list, sa_column=Column(JSON))
    site: str | None = None
    posted_date: date | None = None
    route: str | None = None
    content_hash: str
    run_id: str | None = SQLField(default=None, index=True)
    first_seen_at: datetime = SQLField(default_factory=utcnow)
    scraped_at: datetime = SQLField(default_factory=utcnow)
    updated_at: datetime = SQLField(default_factory=utcnow)

    def to_data(self) -> PostingData:
        return PostingData.model_validate(
            {name: getattr(self, name) for name in PostingData.model_fields}
        )


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
    # source -> {"outcome": ok|blocked|failed|needs_model|..., "reason": str, "postings": int}
    outcomes: dict[str, Any] = SQLField(default_factory=dict, sa_column=Column(JSON))
    # Job-board options given at start (sites, results wanted, ...): kept with the run so a
    # run re-queued after Redis lost its job scrapes the same way.
    board_options: dict[str, Any] = SQLField(default_factory=dict, sa_column=Column(JSON))
    # Set by a cancel request: the durable twin of the Redis flag, so a cancel made just
    # before a Redis restart is not lost.
    cancel_requested_at: datetime | None = None
    error: str | None = SQLField(default=None, sa_column=Column(Text))
    created_at: datetime = SQLField(default_factory=utcnow)
    started_at: datetime | None = None
    finished_at: datetime | None = None


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
