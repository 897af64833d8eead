"""The pytest plugin: options, pytest-bdd hooks, the ``living_doc`` fixture, the writer.

Flow of data, and why it works under pytest-xdist:

* each process that runs tests records steps into the item's stash (pytest-bdd hooks);
* ``pytest_runtest_makereport`` copies the record into a plain dict on the report
  (``report.livingdoc``), which pytest's report serialisation carries to the xdist
  controller like any other report attribute (made explicit by the
  ``pytest_report_to/from_serializable`` wrappers below);
* the step catalogue is built where step definitions are collected and travels back
  in ``config.workeroutput``;
* the process that sees every report (the controller, or the only process) joins it
  all with the freshly parsed feature files at session finish and writes the files.
"""

from __future__ import annotations

import json
import time
from collections.abc import Generator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd.scenario import scenario_wrapper_template_registry
from pytest_bdd.utils import registry_get_safe

from . import hooks
from .catalogue import build_catalogue, step_contexts
from .check import undefined_step_text
from .context import CORE_LIBRARIES, library_versions, machine, merge_settings, parse_settings
from .document import DocumentBuilder
from .gherkin_reader import relative_uri
from .history import DEFAULT_KEEP, HistoryStore
from .model import FAILED, PASSED, UNDEFINED, RunContext, StepDefinition
from .recorder import (
    LivingDoc,
    Recording,
    describe_exception,
    failure_kind,
    phase_payload,
    phrase_arguments,
)
from .vocabulary import Vocabulary

RECORDING = pytest.StashKey[Recording]()
BUILDER = pytest.StashKey[DocumentBuilder]()
VOCABULARY = pytest.StashKey[Vocabulary]()
#: The title of the part of a failure's report that lists the nearest phrases.
SUGGESTIONS_SECTION = "Nearest step phrases"
PAYLOAD_ATTRIBUTE = "livingdoc"
WORKER_OUTPUT_KEY = "livingdoc_catalogue"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("livingdoc", "living documentation (offline HTML)")
    group.addoption(
        "--living-doc",
        dest="living_doc",
        metavar="PATH",
        default=None,
        help="write the living documentation (one offline HTML file) to PATH; "
        "the joined model is written next to it as JSON (same name, .json)",
    )
    group.addoption(
        "--living-doc-json",
        dest="living_doc_json",
        metavar="PATH",
        default=None,
        help="write the joined model as JSON to PATH instead of next to the HTML",
    )
    group.addoption(
        "--living-doc-features",
        dest="living_doc_features",
        metavar="PATH",
        action="append",
        default=[],
        help="feature files or folders to document (repeatable); default: the "
        "bdd_features_base_dir ini value, else every *.feature under the rootdir",
    )
    group.addoption(
        "--living-doc-title",
        dest="living_doc_title",
        metavar="TEXT",
        default=None,
        help="title of the living documentation",
    )
    group.addoption(
        "--living-doc-messages",
        dest="living_doc_messages",
        metavar="PATH",
        default=None,
        help="with --living-doc, also write the run as Cucumber Messages (NDJSON) to PATH, for "
        "Cucumber's report tools",
    )
    group.addoption(
        "--living-doc-history",
        dest="living_doc_history",
        metavar="DIR",
        default=None,
        help="keep each run's results in DIR; the page then shows each scenario's last runs "
        "and marks what is new or changed since the previous run",
    )
    group.addoption(
        "--living-doc-history-keep",
        dest="living_doc_history_keep",
        metavar="N",
        type=int,
        default=None,
        help=f"how many runs the history keeps (default {DEFAULT_KEEP})",
    )
    parser.addini("living_doc", "path of the living documentation HTML file", default="")
    parser.addini("living_doc_json", "path of the living documentation JSON file", default="")
    parser.addini("living_doc_features", "feature files or folders to document", type="paths")
    parser.addini("living_doc_title", "title of the living documentation", default="")
    parser.addini("living_doc_messages", "path of the Cucumber Messages (NDJSON) file", default="")
    parser.addini("living_doc_history", "folder that keeps each run's results", default="")
    parser.addini(
        "living_doc_history_keep", f"how many runs the history keeps ({DEFAULT_KEEP})", default=""
    )
    parser.addini(
        "living_doc_versions",
        "distributions whose installed versions the run's context lists, beside pytest "
        "and pytest-bdd (one per line)",
        type="linelist",
    )
    parser.addini(
        "living_doc_context",
        "suite settings the run's context lists, one 'name: value' per line (a suite "
        "can also implement the pytest_livingdoc_context hook)",
        type="linelist",
    )


def pytest_addhooks(pluginmanager: pytest.PytestPluginManager) -> None:
    pluginmanager.add_hookspecs(hooks)


def _is_worker(config: pytest.Config) -> bool:
    return hasattr(config, "workerinput")


