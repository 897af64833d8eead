"""The tiny cpu-tiny models: tokenizer parity, chat template, idempotent build."""

from __future__ import annotations

import json

import pytest

from jobscraper.ai import tokens
from jobscraper.ai.tiny_models import MANIFEST, build_tiny_models
from steps.harness.models_fixtures import TinyModels


@pytest.fixture
def built(tiny_models: TinyModels) -> TinyModels:
    """The suite's session-wide tiny models (built once per run)."""
    return tiny_models


def test_three_models_of_different_sizes(built) -> None:
    configs = {
        tier: json.loads((built.path(tier) / "config.json").read_text())
        for tier in ("thinking", "primary", "maximum")
    }
    sizes = {(c["num_hidden_layers"], c["hidden_size"]) for c in configs.values()}
    assert len(sizes) == 3
    assert all(c["vocab_size"] == 151936 for c in configs.values())


def test_hf_tokenizer_matches_token_counting(built) -> None:
    from transformers import AutoTokenizer

    hf = AutoTokenizer.from_pretrained(str(built.path("primary")))
    text = "Senior Python Engineer – 70.000 €/Jahr, café\u0301 日本語\n\n\tremote <think>x</think>"
    assert hf.encode(text) == tokens.encode(text)
    messages = [{"role": "system", "content": "s"}, {"role": "user", "content": "page"}]
    rendered = hf.apply_chat_template(
        messages, tokenize=False, add_generation_prompt=True, enable_thinking=False
    )
    assert rendered == tokens.render_chat([tokens.ChatMessage(**m) for m in messages])


def test_build_is_idempotent(built) -> None:
    results = build_tiny_models(built.settings)
    assert [r.built for r in results] == [False, False, False]
    assert (built.path("thinking") / MANIFEST).is_file()
