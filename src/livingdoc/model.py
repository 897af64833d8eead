"""The living-documentation model: what the features say, joined with what happened.

The same plain dataclasses travel through the whole plugin: the Gherkin reader fills
the specification side, the run fills the ``result`` fields, the HTML renderer reads
them and the JSON export is simply ``to_dict``. Keeping them free of pytest objects
is what lets results cross process boundaries (pytest-xdist) and lets the document be
built without any run at all.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

PASSED = "passed"
FAILED = "failed"
SKIPPED = "skipped"
UNDEFINED = "undefined"
NOT_RUN = "not run"

#: Display order, and precedence when several outcomes are folded into one:
#: the first status present wins (a failed step makes its scenario failed).
STATUSES: tuple[str, ...] = (FAILED, UNDEFINED, SKIPPED, PASSED, NOT_RUN)

#: Why a scenario failed. An assertion failed: the product did not do what the
#: scenario says (an ``AssertionError``, ``pytest.fail``). Broken: the suite or its
#: harness could not check it (any other exception, a timeout, a fixture that is
#: missing or fails). Those who keep the suite green read the two differently.
ASSERTION = "assertion"
BROKEN = "broken"
FAILURE_KINDS: dict[str, str] = {ASSERTION: "assertion failed", BROKEN: "broken"}


def worst_status(statuses: list[str]) -> str:
    """Fold outcomes into one, the way a reader expects: any failure dominates.

    An empty list, or only "not run" entries, gives "not run"; otherwise the status
    listed first in :data:`STATUSES` that is present wins.
    """
    present = set(statuses)
    for status in STATUSES:
        if status in present:
            return status
    return NOT_RUN


def empty_counts() -> dict[str, int]:
    """Counts keyed by every status, so templates never miss a key."""
    return dict.fromkeys(STATUSES, 0)


@dataclass
class DocString:
    """A step's doc string (``\"\"\"`` block) with its optional media type."""

    content: str
    media_type: str = ""


@dataclass
class Step:
    """A step as written in the feature file (specification only, no outcome)."""

    keyword: str
    keyword_type: str
    type: str
    text: str
    line: int
    data_table: list[list[str]] | None = None
    doc_string: DocString | None = None


@dataclass
class Attachment:
    """Evidence a step definition attached: a PNG screenshot or a piece of text."""

    kind: str  # "image" or "text"
    title: str
    data: str  # base64 PNG for images, the text itself otherwise
    step_line: int | None = None


@dataclass
class Metric:
    """A number a step definition measured, shown under its scenario."""

    name: str
    value: float
    unit: str = ""
    step_line: int | None = None


@dataclass
class CapturedOutput:
    """What one stream (stdout, stderr, log) received during one pytest phase.

    ``cut`` counts the characters left out of the middle when the text was longer
    than the recorder keeps; the page says so.
    """

    stream: str  # "stdout", "stderr" or "log"
    phase: str  # "setup", "call" or "teardown"
    text: str
    cut: int = 0


@dataclass
class Parameter:
    """One parameter of a step phrase: its name and the kind of value it takes."""

    name: str
    kind: str  # as a reader says it: "whole number", "text", or the suite's own type name


@dataclass
class Suggestion:
    """A catalogue phrase close to a step no definition matches: what would match.

    ``similarity`` is between 0 and 1 (1: the same words). ``example`` is a step
    line that already uses the phrase (``example_at`` says where), so a product
    owner can copy working wording; both are empty for a phrase nobody uses yet.
    """

    type: str  # given / when / then / step (any)
    pattern: str
    parser: str
    parameters: list[Parameter] = field(default_factory=list)
    example: str = ""
    example_at: str = ""
    location: str = ""
    similarity: float = 0.0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Suggestion:
        return cls(**{**data, "parameters": [Parameter(**p) for p in data.get("parameters", [])]})


