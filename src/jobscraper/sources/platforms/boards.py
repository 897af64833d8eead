"""Shared by the job-board platform modules: a card's address without tracking
parameters (boards add a search's session and ranking to every job link)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from jobscraper.sources.platforms.base import PageContext
from jobscraper.sources.platforms.schema import FieldValues


def without_query(item: Mapping[str, Any], values: FieldValues,
                  context: PageContext) -> FieldValues | None:
    """``Platform.card`` for boards: the card's address without its query string."""
    url = values.values.get("url")
    if isinstance(url, str):
        return FieldValues({**values.values, "url": url.split("?", 1)[0]})
    return values
