#!/usr/bin/env bash
# Make sure a Chromium is available: Debian's package when missing and we are root,
# otherwise a clear message saying how to get one. (Playwright/crawl4ai cannot
# download their own browser builds on machines without general internet.)
# Also NSS's certutil (libnss3-tools): with it the browser trusts a custom CA bundle
# (JOBSCRAPER_CA_BUNDLE) instead of skipping TLS verification. Missing certutil is
# not fatal.
set -euo pipefail

can_apt() { [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; }
APT_UPDATED=0
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if [ "$APT_UPDATED" = "0" ]; then
    apt-get update -qq
    APT_UPDATED=1
  fi
  apt-get install -y -qq "$@" >/dev/null
}

ensure_certutil() {
  if command -v certutil >/dev/null 2>&1; then
    echo "certutil: $(command -v certutil)"
    return 0
  fi
  if can_apt; then
    echo "certutil: installing Debian's libnss3-tools"
    if apt_install libnss3-tools && command -v certutil >/dev/null 2>&1; then
      echo "certutil: $(command -v certutil)"
      return 0
    fi
    echo "certutil: installing libnss3-tools failed" >&2
  fi
  cat >&2 <<'MSG'
certutil is missing (not fatal). Without it the browser cannot trust a custom CA
bundle (JOBSCRAPER_CA_BUNDLE) and skips TLS verification for JavaScript career
sites. Install it as root: 'apt-get install libnss3-tools' (Debian/Ubuntu),
'dnf install nss-tools' (Fedora).
MSG
  return 0
}

if command -v chromium >/dev/null 2>&1; then
  echo "chromium: $(command -v chromium)"
  ensure_certutil
  exit 0
fi
if can_apt; then
  echo "chromium: installing Debian's package"
  apt_install chromium
  command -v chromium
  ensure_certutil
  exit 0
fi
ensure_certutil
cat >&2 <<'MSG'
chromium is missing and this user cannot install it.
Install it as root ('apt-get install chromium' on Debian/Ubuntu), or point
JOBSCRAPER_BROWSER_EXECUTABLE at an existing Chromium/Chrome binary.
MSG
exit 1
