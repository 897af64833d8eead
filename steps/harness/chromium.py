"""The one Chromium the suite drives through Playwright: Debian's, never a download.

Playwright's own browser download cannot work here (``playwright install``
reaches a CDN), so every browser test launches the system Chromium with the
same arguments: headless, sandbox off (root in CI), and nothing that phones
home (this machine's network is closed; background requests only slow it).
"""

from __future__ import annotations

import shutil
from pathlib import Path

# The real binary beside Debian's wrapper script avoids the wrapper's warnings.
_CANDIDATES = ("/usr/lib/chromium/chromium", "chromium", "chromium-browser")

LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_executable() -> str | None:
    """The system Chromium, or None where the bootstrap could not install one."""
    for candidate in _CANDIDATES:
        path = Path(candidate) if candidate.startswith("/") else None
        if path is not None and path.is_file():
            return str(path)
        found = shutil.which(candidate)
        if found:
            return found
    return None
