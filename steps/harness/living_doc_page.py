"""The generated living documentation, read the way its reader reads it.

A page object: steps ask it about features, scenarios, steps, evidence and the
step catalogue in the words a reader would use, and get back plain text, lists
and statuses. How the page marks those up (the classes and elements livingdoc
writes) is known here only. The page is parsed into the element tree a browser
builds (``html_tree``); the JSON model written beside it is read as well, for
comparing whole documents.
"""

from __future__ import annotations

import base64
import json
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from steps.harness.html_tree import Element, parse_html


def _cells(table: Element) -> list[list[str]]:
    """A table's rows, each as its header and data cells' text."""
    return [
        [cell.clean_text() for cell in row.all() if cell.tag in ("th", "td")]
        for row in table.all("tr")
    ]


def _text_of(container: Element, cls: str) -> str:
    found = container.first("", cls)
    return found.clean_text() if found is not None else ""


def _step_texts(container: Element) -> list[str]:
    return [
        text.clean_text()
        for step in container.all("li", "step")
        if (text := step.first("span", "text")) is not None
    ]


@dataclass(frozen=True)
class SuggestionOnPage:
    """A catalogue phrase the page suggests under an undefined step."""

    element: Element

    @property
    def pattern(self) -> str:
        """The phrase as its step definition writes it."""
        return self.element.attrs.get("data-pattern", "")

    @property
    def parameters(self) -> list[list[str]]:
        """Each parameter as ``[name, kind]`` ("count", "whole number")."""
        return [
            [_text_of(param, "arg-name"), _text_of(param, "sg-kind")]
            for param in self.element.all("span", "sg-param")
        ]

    @property
    def example(self) -> str | None:
        """The step line shown as an example of the phrase in use; None when none is."""
        quote = self.element.first("q")
        return quote.clean_text() if quote is not None else None


@dataclass(frozen=True)
class StepOnPage:
    """One step as the page shows it: its text, and what is shown under it."""

    element: Element

    @property
    def message(self) -> str | None:
        """The failure message shown under the step, if any."""
        shown = self.element.first("pre", "message")
        return shown.text() if shown is not None else None

    @property
    def data_table(self) -> list[list[str]] | None:
        table = self.element.first("table", "datatable")
        return _cells(table) if table is not None else None

    @property
    def doc_string(self) -> str | None:
        """The step's doc string, verbatim."""
        doc = self.element.first("div", "docstring")
        if doc is None:
            return None
        content = doc.first("pre")
        return content.text() if content is not None else ""

    @property
    def status(self) -> str:
        return self.element.attrs.get("data-status", "")

    @property
    def parameters(self) -> list[list[str]]:
        """Each value the step's phrase gave it, as ``[parameter, value]``."""
        return [
            [_text_of(arg, "arg-name"), _text_of(arg, "arg-value")]
            for arg in self.element.all("span", "arg")
        ]

    @property
    def duration(self) -> str | None:
        """How long the step took, as shown ("0.05 ms"); None when none is shown."""
        shown = self.element.first("span", "dur")
        return shown.clean_text() if shown is not None else None

    @property
    def suggestions(self) -> list[SuggestionOnPage]:
        """The phrases suggested under the step (an undefined one), nearest first."""
        return [SuggestionOnPage(item) for item in self.element.all("li", "suggestion")]


@dataclass(frozen=True)
class ExamplesOnPage:
    """One Examples table of an outline: its tags, columns and each row's result."""

    element: Element

    @property
    def tags(self) -> list[str]:
        return [tag.clean_text() for tag in self.element.all("span", "tag")]

    @property
    def columns(self) -> list[str]:
        """The table's own column names (after the page's leading "Result" column)."""
        head = self.element.first("thead")
        return [th.clean_text() for th in head.all("th")][1:] if head is not None else []

    @property
    def rows_with_results(self) -> list[list[str]]:
        """Each row's values, followed by the row's own result."""
        return [
            [td.clean_text() for td in row.all("td")[1:]] + [row.attrs.get("data-status", "")]
            for row in self.element.all("tr", "example")
        ]


