"""From a page to a routing decision: prune, build the prompt, count, decide.

This is the single code path behind ``jobscraper route FILE``, the extractor
and the routing scenarios, so the number a product owner sees is the number
the router used.
"""

from __future__ import annotations

from dataclasses import dataclass

from jobscraper.ai.pruning import prune
from jobscraper.ai.routing import RoutingDecision, decide
from jobscraper.ai.schema import build_messages
from jobscraper.ai.tokens import ChatMessage, count_chat_tokens
from jobscraper.config import Settings


@dataclass(frozen=True)
class PagePlan:
    url: str
    messages: list[ChatMessage]
    tokens_raw: int
    tokens_pruned: int
    prompt_tokens: int
    decision: RoutingDecision

    def as_dict(self) -> dict[str, object]:
        """The JSON object ``jobscraper route`` prints."""
        return {
            "tokens_raw": self.tokens_raw,
            "tokens_pruned": self.tokens_pruned,
            "prompt_tokens": self.prompt_tokens,
            "threshold": self.decision.threshold,
            "route": self.decision.route.value,
            "tier": self.decision.tier,
            "model": self.decision.model,
            "reason": self.decision.reason,
        }


def plan_page(
    page_html: str,
    url: str,
    settings: Settings,
    *,
    markdown: str = "",
    structured: bool = False,
) -> PagePlan:
    """Prune the page, build the whole prompt, count its Qwen tokens and route it."""
    pruned = prune(page_html, markdown)
    messages = build_messages(pruned.text, url)
    prompt_tokens = count_chat_tokens(messages, enable_thinking=False)
    decision = decide(prompt_tokens, settings, structured=structured)
    return PagePlan(url, messages, pruned.tokens_raw, pruned.tokens_pruned, prompt_tokens, decision)
