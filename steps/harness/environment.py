"""Process-wide environment for the suite, set before any library import.

Several libraries read their cache folders at import time (crawl4ai, vLLM,
tiktoken), so this module is imported first by the root conftest. Everything
is kept inside the project's ignored ``.work`` folder.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
WORK_DIR = PROJECT_ROOT / ".work"

# The suite's own variables: fallbacks of its pytest options (steps/harness/options.py).
REDIS_URL_ENV = "JOBSCRAPER_TEST_REDIS_URL"
DATABASE_URL_ENV = "JOBSCRAPER_TEST_DATABASE_URL"
MODEL_PROFILE_ENV = "JOBSCRAPER_MODEL_PROFILE"

_DEFAULTS = {
    "CRAWL4_AI_BASE_DIRECTORY": str(WORK_DIR / "crawl4ai"),
    "CRAWL4AI_NO_CLOUD_NOTICE": "1",
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    "VLLM_CACHE_ROOT": str(WORK_DIR / "vllm-cache"),
    "TIKTOKEN_CACHE_DIR": str(WORK_DIR / "tiktoken"),
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HOME": str(WORK_DIR / "hf"),
    "VLLM_ENABLE_V1_MULTIPROCESSING": "0",
    "VLLM_NO_USAGE_STATS": "1",
    "DO_NOT_TRACK": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "REFLEX_TELEMETRY_ENABLED": "false",
    "REFLEX_CHECK_LATEST_VERSION": "0",
}


def apply() -> None:
    """Set the suite's defaults without overriding what the caller exported."""
    for name, value in _DEFAULTS.items():
        os.environ.setdefault(name, value)
    Path(os.environ["CRAWL4_AI_BASE_DIRECTORY"]).mkdir(parents=True, exist_ok=True)
    # The application's own variables must not leak in from a developer's shell.
    for name in list(os.environ):
        if name.startswith("JOBSCRAPER_") and name not in {
            REDIS_URL_ENV,
            DATABASE_URL_ENV,
            MODEL_PROFILE_ENV,
        }:
            del os.environ[name]
