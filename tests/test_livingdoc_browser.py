"""The living documentation in a real browser: no console errors, nothing fetched.

Opens the page generated from our own features, and the example shop's page after
a run, in Debian's Chromium (driven by Playwright, never a downloaded browser) and
records every console message and every request. Skipped, with the reason, where
no Chromium is installed.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from steps.harness.chromium import LAUNCH_ARGS, chromium_executable
from steps.harness.livingdoc_example_fixtures import ExampleProject

if TYPE_CHECKING:
    from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = chromium_executable()


@dataclass
class Watch:
    """Every console problem and every request of one page, as it was used."""

    problems: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def assert_quiet_and_offline(self) -> None:
        assert not self.problems, f"console errors: {self.problems}"
        local = ("file:", "data:", "blob:")
        assert [url for url in self.requests if not url.startswith(local)] == []


@contextmanager
def opened(html_file: Path) -> Iterator[tuple[Page, Watch]]:
    """The page loaded in Debian's Chromium, watched from before it loads."""
    from playwright.sync_api import sync_playwright

    watch = Watch()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            page = browser.new_page()
            page.on(
                "console",
                lambda msg: watch.problems.append(msg.text)
                if msg.type in {"error", "warning"}
                else None,
            )
            page.on("pageerror", lambda exc: watch.problems.append(str(exc)))
            page.on("request", lambda req: watch.requests.append(req.url))
            page.goto(html_file.as_uri())
            page.wait_for_load_state("load")
            yield page, watch
        finally:
            browser.close()


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_document_opens_offline_without_console_errors(tmp_path: Path) -> None:
    output = tmp_path / "living-doc.html"
    subprocess.run(
        [sys.executable, "-m", "livingdoc", str(ROOT / "features"), "-o", str(output)],
        check=True,
        capture_output=True,
        timeout=120,
        cwd=ROOT,
    )
    with opened(output) as (page, watch):
        search = page.locator("input[type=search], input[type=text]").first
        search.fill("posting seen twice")
        page.wait_for_timeout(300)
        visible_text = page.inner_text("body")
    watch.assert_quiet_and_offline()
    assert "A posting seen twice is stored once" in visible_text


SHOP_FEATURE = """Feature: Paying for an order
  Scenario: Paying with a noisy card reader
    Given a basket with 2 books
    When the customer pays with a noisy card reader
    Then the payment is accepted

  Scenario: Paying with an expired card
    Given a basket with 2 books
    When the customer pays with an expired card
    Then the payment is accepted

  Scenario: Printing a receipt
    Given a basket with 2 books
    When the customer prints the receipt
    Then the payment is accepted

  Scenario Outline: Tax by country
    When the customer in <country> pays by card
    Then the receipt reads
      \"\"\"
      Total: <total>
      \"\"\"

    Examples:
      | country | total |
      | France  | 24.00 |
      | Japan   | 99.00 |
"""


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_a_run_page_filters_by_failure_kind_and_shows_a_tiny_image(
    pytester: pytest.Pytester,
) -> None:
    """The example shop's page after a run: its failure filter, run context and evidence."""
    project = ExampleProject(pytester)
    project.features["checkout/paying.feature"] = SHOP_FEATURE
    project.run("browser")
    output = pytester.path / "doc" / "browser.html"
    with opened(output) as (page, watch):
        receipt = page.locator("figure.image img").first.bounding_box()
        page.click("details.run > summary")
        lanes = page.locator(".tl-lane").count()
        page.click(".top .kind-count[data-failure='assertion']")
        shown_after_assertion = page.locator("#ld-shown").inner_text()
        visible_rows = page.locator("tr.example:not(.dimmed)").count()
        page.click(".top .kind-count[data-failure='broken']")
        broken = [
            name.inner_text()
            for name in page.locator("details.scenario:not([hidden]) .name").all()
        ]
    watch.assert_quiet_and_offline()
    assert receipt is not None and min(receipt["width"], receipt["height"]) >= 48, receipt
    assert lanes == 1  # a serial run: one lane
    assert (shown_after_assertion, visible_rows) == ("1 of 5 scenarios shown", 1)  # Japan's row
    assert broken == ["Paying with an expired card"]


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_a_page_with_history_filters_what_changed_and_links_suggestions(
    pytester: pytest.Pytester,
) -> None:
    """Two kept runs: the changed filter, the history's trends, a suggestion's catalogue link."""
    project = ExampleProject(pytester)
    project.features["checkout/paying.feature"] = SHOP_FEATURE
    project.run("before", history=True)
    project.features["checkout/paying.feature"] = SHOP_FEATURE.replace(
        "Scenario: Printing a receipt\n    Given a basket with 2 books",
        "Scenario: Printing a receipt\n    Given a basket of 2 book",
    )
    project.run("after", history=True, subprocess=True)  # pytest-bdd caches parsed features
    with opened(pytester.path / "doc" / "after.html") as (page, watch):
        page.click("#ld-changed")
        shown = page.locator("#ld-shown").inner_text()
        names = page.locator("details.scenario:not([hidden]) .name").all()
        visible = [name.inner_text() for name in names]
        page.click("#ld-reset")
        page.locator("details.history").first.evaluate("node => { node.open = true; }")
        charts = page.locator("details.history svg.spark").count()
        link = page.locator("li.suggestion a.sg-phrase").first.get_attribute("href") or ""
        target = page.locator(f"article.stepdef{link}").count() if link.startswith("#") else 0
    watch.assert_quiet_and_offline()
    assert (shown, visible) == ("1 of 5 scenarios shown", ["Printing a receipt"])
    assert charts >= 1
    assert target == 1, link
