"""One browser tab on the dashboard, with a page object per dashboard page.

``DashboardPage`` opens routes and waits until the page is hydrated (connected
to its server: the client token is filled in). It also records, in the page
itself, every progress update the live view shows (``watch_progress``): a
MutationObserver notes the time each new update reached the DOM beside the
time the worker published it, so the publish-to-screen delay is measured in
the browser.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from playwright.async_api import Page
from playwright.async_api import expect as playwright_expect

from jobscraper.ui.sources import BOARD_LABELS

PAGE_TIMEOUT_MS = 30_000
RUN_TIMEOUT_MS = 180_000
FINAL_STATUSES = ("completed", "failed", "cancelled")

# Runs before any page script: watch the live progress element for new updates.
_WATCH_PROGRESS = """
(() => {
  window.__progressSeen = [];
  const record = (el) => {
    const seq = Number(el.dataset.seq || 0);
    const seen = window.__progressSeen;
    if (!seq || (seen.length && seen[seen.length - 1].seq === seq)) return;
    seen.push({seq, published: Number(el.dataset.publishedMs || 0), shown: Date.now(),
               percent: Number(el.dataset.percent || 0), status: el.dataset.status || "",
               done: Number(el.dataset.done || 0), total: Number(el.dataset.total || 0),
               found: Number((document.querySelector('[data-testid="postings-found"]') || {})
                              .textContent || 0)});
  };
  const scan = () => {
    const el = document.querySelector('[data-testid="run-progress"]');
    if (el) record(el);
  };
  new MutationObserver(scan).observe(document, {subtree: true, childList: true,
    attributes: true, characterData: true, attributeFilter: ["data-seq"]});
})();
"""


@dataclass
class ProgressSeen:
    """One progress update as the page showed it."""

    seq: int
    published_ms: float
    shown_ms: float
    percent: float
    status: str
    postings_found: int
    done: int
    total: int

    @property
    def delay_ms(self) -> float:
        return self.shown_ms - self.published_ms


@dataclass
class SourceCardSeen:
    source: str
    state: str
    postings: str
    reason: str


class DashboardPage:
    """A tab on the dashboard; ``url`` is asked for lazily (the server starts on first use)."""

    def __init__(self, page: Page, base_url: Callable[[], str]) -> None:
        self.page = page
        self._base_url = base_url
        page.set_default_timeout(PAGE_TIMEOUT_MS)
        self.console_errors: list[str] = []
        page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))
        self.sources = SourcesPage(self)
        self.scrape = ScrapePage(self)
        self.runs = RunsPage(self)
        self.jobs = JobsPage(self)
        self.costs = CostsPage(self)

    async def watch_progress(self) -> None:
        await self.page.add_init_script(_WATCH_PROGRESS)

    async def open(self, path: str) -> None:
        """Go to a route and wait until the page is connected and has its first answer."""
        await self.page.goto(self._base_url() + path)
        await self.page.evaluate("() => { window.__sameDocument = 'kept'; }")
        await self.page.wait_for_function(
            "() => { const t = document.getElementById('client-token');"
            " return t !== null && t.value !== ''; }"
        )
        await self.answered(0)

    async def answers(self) -> int:
        """How many times the server has answered this page (its load, each action)."""
        return int(await self.page.locator("main").get_attribute("data-answers") or 0)

    async def answered(self, before: int) -> None:
        """Until the server has answered the page more than ``before`` times."""
        await self.page.wait_for_function(
            "(before) => { const m = document.querySelector('main');"
            " return m !== null && Number(m.dataset.answers) > before; }",
            arg=before,
        )

    async def act(self, action: Callable[[], Awaitable[object]]) -> None:
        """Do something on the page and wait for the server's answer to it."""
        before = await self.answers()
        await action()
        await self.answered(before)

    async def watch_connection(self) -> None:
        """From now on, note in the page whether it ever says its connection was lost."""
        await self.page.evaluate(
            "() => { window.__connectionLost = false; new MutationObserver(() => {"
            " if (document.getElementById('connection-lost')) window.__connectionLost = true;"
            " }).observe(document.body, {subtree: true, childList: true}); }"
        )

    async def wait_connection_lost(self) -> None:
        await self.page.wait_for_function("() => window.__connectionLost === true",
                                          timeout=RUN_TIMEOUT_MS)

    @property
    async def connection_lost_shown(self) -> bool:
        return bool(await self.page.evaluate("() => window.__connectionLost === true"))

    async def wait_connected_again(self) -> None:
        """The banner is gone and the server answers the page again, in the same document
        (the page was not reloaded)."""
        await self.page.get_by_test_id("connection-lost").wait_for(
            state="detached", timeout=RUN_TIMEOUT_MS
        )
        assert await self.page.evaluate("() => window.__sameDocument") == "kept", (
            "the page was reloaded"
        )

    async def close(self) -> None:
        """Close the tab, as a person closing it would."""
        await self.page.close()

    async def screenshot(self) -> bytes:
        return await self.page.screenshot(full_page=True)

    async def first_progress_shown(self) -> None:
        """Until the page has shown a run's progress at least once."""
        await self.page.wait_for_function("() => (window.__progressSeen || []).length > 0")

    async def progress_seen(self) -> list[ProgressSeen]:
        raw = await self.page.evaluate("() => window.__progressSeen || []")
        return [
            ProgressSeen(r["seq"], r["published"], r["shown"], r["percent"], r["status"],
                         r["found"], r["done"], r["total"])
            for r in raw
        ]

    async def text_of(self, test_id: str) -> str:
        return (await self.page.get_by_test_id(test_id).first.inner_text()).strip()

    async def wait_for_text(self, test_id: str, pattern: str) -> None:
        await playwright_expect(self.page.get_by_test_id(test_id).first).to_have_text(
            re.compile(pattern)
        )


