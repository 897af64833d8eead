"""upsert_postings: once per canonical URL, updated on change, safe under concurrency.

Runs on SQLite and on PostgreSQL (skipped with the reason where none is reachable).
"""

from __future__ import annotations

import contextlib
import functools
import os
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from jobscraper.config import load_settings
from jobscraper.models import PostingData
from jobscraper.store import Store

POSTGRES_ADMIN_URL = os.environ.get(
    "JOBSCRAPER_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@functools.cache
def _postgres_unavailable() -> str | None:
    """Why PostgreSQL cannot be used (probed once per run), or None."""
    try:
        engine = create_engine(POSTGRES_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:
        return f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {str(exc).splitlines()[0]}"
    return None


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        app_store = Store(load_settings(data_dir=tmp_path))
        yield app_store
        app_store.dispose()
        return
    with postgres_schema() as schema:
        url = POSTGRES_ADMIN_URL + f"?options=-csearch_path%3D{schema}"
        app_store = Store(load_settings(data_dir=tmp_path, database_url=url))
        try:
            yield app_store
        finally:
            app_store.dispose()


@functools.cache
def _shared_trigram_extension() -> None:
    """pg_trgm in the test database's ``public`` schema, before any test schema exists.

    Otherwise the first store to open would create it in its own schema (the first of its
    search_path), and dropping that schema would drop the extension, and with it the
    trigram indexes of every other test's schema.
    """
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public"))
    except Exception:  # not available here, or another worker created it this moment
        pass
    finally:
        admin.dispose()


@contextlib.contextmanager
def postgres_schema() -> Iterator[str]:
    """A new schema on the test PostgreSQL, dropped afterwards (the test is skipped, with
    the reason, where none is reachable): its name, for a ``search_path`` option."""
    reason = _postgres_unavailable()
    if reason:
        pytest.skip(reason)
    _shared_trigram_extension()
    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = create_engine(POSTGRES_ADMIN_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield schema
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def posting(url: str = "https://careers.example.com/jobs/1", **fields: object) -> PostingData:
    return PostingData(title=fields.pop("title", "Backend Engineer"), url=url, **fields)


def test_new_posting_is_stored(store: Store) -> None:
    result = store.upsert_postings([posting(company="Acme", salary_min=1, salary_max=2)])
    assert (result.new, result.updated, result.unchanged) == (1, 0, 0)
    [row] = store.postings()
    assert row.company == "Acme"
    assert row.canonical_url == "https://careers.example.com/jobs/1"


def test_same_posting_twice_is_stored_once(store: Store) -> None:
    store.upsert_postings([posting()])
    result = store.upsert_postings([posting("https://careers.example.com/jobs/1/?utm_source=x")])
    assert (result.new, result.updated, result.unchanged) == (0, 0, 1)
    assert store.count_postings() == 1


def test_changed_posting_is_updated(store: Store) -> None:
    store.upsert_postings([posting(salary_max=90000)])
    first = store.postings()[0]
    result = store.upsert_postings([posting(salary_max=95000)])
    assert (result.new, result.updated, result.unchanged) == (0, 1, 0)
    [row] = store.postings()
    assert row.salary_max == 95000
    assert row.content_hash != first.content_hash
    assert row.first_seen_at == first.first_seen_at


def test_duplicates_inside_one_batch(store: Store) -> None:
    result = store.upsert_postings([posting(), posting(), posting("https://other.example/j")])
    assert (result.new, result.unchanged) == (2, 1)


def test_a_batch_mixing_new_changed_and_unchanged_postings(store: Store) -> None:
    base = "https://careers.example.com/jobs/"
    store.upsert_postings([posting(base + "1", salary_max=1), posting(base + "2")], "run-1")
    result = store.upsert_postings(
        [posting(base + "1", salary_max=2), posting(base + "2"), posting(base + "3"),
         posting(base + "3", salary_max=3)],
        "run-2",
    )
    assert (result.new, result.updated, result.unchanged) == (1, 2, 1)
    assert result.canonical_urls == [base + n for n in "1233"]
    rows = {row.canonical_url: row for row in store.postings()}
    assert (rows[base + "1"].salary_max, rows[base + "3"].salary_max) == (2, 3)
    assert {row.run_id for row in rows.values()} == {"run-2"}  # the run that last saw each


def test_a_run_less_batch_keeps_the_run_that_last_saw_a_posting(store: Store) -> None:
    store.upsert_postings([posting()], "run-1")
    result = store.upsert_postings([posting()])
    assert result.unchanged == 1
    assert store.postings()[0].run_id == "run-1"


def test_annualised_salary_is_stored(store: Store) -> None:
    store.upsert_postings([posting(salary_min=50, salary_max=60, salary_interval="hour")])
    [row] = store.postings()
    assert (row.salary_annual_min, row.salary_annual_max) == (50 * 2080, 60 * 2080)


def test_concurrent_writers_store_one_row(store: Store) -> None:
    writers = 8
    barrier = threading.Barrier(writers)
    results = []
    errors: list[BaseException] = []

    def write() -> None:
        barrier.wait()
        try:
            results.append(store.upsert_postings([posting()]))
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert store.count_postings() == 1
    assert sum(r.new for r in results) == 1
    assert sum(r.unchanged for r in results) == writers - 1


def test_runs_and_model_calls_round_trip(store: Store) -> None:
    from jobscraper.models import ModelCall

    run = store.create_run(["https://careers.example.com/jobs"])
    store.update_run(run.id, status="started", outcomes={"x": {"outcome": "ok"}})
    assert store.get_run(run.id).outcomes == {"x": {"outcome": "ok"}}
    store.record_model_call(ModelCall(run_id=run.id, route="local", prompt_tokens=10))
    assert [c.prompt_tokens for c in store.model_calls(run.id)] == [10]


def test_processes_creating_a_new_database_at_once(tmp_path: Path) -> None:
    """Workers starting together on a new SQLite file must not fail on CREATE TABLE."""
    import subprocess
    import sys

    code = (
        "import sys, time;"
        "from jobscraper.config import load_settings;"
        "from jobscraper.store import Store;"
        "time.sleep(max(0.0, float(sys.argv[1]) - time.time()));"
        f"Store(load_settings(data_dir={str(tmp_path)!r})).count_postings()"
    )
    import time

    start_at = str(time.time() + 2.0)
    procs = [
        subprocess.Popen([sys.executable, "-c", code, start_at], stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    errors = [p.communicate(timeout=60)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], errors


# --- the dashboard's queries ------------------------------------------------------------


def _jobs(store: Store) -> None:
    from jobscraper.models import Route, SalaryInterval

    store.upsert_postings([
        posting("https://a.example/1", title="Senior Python Engineer", company="ACME",
                location="Berlin", remote="hybrid", salary_min=70000, salary_max=85000,
                salary_interval=SalaryInterval.YEAR, site="acme", route=Route.STRUCTURED),
        posting("https://a.example/2", title="Robotics Intern", company="ACME", location="Berlin",
                remote="on-site", salary_min=20, salary_max=25,
                salary_interval=SalaryInterval.HOUR, site="acme", route=Route.LOCAL),
        posting("https://b.example/3", title="Python Data Engineer 100%_done",
                company="Northwind", location="London", remote="remote", salary_min=60000,
                salary_interval=SalaryInterval.YEAR, site="linkedin", route=Route.BOARD),
        posting("https://c.example/4", title="Site Reliability Engineer", company="Globex",
                location="Paris", remote="remote", site="indeed", route=Route.CLOUD),
    ])


@pytest.mark.parametrize(
    ("filters", "titles"),
    [
        ({}, 4),
        ({"text": "python"}, ["Python Data Engineer 100%_done", "Senior Python Engineer"]),
        ({"text": "PYTHON engineer"}, ["Python Data Engineer 100%_done",
                                      "Senior Python Engineer"]),
        ({"text": "100%_"}, ["Python Data Engineer 100%_done"]),  # % and _ are literal
        ({"text": "%"}, ["Python Data Engineer 100%_done"]),
        ({"company": "ACME"}, ["Robotics Intern", "Senior Python Engineer"]),
        ({"location": "berl"}, ["Robotics Intern", "Senior Python Engineer"]),
        ({"remote": "Remote"}, ["Python Data Engineer 100%_done", "Site Reliability Engineer"]),
        ({"min_annual_salary": 60000}, ["Python Data Engineer 100%_done",
                                        "Senior Python Engineer"]),
        ({"min_annual_salary": 55000, "location": "berlin"}, ["Senior Python Engineer"]),
        ({"route": "cloud"}, ["Site Reliability Engineer"]),
        ({"site": "linkedin"}, ["Python Data Engineer 100%_done"]),
    ],
)
def test_postings_are_filtered_in_sql(store: Store, filters: dict, titles) -> None:
    from jobscraper.queries import PostingQuery

    _jobs(store)
    page = store.search_postings(PostingQuery(**filters))
    if isinstance(titles, int):
        assert page.total == titles
        return
    assert page.total == len(titles)
    assert sorted(p.title for p in page.rows) == titles


def test_postings_are_sorted_and_paged_with_the_total(store: Store) -> None:
    from jobscraper.queries import PostingQuery, PostingSort

    _jobs(store)
    by_salary = store.search_postings(PostingQuery(sort=PostingSort.SALARY, page_size=2))
    # hourly 20-25 is 52,000 a year at most; no salary at all comes last
    assert [p.title for p in by_salary.rows] == ["Senior Python Engineer",
                                                 "Python Data Engineer 100%_done"]
    assert (by_salary.total, by_salary.pages) == (4, 2)
    second = store.search_postings(PostingQuery(sort=PostingSort.SALARY, page_size=2, page=2))
    assert [p.title for p in second.rows] == ["Robotics Intern", "Site Reliability Engineer"]
    titles = store.search_postings(PostingQuery(sort=PostingSort.TITLE, reverse=True))
    assert titles.rows[0].title == "Site Reliability Engineer"
    every = list(store.iter_postings(PostingQuery(sort=PostingSort.TITLE), batch=3))
    assert [p.title for p in every] == sorted(p.title for p in every) and len(every) == 4


def test_a_filter_that_is_not_a_route_is_refused() -> None:
    from pydantic import ValidationError

    from jobscraper.queries import PostingQuery

    with pytest.raises(ValidationError, match="unknown route"):
        PostingQuery(route="telepathy")


def test_a_database_of_an_earlier_version_gains_the_new_columns(tmp_path: Path) -> None:
    """Sources saved before sources could be disabled stay saved, enabled, with no options."""
    import sqlite3

    path = tmp_path / "old.db"
    with sqlite3.connect(path) as old:
        old.execute("CREATE TABLE sources (id INTEGER PRIMARY KEY, kind VARCHAR NOT NULL, "
                    "value VARCHAR NOT NULL, created_at DATETIME NOT NULL, "
                    "CONSTRAINT uq_sources_value UNIQUE (value))")
        old.execute("INSERT INTO sources (kind, value, created_at) VALUES "
                    "('career_page', 'https://a.example/jobs', '2026-01-01 00:00:00')")
    settings = load_settings(data_dir=tmp_path, database_url=f"sqlite:///{path}")
    for _ in range(2):  # and opening it again changes nothing
        upgraded = Store(settings)
        [source] = upgraded.sources()
        assert (source.value, source.enabled, source.options) == (
            "https://a.example/jobs", True, {})
        upgraded.dispose()


def test_saved_sources_are_enabled_disabled_and_deleted(store: Store) -> None:
    first = store.add_source("career_page", "https://a.example/jobs")
    search = store.add_source("job_board", "python in Berlin", {"sites": ["indeed"]})
    again = store.add_source("job_board", "python in Berlin", {"sites": ["linkedin"]})
    assert again.id == search.id and again.options == {"sites": ["linkedin"]}
    store.set_source_enabled(first.id, False)
    assert [s.value for s in store.sources(enabled_only=True)] == ["python in Berlin"]
    assert store.delete_source(first.id) and not store.delete_source(first.id)
    assert [s.value for s in store.sources()] == ["python in Berlin"]


def test_each_fields_source_is_stored_with_the_posting(store: Store) -> None:
    from jobscraper.models import FieldSource

    posting = PostingData(title="Platform Engineer", url="https://a.example/jobs/1",
                          salary_min=150000, salary_max=180000, salary_currency="USD",
                          salary_interval="year",
                          field_sources={"title": FieldSource.PLATFORM,
                                         "salary_min": FieldSource.TEXT})
    store.upsert_postings([posting])
    [row] = store.postings()
    assert row.field_sources == {"title": "platform", "salary_min": "text"}
    assert row.to_data().field_sources == posting.field_sources


def test_postings_stored_before_field_sources_were_kept_read_back_without_them(
    tmp_path: Path,
) -> None:
    """The column is added to an existing database and stays null for its old rows."""
    store = Store(load_settings(data_dir=tmp_path))
    store.upsert_postings([PostingData(title="Old", url="https://a.example/jobs/old")])
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE job_postings SET field_sources = NULL"))
    [row] = store.postings()
    assert row.field_sources is None and row.to_data().field_sources == {}
    store.dispose()


# --- the same answers on both databases, from indexes ------------------------------------

SORT_INDEXES = {"ix_job_postings_salary_order", "ix_job_postings_posted_order"}
TRIGRAM_INDEXES = {f"ix_job_postings_{c}_trgm" for c in ("title", "company", "location")}


def _varied_rows() -> list[dict]:
    """Postings with every awkward case of the dashboard's filters and sorts: missing
    salaries, dates and companies, ties in every sort column (and in first seen), cities
    in mixed case, % and _ in titles."""
    import random
    from datetime import UTC, date, datetime, timedelta

    from jobscraper.models import Route, SalaryInterval
    from jobscraper.store import posting_row

    rng = random.Random(11)
    seen = datetime(2026, 3, 1, tzinfo=UTC)
    rows = []
    for i in range(90):
        data = PostingData(
            title=rng.choice(["Python Engineer", "Data Scientist", "ML Engineer 100%_x",
                              "engineer", "Site Reliability Engineer"]) + f" {i % 9}",
            company=rng.choice([None, "ACME", "Globex", "Company 3", "Company 30"]),
            location=rng.choice([None, "Berlin", "BERLIN-Mitte", "berlin", "London",
                                 "Remote (Berlin)", "Paris"]),
            remote=rng.choice([None, "remote", "hybrid", "on-site"]),
            url=f"https://careers.example.com/jobs/{i}",
            salary_min=rng.choice([None, 40_000, 60_000, 60_000, 90_000, 120_000, 30]),
            salary_interval=rng.choice([SalaryInterval.YEAR, SalaryInterval.HOUR]),
            site=rng.choice([None, "linkedin", "indeed"]),
            route=rng.choice(list(Route)),
            posted_date=rng.choice([None, date(2026, 2, 1), date(2026, 2, 20),
                                    date(2026, 3, 1)]),
        )
        row = posting_row(data, None)
        row["first_seen_at"] = seen + timedelta(hours=rng.choice([0, 1, 1, 2, 3]))
        rows.append(row)
    return rows


def _comparable_queries() -> Iterator[object]:
    from datetime import date

    from jobscraper.queries import PostingQuery, PostingSort

    filters: list[dict] = [
        {}, {"location": "berlin"}, {"location": "BER"}, {"text": "engineer 1"},
        {"text": "100%_"}, {"min_annual_salary": 60_000, "location": "ber"},
        {"company": "Company 3"}, {"posted_since": date(2026, 2, 20)},
        {"remote": "remote", "site": "indeed"}, {"route": "cloud", "text": "engineer"},
    ]
    for sort in PostingSort:
        for reverse in (False, True):
            for chosen in filters:
                for page in (1, 2, 3):
                    yield PostingQuery(sort=sort, reverse=reverse, page=page, page_size=7,
                                       **chosen)


def test_every_dashboard_query_answers_the_same_on_sqlite_and_postgresql(
    tmp_path: Path,
) -> None:
    """The same stored postings, every sort both ways, filters and pages: the same rows in
    the same order and the same totals on both databases (and the CSV export's stream)."""
    from jobscraper.models import JobPosting
    from jobscraper.queries import PostingQuery, PostingSort

    rows = _varied_rows()
    sqlite = Store(load_settings(data_dir=tmp_path))
    with postgres_schema() as schema:
        url = POSTGRES_ADMIN_URL + f"?options=-csearch_path%3D{schema}"
        postgres = Store(load_settings(data_dir=tmp_path, database_url=url))
        try:
            for db in (sqlite, postgres):
                with db.engine.begin() as conn:
                    conn.execute(JobPosting.__table__.insert(), rows)

            def answer(db: Store, query: PostingQuery) -> tuple[int, list[str]]:
                page = db.search_postings(query)
                return page.total, [p.canonical_url for p in page.rows]

            compared = 0
            for query in _comparable_queries():
                assert answer(sqlite, query) == answer(postgres, query), query
                compared += 1
            assert compared == 300
            for sort in PostingSort:
                query = PostingQuery(sort=sort, location="berlin")
                streams = [[p.canonical_url for p in db.iter_postings(query, batch=4)]
                           for db in (sqlite, postgres)]
                assert streams[0] == streams[1] and streams[0], sort
        finally:
            postgres.dispose()
            sqlite.dispose()


def _index_names(store: Store) -> set[str]:
    from sqlalchemy import inspect

    return {i["name"] for i in inspect(store.engine).get_indexes("job_postings")}


def test_a_database_of_an_earlier_version_gains_the_query_indexes(store: Store) -> None:
    """Opening a database made before the sort and trigram indexes adds them (on
    PostgreSQL; SQLite's own indexes already serve those sorts), and reopening changes
    nothing."""
    postgres = store.engine.dialect.name == "postgresql"
    expected = (SORT_INDEXES | TRIGRAM_INDEXES) if postgres else set()
    assert expected <= _index_names(store)  # a new database has them from the start
    with store.engine.begin() as conn:
        for name in expected:
            conn.execute(text(f"DROP INDEX {name}"))
    assert not expected & _index_names(store)
    store.upsert_postings([posting(f"https://a.example/{i}", salary_min=50_000 + i,
                                   salary_interval="year") for i in range(3)])
    for _ in range(2):
        reopened = Store(store.settings)
        names = _index_names(reopened)
        reopened.dispose()
        assert expected <= names
        if not postgres:
            assert not (SORT_INDEXES | TRIGRAM_INDEXES) & names
            assert {"ix_job_postings_salary_annual", "ix_job_postings_posted_date"} <= names


def _plan_nodes(plan: dict) -> Iterator[dict]:
    yield plan
    for child in plan.get("Plans", []):
        yield from _plan_nodes(child)


def test_postgresql_reads_each_sorted_first_page_from_an_index(store: Store) -> None:
    """Every sort of the dashboard (and a substring search) is answered from an index, not
    by reading and sorting the whole table: the plan has no full Sort node (an incremental
    sort of an index's ties is fine) and a substring filter reads its trigram index."""
    if store.engine.dialect.name != "postgresql":
        pytest.skip("SQLite's plans are its single-column indexes (checked by the bench)")
    import json

    from sqlalchemy import func, select
    from sqlalchemy.dialects import postgresql

    from jobscraper.models import JobPosting
    from jobscraper.queries import PostingQuery, PostingSort

    rows = [dict(row, canonical_url=f"{row['canonical_url']}/{copy}")
            for copy in range(20) for row in _varied_rows()]
    rows[7]["title"] = "Quantum Plumber"  # one posting of 1,800 a search can find
    with store.engine.begin() as conn:
        conn.execute(JobPosting.__table__.insert(), rows)
    # as autovacuum would after a bulk insert: statistics, and the trigram indexes' pending
    # lists merged (until then the planner rightly avoids them)
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE job_postings"))

    def plan(query: PostingQuery, *, count: bool = False) -> list[dict]:
        statement = (select(func.count()).select_from(JobPosting).where(*query.conditions())
                     if count else select(JobPosting).where(*query.conditions())
                     .order_by(*query.ordering()).limit(query.page_size))
        sql = str(statement.compile(dialect=postgresql.dialect(),
                                    compile_kwargs={"literal_binds": True}))
        with store.engine.connect() as conn:
            conn.execute(text("SET LOCAL enable_seqscan = off"))
            conn.execute(text("SET LOCAL enable_sort = off"))
            found = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + sql.replace("%", "%%"))
            document = found.scalar()
            document = json.loads(document) if isinstance(document, str) else document
            return list(_plan_nodes(document[0]["Plan"]))

    for sort in PostingSort:
        nodes = plan(PostingQuery(sort=sort))
        assert "Sort" not in {n["Node Type"] for n in nodes}, (sort, nodes)
    searched = plan(PostingQuery(text="plumb"), count=True)  # the page's total
    assert {"ix_job_postings_title_trgm", "ix_job_postings_company_trgm"} <= {
        n.get("Index Name") for n in searched}, searched


def test_without_pg_trgm_the_store_opens_and_filters_the_same(tmp_path: Path) -> None:
    """A role that may not create extensions, on a database without pg_trgm: the store
    opens (no trigram indexes, a warning) and the substring filters answer as before."""
    reason = _postgres_unavailable()
    if reason:
        pytest.skip(reason)
    from sqlalchemy.engine import make_url

    suffix = uuid.uuid4().hex[:8]
    database, role = f"jobscraper_noext_{suffix}", f"jobscraper_noext_{suffix}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{database}"'))
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
    scratch = make_url(POSTGRES_ADMIN_URL).set(database=database)
    try:
        owner = create_engine(scratch, isolation_level="AUTOCOMMIT")
        with owner.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA app AUTHORIZATION "{role}"'))
        owner.dispose()
        url = scratch.set(username=role).render_as_string(hide_password=False)
        limited = Store(load_settings(data_dir=tmp_path,
                                      database_url=url + "?options=-csearch_path%3Dapp"))
        try:
            assert not TRIGRAM_INDEXES & _index_names(limited)
            assert _index_names(limited) >= SORT_INDEXES
            _jobs(limited)
            from jobscraper.queries import PostingQuery

            found = limited.search_postings(PostingQuery(text="PYTHON", location="berl"))
            assert [p.title for p in found.rows] == ["Senior Python Engineer"]
        finally:
            limited.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
            conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()
