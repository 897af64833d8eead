"""Steps for features/living_documentation: the livingdoc plugin, seen from outside.

Each scenario builds a small example project, runs it with pytest's ``pytester``
and reads the living documentation it wrote the way a reader does: as an HTML page.

* The example project is real files in ``steps/harness/livingdoc_example/``, kept
  under other names so that our own suite ignores them: ``shop_steps.py`` (the
  shop's step vocabulary) becomes the project's ``conftest.py``,
  ``shop_scenarios.py`` its ``test_examples.py``, ``shop_pytest.ini`` its
  ``pytest.ini``, plus the screenshot ``receipt.png``. The scenarios' outcomes (what
  passes, fails, is skipped or attaches evidence) come from there. Copying and
  running it: ``steps/harness/livingdoc_example_fixtures.py`` (``example_project``).
* The page is read through the page object in ``steps/harness/living_doc_page.py``,
  which parses it into the element tree a browser builds (text unescaped, markup as
  elements) and answers in a reader's terms.
"""

from __future__ import annotations

import os
import platform
import re
import time
from collections import Counter
from datetime import UTC, datetime
from importlib.metadata import version

import parse
from pytest_bdd import given, parsers, then, when

from steps.common._types import phrase
from steps.harness.livingdoc_example_fixtures import EXAMPLE_PHRASES, ExampleProject

# --- the example project and its runs ------------------------------------------------


@given(parsers.parse('the example project has the feature file "{path}":'))
def example_feature(example_project: ExampleProject, path: str, docstring: str) -> None:
    """Add a feature file (under features/, text from the doc string) to the example project.

    The example project's step vocabulary (steps/harness/livingdoc_example/shop_steps.py):
    "a basket with {count:d} books", "the parcel holds" (table), "the customer pays by
    card", "... with an expired card" (fails: The card has expired), "... asks for payment
    advice", "the customer in {country} pays by card", "the customer prints the receipt"
    (attaches a screenshot, a text and a metric), "the customer pays with a flaky card
    reader" (records a "reader latency" of 45, 50, 55 ... ms on its 1st, 2nd, 3rd ... use in
    a project, fails on the 2nd), "the payment is accepted", "the receipt reads" (doc string;
    fails for Japan) and "the customer receives a loyalty voucher" (used by no feature).
    Scenarios tagged @real_model are skipped with the reason "needs a real model's
    judgement".
    """
    example_project.features[path] = docstring


@given("the example project binds its features from a second test module too")
def second_test_module(example_project: ExampleProject) -> None:
    """A second test module calls ``scenarios("features")``: every scenario runs twice."""
    example_project.second_test_module = True


@when("the example project's tests run with the living documentation")
def run_serially(example_project: ExampleProject) -> None:
    """Run every scenario of the example project once, writing the living documentation."""
    example_project.run("living-doc")


@when(
    parsers.parse(
        'only the example project\'s scenarios matching "{expression}" run with the living '
        "documentation"
    )
)
def run_selection(example_project: ExampleProject, expression: str) -> None:
    """Run only the scenarios whose test names match a pytest ``-k`` expression."""
    example_project.run("living-doc", "-k", expression)


@when(
    phrase(
        "the example project's tests run once serially and once on {workers:Number} parallel "
        "worker{:s}"
    )
)
def run_serial_and_parallel(example_project: ExampleProject, workers: int) -> None:
    """Run the example project twice: in one process, then with pytest-xdist workers ("the
    example project's tests run once serially and once on 2 parallel workers").

    Also matches: "... once on two parallel workers", "... once on 1 parallel worker".
    """
    example_project.run("serial")
    example_project.run("parallel", "-n", str(workers), subprocess=True)
    assert f"{workers} workers" in example_project.outputs["parallel"], example_project.outputs[
        "parallel"
    ]


@when(
    phrase(
        "the example project's tests run on {workers:Number} parallel worker{:s} with the "
        "living documentation"
    )
)
def run_parallel(example_project: ExampleProject, workers: int) -> None:
    """Run every scenario once, spread over pytest-xdist workers ("the example project's
    tests run on 2 parallel workers with the living documentation").

    Also matches: "... on one parallel worker with ...", "... on three parallel workers ...".
    """
    example_project.run("parallel", "-n", str(workers), subprocess=True)


