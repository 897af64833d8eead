"""The living documentation in a real browser: no console errors, nothing fetched.

Opens the page generated from our own features in Debian's Chromium (driven
by Playwright, never a downloaded browser) and records every console message
and every request. Skipped, with the reason, where no Chromium is installed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from steps.harness.chromium import LAUNCH_ARGS, chromium_executable

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = chromium_executable()


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_document_opens_offline_without_console_errors(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    output = tmp_path / "living-doc.html"
    subprocess.run(
        [sys.executable, "-m", "livingdoc", str(ROOT / "features"), "-o", str(output)],
        check=True,
        capture_output=True,
        timeout=120,
        cwd=ROOT,
    )
    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            page = browser.new_page()
            page.on(
                "console",
                lambda msg: problems.append(msg.text) if msg.type in {"error", "warning"} else None,
            )
            page.on("pageerror", lambda exc: problems.append(str(exc)))
            page.on("request", lambda req: requests.append(req.url))
            page.goto(output.as_uri())
            page.wait_for_load_state("load")
            search = page.locator("input[type=search], input[type=text]").first
            search.fill("posting seen twice")
            page.wait_for_timeout(300)
            visible_text = page.inner_text("body")
        finally:
            browser.close()
    assert not problems, f"console errors: {problems}"
    assert [url for url in requests if not url.startswith(("file:", "data:", "blob:"))] == []
    assert "A posting seen twice is stored once" in visible_text
