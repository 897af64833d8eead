"""Shared vocabulary of features/routing: token routing, the local models, the cloud.

Pages are real career-site pages (``steps.harness.job_pages``) measured with
the application's own pruning and Qwen token counter; routing and extraction
come from the application's code (``jobscraper.ai``, ``jobscraper.extract.llm``).
The local model is the real vLLM engine on the tiny Qwen3 models (profile
cpu-tiny) and the "cloud" a real OpenAI-compatible model server on loopback.
"""

from __future__ import annotations

from pathlib import Path

from pytest_bdd import given, parsers, then, when

from jobscraper.ai.local import LocalModelManager
from jobscraper.config import LocalTier, Settings
from jobscraper.extract.base import ExtractionStatus, PageContent
from jobscraper.models import Route
from jobscraper.store import Store
from steps.common._types import CAREER_PAGE, converters, group, phrase, quoted, whole_number
from steps.common.context import ScenarioContext
from steps.harness.app import SettingsOverrides
from steps.harness.asyncio_bridge import async_step
from steps.harness.job_pages import JobPage, make_page, page_with_prompt_tokens, with_job_posting
from steps.harness.models_fixtures import CloudEndpoint, TinyModels

TIER_WORDS = {  # plain words a product owner may use for a tier
    "short pages": "thinking",
    "medium pages": "primary",
    "long pages": "maximum",
}


def _tier(words: str) -> str:
    key = words.strip().strip('"').lower()
    return TIER_WORDS.get(key, key)


def tier_named(words: str, settings: Settings) -> LocalTier:
    """The configured tier named in plain words ("medium pages") or by its name."""
    for tier in settings.tiers:
        if tier.name == _tier(words):
            return tier
    raise AssertionError(
        f"no local model tier {words!r}; tiers: {[t.name for t in settings.tiers]} "
        f"(plain words: {sorted(TIER_WORDS)})"
    )


def _page_of_prompt(tokens: int) -> JobPage:
    """A realistic page without structured data whose pruned prompt is ``tokens`` Qwen
    tokens (the same page for the same size)."""
    return page_with_prompt_tokens(tokens, seed=tokens)


# --- Given: configuration ------------------------------------------------------
@given(parsers.re(
    rf"the (?:token threshold|token limit|threshold) is {group('tokens', whole_number)}"
    r"(?: tokens?)?"
), converters=converters(tokens=whole_number))
def token_threshold(tokens: int, settings_overrides: SettingsOverrides) -> None:
    """Prompts of at most this many tokens stay local (default 8000): "the token
    threshold is 4,000".

    Also matches: "the token threshold is 4000 tokens", "the token limit is 4k tokens",
    "the threshold is 12,000".
    """
    settings_overrides["token_threshold"] = tokens


@given("the local model tiers are:")
def local_tiers(datatable: list[list[str]], settings_overrides: SettingsOverrides) -> None:
    """The tier table: | tier | prompts under | real model | (last row: prompts under empty)."""
    header = [cell.strip().lower() for cell in datatable[0]]
    tiers = []
    for row in datatable[1:]:
        cells = dict(zip(header, row, strict=True))
        below = cells.get("prompts under", "").strip()
        tiers.append(
            LocalTier(
                name=cells["tier"].strip(),
                below_tokens=whole_number(below) if below and below != "-" else None,
                gpu_model=cells.get("real model", "").strip() or cells["tier"].strip(),
            )
        )
    settings_overrides["tiers"] = tiers


@given("the local models are installed")
def local_models_installed(tiny_models: TinyModels, settings_overrides: SettingsOverrides) -> None:
    """The tiny Qwen3 models built by ``jobscraper models build-tiny`` (cpu-tiny profile)."""
    settings_overrides["models_dir"] = tiny_models.models_dir


@given("the local models are missing")
def local_models_missing(tmp_path: Path, settings_overrides: SettingsOverrides) -> None:
    """The models folder is empty and every tier names a model folder that does not
    exist: loading any local model fails (on cpu-tiny and on gpu alike)."""
    from jobscraper.config import default_tiers

    empty = tmp_path / "no-models"
    empty.mkdir(exist_ok=True)
    settings_overrides["models_dir"] = empty
    tiers = settings_overrides.get("tiers") or default_tiers()
    settings_overrides["tiers"] = [
        t.model_copy(update={"gpu_model": str(empty / t.name)})  # type: ignore[union-attr]
        for t in tiers
    ]


