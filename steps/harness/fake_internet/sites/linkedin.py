"""``www.linkedin.com``: the guest job search API and job view pages JobSpy reads.

Markup follows LinkedIn's public guest pages as python-jobspy 1.4.1 parses
them (``jobspy/linkedin/__init__.py``): cards are ``div.base-search-card`` with
``data-entity-urn="urn:li:jobPosting:<id>"``; title ``h3.base-search-card__title``,
company ``h4.base-search-card__subtitle a``, location
``span.job-search-card__location``, date ``time[datetime]``. Past the last
result LinkedIn answers exactly ``<!DOCTYPE html>\\n\\n<!---->``. The job view
has ``div.show-more-less-html__markup``, ``div.compensation__salary`` and the
criteria list (``h3.description__job-criteria-subheader`` + span). A job whose
"Apply" button leads to the employer's own page carries that address as LinkedIn
writes it, ``<code id="applyUrl"><!--"https://www.linkedin.com/jobs/view/
externalApply/<id>?url=<address, URL-encoded>&urlHash=…"--></code>``; the
fixture's own jobs are "Easy Apply" ones, without it.

Search semantics: a job matches when every word of ``keywords`` occurs in its
title, company, summary or skills (case-insensitive); ``start`` > 0 is past
the end (all matches fit on the first page, so JobSpy never sleeps).
"""

# ruff: noqa: E501 - HTML templates keep real markup on one line, as the sites do

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote

from ..model import FakeRequest, FakeResponse
from ..registry import Site
from .catalogue import LINKEDIN_HOST, LINKEDIN_JOBS, PostingInfo

EMPTY_PAGE = "<!DOCTYPE html>\n\n<!---->"
SEARCH_PATH = "/jobs-guest/jobs/api/seeMoreJobPostings/search"
CURRENCY = {"EUR": "€", "USD": "$", "GBP": "£"}
INTERVAL = {"YEAR": "/yr", "MONTH": "/mo", "HOUR": "/hr"}
EMPLOYMENT = {
    "FULL_TIME": "Full-time",
    "CONTRACTOR": "Contract",
    "PART_TIME": "Part-time",
    "INTERN": "Internship",
}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def matches(job: PostingInfo, query: str) -> bool:
    """Every word of ``query`` occurs in the job's searchable text."""
    text = " ".join((job.title, job.company, job.summary, *job.skills)).lower()
    return all(word in text for word in re.findall(r"\w+", query.lower()))


def salary(job: PostingInfo) -> str | None:
    """``€60,000.00/yr - €75,000.00/yr`` as on LinkedIn's job view."""
    if job.salary_min is None or job.salary_currency is None or job.salary_max is None:
        return None
    sign = CURRENCY.get(job.salary_currency, job.salary_currency)
    unit = INTERVAL.get(job.salary_interval or "YEAR", "/yr")
    return f"{sign}{job.salary_min:,.2f}{unit} - {sign}{job.salary_max:,.2f}{unit}"


