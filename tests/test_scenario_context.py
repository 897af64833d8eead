"""The scenario's World (steps/common/context.py): declared fields, helpful when unset."""

from __future__ import annotations

import pytest

from steps.common.context import ScenarioContext


def test_a_value_no_step_recorded_names_the_steps_that_set_it() -> None:
    with pytest.raises(AssertionError, match=r"scenario's run_id.*sources are scraped"):
        _ = ScenarioContext().run_id


def test_a_recorded_value_reads_back() -> None:
    scenario = ScenarioContext()
    scenario.run_id = "run-1"
    scenario.sources.append("https://careers.acme-robotics.com/jobs")
    assert scenario.run_id == "run-1"
    assert "run_id='run-1'" in repr(scenario) and "plan=" not in repr(scenario)


def test_collections_start_empty_and_apart() -> None:
    first, second = ScenarioContext(), ScenarioContext()
    first.updates.append(object())  # type: ignore[arg-type]
    assert second.updates == [] and first.scrape_result is None
