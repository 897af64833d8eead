"""Every tag a product owner uses in a feature file must be a registered marker.

pytest runs with --strict-markers, so an unregistered tag would fail the run
at collection; this test names the offending file and tag instead.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def registered_markers() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    lines = config["tool"]["pytest"]["ini_options"]["markers"]
    return {line.split(":", 1)[0].split("(", 1)[0].strip() for line in lines}


def feature_tags() -> dict[str, set[str]]:
    tags: dict[str, set[str]] = {}
    for path in sorted((ROOT / "features").rglob("*.feature")):
        for line in path.read_text(encoding="utf-8").splitlines():
            stripped = line.strip()
            if stripped.startswith("@"):
                for tag in re.findall(r"@([^\s@]+)", stripped):
                    tags.setdefault(tag, set()).add(str(path.relative_to(ROOT)))
    return tags


def test_every_feature_tag_is_a_registered_marker() -> None:
    registered = registered_markers()
    unknown = {tag: files for tag, files in feature_tags().items() if tag not in registered}
    assert not unknown, f"register these tags in pyproject.toml markers: {unknown}"
