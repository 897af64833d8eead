"""The few pieces of markup every part of the page shares: escaping, ids, statuses.

Everything that comes from a feature file, a step definition or test output is
escaped with :func:`esc` before it reaches the page; ids are derived with
:func:`slug` so they are stable between runs and safe in attributes.
"""

from __future__ import annotations

import hashlib
import html
import re

from .model import FAILURE_KINDS, NOT_RUN, Scenario

_PARSE_FIELD = re.compile(r"\{\{|\}\}|\{([^{}:]*)(?::[^{}]*)?\}")
_REGEX_GROUP = re.compile(r"\(\?P<(\w+)>(?:[^()\\]|\\.|\((?:[^()\\]|\\.)*\))*\)")

ICONS = {"passed": "✓", "failed": "✗", "skipped": "↷", "undefined": "?", NOT_RUN: "○"}


def esc(value: object) -> str:
    """Escape text for HTML element content and quoted attribute values."""
    return html.escape(str(value), quote=True)


def slug(*parts: object) -> str:
    """A short, stable, HTML-safe id derived from the given parts."""
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:10]
    readable = re.sub(r"[^a-z0-9]+", "-", str(parts[-1]).lower()).strip("-")[:40]
    return f"{readable}-{digest}" if readable else digest


def status_class(status: str) -> str:
    return "st-" + status.replace(" ", "-")


def scenario_anchor(scenario: Scenario) -> str:
    """The id of a scenario's block on the page (links from the timeline land there)."""
    return f"s-{slug(scenario.id, scenario.name)}"


def badge(status: str) -> str:
    return f'<span class="badge {status_class(status)}">{esc(status)}</span>'


def failure_chip(failure: str) -> str:
    """Why a failed scenario or step failed: "assertion failed" or "broken"."""
    if failure not in FAILURE_KINDS:
        return ""
    return f'<span class="kind kind-{esc(failure)}">{esc(FAILURE_KINDS[failure])}</span>'


def duration_text(seconds: float) -> str:
    """A duration as a reader reads it; sub-millisecond ones keep two decimals."""
    milliseconds = seconds * 1000
    if milliseconds < 0.01:
        return "<0.01 ms"
    if milliseconds < 1:
        return f"{milliseconds:.2f} ms"
    if milliseconds < 10:
        return f"{milliseconds:.1f} ms"
    if seconds < 1:
        return f"{milliseconds:.0f} ms"
    return f"{seconds:.2f} s"


def duration(seconds: float) -> str:
    return f'<span class="dur">{duration_text(seconds)}</span>'


def pattern_html(pattern: str, parser: str) -> str:
    """A step phrase with its parameters highlighted, escaped everywhere else."""
    if parser in ("parse", "cfparse"):
        out, last = [], 0
        for match in _PARSE_FIELD.finditer(pattern):
            out.append(esc(pattern[last : match.start()]))
            token = match.group(0)
            if token in ("{{", "}}"):
                out.append(esc(token[0]))
            else:
                name = match.group(1) or "…"
                out.append(f'<span class="param">{esc(name)}</span>')
            last = match.end()
        out.append(esc(pattern[last:]))
        return "".join(out)
    if parser == "re":
        out, last = [], 0
        for match in _REGEX_GROUP.finditer(pattern):
            out.append(esc(pattern[last : match.start()]))
            out.append(f'<span class="param">{esc(match.group(1))}</span>')
            last = match.end()
        out.append(esc(pattern[last:]))
        return f'<span class="regex">{"".join(out)}</span>'
    return esc(pattern)


def definition_anchor(location: str, step_type: str, pattern: str) -> str:
    """The id of a step definition's entry in the catalogue (suggestions link to it)."""
    return f"d-{slug(location, step_type, pattern)}"
