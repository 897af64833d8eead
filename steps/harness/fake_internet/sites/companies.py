"""``company-01.example-jobs.test`` ...: many similar career sites on demand.

For scenarios such as "ten companies are scraped, at most five at once":
``FakeInternet.add_companies(10, delay_s=0.5)`` serves them until the next
reset. Each has a listing at ``/jobs`` and two JSON-LD posting pages (or as
many as ``add_companies(..., postings=N)`` asks for), rendered from
``company_info(i)`` (so steps can assert on the expected postings).

How many postings each served company has is remembered here until the fake
internet's next reset (``serve_postings`` / ``forget_postings``), so that
``company_info(i)`` - which the steps reach by a company's name or address -
describes the site as it is served.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

from ..model import FakeRequest, FakeResponse
from ..registry import Site
from .catalogue import PostingInfo, SiteInfo
from .pages import home_page, listing_page, posting_page
from .render import ROBOTS_ALLOW_ALL, Brand

DOMAIN = "example-jobs.test"
CITIES = (
    ("Hamburg", "Hamburg", "DE"),
    ("Lyon", "Auvergne-Rhône-Alpes", "FR"),
    ("Rotterdam", "South Holland", "NL"),
    ("Vienna", "Vienna", "AT"),
    ("Gothenburg", "Västra Götaland", "SE"),
)
# A stored location names the country in words, as the catalogue's own sites do
# ("Munich, Bavaria, Germany"); the pages carry the ISO code.
COUNTRY_NAMES = {"DE": "Germany", "FR": "France", "NL": "Netherlands", "AT": "Austria",
                 "SE": "Sweden"}
ROLES = (
    ("Backend Engineer", "Build and run the services behind our customer portal in Python."),
    ("Data Analyst", "Turn sales and operations data into weekly decisions with SQL and dbt."),
    ("QA Engineer", "Automate end-to-end tests with Playwright and keep releases boring."),
    ("Product Designer", "Design clear workflows for operators who use our tools all day."),
)


def company_host(i: int) -> str:
    return f"company-{i:02d}.{DOMAIN}"


def company_brand(i: int) -> Brand:
    city = CITIES[i % len(CITIES)][0]
    return Brand(
        name=f"Example Company {i:02d}",
        host=company_host(i),
        tagline=f"Logistics software from {city}",
        about=(
            f"Example Company {i:02d} makes scheduling software for regional logistics firms. "
            f"Founded in {2000 + i}, we are 60 people in {city} and remote across Europe, "
            "and we care about sustainable pace, written decisions and friendly code review."
        ),
        address=f"Example Company {i:02d} · Hafenstraße {i} · {city}",
        colour="#495057",
        benefits=("28 days of holiday", "A learning budget", "Flexible working hours"),
        same_as=f"https://www.company-{i:02d}.{DOMAIN}",
    )


DEFAULT_POSTINGS = 2
# company number -> its postings, for the companies served with another count
_SERVED_POSTINGS: dict[int, int] = {}


def serve_postings(i: int, postings: int) -> None:
    """Company ``i`` is served with ``postings`` postings until ``forget_postings()``."""
    if postings == DEFAULT_POSTINGS:
        _SERVED_POSTINGS.pop(i, None)
    else:
        _SERVED_POSTINGS[i] = postings


def forget_postings() -> None:
    """Every company back to its default postings (the fake internet's reset)."""
    _SERVED_POSTINGS.clear()


def company_info(i: int) -> SiteInfo:
    """The expected postings of company ``i`` (1-based), as it is served now."""
    return _company_info(i, _SERVED_POSTINGS.get(i, DEFAULT_POSTINGS))


@cache
def _company_info(i: int, count: int) -> SiteInfo:
    host = company_host(i)
    city, region, country = CITIES[i % len(CITIES)]
    postings = []
    for n in range(count):
        title, summary = ROLES[(i + n) % len(ROLES)]
        job_id = f"{i:02d}{n + 1}"
        slug = title.lower().replace(" ", "-")
        postings.append(
            PostingInfo(
                url=f"https://{host}/jobs/{job_id}-{slug}",
                job_id=job_id,
                title=title,
                company=f"Example Company {i:02d}",
                location=f"{city}, {region}, {COUNTRY_NAMES[country]}",
                city=city,
                region=region,
                country=country,
                salary_min=50000 + 1000 * i,
                salary_max=60000 + 1000 * i,
                salary_currency="EUR",
                salary_interval="YEAR",
                date_posted=f"2026-11-{(i % 20) + 1:02d}",
                summary=summary + " You will join a team of six and report to the CTO.",
                responsibilities=(summary, "Share your work in our fortnightly demo"),
                requirements=("Two or more years of relevant experience", "Good English"),
                skills=("Python", "SQL"),
            )
        )
    return SiteInfo(
        host=host,
        kind="json-ld",
        description=f"generated company {i:02d}: listing + {count} JSON-LD postings",
        start_url=f"https://{host}/jobs",
        company=f"Example Company {i:02d}",
        postings=tuple(postings),
    )


@cache
def _pages(i: int, count: int) -> dict[str, str]:
    info, brand = _company_info(i, count), company_brand(i)
    pages = {
        "/": home_page(brand, info.postings),
        "/jobs": listing_page(brand, info.postings, item_list=False),
        "/robots.txt": ROBOTS_ALLOW_ALL.format(host=info.host),
    }
    for p in info.postings:
        pages[urlsplit(p.url).path] = posting_page(brand, p, structured="plain")
    return pages


def company_site(i: int, postings: int = DEFAULT_POSTINGS) -> Site:
    """A ``Site`` serving company ``i`` with ``postings`` postings."""

    def handler(request: FakeRequest) -> FakeResponse:
        body = _pages(i, postings).get(request.path.rstrip("/") or "/")
        if body is None:
            return FakeResponse(404, "<!DOCTYPE html><html><body><h1>Not found</h1></body></html>")
        kind = "text/plain; charset=utf-8" if request.path == "/robots.txt" else None
        return FakeResponse(200, body, kind or "text/html; charset=utf-8")

    info = _company_info(i, postings)
    return Site(info.host, info.description, catch_all=handler)
