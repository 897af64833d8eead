"""Per-scenario memory shared by steps of different modules.

Steps communicate through this object instead of module globals: what the
When step did (``result``, ``error``) and what Givens set up (named values).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest


@dataclass
class ScenarioContext:
    """What happened so far in one scenario."""

    result: Any = None
    error: BaseException | None = None
    values: dict[str, Any] = field(default_factory=dict)

    def __getitem__(self, key: str) -> Any:
        try:
            return self.values[key]
        except KeyError:
            raise AssertionError(
                f"no earlier step recorded {key!r}; recorded so far: {sorted(self.values)}"
            ) from None

    def __setitem__(self, key: str, value: Any) -> None:
        self.values[key] = value

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


@pytest.fixture
def scenario() -> ScenarioContext:
    return ScenarioContext()
