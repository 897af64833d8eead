"""Realistic career-site pages of a chosen size, for routing and cost scenarios.

A page is what a company's career site really serves: a header with the
site's navigation, a cookie banner, inline scripts and styles, a sidebar of
other openings, a long footer - and, inside ``<main><article>``, the posting
itself. Sizes are measured with the application's own Qwen token counter.
No structured data (JSON-LD) is embedded: these pages need a model.

``spec_mix`` draws pages with the original specification's size distribution
(45 % under 2K raw tokens, 35 % 2-5K, 15 % 5-8K, 4 % 8-16K, 1 % over 16K).
"""

from __future__ import annotations

import html
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace

from jobscraper.ai.tokens import count_tokens

COMPANIES = ["Acme Robotics", "Globex AI", "Northwind Data", "Initech", "Umbrella Health"]
CITIES = ["Berlin, Germany", "Amsterdam, Netherlands", "London, UK", "Lisbon, Portugal"]
TITLES = [
    "Senior Python Engineer",
    "Data Engineer",
    "Machine Learning Engineer",
    "Site Reliability Engineer",
    "Frontend Developer",
    "Product Designer",
]
SKILLS = ["Python", "SQL", "Kubernetes", "AWS", "TypeScript", "React", "Go", "Terraform"]
WORDS = [
    "team",
    "product",
    "customers",
    "build",
    "design",
    "scale",
    "reliable",
    "data",
    "services",
    "platform",
    "ownership",
    "mentoring",
    "review",
    "quality",
    "growth",
    "impact",
    "roadmap",
    "delivery",
    "collaborate",
    "improve",
    "learning",
    "systems",
    "architecture",
    "testing",
    "monitoring",
    "security",
    "performance",
    "users",
    "features",
    "planning",
]
SPEC_BUCKETS = [  # (share of pages, raw-token range)
    (0.45, (600, 1999)),
    (0.35, (2000, 4999)),
    (0.15, (5000, 7999)),
    (0.04, (8000, 15999)),
    (0.01, (16000, 24000)),
]


@dataclass
class JobPage:
    url: str
    html: str
    title: str
    company: str
    target_raw_tokens: int
    prompt_tokens: int | None = None
    """The whole prompt's size in Qwen tokens when the page was built to it
    (``page_with_prompt_tokens``); None for a page built to a raw size."""

    @property
    def raw_tokens(self) -> int:
        return count_tokens(self.html)


def _sentence(rng: random.Random, n: int = 14) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def _paragraphs(rng: random.Random, count: int) -> str:
    return "\n".join(f"<p>{' '.join(_sentence(rng) for _ in range(4))}</p>" for _ in range(count))


def _boilerplate_head(rng: random.Random, company: str, units: int) -> str:
    css = "\n".join(
        f".c{i}{{margin:{i % 7}px;padding:{i % 5}px;color:#{rng.randrange(0xFFFFFF):06x}}}"
        for i in range(units * 4)
    )
    tracking = ",".join(f'"evt{i}":"{rng.randrange(10**9)}"' for i in range(units * 3))
    return (
        f"<head><meta charset='utf-8'><title>Careers at {html.escape(company)}</title>"
        f"<style>{css}</style>"
        f"<script>window.__CONFIG__={{{tracking}}};</script></head>"
    )


def _nav(company: str, units: int) -> str:
    links = "".join(
        f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(max(8, units * 2))
    )
    return (
        f'<header class="site-header"><a class="logo" href="/">{html.escape(company)}</a>'
        f'<nav class="main-nav"><ul>{links}</ul></nav></header>'
        '<div id="cookie-banner" class="cookie-consent">We use cookies to improve your '
        "experience. By continuing you accept our cookie policy. "
        "<button>Accept all</button><button>Settings</button></div>"
    )


def _sidebar(rng: random.Random, units: int) -> str:
    items = "".join(
        f'<li><a href="/jobs/{rng.randrange(10**6)}">{rng.choice(TITLES)}</a> '
        f"<span>{rng.choice(CITIES)}</span></li>"
        for _ in range(units * 2)
    )
    return f'<aside class="related-jobs"><h3>Other openings</h3><ul>{items}</ul></aside>'


def _footer(company: str, units: int) -> str:
    cols = "".join(
        f'<div class="footer-col"><h4>Links {c}</h4><ul>'
        + "".join(f'<li><a href="/f/{c}/{i}">Footer link {i}</a></li>' for i in range(6))
        + "</ul></div>"
        for c in range(max(2, units))
    )
    return (
        f'<footer class="site-footer">{cols}<p>© 2026 {html.escape(company)}. All rights '
        "reserved. Privacy policy. Imprint. Terms of use.</p></footer>"
        "<script>(function(){var a=document.createElement('script');a.async=1;"
        "a.src='https://analytics.example/tag.js';document.head.appendChild(a);})();</script>"
    )


def _article(rng: random.Random, title: str, company: str, paragraphs: int) -> str:
    skills = rng.sample(SKILLS, 4)
    low = rng.randrange(50, 90) * 1000
    return (
        f"<main><article class='job-posting'><h1>{html.escape(title)}</h1>"
        f"<p class='meta'>{html.escape(company)} · {rng.choice(CITIES)} · Full-time · Hybrid</p>"
        f"<p>Salary: {low:,} - {low + 20000:,} EUR per year.</p>"
        f"<h2>About the role</h2>{_paragraphs(rng, paragraphs)}"
        "<h2>What you bring</h2><ul>"
        + "".join(f"<li>Experience with {s}</li>" for s in skills)
        + "</ul><h2>How to apply</h2><p>Send us your CV through the form below.</p>"
        "</article></main>"
    )


