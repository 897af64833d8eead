"""schema.org ``JobPosting`` data on a page -> postings, with no model.

Most career-site software (Greenhouse, Lever, Workday, Personio, SmartRecruiters
and hand-made sites following Google's job-search guidelines) embeds each
posting as schema.org ``JobPosting`` JSON-LD. Reading it is free and exact, so
it is tried before any model: such postings get route ``structured``.

Found: JSON-LD objects at the top level, in lists, inside ``@graph``, and in an
``ItemList`` (``itemListElement`` -> ``ListItem.item``), plus microdata
(``itemtype=".../JobPosting"``) and RDFa (``typeof="JobPosting"``) through extruct.
Each JSON-LD script is parsed on its own, so one broken block does not hide the others.

Values are normalised by :mod:`jobscraper.extract.normalize`: text is cleaned
(entities decoded, markup in titles kept as *text*), descriptions turned from
HTML into plain text, employment types and salary intervals mapped to one
vocabulary, ISO country codes spelled out.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
from pydantic import ValidationError

from jobscraper.extract.normalize import (
    HYBRID,
    ON_SITE,
    REMOTE,
    clean_text,
    detect_remote,
    html_to_text,
    iso_date,
    normalize_employment_type,
    parse_salary,
    salary_from_fields,
)
from jobscraper.extract.provenance import sourced
from jobscraper.models import FieldSource, PostingData, Route

log = logging.getLogger(__name__)

_LD_SCRIPT_RE = re.compile(
    r"<script\b[^>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script\s*>",
    re.IGNORECASE | re.DOTALL,
)

# A few common ISO 3166 codes spelled out without a dependency; pycountry (when
# installed) covers the rest.
_COUNTRIES = {
    "DE": "Germany",
    "US": "United States",
    "USA": "United States",
    "GB": "United Kingdom",
    "UK": "United Kingdom",
    "NL": "Netherlands",
    "FR": "France",
    "ES": "Spain",
    "IT": "Italy",
    "AT": "Austria",
    "CH": "Switzerland",
    "BE": "Belgium",
    "IE": "Ireland",
    "PL": "Poland",
    "PT": "Portugal",
    "SE": "Sweden",
    "DK": "Denmark",
    "NO": "Norway",
    "FI": "Finland",
    "CZ": "Czechia",
    "CA": "Canada",
    "AU": "Australia",
    "IN": "India",
    "JP": "Japan",
    "SG": "Singapore",
    "BR": "Brazil",
    "MX": "Mexico",
}


def country_name(value: Any) -> str | None:
    """``DE`` -> Germany; names and unknown codes are returned cleaned."""
    text = clean_text(_name_of(value))
    if not text:
        return None
    if text.upper() in _COUNTRIES and len(text) <= 3:
        return _COUNTRIES[text.upper()]
    if re.fullmatch(r"[A-Za-z]{2,3}", text):
        try:  # optional: spell out any other ISO code
            import pycountry

            found = pycountry.countries.get(
                **({"alpha_2": text.upper()} if len(text) == 2 else {"alpha_3": text.upper()})
            )
            if found is not None:
                return str(getattr(found, "common_name", None) or found.name)
        except Exception:
            pass
    return text


# --- finding JobPosting objects ---------------------------------------------------


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type") or obj.get("type") or ()
    values = value if isinstance(value, list) else [value]
    return {str(v).rsplit("/", 1)[-1].rsplit("#", 1)[-1] for v in values}


def _walk(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JobPosting object in a JSON-LD tree (graph, lists, ItemList)."""
    if depth > 8:
        return
    if isinstance(node, list):
        for item in node:
            yield from _walk(item, depth + 1)
        return
    if not isinstance(node, dict):
        return
    types = _types(node)
    if "JobPosting" in types:
        yield node
        return
    for key in ("@graph", "itemListElement", "item", "mainEntity", "hasPart", "about"):
        if key in node:
            yield from _walk(node[key], depth + 1)


