"""Hosts that fail the way real career sites fail.

* ``careers.failing-corp.com``: HTTP 500 on every page (robots.txt still works,
  as when nginx serves static files in front of a dead application server).
* ``careers.slow-loris.io``: accepts the request and never answers; the proxy
  holds the connection for ``hang_s`` seconds, then closes it (shutdown cuts it
  at once).
* ``careers.shielded-corp.com``: a Cloudflare-style "Just a moment..." bot
  challenge with HTTP 403 (crawl4ai's anti-bot check recognises it).
* ``careers.huge-pages.com``: ``/jobs`` is a 20 MiB HTML page, streamed.
* ``karriere.legacy-gmbh.de``: windows-1252 bytes plus invalid ones (static
  files, served as bare ``text/html``; see ``legacy.py``).
"""

# ruff: noqa: E501 - HTML templates keep real markup on one line, as the sites do

from __future__ import annotations

from collections.abc import Iterator

from ..model import FakeRequest, FakeResponse
from ..registry import Site
from .render import ROBOTS_ALLOW_ALL

FAILING_HOST = "careers.failing-corp.com"
SLOW_HOST = "careers.slow-loris.io"
SHIELDED_HOST = "careers.shielded-corp.com"
HUGE_HOST = "careers.huge-pages.com"
HUGE_PATH = "/jobs"
HUGE_SIZE = 20 * 1024 * 1024


def _robots(host: str):
    def handler(_request: FakeRequest) -> FakeResponse:
        return FakeResponse(200, ROBOTS_ALLOW_ALL.format(host=host), "text/plain; charset=utf-8")

    return handler


