"""Qwen3 token counting, offline.

The ``dashscope`` wheel ships the Qwen byte-level BPE ranks
(``dashscope/resources/qwen.tiktoken``: 151,643 ranks, the Qwen2/Qwen3
vocabulary). They are parsed here directly (``tiktoken.load_tiktoken_bpe``
would copy the file into a cache folder) and wrapped in a
``tiktoken.Encoding`` with Qwen's pre-tokenisation pattern and the 26 Qwen3
added tokens (ids 151643-151668). No network and no model hub are involved.

Routing is decided on the *whole prompt* that would be sent: the system and
user messages in Qwen3's ChatML template, in non-thinking mode (the
generation prompt then carries an empty ``<think></think>`` block). Text is
NFC-normalised first, as the Hugging Face Qwen tokenizer does.
"""

from __future__ import annotations

import base64
import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import tiktoken

# Qwen2/Qwen3 pre-tokenizer (single digits, unlike cl100k's \p{N}{1,3}).
QWEN_PATTERN = (
    r"""(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}"""
    r"""| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"""
)

FIRST_ADDED_ID = 151643
# The Qwen3 added tokens in id order (151643 .. 151668).
QWEN3_ADDED_TOKENS: tuple[str, ...] = (
    "<|endoftext|>",
    "<|im_start|>",
    "<|im_end|>",
    "<|object_ref_start|>",
    "<|object_ref_end|>",
    "<|box_start|>",
    "<|box_end|>",
    "<|quad_start|>",
    "<|quad_end|>",
    "<|vision_start|>",
    "<|vision_end|>",
    "<|vision_pad|>",
    "<|image_pad|>",
    "<|video_pad|>",
    "<tool_call>",
    "</tool_call>",
    "<|fim_prefix|>",
    "<|fim_middle|>",
    "<|fim_suffix|>",
    "<|fim_pad|>",
    "<|repo_name|>",
    "<|file_sep|>",
    "<tool_response>",
    "</tool_response>",
    "<think>",
    "</think>",
)
# Control tokens (special=True in Qwen3's tokenizer_config); the rest are plain added tokens.
QWEN3_CONTROL_TOKENS = frozenset(QWEN3_ADDED_TOKENS[:14])
VOCAB_SIZE = 151936  # the embedding size of every Qwen3 model (padded)

EOS_TOKEN = "<|im_end|>"
PAD_TOKEN = "<|endoftext|>"


def qwen_ranks_path() -> Path:
    """The ``qwen.tiktoken`` file inside the installed dashscope package."""
    return Path(str(resources.files("dashscope") / "resources" / "qwen.tiktoken"))


@functools.cache
def qwen_ranks() -> dict[bytes, int]:
    """token bytes -> rank, parsed from the base64 lines of ``qwen.tiktoken``."""
    ranks: dict[bytes, int] = {}
    with qwen_ranks_path().open("rb") as handle:
        for line in handle:
            if not line.strip():
                continue
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    if len(ranks) != FIRST_ADDED_ID:
        raise RuntimeError(f"unexpected qwen.tiktoken: {len(ranks)} ranks, want {FIRST_ADDED_ID}")
    return ranks


def special_tokens() -> dict[str, int]:
    return {tok: FIRST_ADDED_ID + i for i, tok in enumerate(QWEN3_ADDED_TOKENS)}


@functools.cache
def qwen_encoding() -> tiktoken.Encoding:
    """The Qwen3 tokenizer as a ``tiktoken.Encoding`` (built once per process)."""
    return tiktoken.Encoding(
        name="qwen3",
        pat_str=QWEN_PATTERN,
        mergeable_ranks=qwen_ranks(),
        special_tokens=special_tokens(),
    )


def normalize(text: str) -> str:
    """NFC, as the Hugging Face Qwen tokenizer's normaliser."""
    return unicodedata.normalize("NFC", text)


def strip_special(text: str) -> str:
    """Remove added-token strings from untrusted text (a page cannot end our turn)."""
    if "<" not in text:
        return text
    for token in QWEN3_ADDED_TOKENS:
        text = text.replace(token, "")
    return text


def encode(text: str) -> list[int]:
    """Token ids of ``text``; added-token strings in it are matched as tokens (as HF does)."""
    return qwen_encoding().encode(normalize(text), allowed_special="all")


def count_tokens(text: str) -> int:
    """Number of Qwen3 tokens in ``text`` (no chat template)."""
    if not text:
        return 0
    return len(encode(text))


@dataclass(frozen=True)
class ChatMessage:
    role: str  # system | user | assistant
    content: str


def render_chat(messages: Sequence[ChatMessage], *, enable_thinking: bool = False) -> str:
    """Qwen3's chat template for plain messages, with the generation prompt.

    Identical to the Jinja template written next to the tiny models
    (``tiny_models.QWEN3_CHAT_TEMPLATE``) for system/user/assistant turns.
    """
    parts = [f"<|im_start|>{m.role}\n{m.content}<|im_end|>\n" for m in messages]
    parts.append("<|im_start|>assistant\n")
    if not enable_thinking:
        parts.append("<think>\n\n</think>\n\n")
    return "".join(parts)


def count_chat_tokens(messages: Sequence[ChatMessage], *, enable_thinking: bool = False) -> int:
    """Tokens of the whole prompt that is sent: template, messages and generation prompt."""
    return len(encode(render_chat(messages, enable_thinking=enable_thinking)))
