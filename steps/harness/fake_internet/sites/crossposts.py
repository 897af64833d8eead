"""Job-board results that link to a company's own career page (added by the scraping steps).

Real boards often list a job whose "apply" link is the employer's posting page;
JobSpy reports that as ``job_url_direct``. ``indeed_crossposts(jobs)`` is a
GraphQL handler for ``apis.indeed.com/graphql`` that answers with ``jobs``
(catalogue postings of a career site) and gives each the career page as its
``viewJobUrl``. Install it for one scenario with
``fake_internet.add_handler(INDEED_HOST, "/graphql", indeed_crossposts(jobs))``;
``reset()`` removes it. Kept apart from the Indeed fixture so the fixture's
own data stays untouched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from ..model import FakeRequest, FakeResponse
from .catalogue import PostingInfo
from .indeed import graphql, job_json
from .linkedin import matches


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
