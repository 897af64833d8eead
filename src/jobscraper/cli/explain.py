"""``jobscraper extract --explain``: each field of each posting with where it came from.

Presentation only: the page's result (:class:`jobscraper.extract.pipeline.PageResult`)
already knows how the page was read and each field's source.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from jobscraper.extract.pipeline import PageResult
from jobscraper.extract.provenance import SOURCED_FIELDS, is_filled
from jobscraper.models import PostingData

SHOWN_CHARS = 90


def _how(result: PageResult) -> str:
    platform = ""
    if result.recognition is not None:
        platform = (f" on {result.recognition.platform.name} (recognised by its "
                    f"{result.recognition.by.value})")
    if result.postings and not result.handed_to_model:
        return f"a posting page{platform}, read without a model"
    if result.postings:
        return f"a page{platform} that needed a model"
    if result.stubs:
        return f"a listing{platform} with {len(result.stubs)} job cards, read without a model"
    return f"a page{platform} that nothing exact explains: it needs a model"


def _value(value: object) -> str:
    text = ", ".join(value) if isinstance(value, list) else str(getattr(value, "value", value))
    text = " ".join(text.split())
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def posting_table(posting: PostingData, heading: str) -> Table:
    """Every field of one posting: its value and its source."""
    table = Table(title=heading, title_justify="left", show_lines=False)
    for column in ("field", "value", "source"):
        table.add_column(column)
    for name in ("url", *SOURCED_FIELDS):
        value = getattr(posting, name)
        if not is_filled(value):
            continue
        source = posting.field_sources.get(name)
        shown = str(getattr(source, "value", source)) if source else (
            "page address" if name == "url" else "-")
        table.add_row(name, _value(value), shown)
    return table


def explain(result: PageResult, console: Console) -> None:
    """How the page was read, then each posting (or job card) field by field."""
    console.print(f"read as: {_how(result)}", highlight=False)
    if result.reason:
        console.print(f"[yellow]{result.reason}[/yellow]")
    if result.postings:
        for number, posting in enumerate(result.postings, 1):
            console.print(posting_table(posting, f"posting {number}: {posting.title}"))
        return
    if result.stubs:
        cards = Table(title="job cards", title_justify="left")
        for column in ("title", "location", "address", "source"):
            cards.add_column(column)
        for stub in result.stubs:
            source = stub.field_sources.get("title")
            cards.add_row(_value(stub.title), _value(stub.location or ""), stub.url,
                          str(getattr(source, "value", source) or "-"))
        console.print(cards)
