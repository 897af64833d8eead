"""What a model call returns, whichever endpoint answered, and how it fails."""

from __future__ import annotations

from dataclasses import dataclass


class ModelCallError(RuntimeError):
    """A model endpoint could not answer (load error, out of memory, timeout, HTTP error)."""

    def __init__(self, message: str, *, endpoint: str | None = None, load_ms: float | None = None):
        super().__init__(message)
        self.endpoint = endpoint
        self.load_ms = load_ms


class ModelLoadError(ModelCallError):
    """The local model could not be loaded (missing or corrupt folder, out of memory)."""


@dataclass
class Completion:
    """One answer: the JSON text, any thinking kept apart, token usage and timings."""

    text: str
    model: str
    endpoint: str
    prompt_tokens: int
    completion_tokens: int
    finish_reason: str | None
    latency_ms: float
    reasoning: str | None = None
    load_ms: float | None = None


def split_thinking(text: str) -> tuple[str, str | None]:
    """Separate a Qwen3 ``<think>...</think>`` block from the answer that follows it."""
    if "</think>" not in text:
        return text.strip(), None
    thought, _, answer = text.partition("</think>")
    thought = thought.replace("<think>", "").strip()
    return answer.strip(), thought or None