@given("a cloud model endpoint is configured")
def cloud_configured(cloud_endpoint: CloudEndpoint, settings_overrides: SettingsOverrides,
                     scenario: ScenarioContext) -> None:
    """An OpenAI-compatible endpoint serving the cloud model (a real model server); a
    price given for the cloud model is its price."""
    from steps.common.cost import choose_cloud_model

    choose_cloud_model(cloud_endpoint.model, settings_overrides, scenario,
                       cloud_base_url=cloud_endpoint.base_url)


@given("no cloud model endpoint is configured")
def no_cloud(settings_overrides: SettingsOverrides) -> None:
    """Pages above the threshold have nowhere to go: no cloud endpoint is set ("no cloud
    model endpoint is configured").
    """
    settings_overrides["cloud_base_url"] = ""


@given(phrase("the local model may write at most {tokens:Number} token{:s} per page"))
def output_limit(tokens: int, settings_overrides: SettingsOverrides) -> None:
    """The longest answer the model may give for one page ("... at most 64 tokens per
    page").

    Also matches: "... at most 1 token per page", "... at most 2,000 tokens per page".
    """
    settings_overrides["max_output_tokens"] = tokens


@given(phrase("the local model must answer within {seconds:Seconds}"))
def local_timeout(seconds: float, settings_overrides: SettingsOverrides) -> None:
    """How long a local model call may take ("... must answer within 0.5 seconds").

    Also matches: "... within 1 second", "... within a second", "... within 500 ms".
    """
    settings_overrides["local_timeout_s"] = seconds


# --- Given: pages ------------------------------------------------------------------
@given(parsers.re(
    rf"an? {CAREER_PAGE} whose prompt is {group('tokens', whole_number)} tokens?"
), converters=converters(tokens=whole_number))
def page_of_prompt_size(tokens: int, scenario: ScenarioContext) -> None:
    """A realistic page (navigation, scripts, footer) without structured data; its whole
    prompt, after pruning, is exactly this many Qwen tokens ("a career page whose prompt
    is 3,000 tokens").

    Also matches: "a careers page whose prompt is 3000 tokens", "a career site whose prompt
    is 3k tokens".
    """
    scenario.job_page = _page_of_prompt(tokens)


@given(parsers.re(
    rf"an? {CAREER_PAGE} whose (?:raw text|raw page|text before pruning) is (?:about )?"
    rf"{group('tokens', whole_number)} tokens?"
), converters=converters(tokens=whole_number))
def page_of_raw_size(tokens: int, scenario: ScenarioContext) -> None:
    """A realistic page without structured data of about this many Qwen tokens before
    pruning, more than half of it site furniture (navigation, styles, scripts, footer):
    "a career page whose raw text is 12,000 tokens".

    Also matches: "a careers page whose raw page is about 12000 tokens", "a career page
    whose text before pruning is 12k tokens".
    """
    scenario.job_page = make_page(tokens, seed=tokens)


@given(parsers.re(
    rf'an? {CAREER_PAGE} for "{group("title", quoted)}" (?P<kind>with|without) '
    r"structured data"
))
def page_for_title(title: str, kind: str, scenario: ScenarioContext) -> None:
    """One posting's page, with its schema.org JobPosting data or without any ("a career
    page for "Data Engineer" without structured data").

    Also matches: "a careers page for "Data Engineer" with structured data".
    """
    page = page_with_prompt_tokens(1500, seed=3, title=title)
    scenario.job_page = with_job_posting(page) if kind == "with" else page


@given(phrase("the model for {words} is loaded"))
def tier_loaded(
    words: str, local_models: LocalModelManager, app_settings: Settings, scenario: ScenarioContext
) -> None:
    """Make a tier resident the way the application does: by extracting a page for it."""
    tier = tier_named(words, app_settings)
    local_models.ensure_loaded(tier, app_settings)
    scenario.loads_before = len(local_models.load_history)


# --- When ----------------------------------------------------------------------------
@when("the page is routed")
def page_routed(app_settings: Settings, scenario: ScenarioContext) -> None:
    """The routing decision as ``jobscraper route`` takes it: prune, prompt, count, decide
    (a page with structured data needs no model)."""
    from jobscraper.ai.plan import plan_page
    from jobscraper.extract.structured import has_structured_postings

    page = scenario.job_page
    scenario.plan = plan_page(page.html, page.url, app_settings,
                              structured=has_structured_postings(page.html))



