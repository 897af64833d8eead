"""The hiring platforms jobscraper reads exactly: one small module per platform.

:func:`recognise` tells a page's platform from its address (the platform's own hosts)
or, for custom domains and saved files, from markers in the page; each module in
this package declares how (see :mod:`.base`). Adding a platform: write a module with
one :class:`~.base.Platform` subclass, list an instance in ``PLATFORMS`` below, add
fixture pages under ``tests/fixtures/platforms/`` and a test; the README lists them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from jobscraper.sources.platforms.ashby import Ashby
from jobscraper.sources.platforms.base import MARKER_SCAN_CHARS, Platform
from jobscraper.sources.platforms.comeet import Comeet
from jobscraper.sources.platforms.greenhouse import Greenhouse
from jobscraper.sources.platforms.hrworks import HRworks
from jobscraper.sources.platforms.indeed import Indeed
from jobscraper.sources.platforms.jora import Jora
from jobscraper.sources.platforms.lever import Lever
from jobscraper.sources.platforms.linkedin import LinkedIn
from jobscraper.sources.platforms.personio import Personio
from jobscraper.sources.platforms.recruitee import Recruitee
from jobscraper.sources.platforms.seek import Seek
from jobscraper.sources.platforms.smartrecruiters import SmartRecruiters
from jobscraper.sources.platforms.stepstone import StepStone
from jobscraper.sources.platforms.successfactors import SuccessFactors
from jobscraper.sources.platforms.teamtailor import Teamtailor
from jobscraper.sources.platforms.workable import Workable
from jobscraper.sources.platforms.workday import Workday

# Hiring platforms first, job boards after: a page on a custom domain is matched by its
# markers in this order.
PLATFORMS: tuple[Platform, ...] = (
    Greenhouse(), Lever(), Ashby(), Workable(), Workday(), Personio(), Teamtailor(),
    SmartRecruiters(), Recruitee(), SuccessFactors(), Comeet(), HRworks(),
    LinkedIn(), Indeed(), Seek(), StepStone(), Jora(),
)


class RecognisedBy(StrEnum):
    ADDRESS = "address"  # the page is on one of the platform's hosts
    PAGE = "page"  # the page carries the platform's markers (custom domain, saved file)


@dataclass(frozen=True)
class Recognition:
    platform: Platform
    by: RecognisedBy


def recognise(url: str, html: str | None = None, *, declared: str | None = None) -> \
        Recognition | None:
    """The platform a page is on: by its address (or the address it ``declared``), else
    by the markers in its ``html``; None for a site no module knows."""
    for address in (url, declared):
        if address:
            host = (urlsplit(address).hostname or "").lower()
            for platform in PLATFORMS:
                if platform.serves(host):
                    return Recognition(platform, RecognisedBy.ADDRESS)
    if html:
        lowered = html[:MARKER_SCAN_CHARS].lower()
        for platform in PLATFORMS:
            if platform.marks(html, lowered):
                return Recognition(platform, RecognisedBy.PAGE)
    return None
