"""The run's part of the page: what ran it, when, where, and a timeline of workers.

Product owners read the features; those who keep the suite green also need the
run itself: the machine and library versions (to compare a red run with a green
one), the settings the suite chose to report, start and end time, and under
pytest-xdist which worker ran which scenario, drawn as one lane per worker.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, datetime

from .markup import duration_text, esc, scenario_anchor, status_class
from .model import Document, RunContext, Scenario, ScenarioResult

#: Narrowest bar drawn on the timeline (percent of its lane): short scenarios stay visible.
MIN_BAR = 0.15
SERIAL_LANE = "main process"


def _clock(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def run_line(document: Document) -> str:
    """The one-line summary of the run under the page's title."""
    run = document.run
    if run is None:
        return "Features only: nothing has been run, every scenario shows “not run”."
    if run.collect_only:
        return "Collected without running: every scenario shows “not run”."
    parts = [f"{run.tests} scenario runs in {run.duration:.1f} s"]
    if run.workers:
        parts.append(f"{run.workers} parallel workers")
    return " · ".join(parts)


def _pairs(title: str, pairs: dict[str, str], css: str, empty: str = "") -> str:
    if not pairs:
        return f'<div class="ctx {css}"><h4>{esc(title)}</h4><p class="note">{empty}</p></div>'
    rows = "".join(
        f'<tr><th scope="row">{esc(name)}</th><td>{esc(value)}</td></tr>'
        for name, value in pairs.items()
    )
    return f'<div class="ctx {css}"><h4>{esc(title)}</h4><table><tbody>{rows}</tbody></table></div>'


def _when(run: RunContext) -> dict[str, str]:
    facts = {}
    if run.started:
        facts["started"] = _clock(run.started)
    if run.finished:
        facts["finished"] = _clock(run.finished)
    facts["duration"] = duration_text(run.duration)
    facts["tests"] = str(run.tests)
    facts["workers"] = str(run.workers) if run.workers else "none (one process)"
    facts["exit status"] = str(run.exit_status)
    return facts


def timed_results(document: Document) -> list[tuple[Scenario, ScenarioResult, str]]:
    """Every result with a start and an end, with the name a reader knows it by."""
    found = []
    for feature in document.features:
        for scenario in feature.all_scenarios():
            if scenario.is_outline:
                for table in scenario.examples:
                    for row in table.rows:
                        if row.result is not None and row.result.started:
                            label = f"{scenario.name} [{' | '.join(row.cells)}]"
                            found.append((scenario, row.result, label))
            elif scenario.result is not None and scenario.result.started:
                found.append((scenario, scenario.result, scenario.name))
    return found


def _lane_order(worker: str) -> tuple[int, str]:
    number = re.search(r"\d+$", worker)
    return (int(number.group()) if number else -1, worker)


def timeline(document: Document) -> str:
    """One lane per worker; each scenario a bar from its setup to its teardown."""
    timed = timed_results(document)
    if not timed:
        return ""
    start = min(result.started for _, result, _ in timed)
    end = max(max(result.finished, result.started) for _, result, _ in timed)
    span = max(end - start, 1e-6)
    lanes: dict[str, list[tuple[Scenario, ScenarioResult, str]]] = defaultdict(list)
    for entry in timed:
        lanes[entry[1].worker or SERIAL_LANE].append(entry)
    rows = []
    for worker in sorted(lanes, key=_lane_order):
        bars = []
        busy = 0.0
        for scenario, result, label in sorted(lanes[worker], key=lambda e: e[1].started):
            length = max(result.finished - result.started, 0.0)
            busy += length
            left = 100 * (result.started - start) / span
            width = max(100 * length / span, MIN_BAR)
            bars.append(
                f'<a class="tl-bar {status_class(result.status)}" '
                f'href="#{scenario_anchor(scenario)}" style="left:{left:.3f}%;width:{width:.3f}%"'
                f' title="{esc(label)} · {esc(result.status)} · {duration_text(length)}"></a>'
            )
        count = len(lanes[worker])
        rows.append(
            f'<div class="tl-lane" data-worker="{esc(worker)}"><span class="tl-name">'
            f'{esc(worker)}</span><div class="tl-track">{"".join(bars)}</div>'
            f'<span class="tl-sum">{count} scenario{"s" if count != 1 else ""}, busy '
            f"{duration_text(busy)}</span></div>"
        )
    return (
        '<div class="ctx timeline"><h4>Timeline</h4>'
        f'<p class="note">From {esc(_clock(start))} to {esc(_clock(end))} '
        f"({duration_text(end - start)}): each bar is one scenario, from its setup to its "
        "teardown; the bars link to the scenarios.</p>"
        f'{"".join(rows)}</div>'
    )


def run_section(document: Document) -> str:
    """The run's context, folded under its summary line; nothing without a run."""
    run = document.run
    if run is None:
        return ""
    settings_hint = (
        "None reported. A suite reports its settings through the <code>living_doc_context"
        "</code> ini key or the <code>pytest_livingdoc_context</code> hook."
    )
    machine = run.machine
    summary = " · ".join(
        part
        for part in (
            _clock(run.started) if run.started else "",
            f"Python {machine['Python']}" if machine.get("Python") else "",
            machine.get("platform", ""),
            f"{run.workers} workers" if run.workers else "",
        )
        if part
    )
    return (
        '<details class="run" id="run"><summary><strong>Run context</strong> '
        f'<span class="run-summary">{esc(summary)}</span></summary><div class="run-body">'
        f"{_pairs('When', _when(run), 'when')}"
        f"{_pairs('Machine', machine, 'machine')}"
        f"{_pairs('Libraries', run.libraries, 'libraries')}"
        f"{_pairs('Suite settings', run.settings, 'settings', settings_hint)}"
        f"</div>{timeline(document)}</details>"
    )
