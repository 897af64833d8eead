"""The local model tier: one vLLM engine resident at a time.

``LocalModelManager`` runs vLLM in-process (the worker's own process; never
fork after a model is loaded). Asking for another tier unloads the resident
engine completely before loading the next one, and every load is timed and
kept in ``load_history``. ``models_loaded`` and ``loaded_model`` are what the
dashboard and the acceptance steps observe.

Profiles:

* ``gpu``: the tier's real Qwen3 model (``LocalTier.gpu_model``) on CUDA with
  ``gpu_memory_utilization`` and ``swap_space`` from Settings, and vLLM's Qwen3
  reasoning parser: the JSON schema constrains only the answer after ``</think>``,
  and a thinking model's reasoning gets a budget (see ``sampling_kwargs``);
* ``cpu-tiny``: the tiny random-weight Qwen3 model that ``jobscraper models
  build-tiny`` wrote to ``tiny_models_dir/<tier>``, on vLLM's CPU backend with
  the in-process, single-process executor (``uni``).

With ``settings.local_base_url`` the tier is served by a vLLM OpenAI-compatible
server instead (``LocalServerClient``); nothing is loaded in this process.

Generation is constrained by the posting's JSON schema (vLLM structured
output, guidance backend, no free whitespace) in Qwen3's non-thinking mode;
any ``<think>`` text is separated from the JSON.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jobscraper.ai.completion import Completion, ModelCallError, ModelLoadError, split_thinking
from jobscraper.ai.residency import ResidencyBeacon
from jobscraper.ai.routing import local_model_name
from jobscraper.ai.tiny_models import REQUIRED_FILES, tiny_model_path
from jobscraper.ai.tokens import ChatMessage
from jobscraper.config import LocalTier, Settings

IN_PROCESS_ENDPOINT = "in-process vLLM"
QWEN3_REASONING_PARSER = "qwen3"  # vLLM's parser of Qwen3's <think>...</think> block


@dataclass
class LoadRecord:
    tier: str
    model: str
    source: str
    load_ms: float
    loaded_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    unloaded_at: datetime | None = None


def _prepare_vllm_environment() -> None:
    """In-process engine: no engine-core subprocess (and no fork of a loaded model)."""
    os.environ.setdefault("VLLM_ENABLE_V1_MULTIPROCESSING", "0")
    os.environ.setdefault("VLLM_NO_USAGE_STATS", "1")
    os.environ.setdefault("VLLM_LOGGING_LEVEL", "WARNING")


def model_source(tier: LocalTier, settings: Settings) -> str:
    """What vLLM loads for a tier: a hub id on gpu, the tiny model folder on cpu-tiny."""
    if settings.resolved_profile == "gpu":
        local = tier.gpu_model.startswith(("/", "./", "~"))
        if local and not (Path(tier.gpu_model).expanduser() / "config.json").is_file():
            raise ModelLoadError(
                f"local model for tier {tier.name!r} is missing at {tier.gpu_model}",
                endpoint=IN_PROCESS_ENDPOINT,
            )
        return str(Path(tier.gpu_model).expanduser()) if local else tier.gpu_model
    path = tiny_model_path(settings, tier.name)
    missing = [name for name in REQUIRED_FILES if not (path / name).is_file()]
    if missing:
        raise ModelLoadError(
            f"local model for tier {tier.name!r} is missing or incomplete at {path} "
            f"(missing {', '.join(missing)}); run `jobscraper models build-tiny`",
            endpoint=IN_PROCESS_ENDPOINT,
        )
    return str(path)


def engine_kwargs(source: str, name: str, settings: Settings) -> dict[str, Any]:
    """vLLM ``LLM(...)`` arguments for the active profile.

    On gpu the real Qwen3 models write a ``<think>`` block before their answer: the
    thinking tier (``Qwen3-4B-Thinking-2507``) always does, the hybrid tiers get an
    empty one from the chat template in non-thinking mode. vLLM's ``qwen3`` reasoning
    parser tells the structured-output manager where reasoning ends, so the posting's
    JSON schema constrains the answer after ``</think>`` and never the reasoning
    (``enable_in_reasoning`` off); it also turns on vLLM's reasoning config, which the
    thinking budget of ``sampling_kwargs`` needs. The tiny cpu-tiny models never think.
    """
    structured_outputs: dict[str, Any] = {"backend": "guidance", "disable_any_whitespace": True}
    kwargs: dict[str, Any] = {
        "model": source,
        "served_model_name": name,
        "max_model_len": settings.vllm_max_model_len,
        "distributed_executor_backend": "uni",
        "structured_outputs_config": structured_outputs,
        "seed": 0,
        "disable_log_stats": True,
    }
    if settings.resolved_profile == "gpu":
        kwargs["gpu_memory_utilization"] = settings.vllm_gpu_memory_utilization
        kwargs["reasoning_parser"] = QWEN3_REASONING_PARSER
        structured_outputs["enable_in_reasoning"] = False
        from vllm.engine.arg_utils import EngineArgs

        if "swap_space" in {f.name for f in dataclasses.fields(EngineArgs)}:
            kwargs["swap_space"] = settings.vllm_swap_space_gb
    else:
        kwargs["dtype"] = "bfloat16"
        kwargs["enforce_eager"] = True  # no graph compilation: a tiny model loads in seconds
        kwargs["kv_cache_memory_bytes"] = settings.vllm_cpu_kv_cache_mb * 1024 * 1024
        config = Path(source) / "config.json"
        if config.is_file():
            import json

            positions = json.loads(config.read_text()).get("max_position_embeddings")
            if positions:
                kwargs["max_model_len"] = min(settings.vllm_max_model_len, int(positions))
    return kwargs


def sampling_kwargs(settings: Settings, max_tokens: int) -> dict[str, Any]:
    """``SamplingParams`` arguments beyond the schema, for the active profile.

    A thinking model's tokens count against ``max_tokens``; unbounded, Qwen3's
    reasoning can use them all and leave no answer. On gpu its reasoning may take at
    most half of them: vLLM then writes ``</think>`` itself, and the JSON follows. A
    request whose prompt already closed the think block is not affected.
    """
    if settings.resolved_profile != "gpu":
        return {}
    return {"thinking_token_budget": max(1, max_tokens // 2)}


class LocalModelManager:
    """Keeps at most one local vLLM engine in this process."""

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._llm: Any = None
        self._tier: str | None = None
        self._model: str | None = None
        self._source: str | None = None
        self.load_history: list[LoadRecord] = []
        self._beacon: ResidencyBeacon | None = None
        self._beacon_url: str | None = None

    # --- what the dashboard and the steps observe -----------------------------
    @property
    def models_loaded(self) -> int:
        return 0 if self._llm is None else 1

    @property
    def loaded_model(self) -> str | None:
        return self._model

    @property
    def loaded_tier(self) -> str | None:
        return self._tier

    @property
    def last_load(self) -> LoadRecord | None:
        return self.load_history[-1] if self.load_history else None

    # --- loading ------------------------------------------------------------------
    def ensure_loaded(self, tier: LocalTier, settings: Settings) -> float | None:
        """Load the tier's model unless it is resident; returns the load time in ms if loaded."""
        with self._lock:
            source = model_source(tier, settings)
            name = local_model_name(tier, settings)
            if self._llm is not None and self._source == source and self._model == name:
                self._announce(settings)  # a Redis that has not heard of it yet hears now
                return None
            self.unload()
            _prepare_vllm_environment()
            started = time.perf_counter()
            try:
                from vllm import LLM

                llm = LLM(**engine_kwargs(source, name, settings))
            except Exception as exc:
                _release_vllm()
                message = f"loading {name} from {source} failed: {type(exc).__name__}: {exc}"
                raise ModelLoadError(message, endpoint=IN_PROCESS_ENDPOINT) from exc
            load_ms = (time.perf_counter() - started) * 1000
            self._llm, self._tier, self._model, self._source = llm, tier.name, name, source
            self.load_history.append(LoadRecord(tier.name, name, source, load_ms))
            self._beacon_url = None  # a new model: announce it
            self._announce(settings)
            return load_ms

    def _announce(self, settings: Settings) -> None:
        """Tell the dashboard (through the configured Redis) which model is resident.

        Announced once per model and Redis: a process that meets another Redis
        (new settings) withdraws the announcement from the old one first.
        """
        record = self.last_load
        if not settings.redis_url or self._llm is None or record is None:
            return
        if self._beacon is not None and self._beacon_url == settings.redis_url:
            return
        from jobscraper.redis_server import sync_client

        if self._beacon is not None:
            self._beacon.unloaded()
        self._beacon = ResidencyBeacon(sync_client(settings))
        self._beacon_url = settings.redis_url
        self._beacon.loaded(record.tier, record.model, record.load_ms)

    def unload(self) -> None:
        """Free the resident engine completely (engine core, distributed state, memory)."""
        with self._lock:
            llm, self._llm = self._llm, None
            if llm is None:
                return
            if self.load_history and self.load_history[-1].unloaded_at is None:
                self.load_history[-1].unloaded_at = datetime.now(UTC)
            self._tier = self._model = self._source = None
            if self._beacon is not None:
                self._beacon.unloaded()
                self._beacon = self._beacon_url = None
            with contextlib.suppress(Exception):
                llm.llm_engine.engine_core.shutdown()
            del llm
            _release_vllm()

    # --- generation ---------------------------------------------------------------
    def generate(
        self,
        messages: list[ChatMessage],
        schema: dict[str, Any],
        *,
        tier: LocalTier,
        settings: Settings,
        max_tokens: int,
        temperature: float = 0.0,
        seed: int | None = None,
    ) -> Completion:
        with self._lock:
            load_ms = self.ensure_loaded(tier, settings)
            from vllm import SamplingParams
            from vllm.sampling_params import StructuredOutputsParams

            params = SamplingParams(
                max_tokens=max_tokens,
                temperature=temperature,
                seed=seed,
                structured_outputs=StructuredOutputsParams(json=schema),
                **sampling_kwargs(settings, max_tokens),
            )
            started = time.perf_counter()
            try:
                output = self._run_with_deadline(
                    messages, params, started + settings.local_timeout_s
                )
            except ModelCallError as exc:
                exc.load_ms = load_ms
                raise
            except Exception as exc:
                raise ModelCallError(
                    f"local generation failed: {type(exc).__name__}: {exc}",
                    endpoint=IN_PROCESS_ENDPOINT,
                    load_ms=load_ms,
                ) from exc
            latency_ms = (time.perf_counter() - started) * 1000
            choice = output.outputs[0]
            text, reasoning = split_thinking(choice.text)
            return Completion(
                text=text,
                reasoning=reasoning,
                model=self._model or "",
                endpoint=IN_PROCESS_ENDPOINT,
                prompt_tokens=len(output.prompt_token_ids or []),
                completion_tokens=len(choice.token_ids),
                finish_reason=choice.finish_reason,
                latency_ms=latency_ms,
                load_ms=load_ms,
            )

    def _run_with_deadline(self, messages: list[ChatMessage], params: Any, deadline: float) -> Any:
        """Run one chat request step by step; abort it when ``local_timeout_s`` is up."""
        llm = self._llm
        request_ids = llm.enqueue_chat(
            [{"role": m.role, "content": m.content} for m in messages],
            params,
            use_tqdm=False,
            chat_template_kwargs={"enable_thinking": False},
        )
        engine = llm.llm_engine
        finished = None
        while engine.has_unfinished_requests():
            if time.perf_counter() > deadline:
                engine.abort_request(list(request_ids))
                while engine.has_unfinished_requests():  # let the engine settle the abort
                    engine.step()
                raise ModelCallError(
                    "local generation timed out (local_timeout_s)", endpoint=IN_PROCESS_ENDPOINT
                )
            for output in engine.step():
                if output.finished:
                    finished = output
        if finished is None:
            raise ModelCallError("local engine returned no output", endpoint=IN_PROCESS_ENDPOINT)
        return finished


