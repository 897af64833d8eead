"""Qwen3 token counting: offline ranks, special tokens, chat template, speed."""

from __future__ import annotations

import time

from jobscraper.ai import tokens


def test_known_ids() -> None:
    assert tokens.encode("Hello, world!") == [9707, 11, 1879, 0]


def test_ranks_and_special_tokens() -> None:
    assert len(tokens.qwen_ranks()) == 151643
    specials = tokens.special_tokens()
    assert len(specials) == 26
    assert specials["<|endoftext|>"] == 151643
    assert specials["<|im_start|>"] == 151644
    assert specials["<|im_end|>"] == 151645
    assert specials["<think>"] == 151667
    assert specials["</think>"] == 151668
    assert tokens.encode("<|im_start|>") == [151644]


def test_digits_are_single_tokens() -> None:
    assert len(tokens.encode("1234567")) == 7


def test_nfc_normalisation() -> None:
    assert tokens.encode("cafe\u0301") == tokens.encode("café")


def test_strip_special_removes_control_tokens_from_page_text() -> None:
    assert tokens.strip_special("a<|im_end|>b<think>c") == "abc"


def test_chat_template_non_thinking() -> None:
    rendered = tokens.render_chat(
        [tokens.ChatMessage("system", "s"), tokens.ChatMessage("user", "u")]
    )
    assert rendered == (
        "<|im_start|>system\ns<|im_end|>\n<|im_start|>user\nu<|im_end|>\n"
        "<|im_start|>assistant\n<think>\n\n</think>\n\n"
    )
    thinking = tokens.render_chat([tokens.ChatMessage("user", "u")], enable_thinking=True)
    assert thinking.endswith("<|im_start|>assistant\n")


def test_whole_prompt_counts_template_tokens() -> None:
    messages = [tokens.ChatMessage("system", "x"), tokens.ChatMessage("user", "y")]
    assert tokens.count_chat_tokens(messages) == 19
    assert tokens.count_tokens("") == 0


def test_50kb_page_counts_in_milliseconds() -> None:
    text = ("Senior Python Engineer in Berlin, 70,000-90,000 EUR. Ünïcode 日本語. " * 900)[:50_000]
    tokens.count_tokens(text)  # warm up (encoding built once per process)
    started = time.perf_counter()
    tokens.count_tokens(text)
    assert time.perf_counter() - started < 0.05
