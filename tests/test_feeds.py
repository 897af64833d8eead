"""Hiring platforms' public feeds: which request, and the postings in an answer."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from jobscraper.models import FieldSource
from jobscraper.sources.feeds import FeedUnreadable, read_feed
from jobscraper.sources.platforms.ashby import Ashby
from jobscraper.sources.platforms.base import FeedRequest, Platform
from jobscraper.sources.platforms.greenhouse import Greenhouse
from jobscraper.sources.platforms.lever import Lever
from jobscraper.sources.platforms.personio import Personio
from jobscraper.sources.platforms.recruitee import Recruitee
from jobscraper.sources.platforms.smartrecruiters import SmartRecruiters
from jobscraper.sources.platforms.workable import Workable
from jobscraper.sources.platforms.workday import Workday

FEEDS = Path(__file__).parent / "fixtures" / "platforms"


@pytest.mark.parametrize(
    ("platform", "career_url", "feed_url"),
    [
        (Greenhouse(), "https://boards.greenhouse.io/fjordline",
         "https://boards-api.greenhouse.io/v1/boards/fjordline/jobs?content=true"),
        (Lever(), "https://jobs.lever.co/kelpwave",
         "https://api.lever.co/v0/postings/kelpwave?mode=json"),
        (Lever(), "https://jobs.eu.lever.co/kelpwave",
         "https://api.eu.lever.co/v0/postings/kelpwave?mode=json"),
        (Ashby(), "https://jobs.ashbyhq.com/brightmoor",
         "https://api.ashbyhq.com/posting-api/job-board/brightmoor?includeCompensation=true"),
        (Workable(), "https://apply.workable.com/tessellate/",
         "https://apply.workable.com/api/v1/widget/accounts/tessellate?details=true"),
        (Workday(), "https://voltaris.wd3.myworkdayjobs.com/en-US/Careers",
         "https://voltaris.wd3.myworkdayjobs.com/wday/cxs/voltaris/Careers/jobs"),
        (Personio(), "https://alpenfrost.jobs.personio.de/",
         "https://alpenfrost.jobs.personio.de/xml?language=en"),
        (SmartRecruiters(), "https://jobs.smartrecruiters.com/Orbiton",
         "https://api.smartrecruiters.com/v1/companies/Orbiton/postings?limit=100&offset=0"),
        (Recruitee(), "https://polderwater.recruitee.com/",
         "https://polderwater.recruitee.com/api/offers/"),
    ],
)
def test_a_career_sites_address_names_its_feed(platform: Platform, career_url: str,
                                               feed_url: str) -> None:
    request = platform.feed_request(career_url)
    assert request is not None and request.url == feed_url


@pytest.mark.parametrize("url", [
    "https://boards.greenhouse.io/fjordline/jobs/4410021",
    "https://jobs.lever.co/kelpwave/0b1f7c2e-8d3a-4f55-9a0e-1c2d3e4f5a6b",
    "https://apply.workable.com/tessellate/j/8C2D41F0A7/",
    "https://careers.example.com/jobs",
])
def test_a_posting_page_or_another_site_has_no_feed(url: str) -> None:
    assert all(platform.feed_request(url) is None
               for platform in (Greenhouse(), Lever(), Workable(), Ashby()))


def _values(platform: Platform, name: str, request: FeedRequest) -> list[dict[str, Any]]:
    page = platform.feed_page((FEEDS / name).read_text(encoding="utf-8"), request)
    return [values.values for values in (page.postings or page.cards)]


def test_feed_answers_give_whole_postings() -> None:
    [data, analyst] = _values(Greenhouse(), "greenhouse-feed.json", FeedRequest("x"))
    assert (data["title"], data["company"], data["location"]) == (
        "Staff Data Engineer", "Fjordline Logistics", "Oslo, Norway")
    assert "route-planning data platform" in data["description"]
    assert analyst["remote"] == "remote"
    [backend, technician] = _values(Lever(), "lever-feed.json", FeedRequest("x"))
    assert (backend["salary_min"], backend["salary_max"], backend["salary_currency"],
            backend["salary_interval"], backend["remote"]) == (62000, 78000, "EUR", "year",
                                                                "remote")
    assert "Go in production" in backend["description"]
    assert technician["remote"] == "on-site"
    [designer] = _values(Ashby(), "ashby-feed.json", FeedRequest("x", board="brightmoor"))
    assert (designer["salary_min"], designer["remote"], designer["employment_type"]) == (
        130000, "hybrid", "full-time")
    [lead, support] = _values(Workable(), "workable-feed.json", FeedRequest("x"))
    assert (lead["company"], lead["location"], support["remote"],
            support["employment_type"]) == ("Tessellate", "Dublin, Ireland", "remote",
                                            "part-time")
    [student, technician_de] = _values(Personio(), "personio-feed.xml", FeedRequest(
        "https://alpenfrost.jobs.personio.de/xml?language=en"))
    assert (student["employment_type"], student["url"]) == (
        "internship", "https://alpenfrost.jobs.personio.de/job/1801234")
    assert (technician_de["location"], technician_de["employment_type"]) == (
        "Innsbruck, Wien", "full-time, part-time")
    [engineer] = _values(SmartRecruiters(), "smartrecruiters-feed.json",
                         FeedRequest("x", board="Orbiton"))
    assert (engineer["company"], engineer["location"], engineer["url"]) == (
        "Orbiton SAS", "Toulouse, Occitanie, FR",
        "https://jobs.smartrecruiters.com/Orbiton/744000011111")
    [steward] = _values(Recruitee(), "recruitee-feed.json", FeedRequest("x"))
    assert (steward["remote"], steward["salary_min"], steward["salary_interval"]) == (
        "hybrid", 4200, "month")


def test_a_paged_feed_of_job_cards_asks_for_the_next_page() -> None:
    request = Workday().feed_request("https://voltaris.wd3.myworkdayjobs.com/en-US/Careers")
    page = Workday().feed_page((FEEDS / "workday-feed.json").read_text(), request)
    assert page.postings == []
    assert [c.values["url"] for c in page.cards] == [
        "https://voltaris.wd3.myworkdayjobs.com/Careers/job/Germany-Leipzig/"
        "Process-Engineer---Battery-Cells_R-10442",
        "https://voltaris.wd3.myworkdayjobs.com/Careers/job/Germany-Leipzig/"
        "Quality-Technician_R-10443",
    ]
    assert page.next_request is not None and page.next_request.json_body["offset"] == 2


class FakeCrawler:
    """Answers feed requests from the fixtures and career pages from a dict."""

    def __init__(self, answers: dict[str, str], pages: dict[str, str] | None = None) -> None:
        self.answers, self.pages, self.asked = answers, pages or {}, []

    async def fetch_data(self, url: str, *, method: str = "GET", json_body: Any = None) -> str:
        self.asked.append(url)
        return self.answers[url]

    async def fetch(self, url: str, render: bool = False) -> Any:
        from jobscraper.sources.crawler import Page

        self.asked.append(url)
        return Page(url=url, final_url=url, status=200, html=self.pages[url])


def test_reading_a_feed_gives_postings_with_their_sources_and_the_salary_in_the_text() -> None:
    platform = Greenhouse()
    request = platform.feed_request("https://boards.greenhouse.io/fjordline")
    crawler = FakeCrawler({request.url: (FEEDS / "greenhouse-feed.json").read_text()})
    result = asyncio.run(read_feed(platform, request, "https://boards.greenhouse.io/fjordline",
                                   crawler, limit=50))  # type: ignore[arg-type]
    assert crawler.asked == [request.url]  # one request, no page
    data = result.postings[0]
    assert (data.salary_min, data.salary_max, data.salary_currency) == (950000, 1150000, "NOK")
    assert data.field_sources["title"] == FieldSource.PLATFORM
    assert data.field_sources["salary_min"] == FieldSource.TEXT
    assert data.site == "job-boards.greenhouse.io"


def test_a_feed_without_the_company_takes_it_from_the_career_page() -> None:
    platform = Lever()
    request = platform.feed_request("https://jobs.lever.co/kelpwave")
    crawler = FakeCrawler({request.url: (FEEDS / "lever-feed.json").read_text()},
                          {"https://jobs.lever.co/kelpwave":
                           (FEEDS / "lever-listing.html").read_text()})
    result = asyncio.run(read_feed(platform, request, "https://jobs.lever.co/kelpwave",
                                   crawler, limit=1))  # type: ignore[arg-type]
    assert [(p.title, p.company) for p in result.postings] == [("Backend Engineer (Go)",
                                                                "Kelpwave")]
    assert result.requests == 2


def test_an_answer_in_another_shape_is_unreadable() -> None:
    platform = Greenhouse()
    request = platform.feed_request("https://boards.greenhouse.io/fjordline")
    crawler = FakeCrawler({request.url: "<html>We moved our jobs</html>"})
    with pytest.raises(FeedUnreadable):
        asyncio.run(read_feed(platform, request, "https://boards.greenhouse.io/fjordline",
                              crawler, limit=5))  # type: ignore[arg-type]