def _json_ld_blocks(html: str) -> Iterator[Any]:
    for match in _LD_SCRIPT_RE.finditer(html):
        text = match.group(1).strip()
        if not text:
            continue
        text = text.removeprefix("<!--").removesuffix("-->").strip()
        try:
            yield json.loads(text, strict=False)
        except ValueError:
            # Trailing commas or a stray control character: try once more, cleaned.
            cleaned = re.sub(r",\s*([}\]])", r"\1", text)
            try:
                yield json.loads(cleaned, strict=False)
            except ValueError:
                log.debug("skipping unparsable JSON-LD block (%d chars)", len(text))


def json_ld_blocks(html: str) -> list[Any]:
    """Every parsable JSON-LD block of a page, parsed once for several readers."""
    return list(_json_ld_blocks(html))


def _microdata(html: str, base_url: str) -> list[dict[str, Any]]:
    if "itemtype" not in html or "JobPosting" not in html:
        return []
    try:
        from extruct.uniform import _umicrodata_microformat
        from extruct.w3cmicrodata import MicrodataExtractor

        document = lxml.html.fromstring(html)
        items = list(MicrodataExtractor().extract_items(document, base_url))
        return _umicrodata_microformat(items, schema_context="http://schema.org")
    except Exception as exc:  # malformed markup must not fail the page
        log.debug("microdata extraction failed: %s", exc)
        return []


def _rdfa(html: str, base_url: str) -> list[dict[str, Any]]:
    """schema.org JobPostings in RDFa (``typeof="JobPosting"``), as plain objects."""
    if "typeof" not in html or "JobPosting" not in html:
        return []
    try:
        from extruct.rdfa import RDFaExtractor

        nodes = RDFaExtractor().extract(html, base_url=base_url or None)
    except Exception as exc:  # malformed markup must not fail the page
        log.debug("RDFa extraction failed: %s", exc)
        return []
    by_id = {node["@id"]: node for node in nodes if isinstance(node, dict) and "@id" in node}
    return [_compact(node, by_id) for node in nodes
            if isinstance(node, dict) and "JobPosting" in _types(_compact_types(node))]


def _compact_types(node: dict[str, Any]) -> dict[str, Any]:
    return {"@type": [str(t) for t in node.get("@type", [])]}


def _compact(node: dict[str, Any], by_id: dict[str, dict[str, Any]], depth: int = 0) -> \
        dict[str, Any]:
    """An expanded JSON-LD node (what RDFa gives) with short keys and plain values."""
    out: dict[str, Any] = {"@type": [str(t).rsplit("/", 1)[-1] for t in node.get("@type", [])]}
    for key, values in node.items():
        if key.startswith("@") or not isinstance(values, list):
            continue
        items: list[Any] = []
        for value in values:
            if not isinstance(value, dict):
                continue
            if "@value" in value:
                items.append(value["@value"])
            elif "@id" in value:
                target = by_id.get(value["@id"])
                items.append(_compact(target, by_id, depth + 1) if target and depth < 4
                             else value["@id"])
        if items:
            out[key.rsplit("/", 1)[-1].rsplit("#", 1)[-1]] = items[0] if len(items) == 1 \
                else items
    return out


def _index_ids(node: Any, index: dict[str, dict[str, Any]], depth: int = 0) -> None:
    if depth > 10:
        return
    if isinstance(node, list):
        for item in node:
            _index_ids(item, index, depth + 1)
    elif isinstance(node, dict):
        node_id = node.get("@id")
        if isinstance(node_id, str) and len(node) > 1:
            index.setdefault(node_id, node)
        for value in node.values():
            _index_ids(value, index, depth + 1)


def _resolve(node: Any, index: dict[str, dict[str, Any]], depth: int = 0) -> Any:
    """Replace ``{"@id": ...}`` references (common inside ``@graph``) by the node they name."""
    if depth > 6:
        return node
    if isinstance(node, list):
        return [_resolve(item, index, depth + 1) for item in node]
    if isinstance(node, dict):
        if set(node) == {"@id"} and node["@id"] in index:
            return _resolve(index[node["@id"]], index, depth + 1)
        return {key: _resolve(value, index, depth + 1) for key, value in node.items()}
    return node


