"""Job-board results that link to a company's own career page (added by the scraping steps).

Real boards often list a job whose "apply" link is the employer's posting page;
JobSpy reports that as ``job_url_direct`` (for LinkedIn, our scraper reads it
from the job view page). Each function here answers a board's search with
``jobs`` (catalogue postings of a career site), each linking to its career page:

* ``indeed_crossposts(jobs)``: a GraphQL handler for ``apis.indeed.com/graphql``
  giving each job the career page as its ``viewJobUrl``;
* ``linkedin_crossposts(jobs)``: ``(search, view)`` handlers for LinkedIn's
  guest search and its ``/jobs/view/`` pages (install the view one with
  ``prefix=True``), whose "Apply" link is the career page.

Install them for one scenario with ``fake_internet.add_handler(...)``;
``reset()`` removes them. Kept apart from the board fixtures so their own data
stays untouched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..model import FakeRequest, FakeResponse
from .catalogue import PostingInfo
from .indeed import graphql, job_json
from .linkedin import EMPTY_PAGE, card, matches, view_page


def indeed_crossposts(jobs: Sequence[PostingInfo]) -> Callable[[FakeRequest], FakeResponse]:
    """Indeed search answering ``jobs`` (when they match), each linking to its career page."""

    def handler(request: FakeRequest) -> FakeResponse:
        answer = graphql(request)  # validation (method, API key, JSON) as on the fixture
        if answer.status != 200:
            return answer
        query = str(request.json().get("query", ""))
        what = re.search(r'what:\s*"((?:[^"\\]|\\.)*)"', query)
        words = json.loads(f'"{what.group(1)}"') if what else ""
        if re.search(r'cursor:\s*"', query):
            found: list[PostingInfo] = []
        else:
            found = [j for j in jobs if matches(j, words)]
        results = []
        for i, job in enumerate(found):
            data = job_json(replace(job, job_id=f"x{i:03d}{job.job_id}"))
            data["recruit"] = {"viewJobUrl": job.url}
            results.append({"trackingKey": f"x{i}", "job": data})
        body = {"data": {"jobSearch": {"pageInfo": {"nextCursor": None}, "results": results}}}
        return FakeResponse(200, json.dumps(body), "application/json")

    return handler


Handler = Callable[[FakeRequest], FakeResponse]


def linkedin_crossposts(jobs: Sequence[PostingInfo]) -> tuple[Handler, Handler]:
    """LinkedIn search answering ``jobs`` (when they match) and their job view pages,
    whose Apply button opens the career page."""
    listed = [replace(job, job_id=f"49{i:08d}") for i, job in enumerate(jobs)]
    by_id = {job.job_id: (job, original.url) for job, original in zip(listed, jobs, strict=True)}

    def search(request: FakeRequest) -> FakeResponse:
        words = request.param("keywords", "") or ""
        start = int(request.param("start", "0") or 0)
        found = [j for j in listed if matches(j, words)] if start == 0 else []
        if not found:
            return FakeResponse(200, EMPTY_PAGE)
        return FakeResponse(200, "\n\n  ".join(card(j, i) for i, j in enumerate(found)))

    def view(request: FakeRequest) -> FakeResponse:
        match = re.search(r"(\d+)/?$", request.path)
        entry = by_id.get(match.group(1)) if match else None
        if entry is None:
            return FakeResponse(404, "<!DOCTYPE html><html><body><h1>Page not found</h1>"
                                     "</body></html>")
        job, address = entry
        return FakeResponse(200, view_page(job, apply_address=address))

    return search, view
