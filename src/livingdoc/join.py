"""Join the specification (feature files) with the results of a run.

The join key is the feature file (relative path), the scenario's line and, for an
outline, the index of the Examples row (pytest-bdd parametrises rows in file order).
Lines and indices, not names, because names repeat across files and outlines render
their names with example values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from .model import (
    NOT_RUN,
    SKIPPED,
    STATUSES,
    Background,
    Feature,
    Scenario,
    ScenarioResult,
    Step,
    StepResult,
)
from .results import fold_phases

_PARAM = re.compile(r"<(.+?)>")


def render(text: str, values: Mapping[str, str]) -> str:
    """Fill ``<name>`` placeholders like pytest-bdd does; unknown names stay as written."""
    return _PARAM.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def scenario_index(
    features: Iterable[Feature],
) -> dict[tuple[str, int], tuple[Feature, Background | None, Scenario]]:
    """Every scenario by (file, line), with the rule background that applies to it."""
    index = {}
    for feature in features:
        for scenario in feature.scenarios:
            index[(feature.uri, scenario.line)] = (feature, None, scenario)
        for rule in feature.rules:
            for scenario in rule.scenarios:
                index[(feature.uri, scenario.line)] = (feature, rule.background, scenario)
    return index


def example_rows(scenario: Scenario) -> list[tuple[dict[str, str], Any]]:
    """The outline's rows flattened across its Examples tables, as pytest-bdd runs them."""
    return [
        (dict(zip(table.header, row.cells, strict=False)), row)
        for table in scenario.examples
        for row in table.rows
    ]


def expected_steps(
    feature: Feature,
    rule_background: Background | None,
    scenario: Scenario,
    values: Mapping[str, str],
) -> list[StepResult]:
    """The steps a run of this scenario executes, in order, with the row's values."""
    ordered: list[tuple[Step, bool]] = []
    for background in (feature.background, rule_background):
        if background is not None:
            ordered.extend((step, True) for step in background.steps)
    ordered.extend((step, False) for step in scenario.steps)
    return [
        StepResult(
            keyword=step.keyword,
            text=render(step.text, values),
            line=step.line,
            background=is_background,
            data_table=[[render(c, values) for c in row] for row in step.data_table]
            if step.data_table
            else None,
            doc_string=type(step.doc_string)(
                render(step.doc_string.content, values), step.doc_string.media_type
            )
            if step.doc_string
            else None,
        )
        for step, is_background in ordered
    ]


def _complete(result: ScenarioResult, expected: list[StepResult]) -> None:
    """Give a result the steps it lacks (skipped in setup) and the spec's media types."""
    if not result.steps:
        status = SKIPPED if result.status == SKIPPED else NOT_RUN
        result.steps = expected
        for step in result.steps:
            step.status = status
        return
    by_line = {step.line: step for step in expected}
    for step in result.steps:
        spec = by_line.get(step.line)
        if spec is not None and spec.doc_string and step.doc_string:
            step.doc_string.media_type = spec.doc_string.media_type


def _keep_worst(current: ScenarioResult | None, new: ScenarioResult) -> ScenarioResult:
    """The same scenario bound by two test modules: show the outcome that needs attention.

    The result kept names every test that ran the scenario, so both can be found.
    """
    if current is None:
        return new
    rank = {status: i for i, status in enumerate(STATUSES)}
    kept, other = (new, current) if rank[new.status] < rank[current.status] else (current, new)
    kept.also_run_by = sorted(
        {*kept.also_run_by, *other.test_ids} - {kept.nodeid}
    )
    return kept


def join_results(features: list[Feature], payloads: Mapping[str, list[dict[str, Any]]]) -> int:
    """Attach each test's folded result to its scenario or Examples row.

    Returns how many tests could not be placed (their feature file was not read).
    """
    index = scenario_index(features)
    unplaced = 0
    for phases in payloads.values():
        first = phases[0]
        found = index.get((first["uri"], first["line"]))
        if found is None:
            unplaced += 1
            continue
        feature, rule_background, scenario = found
        result = fold_phases(phases)
        row_index = first.get("row")
        if scenario.is_outline and row_index is not None:
            rows = example_rows(scenario)
            if not 0 <= row_index < len(rows):
                unplaced += 1
                continue
            values, row = rows[row_index]
            _complete(result, expected_steps(feature, rule_background, scenario, values))
            row.result = _keep_worst(row.result, result)
        else:
            _complete(result, expected_steps(feature, rule_background, scenario, {}))
            scenario.result = _keep_worst(scenario.result, result)
    return unplaced
