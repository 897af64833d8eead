"""Where the benchmarks leave their numbers: one JSON file of named keys.

Every ``bench/bench_*.py`` takes ``--json PATH`` and merges the keys it
measures into that file (``record``); a key that cannot be measured here is
``None`` with ``<key>_why`` beside it (``unavailable``). ``bench/report.py``
runs them all and turns the file into the README's table.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def record(path: str | Path | None, **keys: Any) -> None:
    """Merge ``keys`` into the JSON file at ``path`` (nothing without a path)."""
    if not path:
        return
    target = Path(path)
    data: dict[str, Any] = json.loads(target.read_text()) if target.exists() else {}
    data.update(keys)
    for key, value in keys.items():
        if value is not None and not key.endswith("_why"):
            data.pop(f"{key}_why", None)  # measured now: an earlier reason is stale
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")


def unavailable(path: str | Path | None, key: str, why: str) -> None:
    """A key this machine cannot measure: null, and the reason beside it."""
    record(path, **{key: None, f"{key}_why": why})
