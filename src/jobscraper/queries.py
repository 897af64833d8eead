"""What the dashboard asks of the store: posting filters, sorting, paging; daily figures.

A :class:`PostingQuery` is plain data (the dashboard keeps one in its state, the
CSV export reads one from a URL's query string) that turns itself into SQL
conditions and an ordering, so every list is filtered, sorted and paged by the
database, never in Python or in the browser.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, field_validator
from sqlalchemy import ColumnElement, or_

from jobscraper.models import JobPosting, Route


class PostingSort(StrEnum):
    NEWEST = "newest"  # first seen, latest first
    POSTED = "posted"  # posted date, latest first
    SALARY = "salary"  # annual salary, highest first
    TITLE = "title"
    COMPANY = "company"


#: Sorts whose natural direction is descending (the newest or highest first).
_DESCENDING = {PostingSort.NEWEST, PostingSort.POSTED, PostingSort.SALARY}

MAX_PAGE_SIZE = 200


class PostingQuery(BaseModel):
    """Filters, sort and page of the jobs list. Empty values filter nothing."""

    text: str = Field(default="", max_length=200, description="words in title or company")
    company: str = ""
    location: str = ""
    remote: str = Field(default="", description="remote, hybrid, on-site or empty")
    min_annual_salary: float | None = Field(default=None, ge=0)
    site: str = ""
    route: str = ""
    posted_since: date | None = None
    sort: PostingSort = PostingSort.NEWEST
    reverse: bool = False
    page: int = Field(default=1, ge=1)
    page_size: int = Field(default=25, ge=1, le=MAX_PAGE_SIZE)

    @field_validator("text", "company", "location", "remote", "site", "route", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else ("" if value is None else value)

    @field_validator("route")
    @classmethod
    def _known_route(cls, value: str) -> str:
        if value and value not in {r.value for r in Route}:
            raise ValueError(f"unknown route {value!r}")
        return value

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    def conditions(self) -> list[ColumnElement[bool]]:
        """The WHERE clauses of the filters that are set."""
        found: list[ColumnElement[bool]] = []
        if self.text:
            for word in self.text.lower().split():
                pattern = f"%{_escape_like(word)}%"
                found.append(
                    or_(
                        JobPosting.title.ilike(pattern, escape="\\"),
                        JobPosting.company.ilike(pattern, escape="\\"),
                    )
                )
        if self.company:
            found.append(JobPosting.company == self.company)
        if self.location:
            pattern = f"%{_escape_like(self.location.lower())}%"
            found.append(JobPosting.location.ilike(pattern, escape="\\"))
        if self.remote:
            found.append(JobPosting.remote == self.remote.lower())
        if self.min_annual_salary is not None:
            found.append(JobPosting.salary_annual >= self.min_annual_salary)
        if self.site:
            found.append(JobPosting.site == self.site)
        if self.route:
            found.append(JobPosting.route == self.route)
        if self.posted_since is not None:
            found.append(JobPosting.posted_date >= self.posted_since)
        return found

    def ordering(self) -> list[Any]:
        """ORDER BY: the chosen sort, missing values last, then the id (a stable order).

        Plain indexed columns (no expressions), so the database reads a page
        straight from the sort column's index. "Missing values last" is said only
        for the columns that can be missing: a NULLS LAST on a NOT NULL column
        changes no result but keeps PostgreSQL from reading its index backwards
        (it reads a b-tree backwards as DESC NULLS FIRST); the descending sorts of
        the nullable columns have indexes in exactly their order (``models.py``).
        """
        column = {
            PostingSort.NEWEST: JobPosting.first_seen_at,
            PostingSort.POSTED: JobPosting.posted_date,
            PostingSort.SALARY: JobPosting.salary_annual,
            PostingSort.TITLE: JobPosting.title,
            PostingSort.COMPANY: JobPosting.company,
        }[self.sort]
        descending = (self.sort in _DESCENDING) != self.reverse
        primary = column.desc() if descending else column.asc()
        tie = JobPosting.id.desc() if descending else JobPosting.id.asc()
        nullable = JobPosting.__table__.c[column.key].nullable  # type: ignore[attr-defined]
        return [primary.nulls_last() if nullable else primary, tie]


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass
class PostingPage:
    """One page of a posting query and the number of postings matching it in all."""

    rows: list[JobPosting]
    total: int
    page: int
    page_size: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass
class DailyCalls:
    """One day of extraction: pages by route and the money spent on models."""

    day: str
    pages_by_route: dict[str, int] = field(default_factory=dict)
    spend_usd: float = 0.0

    def add(self, route: str, pages: int, spend_usd: float) -> None:
        self.pages_by_route[route] = self.pages_by_route.get(route, 0) + pages
        self.spend_usd += spend_usd

    @property
    def pages(self) -> int:
        return sum(self.pages_by_route.values())

    @property
    def local_rate(self) -> float:
        """Share of the day's pages processed without the cloud."""
        cloud = self.pages_by_route.get(Route.CLOUD.value, 0)
        return (self.pages - cloud) / self.pages if self.pages else 0.0
