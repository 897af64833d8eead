"""Render a :class:`Document` as one self-contained, offline HTML page.

Server-side rendering with explicit escaping: every string that comes from a
feature file, a step definition or test output goes through :func:`esc` (or the
Markdown renderer, which escapes raw HTML). The page carries its CSS and JS inline
and a Content-Security-Policy that forbids any network access, so it works from a
file share, an e-mail attachment or a CI artifact, with no CDN and no web fonts.
JavaScript only filters and folds what is already there; without it the page is
still complete.
"""

from __future__ import annotations

import base64
import re
import struct
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .html_history import changes_block, history_block, mark_chip, run_strip
from .html_run import run_line, run_section
from .html_suggestions import suggestions_html
from .markdown import render_markdown
from .markup import (
    ICONS,
    badge,
    definition_anchor,
    duration,
    esc,
    failure_chip,
    pattern_html,
    scenario_anchor,
    slug,
    status_class,
)
from .model import (
    FAILED,
    FAILURE_KINDS,
    NOT_RUN,
    STATUSES,
    Attachment,
    Background,
    CapturedOutput,
    Document,
    Examples,
    Feature,
    Metric,
    Rule,
    Scenario,
    ScenarioResult,
    Step,
    StepDefinition,
    StepResult,
    empty_counts,
    feature_statuses,
)
from .suggest import parameters

CSP = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; "
    "script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
)
_BASE64 = re.compile(r"^[A-Za-z0-9+/=\s]*$")
_OUTLINE_PARAM = re.compile(r"&lt;([^&]+?)&gt;")
#: Images smaller than this many pixels on their longer side are scaled up to it.
SMALL_IMAGE = 96
TYPE_TITLES = {"given": "Given", "when": "When", "then": "Then", "step": "Any step"}


def humanize(folder: str) -> str:
    """``living_documentation`` -> ``Living documentation``: folder names, read aloud."""
    words = re.sub(r"[_\-]+", " ", folder).strip()
    return words[:1].upper() + words[1:] if words else folder


@lru_cache(maxsize=2)
def _asset(name: str) -> str:
    return (Path(__file__).parent / "assets" / name).read_text(encoding="utf-8")


def _tags(tags: Iterable[str], css: str = "tags") -> str:
    tags = list(tags)
    if not tags:
        return ""
    chips = "".join(f'<span class="tag">{esc(t)}</span>' for t in tags)
    return f'<span class="{css}">{chips}</span>'


def _counts_bar(counts: dict[str, int], css: str = "bar") -> str:
    total = sum(counts.values())
    if not total:
        return f'<div class="{css} empty"></div>'
    parts = "".join(
        f'<span class="{status_class(s)}" style="width:{100 * n / total:.3f}%" '
        f'title="{n} {esc(s)}"></span>'
        for s, n in counts.items()
        if n
    )
    return f'<div class="{css}" role="img" aria-label="{esc(_counts_text(counts))}">{parts}</div>'


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {s}" for s, n in counts.items() if n) or "no scenarios"


def _count_chips(counts: dict[str, int]) -> str:
    return "".join(
        f'<span class="count {status_class(s)}" title="{esc(s)}">{n}</span>'
        for s, n in counts.items()
        if n
    )