@when(
    "the living documentation is written from the example project's features without running them"
)
def document_without_run(example_project: ExampleProject) -> None:
    """``python -m livingdoc features --steps test_examples.py -o ...``: nothing runs."""
    example_project.document_without_run("living-doc")


# --- scenarios and steps -------------------------------------------------------------


@then(parsers.parse('the scenario "{name}" shows as "{status}"'))
def scenario_shows_as(example_project: ExampleProject, name: str, status: str) -> None:
    """The scenario's badge on the page reads the given status."""
    scenario = example_project.page.scenario(name)
    assert scenario.status == status, scenario.status
    assert scenario.badge == status, scenario.badge


@then(parsers.parse('the scenario "{name}" shows as "{status}" with steps:'))
def scenario_shows_steps(
    example_project: ExampleProject, name: str, status: str, datatable: list[list[str]]
) -> None:
    """The scenario's status, and each of its steps' status in order (table: step, status)."""
    scenario_shows_as(example_project, name, status)
    assert example_project.page.scenario(name).steps == datatable[1:]


@then(parsers.parse('the step "{text}" shows the message "{message}"'))
def step_shows_message(example_project: ExampleProject, text: str, message: str) -> None:
    """The failure message appears right under the step that failed."""
    shown = example_project.page.step(text).message
    assert shown is not None, f"step {text!r} shows no message"
    assert message in shown, shown


@then(parsers.parse('the scenario "{name}" shows the reason "{reason}"'))
def scenario_shows_reason(example_project: ExampleProject, name: str, reason: str) -> None:
    """A skipped scenario says why it was skipped."""
    outcome = example_project.page.scenario(name).outcome
    assert outcome is not None, f"scenario {name!r} shows no reason"
    assert outcome.startswith("Reason:"), outcome
    assert reason in outcome, outcome


# --- Gherkin structure ---------------------------------------------------------------


@then(parsers.parse('the feature "{feature}" shows the rule "{rule}"'))
def feature_shows_rule(example_project: ExampleProject, feature: str, rule: str) -> None:
    """The rule appears as a heading inside the feature."""
    headings = example_project.page.feature(feature).rule_headings
    assert f"Rule: {rule}" in headings, headings


@then(parsers.parse('the feature "{feature}" shows a background with the step "{text}"'))
def feature_shows_background(example_project: ExampleProject, feature: str, text: str) -> None:
    """The feature's Background block lists the step."""
    steps = example_project.page.feature(feature).background_steps
    assert steps is not None, "no background shown"
    assert text in steps, steps


@then(parsers.parse('the feature "{feature}" shows "{word}" emphasised in its description'))
def feature_description_markdown(example_project: ExampleProject, feature: str, word: str) -> None:
    """Markdown emphasis in a description is rendered, not shown as asterisks."""
    shown = example_project.page.feature(feature)
    assert word in shown.emphasised_in_description, shown.description_text
    assert f"*{word}*" not in shown.description_text


@then(
    parsers.parse('the outline "{name}" shows the examples "{title}" tagged "{tag}" with results:')
)
def outline_examples(
    example_project: ExampleProject, name: str, title: str, tag: str, datatable: list[list[str]]
) -> None:
    """An Examples table: its title and tag, then each row's values and result."""
    examples = example_project.page.scenario(name).examples(title)
    assert tag in examples.tags
    assert examples.columns == datatable[0][:-1], examples.columns
    assert examples.rows_with_results == datatable[1:], examples.rows_with_results


@then(parsers.parse('the step "{text}" shows the data table:'))
def step_data_table(example_project: ExampleProject, text: str, datatable: list[list[str]]) -> None:
    """The step's data table is shown cell by cell."""
    rows = example_project.page.step(text).data_table
    assert rows is not None, f"step {text!r} shows no table"
    assert rows == datatable, rows


@then(parsers.parse('the step "{text}" shows the doc string "{content}"'))
def step_doc_string(example_project: ExampleProject, text: str, content: str) -> None:
    """The step's doc string is shown verbatim."""
    doc = example_project.page.step(text).doc_string
    assert doc is not None, f"step {text!r} shows no doc string"
    assert doc == content