def card(job: PostingInfo, position: int) -> str:
    title, company = escape(job.title), escape(job.company)
    company_slug = _slug(job.company)
    pay = salary(job)
    pay_html = (
        f'\n          <span class="job-search-card__salary-info">{escape(pay)}</span>'
        if pay
        else ""
    )
    return f"""<li>
    <div class="base-card relative w-full hover:no-underline focus:no-underline base-card--link base-search-card base-search-card--link job-search-card" data-entity-urn="urn:li:jobPosting:{job.job_id}" data-impression-id="jobs-search-result-{position}" data-reference-id="d1uT1SN3xP0X5w%2B9CmYGpw%3D%3D" data-tracking-id="kq2Z8i0rQ8q3eS%2FqHkM2ZQ%3D%3D" data-column="1" data-row="{position + 1}">
      <a class="base-card__full-link absolute top-0 right-0 bottom-0 left-0 p-0 z-[2]" href="https://de.linkedin.com/jobs/view/{_slug(job.title)}-at-{company_slug}-{job.job_id}?position={position + 1}&amp;pageNum=0&amp;refId=d1uT1SN3xP0X5w%2B9CmYGpw%3D%3D&amp;trackingId=kq2Z8i0rQ8q3eS%2FqHkM2ZQ%3D%3D" data-tracking-control-name="public_jobs_jserp-result_search-card" data-tracking-client-ingraph data-tracking-will-navigate>
        <span class="sr-only">{title}</span>
      </a>
      <div class="search-entity-media">
        <img class="artdeco-entity-image artdeco-entity-image--square-4" data-delayed-url="https://media.licdn.com/dms/image/v2/C4E0BAQ/company-logo_100_100/{company_slug}.png" data-ghost-classes="artdeco-entity-image--ghost" data-ghost-url="https://static.licdn.com/aero-v1/sc/h/9a9u41thxt325ucfh5z8ga4m8" alt="{company}">
      </div>
      <div class="base-search-card__info">
        <h3 class="base-search-card__title">
          {title}
        </h3>
        <h4 class="base-search-card__subtitle">
          <a class="hidden-nested-link" data-tracking-client-ingraph data-tracking-control-name="public_jobs_jserp-result_job-search-card-subtitle" data-tracking-will-navigate href="https://de.linkedin.com/company/{company_slug}?trk=public_jobs_jserp-result_job-search-card-subtitle">
            {company}
          </a>
        </h4>
        <div class="base-search-card__metadata">
          <span class="job-search-card__location">
            {escape(job.location)}
          </span>{pay_html}
          <div class="job-posting-benefits text-sm">
            <icon class="job-posting-benefits__icon" data-delayed-url="https://static.licdn.com/aero-v1/sc/h/8zmuwb93seqrmhnpnbb3eqx9m" data-svg-class-name="job-posting-benefits__icon-svg"></icon>
            <span class="job-posting-benefits__text">
              Be an early applicant
            </span>
          </div>
          <time class="job-search-card__listdate" datetime="{job.date_posted}">
            2 weeks ago
          </time>
        </div>
      </div>
    </div>
  </li>"""


def search(request: FakeRequest) -> FakeResponse:
    start = int(request.param("start", "0") or 0)
    query = request.param("keywords", "") or ""
    jobs = [j for j in LINKEDIN_JOBS if matches(j, query)] if start == 0 else []
    if not jobs:
        return FakeResponse(200, EMPTY_PAGE)
    body = "\n\n\n\n  " + "\n\n  ".join(card(j, i) for i, j in enumerate(jobs)) + "\n"
    return FakeResponse(200, body)


def apply_code(job_id: str, address: str) -> str:
    """The hidden "Apply on company website" link of a job view page."""
    wrapped = (f"https://www.linkedin.com/jobs/view/externalApply/{job_id}"
               f"?url={quote(address, safe='')}&urlHash=Zx3q")
    return f'\n      <code id="applyUrl" style="display: none"><!--"{wrapped}"--></code>'


