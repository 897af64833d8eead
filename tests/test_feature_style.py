"""The house rules for Gherkin, checked on every feature file a product owner edits.

One behaviour per scenario: exactly one When, and three to six steps (a
Background's steps count towards the minimum, a scenario's own steps towards
the maximum). Scenarios inside doc strings (example projects) are not parsed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from gherkin.parser import Parser
from gherkin.token_scanner import TokenScanner

FEATURES = Path(__file__).resolve().parents[1] / "features"


def scenarios(children: list[dict[str, Any]], background: int = 0):
    for child in children:
        if "background" in child:
            background = len(child["background"]["steps"])
        elif "rule" in child:
            yield from scenarios(child["rule"]["children"], background)
        elif "scenario" in child:
            yield child["scenario"], background


def step_kinds(steps: list[dict[str, Any]]) -> list[str]:
    kinds: list[str] = []
    for step in steps:
        keyword = step["keyword"].strip()
        kinds.append(kinds[-1] if keyword in {"And", "But", "*"} and kinds else keyword)
    return kinds


CASES = [
    pytest.param(scenario, background, id=f"{path.relative_to(FEATURES)}:{scenario['name']}")
    for path in sorted(FEATURES.rglob("*.feature"))
    for scenario, background in scenarios(
        Parser().parse(TokenScanner(path.read_text(encoding="utf-8")))["feature"]["children"]
    )
]


@pytest.mark.parametrize(("scenario", "background"), CASES)
def test_one_when_and_three_to_six_steps(scenario: dict[str, Any], background: int) -> None:
    kinds = step_kinds(scenario["steps"])
    assert kinds.count("When") == 1, f"needs exactly one When, has {kinds.count('When')}"
    own = len(scenario["steps"])
    assert background + own >= 3, f"{background + own} steps: a behaviour needs 3 to 6"
    assert own <= 6, f"{own} steps: split it, one behaviour per scenario"