@dataclass(frozen=True)
class ScenarioOnPage:
    """One scenario (or outline) as the page shows it."""

    name: str
    element: Element

    @property
    def status(self) -> str | None:
        """The status the scenario is marked with (what colours and filters use)."""
        return self.element.attrs.get("data-status")

    @property
    def badge(self) -> str | None:
        """The status word on the scenario's badge."""
        badge = self.element.first("span", "badge")
        return badge.clean_text() if badge is not None else None

    @property
    def steps(self) -> list[list[str]]:
        """Each step in order, as ``[text, status]``."""
        rows = []
        for step in self.element.all("li", "step"):
            text = step.first("span", "text")
            rows.append([text.clean_text() if text else "", step.attrs.get("data-status", "")])
        return rows

    @property
    def outcome(self) -> str | None:
        """The line under the scenario that explains its outcome (e.g. a skip's reason)."""
        outcome = self.element.first("div", "outcome")
        return outcome.clean_text() if outcome is not None else None

    def _summary(self) -> Element:
        summary = self.element.first("summary")
        assert summary is not None, f"scenario {self.name!r} has no summary line"
        return summary

    @property
    def failure_kind(self) -> str | None:
        """Why the scenario failed, as its summary line says ("assertion failed", "broken")."""
        kind = self._summary().first("span", "kind")
        return kind.clean_text() if kind is not None else None

    @property
    def duration(self) -> str | None:
        """How long the scenario took, as its summary line shows it."""
        shown = self._summary().first("span", "dur")
        return shown.clean_text() if shown is not None else None

    @property
    def step_list(self) -> list[StepOnPage]:
        return [StepOnPage(step) for step in self.element.all("li", "step")]

    def _output(self) -> Element | None:
        return self.element.first("details", "output")

    def output(self, stream: str) -> str | None:
        """What the scenario wrote to ``stream`` (stdout, stderr, log), every phase's."""
        shown = self._output()
        if shown is None:
            return None
        texts = [
            pre.text()
            for block in shown.all("div", "stream")
            if block.attrs.get("data-stream") == stream and (pre := block.first("pre"))
        ]
        return "".join(texts) if texts else None

    @property
    def output_unfolded(self) -> bool:
        """The captured output is open without a click."""
        shown = self._output()
        return shown is not None and "open" in shown.attrs

    def output_cut_note(self, stream: str) -> str | None:
        """The note saying ``stream`` was cut, if it was."""
        shown = self._output()
        for block in shown.all("div", "stream") if shown is not None else []:
            note = block.first("p", "cut")
            if block.attrs.get("data-stream") == stream and note is not None:
                return note.clean_text()
        return None

    @property
    def test_ids(self) -> list[str]:
        """The tests the scenario names as having run it."""
        return [code.clean_text() for code in self.element.all("code", "test-id")]

    def examples(self, title: str) -> ExamplesOnPage:
        for table in self.element.all("div", "examples"):
            heading = table.first("h5")
            if heading is not None and heading.clean_text().endswith(title):
                return ExamplesOnPage(table)
        raise AssertionError(f"outline {self.name!r} shows no examples {title!r}")

    def screenshot(self, title: str) -> str | None:
        """The ``src`` of the attached image captioned ``title``, if there is one."""
        for figure in self.element.all("figure", "image"):
            caption = figure.first("figcaption")
            image = figure.first("img")
            if caption is not None and caption.clean_text() == title and image is not None:
                return image.attrs["src"]
        return None

    def text_attachment(self, title: str) -> str | None:
        """The attached text captioned ``title``, verbatim, if there is one."""
        for figure in self.element.all("figure", "text"):
            caption = figure.first("figcaption")
            if caption is not None and caption.clean_text() == title:
                content = figure.first("pre")
                return content.text() if content is not None else ""
        return None

    @property
    def metrics(self) -> list[list[str]]:
        """Every recorded metric as ``[name, value, unit]``, as shown."""
        return [row for table in self.element.all("table", "metrics") for row in _cells(table)]

    # --- the history ---------------------------------------------------------------------

    @property
    def last_runs(self) -> list[dict[str, str]]:
        """The kept runs listed under the scenario, oldest first: column -> shown text."""
        table = self.element.first("table", "history-runs")
        if table is None:
            return []
        header, *rows = _cells(table)
        return [dict(zip(header, row, strict=True)) for row in rows]

    def trend_points(self, metric: str) -> int | None:
        """How many runs the trend of ``metric`` draws; None when it draws none."""
        for trend in self.element.all("div", "trend"):
            chart = trend.first("svg", "spark")
            if trend.attrs.get("data-metric") == metric and chart is not None:
                return len(chart.all("circle"))
        return None

    @property
    def mark(self) -> str | None:
        """"new" or "changed" beside the scenario's name; None when it is not marked."""
        chip = self._summary().first("span", "mark")
        return chip.clean_text() if chip is not None else None

    @property
    def changed_lines(self) -> tuple[list[str], list[str]]:
        """The Gherkin lines the page shows as removed and as added since the previous run."""
        changes = self.element.first("div", "changes")
        if changes is None:
            return [], []
        return (
            [line.clean_text() for line in changes.all("del")],
            [line.clean_text() for line in changes.all("ins")],
        )


