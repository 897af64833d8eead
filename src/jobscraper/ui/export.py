"""CSV export of the jobs list: a plain download route beside the Reflex app.

``/export/jobs.csv?<filters>`` streams every posting matching the same
:class:`jobscraper.queries.PostingQuery` the Jobs page shows, a thousand rows
at a time, so an export of 100,000 postings never sits in memory or goes
through the websocket.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from jobscraper.queries import PostingQuery
from jobscraper.ui.backend import store

COLUMNS = (
    "title", "company", "location", "remote", "employment_type", "salary_min", "salary_max",
    "salary_currency", "salary_interval", "salary_annual", "site", "route", "posted_date",
    "first_seen_at", "url",
)


def _lines(query: PostingQuery) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for index, posting in enumerate(store().iter_postings(query), start=1):
        writer.writerow(["" if (v := getattr(posting, c)) is None else v for c in COLUMNS])
        if index % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


async def jobs_csv(request: Request) -> Response:
    params = {k: v for k, v in request.query_params.items() if v != ""}
    params.pop("page", None)
    params.pop("page_size", None)
    try:
        query = PostingQuery.model_validate(params)
    except ValidationError as exc:
        return PlainTextResponse(f"invalid filters: {exc.errors()[0]['msg']}", status_code=400)
    return StreamingResponse(
        _lines(query),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="jobs.csv"'},
    )


def export_routes() -> Starlette:
    """The routes the dashboard adds to Reflex's own (``rx.App(api_transformer=...)``)."""
    return Starlette(routes=[Route("/export/jobs.csv", jobs_csv)])