@dataclass
class StepResult:
    """One step as it was executed (text rendered with the example's values).

    ``arguments`` are the values the step's phrase gave its parameters (shown as
    text), never the fixtures the step function also received. ``ran`` tells a
    step that started (it has a duration, however short) from one that did not;
    ``started`` is when (epoch seconds). An undefined step carries the catalogue
    phrases nearest to it in ``suggestions``.
    """

    keyword: str
    text: str
    line: int
    status: str = NOT_RUN
    duration: float = 0.0
    message: str = ""
    background: bool = False
    data_table: list[list[str]] | None = None
    doc_string: DocString | None = None
    arguments: dict[str, str] = field(default_factory=dict)
    failure: str = ""  # ASSERTION or BROKEN when the step failed
    ran: bool = False
    started: float = 0.0
    suggestions: list[Suggestion] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StepResult:
        doc = data.get("doc_string")
        return cls(
            **{
                **data,
                "doc_string": DocString(**doc) if doc else None,
                "suggestions": [Suggestion.from_dict(s) for s in data.get("suggestions", [])],
            }
        )


@dataclass
class ScenarioResult:
    """The outcome of one executed scenario (or one Examples row of an outline).

    ``nodeid`` is the test whose outcome is shown; ``also_run_by`` lists the other
    tests that bind the same scenario (two test modules calling ``scenarios()`` on
    one folder). ``worker`` is the pytest-xdist worker that ran it ("" in a serial
    run); ``started`` and ``finished`` are epoch seconds, for the timeline.
    """

    status: str = NOT_RUN
    nodeid: str = ""
    duration: float = 0.0
    message: str = ""
    details: str = ""
    steps: list[StepResult] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    failure: str = ""  # ASSERTION or BROKEN when the scenario failed
    output: list[CapturedOutput] = field(default_factory=list)
    worker: str = ""
    started: float = 0.0
    finished: float = 0.0
    also_run_by: list[str] = field(default_factory=list)
    failed_in: str = ""

    @property
    def test_ids(self) -> list[str]:
        """Every test that ran this scenario, the one shown first."""
        return [i for i in (self.nodeid, *self.also_run_by) if i]


NEW = "new"
CHANGED = "changed"


@dataclass
class RunPoint:
    """What one run (a kept past one, or this one) did to one scenario or Examples row."""

    run: int  # 1 for the oldest run kept, counting up to this run
    started: float  # the run's start, epoch seconds
    status: str = NOT_RUN
    duration: float = 0.0
    failure: str = ""
    metrics: dict[str, float] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)


@dataclass
class History:
    """A scenario's (or row's) last runs, oldest first, this run last, and what changed.

    ``mark`` is NEW when the previous run did not have the scenario, CHANGED when
    its Gherkin (steps, tables, doc strings, Examples) differs from the previous
    run's; ``before`` and ``now`` are that Gherkin as lines, kept for a changed one.
    """

    runs: list[RunPoint] = field(default_factory=list)
    mark: str = ""
    before: list[str] = field(default_factory=list)
    now: list[str] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> History | None:
        if data is None:
            return None
        return cls(**{**data, "runs": [RunPoint(**r) for r in data.get("runs", [])]})


@dataclass
class ExampleRow:
    """One row of an Examples table; an outline runs once per row."""

    line: int
    cells: list[str]
    result: ScenarioResult | None = None
    history: History | None = None

    @property
    def status(self) -> str:
        return self.result.status if self.result else NOT_RUN

    @property
    def failure(self) -> str:
        return self.result.failure if self.result else ""


@dataclass
class Examples:
    """An Examples table with its own name and tags."""

    keyword: str
    name: str
    description: str
    tags: list[str]
    line: int
    header: list[str]
    rows: list[ExampleRow] = field(default_factory=list)


@dataclass
class Scenario:
    """A Scenario or Scenario Outline with its result(s)."""

    id: str
    keyword: str
    name: str
    description: str
    tags: list[str]
    line: int
    steps: list[Step] = field(default_factory=list)
    examples: list[Examples] = field(default_factory=list)
    result: ScenarioResult | None = None
    #: Tags inherited from the feature and rule (for filtering), own tags first.
    all_tags: list[str] = field(default_factory=list)
    history: History | None = None

    @property
    def is_outline(self) -> bool:
        return bool(self.examples)

    @property
    def status(self) -> str:
        """One status for the whole scenario; for an outline, the fold of its rows."""
        if self.is_outline:
            rows = [row.status for table in self.examples for row in table.rows]
            return worst_status(rows) if any(s != NOT_RUN for s in rows) else NOT_RUN
        return self.result.status if self.result else NOT_RUN

    def results(self) -> list[ScenarioResult]:
        """Every result of the scenario: one, or one per Examples row that ran."""
        if self.is_outline:
            return [r.result for t in self.examples for r in t.rows if r.result is not None]
        return [self.result] if self.result is not None else []


