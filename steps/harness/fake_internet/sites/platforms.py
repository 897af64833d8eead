"""Career sites on hiring platforms: each company's public feed and its pages.

One company per platform, its postings in the catalogue (``LUMEN_JOBS`` ...):

* Greenhouse, ``boards.greenhouse.io/lumengrid`` (classic board and posting pages) and
  the Job Board API ``boards-api.greenhouse.io/v1/boards/lumengrid/jobs``;
* Lever, ``jobs.lever.co/tidewater`` and ``api.lever.co/v0/postings/tidewater``;
* Ashby, ``jobs.ashbyhq.com/quarryhealth`` (app shells whose ``window.__appData``
  holds the board or the posting) and ``api.ashbyhq.com/posting-api/job-board/...``;
* Workable, ``apply.workable.com/mossgreen/`` and its widget API on the same host.

Feeds and pages say the same things in each platform's own shapes. A posting marked
``salary_in_text`` has its pay only in the description, never in the platform's pay
fields. Unknown paths answer 404 (robots.txt too: everything is allowed).
"""

# ruff: noqa: E501 - HTML templates keep real markup on one line, as the sites do

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from typing import Any
from urllib.parse import urlsplit

from ..model import FakeRequest, FakeResponse
from ..registry import Site, not_found
from .catalogue import (
    ASHBY_HOST,
    GREENHOUSE_HOST,
    LEVER_HOST,
    LUMEN,
    LUMEN_JOBS,
    MOSSGREEN,
    MOSSGREEN_JOBS,
    QUARRY,
    QUARRY_JOBS,
    TIDEWATER,
    TIDEWATER_JOBS,
    WORKABLE_HOST,
    PostingInfo,
)
from .render import salary_text

GREENHOUSE_API = "boards-api.greenhouse.io"
LEVER_API = "api.lever.co"
ASHBY_API = "api.ashbyhq.com"
# platform -> (host, path) of its feed for the fixture company
FEEDS: dict[str, tuple[str, str]] = {
    "Greenhouse": (GREENHOUSE_API, "/v1/boards/lumengrid/jobs"),
    "Lever": (LEVER_API, "/v0/postings/tidewater"),
    "Ashby": (ASHBY_API, "/posting-api/job-board/quarryhealth"),
    "Workable": (WORKABLE_HOST, "/api/v1/widget/accounts/mossgreen"),
}


def feed_of(kind: str) -> tuple[str, str] | None:
    """(host, path) of the feed of the fixture company on the platform a site's ``kind``
    names ("greenhouse"), or None for a site on no platform."""
    return next((feed for name, feed in FEEDS.items() if name.lower() == kind.lower()), None)


EMPLOYMENT_WORDS = {"FULL_TIME": "Full-time", "PART_TIME": "Part-time", "INTERN": "Internship",
                    "CONTRACTOR": "Contract"}
ASHBY_EMPLOYMENT = {"FULL_TIME": "FullTime", "PART_TIME": "PartTime", "INTERN": "Intern",
                    "CONTRACTOR": "Contract"}
PUBLISHED = "2026-11-02T09:00:00.000Z"


def _path(posting: PostingInfo) -> str:
    return urlsplit(posting.url).path


def description_html(posting: PostingInfo) -> str:
    """What the posting says, and, for ``salary_in_text`` postings, its pay in prose."""
    parts = [f"<p>{escape(posting.summary)}</p>"]
    if posting.responsibilities:
        items = "".join(f"<li>{escape(x)}</li>" for x in posting.responsibilities)
        parts.append(f"<h3>What you will do</h3><ul>{items}</ul>")
    if posting.requirements:
        items = "".join(f"<li>{escape(x)}</li>" for x in posting.requirements)
        parts.append(f"<h3>What you bring</h3><ul>{items}</ul>")
    if posting.salary_in_text:
        parts.append(f"<p>The pay range for this role is {escape(salary_text(posting))}, "
                     "depending on experience.</p>")
    parts.append("<p>We welcome applicants of every background and will make reasonable "
                 "adjustments to our interview process on request.</p>")
    return "".join(parts)


def _workplace(posting: PostingInfo) -> str:
    return "Remote" if posting.remote else "On-site"


