"""An HTML page as the element tree a browser builds, from the standard library's parser.

Checks that read a page through this tree see what a reader sees: character
references unescaped into text, markup only where it became an element. Just
enough DOM for that: tags, attributes, text and a few finders.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Elements that never have children: the parser sees no end tag for them.
VOID_ELEMENTS = {"meta", "img", "input", "br", "hr", "link", "source", "col", "wbr"}


@dataclass
class Element:
    """A parsed HTML element with its attributes and children (elements or text)."""

    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        """The text inside the element, exactly as written (whitespace kept)."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def clean_text(self) -> str:
        """The text inside the element with whitespace collapsed, as a browser shows it."""
        return " ".join(self.text().split())

    def elements(self) -> list[Element]:
        """All descendant elements, document order."""
        found: list[Element] = []
        for child in self.children:
            if isinstance(child, Element):
                found.append(child)
                found.extend(child.elements())
        return found

    def all(self, tag: str = "", cls: str = "") -> list[Element]:
        """Descendants with this tag and/or this class, document order."""
        return [
            e
            for e in self.elements()
            if (not tag or e.tag == tag) and (not cls or cls in e.classes)
        ]

    def first(self, tag: str = "", cls: str = "") -> Element | None:
        found = self.all(tag, cls)
        return found[0] if found else None


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID_ELEMENTS:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse_html(html: str) -> Element:
    """The document node of ``html``: its children are the page's top-level elements."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root
