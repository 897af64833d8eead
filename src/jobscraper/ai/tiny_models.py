"""Tiny, randomly initialised Qwen3 models for the ``cpu-tiny`` profile.

``jobscraper models build-tiny`` writes one model per local tier into
``settings.tiny_models_dir/<tier>``: a Qwen3-architecture model of the tier's
``tiny_layers`` x ``tiny_hidden`` size with the real Qwen vocabulary (151,936
embeddings), random weights from a fixed seed, a Hugging Face fast tokenizer
converted from the same ``qwen.tiktoken`` ranks that token counting uses, and
a Qwen3 chat template with the ``enable_thinking`` switch.

The text such a model writes is meaningless, but everything around it is
real: tokenisation, the chat template, vLLM loading and swapping, and
structured-output decoding. Building is idempotent: a folder whose manifest
matches the requested spec is left alone.
"""

from __future__ import annotations

import json
import shutil
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from jobscraper.ai import tokens
from jobscraper.config import LocalTier, Settings

MANIFEST = "jobscraper-tiny.json"
BUILD_VERSION = 1
REQUIRED_FILES = ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json")

# Qwen3's chat template reduced to what jobscraper sends (system / user /
# assistant turns), keeping its thinking switch: with enable_thinking=false the
# generation prompt carries an empty think block, so the model answers directly.
QWEN3_CHAT_TEMPLATE = (
    "{%- for message in messages %}"
    "{%- if message.role == 'assistant' %}"
    "{%- set content = message.content %}"
    "{%- if '</think>' in content %}"
    "{%- set content = content.split('</think>')[-1].lstrip('\\n') %}"
    "{%- endif %}"
    "{{- '<|im_start|>assistant\\n' + content + '<|im_end|>\\n' }}"
    "{%- else %}"
    "{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}"
    "{%- endif %}"
    "{%- endfor %}"
    "{%- if add_generation_prompt %}"
    "{{- '<|im_start|>assistant\\n' }}"
    "{%- if enable_thinking is defined and enable_thinking is false %}"
    "{{- '<think>\\n\\n</think>\\n\\n' }}"
    "{%- endif %}"
    "{%- endif %}"
)


@dataclass(frozen=True)
class TinySpec:
    """What a tiny model folder must contain (written as its manifest)."""

    tier: str
    layers: int
    hidden: int
    heads: int = 4
    kv_heads: int = 2
    head_dim: int = 32
    max_positions: int = 32768
    seed: int = 0
    version: int = BUILD_VERSION

    @classmethod
    def for_tier(cls, tier: LocalTier, index: int) -> TinySpec:
        return cls(tier=tier.name, layers=tier.tiny_layers, hidden=tier.tiny_hidden, seed=index)


@dataclass
class BuildResult:
    tier: str
    path: Path
    built: bool  # False: an existing valid model was kept
    seconds: float
    parameters: int | None = None


def tiny_model_path(settings: Settings, tier_name: str) -> Path:
    return settings.tiny_models_dir / tier_name


def is_valid(path: Path, spec: TinySpec) -> bool:
    """A complete model folder built from this spec."""
    manifest = path / MANIFEST
    if not manifest.is_file() or not all((path / f).is_file() for f in REQUIRED_FILES):
        return False
    try:
        return json.loads(manifest.read_text()) == asdict(spec)
    except (OSError, ValueError):
        return False


def build_tokenizer(path: Path) -> None:
    """A HF fast tokenizer from the qwen.tiktoken ranks, saved into ``path``."""
    from tokenizers import AddedToken, normalizers
    from transformers import PreTrainedTokenizerFast
    from transformers.convert_slow_tokenizer import TikTokenConverter

    class _QwenRanksConverter(TikTokenConverter):
        @staticmethod
        def load_tiktoken_bpe(tiktoken_url: str) -> dict[bytes, int]:
            return tokens.qwen_ranks()  # parsed directly: no cache copy

    backend = _QwenRanksConverter(
        vocab_file=str(tokens.qwen_ranks_path()), pattern=tokens.QWEN_PATTERN
    ).converted()
    backend.normalizer = normalizers.NFC()
    for offset, text in enumerate(tokens.QWEN3_ADDED_TOKENS):
        token = AddedToken(
            text, normalized=False, special=text in tokens.QWEN3_CONTROL_TOKENS, single_word=False
        )
        backend.add_special_tokens([token]) if token.special else backend.add_tokens([token])
        assigned = backend.token_to_id(text)
        if assigned != tokens.FIRST_ADDED_ID + offset:
            raise RuntimeError(f"added token {text} got id {assigned}")
    fast = PreTrainedTokenizerFast(
        tokenizer_object=backend,
        eos_token=tokens.EOS_TOKEN,
        pad_token=tokens.PAD_TOKEN,
        model_max_length=131072,
        clean_up_tokenization_spaces=False,
    )
    fast.chat_template = QWEN3_CHAT_TEMPLATE
    fast.save_pretrained(str(path))
    # vLLM and AutoTokenizer read the chat template from the config as well.
    config_path = path / "tokenizer_config.json"
    config = json.loads(config_path.read_text())
    config["chat_template"] = QWEN3_CHAT_TEMPLATE
    config["tokenizer_class"] = "PreTrainedTokenizerFast"
    config_path.write_text(json.dumps(config, indent=2))