def _table(rows: list[list[str]], css: str = "datatable") -> str:
    if not rows:
        return ""
    head, *body = rows
    thead = "".join(f"<th>{esc(c)}</th>" for c in head)
    tbody = "".join("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in r) + "</tr>" for r in body)
    return f'<table class="{css}"><thead><tr>{thead}</tr></thead><tbody>{tbody}</tbody></table>'


def _doc_string(content: str, media_type: str) -> str:
    label = f'<span class="media">{esc(media_type)}</span>' if media_type else ""
    return f'<div class="docstring">{label}<pre>{esc(content)}</pre></div>'


def _step_text(text: str, outline: bool) -> str:
    escaped = esc(text)
    if outline:
        escaped = _OUTLINE_PARAM.sub(r'<span class="param">&lt;\1&gt;</span>', escaped)
    return escaped


def _spec_step(step: Step, outline: bool = False, status: str | None = None) -> str:
    """A step as written (background, outline template, or a scenario that did not run)."""
    extra = ""
    if step.data_table:
        extra += _table(step.data_table)
    if step.doc_string:
        extra += _doc_string(step.doc_string.content, step.doc_string.media_type)
    if status is None:
        return (
            f'<li class="step spec"><span class="icon"></span><span class="kw">{esc(step.keyword)}'
            f'</span> <span class="text">{_step_text(step.text, outline)}</span>{extra}</li>'
        )
    return (
        f'<li class="step {status_class(status)}" data-status="{esc(status)}">'
        f'<span class="icon" title="{esc(status)}">{ICONS[status]}</span>'
        f'<span class="kw">{esc(step.keyword)}</span> '
        f'<span class="text">{_step_text(step.text, outline)}</span>{extra}</li>'
    )


def png_size(data: str) -> tuple[int, int] | None:
    """Width and height from a base64 PNG's header; None when it is not a PNG."""
    try:
        head = base64.b64decode(data[:32] + "=" * (-len(data[:32]) % 4))
    except ValueError:
        return None
    if len(head) < 24 or not head.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    width, height = struct.unpack(">II", head[16:24])
    return (width, height) if width and height else None


def _image_size(data: str) -> str:
    """Scale a small image up (pixels kept sharp) so it shows; a large one is left alone."""
    size = png_size(data)
    if size is None or max(size) >= SMALL_IMAGE:
        return ""
    scale = -(-SMALL_IMAGE // max(size))  # ceiling division
    return (
        f' class="small" width="{size[0] * scale}" height="{size[1] * scale}" '
        f'title="shown at {scale}× its size ({size[0]}×{size[1]} pixels)"'
    )


def _attachments(items: list[Attachment]) -> str:
    out = []
    for item in items:
        title = f"<figcaption>{esc(item.title)}</figcaption>"
        if item.kind == "image" and _BASE64.match(item.data):
            out.append(
                f'<figure class="attachment image">{title}<img alt="{esc(item.title)}"'
                f'{_image_size(item.data)} src="data:image/png;base64,{item.data}"></figure>'
            )
        else:
            out.append(
                f'<figure class="attachment text">{title}<pre>{esc(item.data)}</pre></figure>'
            )
    return f'<div class="attachments">{"".join(out)}</div>' if out else ""


def _metrics(metrics: list[Metric]) -> str:
    if not metrics:
        return ""
    rows = "".join(
        f'<tr><th scope="row">{esc(m.name)}</th><td class="num">{m.value:g}</td>'
        f"<td>{esc(m.unit)}</td></tr>"
        for m in metrics
    )
    return f'<table class="metrics"><caption>Metrics</caption><tbody>{rows}</tbody></table>'


def _arguments(arguments: dict[str, str]) -> str:
    """What the phrase gave the step's parameters, beside the step."""
    if not arguments:
        return ""
    shown = "".join(
        f'<span class="arg"><span class="arg-name">{esc(name)}</span>'
        f'<span class="arg-value">{esc(value)}</span></span>'
        for name, value in arguments.items()
    )
    return f'<span class="args" title="What the phrase gave the step">{shown}</span>'


def _output(result: ScenarioResult) -> str:
    """What pytest captured while the scenario ran; unfolded when the scenario failed."""
    if not result.output:
        return ""
    streams = ", ".join(dict.fromkeys(o.stream for o in result.output))
    blocks = "".join(_stream(o) for o in result.output)
    unfolded = " open" if result.status == FAILED else ""
    return (
        f'<details class="output"{unfolded}><summary>Captured output '
        f'<span class="streams">{esc(streams)}</span></summary>{blocks}</details>'
    )


def _stream(output: CapturedOutput) -> str:
    cut = (
        f'<p class="cut">{output.cut:,} characters cut from the middle; the start and the '
        "end are shown.</p>"
        if output.cut
        else ""
    )
    return (
        f'<div class="stream" data-stream="{esc(output.stream)}" data-phase="{esc(output.phase)}">'
        f'<h6>{esc(output.stream)} <span class="phase">during {esc(output.phase)}</span></h6>'
        f"{cut}<pre>{esc(output.text)}</pre></div>"
    )


def _facts(result: ScenarioResult) -> str:
    """Which test ran the scenario, on which worker, when: where to look next."""
    tests = "".join(f'<code class="test-id">{esc(t)}</code>' for t in result.test_ids)
    label = "Tests" if len(result.test_ids) > 1 else "Test"
    parts = [f'<span class="tests">{label} {tests}</span>']
    if result.worker:
        parts.append(f'<span class="worker">worker <code>{esc(result.worker)}</code></span>')
    return f'<div class="facts">{"".join(parts)}</div>' if result.test_ids else ""


def _result_step(step: StepResult, result: ScenarioResult) -> str:
    extra = ""
    if step.data_table:
        extra += _table(step.data_table)
    if step.doc_string:
        extra += _doc_string(step.doc_string.content, step.doc_string.media_type)
    if step.message:
        extra += failure_chip(step.failure)
        extra += f'<pre class="message {status_class(step.status)}">{esc(step.message)}</pre>'
    extra += suggestions_html(step.suggestions)
    extra += _attachments([a for a in result.attachments if a.step_line == step.line])
    extra += _metrics([m for m in result.metrics if m.step_line == step.line])
    bg = ' <span class="origin">background</span>' if step.background else ""
    took = duration(step.duration) if step.ran else ""
    return (
        f'<li class="step {status_class(step.status)}{" bg" if step.background else ""}" '
        f'data-status="{esc(step.status)}"><span class="icon" title="{esc(step.status)}">'
        f'{ICONS.get(step.status, "")}</span><span class="kw">{esc(step.keyword)}</span> '
        f'<span class="text">{esc(step.text)}</span>{_arguments(step.arguments)}{bg}{took}'
        f"{extra}</li>"
    )


def _result_body(result: ScenarioResult) -> str:
    steps = "".join(_result_step(s, result) for s in result.steps)
    step_lines = {s.line for s in result.steps}
    loose_attachments = [a for a in result.attachments if a.step_line not in step_lines]
    loose_metrics = [m for m in result.metrics if m.step_line not in step_lines]
    parts = [f'<ol class="steps">{steps}</ol>']
    failing_steps = any(s.message for s in result.steps)
    if result.message and not (failing_steps and result.status in ("failed", "undefined")):
        label = "Reason" if result.status == "skipped" else "Message"
        parts.append(
            f'<div class="outcome {status_class(result.status)}"><strong>{label}:</strong> '
            f"<pre>{esc(result.message)}</pre></div>"
        )
    parts.append(_attachments(loose_attachments))
    parts.append(_metrics(loose_metrics))
    parts.append(_output(result))
    if result.details:
        parts.append(
            '<details class="trace"><summary>Technical details (traceback)</summary>'
            f"<pre>{esc(result.details)}</pre></details>"
        )
    parts.append(_facts(result))
    return "".join(parts)


def _examples(scenario: Scenario, table: Examples, table_index: int) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in table.header)
    rows = []
    for row_index, row in enumerate(table.rows):
        status = row.status
        row_id = f"r-{slug(scenario.id, table_index, row_index)}"
        toggle = (
            f'<button type="button" class="row-toggle" aria-expanded="false" '
            f'aria-controls="{row_id}" title="Show the steps of this example">▸</button>'
            if row.result
            else ""
        )
        cells = "".join(f"<td>{esc(c)}</td>" for c in row.cells)
        took = duration(row.result.duration) if row.result else ""
        rows.append(
            f'<tr class="example {status_class(status)}" data-status="{esc(status)}" '
            f'data-failure="{esc(row.failure)}" data-tags="{esc(" ".join(table.tags))}">'
            f'<td class="st">{toggle}{badge(status)}{failure_chip(row.failure)}{took}'
            f"{run_strip(row.history)}</td>"
            f"{cells}</tr>"
        )
        if row.result:
            rows.append(
                f'<tr class="example-run" id="{row_id}" hidden><td colspan="{len(row.cells) + 1}">'
                f"{_result_body(row.result)}{history_block(row.history)}</td></tr>"
            )
    name = f" {esc(table.name)}" if table.name else ""
    description = (
        f'<div class="description md">{render_markdown(table.description)}</div>'
        if table.description
        else ""
    )
    return (
        f'<div class="examples">{_tags(table.tags)}'
        f'<h5><span class="kw">{esc(table.keyword)}:</span>'
        f"{name}</h5>{description}"
        f'<table class="examples-table"><thead><tr><th class="st">Result</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _scenario(scenario: Scenario, feature: Feature) -> str:
    status = scenario.status
    example_tags = sorted({t for e in scenario.examples for t in e.tags})
    all_tags = " ".join(dict.fromkeys(scenario.all_tags + example_tags))
    description = (
        f'<div class="description md">{render_markdown(scenario.description)}</div>'
        if scenario.description
        else ""
    )
    results = scenario.results()
    took = duration(sum(r.duration for r in results)) if results else ""
    failure = ""
    if scenario.is_outline:
        template = "".join(_spec_step(s, outline=True) for s in scenario.steps)
        body = f'<ol class="steps template">{template}</ol>' + "".join(
            _examples(scenario, t, i) for i, t in enumerate(scenario.examples)
        )
        counts = empty_counts()
        for table in scenario.examples:
            for row in table.rows:
                counts[row.status] += 1
        summary_extra = f'<span class="counts">{_count_chips(counts)}</span>'
    elif scenario.result is not None:
        body = _result_body(scenario.result)
        failure = scenario.result.failure if status == FAILED else ""
        summary_extra = failure_chip(failure)
    else:
        body = (
            '<ol class="steps">'
            + "".join(_spec_step(s, status=NOT_RUN) for s in scenario.steps)
            + "</ol>"
        )
        summary_extra = ""
    history = scenario.history
    mark = history.mark if history is not None else ""
    return (
        f'<details class="scenario {status_class(status)}" id="{scenario_anchor(scenario)}"'
        f' data-status="{esc(status)}" data-failure="{esc(failure)}" data-tags="{esc(all_tags)}"'
        f' data-mark="{esc(mark)}" open><summary>{badge(status)}'
        f'<span class="kw">{esc(scenario.keyword)}:</span> <span class="name">{esc(scenario.name)}'
        f"</span>{mark_chip(history)}{_tags(scenario.tags)}{summary_extra}{took}"
        f"{run_strip(history)}"
        f'<span class="loc">{esc(feature.uri)}:{scenario.line}</span></summary>'
        f'<div class="body">{description}{changes_block(history)}{body}'
        f"{'' if scenario.is_outline else history_block(history)}</div></details>"
    )


def _background(background: Background | None) -> str:
    if background is None:
        return ""
    name = f" {esc(background.name)}" if background.name else ""
    steps = "".join(_spec_step(s) for s in background.steps)
    return (
        f'<div class="background"><h5><span class="kw">{esc(background.keyword)}:</span>{name}'
        f'</h5><ol class="steps">{steps}</ol></div>'
    )


def _rule(rule: Rule, feature: Feature) -> str:
    description = (
        f'<div class="description md">{render_markdown(rule.description)}</div>'
        if rule.description
        else ""
    )
    scenarios = "".join(_scenario(s, feature) for s in rule.scenarios)
    return (
        f'<section class="rule">{_tags(rule.tags)}<h4><span class="kw">{esc(rule.keyword)}:</span> '
        f"{esc(rule.name)}</h4>{description}{_background(rule.background)}{scenarios}</section>"
    )


def feature_id(feature: Feature) -> str:
    return "f-" + slug(feature.uri, feature.name or feature.uri)


def _feature(feature: Feature) -> str:
    counts = empty_counts()
    for status in feature_statuses(feature):
        counts[status] += 1
    error = (
        '<pre class="message st-failed">Could not parse this file: '
        f"{esc(feature.parse_error)}</pre>"
        if feature.parse_error
        else ""
    )
    description = (
        f'<div class="description md">{render_markdown(feature.description)}</div>'
        if feature.description
        else ""
    )
    scenarios = "".join(_scenario(s, feature) for s in feature.scenarios)
    rules = "".join(_rule(r, feature) for r in feature.rules)
    return (
        f'<article class="feature" id="{feature_id(feature)}">'
        f'<header class="feature-head">{_tags(feature.tags)}'
        f'<h3><span class="kw">{esc(feature.keyword)}:</span> {esc(feature.name)}</h3>'
        f'<div class="feature-meta"><span class="loc">{esc(feature.uri)}</span>'
        f'<span class="counts">{_count_chips(counts)}</span></div>{_counts_bar(counts)}</header>'
        f'{error}<div class="feature-text">{description}</div>{_background(feature.background)}'
        f"{scenarios}{rules}</article>"
    )


class _Node:
    """A capability folder: sub-capabilities and the features directly inside it."""

    def __init__(self, name: str, path: tuple[str, ...]) -> None:
        self.name = name
        self.path = path
        self.children: dict[str, _Node] = {}
        self.features: list[Feature] = []

    def counts(self) -> dict[str, int]:
        counts = empty_counts()
        for feature in self.all_features():
            for status in feature_statuses(feature):
                counts[status] += 1
        return counts

    def all_features(self) -> list[Feature]:
        found = list(self.features)
        for child in self.children.values():
            found.extend(child.all_features())
        return found


def capability_tree(features: list[Feature]) -> _Node:
    root = _Node("", ())
    for feature in features:
        node = root
        for part in feature.capability:
            node = node.children.setdefault(part, _Node(part, (*node.path, part)))
        node.features.append(feature)
    return root


def repeated_names(features: Iterable[Feature]) -> set[str]:
    """Feature names that more than one file uses (the sidebar adds their paths)."""
    seen = Counter((f.name or f.uri).casefold() for f in features)
    return {name for name, count in seen.items() if count > 1}


def _nav(node: _Node, repeated: set[str]) -> str:
    items = []
    for feature in node.features:
        status = _feature_status(feature)
        name = feature.name or feature.uri
        path = (
            f'<span class="nav-path">{esc(feature.uri)}</span>'
            if name.casefold() in repeated
            else ""
        )
        items.append(
            f'<li class="nav-feature" data-feature="{feature_id(feature)}">'
            f'<a href="#{feature_id(feature)}"><span class="dot {status_class(status)}" '
            f'title="{esc(status)}"></span><span class="nav-name">{esc(name)}{path}</span></a></li>'
        )
    for child in node.children.values():
        items.append(
            f'<li class="nav-cap" data-cap="cap-{slug(*child.path)}"><details open><summary>'
            f'<a href="#cap-{slug(*child.path)}">{esc(humanize(child.name))}</a>'
            f'<span class="counts">{_count_chips(child.counts())}</span></summary>'
            f"<ul>{_nav(child, repeated)}</ul></details></li>"
        )
    return "".join(items)


def _feature_status(feature: Feature) -> str:
    statuses = feature_statuses(feature)
    for status in STATUSES:
        if status in statuses and status != NOT_RUN:
            return status
    return NOT_RUN


def _capabilities(node: _Node, depth: int = 0) -> str:
    out = []
    if node.features:
        out.append("".join(_feature(f) for f in node.features))
    for child in node.children.values():
        counts = child.counts()
        level = min(depth + 2, 4)
        out.append(
            f'<section class="capability depth-{depth}" id="cap-{slug(*child.path)}">'
            f'<header class="cap-head"><h{level}>{esc(humanize(child.name))}</h{level}>'
            f'<span class="loc">{esc("/".join(child.path))}</span>'
            f'<span class="counts">{_count_chips(counts)}</span>'
            f"{_counts_bar(counts)}</header>{_capabilities(child, depth + 1)}</section>"
        )
    return "".join(out)


def phrase_html(definition: StepDefinition) -> str:
    """The step's phrase with its parameters highlighted, escaped everywhere else."""
    return pattern_html(definition.pattern, definition.parser)


def _usage_link(uri: str, features_by_uri: dict[str, Feature]) -> str:
    feature = features_by_uri.get(uri)
    return f"#{feature_id(feature)}" if feature else "#"


def _catalogue(document: Document) -> str:
    if not document.catalogue_available:
        return (
            '<section id="catalogue" class="catalogue"><h2>Step catalogue</h2>'
            '<p class="note">The step catalogue needs the step definitions: generate this '
            "page from a pytest run (<code>pytest --living-doc=PATH</code>) or pass the step "
            "modules (<code>python -m livingdoc features/ --steps steps/</code>).</p></section>"
        )
    features_by_uri = {f.uri: f for f in document.features}
    definitions = document.step_definitions
    unused = sum(1 for d in definitions if not d.usages)
    groups = []
    for step_type, title in TYPE_TITLES.items():
        members = [d for d in definitions if d.type == step_type]
        if not members:
            continue
        cards = []
        for d in members:
            keyword = title if step_type != "step" else "Given/When/Then"
            params = (
                "".join(
                    f'<span class="param" title="{esc(p.kind)}">{esc(p.name)}</span>'
                    f'<span class="sg-kind">{esc(p.kind)}</span>'
                    for p in parameters(d)
                )
                if d.parameters
                else '<span class="none">none</span>'
            )
            doc = f'<div class="doc">{esc(d.docstring)}</div>' if d.docstring else ""
            if d.usages:
                uses = "".join(
                    f'<li><a href="{_usage_link(u.uri, features_by_uri)}">{esc(u.uri)}:{u.line}</a>'
                    f' <span class="example">{esc(u.text)}</span></li>'
                    for u in d.usages
                )
                usage = (
                    f'<details class="usages"><summary>Used by {len(d.usages)} '
                    f"step{'s' if len(d.usages) != 1 else ''}</summary><ul>{uses}</ul></details>"
                )
            else:
                usage = '<span class="badge unused">unused</span>'
            target = (
                f"<dt>Provides</dt><dd><code>{esc(d.target_fixture)}</code></dd>"
                if d.target_fixture
                else ""
            )
            cards.append(
                f'<article class="stepdef{" is-unused" if not d.usages else ""}" '
                f'id="{definition_anchor(d.location, d.type, d.pattern)}" '
                f'data-type="{esc(d.type)}" data-pattern="{esc(d.pattern)}" '
                f'data-used="{len(d.usages)}">'
                f'<div class="phrase"><span class="kw">{esc(keyword)}</span> {phrase_html(d)}</div>'
                f"{doc}<dl><dt>Parameters</dt><dd>{params}</dd>{target}"
                f"<dt>Defined in</dt><dd><code>{esc(d.location)}</code> "
                f'<span class="fn">{esc(d.function)}</span></dd></dl>{usage}</article>'
            )
        groups.append(
            f'<div class="stepgroup"><h3>{esc(title)} <span class="n">{len(members)}</span></h3>'
            f"{''.join(cards)}</div>"
        )
    return (
        '<section id="catalogue" class="catalogue"><h2>Step catalogue</h2>'
        f'<p class="note">{len(definitions)} step definitions, {unused} unused. Write new '
        "scenarios with these phrases: highlighted words are parameters.</p>"
        f"{''.join(groups)}</section>"
    )


def _failure_counts(failures: dict[str, int]) -> str:
    """The header's split of the failed scenarios: assertion failed apart from broken."""
    chips = "".join(
        f'<span class="kind-count kind-{esc(kind)}" data-failure="{esc(kind)}" '
        f'title="failed: {esc(FAILURE_KINDS[kind])}"><span class="n">{n}</span> '
        f"{esc(FAILURE_KINDS[kind])}</span>"
        for kind, n in failures.items()
    )
    return f'<div class="kinds" aria-label="Failed scenarios by kind">{chips}</div>'


def _filters(document: Document, counts: dict[str, int]) -> str:
    statuses = "".join(
        f'<label class="chip {status_class(s)}"><input type="checkbox" data-filter-status="'
        f'{esc(s)}" checked><span>{esc(s)}</span><span class="n">{counts[s]}</span></label>'
        for s in STATUSES
    )
    failures = document.failure_counts()
    kinds = "".join(
        f'<label class="chip kind-{esc(kind)}"><input type="checkbox" data-filter-failure="'
        f'{esc(kind)}" checked><span>{esc(FAILURE_KINDS[kind])}</span>'
        f'<span class="n">{n}</span></label>'
        for kind, n in failures.items()
    )
    tags: set[str] = set()
    for feature in document.features:
        for scenario in feature.all_scenarios():
            tags.update(scenario.all_tags)
            for table in scenario.examples:
                tags.update(table.tags)
    tag_chips = "".join(
        f'<button type="button" class="chip tag" data-filter-tag="{esc(t)}" aria-pressed="false">'
        f"{esc(t)}</button>"
        for t in sorted(tags, key=str.lower)
    )
    return (
        '<div class="filters"><input type="search" id="ld-search" autocomplete="off" '
        'placeholder="Search features, scenarios, steps…  ( / )" aria-label="Search">'
        f'<div class="filter-group" aria-label="Status">{statuses}</div>'
        + (
            f'<div class="filter-group kinds-filter" aria-label="Failed because">'
            f'<span class="group-label">Failed because</span>{kinds}</div>'
            if document.run is not None
            else ""
        )
        + (
            f'<div class="filter-group tags-filter" aria-label="Tags">{tag_chips}</div>'
            if tags
            else ""
        )
        + _changed_filter(document)
        + '<div class="filter-actions"><span id="ld-shown"></span>'
        '<button type="button" id="ld-expand">Expand all</button>'
        '<button type="button" id="ld-collapse">Collapse all</button>'
        '<button type="button" id="ld-reset">Reset</button></div></div>'
    )


def _changed_filter(document: Document) -> str:
    """A switch showing only what is new or changed since the previous run (with a history)."""
    if len(document.history_runs) < 2:
        return ""
    marks = document.mark_counts()
    return (
        '<div class="filter-group marks-filter" aria-label="Since the previous run">'
        '<span class="group-label">Since the previous run</span>'
        '<button type="button" class="chip" id="ld-changed" aria-pressed="false">'
        f'only new and changed<span class="n">{sum(marks.values())}</span></button></div>'
    )


def _mark_counts(document: Document) -> str:
    """The header's count of scenarios new and changed since the previous run."""
    if len(document.history_runs) < 2:
        return ""
    marks = document.mark_counts()
    chips = "".join(
        f'<span class="mark-count mark-{esc(mark)}" data-mark="{esc(mark)}"><span class="n">'
        f"{n}</span> {esc(mark)}</span>"
        for mark, n in marks.items()
    )
    runs = len(document.history_runs)
    return (
        f'<div class="marks" title="Compared with the previous of {runs} kept runs">{chips}'
        '<span class="since">since the previous run</span></div>'
    )


def render_html(document: Document) -> str:
    """The whole page as a string."""
    counts = document.scenario_counts()
    tree = capability_tree(document.features)
    features = len(document.features)
    kinds = _failure_counts(document.failure_counts()) if document.run is not None else ""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="livingdoc"><title>{esc(document.title)}</title>'
        f"<style>{_asset('report.css')}</style></head><body>"
        f'<header class="top"><div class="brand"><h1>{esc(document.title)}</h1>'
        f'<p class="meta">Generated {esc(document.generated_at)} · {features} feature'
        f"{'s' if features != 1 else ''} · {sum(counts.values())} scenarios · "
        f"{esc(run_line(document))}</p></div>"
        f'<div class="summary"><div class="statuses">{_count_chips(counts)}'
        f'{_counts_bar(counts, "bar big")}</div>{kinds}{_mark_counts(document)}</div>'
        "</header>"
        '<div class="layout"><nav class="sidebar" aria-label="Capabilities">'
        f'<h2 class="nav-title">Capabilities</h2>'
        f'<ul class="tree">{_nav(tree, repeated_names(document.features))}</ul>'
        + ('<a class="nav-run" href="#run">Run context</a>' if document.run is not None else "")
        + f'<a class="nav-catalogue" href="#catalogue">Step catalogue '
        f'<span class="n">{len(document.step_definitions)}</span></a></nav>'
        f"<main>{run_section(document)}{_filters(document, counts)}"
        f'<div id="ld-features">{_capabilities(tree)}</div>'
        '<p id="ld-nothing" class="note" hidden>No scenario matches the search and filters.</p>'
        f"{_catalogue(document)}</main></div>"
        f"<script>{_asset('report.js')}</script></body></html>"
    )
