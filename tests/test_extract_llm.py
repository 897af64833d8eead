"""The model route's decisions, with the endpoints replaced (unit level only)."""

from __future__ import annotations

import json

import pytest

from jobscraper.ai.completion import Completion, ModelLoadError, split_thinking
from jobscraper.config import load_settings
from jobscraper.extract.base import ExtractionStatus, PageContent
from jobscraper.extract.llm import ModelExtractor
from jobscraper.store import Store
from steps.harness.job_pages import page_with_prompt_tokens

GOOD = json.dumps({"title": "Data Engineer", "company": None, "skills": ["SQL", " "]})


class FakeLocal:
    def __init__(self, answers):
        self.answers = list(answers)
        self.calls = 0

    def generate(self, messages, schema, **kwargs):
        self.calls += 1
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return Completion(answer, "tiny", "in-process vLLM", 100, 20, "stop", 5.0, load_ms=7.0)


class FakeCloud(FakeLocal):
    model = "gpt-4o-mini"
    endpoint = "http://cloud.test/v1"

    def complete(self, messages, schema, **kwargs):
        completion = self.generate(messages, schema)
        completion.endpoint, completion.model = self.endpoint, self.model
        return completion


@pytest.fixture
def settings(tmp_path):
    return load_settings(data_dir=tmp_path, model_profile="cpu-tiny")


@pytest.fixture
def store(settings):
    app_store = Store(settings)
    yield app_store
    app_store.dispose()


def _page(tokens: int = 1500) -> PageContent:
    page = page_with_prompt_tokens(tokens, seed=2)
    return PageContent(url=page.url, html=page.html, company_hint="Acme")


def test_valid_local_answer(settings, store) -> None:
    outcome = ModelExtractor(settings, store, local=FakeLocal([GOOD])).extract_sync(_page())
    assert outcome.status == ExtractionStatus.OK
    posting = outcome.postings[0]
    assert (posting.title, posting.company, posting.skills, posting.route) == (
        "Data Engineer",
        "Acme",
        ["SQL"],
        "local",
    )
    [call] = store.model_calls()
    assert call.route == "local" and call.tier == "thinking" and call.success
    assert call.load_ms == 7.0 and call.tokens_raw > call.tokens_pruned
    assert posting.model_call_id == call.id  # the posting knows the call that extracted it


def test_a_stored_posting_leads_to_the_call_that_extracted_it(settings, store) -> None:
    outcome = ModelExtractor(settings, store, local=FakeLocal([GOOD])).extract_sync(_page())
    store.upsert_postings(outcome.postings)
    [stored] = store.postings()
    call = store.call_for_posting(stored)
    assert call is not None and (call.route, call.prompt_tokens, call.completion_tokens) == (
        "local", 100, 20)


def test_invalid_then_valid_is_retried(settings, store) -> None:
    local = FakeLocal([json.dumps({"title": "   "}), GOOD])
    outcome = ModelExtractor(settings, store, local=local).extract_sync(_page())
    assert outcome.status == ExtractionStatus.OK and local.calls == 2
    assert [c.success for c in store.model_calls()] == [False, True]


def test_invalid_twice_without_cloud_fails(settings, store) -> None:
    local = FakeLocal(["{not json", json.dumps({"title": ""})])
    outcome = ModelExtractor(settings, store, local=local).extract_sync(_page())
    assert outcome.status == ExtractionStatus.FAILED and outcome.postings == []
    assert "invalid output" in (outcome.reason or "")


def test_invalid_twice_falls_back_to_cloud(tmp_path) -> None:
    settings = load_settings(data_dir=tmp_path, cloud_base_url="http://cloud.test/v1")
    local = FakeLocal(["[]", "{}"])
    cloud = FakeCloud([GOOD])
    outcome = ModelExtractor(settings, local=local, cloud=cloud).extract_sync(_page())
    assert outcome.status == ExtractionStatus.OK and outcome.postings[0].route == "cloud"
    assert [c.fallback_from for c in outcome.calls] == [None, None, "local"]


def test_load_error_falls_back_once(tmp_path) -> None:
    settings = load_settings(data_dir=tmp_path, cloud_base_url="http://cloud.test/v1")
    local = FakeLocal([ModelLoadError("missing")])
    outcome = ModelExtractor(settings, local=local, cloud=FakeCloud([GOOD])).extract_sync(_page())
    assert outcome.status == ExtractionStatus.OK and local.calls == 1
    assert outcome.calls[0].error == "missing" and outcome.calls[1].endpoint.startswith("http")


def test_no_fallback_when_disabled(tmp_path) -> None:
    settings = load_settings(
        data_dir=tmp_path, cloud_base_url="http://cloud.test/v1", cloud_fallback=False
    )
    local = FakeLocal([ModelLoadError("missing")])
    outcome = ModelExtractor(settings, local=local, cloud=FakeCloud([GOOD])).extract_sync(_page())
    assert outcome.status == ExtractionStatus.FAILED


def test_over_threshold_without_cloud_needs_cloud(settings, store) -> None:
    local = FakeLocal([])
    outcome = ModelExtractor(settings, store, local=local).extract_sync(_page(9000))
    assert outcome.status == ExtractionStatus.NEEDS_CLOUD
    assert outcome.prompt_tokens == 9000 and "9000" in (outcome.reason or "")
    assert local.calls == 0 and store.count_postings() == 0


def test_cut_off_answer_is_invalid(settings) -> None:
    class CutOff(FakeLocal):
        def generate(self, messages, schema, **kwargs):
            completion = super().generate(messages, schema)
            completion.finish_reason = "length"
            return completion

    outcome = ModelExtractor(settings, local=CutOff([GOOD, GOOD])).extract_sync(_page())
    assert outcome.status == ExtractionStatus.FAILED and "cut off" in (outcome.reason or "")


def test_thinking_is_kept_apart() -> None:
    assert split_thinking('<think>hmm</think>\n\n{"a": 1}') == ('{"a": 1}', "hmm")
    assert split_thinking('{"a": 1}') == ('{"a": 1}', None)
