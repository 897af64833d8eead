"""Render feature and scenario descriptions as Markdown, safely.

Descriptions are where product owners explain *why* a feature exists, so they
deserve lists, emphasis and links. Raw HTML is switched off, so a ``<script>`` in
a description comes out as text, and markdown-it's link validation refuses
``javascript:`` and similar URLs.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
        "table"
    )


def render_markdown(text: str) -> str:
    """HTML for a Markdown description; every raw HTML tag in it is escaped."""
    if not text.strip():
        return ""
    return _renderer().render(text)