# --- whole documents -----------------------------------------------------------------


@then("both runs give the same living documentation apart from timings")
def same_documentation(example_project: ExampleProject) -> None:
    """Every outcome, message, step and catalogue entry is identical in both documents."""
    serial = example_project.pages["serial"].outcomes_apart_from_timings()
    parallel = example_project.pages["parallel"].outcomes_apart_from_timings()
    assert parallel["summary"] == serial["summary"]
    assert parallel == serial
    assert sum(serial["summary"].values()) - serial["summary"]["not run"] > 0, serial["summary"]


@then(parsers.parse('the page shows the text "{text}"'))
def page_shows_text(example_project: ExampleProject, text: str) -> None:
    """The text appears on the page as characters a reader sees."""
    assert text in example_project.page.text


@then("the page contains no markup from the feature file")
def no_injected_markup(example_project: ExampleProject) -> None:
    """No element came from a feature: one script (the page's own), no handlers, no images."""
    page = example_project.page
    assert len(page.elements_named("script")) == 1
    assert not page.elements_named("img", "b", "iframe", "object")
    assert not page.event_handler_attributes


@then("the page loads nothing from the network")
def page_is_offline(example_project: ExampleProject) -> None:
    """No stylesheet, script, font or image comes from elsewhere; the page forbids it too."""
    page = example_project.page
    assert not page.remote_references, page.remote_references
    assert not page.linked_resources, page.linked_resources
    assert not page.external_scripts, page.external_scripts
    policies = page.content_security_policies
    assert policies and "default-src 'none'" in policies[0], policies


# --- the step catalogue --------------------------------------------------------------


@then("the step catalogue lists every step definition of the example project")
def catalogue_complete(example_project: ExampleProject) -> None:
    """Each phrase of the example vocabulary is listed once, and nothing else."""
    listed = example_project.page.catalogue_phrases
    assert sorted(listed) == sorted(EXAMPLE_PHRASES), listed


@then(
    parsers.parse(
        'the step catalogue shows the phrase "{pattern}" with the parameter "{parameter}"'
    )
)
def catalogue_parameter(example_project: ExampleProject, pattern: str, parameter: str) -> None:
    """The parameter is highlighted in the phrase and listed under Parameters."""
    entry = example_project.page.catalogue_entry(pattern)
    assert parameter in entry.highlighted_parameters, entry.highlighted_parameters
    assert entry.has_explanation, "the step's docstring is not shown"


@then(parsers.parse('the step catalogue shows the phrase "{pattern}" as used by "{feature_file}"'))
def catalogue_usage(example_project: ExampleProject, pattern: str, feature_file: str) -> None:
    """The catalogue links the phrase to the feature file lines that use it."""
    links = example_project.page.catalogue_entry(pattern).usage_links
    assert links is not None, f"phrase {pattern!r} shows no usage"
    assert any(feature_file in link for link in links), links


@then(parsers.parse('the step catalogue flags the phrase "{pattern}" as unused'))
def catalogue_unused(example_project: ExampleProject, pattern: str) -> None:
    """An unused phrase carries the "unused" badge."""
    entry = example_project.page.catalogue_entry(pattern)
    assert "unused" in entry.badges and entry.marked_unused


@then(parsers.parse('the step catalogue does not flag the phrase "{pattern}" as unused'))
def catalogue_used(example_project: ExampleProject, pattern: str) -> None:
    """A phrase some scenario uses carries no "unused" badge."""
    entry = example_project.page.catalogue_entry(pattern)
    assert "unused" not in entry.badges
    assert not entry.marked_unused


# --- evidence ------------------------------------------------------------------------


@then(parsers.parse('the scenario "{name}" shows the screenshot "{title}"'))
def scenario_screenshot(example_project: ExampleProject, name: str, title: str) -> None:
    """The attached PNG is embedded in the page (a data URI: it works offline)."""
    source = example_project.page.scenario(name).screenshot(title)
    assert source is not None, f"scenario {name!r} shows no screenshot {title!r}"
    assert source.startswith("data:image/png;base64,iVBORw0KGgo"), source[:40]