def _resolve(config: pytest.Config, value: str | None) -> Path | None:
    if not value:
        return None
    path = Path(value).expanduser()
    return path if path.is_absolute() else Path(config.invocation_params.dir) / path


def _feature_roots(config: pytest.Config) -> list[Path]:
    cli = [_resolve(config, p) for p in config.getoption("living_doc_features") or []]
    roots = [p for p in cli if p is not None] or list(config.getini("living_doc_features"))
    if not roots:
        base = config.getini("bdd_features_base_dir")
        if base:
            roots = [config.rootpath / str(base)]
    return roots


def _history_store(config: pytest.Config) -> HistoryStore | None:
    """Where the runs are kept, if the suite asked for a history."""
    folder = _resolve(
        config, config.getoption("living_doc_history") or config.getini("living_doc_history")
    )
    if folder is None:
        return None
    keep = config.getoption("living_doc_history_keep") or config.getini("living_doc_history_keep")
    return HistoryStore(folder, int(keep or DEFAULT_KEEP))


def pytest_configure(config: pytest.Config) -> None:
    """Set up a builder only when a document was asked for (option or ini)."""
    html = config.getoption("living_doc") or config.getini("living_doc")
    if not html:
        return
    json_path = config.getoption("living_doc_json") or config.getini("living_doc_json")
    html_path = _resolve(config, html)
    assert html_path is not None
    builder = config.stash[BUILDER] = DocumentBuilder(
        rootdir=config.rootpath,
        roots=_feature_roots(config),
        html_path=html_path,
        json_path=_resolve(config, json_path) or html_path.with_suffix(".json"),
        title=config.getoption("living_doc_title") or config.getini("living_doc_title") or "",
        history=_history_store(config),
        messages_path=_resolve(
            config, config.getoption("living_doc_messages") or config.getini("living_doc_messages")
        ),
    )
    config.pluginmanager.register(LivingDocSession(config, builder), "livingdoc-session")


def _recording(item: pytest.Item) -> Recording:
    recording = item.stash.get(RECORDING, None)
    if recording is None:
        recording = item.stash[RECORDING] = Recording()
    return recording


@pytest.fixture
def living_doc(request: pytest.FixtureRequest) -> LivingDoc:
    """Attach screenshots, text and metrics to the running scenario's documentation.

    Works whether or not ``--living-doc`` is active, so step definitions can always use it.
    """
    return LivingDoc(_recording(request.node))


# --- pytest-bdd hooks: one per moment of a scenario's life -----------------------------


def pytest_bdd_before_scenario(request: pytest.FixtureRequest, feature: Any, scenario: Any) -> None:
    _recording(request.node).start_scenario(scenario)


def pytest_bdd_before_step(
    request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, step_func: Any
) -> None:
    _recording(request.node).start_step(step)


def pytest_bdd_after_step(
    request: pytest.FixtureRequest,
    feature: Any,
    scenario: Any,
    step: Any,
    step_func: Any,
    step_func_args: dict[str, Any],
) -> None:
    _recording(request.node).finish_step(
        step, PASSED, arguments=phrase_arguments(step, step_func, step_func_args)
    )


def pytest_bdd_step_error(
    request: pytest.FixtureRequest,
    feature: Any,
    scenario: Any,
    step: Any,
    step_func: Any,
    step_func_args: dict[str, Any],
    exception: BaseException,
) -> None:
    _recording(request.node).finish_step(
        step,
        FAILED,
        describe_exception(exception),
        arguments=phrase_arguments(step, step_func, step_func_args),
        failure=failure_kind(exception),
    )


def vocabulary(session: pytest.Session) -> Vocabulary:
    """The session's step definitions, described once (from the catalogue if one was built)."""
    found = session.config.stash.get(VOCABULARY, None)
    if found is None:
        found = session.config.stash[VOCABULARY] = Vocabulary(
            step_contexts(session._fixturemanager),
            session.config.rootpath,
            _feature_roots(session.config),
        )
    return found


def pytest_bdd_step_func_lookup_error(
    request: pytest.FixtureRequest, feature: Any, scenario: Any, step: Any, exception: BaseException
) -> None:
    """An undefined step: record it with the catalogue phrases nearest to it."""
    _recording(request.node).finish_step(
        step,
        UNDEFINED,
        f"No step definition matches this {step.type} step.",
        suggestions=vocabulary(request.node.session).suggest(step.type, step.name),
    )


def _explain_undefined_step(report: pytest.TestReport, recording: Recording | None) -> None:
    """Add the nearest phrases to the terminal's report of a scenario with an undefined step.

    They go into the failure's own report (its long representation), which pytest
    prints under the traceback and pytest-xdist carries from the worker.
    """
    if recording is None or report.when != "call" or not report.failed:
        return
    step = next((s for s in recording.steps if s.status == UNDEFINED), None)
    if step is None:
        return
    text = undefined_step_text(step.keyword, step.text, step.suggestions)
    if hasattr(report.longrepr, "addsection"):
        report.longrepr.addsection(SUGGESTIONS_SECTION, text)
    else:
        report.sections.append((SUGGESTIONS_SECTION, text))


