"""Content pruning: the model sees the posting, not the site around it.

A page is cleaned in two steps before its tokens are counted:

1. site furniture that is never part of a posting is dropped outright:
   scripts, styles, navigation, headers and footers, forms, cookie/consent
   banners and newsletter boxes (by tag, ARIA role, id or class);
2. crawl4ai's ``PruningContentFilterLXML`` scores the remaining blocks by
   text density and link density and keeps the content blocks; the result is
   turned into compact Markdown (crawl4ai's html2text).

If the filter keeps nothing (a very short page), the cleaned body text is
used instead, so a page never becomes empty by pruning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from jobscraper.ai.tokens import count_tokens

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "nav",
    "header",
    "footer",
    "form",
    "button",
    "select",
    "input",
    "aside",
)
_DROP_ROLES = {"navigation", "banner", "contentinfo", "dialog", "search", "complementary"}
_DROP_MARKERS = re.compile(
    r"cookie|consent|gdpr|newsletter|subscribe|breadcrumb|social|share|modal|popup|"
    r"site-header|site-footer|skip-link",
    re.IGNORECASE,
)
_BLANK_LINES = re.compile(r"\n\s*\n\s*\n+")


@dataclass(frozen=True)
class PrunedPage:
    text: str
    tokens_raw: int
    tokens_pruned: int


def _clean_tree(page_html: str) -> etree._Element | None:
    try:
        root = lxml_html.document_fromstring(page_html)
    except (etree.ParserError, ValueError):
        return None
    doomed = []
    for element in root.iter():
        if not isinstance(element.tag, str):  # comments, processing instructions
            doomed.append(element)
            continue
        if element.tag in _DROP_TAGS or element.get("role") in _DROP_ROLES:
            doomed.append(element)
            continue
        marker = f"{element.get('id', '')} {element.get('class', '')}"
        if marker.strip() and _DROP_MARKERS.search(marker) and element.tag not in ("body", "html"):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()
    return root


def _to_markdown(fragment_html: str) -> str:
    from crawl4ai.html2text import HTML2Text

    converter = HTML2Text()
    converter.body_width = 0
    converter.ignore_links = True
    converter.ignore_images = True
    converter.ignore_emphasis = True
    return converter.handle(fragment_html)


def prune_html(page_html: str) -> str:
    """The posting's text (Markdown) without the site's boilerplate."""
    root = _clean_tree(page_html)
    if root is None:
        return page_html.strip()
    cleaned = lxml_html.tostring(root, encoding="unicode")
    from crawl4ai.content_filter_strategy_lxml import PruningContentFilterLXML

    blocks = PruningContentFilterLXML().filter_content(cleaned)
    fragment = "\n".join(blocks) if blocks else cleaned
    text = _to_markdown(fragment).strip()
    if not text:
        text = _to_markdown(cleaned).strip()
    return _BLANK_LINES.sub("\n\n", text)


def prune(page_html: str, markdown: str = "") -> PrunedPage:
    """Prune a page and count its tokens before (the raw text) and after."""
    raw = page_html or markdown
    text = prune_html(page_html) if page_html.strip() else markdown.strip()
    return PrunedPage(text=text, tokens_raw=count_tokens(raw), tokens_pruned=count_tokens(text))
