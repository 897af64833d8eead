"""Is this response the page? Bot challenges and JavaScript app shells, told from the HTML.

A challenge ("Just a moment...", captcha walls, HTTP 429) makes a source *blocked*,
never "0 jobs"; an app shell (an empty mount point and scripts) is rendered in the browser.
"""

from __future__ import annotations

import re

# Markers only challenge pages carry: a block whatever the status code.
_CHALLENGE_PATTERNS = [
    (re.compile(r"<title>\s*just a moment\.\.\.\s*</title>", re.I), "Cloudflare challenge"),
    (re.compile(r"challenge-form|__cf_chl_|/cdn-cgi/challenge-platform", re.I),
     "Cloudflare challenge"),
    (re.compile(r"captcha-delivery\.com", re.I), "DataDome captcha"),
    (re.compile(r"captcha\.px-cdn\.net|window\._pxAppId", re.I), "PerimeterX captcha"),
    (re.compile(r"_Incapsula_Resource|Incapsula incident", re.I), "Imperva challenge"),
    (re.compile(r"Pardon Our Interruption", re.I), "Akamai challenge"),
]
# Markers real pages also carry (an apply form with a captcha): a block only on an
# error status or a page with almost no text.
_WEAK_PATTERNS = [
    (re.compile(r"<title>[^<]*(?:attention required|access denied|are you a robot|"
                r"verify you are human|security check)[^<]*</title>", re.I), "bot wall"),
    (re.compile(r"class=[\"'][^\"']*(?:g-recaptcha|h-captcha|cf-turnstile)", re.I),
     "captcha wall"),
]


def challenge_reason(status: int | None, html: str, headers: dict[str, str] | None = None) -> \
        str | None:
    """Why this response is a bot challenge instead of the page, or None."""
    lowered = {k.lower(): v for k, v in (headers or {}).items()}
    if lowered.get("cf-mitigated", "").lower() == "challenge":
        return f"Cloudflare bot challenge (HTTP {status})"
    if status == 429:
        return "rate limited by the site (HTTP 429 Too Many Requests)"
    head = html[:200_000]
    for pattern, name in _CHALLENGE_PATTERNS:
        if pattern.search(head):
            return f"{name} (HTTP {status})" if status else name
    for pattern, name in _WEAK_PATTERNS:
        if pattern.search(head) and ((status or 200) >= 400 or visible_text_length(head) < 500):
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
