"""The fake internet: fixture career sites and job boards behind a TLS-intercepting proxy.

Steps and tests use ``FakeInternet`` (see ``internet.py``) and the ``SITES``
catalogue (expected postings per host); pytest fixtures live in ``plugin.py``.
"""

from .internet import FakeInternet
from .model import FakeRequest, FakeResponse, RequestRecord
from .registry import NOT_ON_FAKE_INTERNET, Site
from .sites import SITES, PostingInfo, SiteInfo
from .sites.companies import company_host, company_info

__all__ = [
    "NOT_ON_FAKE_INTERNET",
    "SITES",
    "FakeInternet",
    "FakeRequest",
    "FakeResponse",
    "PostingInfo",
    "RequestRecord",
    "Site",
    "SiteInfo",
    "company_host",
    "company_info",
]
