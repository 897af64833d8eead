"""JobSpy's LinkedIn scraper, configured per call and reading the employer's apply link.

Two things python-jobspy 1.4.1's ``LinkedIn`` does not do that we need:

* **The pause between result pages** (class attribute ``delay``, 3-7 s) is a
  setting (``linkedin_delay_s``), so tests and patient users can choose it.
* **The employer's own address.** A LinkedIn job whose "Apply" button leads to
  the company's career site carries that address in its job view page, in
  ``<code id="applyUrl"><!--"https://www.linkedin.com/jobs/view/externalApply/
  <id>?url=<employer's page, URL-encoded>&urlHash=…"--></code>``. Earlier
  JobSpy releases reported it as ``job_url_direct``; 1.4.1 reads the job view
  page (``fetch_description``) but drops the link. Without it a job found on
  LinkedIn and on the career site would be stored twice, so the subclass reads
  it from the page JobSpy has already fetched (a ``requests`` response hook: no
  second request, and JobSpy's own parsing stays JobSpy's).

The subclass is swapped into JobSpy's scraper table only for the duration of
one call, under a process-wide lock, so a setting never leaks into another
call; the lock also means one LinkedIn search at a time per process, which
LinkedIn's guest API (quick to throttle) rewards anyway.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, urlsplit

from lxml import etree
from lxml import html as lxml_html

_LOCK = threading.Lock()
LINKEDIN_DOMAIN = "linkedin.com"


def _is_linkedin(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host == LINKEDIN_DOMAIN or host.endswith("." + LINKEDIN_DOMAIN)


def apply_link(page_html: str) -> str | None:
    """The employer's own address from a LinkedIn job view page, or None.

    None for an "Easy Apply" job (no ``code#applyUrl``), for a link that stays on
    LinkedIn, and for anything that is not an http(s) address.

    >>> apply_link('<code id="applyUrl"><!--"https://www.linkedin.com/jobs/view/'
    ...            'externalApply/1?url=https%3A%2F%2Fjobs%2Eacme%2Ecom%2F7&urlHash=x"--></code>')
    'https://jobs.acme.com/7'
    """
    if 'id="applyUrl"' not in page_html and "id='applyUrl'" not in page_html:
        return None  # the common case (Easy Apply) without parsing the page
    try:
        codes = lxml_html.document_fromstring(page_html).xpath('//code[@id="applyUrl"]')
    except (etree.ParserError, ValueError):
        return None
    if not codes:
        return None
    # The address sits in an HTML comment, in double quotes (or, seen less, as text).
    comments = [c.text or "" for c in codes[0].iter(etree.Comment)]
    raw = (comments[0] if comments else codes[0].text_content()).strip().strip('"').strip()
    if not raw:
        return None
    if _is_linkedin(raw):
        wrapped = parse_qs(urlsplit(raw).query).get("url")
        if not wrapped:
            return None
        raw = wrapped[0].strip()  # parse_qs has already decoded it
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname or _is_linkedin(raw):
        return None
    return raw


def _with_apply_link(original: type, delay_s: float | None) -> type:
    """``original`` (JobSpy's LinkedIn) with ``delay_s`` and the apply link."""

    def _fetch_details(self: Any, job_id: str) -> dict[str, object]:
        pages: list[Any] = []

        def remember(response: Any, *_args: Any, **_kwargs: Any) -> None:
            pages.append(response)

        self.session.hooks["response"].append(remember)
        try:
            details = dict(original._fetch_details(self, job_id))
        finally:
            self.session.hooks["response"].remove(remember)
        if details and pages:  # empty details: JobSpy could not read the page
            direct = apply_link(pages[-1].text or "")
            if direct:
                details["job_url_direct"] = direct
        return details

    attributes: dict[str, Any] = {"_fetch_details": _fetch_details}
    if delay_s is not None:
        attributes["delay"] = (float(delay_s), float(delay_s))
    return type("LinkedInWithApplyLink", (original,), attributes)


@contextmanager
def linkedin_scraper(delay_s: float | None) -> Iterator[None]:
    """JobSpy's LinkedIn with ``delay_s`` between result pages (None: JobSpy's) and
    the employer's apply link, for one call."""
    import jobspy
    from jobspy.model import Site

    with _LOCK:
        original = jobspy.SCRAPER_MAPPING[Site.LINKEDIN]
        jobspy.SCRAPER_MAPPING[Site.LINKEDIN] = _with_apply_link(original, delay_s)
        try:
            yield
        finally:
            jobspy.SCRAPER_MAPPING[Site.LINKEDIN] = original