@dataclass(frozen=True)
class RunContextOnPage:
    """The run's context: its tables of facts and the timeline of the workers."""

    element: Element

    def table(self, title: str) -> dict[str, str]:
        """One table (When, Machine, Libraries, Suite settings) as name -> value."""
        for block in self.element.all("div", "ctx"):
            heading = block.first("h4")
            if heading is not None and heading.clean_text() == title:
                return {
                    row[0]: row[1] for table in block.all("table") for row in _cells(table)
                }
        raise AssertionError(f"the run's context shows no {title!r}")

    @property
    def timeline_lanes(self) -> dict[str, int]:
        """Each worker's lane on the timeline, with how many scenario bars it holds."""
        return {
            lane.attrs.get("data-worker", ""): len(lane.all("a", "tl-bar"))
            for lane in self.element.all("div", "tl-lane")
        }


@dataclass(frozen=True)
class FeatureOnPage:
    """One feature as the page shows it: heading, description, background, rules."""

    name: str
    element: Element

    @property
    def rule_headings(self) -> list[str]:
        """Each rule's heading, keyword included (``Rule: ...``)."""
        return [
            heading.clean_text()
            for section in self.element.all("section", "rule")
            if (heading := section.first("h4")) is not None
        ]

    @property
    def background_steps(self) -> list[str] | None:
        """The texts of the feature's Background steps; None when it shows no background."""
        background = self.element.first("div", "background")
        return _step_texts(background) if background is not None else None

    def _description(self) -> Element:
        description = self.element.first("div", "feature-text")
        assert description is not None, f"feature {self.name!r} shows no description"
        return description

    @property
    def description_text(self) -> str:
        """The description's text, markup rendered, whitespace as written."""
        return self._description().text()

    @property
    def emphasised_in_description(self) -> list[str]:
        """The words the description shows emphasised (Markdown ``*...*``)."""
        return [em.clean_text() for em in self._description().all("em")]


@dataclass(frozen=True)
class CatalogueEntry:
    """One phrase of the step catalogue."""

    pattern: str
    element: Element

    @property
    def highlighted_parameters(self) -> list[str]:
        """The parameters highlighted in the phrase."""
        phrase = self.element.first("div", "phrase")
        assert phrase is not None, f"phrase {self.pattern!r} is not shown"
        return [param.clean_text() for param in phrase.all("span", "param")]

    @property
    def has_explanation(self) -> bool:
        """The step definition's docstring is shown with the phrase."""
        return self.element.first("div", "doc") is not None

    @property
    def usage_links(self) -> list[str] | None:
        """The links to the feature lines using the phrase; None when no usage is listed."""
        usages = self.element.first("details", "usages")
        return [link.clean_text() for link in usages.all("a")] if usages is not None else None

    @property
    def badges(self) -> list[str]:
        return [badge.clean_text() for badge in self.element.all("span", "badge")]

    @property
    def marked_unused(self) -> bool:
        """The entry is styled as unused (the filter and the dimming use this)."""
        return "is-unused" in self.element.classes


