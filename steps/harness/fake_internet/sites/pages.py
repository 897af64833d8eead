"""Whole fixture pages and sites (home, listing, postings, sitemap) from the catalogue.

``build.py`` writes the static sites to disk; ``companies.py`` renders the
generated companies on demand with the same functions.
"""

# ruff: noqa: E501 - HTML templates keep real markup on one line, as the sites do

from __future__ import annotations

import json
from collections.abc import Iterable
from html import escape
from typing import Any
from urllib.parse import urlsplit

from .brands import GLOBEX_BRAND
from .catalogue import (
    GLOBEX_JOBS,
    PostingInfo,
)
from .render import (
    EMPLOYMENT_LABELS,
    ROBOTS_ALLOW_ALL,
    Brand,
    job_card,
    job_posting_data,
    json_ld,
    page,
    posting_main,
    salary_text,
)

Files = dict[str, bytes]  # "<host>/<relative path>" -> content


def _path(url: str) -> str:
    return urlsplit(url).path


def home_page(brand: Brand, jobs: Iterable[PostingInfo]) -> str:
    count = len(list(jobs))
    main = f"""    <section class="hero">
      <h1>Work at {escape(brand.name)}</h1>
      <p>{escape(brand.about)}</p>
      <p><a class="button" href="/jobs">See all {count} open positions</a></p>
    </section>
    <section class="values">
      <h2>How we work</h2>
      <p>We hire people who like hard problems and kind colleagues. Teams are small, decisions
      are written down, and everybody can read the plans and the numbers. Most teams meet in
      person once a week and work wherever suits them on the other days.</p>
      <h2>Our hiring process</h2>
      <ol>
        <li>A 30-minute call with a recruiter about you, the role and what matters to you.</li>
        <li>A technical conversation with two future colleagues, based on real work.</li>
        <li>A meeting with the hiring manager, then a decision within five working days.</li>
      </ol>
    </section>"""
    return page(
        brand,
        title="Careers",
        description=f"Careers at {brand.name}: {brand.tagline}.",
        path="/",
        main=main,
    )


def listing_page(brand: Brand, jobs: tuple[PostingInfo, ...], *, item_list: bool) -> str:
    cards = "\n".join(job_card(p, _path(p.url)) for p in jobs)
    main = f"""    <h1>Open positions</h1>
    <p class="intro">{len(jobs)} open positions at {escape(brand.name)}. Filter by team or
    location, or send us an open application if nothing fits yet.</p>
    <form class="job-filter" action="/jobs" method="get">
      <label>Keyword <input type="search" name="q" placeholder="e.g. Python"></label>
      <label>Location <select name="location"><option value="">All locations</option>
      </select></label>
      <button type="submit">Search</button>
    </form>
    <section class="job-list">
{cards}
    </section>
    <p>Do not see the right role? <a href="/open-application">Send an open application</a>.</p>"""
    head = ""
    if item_list:
        head = json_ld(
            {
                "@context": "https://schema.org",
                "@type": "ItemList",
                "name": f"Open positions at {brand.name}",
                "numberOfItems": len(jobs),
                "itemListElement": [
                    {"@type": "ListItem", "position": i, "url": p.url, "name": p.title}
                    for i, p in enumerate(jobs, 1)
                ],
            }
        )
    return page(
        brand,
        title="Open positions",
        description=f"All open positions at {brand.name}.",
        path="/jobs",
        main=main,
        head_extra=head,
    )


def posting_page(
    brand: Brand, p: PostingInfo, *, structured: str, listing_path: str = "/jobs"
) -> str:
    """``structured``: "plain" (a JobPosting object), "graph" (inside ``@graph``) or "none"."""
    head = ""
    data = job_posting_data(p, brand)
    if structured == "plain":
        head = json_ld(data)
    elif structured == "graph":
        del data["@context"]
        org = dict(data["hiringOrganization"], **{"@id": f"{brand.same_as}/#organization"})
        data["hiringOrganization"] = {"@id": org["@id"]}
        graph: dict[str, Any] = {
            "@context": "https://schema.org",
            "@graph": [
                org,
                {
                    "@type": "WebPage",
                    "@id": f"{p.url}#webpage",
                    "url": p.url,
                    "name": p.title,
                    "isPartOf": {"@id": f"{brand.origin}/#website"},
                },
                {
                    "@type": "BreadcrumbList",
                    "itemListElement": [
                        {
                            "@type": "ListItem",
                            "position": 1,
                            "name": "Home",
                            "item": f"{brand.origin}/",
                        },
                        {
                            "@type": "ListItem",
                            "position": 2,
                            "name": "Open positions",
                            "item": f"{brand.origin}/jobs",
                        },
                        {"@type": "ListItem", "position": 3, "name": p.title},
                    ],
                },
                data,
            ],
        }
        head = json_ld(graph)
    return page(
        brand,
        title=p.title,
        description=f"{p.title} at {brand.name} in {p.location}. {salary_text(p)}.",
        path=_path(p.url),
        main=posting_main(p, brand, listing_path),
        head_extra=head,
        og_type="article",
    )