def find_job_postings(
    html: str, base_url: str = "", *, blocks: list[Any] | None = None
) -> list[dict[str, Any]]:
    """The raw schema.org JobPosting objects on a page (JSON-LD, then microdata).

    ``blocks``: the page's :func:`json_ld_blocks`, when the caller has them already.
    """
    found: list[dict[str, Any]] = []
    for block in _json_ld_blocks(html) if blocks is None else blocks:
        index: dict[str, dict[str, Any]] = {}
        _index_ids(block, index)
        found.extend(_resolve(job, index) if index else job for job in _walk(block))
    for item in _microdata(html, base_url):
        found.extend(_walk(item))
    found.extend(_rdfa(html, base_url))
    return found


def listed_items(html: str, base_url: str, *,
                 blocks: list[Any] | None = None) -> list[tuple[str, str | None]]:
    """The postings an ``ItemList`` names: (address, name where given), in order, once.

    ``blocks``: the page's :func:`json_ld_blocks`, when the caller has them already.
    """
    items: dict[str, str | None] = {}

    def add(url: Any, name: Any) -> None:
        if isinstance(url, str) and url.strip():
            absolute = urljoin(base_url, url.strip())
            items.setdefault(absolute, clean_text(name) if isinstance(name, str) else None)

    def walk(node: Any, depth: int = 0) -> None:
        if depth > 8:
            return
        if isinstance(node, list):
            for item in node:
                walk(item, depth + 1)
        elif isinstance(node, dict):
            if "ItemList" in _types(node):
                for entry in node.get("itemListElement") or []:
                    if isinstance(entry, str):
                        add(entry, None)
                    elif isinstance(entry, dict):
                        item = entry.get("item")
                        nested = item if isinstance(item, dict) else {}
                        add(entry.get("url") or nested.get("url") or
                            (item if isinstance(item, str) else None),
                            entry.get("name") or nested.get("name") or nested.get("title"))
            for key in ("@graph", "mainEntity", "hasPart"):
                if key in node:
                    walk(node[key], depth + 1)

    for block in _json_ld_blocks(html) if blocks is None else blocks:
        walk(block)
    return list(items.items())


def listed_urls(html: str, base_url: str, *, blocks: list[Any] | None = None) -> list[str]:
    """Posting addresses named by ``ItemList`` entries (``ListItem.url`` / ``item.url``).

    ``blocks``: the page's :func:`json_ld_blocks`, when the caller has them already.
    """
    return [url for url, _name in listed_items(html, base_url, blocks=blocks)]


def has_structured_postings(html: str) -> bool:
    """Cheap check: does the page carry any JobPosting data?"""
    return "JobPosting" in html and bool(find_job_postings(html))


# --- mapping to PostingData -------------------------------------------------------


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _name_of(value: Any) -> Any:
    value = _first(value)
    if isinstance(value, dict):
        return value.get("name") or value.get("@id")
    return value


def _place_text(place: Any) -> str | None:
    place = _first(place) if not isinstance(place, list) else place
    if isinstance(place, list):
        parts = [_place_text(p) for p in place]
        unique = list(dict.fromkeys(p for p in parts if p))
        return "; ".join(unique) or None
    if isinstance(place, str):
        return clean_text(place)
    if not isinstance(place, dict):
        return None
    address = place.get("address", place)
    if isinstance(address, list):
        address = _first(address)
    if isinstance(address, str):
        return clean_text(address)
    if not isinstance(address, dict):
        return clean_text(place.get("name"))
    region = clean_text(_name_of(address.get("addressRegion")))
    postal_code = clean_text(address.get("postalCode"))
    if region and postal_code:
        region = f"{region} {postal_code}"  # "Camberwell, VIC 3124, Australia"
    pieces = [
        clean_text(address.get("addressLocality")),
        region,
        country_name(address.get("addressCountry")),
    ]
    text = ", ".join(dict.fromkeys(p for p in pieces if p))
    return text or clean_text(place.get("name")) or clean_text(address.get("streetAddress"))


def _countries(requirements: Any) -> str | None:
    values = requirements if isinstance(requirements, list) else [requirements]
    names = [country_name(_name_of(v)) for v in values if v]
    unique = list(dict.fromkeys(n for n in names if n))
    return ", ".join(unique) or None


