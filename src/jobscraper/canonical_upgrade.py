"""Stored postings brought to today's canonical form when a database is opened.

A posting's identity is its canonical address (:func:`jobscraper.urls.canonicalize_url`),
stored in ``job_postings.canonical_url``. Since an ``http://`` and an ``https://``
link name one posting, the canonical form says https; rows an earlier version
stored under ``http://`` would no longer match that posting seen again, and it
would be stored twice. So every open rewrites them: a row alone takes its https
address; where both rows exist they become one (the content most recently
scraped, the earliest ``first_seen_at``). Once done, each open costs one query
that finds nothing.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.exc import DBAPIError

from jobscraper.models import JobPosting
from jobscraper.urls import canonicalize_url

log = logging.getLogger(__name__)

OUTDATED_PREFIX = "http://"


def adopt_canonical_form(engine: Engine) -> int:
    """Rewrite stored canonical addresses of an earlier form; returns the rows changed.

    Each row is its own transaction. Another process opening the same database at
    the same moment may do a row first; the loser skips it (logged) and the next
    open finds nothing left to do.
    """
    table = JobPosting.__table__
    columns = (table.c.id, table.c.canonical_url, table.c.first_seen_at, table.c.scraped_at)
    with engine.connect() as conn:
        rows = conn.execute(
            select(*columns).where(table.c.canonical_url.startswith(OUTDATED_PREFIX))
        ).all()
    changed = 0
    for row in rows:
        current = canonicalize_url(row.canonical_url)
        if current == row.canonical_url:
            continue
        try:
            with engine.begin() as conn:
                _adopt(conn, row, current)
            changed += 1
        except DBAPIError as exc:  # a concurrent open got there first
            log.info("canonical address of posting %s left for later: %s", row.id, exc)
    return changed


def _adopt(conn: Any, row: Any, current: str) -> None:
    """Give ``row`` the address ``current``, merging it with a row already there."""
    table = JobPosting.__table__
    twin = conn.execute(
        select(table.c.id, table.c.first_seen_at, table.c.scraped_at)
        .where(table.c.canonical_url == current)
    ).first()
    if twin is None:
        conn.execute(
            update(table)
            .where(table.c.id == row.id, table.c.canonical_url == row.canonical_url)
            .values(canonical_url=current)
        )
        return
    keep, drop = (row, twin) if _later(row.scraped_at, twin.scraped_at) else (twin, row)
    first_seen = min(row.first_seen_at, twin.first_seen_at)
    conn.execute(delete(table).where(table.c.id == drop.id))
    conn.execute(
        update(table)
        .where(table.c.id == keep.id)
        .values(canonical_url=current, first_seen_at=first_seen)
    )


def _later(one: datetime | None, other: datetime | None) -> bool:
    if one is None or other is None:
        return other is None and one is not None
    return one > other
