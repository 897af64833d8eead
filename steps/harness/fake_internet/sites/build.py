"""Generate the static fixture files under ``sites/<host>/`` from the catalogue.

Run ``python -m steps.harness.fake_internet.sites.build`` after changing the
catalogue, brands or templates; ``tests/test_fake_internet.py`` fails when the
files on disk differ from what this module generates.
"""

from __future__ import annotations

from pathlib import Path

from . import legacy
from .brands import ACME_BRAND, EVIL_BRAND, NORTHWIND_BRAND, PRIVATE_BRAND
from .catalogue import ACME_JOBS, EVIL_JOBS, NORTHWIND_JOBS, PRIVATE_JOBS
from .pages import PRIVATE_ROBOTS, Files, career_site, globex_site

SITES_DIR = Path(__file__).resolve().parent


def build_files() -> Files:
    """Every generated fixture file."""
    files: Files = {}
    files |= career_site(
        ACME_BRAND, ACME_JOBS, structured={"*": "plain", "1043": "graph"}, item_list=True
    )
    files |= career_site(NORTHWIND_BRAND, NORTHWIND_JOBS)
    files |= globex_site()
    files |= career_site(EVIL_BRAND, EVIL_JOBS, structured={"*": "plain"})
    files |= career_site(
        PRIVATE_BRAND, PRIVATE_JOBS, structured={"*": "plain"}, robots=PRIVATE_ROBOTS
    )
    files |= legacy.files()
    return files


def main() -> None:
    for name, content in build_files().items():
        target = SITES_DIR / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        print(f"wrote {target.relative_to(SITES_DIR)} ({len(content):,} bytes)")


if __name__ == "__main__":
    main()