def _is_telecommute(job: dict[str, Any]) -> bool:
    value = job.get("jobLocationType")
    values = value if isinstance(value, list) else [value]
    return any(str(v).strip().upper() == "TELECOMMUTE" for v in values if v)


def _salary(job: dict[str, Any]) -> tuple[Any, ...]:
    for key in ("baseSalary", "estimatedSalary", "salary"):
        raw = job.get(key)
        if raw is None:
            continue
        raw = _first(raw)
        if isinstance(raw, str | int | float):
            parsed = parse_salary(str(raw))
            if not parsed.is_empty:
                return parsed.min, parsed.max, parsed.currency, parsed.interval
            continue
        if not isinstance(raw, dict):
            continue
        currency = raw.get("currency") or raw.get("salaryCurrency") or job.get("salaryCurrency")
        value = raw.get("value", raw)
        value = _first(value)
        if isinstance(value, dict):
            unit = value.get("unitText") or raw.get("unitText")
            low = value.get("minValue")
            high = value.get("maxValue")
            single = value.get("value")
            if low is None and high is None:
                low = high = single
            salary = salary_from_fields(low, high, currency, unit)
        else:
            salary = salary_from_fields(value, value, currency, raw.get("unitText"))
        if not salary.is_empty:
            return salary.min, salary.max, salary.currency, salary.interval
    return None, None, None, None




def _skills(value: Any) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else re.split(r"[,;\n]", str(_name_of(value)))
    out = [clean_text(_name_of(item)) for item in items]
    return list(dict.fromkeys(s for s in out if s))


def posting_from_job(
    job: dict[str, Any], page_url: str, *, company_hint: str | None = None
) -> PostingData | None:
    """One schema.org JobPosting object -> PostingData (None without a title)."""
    title = clean_text(job.get("title") or job.get("name"))
    if not title:
        return None
    url = clean_text(_first(job.get("url"))) or page_url
    url = urljoin(page_url, url) if page_url else url
    if urlsplit(url).scheme not in ("http", "https"):
        url = page_url
    telecommute = _is_telecommute(job)
    place = _place_text(job.get("jobLocation"))
    if telecommute:
        where = _countries(job.get("applicantLocationRequirements"))
        location = f"Remote, {where}" if where else (place or "Remote")
    else:
        location = place
    description = html_to_text(job.get("description"))
    if telecommute:
        remote = HYBRID if place and detect_remote(title, description) == HYBRID else REMOTE
    else:
        remote = detect_remote(title, location)
        if remote is None and description and detect_remote(description) == HYBRID:
            remote = HYBRID
        if remote is None and place:
            remote = ON_SITE
    salary_min, salary_max, currency, interval = _salary(job)
    company = clean_text(_name_of(job.get("hiringOrganization"))) or company_hint
    try:
        return PostingData(
            title=title[:300],
            company=company,
            location=location,
            remote=remote,
            employment_type=normalize_employment_type(job.get("employmentType")),
            salary_min=salary_min,
            salary_max=salary_max,
            salary_currency=currency,
            salary_interval=interval,
            description=description,
            skills=_skills(job.get("skills")),
            url=url,
            site=(urlsplit(url).hostname or None),
            posted_date=iso_date(clean_text(_first(job.get("datePosted")))),
            route=Route.STRUCTURED,
        )
    except ValidationError as exc:
        log.debug("skipping invalid JobPosting %r: %s", title, exc)
        return None


def extract_structured(
    html: str,
    page_url: str,
    *,
    company_hint: str | None = None,
    blocks: list[Any] | None = None,
) -> list[PostingData]:
    """All schema.org JobPostings on a page as postings (route ``structured``).

    Postings with the same canonical URL (JSON-LD plus microdata of the same
    job) are returned once, the first (JSON-LD) winning. ``blocks``: the page's
    :func:`json_ld_blocks`, when the caller has them already.
    """
    postings: list[PostingData] = []
    seen: set[str] = set()
    for job in find_job_postings(html, page_url, blocks=blocks):
        posting = posting_from_job(job, page_url, company_hint=company_hint)
        if posting is None or posting.canonical_url in seen:
            continue
        seen.add(posting.canonical_url)
        postings.append(sourced(posting, FieldSource.STRUCTURED))
    return postings
