"""Is this response the page? Bot challenges and JavaScript app shells, told from the HTML.

A challenge ("Just a moment...", captcha walls, HTTP 429) makes a source *blocked*,
never "0 jobs"; an app shell (an empty mount point and scripts) is rendered in the browser.
"""

from __future__ import annotations

import re

# Markers only challenge pages carry: a block whatever the status code. Checked on the
# page in lower case, as plain texts where a text says it: every fetched page passes
# here, and a substring test is many times faster than a case-insensitive expression.
_CHALLENGE_TITLE = re.compile(r"<title>\s*just a moment\.\.\.\s*</title>")
_CHALLENGE_TEXTS = [
    (("challenge-form", "__cf_chl_", "/cdn-cgi/challenge-platform"), "Cloudflare challenge"),
    (("captcha-delivery.com",), "DataDome captcha"),
    (("captcha.px-cdn.net", "window._pxappid"), "PerimeterX captcha"),
    (("_incapsula_resource", "incapsula incident"), "Imperva challenge"),
    (("pardon our interruption",), "Akamai challenge"),
]
# Markers real pages also carry (an apply form with a captcha): a block only on an
# error status or a page with almost no text.
_WEAK_PATTERNS = [
    (re.compile(r"<title>[^<]*(?:attention required|access denied|are you a robot|"
                r"verify you are human|security check)[^<]*</title>"), "bot wall"),
    (re.compile(r"class=[\"'][^\"']*(?:g-recaptcha|h-captcha|cf-turnstile)"), "captcha wall"),
]


def _challenge_name(lowered: str) -> str | None:
    if _CHALLENGE_TITLE.search(lowered):
        return "Cloudflare challenge"
    for texts, name in _CHALLENGE_TEXTS:
        if any(text in lowered for text in texts):
            return name
    return None


def challenge_reason(status: int | None, html: str, headers: dict[str, str] | None = None) -> \
        str | None:
    """Why this response is a bot challenge instead of the page, or None."""
    lowered = {k.lower(): v for k, v in (headers or {}).items()}
    if lowered.get("cf-mitigated", "").lower() == "challenge":
        return f"Cloudflare bot challenge (HTTP {status})"
    if status == 429:
        return "rate limited by the site (HTTP 429 Too Many Requests)"
    head = html[:200_000]
    page = head.lower()
    name = _challenge_name(page)
    if name:
        return f"{name} (HTTP {status})" if status else name
    for pattern, name in _WEAK_PATTERNS:
        if pattern.search(page) and ((status or 200) >= 400 or visible_text_length(head) < 500):
            return f"{name} (HTTP {status})" if status else name
    return None


_SHELL_ROOT = re.compile(
    r"<div[^>]+id=[\"'](?:app|root|__next|__nuxt|svelte|main-app|jobs-app)[\"'][^>]*>\s*</div>",
    re.I,
)
_TAGS = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]+>", re.I | re.S)


def visible_text_length(html: str) -> int:
    return len(re.sub(r"\s+", " ", _TAGS.sub(" ", html)).strip())


def is_app_shell(html: str) -> bool:
    """A page whose content is drawn by JavaScript: an empty mount point, scripts, little text."""
    if "<script" not in html.lower():
        return False
    if _SHELL_ROOT.search(html):
        return True
    return visible_text_length(html) < 200 and len(re.findall(r"<script\b", html, re.I)) >= 1
