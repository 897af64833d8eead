"""The contract between scraping and the model route.

Scraping (:mod:`jobscraper.sources`) hands every page without structured data
to an ``Extractor``; the model route (:mod:`jobscraper.extract.llm`) implements
it with token routing, the local vLLM tier and the cloud. Until an extractor is
configured, scraping uses ``NeedsModelExtractor``, which reports the page as
"needs model" so that no page is ever silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol, runtime_checkable

from jobscraper.models import ModelCall, PostingData


@dataclass(frozen=True)
class PageContent:
    """A fetched page as the extractor sees it."""

    url: str
    html: str
    markdown: str = ""
    site: str | None = None
    company_hint: str | None = None


class ExtractionStatus(StrEnum):
    OK = "ok"
    NEEDS_MODEL = "needs_model"  # no extractor configured
    NEEDS_CLOUD = "needs_cloud"  # over the threshold and no cloud endpoint
    FAILED = "extraction_failed"  # model output invalid after retry / fallback


@dataclass
class ExtractionOutcome:
    """What came out of one page: postings, or a status with its reason."""

    status: ExtractionStatus
    postings: list[PostingData] = field(default_factory=list)
    reason: str | None = None
    calls: list[ModelCall] = field(default_factory=list)
    prompt_tokens: int | None = None


@runtime_checkable
class Extractor(Protocol):
    """Turns a page without structured data into postings (or says why not)."""

    async def extract(self, page: PageContent, run_id: str | None = None) -> ExtractionOutcome:
        ...


class NeedsModelExtractor:
    """Placeholder used when no model route is configured."""

    async def extract(self, page: PageContent, run_id: str | None = None) -> ExtractionOutcome:
        return ExtractionOutcome(
            status=ExtractionStatus.NEEDS_MODEL,
            reason="no structured data on the page and no model extractor configured",
        )
