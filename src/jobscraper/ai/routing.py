"""The routing decision: structured data, a local tier, or the cloud.

``count <= token_threshold`` goes to a local tier (the first tier whose
``below_tokens`` is above the count, else the last tier); a larger prompt goes
to the cloud. The decision carries its reason so that it can be stored with
the model call and shown to a product owner.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from jobscraper.config import LocalTier, Settings
from jobscraper.models import Route


@dataclass(frozen=True)
class RoutingDecision:
    route: Route
    tier: str | None
    model: str | None
    token_count: int
    threshold: int
    reason: str

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["route"] = self.route.value
        return data


def local_model_name(tier: LocalTier, settings: Settings) -> str:
    """The model a local tier runs: the real Qwen3 model on gpu, its tiny stand-in on cpu-tiny."""
    if settings.resolved_profile == "gpu" or settings.local_base_url:
        return tier.gpu_model
    return f"tiny-qwen3-{tier.name}"


def tier_for(prompt_tokens: int, settings: Settings) -> LocalTier:
    for tier in settings.tiers:
        if tier.below_tokens is None or prompt_tokens < tier.below_tokens:
            return tier
    return settings.tiers[-1]


def decide(prompt_tokens: int, settings: Settings, *, structured: bool = False) -> RoutingDecision:
    """Where a page goes, given the token count of the whole prompt that would be sent."""
    threshold = settings.token_threshold
    if structured:
        return RoutingDecision(
            Route.STRUCTURED,
            None,
            None,
            prompt_tokens,
            threshold,
            "structured data on the page: no model needed",
        )
    if prompt_tokens <= threshold:
        tier = tier_for(prompt_tokens, settings)
        bound = f"< {tier.below_tokens}" if tier.below_tokens is not None else "last tier"
        return RoutingDecision(
            Route.LOCAL,
            tier.name,
            local_model_name(tier, settings),
            prompt_tokens,
            threshold,
            f"{prompt_tokens} tokens <= threshold {threshold}: local tier {tier.name} ({bound})",
        )
    return RoutingDecision(
        Route.CLOUD,
        None,
        settings.cloud_model,
        prompt_tokens,
        threshold,
        f"{prompt_tokens} tokens > threshold {threshold}: cloud",
    )
