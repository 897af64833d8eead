"""Where each field of a posting came from, kept while several readers fill it in.

Readers run from the most exact to the least (structured data, the platform, the
page's text, a model); each only fills what the ones before it left empty, and every
value it adds is recorded in ``PostingData.field_sources`` with its source.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jobscraper.models import EXTRACTED_FIELDS, FieldSource, PostingData

# The fields whose source is recorded: what a reader of the posting sees.
SOURCED_FIELDS: tuple[str, ...] = (*EXTRACTED_FIELDS, "posted_date")
SALARY_FIELDS = ("salary_min", "salary_max", "salary_currency", "salary_interval")


def is_filled(value: Any) -> bool:
    return value not in (None, "", [], ())


def sourced(posting: PostingData, source: FieldSource) -> PostingData:
    """``posting`` with each filled field not yet recorded recorded as coming from
    ``source``."""
    sources = dict(posting.field_sources)
    for name in SOURCED_FIELDS:
        if name not in sources and is_filled(getattr(posting, name)):
            sources[name] = source
    return posting.model_copy(update={"field_sources": sources})


def fill(posting: PostingData, values: Mapping[str, Any], source: FieldSource) -> PostingData:
    """The fields ``posting`` lacks, taken from ``values`` and recorded with ``source``.

    The salary is one value: its four fields are taken together, and only when the
    posting has no amount yet (a currency from one reader never joins amounts from
    another).
    """
    updates: dict[str, Any] = {}
    sources = dict(posting.field_sources)
    salary_known = posting.salary_min is not None or posting.salary_max is not None
    for name, value in values.items():
        if name not in SOURCED_FIELDS or not is_filled(value):
            continue
        if name in SALARY_FIELDS:
            if salary_known:
                continue
        elif is_filled(getattr(posting, name)):
            continue
        updates[name] = value
        sources[name] = source
    if not updates:
        return posting
    updates["field_sources"] = sources
    # Validated again: readers hand in plain values ("year"), the posting keeps its types.
    return PostingData.model_validate(posting.model_dump() | updates)