def _release_vllm() -> None:
    try:
        from vllm.distributed.parallel_state import cleanup_dist_env_and_memory

        cleanup_dist_env_and_memory()
    except Exception:
        pass
    gc.collect()


class LocalServerClient:
    """The local tier served by a vLLM OpenAI-compatible server at ``local_base_url``."""

    def __init__(self, settings: Settings) -> None:
        from jobscraper.ai.cloud import OpenAICompatibleClient

        self.settings = settings
        self._client = OpenAICompatibleClient(
            base_url=settings.local_base_url,
            api_key="local",
            timeout_s=settings.local_timeout_s,
            extra_body={"chat_template_kwargs": {"enable_thinking": False}},
        )

    models_loaded = 0
    loaded_model = None

    def generate(
        self,
        messages: list[ChatMessage],
        schema: dict[str, Any],
        *,
        tier: LocalTier,
        settings: Settings,
        max_tokens: int,
        temperature: float = 0.0,
        seed: int | None = None,
    ) -> Completion:
        return self._client.complete(
            messages,
            schema,
            model=local_model_name(tier, settings),
            max_tokens=max_tokens,
            temperature=temperature,
            seed=seed,
        )


_MANAGER: LocalModelManager | None = None
_MANAGER_LOCK = threading.Lock()


def model_manager() -> LocalModelManager:
    """The process's one model manager (one resident model per process)."""
    global _MANAGER
    with _MANAGER_LOCK:
        if _MANAGER is None:
            _MANAGER = LocalModelManager()
        return _MANAGER