def sitemap(brand: Brand, urls: Iterable[str]) -> str:
    entries = "".join(f"  <url><loc>{escape(u)}</loc></url>\n" for u in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"  <url><loc>{brand.origin}/</loc></url>\n  <url><loc>{brand.origin}/jobs</loc></url>\n"
        f"{entries}</urlset>\n"
    )


def career_site(
    brand: Brand,
    jobs: tuple[PostingInfo, ...],
    *,
    structured: dict[str, str] | None = None,
    item_list: bool = False,
    robots: str | None = None,
) -> Files:
    """Home, listing, postings, robots.txt and sitemap of one static career site."""
    structured = structured or {}
    files: dict[str, str] = {
        "index.html": home_page(brand, jobs),
        "jobs.html": listing_page(brand, jobs, item_list=item_list),
        "robots.txt": robots or ROBOTS_ALLOW_ALL.format(host=brand.host),
        "sitemap.xml": sitemap(brand, (p.url for p in jobs)),
    }
    for p in jobs:
        kind = structured.get(p.job_id, structured.get("*", "none"))
        files[_path(p.url).lstrip("/") + ".html"] = posting_page(brand, p, structured=kind)
    return {f"{brand.host}/{name}": text.encode("utf-8") for name, text in files.items()}


GLOBEX_SHELL_SCRIPT = """
  <script>
    /* Globex careers app (build 2026.11.3). Renders the job list from the jobs API. */
    (function () {
      var app = document.getElementById("app");
      function render(data) {
        var h1 = document.createElement("h1");
        h1.textContent = "Open positions at Globex AI";
        app.appendChild(h1);
        var list = document.createElement("ul");
        list.className = "job-list";
        data.jobs.forEach(function (job) {
          var item = document.createElement("li");
          item.className = "job-item";
          var link = document.createElement("a");
          link.className = "job-link";
          link.href = job.url;
          link.textContent = job.title;
          var meta = document.createElement("p");
          meta.className = "job-meta";
          meta.textContent = job.location + " · " + job.employmentType + " · " + job.salary;
          item.appendChild(link);
          item.appendChild(meta);
          list.appendChild(item);
        });
        app.appendChild(list);
        app.setAttribute("data-loaded", "true");
      }
      fetch("/api/jobs.json", { headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(render)
        .catch(function () {
          app.textContent = "We could not load our open positions. Please try again later.";
        });
    })();
  </script>"""


def globex_site() -> Files:
    """A JavaScript app shell at /jobs, a JSON API, and static posting pages."""
    brand, jobs = GLOBEX_BRAND, GLOBEX_JOBS
    shell = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Open positions | Globex AI Careers</title>
  <meta name="description" content="Open positions at Globex AI in Amsterdam, San Francisco and remote.">
  <link rel="canonical" href="{brand.origin}/jobs">
  <meta property="og:title" content="Open positions at Globex AI">
  <meta property="og:url" content="{brand.origin}/jobs">
  <link rel="icon" href="/favicon.ico">
</head>
<body>
  <noscript>Enable JavaScript.</noscript>
  <div id="app"></div>
{GLOBEX_SHELL_SCRIPT}
</body>
</html>
"""
    api = {
        "jobs": [
            {
                "id": p.job_id,
                "title": p.title,
                "url": _path(p.url),
                "location": p.location,
                "remote": p.remote,
                "employmentType": EMPLOYMENT_LABELS[p.employment_type],
                "salary": salary_text(p),
                "postedAt": p.date_posted,
            }
            for p in jobs
        ]
    }
    files: dict[str, str] = {
        "index.html": home_page(brand, jobs),
        "jobs.html": shell,
        "api/jobs.json": json.dumps(api, indent=2, ensure_ascii=False) + "\n",
        "robots.txt": ROBOTS_ALLOW_ALL.format(host=brand.host),
        "sitemap.xml": sitemap(brand, (p.url for p in jobs)),
    }
    for p in jobs:
        files[_path(p.url).lstrip("/") + ".html"] = posting_page(brand, p, structured="plain")
    return {f"{brand.host}/{name}": text.encode("utf-8") for name, text in files.items()}


PRIVATE_ROBOTS = """# We ask automated agents not to read our job pages.
User-agent: *
Disallow: /jobs
Allow: /
"""
