"""The history's part of the page: last runs, trends, and what changed since the previous run.

Under each scenario's name, one square per kept run (oldest first, this run last)
tells at a glance whether it was stable; the scenario's body lists the runs with
their durations and metrics and draws each number's trend as a small inline SVG
(no library, nothing fetched). A scenario new or changed since the previous run
carries a chip, and a changed one shows its Gherkin's changed lines.
"""

from __future__ import annotations

from datetime import UTC, datetime
from difflib import unified_diff

from .markup import badge, duration_text, esc, status_class
from .model import CHANGED, History, RunPoint

MARK_TITLES = {
    "new": "Not in the previous run",
    CHANGED: "Its steps, tables or Examples differ from the previous run's",
}
SPARK_WIDTH, SPARK_HEIGHT, SPARK_PAD = 120, 28, 4


def _when(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d %H:%M UTC")


def _label(point: RunPoint, last: int) -> str:
    return "this run" if point.run == last else f"run {point.run}"


def mark_chip(history: History | None) -> str:
    """"new" or "changed" beside a scenario's name; nothing otherwise."""
    if history is None or not history.mark:
        return ""
    return (
        f'<span class="mark mark-{esc(history.mark)}" title="{esc(MARK_TITLES[history.mark])}">'
        f"{esc(history.mark)}</span>"
    )


def run_strip(history: History | None) -> str:
    """One square per kept run, coloured by its outcome; none for a single run."""
    if history is None or len(history.runs) < 2:
        return ""
    last = history.runs[-1].run
    squares = "".join(
        f'<span class="run-sq {status_class(p.status)}" title="{esc(_label(p, last))}, '
        f'{esc(_when(p.started))}: {esc(p.status)}, {duration_text(p.duration)}"></span>'
        for p in history.runs
    )
    label = f"Outcomes of the last {len(history.runs)} runs"
    return f'<span class="runs" aria-label="{label}">{squares}</span>'


def sparkline(values: list[float], label: str, statuses: list[str] | None = None) -> str:
    """A small line of ``values`` (oldest left), with a dot per value; no axes, no library."""
    if len(values) < 2:
        return ""
    low, high = min(values), max(values)
    spread = (high - low) or 1.0
    step = (SPARK_WIDTH - 2 * SPARK_PAD) / (len(values) - 1)
    points = [
        (
            SPARK_PAD + index * step,
            SPARK_HEIGHT - SPARK_PAD - (value - low) / spread * (SPARK_HEIGHT - 2 * SPARK_PAD)
            if high > low
            else SPARK_HEIGHT / 2,
        )
        for index, value in enumerate(values)
    ]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    dots = "".join(
        f'<circle class="{status_class(statuses[i]) if statuses else "pt"}" cx="{x:.1f}" '
        f'cy="{y:.1f}" r="2.2"></circle>'
        for i, (x, y) in enumerate(points)
    )
    return (
        f'<svg class="spark" viewBox="0 0 {SPARK_WIDTH} {SPARK_HEIGHT}" width="{SPARK_WIDTH}" '
        f'height="{SPARK_HEIGHT}" role="img" aria-label="{esc(label)}" '
        f'data-points="{len(values)}"><polyline points="{line}"></polyline>{dots}</svg>'
    )


def _number(value: float) -> str:
    return f"{value:.4g}"


def _trend(name: str, unit: str, runs: list[RunPoint]) -> str:
    measured = [p for p in runs if name in p.metrics]
    values = [p.metrics[name] for p in measured]
    shown = " → ".join(_number(v) for v in values[-5:])
    label = f"{name}: {', '.join(_number(v) for v in values)} {unit}".strip()
    return (
        f'<div class="trend" data-metric="{esc(name)}"><span class="trend-name">{esc(name)}</span>'
        f"{sparkline(values, label, [p.status for p in measured])}"
        f'<span class="trend-values">{esc(shown)} {esc(unit)}</span></div>'
    )


def history_block(history: History | None) -> str:
    """The last runs as a table (outcome, duration, each metric) and their trends."""
    if history is None or len(history.runs) < 2:
        return ""
    runs = history.runs
    last = runs[-1].run
    metrics: dict[str, str] = {}
    for point in runs:
        for name in point.metrics:
            metrics.setdefault(name, point.units.get(name, ""))
    head = "".join(
        f"<th>{esc(name)}{f' ({esc(unit)})' if unit else ''}</th>" for name, unit in metrics.items()
    )
    rows = "".join(
        f'<tr class="{status_class(p.status)}"><td>{esc(_label(p, last))}</td>'
        f"<td>{esc(_when(p.started))}</td><td>{badge(p.status)}</td>"
        f'<td class="num">{duration_text(p.duration)}</td>'
        + "".join(
            f'<td class="num">{_number(p.metrics[name]) if name in p.metrics else "–"}</td>'
            for name in metrics
        )
        + "</tr>"
        for p in runs
    )
    trends = _trend_duration(runs) + "".join(_trend(n, u, runs) for n, u in metrics.items())
    return (
        f'<details class="history"><summary>Last {len(runs)} runs '
        f"{run_strip(history)}</summary>"
        f'<div class="trends">{trends}</div>'
        f'<table class="history-runs"><thead><tr><th>run</th><th>started</th><th>outcome</th>'
        f"<th>duration</th>{head}</tr></thead><tbody>{rows}</tbody></table></details>"
    )


def _trend_duration(runs: list[RunPoint]) -> str:
    values = [p.duration for p in runs]
    label = "duration: " + ", ".join(duration_text(v) for v in values)
    return (
        f'<div class="trend" data-metric="duration"><span class="trend-name">duration</span>'
        f"{sparkline(values, label, [p.status for p in runs])}"
        f'<span class="trend-values">{esc(" → ".join(duration_text(v) for v in values[-5:]))}'
        "</span></div>"
    )


def changes_block(history: History | None) -> str:
    """The lines of a changed scenario's Gherkin that differ from the previous run's."""
    if history is None or history.mark != CHANGED:
        return ""
    lines: list[str] = []
    for line in list(unified_diff(history.before, history.now, lineterm="", n=1))[2:]:
        if line.startswith("@@"):
            if lines:
                lines.append('<span class="hunk">…</span>')
        elif line.startswith("-"):
            lines.append(f'<del class="was">{esc(line[1:])}</del>')
        elif line.startswith("+"):
            lines.append(f'<ins class="now">{esc(line[1:])}</ins>')
        else:
            lines.append(f'<span class="same">{esc(line[1:])}</span>')
    return (
        '<div class="changes"><h6>Changed since the previous run</h6>'
        f'<div class="diff">{"".join(lines)}</div></div>'
    )