@then(parsers.parse('the scenario "{name}" shows the text "{title}" reading "{text}"'))
def scenario_text_attachment(
    example_project: ExampleProject, name: str, title: str, text: str
) -> None:
    """An attached text appears with its title."""
    shown = example_project.page.scenario(name).text_attachment(title)
    assert shown is not None, f"scenario {name!r} shows no text {title!r}"
    assert shown == text, shown


@then(parsers.parse('the scenario "{name}" shows the metric "{metric}" of {value:g} "{unit}"'))
def scenario_metric(
    example_project: ExampleProject, name: str, metric: str, value: float, unit: str
) -> None:
    """A recorded metric appears with its value and unit."""
    rows = example_project.page.scenario(name).metrics
    assert [metric, f"{value:g}", unit] in rows, rows


@then(
    phrase(
        'the screenshot "{title:Quoted}" is shown large enough to see, though it is '
        "{width:Number} pixels wide"
    )
)
def screenshot_large_enough(example_project: ExampleProject, title: str, width: int) -> None:
    """A tiny image is drawn several times its size (48 pixels or more on each side)."""
    size = example_project.page.screenshot_size(title)
    assert size is not None, f"no screenshot {title!r} on the page"
    assert min(size) >= 48 and size[0] > width, size


# --- captured output -------------------------------------------------------------------


@then(
    phrase('the scenario "{name:Quoted}" shows its "{stream:Quoted}" reading "{text:Quoted}"')
)
def scenario_output(example_project: ExampleProject, name: str, stream: str, text: str) -> None:
    """What the scenario wrote to stdout, stderr or the log is shown under it."""
    shown = example_project.page.scenario(name).output(stream)
    assert shown is not None, f"scenario {name!r} shows no {stream}"
    assert text in shown, shown


@then(phrase('the scenario "{name:Quoted}" shows its captured output unfolded'))
def scenario_output_unfolded(example_project: ExampleProject, name: str) -> None:
    """A failed scenario's output is open: nobody has to look for it."""
    scenario = example_project.page.scenario(name)
    assert scenario.status == "failed", scenario.status
    assert scenario.output_unfolded, "the captured output is folded"


@then(
    phrase(
        'the scenario "{name:Quoted}" says its "{stream:Quoted}" was cut, keeping "{text:Quoted}"'
    )
)
def scenario_output_cut(example_project: ExampleProject, name: str, stream: str, text: str) -> None:
    """Long output keeps its start and its end, with a note saying how much was cut."""
    scenario = example_project.page.scenario(name)
    note = scenario.output_cut_note(stream)
    assert note is not None and "cut" in note, note
    shown = scenario.output(stream) or ""
    assert text in shown, shown[-300:]


# --- why a scenario failed ---------------------------------------------------------------


@then(phrase('the scenario "{name:Quoted}" is failed and counted as "{kind:Quoted}"'))
def scenario_failure_kind(example_project: ExampleProject, name: str, kind: str) -> None:
    """The scenario's status stays "failed"; its summary says which kind of failure."""
    scenario = example_project.page.scenario(name)
    assert scenario.status == "failed", scenario.status
    assert scenario.failure_kind == kind, scenario.failure_kind


@then(
    phrase(
        "the page counts {assertions:Number} scenario{:s} with an assertion failed and "
        "{broken:Number} broken"
    )
)
def failure_counts(example_project: ExampleProject, assertions: int, broken: int) -> None:
    """The header counts each kind of failure."""
    counts = example_project.page.failure_counts
    assert counts == {"assertion failed": assertions, "broken": broken}, counts


# --- the run's context -------------------------------------------------------------------


@then("the run's context names the machine's cores, Python version and platform")
def run_machine(example_project: ExampleProject) -> None:
    """The machine the run ran on, as this process sees it (the example runs here)."""
    machine = example_project.page.run_context.table("Machine")
    assert machine["cores"] == str(os.cpu_count()), machine
    assert machine["Python"].endswith(platform.python_version()), machine
    assert machine["platform"] == platform.platform(), machine