@dataclass
class Background:
    """Steps that run before every scenario of a feature or rule."""

    keyword: str
    name: str
    description: str
    line: int
    steps: list[Step] = field(default_factory=list)


@dataclass
class Rule:
    """A business rule grouping scenarios that illustrate it."""

    keyword: str
    name: str
    description: str
    tags: list[str]
    line: int
    background: Background | None = None
    scenarios: list[Scenario] = field(default_factory=list)


@dataclass
class Feature:
    """A feature file; ``capability`` is its folder path under the features root."""

    uri: str
    capability: list[str]
    keyword: str
    name: str
    description: str
    tags: list[str]
    language: str
    line: int
    background: Background | None = None
    scenarios: list[Scenario] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    parse_error: str = ""

    def all_scenarios(self) -> list[Scenario]:
        """Scenarios in file order, those inside rules included."""
        found = list(self.scenarios)
        for rule in self.rules:
            found.extend(rule.scenarios)
        return found


@dataclass
class StepUsage:
    """Where a step definition is used: one step line in one feature file."""

    uri: str
    line: int
    text: str


@dataclass
class StepDefinition:
    """A step definition, as a product owner needs it to write a new scenario.

    ``parameter_types`` holds each phrase parameter's type as the phrase writes it
    (``d`` in ``{count:d}``, a suite's own ``Money``; "" for plain text).
    """

    type: str  # given / when / then / step (any)
    pattern: str
    parser: str
    parameters: list[str]
    docstring: str
    function: str
    location: str
    target_fixture: str = ""
    usages: list[StepUsage] = field(default_factory=list)
    parameter_types: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> StepDefinition:
        return cls(**{**data, "usages": [StepUsage(**u) for u in data.get("usages", [])]})

    @property
    def key(self) -> tuple[str, str, str]:
        """Identity across processes: the same definition seen by two workers merges."""
        return (self.location, self.type, self.pattern)