def view_page(job: PostingInfo, apply_address: str | None = None) -> str:
    """The job view page; ``apply_address``: the employer's page its Apply button opens."""
    pay = salary(job)
    apply_html = apply_code(job.job_id, apply_address) if apply_address else ""
    pay_html = (
        f"""
        <section class="compensation">
          <h3 class="compensation__heading">Base pay range</h3>
          <div class="compensation__salary-range">
            <div class="salary compensation__salary">
              {escape(pay)}
            </div>
          </div>
          <p class="compensation__description">This range is provided by {escape(job.company)}.
          Your actual pay will be based on your skills and experience.</p>
        </section>"""
        if pay
        else ""
    )
    items = "".join(f"<li>{escape(x)}</li>" for x in job.responsibilities)
    reqs = "".join(f"<li>{escape(x)}</li>" for x in job.requirements)
    criteria = [
        ("Seniority level", "Mid-Senior level"),
        ("Employment type", EMPLOYMENT.get(job.employment_type, "Full-time")),
        ("Job function", "Engineering and Information Technology"),
        ("Industries", "Software Development"),
    ]
    criteria_html = "".join(
        f"""
          <li class="description__job-criteria-item">
            <h3 class="description__job-criteria-subheader">{name}</h3>
            <span class="description__job-criteria-text description__job-criteria-text--criteria">
              {escape(value)}
            </span>
          </li>"""
        for name, value in criteria
    )
    return f"""<!DOCTYPE html>
<html lang="en">
  <head>
    <meta name="pageKey" content="d_jobs_guest_details">
    <meta charset="UTF-8">
    <title>{escape(job.company)} hiring {escape(job.title)} in {escape(job.location)} | LinkedIn</title>
    <meta name="description" content="Posted {job.date_posted}. {escape(job.summary)}">
    <meta property="og:title" content="{escape(job.company)} hiring {escape(job.title)} | LinkedIn">
    <meta property="og:url" content="https://www.linkedin.com/jobs/view/{job.job_id}">
    <link rel="canonical" href="https://www.linkedin.com/jobs/view/{_slug(job.title)}-at-{_slug(job.company)}-{job.job_id}">
  </head>
  <body dir="ltr">
    <header class="header"><a class="nav__logo-link" href="https://www.linkedin.com/">LinkedIn</a>
      <a class="nav__button-secondary" href="https://www.linkedin.com/login">Sign in</a>
      <a class="nav__button-tertiary" href="https://www.linkedin.com/signup">Join now</a></header>
    <main class="main" id="main-content">
      <section class="top-card-layout">
        <img class="artdeco-entity-image artdeco-entity-image--square-5" data-delayed-url="https://media.licdn.com/dms/image/v2/C4E0BAQ/company-logo_200_200/{_slug(job.company)}.png" alt="{escape(job.company)}">
        <h1 class="top-card-layout__title topcard__title">{escape(job.title)}</h1>
        <h4 class="top-card-layout__second-subline">
          <a class="topcard__org-name-link" href="https://de.linkedin.com/company/{_slug(job.company)}">{escape(job.company)}</a>
          <span class="topcard__flavor topcard__flavor--bullet">{escape(job.location)}</span>
          <span class="posted-time-ago__text">2 weeks ago</span>
          <span class="num-applicants__caption">Over 100 applicants</span>
        </h4>{apply_html}
      </section>{pay_html}
      <section class="description">
        <div class="description__text description__text--rich">
          <section class="show-more-less-html" data-max-lines="5">
            <div class="show-more-less-html__markup show-more-less-html__markup--clamp-after-5 relative overflow-hidden">
              <p>{escape(job.summary)}</p>
              <p><strong>Your tasks</strong></p><ul>{items}</ul>
              <p><strong>Your profile</strong></p><ul>{reqs}</ul>
              <p>Skills: {escape(", ".join(job.skills))}</p>
            </div>
          </section>
        </div>
        <ul class="description__job-criteria-list">{criteria_html}
        </ul>
      </section>
    </main>
    <footer class="li-footer"><small>LinkedIn © 2026</small>
      <a href="https://www.linkedin.com/legal/user-agreement">User Agreement</a>
      <a href="https://www.linkedin.com/legal/privacy-policy">Privacy Policy</a>
      <a href="https://www.linkedin.com/legal/cookie-policy">Cookie Policy</a></footer>
  </body>
</html>
"""


def view(request: FakeRequest) -> FakeResponse:
    match = re.search(r"(\d+)/?$", request.path)
    job = next((j for j in LINKEDIN_JOBS if match and j.job_id == match.group(1)), None)
    if job is None:
        return FakeResponse(404, "<!DOCTYPE html><html><body><h1>Page not found</h1></body></html>")
    return FakeResponse(200, view_page(job))


ROBOTS = """# Notice: The use of robots or other automated means to access LinkedIn without
# the express permission of LinkedIn is strictly prohibited.
User-agent: *
Disallow: /
"""


def robots(_request: FakeRequest) -> FakeResponse:
    return FakeResponse(200, ROBOTS, "text/plain; charset=utf-8")


def site() -> Site:
    return Site(
        LINKEDIN_HOST,
        "LinkedIn guest job search and job view (JobSpy's LinkedIn scraper)",
        routes={SEARCH_PATH: search, "/robots.txt": robots},
        prefixes=[("/jobs/view/", view)],
    )