@then("the run's context lists the installed versions of:")
def run_libraries(example_project: ExampleProject, datatable: list[list[str]]) -> None:
    """Each library's version, as installed (table: library)."""
    libraries = example_project.page.run_context.table("Libraries")
    for (name,) in datatable[1:]:
        assert libraries.get(name) == version(name), libraries


@then("the run's context shows the suite settings:")
def run_settings(example_project: ExampleProject, datatable: list[list[str]]) -> None:
    """What the suite chose to report, by ini key or hook (table: setting, value)."""
    settings = example_project.page.run_context.table("Suite settings")
    assert [[name, value] for name, value in settings.items()] == datatable[1:], settings


@then("the run's context shows when the run started and finished")
def run_times(example_project: ExampleProject) -> None:
    """Start and end, in UTC, in order, within the last minutes."""
    when = example_project.page.run_context.table("When")

    def epoch(text: str) -> float:
        return datetime.strptime(text, "%Y-%m-%d %H:%M:%S UTC").replace(tzinfo=UTC).timestamp()

    started, finished = epoch(when["started"]), epoch(when["finished"])
    assert time.time() - 600 < started <= finished <= time.time() + 1, when


@then(parsers.re(r'every scenario names the worker that ran it, one of (?P<names>".+")'))
def workers_named(example_project: ExampleProject, names: str) -> None:
    """Each scenario run (each Examples row too) says which worker ran it, one of the names
    given ("every scenario names the worker that ran it, one of "gw0" and "gw1"").

    Also matches: any number of workers: "... one of "gw0", "gw1" and "gw2"".
    """
    allowed = set(re.findall(r'"([^"]*)"', names))
    workers = example_project.page.workers_of_scenario_runs
    assert workers and set(workers) <= allowed, workers


@then("the run's timeline shows one lane per worker with the scenarios it ran")
def timeline_lanes(example_project: ExampleProject) -> None:
    """One lane per worker, holding a bar for each scenario run that names it."""
    page = example_project.page
    assert page.run_context.timeline_lanes == dict(Counter(page.workers_of_scenario_runs))


# --- step details --------------------------------------------------------------------------


@then(phrase('the step "{text:Quoted}" shows the parameters:'))
def step_parameters(example_project: ExampleProject, text: str, datatable: list[list[str]]) -> None:
    """Exactly these values, by parameter (table: parameter, value): no fixture among them."""
    assert example_project.page.step(text).parameters == datatable[1:]


@then(phrase('the scenario "{name:Quoted}" shows how long it and each of its steps took'))
def scenario_durations(example_project: ExampleProject, name: str) -> None:
    """Every step that ran has a duration, sub-millisecond ones included; so has the scenario."""
    scenario = example_project.page.scenario(name)
    assert scenario.duration is not None, "the scenario shows no duration"
    ran = [step for step in scenario.step_list if step.status in ("passed", "failed")]
    assert ran, "no step ran"
    durations = [step.duration for step in ran]
    assert all(d and d.endswith(("ms", " s")) for d in durations), durations


# --- names that repeat -------------------------------------------------------------------


@then(phrase('the sidebar lists the features named "{name:Quoted}" with their paths:'))
def sidebar_paths(example_project: ExampleProject, name: str, datatable: list[list[str]]) -> None:
    """Each feature of that name appears in the sidebar with its own path (table: path)."""
    assert example_project.page.sidebar_paths(name) == [row[0] for row in datatable[1:]]


@then(phrase('the scenario "{name:Quoted}" names the tests:'))
def scenario_tests(example_project: ExampleProject, name: str, datatable: list[list[str]]) -> None:
    """Every test that ran the scenario is named (table: test)."""
    shown = example_project.page.scenario(name).test_ids
    assert sorted(shown) == sorted(row[0] for row in datatable[1:]), shown


# --- undefined steps and their suggestions -------------------------------------------------


@when(phrase('the example project\'s feature file "{path:Quoted}" is checked'))
def check_feature(example_project: ExampleProject, path: str) -> None:
    """``python -m livingdoc features/PATH --steps ... --check``: matched, not run."""
    example_project.check("check", path)


