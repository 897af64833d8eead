"""Canonical URLs: the identity of a posting.

The same posting reached through a newsletter link, a LinkedIn share or a
bookmark must be stored once, so tracking parameters, fragments, default
ports, host case and trailing slashes are removed before comparing, and an
``http://`` link names the same posting as its ``https://`` twin (the canonical
form says https). w3lib (Scrapy's URL library, already pulled in by extruct)
does the RFC work; the list of tracking parameters is ours.

The canonical form is stored (``job_postings.canonical_url``): a change to it
needs the stored rows brought along, or a posting seen again is stored twice
(see :mod:`jobscraper.canonical_upgrade`).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url as _w3lib_canonicalize

# Parameters that identify a click, not a page.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "twclid",
        "li_fat_id",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "igshid",
        "ref",
        "referer",
        "referrer",
        "refid",
        "trackingid",
        "trk",
        "trkinfo",
        "src",
        "source",
        "from",
        "gh_src",
        "lever-source",
        "lever-origin",
        "sessionid",
        "sid",
        "_ga",
        "_gl",
    }
)
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_")

_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def canonicalize_url(url: str) -> str:
    """Return the canonical form of an http(s) URL.

    >>> canonicalize_url("HTTPS://Jobs.Example.com:443/a/b/?utm_source=x&id=2#apply")
    'https://jobs.example.com/a/b?id=2'
    >>> canonicalize_url("http://jobs.example.com/a/b")
    'https://jobs.example.com/a/b'
    """
    url = url.strip()
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not _is_tracking(k)]
    host = (parts.hostname or "").lower().rstrip(".")
    if host.startswith("www."):
        host = host[4:]
    typed_scheme = parts.scheme.lower()
    # One posting, whichever of the two schemes a link used.
    scheme = "https" if typed_scheme == "http" else typed_scheme
    port = parts.port
    default_ports = (None, _DEFAULT_PORTS.get(typed_scheme), _DEFAULT_PORTS.get(scheme))
    netloc = host if port in default_ports else f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    rebuilt = urlunsplit((scheme, netloc, path, urlencode(query), ""))
    # w3lib sorts the query, normalises percent-encoding and drops the fragment.
    return _w3lib_canonicalize(rebuilt, keep_fragments=False)
