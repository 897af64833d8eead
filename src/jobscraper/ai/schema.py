"""The extraction prompt and the JSON schema the models must answer in.

The schema mirrors :class:`jobscraper.models.PostingData` without the fields
jobscraper fills itself (``url``, ``site``, ``route``). Every string has a
``maxLength`` and every number a range: constrained decoding then always
terminates, even with a randomly initialised model, and the largest possible
answer fits in ``max_output_tokens``.
"""

from __future__ import annotations

import copy
from typing import Any

from jobscraper.ai.tokens import ChatMessage, strip_special
from jobscraper.models import EXTRACTED_FIELDS

SYSTEM_PROMPT = (
    "You extract one job posting from the text of a web page. Answer with a single JSON "
    "object that follows the given schema. Copy facts from the page; use null for anything "
    "the page does not state. title: the job title only. remote: remote, hybrid or on-site. "
    "salary_min / salary_max: numbers in salary_currency (ISO 4217) per salary_interval. "
    "description: a short summary of the role. skills: the main required skills."
)


def _text(max_length: int) -> dict[str, Any]:
    return {"anyOf": [{"type": "string", "maxLength": max_length}, {"type": "null"}]}


def _enum(*values: str) -> dict[str, Any]:
    return {"anyOf": [{"type": "string", "enum": list(values)}, {"type": "null"}]}


def _money() -> dict[str, Any]:
    return {"anyOf": [{"type": "integer", "minimum": 0, "maximum": 10_000_000}, {"type": "null"}]}


POSTING_SCHEMA: dict[str, Any] = {
    "title": "JobPosting",
    "type": "object",
    "properties": {
        # A title starts with a visible character: no blank titles from the decoder.
        "title": {"type": "string", "minLength": 1, "maxLength": 120, "pattern": r"^\S"},
        "company": _text(80),
        "location": _text(80),
        "remote": _enum("remote", "hybrid", "on-site"),
        "employment_type": _enum("full-time", "part-time", "contract", "temporary", "internship"),
        "salary_min": _money(),
        "salary_max": _money(),
        "salary_currency": {
            "anyOf": [{"type": "string", "pattern": r"^[A-Z]{3}$"}, {"type": "null"}]
        },
        "salary_interval": _enum("year", "month", "week", "day", "hour"),
        "description": _text(300),
        "skills": {"type": "array", "items": {"type": "string", "maxLength": 40}, "maxItems": 8},
    },
    "required": list(EXTRACTED_FIELDS),
    "additionalProperties": False,
}


def posting_schema() -> dict[str, Any]:
    return copy.deepcopy(POSTING_SCHEMA)


def build_messages(page_text: str, url: str) -> list[ChatMessage]:
    """System instructions plus the (pruned) page; the page cannot inject control tokens."""
    user = f"Page address: {url}\n\nPage text:\n{strip_special(page_text)}"
    return [ChatMessage("system", SYSTEM_PROMPT), ChatMessage("user", user)]