async def _extract(
    page: JobPage, settings: Settings, store: Store, scenario: ScenarioContext
) -> None:
    """The model route as a scrape runs it (``default_extractor``: the model route, or
    "needs model" when it is switched off): extract, then store what came out."""
    from jobscraper.extract.pipeline import default_extractor

    extractor = default_extractor(settings, store)
    run = store.create_run([page.url])
    outcome = await extractor.extract(PageContent(url=page.url, html=page.html), run_id=run.id)
    if outcome.status == ExtractionStatus.OK:
        store.upsert_postings(outcome.postings, run_id=run.id)
    scenario.outcome = outcome
    scenario.run_id = run.id


@when("the page is extracted")
@async_step
async def page_extracted(
    app_settings: Settings, store: Store, local_models: LocalModelManager, scenario: ScenarioContext
) -> None:
    """The page of the scenario goes through the model route (model loads from here on
    are the scenario's own, unless a Given loaded a tier first)."""
    scenario.loads_before = scenario.loads_before or len(local_models.load_history)
    await _extract(scenario.job_page, app_settings, store, scenario)


@when(phrase("a career page whose prompt is {tokens:Number} tokens is extracted"))
@async_step
async def page_of_size_extracted(
    tokens: int, app_settings: Settings, store: Store, local_models: LocalModelManager,
    scenario: ScenarioContext,
) -> None:
    """A page of this prompt size (as the Given makes it) goes through the model route."""
    scenario.loads_before = scenario.loads_before or len(local_models.load_history)
    scenario.job_page = page = _page_of_prompt(tokens)
    await _extract(page, app_settings, store, scenario)


# --- Then: routing ----------------------------------------------------------------------
# How a product owner says where a page goes: "goes to the cloud route", "stays local", ...
_ROUTE_WORDS = {"local": Route.LOCAL, "locally": Route.LOCAL, "cloud": Route.CLOUD,
                "structured": Route.STRUCTURED}


@then(parsers.re(
    r"the page (?:(?:goes to|is sent to|is routed to|uses|takes) the "
    r"(?P<route>local|cloud|structured)"
    r"(?: route| model| tier)?|(?:stays|is processed|is handled) (?P<where>local|locally)"
    r"|is read from its (?P<structured>structured) data)"
))
def goes_to(route: str | None, where: str | None, structured: str | None,
            scenario: ScenarioContext) -> None:
    """Where the routing decision sends the page: "the page goes to the cloud route".

    Also matches: "the page goes to the cloud", "the page is sent to the cloud model", "the
    page is routed to the cloud",
    "the page uses the cloud", "the page goes to the local route", "the page stays local",
    "the page is processed locally", "the page goes to the structured route", "the page is
    read from its structured data".
    """
    wanted = _ROUTE_WORDS[(route or where or structured or "").lower()]
    decision = scenario.plan.decision
    assert decision.route == wanted, (
        f"expected route {wanted.value}, got {decision.route.value}: {decision.reason}"
    )


@then(phrase("pruning cut its prompt to fewer than {tokens:Number} token{:s}"))
def pruned_below(tokens: int, scenario: ScenarioContext) -> None:
    """The page's raw text was above ``tokens`` and the prompt actually sent is below it:
    the site furniture was pruned away ("pruning cut its prompt to fewer than 8,000
    tokens").

    Also matches: "... fewer than 8000 tokens", "... fewer than 8k tokens".
    """
    plan = scenario.plan
    assert plan.tokens_raw > tokens, f"the raw page is only {plan.tokens_raw} tokens"
    assert plan.prompt_tokens < tokens, (
        f"the prompt is {plan.prompt_tokens} tokens (raw {plan.tokens_raw}, pruned "
        f"{plan.tokens_pruned})"
    )


@then(phrase('the model tier is "{tier:Quoted}"'))
def model_tier(tier: str, scenario: ScenarioContext) -> None:
    """The local tier the routing decision chose ("the model tier is "primary""; "none" for
    the cloud or structured data).

    Also matches: plain words for a tier ("short pages", "medium pages", "long pages").
    """
    decision = scenario.plan.decision
    expected = None if tier.lower() in {"none", "-", ""} else _tier(tier)
    assert decision.tier == expected, f"expected tier {expected}, got {decision.tier}"


@then(
    phrase(
        "the decision was taken on {tokens:Number} prompt tokens against the threshold "
        "{threshold:Number}"
    )
)
def decision_numbers(tokens: int, threshold: int, scenario: ScenarioContext) -> None:
    """The numbers the router decided on ("the decision was taken on 4500 prompt tokens against
    the threshold 4000").

    Also matches: "... on 4,500 prompt tokens against the threshold 4k".
    """
    decision = scenario.plan.decision
    assert (decision.token_count, decision.threshold) == (tokens, threshold), decision