# --- reports: attach the record, carry it across processes, collect it -----------------


def scenario_key(item: pytest.Item, rootdir: Path) -> dict[str, Any] | None:
    """Which scenario (and Examples row) a test item runs, or None for plain tests."""
    template = registry_get_safe(scenario_wrapper_template_registry, getattr(item, "obj", None))
    if template is None:
        return None
    callspec = getattr(item, "callspec", None)
    row = callspec.indices.get("_pytest_bdd_example") if callspec is not None else None
    return {
        "uri": relative_uri(Path(template.feature.filename), rootdir),
        "line": template.line_number,
        "row": row if template.templated else None,
    }


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    _explain_undefined_step(report, item.stash.get(RECORDING, None))
    if BUILDER not in item.config.stash:
        return report
    key = scenario_key(item, item.config.rootpath)
    if key is not None:
        exception = call.excinfo.value if call.excinfo is not None else None
        payload = phase_payload(key, report, item.stash.get(RECORDING, None), exception)
        setattr(report, PAYLOAD_ATTRIBUTE, payload)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_report_to_serializable(
    config: pytest.Config, report: Any
) -> Generator[None, dict[str, Any] | None, dict[str, Any] | None]:
    data = yield
    payload = getattr(report, PAYLOAD_ATTRIBUTE, None)
    if data is not None and payload is not None:
        data[PAYLOAD_ATTRIBUTE] = payload
    return data


@pytest.hookimpl(wrapper=True)
def pytest_report_from_serializable(
    config: pytest.Config, data: dict[str, Any]
) -> Generator[None, Any, Any]:
    report = yield
    if report is not None and PAYLOAD_ATTRIBUTE in data:
        setattr(report, PAYLOAD_ATTRIBUTE, data[PAYLOAD_ATTRIBUTE])
    return report


class LivingDocSession:
    """Per-run part of the plugin, registered only when a document was asked for.

    An object per ``Config`` (rather than module state) keeps nested runs apart:
    the acceptance suite runs example suites in-process with pytester.
    """

    def __init__(self, config: pytest.Config, builder: DocumentBuilder) -> None:
        self.config = config
        self.builder = builder
        self.worker = _is_worker(config)

    def pytest_sessionstart(self, session: pytest.Session) -> None:
        self.builder.started = time.time()

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        payload = getattr(report, PAYLOAD_ATTRIBUTE, None)
        if payload is not None and not self.worker:
            self.builder.add_payload(payload)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        """Build the step catalogue where the step definitions are: after collection."""
        contexts = step_contexts(session._fixturemanager)
        catalogue = build_catalogue(contexts, self.builder.read_features(), self.config.rootpath)
        self.config.stash[VOCABULARY] = Vocabulary(
            contexts, self.config.rootpath, _feature_roots(self.config), catalogue
        )
        if self.worker:
            self.config.workeroutput[WORKER_OUTPUT_KEY] = json.dumps(  # type: ignore[attr-defined]
                [asdict(d) for d in catalogue]
            )
        else:
            self.builder.add_catalogue(catalogue)

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node: Any, error: object | None) -> None:
        """xdist controller: a worker finished; take its step catalogue."""
        raw = getattr(node, "workeroutput", {}).get(WORKER_OUTPUT_KEY)
        if not raw:
            return
        self.builder.add_catalogue([StepDefinition.from_dict(d) for d in json.loads(raw)])

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if self.worker:
            return
        self.builder.run = self.run_context(int(exitstatus))
        self.builder.write()

    def run_context(self, exit_status: int) -> RunContext:
        """When, where and with what this run ran (tests are counted by the builder)."""
        config = self.config
        workers = int(getattr(config.option, "numprocesses", 0) or 0)
        extra = ["pytest-xdist"] if workers else []
        return RunContext(
            started=self.builder.started,
            finished=time.time(),
            exit_status=exit_status,
            workers=workers,
            collect_only=bool(config.getoption("collectonly", False)),
            machine=machine(),
            libraries=library_versions(
                [*CORE_LIBRARIES, *extra, *config.getini("living_doc_versions")]
            ),
            settings=merge_settings(
                [
                    parse_settings(config.getini("living_doc_context")),
                    *config.hook.pytest_livingdoc_context(config=config),
                ]
            ),
        )

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        if self.builder.written:
            terminalreporter.write_sep("-", f"living documentation: {self.builder.html_path}")
            terminalreporter.write_line(f"joined model (JSON): {self.builder.json_path}")
            if self.builder.messages_path is not None:
                terminalreporter.write_line(
                    f"Cucumber Messages (NDJSON): {self.builder.messages_path}"
                )


__all__ = ["LivingDocSession", "living_doc"]
