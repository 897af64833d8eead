"""Pages a hostile or broken career site serves, for the resilience features.

Each is named as a scenario says it ("binary data served as a web page") and served
by the fake internet at ``https://careers.hostile-pages.example/<slug>``. Pages that
should be read are realistic (crawl4ai flags thin pages as blocked): a schema.org
posting and a few paragraphs of text.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

HOSTILE_HOST = "careers.hostile-pages.example"
REDIRECTING_APP_HOST = "careers.redirecting-app.example"
TRUTHFUL_HOST = "careers.truthful-data.example"
POSTING_TITLE = "Data Wrangler"
COMPANY = "Hostile Pages Ltd"

_PARAGRAPHS = "\n".join(
    f"<p>As our Data Wrangler you look after pipeline number {i}: you keep its inputs "
    "clean, its outputs documented and its owners informed. You work with analysts, "
    "engineers and the people who use the numbers every day.</p>"
    for i in range(1, 13)
)


def json_ld(job: dict[str, object]) -> str:
    return f'<script type="application/ld+json">{json.dumps(job)}</script>'


def posting_job(url: str, **fields: object) -> dict[str, object]:
    """A schema.org JobPosting of the Data Wrangler, with ``fields`` replaced."""
    return {
        "@context": "https://schema.org", "@type": "JobPosting", "title": POSTING_TITLE,
        "url": url, "datePosted": "2026-11-02",
        "hiringOrganization": {"@type": "Organization", "name": COMPANY},
        "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress",
                                                       "addressLocality": "Leeds",
                                                       "addressCountry": "GB"}},
        "description": "Keep our data pipelines clean and documented.",
        **fields,
    }


def posting_page(url: str, body_html: str = "", **fields: object) -> str:
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{POSTING_TITLE} | {COMPANY}</title>{json_ld(posting_job(url, **fields))}"
            f"</head><body><h1>{POSTING_TITLE}</h1>{body_html}{_PARAGRAPHS}</body></html>")


@dataclass(frozen=True)
class HostilePage:
    body: Callable[[str], bytes]  # the page's address -> its bytes
    content_type: str = "text/html; charset=utf-8"


def _noise(size: int) -> bytes:
    return random.Random(size).randbytes(size)


def _nested(url: str) -> bytes:
    depth = 10_000
    return posting_page(url, "<div>" * depth + "<p>Deep inside.</p>" + "</div>" * depth
                        ).encode()


def _invalid_utf8(url: str) -> bytes:
    return posting_page(url, "<p>Caf\x00</p>").encode().replace(
        b"Caf\x00", b"Caf\xe9 \xff\xfe \xc3( \xed\xa0\x80 tea")


PAGES: dict[str, HostilePage] = {
    "binary data served as a web page": HostilePage(lambda _url: _noise(60_000)),
    "a PNG image served as a web page": HostilePage(
        lambda _url: b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _noise(30_000)),
    "an empty page": HostilePage(lambda _url: b""),
    "a page of nothing but markup": HostilePage(
        lambda _url: b"<html><head><title></title></head><body>"
                     + b"<div><span> </span></div>" * 400 + b"</body></html>"),
    "a posting nested 10,000 elements deep": HostilePage(_nested),
    "a posting with bytes that are not UTF-8": HostilePage(_invalid_utf8),
}


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def page_named(name: str) -> HostilePage:
    assert name in PAGES, f"no hostile page {name!r}; known: {sorted(PAGES)}"
    return PAGES[name]


# What a schema.org posting may claim, by the field names scenarios use.
def claim(field: str, value: str) -> dict[str, object]:
    """The JSON-LD fields of a posting that says its ``field`` is ``value``."""
    salary = {"@type": "MonetaryAmount", "currency": "GBP",
              "value": {"@type": "QuantitativeValue", "minValue": 40000, "maxValue": 50000,
                        "unitText": "YEAR"}}
    key = field.strip().lower()
    if key == "minimum salary":
        salary["value"]["minValue"] = _number_or_text(value)  # type: ignore[index]
        return {"baseSalary": salary}
    if key == "maximum salary":
        salary["value"]["maxValue"] = _number_or_text(value)  # type: ignore[index]
        return {"baseSalary": salary}
    if key == "salary currency":
        salary["currency"] = value
        return {"baseSalary": salary}
    if key == "posted date":
        return {"datePosted": value}
    if key == "description":
        return {"description": value}
    raise AssertionError(f"no schema.org claim for {field!r}")


def _number_or_text(value: str) -> object:
    try:
        return float(value) if "." in value else int(value)
    except ValueError:
        return value


# A job board app drawn by JavaScript: its data request is answered by a redirect.
REDIRECTING_APP = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Careers | Redirecting App Ltd</title></head>
<body><div id="app"></div>
<script>
  var app = document.getElementById("app");
  var h1 = document.createElement("h1"); h1.textContent = "Open positions"; app.appendChild(h1);
  fetch("/api/jobs.json").then(function (r) { return r.json(); }).catch(function () {});
</script></body></html>
"""