@then(
    phrase(
        'the step "{text:Quoted}" is undefined and suggests {count:Number} phrase{:s}, the '
        'nearest "{pattern:Quoted}"'
    )
)
def step_suggestions(example_project: ExampleProject, text: str, count: int, pattern: str) -> None:
    """The undefined step lists that many catalogue phrases, the given one first."""
    step = example_project.page.step(text)
    assert step.status == "undefined", step.status
    suggested = [s.pattern for s in step.suggestions]
    assert len(suggested) == count and suggested[0] == pattern, suggested


@then(
    phrase(
        'the suggestion "{pattern:Quoted}" names its parameter "{name:Quoted}" as a '
        '"{kind:Quoted}" and the example "{example:Quoted}"'
    )
)
def suggestion_details(
    example_project: ExampleProject, pattern: str, name: str, kind: str, example: str
) -> None:
    """A suggested phrase shows its parameters' kinds and a step line that uses it."""
    shown = [
        s for step in example_project.page.steps for s in step.suggestions if s.pattern == pattern
    ]
    assert shown, f"no suggestion {pattern!r} on the page"
    assert [name, kind] in shown[0].parameters, shown[0].parameters
    assert shown[0].example == example, shown[0].example


@then(phrase('the terminal report suggests the same phrases for the step "{text:Quoted}"'))
def terminal_suggestions(example_project: ExampleProject, text: str) -> None:
    """pytest's report of the failure lists the phrases the page shows, in the same order."""
    on_page = [s.pattern for s in example_project.page.step(text).suggestions]
    name = next(reversed(example_project.pages))
    assert example_project.terminal_suggestions(name, text) == on_page


@then("the check fails, listing each undefined step with its nearest phrase:")
def check_fails(example_project: ExampleProject, datatable: list[list[str]]) -> None:
    """Exit status 1; each undefined step by line, with the first phrase suggested for it."""
    output = example_project.outputs["check"]
    assert example_project.exit_codes["check"] == 1, output
    listed = [
        [line, step, suggestions[0]]
        for line, step, suggestions in example_project.checked_steps("check")
    ]
    assert listed == datatable[1:], output


# --- the history of runs -----------------------------------------------------------------


@given(
    phrase('the example project\'s previous run documented the feature file "{path:Quoted}":')
)
def previous_run(example_project: ExampleProject, path: str, docstring: str) -> None:
    """The feature file as it was, run once with the history kept (the previous run)."""
    example_project.features[path] = docstring
    example_project.run("previous", history=True)


@when(
    phrase(
        "the example project's tests run {count:Number} time{:s}, keeping the living "
        "documentation's history"
    )
)
def run_with_history(example_project: ExampleProject, count: int) -> None:
    """Run the example project that many times, each run kept in its history folder ("the
    example project's tests run 3 times, keeping the living documentation's history").

    Also matches: "... run three times, ...", "... run 1 time, ...".
    """
    for number in range(1, count + 1):
        example_project.run(f"run {number}", history=True)


@when(
    phrase(
        "the example project's tests run again on {workers:Number} parallel worker{:s}, "
        "keeping the history"
    )
)
def run_again_in_parallel(example_project: ExampleProject, workers: int) -> None:
    """One more run, on pytest-xdist workers, read against the runs kept before it ("the
    example project's tests run again on 2 parallel workers, keeping the history").

    Also matches: "... again on one parallel worker, ...", "... again on two parallel ...".
    """
    example_project.run("again", "-n", str(workers), subprocess=True, history=True)


@then(phrase('the scenario "{name:Quoted}" shows its last runs, each with its duration:'))
def last_runs(example_project: ExampleProject, name: str, datatable: list[list[str]]) -> None:
    """The runs under the scenario, oldest first (table: run, outcome, then metrics by name)."""
    shown = example_project.page.scenario(name).last_runs
    header, *expected = datatable
    assert len(shown) == len(expected), shown
    for row, wanted in zip(shown, expected, strict=True):
        for column, value in zip(header, wanted, strict=True):
            found = next((v for k, v in row.items() if k.split(" (")[0] == column), None)
            assert found == value, (column, row)
        assert row["duration"].endswith(("ms", " s")), row


