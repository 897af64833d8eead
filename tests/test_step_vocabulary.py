"""Every step line of every feature matches exactly one step definition.

pytest-bdd does not mind two definitions that match the same line (it takes
one of them) and only notices a line that matches none when the scenario runs;
cucumber-js fails on both. This test does what cucumber-js does, for every
feature file at once: each step line (Given/When/Then, And/But taking the
previous keyword's type; Scenario Outline lines once per Examples row) must
match one definition of its type among the step modules the root conftest
registers (``steps/common``). Feature files are read with pytest-bdd's own
parser, so the lines are exactly the ones a run matches; steps inside doc
strings (the example projects of features/living_documentation) are text, not
steps, and are not checked.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_bdd import parsers
from pytest_bdd.parser import FeatureParser
from pytest_bdd.steps import StepFunctionContext, step_function_context_registry

ROOT = Path(__file__).resolve().parents[1]
FEATURES = ROOT / "features"
STEP_MODULES = ROOT / "steps" / "common"


@dataclass(frozen=True)
class StepLine:
    """One step as a run matches it."""

    where: str  # feature file:line
    type: str  # given, when or then
    text: str


def step_lines(feature_file: Path) -> Iterator[StepLine]:
    """Every step line of a feature, Background steps and Examples rows included."""
    relative = feature_file.relative_to(FEATURES).as_posix()
    feature = FeatureParser(str(FEATURES), relative).parse()
    for template in feature.scenarios.values():
        rows = [row for examples in template.examples for row in examples.as_contexts()]
        for row in rows or [{}]:
            for step in template.render(row).steps:
                yield StepLine(f"{relative}:{step.line_number}", step.type, step.name)


def step_definitions() -> list[StepFunctionContext]:
    """The step definitions of the modules the root conftest registers as plugins."""
    for module in pkgutil.iter_modules([str(STEP_MODULES)]):
        if not module.name.startswith("_"):
            importlib.import_module(f"steps.common.{module.name}")
    return [
        context
        for context in list(step_function_context_registry.values())
        if _defined_in(context, STEP_MODULES)
    ]


def _defined_in(context: StepFunctionContext, folder: Path) -> bool:
    source = inspect.getsourcefile(inspect.unwrap(context.step_func)) or ""
    return Path(source).resolve().is_relative_to(folder)


def _describe(context: StepFunctionContext) -> str:
    func = inspect.unwrap(context.step_func)
    return f"{context.type or 'step'} {context.parser.name!r} ({func.__module__}.{func.__name__})"


def problems(lines: Iterable[StepLine], definitions: list[StepFunctionContext]) -> list[str]:
    """A message for each line that matches no definition of its type, or several."""
    found = []
    for line in lines:
        matching = [
            d for d in definitions
            if d.type in (None, line.type) and d.parser.is_matching(line.text)
        ]
        if not matching:
            found.append(f"{line.where}: no step definition for {line.type} {line.text!r}")
        elif len(matching) > 1:
            found.append(
                f"{line.where}: {line.type} {line.text!r} matches {len(matching)} definitions: "
                + "; ".join(_describe(d) for d in matching)
            )
    return found


FEATURE_FILES = sorted(FEATURES.rglob("*.feature"))


@pytest.mark.parametrize(
    "feature_file", FEATURE_FILES, ids=[str(f.relative_to(FEATURES)) for f in FEATURE_FILES]
)
def test_every_step_line_matches_exactly_one_definition(feature_file: Path) -> None:
    lines = list(step_lines(feature_file))
    assert lines, f"{feature_file} has no steps"
    found = problems(lines, step_definitions())
    assert not found, "\n".join(found)


def _definition(phrase: str, type_: str | None = "then") -> StepFunctionContext:
    return StepFunctionContext(type=type_, step_func=lambda: None, parser=parsers.parse(phrase))


def test_a_line_two_definitions_match_is_reported() -> None:
    line = StepLine("x.feature:3", "then", "the run ends completed")
    found = problems([line], [_definition("the run ends {status}"),
                              _definition("the run ends completed")])
    assert len(found) == 1 and "matches 2 definitions" in found[0]


def test_a_line_no_definition_of_its_type_matches_is_reported() -> None:
    line = StepLine("x.feature:4", "given", "the run ends completed")
    found = problems([line], [_definition("the run ends {status}", "then")])
    assert len(found) == 1 and "no step definition for given" in found[0]


def test_an_untyped_definition_matches_every_type() -> None:
    line = StepLine("x.feature:5", "when", "the run ends completed")
    assert problems([line], [_definition("the run ends {status}", None)]) == []


def test_outline_lines_are_matched_row_by_row() -> None:
    texts = {
        line.text
        for line in step_lines(FEATURES / "routing" / "token_routing.feature")
    }
    assert not any("<" in text for text in texts), "placeholders left in outline steps"