def _page(title: str, body: str, address: str, head: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><link rel="canonical" href="{escape(address)}">{head}</head>
<body>{body}
<footer><p>By applying you agree to our privacy notice. We keep applications for twelve months and delete them afterwards.</p><p>Accessibility · Privacy · Cookies</p></footer>
</body></html>
"""


def _json(data: Any) -> FakeResponse:
    return FakeResponse(200, json.dumps(data), "application/json; charset=utf-8")


def _html(body: str) -> FakeResponse:
    return FakeResponse(200, body)


def _site(host: str, routes: dict[str, Callable[[], FakeResponse]], description: str) -> Site:
    def answer(request: FakeRequest) -> FakeResponse:
        make = routes.get(request.path) or routes.get(request.path.rstrip("/"))
        return make() if make is not None else not_found(request)

    return Site(host, description, catch_all=answer)


# --- Greenhouse ----------------------------------------------------------------------

def greenhouse_board() -> str:
    openings = "".join(
        f'<div class="opening" department_id="4019" office_id="2210"><a data-mapped="true" href="{_path(p)}">{escape(p.title)}</a><br><span class="location">{escape(p.location)}</span></div>'
        for p in LUMEN_JOBS)
    body = (f'<div id="wrapper"><div id="main"><div id="logo"><img alt="{LUMEN} Logo" src="https://s2-recruiting.cdn.greenhouse.io/external_greenhouse_job_boards/logos/lumengrid.png"></div>'
            f'<h1>Current Job Openings at {LUMEN}</h1><section class="level-0"><h3 id="4019">All departments</h3>{openings}</section></div>'
            '<div id="footer">Powered by <a href="https://www.greenhouse.io/">greenhouse</a></div></div>')
    return _page(f"Jobs at {LUMEN}", body, f"https://{GREENHOUSE_HOST}/lumengrid")


def greenhouse_posting(posting: PostingInfo) -> str:
    body = (f'<div id="app_body"><div id="header"><a href="/lumengrid">Back to jobs</a><h1 class="app-title">{escape(posting.title)}</h1>'
            f'<div class="company-name">at {LUMEN}</div><div class="location">{escape(posting.location)}</div></div>'
            f'<div id="content"><div id="description">{description_html(posting)}</div></div>'
            '<div id="application"><h2>Apply for this Job</h2><form id="application_form"><label>First Name *<input type="text" name="first_name"></label><label>Resume/CV *<input type="file" name="resume"></label></form></div></div>')
    return _page(f"Job Application for {posting.title} at {LUMEN}", body, posting.url)


def greenhouse_feed() -> dict[str, Any]:
    return {"jobs": [{
        "id": int(p.job_id), "title": p.title, "absolute_url": p.url,
        "location": {"name": p.location}, "company_name": LUMEN, "internal_job_id": 9000 + i,
        "updated_at": "2026-11-20T10:00:00-05:00", "first_published": "2026-11-02T09:00:00-05:00",
        "content": escape(description_html(p)),
    } for i, p in enumerate(LUMEN_JOBS)], "meta": {"total": len(LUMEN_JOBS)}}


# --- Lever ---------------------------------------------------------------------------

def _lever_pay(posting: PostingInfo) -> dict[str, Any] | None:
    if posting.salary_min is None or posting.salary_in_text:
        return None
    interval = "per-hour-wage" if posting.salary_interval == "HOUR" else "per-year-salary"
    return {"currency": posting.salary_currency, "interval": interval,
            "min": posting.salary_min, "max": posting.salary_max}


def lever_board() -> str:
    cards = "".join(
        f'<div class="posting" data-qa-posting-id="{p.job_id}"><div class="posting-apply" data-qa="btn-apply"><a href="{p.url}/apply" class="posting-btn-submit">Apply</a></div>'
        f'<a class="posting-title" href="{p.url}"><h5 data-qa="posting-name">{escape(p.title)}</h5><div class="posting-categories">'
        f'<span class="workplaceTypes">{_workplace(p)}&nbsp;—&nbsp;</span><span class="commitment">{EMPLOYMENT_WORDS[p.employment_type]}</span><span class="location">{escape(p.location)}</span></div></a></div>'
        for p in TIDEWATER_JOBS)
    body = (f'<div class="main-header"><a class="main-header-logo" href="https://tidewater.example"><img alt="{TIDEWATER} logo" src="https://lever-client-logos.s3.us-west-2.amazonaws.com/tidewater.png"></a></div>'
            f'<div class="content"><div class="postings-wrapper"><div class="postings-group"><div class="large-category-header">Data</div>{cards}</div></div></div>')
    return _page(f"{TIDEWATER} jobs", body, f"https://{LEVER_HOST}/tidewater",
                 f'<meta property="og:title" content="{TIDEWATER} jobs">')


def lever_posting(posting: PostingInfo) -> str:
    pay = _lever_pay(posting)
    salary = (f'<div class="section page-centered" data-qa="salary-range"><h4>{escape(salary_text(posting))}</h4></div>'
              if pay else "")
    body = (f'<div class="content-wrapper posting-page"><div class="posting-header"><div class="posting-headline"><h2>{escape(posting.title)}</h2>'
            f'<div class="posting-categories"><div class="posting-category location">{escape(posting.location)}</div><div class="posting-category department">Data /</div>'
            f'<div class="posting-category commitment">{EMPLOYMENT_WORDS[posting.employment_type]} /</div><div class="posting-category workplaceTypes">{_workplace(posting)}</div></div></div>'
            f'<a class="postings-btn" href="{posting.url}/apply">Apply for this job</a></div>'
            f'<div class="section page-centered" data-qa="job-description">{description_html(posting)}</div>{salary}</div>')
    return _page(f"{TIDEWATER} - {posting.title}", body, posting.url)


def lever_feed() -> list[dict[str, Any]]:
    feed = []
    for p in TIDEWATER_JOBS:
        posting: dict[str, Any] = {
            "id": p.job_id, "text": p.title, "hostedUrl": p.url, "applyUrl": f"{p.url}/apply",
            "categories": {"location": p.location, "commitment": EMPLOYMENT_WORDS[p.employment_type],
                           "team": "Data"},
            "workplaceType": "remote" if p.remote else "onsite", "createdAt": 1793000000000,
            "description": description_html(p), "lists": [], "additional": "",
        }
        pay = _lever_pay(p)
        if pay:
            posting["salaryRange"] = pay
        feed.append(posting)
    return feed


# --- Ashby ---------------------------------------------------------------------------

def _ashby_pay(posting: PostingInfo) -> dict[str, Any]:
    if posting.salary_min is None or posting.salary_in_text:
        return {}
    interval = "1 HOUR" if posting.salary_interval == "HOUR" else "1 YEAR"
    return {"compensationTierSummary": salary_text(posting), "summaryComponents": [{
        "compensationType": "Salary", "interval": interval, "currencyCode": posting.salary_currency,
        "minValue": posting.salary_min, "maxValue": posting.salary_max}]}


def _ashby_job(posting: PostingInfo) -> dict[str, Any]:
    return {"id": posting.job_id, "title": posting.title, "locationName": posting.location,
            "workplaceType": "Remote" if posting.remote else "OnSite",
            "employmentType": ASHBY_EMPLOYMENT[posting.employment_type], "isListed": True,
            "publishedDate": PUBLISHED[:10], **_ashby_pay(posting)}


def _ashby_shell(title: str, address: str, app_data: dict[str, Any]) -> str:
    data = json.dumps(app_data).replace("<", "\\u003c")
    head = ('<link rel="preconnect" href="https://cdn.ashbyprd.com"><link rel="modulepreload" href="https://cdn.ashbyprd.com/frontend_non_user/assets/index.js">'
            '<script type="module" src="https://cdn.ashbyprd.com/frontend_non_user/assets/index.js"></script>')
    body = f'<noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div><script>window.__appData = {data};</script>'
    return _page(title, body, address, head)


def _ashby_organization() -> dict[str, Any]:
    return {"name": QUARRY, "hostedJobsPageSlug": "quarryhealth", "publicWebsite": "https://quarry.example"}


def ashby_board() -> str:
    return _ashby_shell(f"{QUARRY} Jobs", f"https://{ASHBY_HOST}/quarryhealth", {
        "organization": _ashby_organization(), "posting": None,
        "jobBoard": {"teams": [], "jobPostings": [_ashby_job(p) for p in QUARRY_JOBS]}})


def ashby_posting(posting: PostingInfo) -> str:
    return _ashby_shell(f"{posting.title} @ {QUARRY}", posting.url, {
        "organization": _ashby_organization(),
        "posting": {**_ashby_job(posting), "descriptionHtml": description_html(posting)},
        "jobBoard": None})


def ashby_feed() -> dict[str, Any]:
    jobs = []
    for p in QUARRY_JOBS:
        job = {"id": p.job_id, "title": p.title, "location": p.location, "isListed": True,
               "isRemote": p.remote, "workplaceType": "Remote" if p.remote else "OnSite",
               "employmentType": ASHBY_EMPLOYMENT[p.employment_type], "jobUrl": p.url,
               "applyUrl": f"{p.url}/application", "publishedAt": PUBLISHED,
               "descriptionHtml": description_html(p)}
        pay = _ashby_pay(p)
        if pay:
            job["compensation"] = pay
        jobs.append(job)
    return {"apiVersion": "1", "jobs": jobs}


# --- Workable ------------------------------------------------------------------------

def _city_state_country(posting: PostingInfo) -> tuple[str, str, str]:
    city, state, country = (part.strip() for part in posting.location.split(",", 2))
    return city, state, country


def workable_board() -> str:
    cards = "".join(
        f'<li data-ui="job"><a href="{_path(p)}"><h3 data-ui="job-title">{escape(p.title)}</h3>'
        f'<span data-ui="job-workplace">{_workplace(p)}</span><span data-ui="job-type">{EMPLOYMENT_WORDS[p.employment_type]}</span>'
        f'<span data-ui="job-location">{escape(p.location)}</span></a></li>'
        for p in MOSSGREEN_JOBS)
    body = (f'<div id="app"><header><div data-ui="header-logo"><a data-ui="company-logo" href="/mossgreen/"><img alt="{MOSSGREEN}" src="https://workablehr.s3.amazonaws.com/uploads/account/logo/mossgreen/logo"></a></div></header>'
            f'<main><h2>Current openings</h2><ul data-ui="list">{cards}</ul></main></div>')
    return _page(f"{MOSSGREEN} - Current openings", body, f"https://{WORKABLE_HOST}/mossgreen/")


def workable_posting(posting: PostingInfo) -> str:
    body = (f'<div id="app"><header><div data-ui="header-logo"><a data-ui="company-logo" href="/mossgreen/"><img alt="{MOSSGREEN}" src="https://workablehr.s3.amazonaws.com/uploads/account/logo/mossgreen/logo"></a></div>'
            f'<h1 data-ui="job-title">{escape(posting.title)}</h1><p><span data-ui="job-workplace"><strong>{_workplace(posting)}</strong></span>'
            f'<span data-ui="job-department">Design</span><span data-ui="job-type">{EMPLOYMENT_WORDS[posting.employment_type]}</span></p>'
            f'<div data-ui="job-location"><span>{escape(posting.location)}</span></div></header>'
            f'<main><section data-ui="job-description">{description_html(posting)}</section><a data-ui="apply-button" href="{posting.url}apply/">Apply for this job</a></main></div>')
    return _page(f"{posting.title} - {MOSSGREEN}", body, posting.url)


def workable_feed() -> dict[str, Any]:
    jobs = []
    for p in MOSSGREEN_JOBS:
        city, state, country = _city_state_country(p)
        jobs.append({"title": p.title, "shortcode": p.job_id, "code": "",
                     "employment_type": EMPLOYMENT_WORDS[p.employment_type],
                     "telecommuting": p.remote, "department": "Design", "url": p.url,
                     "shortlink": f"https://apply.workable.com/j/{p.job_id}",
                     "application_url": f"{p.url}apply/", "published_on": PUBLISHED[:10],
                     "created_at": PUBLISHED[:10], "country": country, "city": city,
                     "state": state, "description": description_html(p)})
    return {"name": MOSSGREEN, "description": "Booking apps for independent theatres.",
            "jobs": jobs}


# --- the sites -----------------------------------------------------------------------

def sites() -> list[Site]:
    """The platforms' page hosts and feed hosts (Workable serves both on one host)."""
    def pages(board: str, listing: Callable[[], str], posting: Callable[[PostingInfo], str],
              jobs: tuple[PostingInfo, ...]) -> dict[str, Callable[[], FakeResponse]]:
        routes: dict[str, Callable[[], FakeResponse]] = {board: lambda: _html(listing())}
        for job in jobs:
            routes[_path(job).rstrip("/")] = lambda job=job: _html(posting(job))
        return routes

    workable = pages("/mossgreen", workable_board, workable_posting, MOSSGREEN_JOBS)
    workable[FEEDS["Workable"][1]] = lambda: _json(workable_feed())
    return [
        _site(GREENHOUSE_HOST, pages("/lumengrid", greenhouse_board, greenhouse_posting,
                                     LUMEN_JOBS), "Greenhouse job boards"),
        _site(GREENHOUSE_API, {FEEDS["Greenhouse"][1]: lambda: _json(greenhouse_feed())},
              "Greenhouse Job Board API"),
        _site(LEVER_HOST, pages("/tidewater", lever_board, lever_posting, TIDEWATER_JOBS),
              "Lever job boards"),
        _site(LEVER_API, {FEEDS["Lever"][1]: lambda: _json(lever_feed())},
              "Lever Postings API"),
        _site(ASHBY_HOST, pages("/quarryhealth", ashby_board, ashby_posting, QUARRY_JOBS),
              "Ashby job boards"),
        _site(ASHBY_API, {FEEDS["Ashby"][1]: lambda: _json(ashby_feed())},
              "Ashby posting API"),
        _site(WORKABLE_HOST, workable, "Workable careers pages and widget API"),
    ]
