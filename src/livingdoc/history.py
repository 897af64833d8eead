"""Keep each run's results in a folder, and join the last runs into the document.

A review starts from what changed: which scenarios are new, which were edited,
which started failing, which got slower. ``--living-doc-history=DIR`` keeps one
small JSON file per run in DIR (the last 20 by default, the oldest removed) with
each scenario's and Examples row's outcome, duration and metrics, and each
scenario's Gherkin as lines. Scenarios are known across runs by feature file,
rule and name (lines move when a file is edited), rows by their cells.

The process that writes the document (the xdist controller, or the only process)
reads the folder, attaches a :class:`History` to every scenario and row, then
adds this run's file.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .model import (
    CHANGED,
    NEW,
    Background,
    Document,
    Feature,
    History,
    RunPoint,
    Scenario,
    ScenarioResult,
    Step,
)

FORMAT = 1
DEFAULT_KEEP = 20
_PREFIX = "run-"


@dataclass
class Outcome:
    """One scenario or Examples row in one kept run, as stored."""

    status: str
    duration: float = 0.0
    failure: str = ""
    metrics: dict[str, float] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    gherkin: list[str] = field(default_factory=list)  # scenarios only; rows share it


@dataclass
class RunRecord:
    """One run's file in the history folder."""

    started: float
    finished: float = 0.0
    exit_status: int = 0
    workers: int = 0
    outcomes: dict[str, Outcome] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, **asdict(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RunRecord:
        if data.get("format") != FORMAT:
            raise ValueError(f"history format {data.get('format')!r} is not {FORMAT}")
        return cls(
            started=float(data["started"]),
            finished=float(data.get("finished", 0.0)),
            exit_status=int(data.get("exit_status", 0)),
            workers=int(data.get("workers", 0)),
            outcomes={k: Outcome(**v) for k, v in data.get("outcomes", {}).items()},
        )

    @property
    def file_name(self) -> str:
        stamp = datetime.fromtimestamp(self.started, UTC).strftime("%Y%m%dT%H%M%S.%fZ")
        return f"{_PREFIX}{stamp}-{os.getpid()}.json"


class HistoryStore:
    """The folder of kept runs: read them, add one, remove the oldest beyond ``keep``."""

    def __init__(self, folder: Path, keep: int = DEFAULT_KEEP) -> None:
        self.folder = Path(folder)
        self.keep = max(1, int(keep))

    def _files(self) -> list[Path]:
        return sorted(self.folder.glob(f"{_PREFIX}*.json")) if self.folder.is_dir() else []

    def load(self) -> list[RunRecord]:
        """The kept runs, oldest first; a file that is not a run's record is left alone."""
        records = []
        for path in self._files():
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
                records.append(RunRecord.from_dict(json.loads(path.read_text(encoding="utf-8"))))
        return sorted(records, key=lambda r: r.started)

    def save(self, record: RunRecord) -> Path:
        """Add this run's record, then keep only the last ``keep`` runs."""
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / record.file_name
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps(record.to_dict(), ensure_ascii=False), encoding="utf-8")
        temporary.replace(path)  # a reader never sees half a file
        dated = []
        for kept in self._files():
            with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
                data = json.loads(kept.read_text(encoding="utf-8"))
                dated.append((float(data["started"]), kept))
        for _, old in sorted(dated)[: max(0, len(dated) - self.keep)]:
            old.unlink(missing_ok=True)
        return path


# --- what a run did, keyed so the next run finds it ----------------------------------------


def _step_lines(steps: list[Step], prefix: str = "") -> list[str]:
    lines = []
    for step in steps:
        lines.append(f"{prefix}{step.keyword} {step.text}")
        for row in step.data_table or []:
            lines.append(f"{prefix}  | " + " | ".join(row) + " |")
        if step.doc_string is not None:
            lines.append(f'{prefix}  """{step.doc_string.media_type}')
            lines.extend(f"{prefix}  {line}" for line in step.doc_string.content.splitlines())
            lines.append(f'{prefix}  """')
    return lines


