"""The model route: a page without structured data -> validated postings.

``ModelExtractor`` implements :class:`jobscraper.extract.base.Extractor`:

1. prune the page, build the prompt, count its Qwen tokens, route it
   (``jobscraper.ai.plan``);
2. over the threshold: the cloud, or "needs cloud" (with the token count)
   when no cloud endpoint is configured;
3. within it: the tier's local model (vLLM, one resident model); a local
   failure (load error, out of memory, timeout) falls back to the cloud when
   one is configured and ``cloud_fallback`` is on;
4. the answer must parse as JSON and validate as a ``PostingData`` with a
   title; invalid or empty output is retried once (sampling instead of greedy
   decoding), then sent to the cloud when allowed, else the page is reported
   "extraction failed" with the reason. A half-filled posting is never
   returned.

Every model call - and every routing decision that led to none - is recorded
as a ``ModelCall`` (route, tier, model, endpoint, token counts, threshold,
reason, latency, load time, cost, success, fallback, error) through the store
when one is given, and returned in ``ExtractionOutcome.calls``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from pydantic import ValidationError

from jobscraper.ai.completion import Completion, ModelCallError
from jobscraper.ai.costs import call_cost
from jobscraper.ai.plan import PagePlan, plan_page
from jobscraper.ai.routing import tier_for
from jobscraper.ai.schema import posting_schema
from jobscraper.config import Settings
from jobscraper.extract.base import ExtractionOutcome, ExtractionStatus, PageContent
from jobscraper.models import EXTRACTED_FIELDS, ModelCall, PostingData, Route

RETRY_TEMPERATURE = 0.7
RETRY_SEED = 1


class InvalidOutput(ValueError):
    """The model answered, but not with a usable posting."""


def parse_posting(completion: Completion, page: PageContent, route: Route) -> PostingData:
    """Strictly parse and validate a model answer into a complete posting."""
    if completion.finish_reason == "length":
        raise InvalidOutput(
            f"answer cut off after {completion.completion_tokens} tokens (max_output_tokens)"
        )
    text = completion.text.strip()
    if not text:
        raise InvalidOutput("empty answer")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidOutput(f"answer is not valid JSON: {exc}") from None
    if not isinstance(data, dict):
        raise InvalidOutput("answer is not a JSON object")
    allowed = set(EXTRACTED_FIELDS)  # what the schema asks for; the rest is ours to fill
    fields: dict[str, Any] = {k: v for k, v in data.items() if k in allowed}
    if not fields.get("company") and page.company_hint:
        fields["company"] = page.company_hint
    fields["skills"] = [s for s in fields.get("skills") or [] if isinstance(s, str) and s.strip()]
    fields.update(url=page.url, site=page.site or urlsplit(page.url).hostname, route=route)
    try:
        return PostingData.model_validate(fields)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise InvalidOutput(f"answer is not a valid posting: {problems}") from None


class ModelExtractor:
    """Token-routed extraction: local vLLM tiers first, the cloud above the threshold."""

    def __init__(
        self,
        settings: Settings,
        store: Any = None,
        *,
        local: Any = None,
        cloud: Any = None,
    ) -> None:
        self.settings = settings
        self.store = store
        self._local = local
        self._cloud = cloud

    # --- collaborators (created on first use) -----------------------------------
    @property
    def local(self) -> Any:
        if self._local is None:
            if self.settings.local_base_url:
                from jobscraper.ai.local import LocalServerClient

                self._local = LocalServerClient(self.settings)
            else:
                from jobscraper.ai.local import model_manager

                self._local = model_manager()
        return self._local

    @property
    def cloud(self) -> Any:
        if self._cloud is None and self.settings.cloud_base_url:
            from jobscraper.ai.cloud import CloudClient

            self._cloud = CloudClient(self.settings)
        return self._cloud

    @property
    def local_endpoint(self) -> str:
        from jobscraper.ai.local import IN_PROCESS_ENDPOINT

        return self.settings.local_base_url or IN_PROCESS_ENDPOINT

    # --- Extractor ----------------------------------------------------------------
    async def extract(self, page: PageContent, run_id: str | None = None) -> ExtractionOutcome:
        return await asyncio.to_thread(self.extract_sync, page, run_id)

    def extract_sync(self, page: PageContent, run_id: str | None = None) -> ExtractionOutcome:
        plan = plan_page(page.html, page.url, self.settings, markdown=page.markdown)
        attempts = _Attempts(self, plan, page, run_id)
        decision = plan.decision
        if decision.route == Route.CLOUD:
            if self.cloud is None:
                attempts.record(
                    route=Route.CLOUD,
                    model=None,
                    endpoint=None,
                    success=False,
                    error="needs cloud: no cloud endpoint configured",
                )
                return attempts.outcome(
                    ExtractionStatus.NEEDS_CLOUD,
                    reason=f"needs cloud: {plan.prompt_tokens} prompt tokens over the "
                    f"threshold of {decision.threshold} and no cloud endpoint is configured",
                )
            return attempts.via_cloud(fallback_from=None)
        return attempts.via_local()


class _Attempts:
    """The calls made for one page, recorded as they happen."""

    def __init__(
        self, extractor: ModelExtractor, plan: PagePlan, page: PageContent, run_id: str | None
    ) -> None:
        self.extractor = extractor
        self.settings = extractor.settings
        self.plan = plan
        self.page = page
        self.run_id = run_id
        self.calls: list[ModelCall] = []

    def record(
        self,
        *,
        route: Route,
        model: str | None,
        endpoint: str | None,
        completion: Completion | None = None,
        success: bool,
        error: str | None = None,
        fallback_from: str | None = None,
        tier: str | None = None,
        load_ms: float | None = None,
    ) -> ModelCall:
        prompt_tokens = completion.prompt_tokens if completion else 0
        completion_tokens = completion.completion_tokens if completion else 0
        latency_ms = completion.latency_ms if completion else 0.0
        call = ModelCall(
            run_id=self.run_id,
            page_url=self.page.url,
            route=route.value,
            tier=tier,
            model=(completion.model if completion else None) or model,
            endpoint=(completion.endpoint if completion else None) or endpoint,
            tokens_raw=self.plan.tokens_raw,
            tokens_pruned=self.plan.tokens_pruned,
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            threshold=self.plan.decision.threshold,
            reason=self.plan.decision.reason
            + (f"; fallback from {fallback_from}" if fallback_from else ""),
            latency_ms=latency_ms,
            load_ms=(completion.load_ms if completion else None) if load_ms is None else load_ms,
            cost_usd=call_cost(
                route.value,
                (completion.model if completion else model),
                prompt_tokens,
                completion_tokens,
                self.settings,
                latency_ms=latency_ms,
            ),
            success=success,
            fallback_from=fallback_from,
            error=error,
        )
        if self.extractor.store is not None:
            self.extractor.store.record_model_call(call)
        self.calls.append(call)
        return call

    def outcome(
        self,
        status: ExtractionStatus,
        *,
        posting: PostingData | None = None,
        reason: str | None = None,
    ) -> ExtractionOutcome:
        return ExtractionOutcome(
            status=status,
            postings=[posting] if posting is not None else [],
            reason=reason,
            calls=self.calls,
            prompt_tokens=self.plan.prompt_tokens,
        )

    def _try(
        self,
        route: Route,
        complete: Callable[[float, int | None], Completion],
        *,
        model: str | None,
        endpoint: str | None,
        tier: str | None,
        fallback_from: str | None,
    ) -> tuple[PostingData | None, str]:
        """Up to two attempts (greedy, then sampled). Returns (posting, last error)."""
        error = ""
        for temperature, seed in ((0.0, None), (RETRY_TEMPERATURE, RETRY_SEED)):
            try:
                completion = complete(temperature, seed)
            except ModelCallError as exc:
                self.record(
                    route=route,
                    model=model,
                    endpoint=exc.endpoint or endpoint,
                    success=False,
                    error=str(exc),
                    fallback_from=fallback_from,
                    tier=tier,
                    load_ms=exc.load_ms,
                )
                return None, str(exc)
            try:
                posting = parse_posting(completion, self.page, route)
            except InvalidOutput as exc:
                error = str(exc)
                self.record(
                    route=route,
                    model=model,
                    endpoint=endpoint,
                    completion=completion,
                    success=False,
                    error=f"invalid output: {error}",
                    fallback_from=fallback_from,
                    tier=tier,
                )
                continue
            call = self.record(
                route=route,
                model=model,
                endpoint=endpoint,
                completion=completion,
                success=True,
                fallback_from=fallback_from,
                tier=tier,
            )
            # Provenance: the stored posting names the call that extracted it (id set
            # when the call was recorded in the store).
            return posting.model_copy(update={"model_call_id": call.id}), ""
        return None, f"invalid output after retry: {error}"

    def via_local(self) -> ExtractionOutcome:
        decision = self.plan.decision
        tier = tier_for(self.plan.prompt_tokens, self.settings)
        settings = self.settings

        def complete(temperature: float, seed: int | None) -> Completion:
            return self.extractor.local.generate(
                self.plan.messages,
                posting_schema(),
                tier=tier,
                settings=settings,
                max_tokens=settings.max_output_tokens,
                temperature=temperature,
                seed=seed,
            )

        posting, error = self._try(
            Route.LOCAL,
            complete,
            model=decision.model,
            endpoint=self.extractor.local_endpoint,
            tier=tier.name,
            fallback_from=None,
        )
        if posting is not None:
            return self.outcome(ExtractionStatus.OK, posting=posting)
        if self.extractor.cloud is not None and settings.cloud_fallback:
            return self.via_cloud(fallback_from=Route.LOCAL.value, earlier=error)
        return self.outcome(ExtractionStatus.FAILED, reason=f"extraction failed: local: {error}")

    def via_cloud(self, *, fallback_from: str | None, earlier: str = "") -> ExtractionOutcome:
        cloud = self.extractor.cloud
        settings = self.settings

        def complete(temperature: float, seed: int | None) -> Completion:
            return cloud.complete(
                self.plan.messages,
                posting_schema(),
                max_tokens=settings.max_output_tokens,
                temperature=temperature,
                seed=seed,
            )

        posting, error = self._try(
            Route.CLOUD,
            complete,
            model=cloud.model,
            endpoint=cloud.endpoint,
            tier=None,
            fallback_from=fallback_from,
        )
        if posting is not None:
            return self.outcome(ExtractionStatus.OK, posting=posting)
        before = f"local: {earlier}; " if earlier else ""
        return self.outcome(
            ExtractionStatus.FAILED, reason=f"extraction failed: {before}cloud: {error}"
        )


def build_extractor(settings: Settings, store: Any = None) -> ModelExtractor:
    """The extractor scraping uses for pages without structured data."""
    return ModelExtractor(settings, store)


def structured_call(page_url: str, run_id: str | None, settings: Settings) -> ModelCall:
    """The ModelCall row for a page whose structured data made a model unnecessary."""
    return ModelCall(
        run_id=run_id,
        page_url=page_url,
        route=Route.STRUCTURED.value,
        threshold=settings.token_threshold,
        reason="structured data on the page: no model needed",
        success=True,
    )
