"""Persistence: postings stored once, runs, model calls.

``upsert_postings`` is safe under concurrent writers (several RQ workers, or
threads of one): each posting is one atomic ``INSERT ... ON CONFLICT`` on the
canonical URL, so two writers racing on the same posting cannot create two
rows, and the update only fires when the content hash changed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import bindparam, event, func, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError, ProgrammingError
from sqlmodel import Session, SQLModel, create_engine

from jobscraper.canonical_upgrade import adopt_canonical_form
from jobscraper.config import Settings
from jobscraper.extract.normalize import annualise
from jobscraper.models import JobPosting, ModelCall, PostingData, ScrapeRun, Source, utcnow
from jobscraper.queries import DailyCalls, PostingPage, PostingQuery

log = logging.getLogger(__name__)


@dataclass
class UpsertResult:
    """What an upsert did: counts plus the canonical URLs touched, in order."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0
    canonical_urls: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.new + self.updated + self.unchanged

    def __iadd__(self, other: UpsertResult) -> UpsertResult:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.canonical_urls.extend(other.canonical_urls)
        return self


def _driver_message(exc: BaseException) -> str:
    """The first line of the database driver's own message ("" when it says nothing):
    SQLAlchemy's wraps it with the statement and parameters, which a user never needs."""
    original = getattr(exc, "orig", None) or exc
    lines = str(original).strip().splitlines()
    return lines[0] if lines else ""


def describe_store_error(exc: BaseException) -> str:
    """A database failure in words a user can act on (never the SQL statement)."""
    original = getattr(exc, "orig", None) or exc
    text = _driver_message(exc)
    lowered = text.lower()
    if "disk is full" in lowered or "no space left" in lowered or "file too large" in lowered:
        return f"the disk under the database is full ({text})"
    if "readonly" in lowered or "read-only" in lowered:
        return f"the database is read-only ({text})"
    if "locked" in lowered:
        return f"the database is busy ({text})"
    if isinstance(exc, OperationalError):
        return f"the database could not be written ({text or type(original).__name__})"
    return f"{type(original).__name__}: {text}"