ERROR_PAGE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>500 Internal Server Error</title></head>
<body>
<h1>Something went wrong on our side</h1>
<p>Our careers site is having trouble right now. Our team has been notified and is
working on it. Please try again in a few minutes.</p>
<p>Error reference: 7f3c9a1e-5b2d-4e8f-9c6a-0d1b2e3f4a5b</p>
<hr><address>nginx</address>
</body>
</html>
"""


def failing(_request: FakeRequest) -> FakeResponse:
    return FakeResponse(500, ERROR_PAGE)


CHALLENGE_PAGE = """<!DOCTYPE html>
<html lang="en-US">
<head>
<title>Just a moment...</title>
<meta http-equiv="Content-Type" content="text/html; charset=UTF-8">
<meta http-equiv="X-UA-Compatible" content="IE=Edge">
<meta name="robots" content="noindex,nofollow">
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>*{box-sizing:border-box;margin:0;padding:0}html{line-height:1.15;color:#313131;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
body{display:flex;flex-direction:column;height:100vh;min-height:100vh}
.main-wrapper{display:flex;flex:1;flex-direction:column;align-items:center}
.main-content{margin:8rem auto;width:100%;max-width:60rem;padding-left:1.5rem}
.h2{font-size:1.5rem;font-weight:500;line-height:2.25rem}</style>
</head>
<body class="no-js">
<div class="main-wrapper" role="main">
<div class="main-content">
<h1 class="zone-name-title h1">careers.shielded-corp.com</h1>
<h2 id="challenge-running" class="h2">Checking your browser before accessing careers.shielded-corp.com.</h2>
<noscript><div id="challenge-error-title"><div class="h2"><span id="challenge-error-text">
Enable JavaScript and cookies to continue</span></div></div></noscript>
<div id="challenge-body-text" class="core-msg spacer">careers.shielded-corp.com needs to review
the security of your connection before proceeding.</div>
<form id="challenge-form" action="/jobs?__cf_chl_f_tk=Qx1mZ0aV3pYb8e0hUZ2sN6w4rL" method="POST"
enctype="application/x-www-form-urlencoded">
<input type="hidden" name="md" value="c2hpZWxkZWQtY29ycC1jaGFsbGVuZ2U">
</form>
</div>
</div>
<script>(function(){window._cf_chl_opt={cvId:'3',cZone:"careers.shielded-corp.com",
cType:'managed',cRay:'8e6f2b1c9d4a7f30',cH:'Zm9vYmFy',cFPWv:'b'};
var cpo=document.createElement('script');
cpo.src='/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?ray=8e6f2b1c9d4a7f30';
document.getElementsByTagName('head')[0].appendChild(cpo);}());</script>
<div class="footer" role="contentinfo"><div class="footer-inner">
<div class="text-center" id="footer-text">Ray ID: <code>8e6f2b1c9d4a7f30</code></div>
<div class="text-center" id="footer-text">Performance &amp; security by Cloudflare</div>
</div></div>
</body>
</html>
"""


def challenge(_request: FakeRequest) -> FakeResponse:
    return FakeResponse(
        403,
        CHALLENGE_PAGE,
        headers={
            "server": "cloudflare",
            "cf-mitigated": "challenge",
            "cf-ray": "8e6f2b1c9d4a7f30-FRA",
            "cache-control": "private, max-age=0, no-store, no-cache, must-revalidate",
        },
    )


HUGE_HEAD = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>All jobs | Huge Pages Inc. Careers</title>
<meta name="description" content="Every job we have ever posted, on one page."></head>
<body><header><a href="/">Huge Pages Inc.</a> <nav><a href="/jobs">Jobs</a></nav></header>
<main><h1>All jobs</h1><p>Our applicant tracking system renders every position it has ever
held on a single page. Scroll down.</p>
"""
HUGE_CARD = (
    b'<article class="job-card"><h2><a href="/jobs/%07d">Warehouse Associate %07d</a></h2>'
    b'<p class="meta">Leeds, United Kingdom \xc2\xb7 Full-time \xc2\xb7 \xc2\xa324,500 per '
    b"year</p><p>Pick, pack and ship customer orders in our Leeds fulfilment centre. Day, "
    b"evening and weekend shifts available; training provided.</p></article>\n"
)
HUGE_TAIL = b"</main><footer><p>\xc2\xa9 2026 Huge Pages Inc.</p></footer></body></html>\n"


def huge_chunks(size: int = HUGE_SIZE) -> Iterator[bytes]:
    """Exactly ``size`` bytes of HTML in ~64 KiB chunks, generated on the fly."""
    card_len = len(HUGE_CARD % (0, 0))
    cards = (size - len(HUGE_HEAD) - len(HUGE_TAIL)) // card_len
    padding = size - len(HUGE_HEAD) - len(HUGE_TAIL) - cards * card_len
    yield HUGE_HEAD
    per_chunk = 65536 // card_len
    for first in range(0, cards, per_chunk):
        yield b"".join(HUGE_CARD % (i, i) for i in range(first, min(first + per_chunk, cards)))
    yield b" " * padding + HUGE_TAIL


def huge(_request: FakeRequest) -> FakeResponse:
    return FakeResponse(200, huge_chunks(), content_length=HUGE_SIZE)


HUGE_HOME = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Huge Pages Inc. Careers</title></head>
<body><h1>Careers at Huge Pages Inc.</h1>
<p>We run fulfilment centres across the north of England. See <a href="/jobs">all jobs</a>
(warning: the page is large).</p></body></html>
"""


def sites(hang_s: float) -> list[Site]:
    def hang(_request: FakeRequest) -> FakeResponse:
        return FakeResponse(hang_s=hang_s)

    def home(_request: FakeRequest) -> FakeResponse:
        return FakeResponse(200, HUGE_HOME)

    return [
        Site(
            FAILING_HOST,
            "HTTP 500 on every page",
            routes={"/robots.txt": _robots(FAILING_HOST)},
            catch_all=failing,
        ),
        Site(
            SLOW_HOST,
            f"never answers (connection held {hang_s:g} s, then closed)",
            routes={"/robots.txt": _robots(SLOW_HOST)},
            catch_all=hang,
        ),
        Site(
            SHIELDED_HOST,
            "Cloudflare-style bot challenge, HTTP 403",
            routes={"/robots.txt": _robots(SHIELDED_HOST)},
            catch_all=challenge,
        ),
        Site(
            HUGE_HOST,
            "/jobs is a 20 MiB page",
            routes={"/robots.txt": _robots(HUGE_HOST), "/": home, HUGE_PATH: huge},
        ),
    ]