@then(
    phrase(
        'the scenario "{name:Quoted}" draws the trend of its "{metric:Quoted}" over '
        "{count:Number} run{:s}"
    )
)
def metric_trend(example_project: ExampleProject, name: str, metric: str, count: int) -> None:
    """A small chart of the metric, one point per kept run ("the scenario "Paying with a
    flaky card reader" draws the trend of its "reader latency" over 3 runs").

    Also matches: "... over three runs", "... over 1 run".
    """
    assert example_project.page.scenario(name).trend_points(metric) == count


@then(
    phrase(
        'the scenario "{name:Quoted}" is marked "{mark:Quoted}", showing "{before:Quoted}" now '
        'reads "{after:Quoted}"'
    )
)
def scenario_changed(
    example_project: ExampleProject, name: str, mark: str, before: str, after: str
) -> None:
    """The chip beside the name, and the step's line as it was and as it is."""
    scenario = example_project.page.scenario(name)
    assert scenario.mark == mark, scenario.mark
    removed, added = scenario.changed_lines
    assert any(line.endswith(before) for line in removed), removed
    assert any(line.endswith(after) for line in added), added


@then(phrase('the scenario "{name:Quoted}" is marked "{mark:Quoted}"'))
def scenario_marked(example_project: ExampleProject, name: str, mark: str) -> None:
    """The chip beside the scenario's name."""
    assert example_project.page.scenario(name).mark == mark


@then(
    phrase(
        'the scenario "{name:Quoted}" is not marked, with {count:Number} run{:s} in its '
        "history"
    )
)
def scenario_unmarked(example_project: ExampleProject, name: str, count: int) -> None:
    """No chip; its runs (the previous one and this one) are listed ("the scenario "Paying
    with an expired card" is not marked, with 2 runs in its history").

    Also matches: "... with two runs in its history", "... with 1 run in its history".
    """
    scenario = example_project.page.scenario(name)
    assert scenario.mark is None, scenario.mark
    assert len(scenario.last_runs) == count, scenario.last_runs


# --- Cucumber Messages ---------------------------------------------------------------------


@when(
    phrase(
        "the example project's tests run on {workers:Number} parallel worker{:s}, also "
        "writing Cucumber Messages"
    )
)
def run_with_messages(example_project: ExampleProject, workers: int) -> None:
    """One run on pytest-xdist workers with ``--living-doc-messages`` as well ("the example
    project's tests run on 2 parallel workers, also writing Cucumber Messages").

    Also matches: "... on one parallel worker, also writing ...", "... on 3 parallel ...".
    """
    example_project.run("messages", "-n", str(workers), subprocess=True, messages=True)


@then("every message the run wrote is valid against the Cucumber Messages schema")
def messages_valid(example_project: ExampleProject) -> None:
    """Each NDJSON line is one envelope the official JSON schema accepts."""
    stream = example_project.messages("messages")
    assert stream.envelopes, "the Messages file is empty"
    assert stream.schema_errors() == []
    kinds = {next(iter(envelope)) for envelope in stream.envelopes}
    assert {"meta", "source", "gherkinDocument", "pickle", "stepDefinition"} <= kinds, kinds
    assert {"testRunStarted", "testCase", "testRunFinished"} <= kinds, kinds


@then("the Cucumber Messages report the test cases:")
def messages_test_cases(example_project: ExampleProject, datatable: list[list[str]]) -> None:
    """Each scenario run once, with Cucumber's status (table: scenario, status); the test
    steps that name no step definition are exactly those no phrase of the example project
    matches."""
    stream = example_project.messages("messages")
    assert sorted(stream.test_case_statuses()) == sorted(tuple(row) for row in datatable[1:])
    unmatched = [text for text in stream.pickle_step_texts()
                 if not any(parse.parse(p, text) for p in EXAMPLE_PHRASES)]
    assert stream.steps_without_definition() == unmatched


@then(
    phrase(
        'the Cucumber Messages attach the screenshot "{title:Quoted}" to the step '
        '"{text:Quoted}"'
    )
)
def messages_screenshot(example_project: ExampleProject, title: str, text: str) -> None:
    """The PNG travels as an attachment of the step that took it."""
    attached = example_project.messages("messages").attachments_of_step(text)
    assert ("image/png", title) in attached, attached