class _Part:
    def __init__(self, tab: DashboardPage) -> None:
        self.tab = tab

    @property
    def page(self) -> Page:
        return self.tab.page


class SourcesPage(_Part):
    def __init__(self, tab: DashboardPage) -> None:
        super().__init__(tab)
        self.confirmations: list[tuple[str, int]] = []

    async def open_unless_shown(self) -> None:
        """Stay on the Sources page if the tab shows it (keeping its messages), else open it."""
        if not self.page.url.rstrip("/").endswith("/sources"):
            await self.open()

    async def open(self) -> None:
        await self.tab.open("/sources")

    async def add_career_page(self, address: str) -> None:
        await self.page.get_by_label("Career page address").fill(address)
        await self._submit("Add career page")

    async def add_career_page_by_keyboard(self, address: str) -> None:
        """Tab to the address field from the top of the page, type, press Enter."""
        await self.page.locator("body").focus()
        for _ in range(40):
            await self.page.keyboard.press("Tab")
            if await self.page.evaluate("() => document.activeElement.id") == "address":
                break
        else:
            raise AssertionError("the address field cannot be reached with Tab")
        await self.page.keyboard.type(address)
        await self.tab.act(lambda: self.page.keyboard.press("Enter"))

    async def add_search(
        self,
        words: str,
        location: str = "",
        boards: list[str] | None = None,
        results_wanted: int | None = None,
        remote_only: bool = False,
    ) -> None:
        await self.page.get_by_label("Search words").fill(words)
        await self.page.get_by_label("Location").fill(location)
        if boards is not None:
            wanted = {b.lower().replace("_", "").replace(" ", "") for b in boards}
            for board, label in BOARD_LABELS.items():
                box = self.page.get_by_role("checkbox", name=label, exact=True)
                checked = await box.get_attribute("aria-checked") == "true"
                if checked != (board.replace("_", "") in wanted):
                    await box.click()
        if results_wanted is not None:
            await self.page.get_by_label("Results wanted per board").fill(str(results_wanted))
        if remote_only:
            await self.page.get_by_label("Remote jobs only").check()
        await self._submit("Add search")

    async def _submit(self, button: str) -> None:
        """Press a form's button and wait for the server's answer (saved or refused)."""
        await self.tab.act(self.page.get_by_role("button", name=button).click)

    def _row(self, value: str):  # type: ignore[no-untyped-def]
        return self.page.get_by_test_id("source-row").filter(
            has=self.page.get_by_test_id("source-value").get_by_text(value, exact=True)
        )

    async def set_enabled(self, value: str, enabled: bool) -> None:
        switch = self._row(value).get_by_role("switch")
        if (await switch.get_attribute("aria-checked") == "true") != enabled:
            await self.tab.act(switch.click)

    async def delete(self, value: str) -> None:
        """Press Delete on the source's row, then confirm in the dialog that asks.

        ``confirmations`` records (source, rows still saved when the question showed)."""
        await self._row(value).get_by_role("button", name=f"Delete {value}").click()
        dialog = self.page.get_by_role("alertdialog")
        await dialog.wait_for()
        still = await self.page.get_by_test_id("source-row").count()
        self.confirmations.append((value, still))
        await self.tab.act(dialog.get_by_role("button", name="Delete").click)

    async def refusal(self) -> str:
        errors = self.page.locator("#address-error, #term-error")
        return (await errors.first.inner_text()) if await errors.count() else ""

    async def saved(self) -> list[str]:
        return [v.strip() for v in await self.page.get_by_test_id("source-value").all_inner_texts()]


