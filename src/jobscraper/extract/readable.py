"""Pages no model should be asked about: empty ones, and binary data served as a page.

A model answers whatever it is given: an empty page or a PNG file decoded as text
comes back as an invented posting, and parsers further down (lxml) fail on the NUL
bytes with their own internal errors. So before the model route, a page must have
visible text, and that text must be text: the reason says which it is not.
"""

from __future__ import annotations

import re

from jobscraper.extract.normalize import html_to_text

# Characters a text page does not contain: C0 controls other than tab, newlines and
# form feed, DEL, and the replacement character a failed decode leaves behind.
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
SAMPLE_CHARS = 65_536
# Share of not-text characters above which a page is taken as binary data.
BINARY_SHARE = 0.05
# Magic numbers of files commonly served by mistake.
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "a program (ELF)"),
)


def _decoded_forms(magic: bytes) -> tuple[str, str]:
    """The magic number as a page decoder leaves it (latin-1 or windows-1252)."""
    return magic.decode("latin-1"), magic.decode("cp1252", "replace")


def binary_reason(text: str) -> str | None:
    """Why ``text`` (a page as decoded) is binary data rather than a page, or None."""
    start = text.lstrip("\ufeff")[:8]
    for magic, kind in _MAGIC:
        if start.startswith(_decoded_forms(magic)):
            return f"the page is binary data ({kind}), not a web page"
    sample = text[:SAMPLE_CHARS]
    if not sample:
        return None
    odd = len(_NOT_TEXT.findall(sample))
    if "\x00" in sample or odd / len(sample) > BINARY_SHARE:
        return "the page is binary data, not a web page"
    return None


def unreadable_reason(html: str, markdown: str = "") -> str | None:
    """Why a page cannot be handed to a model (binary, or no visible text), or None."""
    binary = binary_reason(html)
    if binary:
        return binary
    visible = markdown.strip() or (html_to_text(html) or "")
    if not re.search(r"\w", visible):
        return "the page is empty: it has no text to read"
    return None
