"""Page objects of the dashboard: every selector the suite uses lives in this package.

Steps speak business language ("starts a scrape of these sources from the
dashboard"); these classes turn that into clicks, typing and reading on the
real page in a real Chromium, and read back what a person would see. They wait
for the page itself (Playwright waits, ``wait_for_function`` on every animation
frame for live values), never with sleeps.
"""

from steps.harness.dashboard.page import DashboardPage, ProgressSeen

__all__ = ["DashboardPage", "ProgressSeen"]