def make_page(
    target_raw_tokens: int,
    *,
    seed: int = 0,
    boilerplate_share: float = 0.55,
    url: str | None = None,
    title: str | None = None,
) -> JobPage:
    """A page of about ``target_raw_tokens`` raw tokens, the given share of it boilerplate."""
    rng = random.Random(seed)
    company = rng.choice(COMPANIES)
    title = title or rng.choice(TITLES)
    url = url or f"https://careers.{company.lower().replace(' ', '-')}.com/jobs/{seed}"
    units = max(1, int(target_raw_tokens * boilerplate_share / 260))
    paragraphs = max(1, int(target_raw_tokens * (1 - boilerplate_share) / 75))

    def render(n_units: int, n_par: int) -> str:
        r = random.Random(seed)
        return (
            "<!doctype html><html lang='en'>"
            + _boilerplate_head(r, company, n_units)
            + "<body>"
            + _nav(company, n_units)
            + "<div class='layout'>"
            + _article(r, title, company, n_par)
            + _sidebar(r, n_units)
            + "</div>"
            + _footer(company, n_units)
            + "</body></html>"
        )

    page = render(units, paragraphs)
    # Two corrections with the real counter bring the size close to the target.
    for _ in range(2):
        raw = count_tokens(page)
        scale = target_raw_tokens / max(raw, 1)
        units = max(1, round(units * scale))
        paragraphs = max(1, round(paragraphs * scale))
        page = render(units, paragraphs)
    return JobPage(url, page, title, company, target_raw_tokens)


def spec_mix(count: int = 100, *, seed: int = 7) -> list[JobPage]:
    """``count`` pages with the original specification's size distribution."""
    return mix_pages(count, SPEC_BUCKETS, seed=seed)[:count]


def mix_pages(
    count: int, buckets: Sequence[tuple[float, tuple[float, float]]], *, seed: int = 7
) -> list[JobPage]:
    """About ``count`` pages drawn from ``(share, (low, high raw tokens))`` buckets.

    Each bucket gives ``round(count * share)`` pages, so the total can differ
    from ``count`` when the shares do not add up: callers check.
    """
    rng = random.Random(seed)
    pages: list[JobPage] = []
    for share, (low, high) in buckets:
        n = round(count * share)
        for _ in range(n):
            target = rng.randint(int(low * 1.05), int(high * 0.92))  # sizes are approximate
            # Very long pages are long postings (terms, benefits, legal text), not furniture.
            boilerplate = 0.15 if low >= 16000 else rng.uniform(0.45, 0.7)
            pages.append(
                make_page(target, seed=len(pages) + seed * 1000, boilerplate_share=boilerplate)
            )
    return pages


def prompt_tokens_of(page_html: str, url: str) -> int:
    """The whole-prompt token count the application computes for a page (no routing)."""
    from jobscraper.ai.pruning import prune
    from jobscraper.ai.schema import build_messages
    from jobscraper.ai.tokens import count_chat_tokens

    return count_chat_tokens(build_messages(prune(page_html).text, url))


def page_with_prompt_tokens(target: int, *, seed: int = 0, title: str | None = None) -> JobPage:
    """A realistic page whose whole prompt, as the application builds it, is ``target`` tokens.

    The page keeps its site furniture (pruned away before counting); the posting's
    text is lengthened or shortened one word at a time, measuring with the
    application's own pruning, prompt and Qwen token counter until it matches.
    """
    rng = random.Random(seed)
    company = rng.choice(COMPANIES)
    title = title or rng.choice(TITLES)
    url = f"https://careers.{company.lower().replace(' ', '-')}.com/jobs/{seed}-{target}"
    base_words = [rng.choice(WORDS) for _ in range(64)]

    def render(words: int) -> str:
        r = random.Random(seed)
        body = " ".join(base_words[i % len(base_words)] for i in range(words))
        article = _article(r, title, company, 1).replace(
            "<h2>What you bring</h2>", f"<p>{body}</p><h2>What you bring</h2>"
        )
        return (
            "<!doctype html><html lang='en'>"
            + _boilerplate_head(r, company, 3)
            + "<body>"
            + _nav(company, 3)
            + "<div class='layout'>"
            + article
            + _sidebar(r, 3)
            + "</div>"
            + _footer(company, 3)
            + "</body></html>"
        )

    words = max(0, target - prompt_tokens_of(render(0), url))
    seen: set[int] = set()
    for _ in range(60):
        count = prompt_tokens_of(render(words), url)
        if count == target:
            return JobPage(url, render(words), title, company, target, prompt_tokens=target)
        seen.add(words)
        step = target - count
        words = max(0, words + step)
        if words in seen:  # oscillating around the target: walk one word at a time
            words = max(0, words + (1 if step > 0 else -1))
    raise ValueError(f"no page with a prompt of exactly {target} tokens (smallest is larger?)")


def with_job_posting(page: JobPage) -> JobPage:
    """The same page with its posting also published as schema.org ``JobPosting`` data
    (a JSON-LD block in the head), as most career sites publish it."""
    data = {
        "@context": "https://schema.org",
        "@type": "JobPosting",
        "title": page.title,
        "hiringOrganization": {"@type": "Organization", "name": page.company},
        "datePosted": "2026-11-02",
        "description": f"{page.title} at {page.company}.",
        "url": page.url,
    }
    block = f'<script type="application/ld+json">{json.dumps(data)}</script>'
    return replace(page, html=page.html.replace("</head>", block + "</head>", 1))
