"""``apis.indeed.com``: the GraphQL job search JobSpy's Indeed scraper posts to.

The answer has the shape ``jobspy/indeed/model.py`` validates (``jobSearch``
with ``pageInfo.nextCursor`` and ``results[].job``). Search semantics as on
the LinkedIn fake: every word of the ``what:`` argument must occur in the
job's text; all matches come on one page (``nextCursor`` null). A request
without Indeed's API key header gets the 401 the real API gives.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any

from ..model import FakeRequest, FakeResponse
from ..registry import Site
from .catalogue import INDEED_HOST, INDEED_JOBS, PostingInfo
from .linkedin import matches

ATTRIBUTES = {
    "FULL_TIME": ("CF3CP", "Full-time"),
    "PART_TIME": ("75GKK", "Part-time"),
    "CONTRACTOR": ("NJXCK", "Contract"),
    "INTERN": ("VDTG7", "Internship"),
}
REMOTE = ("DSQF7", "Remote")


def _millis(day: str) -> int:
    return int(datetime.fromisoformat(day).replace(hour=9, tzinfo=UTC).timestamp() * 1000)


def job_json(job: PostingInfo) -> dict[str, Any]:
    attributes = [ATTRIBUTES[job.employment_type]] + ([REMOTE] if job.remote else [])
    items = "".join(f"<li>{x}</li>" for x in (*job.responsibilities, *job.requirements))
    slug = re.sub(r"[^A-Za-z0-9]+", "-", job.company).strip("-")
    salary = None
    if job.salary_min is not None:
        salary = {
            "unitOfWork": job.salary_interval,
            "range": {"__typename": "Range", "min": job.salary_min, "max": job.salary_max},
        }
    return {
        "key": job.job_id,
        "title": job.title,
        "sourceEmployerName": job.company,
        "dateOnIndeed": _millis(job.date_posted),
        "description": {"html": f"<p>{job.summary}</p><ul>{items}</ul>"},
        "location": {"countryCode": job.country, "admin1Code": job.region, "city": job.city},
        "compensation": {
            "estimated": None,
            "baseSalary": salary,
            "currencyCode": job.salary_currency if salary else None,
        },
        "attributes": [{"key": key, "label": label} for key, label in attributes],
        "employer": {
            "relativeCompanyPageUrl": f"/cmp/{slug}",
            "name": job.company,
            "ugcStats": {"ratings": {"overallRating": {"value": 4.1, "count": 37}}},
            "dossier": {
                "employerDetails": {
                    "addresses": [f"{job.city}, {job.country}"],
                    "industry": "INFORMATION_TECHNOLOGY",
                    "employeesLocalizedLabel": "51 to 200",
                    "revenueLocalizedLabel": "$5M to $25M (USD)",
                    "briefDescription": job.summary,
                },
                "images": {
                    "squareLogoUrl": f"https://d2q79iu7y748jz.cloudfront.net/s/_squarelogo/{slug}.png"
                },
                "links": {"corporateWebsite": f"https://www.{slug.lower()}.example"},
            },
        },
        "recruit": {"viewJobUrl": f"https://www.indeed.com/viewjob?jk={job.job_id}"},
    }


def graphql(request: FakeRequest) -> FakeResponse:
    if request.method != "POST":
        return FakeResponse(
            405, '{"errors":[{"message":"Method not allowed"}]}', "application/json"
        )
    if not request.header("indeed-api-key"):
        return FakeResponse(401, '{"errors":[{"message":"Missing API key"}]}', "application/json")
    try:
        query = str(request.json().get("query", ""))
    except (ValueError, AttributeError):
        return FakeResponse(400, '{"errors":[{"message":"Invalid JSON"}]}', "application/json")
    what = re.search(r'what:\s*"((?:[^"\\]|\\.)*)"', query)
    words = json.loads(f'"{what.group(1)}"') if what else ""
    cursor = re.search(r'cursor:\s*"', query)
    jobs = [] if cursor else [j for j in INDEED_JOBS if matches(j, words)]
    # JobSpy's remote filter: the "Remote" attribute must be there ({ keyword: { field:
    # "attributes", keys: ["DSQF7"] } }); the hybrid one it excludes carries MUST_NOT.
    if re.search(rf'keys:\s*\["{REMOTE[0]}"\]\s*}}', query):
        jobs = [j for j in jobs if j.remote]
    data = {
        "data": {
            "jobSearch": {
                "pageInfo": {"nextCursor": None},
                "results": [
                    {"trackingKey": f"t{i}", "job": job_json(j)} for i, j in enumerate(jobs)
                ],
            }
        }
    }
    return FakeResponse(200, json.dumps(data), "application/json")


def site() -> Site:
    return Site(
        INDEED_HOST,
        "Indeed's mobile GraphQL API (JobSpy's Indeed scraper)",
        routes={"/graphql": graphql},
    )