# --- Then: local models ------------------------------------------------------------------
@then(phrase("{count:Number} local model{:s} {:is} loaded"))
def models_loaded(count: int, local_models: LocalModelManager) -> None:
    """How many local models are resident ("1 local model is loaded").

    Also matches: "one local model is loaded", "a local model is loaded", "no local model
    is loaded".
    """
    assert local_models.models_loaded == count, (
        f"{local_models.models_loaded} models loaded: {local_models.loaded_model}"
    )


@then(phrase("the model for {words} is the one loaded"))
def loaded_model_is(words: str, local_models: LocalModelManager, app_settings: Settings) -> None:
    """The resident local model is the tier's ("the model for medium pages is the one
    loaded").

    Also matches: a tier by its name ("the model for primary is the one loaded").
    """
    from jobscraper.ai.routing import local_model_name

    tier = tier_named(words, app_settings)
    assert local_models.loaded_model == local_model_name(tier, app_settings), (
        f"loaded: {local_models.loaded_model}"
    )


@then(phrase("the time it took to load the model for {words} is recorded"))
def load_time_recorded(
    words: str, local_models: LocalModelManager, store: Store, scenario: ScenarioContext
) -> None:
    """Loading the tier's model was measured, and the time is on the recorded call ("the time
    it took to load the model for long pages is recorded").
    """
    tier = _tier(words)
    new_loads = local_models.load_history[scenario.loads_before :]
    assert [r.tier for r in new_loads] == [tier], f"loads in this scenario: {new_loads}"
    assert new_loads[0].load_ms > 0
    calls = [c for c in store.model_calls(run_id=scenario.run_id) if c.tier == tier]
    assert calls and calls[0].load_ms and calls[0].load_ms > 0, (
        f"no load time on the recorded call: {calls}"
    )


# --- Then: extraction outcome ------------------------------------------------------------
@then(phrase("the page yields {count:Number} valid posting{:s} with a title"))
def yields_valid(count: int, scenario: ScenarioContext) -> None:
    """The extraction succeeded with this many postings, each with a title ("the page
    yields 1 valid posting with a title").

    Also matches: "the page yields one valid posting with a title", "... yields 2 valid
    postings ...".
    """
    outcome = scenario.outcome
    assert outcome.status == ExtractionStatus.OK, f"{outcome.status}: {outcome.reason}"
    assert len(outcome.postings) == count
    for posting in outcome.postings:
        assert posting.title.strip(), posting
        assert posting.url == scenario.job_page.url


@then(phrase('the posting is stored with the extraction route "{route:Quoted}"'))
def stored_with_route(route: str, store: Store, scenario: ScenarioContext) -> None:
    """The stored posting of the page names how it was extracted ("the posting is stored with
    the extraction route "local"").
    """
    stored = store.posting_by_url(scenario.job_page.url)
    assert stored is not None, "no posting stored for the page"
    assert stored.route == route, f"stored route {stored.route}"


@then(phrase('the extracted title is "{title:Quoted}"'))
def extracted_title(title: str, scenario: ScenarioContext) -> None:
    """The one posting the model route extracted has this title ("the extracted title is
    "Data Engineer"").
    """
    outcome = scenario.outcome
    assert [p.title for p in outcome.postings] == [title], outcome


@then("the model call is recorded with its route, tier, tokens and threshold")
def call_recorded(store: Store, app_settings: Settings, scenario: ScenarioContext) -> None:
    """The model call that read the page is recorded as successful, with its route, tier (a
    local call's; a cloud call has none), model, endpoint, token counts (raw, pruned,
    prompt, output), threshold, reason and cost (nothing for a local call, a price for a
    cloud call); a failed call before it (a fallback) is recorded too.
    """
    calls = store.model_calls(run_id=scenario.run_id)
    answered = [c for c in calls if c.success]
    assert len(answered) == 1, calls
    call = answered[0]
    assert call.route in (Route.LOCAL.value, Route.CLOUD.value), call
    assert call.model and call.endpoint, call
    assert call.tokens_raw and call.tokens_pruned and call.tokens_raw > call.tokens_pruned, call
    assert call.prompt_tokens > 0 and call.completion_tokens > 0, call
    assert call.threshold == app_settings.token_threshold, call
    assert call.reason, call
    if call.route == Route.LOCAL.value:
        assert call.tier and call.cost_usd == 0.0, call
    else:
        assert call.tier is None and call.cost_usd > 0, call


