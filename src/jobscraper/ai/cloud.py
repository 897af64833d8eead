"""The cloud tier: any OpenAI-compatible endpoint through the ``openai`` client.

Requests ask for a JSON-schema response format. Rate limits (429), server
errors (5xx), timeouts and dropped connections are retried with exponential
backoff (tenacity); anything else fails at once, a refused or missing API key
(401/403) with a message that names the setting. The endpoint that answered is
part of every :class:`Completion`, so a stored model call says where it went.
"""

from __future__ import annotations

import time
from typing import Any

from jobscraper.ai.completion import Completion, ModelCallError, split_thinking
from jobscraper.ai.tokens import ChatMessage
from jobscraper.config import Settings

RETRY_ATTEMPTS = 3


def _retryable(exc: BaseException) -> bool:
    import openai

    if isinstance(exc, openai.APIStatusError):
        return exc.status_code == 429 or exc.status_code >= 500
    return isinstance(exc, openai.APIConnectionError | openai.APITimeoutError)


class OpenAICompatibleClient:
    def __init__(
        self,
        *,
        base_url: str,
        api_key: str,
        timeout_s: float,
        extra_body: dict[str, Any] | None = None,
        attempts: int = RETRY_ATTEMPTS,
        backoff_s: float = 0.5,
    ) -> None:
        import openai

        self.base_url = base_url
        self.extra_body = extra_body
        self.attempts = attempts
        self.backoff_s = backoff_s
        self._has_key = bool(api_key)
        self._client = openai.OpenAI(
            base_url=base_url, api_key=api_key or "none", timeout=timeout_s, max_retries=0
        )

    def complete(
        self,
        messages: list[ChatMessage],
        schema: dict[str, Any],
        *,
        model: str,
        max_tokens: int,
        temperature: float = 0.0,
        seed: int | None = None,
    ) -> Completion:
        import openai
        from tenacity import (
            Retrying,
            retry_if_exception,
            stop_after_attempt,
            wait_exponential,
        )

        request: dict[str, Any] = {
            "model": model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "max_tokens": max_tokens,
            "temperature": temperature,
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "job_posting", "schema": schema, "strict": True},
            },
        }
        if seed is not None:
            request["seed"] = seed
        if self.extra_body:
            request["extra_body"] = self.extra_body
        started = time.perf_counter()
        try:
            for attempt in Retrying(
                stop=stop_after_attempt(self.attempts),
                wait=wait_exponential(multiplier=self.backoff_s, max=8),
                retry=retry_if_exception(_retryable),
                reraise=True,
            ):
                with attempt:
                    response = self._client.chat.completions.create(**request)
        except (openai.AuthenticationError, openai.PermissionDeniedError) as exc:  # the key
            key = "no API key is set" if not self._has_key else "the API key was refused"
            raise ModelCallError(
                f"{self.base_url} refused the request (HTTP {exc.status_code}): {key}; set "
                "JOBSCRAPER_CLOUD_API_KEY to a valid key", endpoint=self.base_url
            ) from exc
        except Exception as exc:  # reraise=True: the last attempt's own error, not RetryError
            raise ModelCallError(
                f"{self.base_url} failed: {type(exc).__name__}: {exc}", endpoint=self.base_url
            ) from exc
        latency_ms = (time.perf_counter() - started) * 1000
        choice = response.choices[0]
        content = choice.message.content or ""
        text, reasoning = split_thinking(content)
        extra_reasoning = getattr(choice.message, "reasoning_content", None) or getattr(
            choice.message, "reasoning", None
        )
        usage = response.usage
        return Completion(
            text=text,
            reasoning=reasoning or extra_reasoning,
            model=response.model or model,
            endpoint=self.base_url,
            prompt_tokens=usage.prompt_tokens if usage else 0,
            completion_tokens=usage.completion_tokens if usage else 0,
            finish_reason=choice.finish_reason,
            latency_ms=latency_ms,
        )


class CloudClient:
    """The configured cloud endpoint (``cloud_base_url``, ``cloud_model``)."""

    def __init__(self, settings: Settings) -> None:
        if not settings.cloud_base_url:
            raise ValueError("no cloud endpoint configured (JOBSCRAPER_CLOUD_BASE_URL)")
        self.settings = settings
        self.model = settings.cloud_model
        self._client = OpenAICompatibleClient(
            base_url=settings.cloud_base_url,
            api_key=settings.cloud_api_key.get_secret_value(),
            timeout_s=settings.cloud_timeout_s,
        )

    @property
    def endpoint(self) -> str:
        return self.settings.cloud_base_url

    def complete(
        self,
        messages: list[ChatMessage],
        schema: dict[str, Any],
        *,
        max_tokens: int,
        temperature: float = 0.0,
        seed: int | None = None,
    ) -> Completion:
        return self._client.complete(
            messages,
            schema,
            model=self.model,
            max_tokens=max_tokens,
            temperature=temperature,
            seed=seed,
        )
