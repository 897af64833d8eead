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

from jobscraper.sources.platforms.base import Platform

PLATFORMS: tuple[Platform, ...] = ()


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
            for platform in PLATFORMS:
                if platform.on_host(address):
                    return Recognition(platform, RecognisedBy.ADDRESS)
    if html:
        for platform in PLATFORMS:
            if platform.marks(html):
                return Recognition(platform, RecognisedBy.PAGE)
    return None
