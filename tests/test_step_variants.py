"""Natural variants of a phrase reach the same step definition, and only that one.

A product owner writes "one posting is stored", "the careers page of ...", "the
token limit is 4k tokens" or "the run completes" as readily as the catalogue's
own wording. Each row below is a variant step line: it must match exactly one
step definition of ``steps/common`` (the one named), and read the same values
as the catalogue's wording. The ambiguity check of ``test_step_vocabulary`` is
the one used here, so a variant that two definitions would take is still caught.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest
from pytest_bdd.steps import StepFunctionContext

from steps.common._types import phrase
from tests.test_step_vocabulary import StepLine, _definition, problems, step_definitions

# (step type, variant line, definition's function, values it reads (a subset))
VARIANTS: list[tuple[str, str, str, dict[str, Any]]] = [
    # number words, articles, singular and plural
    ("then", "1 posting is stored", "postings_stored", {"count": 1}),
    ("then", "one posting is stored", "postings_stored", {"count": 1}),
    ("then", "a posting is stored", "postings_stored", {"count": 1}),
    ("then", "no posting is stored", "postings_stored", {"count": 0}),
    ("then", "zero postings are stored", "postings_stored", {"count": 0}),
    ("then", "Twelve postings are stored", "postings_stored", {"count": 12}),
    ("then", "1,200 postings are stored", "postings_stored", {"count": 1200}),
    ("when", "the example project's tests run on 1 parallel worker, also writing Cucumber "
     "Messages", "run_with_messages", {"workers": 1}),
    ("when", "the example project's tests run on three parallel workers with the living "
     "documentation", "run_parallel", {"workers": 3}),
    ("when", "the example project's tests run once serially and once on 1 parallel worker",
     "run_serial_and_parallel", {"workers": 1}),
    ("when", "the example project's tests run one time, keeping the living documentation's "
     "history", "run_with_history", {"count": 1}),
    ("when", "the example project's tests run again on one parallel worker, keeping the "
     "history", "run_again_in_parallel", {"workers": 1}),
    ("then", 'the scenario "Paying by card" draws the trend of its "reader latency" over 1 run',
     "metric_trend", {"count": 1}),
    ("then", 'the scenario "Paying by card" is not marked, with one run in its history',
     "scenario_unmarked", {"count": 1}),
    ("given", "a background worker is running", "several_workers", {"count": 1}),
    ("given", "one background worker is running", "several_workers", {"count": 1}),
    ("given", "2 background workers are running", "several_workers", {"count": 2}),
    ("then", "no more than 1 request to the company sites was in flight at once",
     "in_flight_at_most", {"count": 1}),
    ("then", "no more than five requests to the company sites were in flight at once",
     "in_flight_at_most", {"count": 5}),
    ("then", "none of the 3 pages needed a model", "report_model_share",
     {"needed": 0, "pages": 3}),
    ("then", 'no posting of "Private Robots" is stored', "company_postings_count",
     {"count": 0, "company": "Private Robots"}),
    ("then", 'two postings of "Example Company 01" are stored', "company_postings_count",
     {"count": 2}),
    ("given", "a company career site", "many_company_sites", {"count": 1}),
    ("given", "three company careers sites, one of them answering in 2 seconds",
     "many_company_sites", {"count": 3, "slow": 2.0}),
    # numbers with or without separators and units
    ("given", "the token threshold is 4,000", "token_threshold", {"tokens": 4000}),
    ("given", "the token threshold is 4000 tokens", "token_threshold", {"tokens": 4000}),
    ("given", "the token limit is 4k tokens", "token_threshold", {"tokens": 4000}),
    ("given", "the threshold is 12,000", "token_threshold", {"tokens": 12000}),
    ("given", "a site that does not answer within 1 second counts as unreachable",
     "answer_within", {"seconds": 1.0}),
    ("given", "a site that does not answer within 500 ms counts as unreachable",
     "answer_within", {"seconds": 0.5}),
    ("given", "a site that does not answer within a second counts as unreachable",
     "answer_within", {"seconds": 1.0}),
    ("given", "pages larger than 2 MB are refused", "largest_page", {"limit": 2_000_000}),
    ("given", "a page larger than 500 KB is refused", "largest_page", {"limit": 500_000}),
    ("given", "a monthly budget of 2.50 USD", "monthly_budget", {}),
    ("then", "at least 98 % of the pages are processed locally", "local_rate_at_least",
     {"share": 98.0}),
    ("then", "at least 98 percent of the pages are processed locally",
     "local_rate_at_least", {"share": 98.0}),
    ("then", "the report projects $0.42 for 10k jobs a month", "report_projection",
     {"jobs": 10000}),
    ("when", "the cost report of the run is shown for 50,000 jobs a month",
     "cost_report_shown", {"jobs": 50000}),
    ("when", "the cost report of the run is shown", "cost_report_shown", {"jobs": None}),
    # synonyms of the product's nouns
    ("given", 'the careers page of "ACME Robotics"', "career_page_of",
     {"company": "ACME Robotics"}),
    ("given", 'the career site of "ACME Robotics"', "career_page_of", {}),
    ("given", 'the jobs page of "ACME Robotics"', "career_page_of", {}),
    ("given", "these careers sites:", "career_pages_table", {}),
    ("given", "20 career sites sized like this:", "spec_mix_pages", {"count": 20}),
    ("then", 'the careers page of "Shielded Corp" was reported as blocked', "company_outcome",
     {"outcome": "blocked"}),
    ("then", 'it is a careers page at "https://x.test/jobs"', "is_career_page",
     {"address": "https://x.test/jobs"}),
    # synonyms of the product's verbs
    ("then", "the page goes to the cloud route", "goes_to", {"route": "cloud"}),
    ("then", "the page goes to the cloud", "goes_to", {"route": "cloud"}),
    ("then", "the page is sent to the cloud model", "goes_to", {"route": "cloud"}),
    ("then", "the page uses the cloud", "goes_to", {"route": "cloud"}),
    ("then", "the page stays local", "goes_to", {"where": "local"}),
    ("then", "the page is processed locally", "goes_to", {"where": "locally"}),
    ("then", "the run ends completed", "run_ends", {"status": "completed"}),
    ("then", "the run completes", "run_ends", {"verb": "completes"}),
    ("then", "the run finishes completed with 6 postings found", "run_ends", {"count": 6}),
    ("then", "the run succeeds having found 1 posting", "run_ends", {"count": 1}),
    ("then", 'the run fails because "503"', "run_ends", {"reason": "503"}),
    ("then", "every run completes", "every_run_ends", {}),
    ("then", "the run is shown as waiting", "run_listed_as", {"status": "waiting"}),
    ("when", "a background run over these sources is started", "start_and_follow",
     {"follow": None}),
    ("when", "a background run over these job-board searches is started and watched until "
     "it ends", "start_and_follow", {}),
    ("given", "a source that fails for a moment is retried twice", "source_retries",
     {"word": "twice"}),
    ("given", "robots.txt is ignored", "robots_rule", {"rule": "ignored"}),
    ("given", 'a job-board search for "python developer"', "board_search",
     {"board_names": None, "remote": None}),
    ("given", 'a job-board search for "python developer" on LinkedIn and Indeed',
     "board_search", {"board_names": "LinkedIn and Indeed"}),
    ("given", 'a job-board search for "python developer" on Indeed for remote work only',
     "board_search", {"board_names": "Indeed"}),
    ("given", "the job board LinkedIn is blocking us", "board_unavailable",
     {"board": "LinkedIn"}),
    # variants a product owner tried in the PO trial
    ("given", 'the careers page for "ACME Robotics"', "career_page_of",
     {"company": "ACME Robotics"}),
    ("given", "the job board LinkedIn blocks us", "board_unavailable",
     {"board": "LinkedIn", "blocks": "blocks us"}),
    ("given", 'a job board search for "python developer in Berlin" on Indeed', "board_search",
     {"query": "python developer in Berlin", "board_names": "Indeed"}),
    ("given", "each job board is asked for at most one posting", "results_per_board",
     {"count": 1}),
    ("given", "each job board is asked for at most 5 jobs", "results_per_board", {"count": 5}),
    ("given", "at most 2 sources are scraped in parallel", "at_most_sources", {"count": 2}),
    ("given", "at most one source is scraped at the same time", "at_most_sources",
     {"count": 1}),
    ("given", "a careers page that serves an empty page", "hostile_page",
     {"content": "an empty page"}),
    ("given", 'a careers page whose schema.org posting says its minimum salary is "-5"',
     "lying_posting", {"field": "minimum salary", "value": "-5"}),
    ("then", 'that careers page is reported as rejected because "over the limit"',
     "last_source_outcome", {"outcome": "rejected", "reason": "over the limit"}),
    ("when", "the career pages are scraped", "sources_are_scraped", {}),
    ("when", "the job-board searches are scraped", "sources_are_scraped", {}),
    ("then", "all sources are reported as successful", "all_successful", {}),
    ("then", "every source is reported as ok", "all_successful", {}),
    ("then", "4 postings were stored", "postings_stored", {"count": 4}),
    ("then", "one posting is saved", "postings_stored", {"count": 1}),
    ("then", '3 postings of "Lumen Grid" were saved', "company_postings_count",
     {"count": 3, "company": "Lumen Grid"}),
    ("then", 'the posting "Data Analyst" of "Example Company 01" is saved',
     "company_posting_stored", {"title": "Data Analyst", "negation": None}),
    ("then", "the last save counted 0 new, 1 updated, 0 unchanged", "last_save_counts",
     {"new": 0, "updated": 1, "unchanged": 0}),
    ("then", "the page is routed to the cloud", "goes_to", {"route": "cloud"}),
    ("when", "a background run over these companies is started", "start_and_follow",
     {"follow": None}),
    ("given", "a background run over these company career sites has ended", "run_has_ended",
     {}),
    ("given", "a background run over the careers sites is waiting for a worker", "run_waiting",
     {}),
    # PO trial 2
    ("when", 'the posting "Motion Designer" at "https://apply.workable.com/mossgreen/j/1" is '
     "found by 1 scraper at once", "found_concurrently", {"writers": 1}),
    ("when", 'the posting "Motion Designer" at "https://apply.workable.com/mossgreen/j/1" is '
     "found by one scraper at once", "found_concurrently", {"writers": 1}),
    ("then", 'the page is reported as "needs model" with the reason', "reported_with_reason",
     {"status": "needs model"}),
    ("then", "the local model was asked 1 time", "local_attempts", {"count": 1}),
    ("then", "the postings found on Indeed are stored with the board they came from",
     "board_postings_stored", {"board_names": "Indeed"}),
    ("then", 'every scenario names the worker that ran it, one of "gw0", "gw1" and "gw2"',
     "workers_named", {"names": '"gw0", "gw1" and "gw2"'}),
]


def _values(context: StepFunctionContext, text: str) -> dict[str, Any]:
    found = context.parser.parse_arguments(text) or {}
    convert = context.converters or {}
    return {name: convert[name](value) if name in convert else value
            for name, value in found.items()}


@pytest.mark.parametrize(("step_type", "text", "function", "values"), VARIANTS,
                         ids=[row[1] for row in VARIANTS])
def test_a_variant_matches_one_definition_and_reads_the_same_values(
    step_type: str, text: str, function: str, values: dict[str, Any]
) -> None:
    definitions = step_definitions()
    line = StepLine("variants", step_type, text)
    assert problems([line], definitions) == []
    [context] = [d for d in definitions if d.type in (None, step_type)
                 and d.parser.is_matching(text)]
    assert inspect.unwrap(context.step_func).__name__ == function
    read = _values(context, text)
    assert {name: read.get(name) for name in values} == values


def test_a_number_word_still_makes_two_definitions_ambiguous() -> None:
    """Number words widen a phrase: a phrase that spells out "a" beside one with a number
    is reported, as any other pair that takes the same line."""
    counted = StepFunctionContext(
        type="given", step_func=lambda: None,
        parser=phrase("{count:Number} background worker{:s} {:is} running"),
    )
    spelt = _definition("a background worker is running", "given")
    found = problems([StepLine("x.feature:2", "given", "a background worker is running")],
                     [counted, spelt])
    assert len(found) == 1 and "matches 2 definitions" in found[0]


def test_every_phrase_documents_its_variants() -> None:
    """The step catalogue shows each phrase's docstring: the phrases with variants say which
    ("Also matches: ...")."""
    documented = {inspect.unwrap(d.step_func).__name__: inspect.getdoc(d.step_func) or ""
                  for d in step_definitions()}
    for function in {row[2] for row in VARIANTS}:
        assert "Also matches:" in documented[function], f"{function} lists no variants"