@dataclass
class RunContext:
    """The run a document reports on: when it ran, where, and with what.

    ``machine`` (cores, Python, platform), ``libraries`` (distribution -> version)
    and ``settings`` (what the suite chose to report: a profile, a database kind)
    are name -> text, in the order they are shown. Times are epoch seconds.
    """

    started: float = 0.0
    finished: float = 0.0
    exit_status: int = 0
    workers: int = 0
    collect_only: bool = False
    tests: int = 0
    machine: dict[str, str] = field(default_factory=dict)
    libraries: dict[str, str] = field(default_factory=dict)
    settings: dict[str, str] = field(default_factory=dict)

    @property
    def duration(self) -> float:
        return max(0.0, self.finished - self.started) if self.started else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "duration": self.duration}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunContext:
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class Document:
    """Everything the HTML page and the JSON export show (``run`` is None without a run)."""

    title: str
    generated_at: str
    features: list[Feature] = field(default_factory=list)
    step_definitions: list[StepDefinition] = field(default_factory=list)
    catalogue_available: bool = False
    run: RunContext | None = None
    #: The start (epoch seconds) of each run the history kept, oldest first, this one last;
    #: empty without ``--living-doc-history``.
    history_runs: list[float] = field(default_factory=list)

    def mark_counts(self) -> dict[str, int]:
        """How many scenarios are new, and how many changed, since the previous run."""
        counts = {NEW: 0, CHANGED: 0}
        for feature in self.features:
            for scenario in feature.all_scenarios():
                if scenario.history is not None and scenario.history.mark in counts:
                    counts[scenario.history.mark] += 1
        return counts

    def scenario_counts(self) -> dict[str, int]:
        """How many scenarios (outline rows counted one by one) end in each status."""
        counts = empty_counts()
        for feature in self.features:
            for status in feature_statuses(feature):
                counts[status] += 1
        return counts

    def failure_counts(self) -> dict[str, int]:
        """How many failed scenarios (outline rows one by one) are of each failure kind."""
        counts = dict.fromkeys(FAILURE_KINDS, 0)
        for feature in self.features:
            for scenario in feature.all_scenarios():
                for result in scenario.results():
                    if result.status == FAILED and result.failure in counts:
                        counts[result.failure] += 1
        return counts

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy, with the derived statuses written out for consumers."""
        data = asdict(self)
        for feature_data, feature in zip(data["features"], self.features, strict=True):
            scenarios = feature.all_scenarios()
            flat = list(feature_data["scenarios"])
            for rule in feature_data["rules"]:
                flat.extend(rule["scenarios"])
            for scenario_data, scenario in zip(flat, scenarios, strict=True):
                scenario_data["status"] = scenario.status
        data["summary"] = self.scenario_counts()
        data["failures"] = self.failure_counts()
        data["run"] = self.run.to_dict() if self.run is not None else {}
        return data


def feature_statuses(feature: Feature) -> list[str]:
    """One status per executable example: each outline row counts on its own."""
    statuses: list[str] = []
    for scenario in feature.all_scenarios():
        if scenario.is_outline:
            statuses.extend(row.status for table in scenario.examples for row in table.rows)
        else:
            statuses.append(scenario.status)
    return statuses


def _doc_string(data: dict[str, Any] | None) -> DocString | None:
    return DocString(**data) if data else None


def _step(data: dict[str, Any]) -> Step:
    return Step(**{**data, "doc_string": _doc_string(data.get("doc_string"))})


def _result(data: dict[str, Any] | None) -> ScenarioResult | None:
    if data is None:
        return None
    return ScenarioResult(
        **{
            **data,
            "steps": [StepResult.from_dict(s) for s in data.get("steps", [])],
            "attachments": [Attachment(**a) for a in data.get("attachments", [])],
            "metrics": [Metric(**m) for m in data.get("metrics", [])],
            "output": [CapturedOutput(**o) for o in data.get("output", [])],
        }
    )


def _scenario(data: dict[str, Any]) -> Scenario:
    values = {k: v for k, v in data.items() if k != "status"}
    values["steps"] = [_step(s) for s in data.get("steps", [])]
    values["result"] = _result(data.get("result"))
    values["history"] = History.from_dict(data.get("history"))
    values["examples"] = [
        Examples(
            **{
                **e,
                "rows": [
                    ExampleRow(
                        line=r["line"],
                        cells=r["cells"],
                        result=_result(r.get("result")),
                        history=History.from_dict(r.get("history")),
                    )
                    for r in e.get("rows", [])
                ],
            }
        )
        for e in data.get("examples", [])
    ]
    return Scenario(**values)


def _background(data: dict[str, Any] | None) -> Background | None:
    if data is None:
        return None
    return Background(**{**data, "steps": [_step(s) for s in data.get("steps", [])]})


def document_from_dict(data: dict[str, Any]) -> Document:
    """Rebuild a :class:`Document` from its JSON export (inverse of ``to_dict``)."""
    features = []
    for f in data.get("features", []):
        features.append(
            Feature(
                **{
                    **f,
                    "background": _background(f.get("background")),
                    "scenarios": [_scenario(s) for s in f.get("scenarios", [])],
                    "rules": [
                        Rule(
                            **{
                                **r,
                                "background": _background(r.get("background")),
                                "scenarios": [_scenario(s) for s in r.get("scenarios", [])],
                            }
                        )
                        for r in f.get("rules", [])
                    ],
                }
            )
        )
    definitions = [StepDefinition.from_dict(d) for d in data.get("step_definitions", [])]
    return Document(
        title=data["title"],
        generated_at=data["generated_at"],
        features=features,
        step_definitions=definitions,
        catalogue_available=data.get("catalogue_available", False),
        run=RunContext.from_dict(data["run"]) if data.get("run") else None,
        history_runs=data.get("history_runs", []),
    )
