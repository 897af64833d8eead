"""The browser (JavaScript career sites) verifies TLS against the configured CA bundle.

With ``ca_bundle`` set and ``certutil`` installed, Chromium gets a private NSS
database trusting the bundle and runs without ``--ignore-certificate-errors``:
the fake internet's CA lets it render the JS site, any other CA makes it fail.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import trustme

from jobscraper.config import Settings, load_settings
from jobscraper.sources import browser
from jobscraper.sources.browser import (
    BrowserRenderer,
    build_nss_home,
    chromium_args,
    find_certutil,
    nss_db_dir,
    split_pem_bundle,
)
from jobscraper.sources.http import TransientFetchError
from steps.harness.fake_internet import SITES, FakeInternet

# crawl4ai (imported by the browser) reads these at import time; the root conftest
# sets them too.
os.environ.setdefault(
    "CRAWL4_AI_BASE_DIRECTORY", str(Path(__file__).resolve().parents[1] / ".work" / "crawl4ai")
)
os.environ.setdefault("CRAWL4AI_NO_CLOUD_NOTICE", "1")
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

CHROMIUM = "/usr/bin/chromium"
JS_HOST = "careers.globex-ai.com"
JS_URL = f"https://{JS_HOST}/jobs"
CERTUTIL = find_certutil()

needs_certutil = pytest.mark.skipif(
    CERTUTIL is None, reason="certutil missing: apt-get install libnss3-tools"
)
needs_chromium = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK), reason="Debian's chromium is not installed"
)


def _settings(tmp_path: Path, net: FakeInternet, ca_bundle: Path) -> Settings:
    return load_settings(
        data_dir=tmp_path / "data",
        proxy_url=net.proxy_url,
        ca_bundle=ca_bundle,
        browser_executable=CHROMIUM,
        js_hosts=[JS_HOST],
        request_timeout_s=10,
    )


def _other_ca_bundle(tmp_path: Path) -> Path:
    path = tmp_path / "other-ca.pem"
    trustme.CA().cert_pem.write_to_path(str(path))
    return path


def _cmdline(pid: int) -> list[str]:
    """The command line of Chromium (the Debian wrapper execs it in the same process)."""
    return Path(f"/proc/{pid}/cmdline").read_bytes().decode().split("\0")


def _environ(pid: int) -> dict[str, str]:
    pairs = Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace").split("\0")
    return dict(p.split("=", 1) for p in pairs if "=" in p)


# -- unit: bundle splitting, NSS database, command line ---------------------------------


def test_a_bundle_is_split_into_distinct_certificates(tmp_path: Path) -> None:
    from cryptography import x509

    first, second = trustme.CA(), trustme.CA()
    bundle = tmp_path / "bundle.pem"
    bundle.write_bytes(
        b"# corporate roots\n" + first.cert_pem.bytes() + second.cert_pem.bytes()
        + first.cert_pem.bytes()  # duplicates are dropped
    )
    pems = split_pem_bundle(bundle)
    assert [x509.load_pem_x509_certificate(p) for p in pems] == [
        x509.load_pem_x509_certificate(first.cert_pem.bytes()),
        x509.load_pem_x509_certificate(second.cert_pem.bytes()),
    ]
    empty = tmp_path / "empty.pem"
    empty.write_text("no certificates here\n")
    with pytest.raises(ValueError):
        split_pem_bundle(empty)


@needs_certutil
def test_the_nss_database_trusts_every_ca_of_the_bundle(tmp_path: Path) -> None:
    assert CERTUTIL is not None
    cas = [trustme.CA(), trustme.CA(), trustme.CA()]
    bundle = tmp_path / "bundle.pem"
    bundle.write_bytes(b"".join(ca.cert_pem.bytes() for ca in cas))
    home = tmp_path / "home"

    db = build_nss_home(bundle, home, CERTUTIL)

    assert db == nss_db_dir(home) == home / ".pki" / "nssdb"
    assert (db / "cert9.db").is_file()  # sql: format, what Chromium opens
    assert not list(db.glob("*.pem"))  # the split files are not left behind
    listing = subprocess.run(
        [CERTUTIL, "-L", "-d", f"sql:{db}"], capture_output=True, text=True, check=True
    ).stdout
    trusted = [line.split()[-1] for line in listing.splitlines() if "jobscraper-ca-" in line]
    assert trusted == ["C,,", "C,,", "C,,"]
    # The certificates in the database are exactly the bundle's.
    for i, ca in enumerate(cas):
        exported = subprocess.run(
            [CERTUTIL, "-L", "-d", f"sql:{db}", "-n", f"jobscraper-ca-{i}", "-a"],
            capture_output=True, check=True,
        ).stdout
        assert exported.replace(b"\r\n", b"\n").strip() == ca.cert_pem.bytes().strip()


@needs_certutil
def test_a_failing_import_stops_the_browser_instead_of_relaxing_tls(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bundle = tmp_path / "bundle.pem"
    bundle.write_text("not a certificate\n")
    settings = load_settings(data_dir=tmp_path / "data", ca_bundle=bundle)
    renderer = BrowserRenderer(settings)
    monkeypatch.setattr(browser.tempfile, "tempdir", str(tmp_path))
    with pytest.raises(RuntimeError, match="could not give the browser the CA bundle"):
        renderer.prepare_trust()
    assert not list(tmp_path.glob("jobscraper-chromium-home-*"))  # cleaned up


def test_chromium_args_ignore_certificate_errors_only_without_a_trust_store(
    tmp_path: Path,
) -> None:
    bundle = tmp_path / "ca.pem"
    trustme.CA().cert_pem.write_to_path(str(bundle))
    settings = load_settings(data_dir=tmp_path / "data", ca_bundle=bundle,
                             proxy_url="http://127.0.0.1:3128")
    secure = chromium_args(settings, CHROMIUM, 9222, "/p", nss_trust=True)
    relaxed = chromium_args(settings, CHROMIUM, 9222, "/p", nss_trust=False)
    assert not any(a.startswith("--ignore-certificate-errors") for a in secure)
    assert "--ignore-certificate-errors" in relaxed
    assert "--proxy-server=http://127.0.0.1:3128" in secure
    plain = load_settings(data_dir=tmp_path / "data")
    assert not any(
        a.startswith("--ignore-certificate-errors")
        for a in chromium_args(plain, CHROMIUM, 9222, "/p", nss_trust=False)
    )


def test_without_certutil_the_warning_says_how_to_fix_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    bundle = tmp_path / "ca.pem"
    trustme.CA().cert_pem.write_to_path(str(bundle))
    renderer = BrowserRenderer(load_settings(data_dir=tmp_path / "data", ca_bundle=bundle))
    monkeypatch.setattr(browser, "find_certutil", lambda: None)
    with caplog.at_level("WARNING", logger=browser.log.name):
        env = renderer.prepare_trust()
    assert env.get("HOME") == os.environ.get("HOME")
    assert "install libnss3-tools" in caplog.text
    assert "--ignore-certificate-errors" in renderer.command(CHROMIUM, 9222, "/p")


# -- the real browser through the fake internet ------------------------------------------


@needs_chromium
@needs_certutil
@pytest.mark.browser
@pytest.mark.asyncio
async def test_the_browser_renders_the_js_site_with_verification_on(
    tmp_path: Path, fresh_fake_internet: FakeInternet
) -> None:
    net = fresh_fake_internet
    renderer = BrowserRenderer(_settings(tmp_path, net, net.ca_bundle_path))
    await renderer.start()
    try:
        assert renderer._process is not None
        pid = renderer._process.pid
        cmdline = _cmdline(pid)
        home = renderer._home
        assert home is not None
        assert _environ(pid)["HOME"] == home
        assert (nss_db_dir(Path(home)) / "cert9.db").is_file()

        rendered = await renderer.render(JS_URL)
    finally:
        await renderer.close()

    assert any("--remote-debugging-port=" in a for a in cmdline)  # it is Chromium's
    assert not any(a.startswith("--ignore-certificate-errors") for a in cmdline)
    assert rendered.status == 200
    for posting in SITES[JS_HOST].postings:  # drawn by the page's JavaScript
        assert posting.title in rendered.markdown
    assert net.requests_to(JS_HOST)
    assert not Path(home).exists()  # the trust store is removed with the browser


@needs_chromium
@needs_certutil
@pytest.mark.browser
@pytest.mark.asyncio
async def test_the_browser_refuses_a_site_its_ca_bundle_does_not_vouch_for(
    tmp_path: Path, fresh_fake_internet: FakeInternet
) -> None:
    net = fresh_fake_internet
    renderer = BrowserRenderer(_settings(tmp_path, net, _other_ca_bundle(tmp_path)))
    await renderer.start()
    try:
        with pytest.raises(TransientFetchError):
            await renderer.render(JS_URL)
    finally:
        await renderer.close()
    # The TLS handshake failed: no request ever reached the site through the tunnel.
    assert net.requests_to(JS_HOST) == []