def gherkin_lines(scenario: Scenario, backgrounds: list[Background]) -> list[str]:
    """What a scenario runs, as lines: the backgrounds' steps, its steps, its Examples.

    Its name, description and tags are left out: they do not change what is checked.
    """
    lines = []
    for background in backgrounds:
        lines.extend(_step_lines(background.steps, "Background: "))
    lines.extend(_step_lines(scenario.steps))
    for table in scenario.examples:
        lines.append(f"Examples: {table.name}".rstrip())
        rows = [table.header, *(row.cells for row in table.rows)]
        lines.extend("  | " + " | ".join(cells) + " |" for cells in rows)
    return lines


def keyed_scenarios(
    features: list[Feature],
) -> list[tuple[str, Scenario, list[Background]]]:
    """Every scenario with its key (file, rule, name) and the backgrounds that apply."""
    found = []
    seen: Counter[str] = Counter()
    for feature in features:
        groups = [("", None, feature.scenarios)]
        groups += [(rule.name, rule.background, rule.scenarios) for rule in feature.rules]
        for rule_name, rule_background, scenarios in groups:
            backgrounds = [b for b in (feature.background, rule_background) if b is not None]
            for scenario in scenarios:
                key = " :: ".join(part for part in (feature.uri, rule_name, scenario.name) if part)
                seen[key] += 1
                if seen[key] > 1:
                    key = f"{key} #{seen[key]}"
                found.append((key, scenario, backgrounds))
    return found


def keyed_rows(key: str, scenario: Scenario) -> list[tuple[str, Any]]:
    """Every Examples row of an outline with its key (the scenario's, then its cells)."""
    found = []
    seen: Counter[str] = Counter()
    for table in scenario.examples:
        for row in table.rows:
            row_key = f"{key} :: " + " | ".join(row.cells)
            seen[row_key] += 1
            found.append((row_key if seen[row_key] == 1 else f"{row_key} #{seen[row_key]}", row))
    return found


def _outcome(results: list[ScenarioResult], status: str) -> Outcome:
    metrics: dict[str, float] = {}
    units: dict[str, str] = {}
    for result in results:
        for metric in result.metrics:
            metrics[metric.name] = metric.value
            units[metric.name] = metric.unit
    failures = [r.failure for r in results if r.failure]
    return Outcome(
        status=status,
        duration=sum(r.duration for r in results),
        failure=failures[0] if failures else "",
        metrics=metrics,
        units=units,
    )


def run_record(document: Document) -> RunRecord:
    """This run's record: every scenario's and row's outcome, every scenario's Gherkin."""
    run = document.run
    record = RunRecord(
        started=run.started if run else 0.0,
        finished=run.finished if run else 0.0,
        exit_status=run.exit_status if run else 0,
        workers=run.workers if run else 0,
    )
    for key, scenario, backgrounds in keyed_scenarios(document.features):
        outcome = _outcome(scenario.results(), scenario.status)
        outcome.gherkin = gherkin_lines(scenario, backgrounds)
        record.outcomes[key] = outcome
        for row_key, row in keyed_rows(key, scenario):
            results = [row.result] if row.result is not None else []
            record.outcomes[row_key] = _outcome(results, row.status)
    return record


# --- the kept runs, joined into the document -------------------------------------------------


def _history(key: str, records: list[RunRecord]) -> History:
    runs = []
    for number, record in enumerate(records, 1):
        outcome = record.outcomes.get(key)
        if outcome is not None:
            runs.append(
                RunPoint(
                    run=number,
                    started=record.started,
                    status=outcome.status,
                    duration=outcome.duration,
                    failure=outcome.failure,
                    metrics=dict(outcome.metrics),
                    units=dict(outcome.units),
                )
            )
    return History(runs=runs)


def attach_history(document: Document, kept: list[RunRecord], current: RunRecord) -> None:
    """Give every scenario and row its last runs, and mark what the previous run lacked.

    With no earlier run nothing is marked: on the first run everything would be new.
    """
    records = [*kept, current]
    previous = kept[-1] if kept else None
    document.history_runs = [record.started for record in records]
    for key, scenario, _ in keyed_scenarios(document.features):
        history = _history(key, records)
        before = previous.outcomes.get(key) if previous is not None else None
        now = current.outcomes[key].gherkin
        if previous is not None and before is None:
            history.mark = NEW
        elif before is not None and before.gherkin != now:
            history.mark, history.before, history.now = CHANGED, before.gherkin, now
        scenario.history = history
        for row_key, row in keyed_rows(key, scenario):
            row.history = _history(row_key, records)