@then("the posting came from the cloud endpoint")
def from_cloud(store: Store, app_settings: Settings, scenario: ScenarioContext) -> None:
    """The posting was extracted by the configured cloud endpoint and model, priced, and stored
    with the route cloud.
    """
    outcome = scenario.outcome
    assert outcome.status == ExtractionStatus.OK, f"{outcome.status}: {outcome.reason}"
    assert [p.route for p in outcome.postings] == [Route.CLOUD]
    answered = [c for c in store.model_calls(run_id=scenario.run_id) if c.success]
    assert [c.endpoint for c in answered] == [app_settings.cloud_base_url], answered
    assert answered[0].model == app_settings.cloud_model
    assert answered[0].prompt_tokens > 0 and answered[0].cost_usd > 0, answered[0]
    stored = store.posting_by_url(scenario.job_page.url)
    assert stored is not None and stored.route == "cloud", stored


@then(phrase(
    'the local call failing with "{words:Quoted}" and the fallback to the cloud are recorded'
))
def fallback_recorded(words: str, store: Store, scenario: ScenarioContext) -> None:
    """The failed local call (its error containing the words) and the cloud call that
    replaced it are both recorded ("the local call failing with "timed out" and the fallback
    to the cloud are recorded").
    """
    calls = store.model_calls(run_id=scenario.run_id)
    routes = [(c.route, c.success, c.fallback_from) for c in calls]
    assert routes[0] == ("local", False, None), routes
    assert words in (calls[0].error or ""), calls[0].error
    assert routes[-1] == ("cloud", True, "local"), routes


@then(phrase('the page is reported as "{status:Quoted}" with its token count'))
def reported_with_count(status: str, scenario: ScenarioContext) -> None:
    """The extraction outcome, with the page's token count in its reason ("the page is
    reported as "needs cloud" with its token count"): the prompt's size the page was made
    with ("a career page whose prompt is 9,000 tokens"), or, for a page given by its raw
    size ("... whose raw text is 12,000 tokens"), the pruned prompt's count the outcome
    reports, under the raw size.
    """
    outcome = scenario.outcome
    assert outcome.status.value.replace("_", " ") == status, f"{outcome.status}: {outcome.reason}"
    page = scenario.job_page
    tokens = page.prompt_tokens
    if tokens is None:  # a page of a raw size: its prompt is what pruning left of it
        tokens = outcome.prompt_tokens
        assert 0 < tokens < page.target_raw_tokens, (
            f"prompt of {tokens} tokens for a raw page of about {page.target_raw_tokens}"
        )
    assert outcome.prompt_tokens == tokens, outcome.prompt_tokens
    assert str(tokens) in (outcome.reason or ""), outcome.reason


@then(phrase('the page is reported as "{status:Quoted}" with the reason'))
def reported_with_reason(status: str, scenario: ScenarioContext) -> None:
    """The extraction outcome, with a reason that says more than the outcome, and no
    posting ("the page is reported as "extraction failed" with the reason", when the model's
    output was refused).

    Also matches: any outcome of a page ("the page is reported as "needs model" with the
    reason", "... as "needs cloud" with the reason").
    """
    outcome = scenario.outcome
    assert outcome.status.value.replace("_", " ") == status, f"{outcome.status}: {outcome.reason}"
    reason = (outcome.reason or "").strip().lower()
    assert reason and reason != status.lower(), f"no reason beyond the outcome: {outcome.reason!r}"
    assert outcome.postings == [], outcome.postings


@then(phrase("the local model was asked {count:Number} time{:s}"))
def local_attempts(count: int, store: Store, scenario: ScenarioContext) -> None:
    """How many calls the local model got for the page ("the local model was asked 2
    times": an answer refused, asked once more); every call but a successful last one
    failed with an error.

    Also matches: "the local model was asked one time", "... asked two times", "... asked 1
    time" (after a page it read at once).
    """
    calls = [c for c in store.model_calls(run_id=scenario.run_id) if c.route == "local"]
    assert len(calls) == count, calls
    failed = calls[:-1] if calls and calls[-1].success else calls
    assert all(not c.success and c.error for c in failed), calls


@then("no posting is stored for the page")
def nothing_stored(store: Store, scenario: ScenarioContext) -> None:
    """The page's extraction stored nothing: the store holds no posting at its address, and
    no posting was stored since the page was extracted (postings stored before stay)."""
    assert store.posting_by_url(scenario.job_page.url) is None
    added = store.postings(run_id=scenario.run_id)
    assert not added, f"stored for the page's run: {[(p.title, p.url) for p in added]}"