def build_model(path: Path, spec: TinySpec) -> int:
    """Random-init Qwen3 weights (bf16 safetensors) and config; returns the parameter count."""
    import torch
    from transformers import GenerationConfig, Qwen3Config, Qwen3ForCausalLM

    config = Qwen3Config(
        vocab_size=tokens.VOCAB_SIZE,
        hidden_size=spec.hidden,
        intermediate_size=spec.hidden * 3,
        num_hidden_layers=spec.layers,
        num_attention_heads=spec.heads,
        num_key_value_heads=spec.kv_heads,
        head_dim=spec.head_dim,
        max_position_embeddings=spec.max_positions,
        tie_word_embeddings=True,
        bos_token_id=tokens.FIRST_ADDED_ID,
        eos_token_id=tokens.FIRST_ADDED_ID + 2,
        pad_token_id=tokens.FIRST_ADDED_ID,
        rope_parameters={"rope_type": "default", "rope_theta": 1_000_000.0},
        dtype="bfloat16",
    )
    config.architectures = ["Qwen3ForCausalLM"]
    torch.manual_seed(spec.seed)
    model = Qwen3ForCausalLM(config).to(torch.bfloat16)
    model.save_pretrained(str(path), safe_serialization=True)
    GenerationConfig(
        bos_token_id=tokens.FIRST_ADDED_ID,
        eos_token_id=[tokens.FIRST_ADDED_ID + 2, tokens.FIRST_ADDED_ID],
        pad_token_id=tokens.FIRST_ADDED_ID,
    ).save_pretrained(str(path))
    return sum(p.numel() for p in model.parameters())


def build_tiny_models(settings: Settings, *, force: bool = False) -> list[BuildResult]:
    """Build (or keep) one tiny model per tier; returns what was done per tier."""
    results: list[BuildResult] = []
    root = settings.tiny_models_dir
    root.mkdir(parents=True, exist_ok=True)
    tokenizer_source: Path | None = None
    for index, tier in enumerate(settings.tiers):
        spec = TinySpec.for_tier(tier, index)
        path = tiny_model_path(settings, tier.name)
        started = time.perf_counter()
        if not force and is_valid(path, spec):
            results.append(BuildResult(tier.name, path, False, time.perf_counter() - started))
            tokenizer_source = tokenizer_source or path
            continue
        staging = root / f".{tier.name}.building"
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir(parents=True)
        if tokenizer_source is not None:
            for name in (
                "tokenizer.json",
                "tokenizer_config.json",
                "special_tokens_map.json",
                "chat_template.jinja",
            ):
                if (tokenizer_source / name).is_file():
                    shutil.copy2(tokenizer_source / name, staging / name)
        else:
            build_tokenizer(staging)
        params = build_model(staging, spec)
        (staging / MANIFEST).write_text(json.dumps(asdict(spec), indent=2))
        shutil.rmtree(path, ignore_errors=True)
        staging.rename(path)  # a half-built folder never looks valid
        tokenizer_source = tokenizer_source or path
        results.append(BuildResult(tier.name, path, True, time.perf_counter() - started, params))
    return results


def missing_tiny_models(settings: Settings) -> list[str]:
    """Tiers whose tiny model is absent, incomplete or built from another spec."""
    return [
        tier.name
        for i, tier in enumerate(settings.tiers)
        if not is_valid(tiny_model_path(settings, tier.name), TinySpec.for_tier(tier, i))
    ]
