"""The vLLM arguments of each model profile, pinned without a GPU and without loading a model.

On gpu the real Qwen3 models think before they answer: vLLM's ``qwen3`` reasoning
parser keeps the JSON schema off the ``<think>`` block, and a thinking budget keeps
the reasoning from using every output token. The installed vLLM is asked whether it
accepts these arguments (its own config classes, no engine).
"""

from __future__ import annotations

import dataclasses
import inspect
from pathlib import Path

import pytest

from jobscraper.ai.local import engine_kwargs, sampling_kwargs
from jobscraper.config import Settings, load_settings


@pytest.fixture
def gpu(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path, model_profile="gpu")


@pytest.fixture
def cpu_tiny(tmp_path: Path) -> Settings:
    return load_settings(data_dir=tmp_path, model_profile="cpu-tiny")


def _engine_fields() -> set[str]:
    from vllm.engine.arg_utils import EngineArgs

    return {f.name for f in dataclasses.fields(EngineArgs)}


def test_the_gpu_engine_arguments(gpu: Settings) -> None:
    expected = {
        "model": "Qwen/Qwen3-4B-Thinking-2507",
        "served_model_name": "Qwen/Qwen3-4B-Thinking-2507",
        "max_model_len": 20000,
        "distributed_executor_backend": "uni",
        "structured_outputs_config": {
            "backend": "guidance",
            "disable_any_whitespace": True,
            "enable_in_reasoning": False,
        },
        "reasoning_parser": "qwen3",
        "seed": 0,
        "disable_log_stats": True,
        "gpu_memory_utilization": 0.85,
    }
    if "swap_space" in _engine_fields():  # vLLM versions that still have it
        expected["swap_space"] = 4
    source = name = gpu.tiers[0].gpu_model
    assert engine_kwargs(source, name, gpu) == expected


def test_the_gpu_thinking_budget_is_half_the_output_tokens(gpu: Settings) -> None:
    assert sampling_kwargs(gpu, 1024) == {"thinking_token_budget": 512}
    assert sampling_kwargs(gpu, 1) == {"thinking_token_budget": 1}


def test_cpu_tiny_models_neither_think_nor_use_a_gpu(cpu_tiny: Settings, tmp_path: Path) -> None:
    kwargs = engine_kwargs(str(tmp_path / "thinking"), "tiny-qwen3-thinking", cpu_tiny)
    assert "reasoning_parser" not in kwargs
    assert "gpu_memory_utilization" not in kwargs
    assert kwargs["structured_outputs_config"] == {
        "backend": "guidance", "disable_any_whitespace": True,
    }
    assert (kwargs["dtype"], kwargs["enforce_eager"]) == ("bfloat16", True)
    assert sampling_kwargs(cpu_tiny, 1024) == {}


def test_the_installed_vllm_accepts_the_gpu_arguments(gpu: Settings, tmp_path: Path) -> None:
    from vllm import LLM, SamplingParams
    from vllm.config import StructuredOutputsConfig
    from vllm.engine.arg_utils import EngineArgs
    from vllm.reasoning import ReasoningParserManager

    kwargs = engine_kwargs("Qwen/Qwen3-8B", "Qwen/Qwen3-8B", gpu)
    known = set(inspect.signature(LLM.__init__).parameters) | _engine_fields()
    assert set(kwargs) <= known, f"unknown to vLLM: {set(kwargs) - known}"
    structured = StructuredOutputsConfig(**kwargs["structured_outputs_config"])
    # a local folder as the model: EngineArgs would look a hub name up
    args = EngineArgs(model=str(tmp_path), reasoning_parser=kwargs["reasoning_parser"],
                      structured_outputs_config=structured)
    assert args.create_structured_outputs_config().reasoning_parser == "qwen3"
    assert ReasoningParserManager.get_reasoning_parser("qwen3") is not None
    assert SamplingParams(max_tokens=1024, **sampling_kwargs(gpu, 1024)).thinking_token_budget