class ScrapePage(_Part):
    async def open(self) -> None:
        await self.tab.open("/")

    async def start(self, sources: list[str] | None = None) -> None:
        """Tick exactly ``sources`` (default: every enabled one) and start the scrape."""
        if sources is not None:
            for choice in await self.page.get_by_test_id("scrape-choice").all():
                name = await choice.evaluate(
                    "b => (b.closest('label') || b.parentElement).textContent.trim()"
                )
                checked = await choice.get_attribute("aria-checked") == "true"
                if checked != (name in sources):
                    await self.tab.act(choice.click)
        await self.tab.act(self.page.get_by_role("button", name="Start scrape").click)
        await self.page.get_by_test_id("run-progress").wait_for()

    async def offered(self) -> list[str]:
        """The sources the page offers to scrape (the enabled ones)."""
        return [
            str(await choice.evaluate(
                "b => (b.closest('label') || b.parentElement).textContent.trim()"))
            for choice in await self.page.get_by_test_id("scrape-choice").all()
        ]

    async def wait_until_final(self) -> str:
        await self.page.wait_for_function(
            "(finals) => { const el = document.querySelector('[data-testid=\"run-progress\"]');"
            " return el && finals.includes(el.dataset.status); }",
            arg=list(FINAL_STATUSES),
            timeout=RUN_TIMEOUT_MS,
            polling="raf",
        )
        return await self.run_status()

    async def wait_for_sources_done(self, count: int) -> None:
        await self.page.wait_for_function(
            "(n) => { const c = document.querySelectorAll('[data-testid=\"source-card\"]');"
            " return [...c].filter(x => !['waiting','scraping'].includes(x.dataset.state))"
            ".length >= n; }",
            arg=count,
            timeout=RUN_TIMEOUT_MS,
            polling="raf",
        )

    async def run_status(self) -> str:
        return str(await self.page.get_by_test_id("run-progress").get_attribute("data-status"))

    async def run_id(self) -> str:
        return await self.tab.text_of("run-id")

    async def progress(self) -> dict[str, Any]:
        element = self.page.get_by_test_id("run-progress")
        text = await element.inner_text()
        match = re.search(r"(\d+) of (\d+) sources", text)
        return {
            "percent": float(await element.get_attribute("data-percent") or 0),
            "status": await element.get_attribute("data-status"),
            "done": int(match.group(1)) if match else None,
            "total": int(match.group(2)) if match else None,
            "postings": int(await self.tab.text_of("postings-found") or 0),
            "local": int(await self.tab.text_of("postings-local") or 0),
            "cloud": int(await self.tab.text_of("postings-cloud") or 0),
        }

    async def cards(self) -> list[SourceCardSeen]:
        seen = []
        for card in await self.page.get_by_test_id("source-card").all():
            reason = card.get_by_test_id("source-reason")
            seen.append(SourceCardSeen(
                source=str(await card.get_attribute("data-source")),
                state=str(await card.get_attribute("data-state")),
                postings=(await card.get_by_test_id("source-postings").inner_text()).strip(),
                reason=(await reason.inner_text()).strip() if await reason.count() else "",
            ))
        return seen

    async def found_titles(self) -> list[str]:
        items = await self.page.get_by_test_id("found-posting").all()
        return [(await item.get_by_role("link").inner_text()).strip() for item in items]

    async def cancel(self) -> None:
        await self.page.get_by_role("button", name="Cancel run").click()


