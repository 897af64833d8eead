"""What our suite tells the living documentation about a run: its own knobs.

The livingdoc plugin finds the machine and the library versions by itself; which
model profile, which Redis and which database a run used only the suite knows
(``steps/harness/options.py``). They appear under "Suite settings" in the run's
context, so a red run can be compared with a green one. Addresses are shown
without their credentials.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from steps.harness.options import SuiteOptions

#: Database kinds by URL scheme (the driver after "+" does not matter to a reader).
DATABASE_KINDS = {"postgresql": "PostgreSQL", "sqlite": "SQLite", "mysql": "MySQL"}


def _address(url: str) -> str:
    """Host, port and path of a URL, never its user name or password."""
    parts = urlsplit(url)
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.hostname or ''}{port}{parts.path}"


def redis_kind(url: str) -> str:
    if not url:
        return "embedded redis-server, started by the suite"
    return f"external, {urlsplit(url).scheme}://{_address(url)}"


def database_kind(url: str) -> str:
    if not url:
        return "SQLite, a fresh file per scenario"
    scheme = urlsplit(url).scheme.split("+", 1)[0]
    kind = DATABASE_KINDS.get(scheme, scheme)
    return f"{kind}, {_address(url)}" if _address(url) else kind


@pytest.hookimpl(optionalhook=True)
def pytest_livingdoc_context(config: pytest.Config) -> dict[str, str]:
    options = SuiteOptions.of(config)
    return {
        "model profile": options.model_profile,
        "Redis": redis_kind(options.redis_url),
        "database": database_kind(options.database_url),
    }
