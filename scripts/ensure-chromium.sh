#!/usr/bin/env bash
# Make sure a Chromium is available: Debian's package when missing and we are root,
# otherwise a clear message saying how to get one. (Playwright/crawl4ai cannot
# download their own browser builds on machines without general internet.)
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "chromium: $(command -v chromium)"
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "chromium: installing Debian's package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  command -v chromium
  exit 0
fi
cat >&2 <<'MSG'
chromium is missing and this user cannot install it.
Install it as root ('apt-get install chromium' on Debian/Ubuntu), or point
JOBSCRAPER_BROWSER_EXECUTABLE at an existing Chromium/Chrome binary.
MSG
exit 1