class RunsPage(_Part):
    async def open_run(self, run_id: str) -> None:
        """Open a run's page and wait until it shows the run's first state."""
        await self.tab.open(f"/runs/{run_id}")
        await self.page.wait_for_function(
            "() => { const el = document.querySelector('[data-testid=\"run-progress\"]');"
            " return el !== null && Number(el.dataset.seq) > 0; }"
        )


    async def history(self) -> list[dict[str, str]]:
        """The runs listed, newest first: run (short id), status, found, ..."""
        names = ["run", "status", "started", "duration", "sources", "found", "new", "updated",
                 "problems", "error"]
        rows = []
        for row in await self.page.get_by_test_id("run-row").all():
            cells = [c.strip() for c in await row.get_by_role("cell").all_inner_texts()]
            rows.append(dict(zip(names, cells, strict=False)))
        return rows

    async def workers(self) -> list[dict[str, str]]:
        names = ["name", "state", "current run", "heartbeat"]
        rows = []
        for row in await self.page.get_by_test_id("worker-row").all():
            cells = [c.strip() for c in await row.get_by_role("cell").all_inner_texts()]
            rows.append(dict(zip(names, cells, strict=False)))
        return rows


class JobsPage(_Part):
    async def open(self) -> None:
        await self.tab.open("/jobs")

    async def filter(self, typed: dict[str, str], chosen: dict[str, str]) -> None:
        """Type the text filters and apply them, then pick the choice filters."""
        labels = {"search": "Search", "location": "Location",
                  "minimum annual salary": "Minimum annual salary",
                  "posted since": "Posted since"}
        if typed:
            for name, value in typed.items():
                await self.page.get_by_label(labels[name], exact=True).fill(value)
            await self.tab.act(self.page.get_by_role("button", name="Apply filters").click)
        selects = {"company": "Company", "work arrangement": "Work arrangement",
                   "board or site": "Board or site", "extracted by": "Extracted by",
                   "sort": "Sort"}
        for name, value in chosen.items():
            await self.page.get_by_role("combobox", name=selects[name]).click()
            option = self.page.get_by_role("option", name=value, exact=True)
            await self.tab.act(option.click)

    async def total(self) -> int:
        return int(await self.page.get_by_test_id("jobs-total").get_attribute("data-total") or 0)

    async def titles(self) -> list[str]:
        return [t.strip() for t in await self.page.get_by_test_id("job-title").all_inner_texts()]

    async def open_posting(self, title: str) -> None:
        await self.page.get_by_test_id("job-title").filter(has_text=title).first.click()
        await self.page.get_by_test_id("posting-title").wait_for()

    async def posting_facts(self) -> dict[str, str]:
        names = ["posting-title", "provenance-route", "provenance-tier", "provenance-model",
                 "provenance-prompt-tokens", "provenance-output-tokens", "provenance-latency",
                 "provenance-cost"]
        return {n: await self.tab.text_of(n) for n in names}


class CostsPage(_Part):
    async def open(self) -> None:
        await self.tab.open("/costs")
        await self.page.get_by_test_id("budget").wait_for()

    async def residents(self) -> list[dict[str, str]]:
        rows = []
        for row in await self.page.get_by_test_id("resident-row").all():
            rows.append({
                "tier": (await row.get_by_test_id("resident-tier").inner_text()).strip(),
                "model": (await row.get_by_test_id("resident-model").inner_text()).strip(),
                "load time": (await row.get_by_test_id("resident-load-time").inner_text()).strip(),
            })
        return rows

    async def figure(self, test_id: str) -> str:
        return await self.tab.text_of(test_id)

    async def budget(self) -> tuple[str, str]:
        element = self.page.get_by_test_id("budget")
        return str(await element.get_attribute("data-level")), (await element.inner_text()).strip()
