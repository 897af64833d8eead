"""Real local models and a real OpenAI-compatible "cloud" for the suite.

* ``tiny_models``: the three tiny Qwen3 models, built once into
  ``.work/models`` by the application's own ``jobscraper models build-tiny``
  command (idempotent: later runs keep them). A file lock keeps parallel
  workers from building at the same time.
* ``local_models``: the process's one ``LocalModelManager`` - the same object
  the application uses - so every scenario reuses the resident vLLM engine
  instead of loading a model per scenario. Unloaded at the end of the session.
* ``cloud_endpoint``: a vLLM OpenAI-compatible server (``python -m
  vllm.entrypoints.openai.api_server``) running the smallest tiny model under
  the cloud model's name (``gpt-4o-mini``) on a loopback port. Started only
  when a scenario asks for a cloud (about 25 s on two cores), then shared by
  the session. It is a real model server, not a stand-in: the application
  reaches it through ``cloud_base_url`` exactly as it would reach a provider.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from jobscraper.ai.local import LocalModelManager, model_manager
from jobscraper.config import Settings, load_settings
from steps.harness.app import SHARED_MODELS_DIR, free_port
from steps.harness.environment import WORK_DIR
from steps.harness.processes import log_tail, stop_process_group
from steps.harness.waiting import wait_for

CLOUD_MODEL_TIER = "thinking"  # the smallest tiny model serves as the "cloud"
CLOUD_START_TIMEOUT_S = 180.0


@dataclass(frozen=True)
class TinyModels:
    models_dir: Path
    settings: Settings

    def path(self, tier: str) -> Path:
        return self.models_dir / tier


def build_tiny_models_once(models_dir: Path = SHARED_MODELS_DIR) -> TinyModels:
    """Run ``jobscraper models build-tiny`` for ``models_dir`` (a no-op when built)."""
    from typer.testing import CliRunner

    from jobscraper.cli import app

    models_dir.mkdir(parents=True, exist_ok=True)
    env = {
        "JOBSCRAPER_DATA_DIR": str(WORK_DIR / "models-build"),
        "JOBSCRAPER_MODELS_DIR": str(models_dir),
    }
    with (models_dir / ".build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        result = CliRunner().invoke(app, ["models", "build-tiny"], env=env)
        fcntl.flock(lock, fcntl.LOCK_UN)
    if result.exit_code != 0:
        raise RuntimeError(f"jobscraper models build-tiny failed:\n{result.output}")
    settings = load_settings(data_dir=WORK_DIR / "models-build", models_dir=models_dir)
    return TinyModels(models_dir, settings)


@pytest.fixture(scope="session")
def tiny_models() -> TinyModels:
    return build_tiny_models_once()


@pytest.fixture(scope="session")
def local_models(tiny_models: TinyModels) -> Iterator[LocalModelManager]:
    """The application's process-wide model manager (one resident vLLM engine)."""
    manager = model_manager()
    try:
        yield manager
    finally:
        manager.unload()


@dataclass
class CloudEndpoint:
    base_url: str
    model: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log_tail(self, lines: int = 30) -> str:
        return log_tail(self.log_path, lines)


def start_cloud_server(model_path: Path, served_name: str, log_path: Path) -> CloudEndpoint:
    port = free_port()
    env = {
        **os.environ,
        "VLLM_ENABLE_V1_MULTIPROCESSING": "0",
        "VLLM_NO_USAGE_STATS": "1",
        "HF_HUB_OFFLINE": "1",
    }
    command = [
        sys.executable,
        "-m",
        "vllm.entrypoints.openai.api_server",
        "--model",
        str(model_path),
        "--served-model-name",
        served_name,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--max-model-len",
        "32768",
        "--enforce-eager",
        "--dtype",
        "bfloat16",
        "--kv-cache-memory-bytes",
        str(256 * 1024 * 1024),
        "--distributed-executor-backend",
        "uni",
        "--structured-outputs-config",
        '{"backend": "guidance", "disable_any_whitespace": true}',
        "--seed",
        "0",
    ]
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True
        )
    endpoint = CloudEndpoint(f"http://127.0.0.1:{port}/v1", served_name, process, log_path)

    def healthy() -> bool:
        if process.poll() is not None:
            raise RuntimeError(f"cloud model server exited:\n{endpoint.log_tail()}")
        with contextlib.suppress(httpx.HTTPError):
            return httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200
        return False

    try:
        wait_for(healthy, CLOUD_START_TIMEOUT_S, "the cloud model server did not become ready",
                 endpoint.log_tail, interval_s=0.5)
    except AssertionError:
        stop_cloud_server(endpoint)
        raise
    return endpoint


def stop_cloud_server(endpoint: CloudEndpoint) -> None:
    stop_process_group(endpoint.process, grace_s=20)


@pytest.fixture(scope="session")
def cloud_endpoint(tiny_models: TinyModels) -> Iterator[CloudEndpoint]:
    """An OpenAI-compatible model server answering as the cloud model."""
    served = load_settings().cloud_model
    log_path = WORK_DIR / "logs" / f"cloud-server-{os.getpid()}.log"
    endpoint = start_cloud_server(tiny_models.path(CLOUD_MODEL_TIER), served, log_path)
    try:
        yield endpoint
    finally:
        stop_cloud_server(endpoint)