def make_engine(url: str) -> Engine:
    """An engine tuned for many small concurrent writes."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True)


def create_schema(engine: Engine, attempts: int = 5) -> None:
    """Create missing tables; tolerate another process creating them at the same moment.

    Two workers starting on a new database both see "no table" and both issue
    CREATE TABLE; the loser gets "already exists", and a second pass finds
    everything in place.
    """
    for attempt in range(attempts):
        try:
            SQLModel.metadata.create_all(engine)
            upgrade_schema(engine)
            adopt_canonical_form(engine)  # rows stored under an earlier canonical form
            return
        except (OperationalError, ProgrammingError, IntegrityError) as exc:
            if "already exists" not in str(exc) and "duplicate" not in str(exc).lower():
                raise
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def upgrade_schema(engine: Engine) -> None:
    """Add the columns and indexes a newer jobscraper expects to tables that already exist.

    ``create_all`` creates missing tables only; a database written by an
    earlier version keeps working because every column added since is
    nullable or has a server default. Removals and type changes would need
    real migrations (Alembic), which the schema has not needed yet. On
    PostgreSQL the trigram indexes of the substring filters come last
    (``add_trigram_indexes``: only where pg_trgm can be had).
    """
    from sqlalchemy import inspect
    from sqlalchemy.schema import CreateIndex

    inspector = inspect(engine)
    preparer = engine.dialect.identifier_preparer
    with engine.begin() as conn:
        for table in SQLModel.metadata.sorted_tables:
            existing = {c["name"] for c in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name in existing:
                    continue
                ddl = (
                    f"ALTER TABLE {preparer.quote(table.name)} ADD COLUMN "
                    f"{preparer.quote(column.name)} {column.type.compile(dialect=engine.dialect)}"
                )
                if column.server_default is not None:
                    ddl += f" DEFAULT '{column.server_default.arg}'"  # type: ignore[attr-defined]
                conn.execute(text(ddl))
            indexes = {i["name"] for i in inspector.get_indexes(table.name)}
            for index in table.indexes:
                create = CreateIndex(index, if_not_exists=True)
                # as create_all does: skip an index of another database (Index.ddl_if)
                if index.name not in indexes and create._should_execute(index, conn):
                    conn.execute(create)
    if engine.dialect.name == "postgresql":
        add_trigram_indexes(engine, {i["name"] for i in inspector.get_indexes("job_postings")})


#: The columns the dashboard filters by substring (``ILIKE '%word%'``, which no b-tree can
#: answer): on PostgreSQL each has a pg_trgm GIN index when the extension can be had.
TRIGRAM_COLUMNS = ("title", "company", "location")
_TRGM_SCHEMA = text(
    "SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace"
    " WHERE e.extname = 'pg_trgm'"
)


def trigram_schema(engine: Engine) -> str | None:
    """The schema of PostgreSQL's pg_trgm, created when missing; None when it cannot be.

    ``CREATE EXTENSION`` needs the extension on the server and the right to create it
    (pg_trgm is trusted: the CREATE privilege on the database). Without it the substring
    filters give the same answers, by reading every row.
    """
    with engine.connect() as conn:
        schema = conn.scalar(_TRGM_SCHEMA)
    if schema is None:
        try:
            with engine.begin() as conn:
                conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        except DBAPIError as exc:  # not installed, not allowed, or created at this moment
            log.warning("pg_trgm unavailable, substring filters read every posting: %s",
                        _driver_message(exc))
        with engine.connect() as conn:
            schema = conn.scalar(_TRGM_SCHEMA)
    return schema


def add_trigram_indexes(engine: Engine, existing: set[str]) -> bool:
    """PostgreSQL: a trigram GIN index on each of ``TRIGRAM_COLUMNS`` (named
    ``ix_job_postings_<column>_trgm``) that ``existing`` lacks; False without pg_trgm.

    The operator class is named with its schema, so a connection whose ``search_path``
    lacks the extension's schema still creates (and its queries still use) the index.
    """
    missing = [c for c in TRIGRAM_COLUMNS if f"ix_job_postings_{c}_trgm" not in existing]
    if not missing:
        return True
    schema = trigram_schema(engine)
    if schema is None:
        return False
    quote = engine.dialect.identifier_preparer.quote
    for column in missing:
        try:
            with engine.begin() as conn:
                conn.execute(text(
                    f"CREATE INDEX IF NOT EXISTS ix_job_postings_{column}_trgm ON job_postings"
                    f" USING gin ({quote(column)} {quote(schema)}.gin_trgm_ops)"
                ))
        except DBAPIError as exc:
            # Two processes opening a new database at once: IF NOT EXISTS is not atomic
            # (the loser sees a duplicate in pg_class). The index is there either way;
            # anything else only costs speed, never an answer.
            log.warning("trigram index on %s not created: %s", column, _driver_message(exc))
    return True


class Store:
    """All database access goes through here."""

    def __init__(self, settings: Settings, engine: Engine | None = None) -> None:
        self.settings = settings
        if engine is None:
            if not settings.database_url:
                settings.ensure_dirs()
            engine = make_engine(settings.effective_database_url)
        self.engine = engine
        create_schema(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()

    # --- postings -------------------------------------------------------------
    def _insert(self) -> Any:
        return pg_insert if self.engine.dialect.name == "postgresql" else sqlite_insert

    def upsert_postings(
        self, postings: Iterable[PostingData], run_id: str | None = None
    ) -> UpsertResult:
        """Store each posting once by canonical URL; update it when its content changed.

        A batch takes a few statements, not two per posting (one round trip each on
        PostgreSQL): one multi-row ``INSERT ... ON CONFLICT DO NOTHING`` that returns what
        it inserted, one read of the others' content hashes, an update of each changed
        posting, and one "seen again" update for the unchanged ones. A canonical URL met
        twice in a batch is stored once and updated by its later copy.
        """
        result = UpsertResult()
        rows = [posting_row(posting, run_id) for posting in postings]
        if not rows:
            return result
        table = JobPosting.__table__
        firsts: dict[str, dict[str, Any]] = {}
        for values in rows:
            firsts.setdefault(values["canonical_url"], values)
        with self.engine.begin() as conn:
            inserted = conn.execute(
                self._insert()(table)
                .on_conflict_do_nothing(index_elements=["canonical_url"])
                .returning(table.c.canonical_url),
                list(firsts.values()),
            ).scalars()
            new_rows = {id(firsts[canonical]) for canonical in inserted}  # the copies stored
            rest = [v for v in rows if id(v) not in new_rows]
            stored = dict(conn.execute(
                select(table.c.canonical_url, table.c.content_hash)
                .where(table.c.canonical_url.in_({v["canonical_url"] for v in rest}))
            ).all()) if rest else {}
            seen: list[dict[str, Any]] = []
            for values in rows:
                canonical = values["canonical_url"]
                result.canonical_urls.append(canonical)
                if id(values) in new_rows:
                    result.new += 1
                elif stored.get(canonical) != values["content_hash"] and \
                        self._update_changed(conn, values):
                    stored[canonical] = values["content_hash"]
                    result.updated += 1
                else:
                    seen.append({"key": canonical, "seen_at": values["scraped_at"]})
                    result.unchanged += 1
            if seen:
                again: dict[str, Any] = {"scraped_at": bindparam("seen_at")}
                if run_id is not None:
                    again["run_id"] = run_id  # the run that last saw it
                conn.execute(
                    update(table).where(table.c.canonical_url == bindparam("key")).values(again),
                    seen,
                )
        return result

    @staticmethod
    def _update_changed(conn: Any, values: dict[str, Any]) -> bool:
        """Update a stored posting whose content changed; False when it had not."""
        table = JobPosting.__table__
        changes = {k: v for k, v in values.items() if k not in {"canonical_url", "first_seen_at"}}
        changes["updated_at"] = utcnow()
        updated = conn.execute(
            update(table)
            .where(table.c.canonical_url == values["canonical_url"])
            .where(table.c.content_hash != values["content_hash"])
            .values(**changes)
        )
        return updated.rowcount == 1

    def postings(self, **filters: Any) -> list[JobPosting]:
        with self.session() as session:
            query = select(JobPosting)
            for name, value in filters.items():
                query = query.where(getattr(JobPosting, name) == value)
            return list(session.scalars(query.order_by(JobPosting.id)))

    def posting_by_url(self, url: str) -> JobPosting | None:
        from jobscraper.urls import canonicalize_url

        with self.session() as session:
            return session.scalars(
                select(JobPosting).where(JobPosting.canonical_url == canonicalize_url(url))
            ).first()

    def count_postings(self) -> int:
        with self.session() as session:
            return int(session.scalar(select(func.count()).select_from(JobPosting)) or 0)

    def search_postings(self, query: PostingQuery) -> PostingPage:
        """One page of the postings matching ``query``, and how many match in all.

        Filtering, sorting and paging happen in SQL (indexed columns), so the
        dashboard stays fast however many postings are stored.
        """
        with self.session() as session:
            conditions = query.conditions()
            total = session.scalar(
                select(func.count()).select_from(JobPosting).where(*conditions)
            )
            rows = session.scalars(
                select(JobPosting)
                .where(*conditions)
                .order_by(*query.ordering())
                .offset(query.offset)
                .limit(query.page_size)
            )
            return PostingPage(list(rows), int(total or 0), query.page, query.page_size)

    def iter_postings(self, query: PostingQuery, batch: int = 1000) -> Iterator[JobPosting]:
        """Every posting matching ``query``, in its order, fetched ``batch`` rows at a time
        (the CSV export streams this)."""
        offset = 0
        while True:
            with self.session() as session:
                rows = list(
                    session.scalars(
                        select(JobPosting)
                        .where(*query.conditions())
                        .order_by(*query.ordering())
                        .offset(offset)
                        .limit(batch)
                    )
                )
            yield from rows
            if len(rows) < batch:
                return
            offset += batch

    def postings_of_run(self, run_id: str, limit: int = 50) -> list[JobPosting]:
        """The postings a run found (new, updated or seen again), the latest first."""
        with self.session() as session:
            return list(
                session.scalars(
                    select(JobPosting)
                    .where(JobPosting.run_id == run_id)
                    .order_by(JobPosting.scraped_at.desc(), JobPosting.id.desc())
                    .limit(limit)
                )
            )

    def posting(self, posting_id: int) -> JobPosting | None:
        with self.session() as session:
            return session.get(JobPosting, posting_id)

    def facet_values(self, column: str, limit: int = 200) -> list[str]:
        """The distinct values of a posting column (filter choices), most frequent first."""
        field = getattr(JobPosting, column)
        with self.session() as session:
            rows = session.execute(
                select(field, func.count())
                .where(field.is_not(None))
                .group_by(field)
                .order_by(func.count().desc(), field)
                .limit(limit)
            )
            return [str(value) for value, _count in rows if str(value).strip()]

    # --- sources ----------------------------------------------------------------
    def add_source(
        self, kind: str, value: str, options: dict[str, Any] | None = None
    ) -> Source:
        """Save a source once (by its value); saving it again updates its options."""
        with self.session() as session:
            existing = session.scalars(select(Source).where(Source.value == value)).first()
            if existing:
                if options is not None and options != (existing.options or {}):
                    existing.options = dict(options)
                    session.add(existing)
                    session.commit()
                return existing
            source = Source(kind=kind, value=value, options=dict(options or {}))
            session.add(source)
            session.commit()
            return source

    def sources(self, *, enabled_only: bool = False) -> list[Source]:
        with self.session() as session:
            query = select(Source).order_by(Source.id)
            if enabled_only:
                query = query.where(Source.enabled.is_(True))
            return list(session.scalars(query))

    def set_source_enabled(self, source_id: int, enabled: bool) -> Source | None:
        with self.session() as session:
            source = session.get(Source, source_id)
            if source is None:
                return None
            source.enabled = enabled
            session.add(source)
            session.commit()
            return source

    def delete_source(self, source_id: int) -> bool:
        """Forget a saved source (its postings and runs stay)."""
        with self.session() as session:
            source = session.get(Source, source_id)
            if source is None:
                return False
            session.delete(source)
            session.commit()
            return True

    # --- runs -------------------------------------------------------------------
    def create_run(
        self,
        sources: list[str],
        run_id: str | None = None,
        board_options: dict[str, Any] | None = None,
        source_options: dict[str, dict[str, Any]] | None = None,
    ) -> ScrapeRun:
        run = ScrapeRun(
            sources=list(sources),
            sources_total=len(sources),
            board_options=board_options or {},
            source_options={
                s: {k: v for k, v in o.items() if v is not None}
                for s, o in (source_options or {}).items()
                if s in sources
            },
        )
        if run_id:
            run.id = run_id
        with self.session() as session:
            session.add(run)
            session.commit()
            return run

    def get_run(self, run_id: str) -> ScrapeRun | None:
        with self.session() as session:
            return session.get(ScrapeRun, run_id)

    def update_run(self, run_id: str, **values: Any) -> ScrapeRun:
        with self.session() as session:
            run = session.get(ScrapeRun, run_id)
            if run is None:
                raise KeyError(f"no run {run_id}")
            for name, value in values.items():
                setattr(run, name, value)
            session.add(run)
            session.commit()
            return run

    def runs(self, limit: int = 50) -> list[ScrapeRun]:
        with self.session() as session:
            return list(
                session.scalars(
                    select(ScrapeRun).order_by(ScrapeRun.created_at.desc()).limit(limit)
                )
            )

    # --- model calls ------------------------------------------------------------
    def record_model_call(self, call: ModelCall) -> ModelCall:
        with self.session() as session:
            session.add(call)
            session.commit()
            return call

    def record_model_calls(self, calls: Sequence[ModelCall]) -> None:
        """Several calls in one transaction (a source's structured pages)."""
        if not calls:
            return
        with self.session() as session:
            session.add_all(calls)
            session.commit()

    def model_call(self, call_id: int) -> ModelCall | None:
        with self.session() as session:
            return session.get(ModelCall, call_id)

    def call_for_posting(self, posting: JobPosting) -> ModelCall | None:
        """The successful model call that extracted a posting (None: no model was used)."""
        if posting.model_call_id is not None:
            return self.model_call(posting.model_call_id)
        if posting.route not in ("local", "cloud"):
            return None
        with self.session() as session:  # postings stored before calls were linked
            return session.scalars(
                select(ModelCall)
                .where(ModelCall.page_url == posting.url, ModelCall.success.is_(True))
                .order_by(ModelCall.id.desc())
            ).first()

    def daily_model_calls(self, days: int = 30) -> list[DailyCalls]:
        """Per day (UTC) over the last ``days``: pages by route and the cloud spend."""
        since = utcnow() - timedelta(days=days)
        day = func.date(ModelCall.created_at)
        with self.session() as session:
            rows = session.execute(
                select(day, ModelCall.route, func.count(), func.sum(ModelCall.cost_usd))
                .where(ModelCall.created_at >= since, ModelCall.success.is_(True))
                .group_by(day, ModelCall.route)
                .order_by(day)
            )
            by_day: dict[str, DailyCalls] = {}
            for when, route, count, spend in rows:
                entry = by_day.setdefault(str(when), DailyCalls(str(when)))
                entry.add(str(route), int(count), float(spend or 0.0))
            return list(by_day.values())

    def model_calls(self, run_id: str | None = None) -> list[ModelCall]:
        with self.session() as session:
            query = select(ModelCall).order_by(ModelCall.id)
            if run_id is not None:
                query = query.where(ModelCall.run_id == run_id)
            return list(session.scalars(query))


def posting_row(posting: PostingData, run_id: str | None) -> dict[str, Any]:
    """The column values a posting is stored with (also for bulk imports)."""
    now = utcnow()
    annual_min, annual_max = annualise(
        posting.salary_min, posting.salary_max, posting.salary_interval
    )
    posted: date | None = posting.posted_date
    return {
        "canonical_url": posting.canonical_url,
        "url": posting.url,
        "title": posting.title,
        "company": posting.company,
        "location": posting.location,
        "remote": posting.remote,
        "employment_type": posting.employment_type,
        "salary_min": posting.salary_min,
        "salary_max": posting.salary_max,
        "salary_currency": posting.salary_currency,
        "salary_interval": posting.salary_interval.value if posting.salary_interval else None,
        "salary_annual_min": annual_min,
        "salary_annual_max": annual_max,
        "salary_annual": annual_max if annual_max is not None else annual_min,
        "description": posting.description,
        "skills": list(posting.skills),
        "site": posting.site,
        "posted_date": posted,
        "route": posting.route.value if posting.route else None,
        "model_call_id": posting.model_call_id,
        "field_sources": {name: str(source) for name, source in posting.field_sources.items()},
        "content_hash": posting.content_hash(),
        "run_id": run_id,
        "first_seen_at": now,
        "scraped_at": now,
        "updated_at": now,
    }