def _result_view(result: dict[str, Any] | None) -> dict[str, Any] | None:
    if result is None:
        return None
    return {
        "status": result["status"],
        "failure": result["failure"],
        "message": result["message"],
        "steps": [(s["text"], s["status"], s["message"], s["arguments"]) for s in result["steps"]],
        "output": [(o["stream"], o["phase"], o["text"]) for o in result["output"]],
        "attachments": [a["title"] for a in result["attachments"]],
        "metrics": [(m["name"], m["value"], m["unit"]) for m in result["metrics"]],
    }


@dataclass
class LivingDocPage:
    """The living documentation page, and the JSON model livingdoc wrote beside it."""

    root: Element
    model: dict[str, Any]

    @classmethod
    def load(cls, html_file: Path) -> LivingDocPage:
        """Read ``html_file`` and the JSON model next to it (same name, ``.json``)."""
        model = json.loads(html_file.with_suffix(".json").read_text(encoding="utf-8"))
        return cls(parse_html(html_file.read_text(encoding="utf-8")), model)

    # --- what a reader sees -------------------------------------------------------------

    @property
    def text(self) -> str:
        """All the page's text, whitespace collapsed, as characters a reader sees."""
        return self.root.clean_text()

    def feature(self, name: str) -> FeatureOnPage:
        for feature in self.root.all("article", "feature"):
            heading = feature.first("h3")
            if heading is not None and heading.clean_text().split(":", 1)[-1].strip() == name:
                return FeatureOnPage(name, feature)
        raise AssertionError(f"no feature {name!r} on the page")

    def scenario(self, name: str) -> ScenarioOnPage:
        scenarios = self.root.all("details", "scenario")
        for scenario in scenarios:
            label = scenario.first("span", "name")
            if label is not None and label.clean_text() == name:
                return ScenarioOnPage(name, scenario)
        names = [
            label.clean_text() for s in scenarios if (label := s.first("span", "name")) is not None
        ]
        raise AssertionError(f"no scenario {name!r} on the page; scenarios: {names}")

    @property
    def scenario_runs(self) -> list[Element]:
        """The result of every scenario run (one per Examples row of an outline)."""
        return self.root.all("div", "facts")

    @property
    def workers_of_scenario_runs(self) -> list[str]:
        """The worker each scenario run names ("" where it names none)."""
        workers = []
        for facts in self.scenario_runs:
            worker = facts.first("span", "worker")
            code = worker.first("code") if worker is not None else None
            workers.append(code.clean_text() if code is not None else "")
        return workers

    @property
    def failure_counts(self) -> dict[str, int]:
        """The header's counts of failed scenarios by kind ("assertion failed": 1, ...)."""
        counts = {}
        for kind in self.root.all("span", "kind-count"):
            number = kind.first("span", "n")
            label = kind.clean_text().split(" ", 1)[-1]
            counts[label] = int(number.clean_text()) if number is not None else 0
        return counts

    @property
    def run_context(self) -> RunContextOnPage:
        shown = self.root.first("details", "run")
        assert shown is not None, "the page shows no run context"
        return RunContextOnPage(shown)

    def sidebar_paths(self, feature_name: str) -> list[str]:
        """The paths the sidebar shows beside the features called ``feature_name``."""
        paths = []
        for entry in self.root.all("li", "nav-feature"):
            name = entry.first("span", "nav-name")
            path = entry.first("span", "nav-path")
            own = "".join(c for c in name.children if isinstance(c, str)) if name else ""
            if own.strip() == feature_name:
                paths.append(path.clean_text() if path is not None else "")
        return paths

    def screenshot_size(self, title: str) -> tuple[int, int] | None:
        """The width and height the image captioned ``title`` is shown at, in pixels.

        The page sets them on the image itself only when it scales a small image up;
        otherwise the image's own size applies (read from the PNG).
        """
        for figure in self.root.all("figure", "image"):
            caption = figure.first("figcaption")
            image = figure.first("img")
            if caption is None or caption.clean_text() != title or image is None:
                continue
            if "width" in image.attrs:
                return int(image.attrs["width"]), int(image.attrs["height"])
            png = base64.b64decode(image.attrs["src"].split(",", 1)[1])
            width, height = struct.unpack(">II", png[16:24])
            return width, height
        return None

    @property
    def steps(self) -> list[StepOnPage]:
        """Every step on the page, in page order."""
        return [StepOnPage(step) for step in self.root.all("li", "step")]

    def step(self, text: str) -> StepOnPage:
        """The first step on the page with this text."""
        for step in self.root.all("li", "step"):
            label = step.first("span", "text")
            if label is not None and label.clean_text() == text:
                return StepOnPage(step)
        raise AssertionError(f"no step {text!r} on the page")

    # --- the step catalogue -------------------------------------------------------------

    @property
    def catalogue_phrases(self) -> list[str]:
        """Every phrase the step catalogue lists, in page order."""
        return [d.attrs["data-pattern"] for d in self.root.all("article", "stepdef")]

    def catalogue_entry(self, pattern: str) -> CatalogueEntry:
        definitions = self.root.all("article", "stepdef")
        for definition in definitions:
            if definition.attrs.get("data-pattern") == pattern:
                return CatalogueEntry(pattern, definition)
        known = [d.attrs.get("data-pattern") for d in definitions]
        raise AssertionError(f"the catalogue has no phrase {pattern!r}; it has {known}")

    # --- what the page is made of (safety, offline use) ---------------------------------

    def elements_named(self, *tags: str) -> list[str]:
        """The page's elements with any of these tags (one entry per element)."""
        return [e.tag for e in self.root.elements() if e.tag in tags]

    @property
    def event_handler_attributes(self) -> list[tuple[str, str]]:
        """Every ``on...`` attribute on the page, as ``(tag, attribute)``."""
        return [(e.tag, a) for e in self.root.elements() for a in e.attrs if a.startswith("on")]

    @property
    def remote_references(self) -> list[tuple[str, str]]:
        """Every ``src``/``href`` pointing at another site, as ``(tag, address)``."""
        return [
            (e.tag, value)
            for e in self.root.elements()
            for attribute in ("src", "href")
            if (value := e.attrs.get(attribute, "")).startswith(("http:", "https:", "//"))
        ]

    @property
    def linked_resources(self) -> list[dict[str, str]]:
        """The attributes of every ``<link>`` (stylesheets, fonts, icons loaded from files)."""
        return [e.attrs for e in self.root.elements() if e.tag == "link"]

    @property
    def external_scripts(self) -> list[str]:
        """The ``src`` of every script that is not inline."""
        return [
            e.attrs["src"] for e in self.root.elements() if e.tag == "script" and "src" in e.attrs
        ]

    @property
    def content_security_policies(self) -> list[str]:
        """The Content-Security-Policy the page sets for itself, in order."""
        return [
            e.attrs.get("content", "")
            for e in self.root.elements()
            if e.tag == "meta" and e.attrs.get("http-equiv") == "Content-Security-Policy"
        ]

    # --- the document as data -----------------------------------------------------------

    @property
    def summary(self) -> dict[str, int]:
        """How many scenarios have each status."""
        return self.model["summary"]

    def outcomes_apart_from_timings(self) -> dict[str, Any]:
        """Everything a reader sees in the model, without timings and process details."""
        scenarios = {}
        for feature in self.model["features"]:
            every = list(feature["scenarios"])
            for rule in feature["rules"]:
                every.extend(rule["scenarios"])
            for scenario in every:
                scenarios[scenario["id"]] = {
                    "status": scenario["status"],
                    "result": _result_view(scenario["result"]),
                    "rows": [
                        (row["cells"], _result_view(row["result"]))
                        for table in scenario["examples"]
                        for row in table["rows"]
                    ],
                }
        catalogue = [
            (
                d["type"],
                d["pattern"],
                sorted((u["uri"], u["line"], u["text"]) for u in d["usages"]),
            )
            for d in self.model["step_definitions"]
        ]
        return {"scenarios": scenarios, "summary": self.model["summary"], "catalogue": catalogue}
