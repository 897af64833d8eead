"""Steps for features/living_documentation: the livingdoc plugin, seen from outside.

Each scenario builds a small example project (feature files from the scenario's
doc strings, plus the fixed example step vocabulary below), runs it with pytest's
``pytester`` and reads the living documentation it wrote the way a reader does:
as an HTML page. The page is parsed with the standard library, so the checks see
exactly what a browser shows (text unescaped, markup as elements).
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

# --- the example project ------------------------------------------------------------

#: The phrases the example project's step vocabulary defines (the catalogue must list them).
EXAMPLE_PHRASES = [
    "a basket with {count:d} books",
    "the parcel holds",
    "the customer pays by card",
    "the customer pays with an expired card",
    "the customer asks for payment advice",
    "the customer in {country} pays by card",
    "the customer prints the receipt",
    "the payment is accepted",
    "the receipt reads",
    "the customer receives a loyalty voucher",
]

EXAMPLE_CONFTEST = '''
import struct
import zlib

import pytest
from pytest_bdd import given, parsers, then, when

SKIP_REASON = "needs a real model's judgement: this run has no real model"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("real_model"):
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@given(parsers.parse("a basket with {count:d} books"), target_fixture="basket")
def a_basket(count):
    """Put the given number of books in the customer's basket."""
    return {"books": count}


@given("the parcel holds")
def parcel(datatable):
    """Describe the parcel: one row per item with its weight."""
    return datatable


@when("the customer pays by card")
def pay_by_card():
    """The customer pays the basket's total with a valid card."""


@when("the customer pays with an expired card")
def pay_with_expired_card():
    """The customer tries to pay with a card past its expiry date."""
    raise ValueError("The card has expired")


@when("the customer asks for payment advice")
def payment_advice():
    """The customer asks which way to pay costs least."""


@when(parsers.parse("the customer in {country} pays by card"), target_fixture="country")
def pay_in_country(country):
    """A customer living in the given country pays by card."""
    return country


@when("the customer prints the receipt")
def print_receipt(living_doc):
    """The customer prints the receipt; the printout is attached as evidence."""
    living_doc.attach_image(PNG, "Printed receipt")
    living_doc.attach_text("Total: 24.00", "Receipt body")
    living_doc.metric("print time", 42, "ms")


@then("the payment is accepted")
def payment_accepted():
    """The shop confirms the payment."""


@then("the receipt reads")
def receipt_reads(docstring, country):
    """The receipt shows exactly this text."""
    assert country != "Japan", "We do not ship to Japan yet"


@then("the customer receives a loyalty voucher")
def loyalty_voucher():
    """The customer gets a voucher for the next order."""


def _png():
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\\x00" + b"\\x2f\\x5f\\xd0" * 8 for _ in range(8))
    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return (b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


PNG = _png()
'''

EXAMPLE_TESTS = """
from pytest_bdd import scenarios

scenarios("features")
"""

EXAMPLE_INI = """
[pytest]
markers =
    real_model: needs a real model's judgement
    smoke: a quick check
    boundary: a boundary case
"""


@dataclass
class ExampleProject:
    """A throwaway pytest-bdd project, and the documents its runs wrote."""

    pytester: pytest.Pytester = field(repr=False)
    features: dict[str, str] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict, repr=False)
    models: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    outputs: dict[str, str] = field(default_factory=dict, repr=False)

    def write(self) -> None:
        self.pytester.makeconftest(EXAMPLE_CONFTEST)
        self.pytester.makepyfile(test_examples=EXAMPLE_TESTS)
        self.pytester.makefile(".ini", pytest=EXAMPLE_INI)
        for path, text in self.features.items():
            target = self.pytester.path / "features" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text + "\n", encoding="utf-8")

    def run(self, name: str, *args: str, subprocess: bool = False) -> None:
        """Run the example suite writing ``doc/<name>.html`` (and its JSON)."""
        self.write()
        html = f"doc/{name}.html"
        # The example project is a plain pytest-bdd suite: no asyncio plugin wanted.
        argv = ["-p", "no:cacheprovider", "-p", "no:asyncio", f"--living-doc={html}", *args]
        result = (
            self.pytester.runpytest_subprocess(*argv, timeout=120)
            if subprocess
            else self.pytester.runpytest(*argv)
        )
        self.outputs[name] = str(result.stdout)
        self._load(name, html)

    def document_without_run(self, name: str) -> None:
        """``python -m livingdoc``: the features and the step modules, no test run."""
        self.write()
        html = f"doc/{name}.html"
        result = self.pytester.run(
            sys.executable,
            "-m",
            "livingdoc",
            "features",
            "--steps",
            "test_examples.py",
            "-o",
            html,
            timeout=120,
        )
        self.outputs[name] = str(result.stdout) + str(result.stderr)
        assert result.ret == 0, self.outputs[name]
        self._load(name, html)

    def _load(self, name: str, html: str) -> None:
        page_file = self.pytester.path / html
        assert page_file.is_file(), f"no living documentation written:\n{self.outputs[name]}"
        self.pages[name] = Page.parse(page_file.read_text(encoding="utf-8"))
        self.models[name] = json.loads(page_file.with_suffix(".json").read_text(encoding="utf-8"))

    @property
    def page(self) -> Page:
        assert self.pages, "the example project has not been documented yet"
        return self.pages[next(reversed(self.pages))]


# --- reading the page like a browser does --------------------------------------------

_VOID = {"meta", "img", "input", "br", "hr", "link", "source", "col", "wbr"}


@dataclass
class Element:
    """A parsed HTML element: just enough DOM to check what a reader sees."""

    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def clean_text(self) -> str:
        return " ".join(self.text().split())

    def elements(self) -> list[Element]:
        """All descendant elements, document order."""
        found: list[Element] = []
        for child in self.children:
            if isinstance(child, Element):
                found.append(child)
                found.extend(child.elements())
        return found

    def all(self, tag: str = "", cls: str = "") -> list[Element]:
        return [
            e
            for e in self.elements()
            if (not tag or e.tag == tag) and (not cls or cls in e.classes)
        ]

    def first(self, tag: str = "", cls: str = "") -> Element | None:
        found = self.all(tag, cls)
        return found[0] if found else None


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(element)
        if tag not in _VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


@dataclass
class Page:
    """The living documentation page, with finders named after what a reader looks for."""

    root: Element

    @classmethod
    def parse(cls, html: str) -> Page:
        builder = _Builder()
        builder.feed(html)
        builder.close()
        return cls(builder.root)

    def scenario(self, name: str) -> Element:
        scenarios = self.root.all("details", "scenario")
        for scenario in scenarios:
            label = scenario.first("span", "name")
            if label is not None and label.clean_text() == name:
                return scenario
        names = [s.first("span", "name").clean_text() for s in scenarios]  # type: ignore[union-attr]
        raise AssertionError(f"no scenario {name!r} on the page; scenarios: {names}")

    def feature(self, name: str) -> Element:
        for feature in self.root.all("article", "feature"):
            heading = feature.first("h3")
            if heading is not None and heading.clean_text().split(":", 1)[-1].strip() == name:
                return feature
        raise AssertionError(f"no feature {name!r} on the page")

    def steps(self, container: Element) -> list[Element]:
        return container.all("li", "step")

    def step(self, text: str) -> Element:
        for step in self.root.all("li", "step"):
            label = step.first("span", "text")
            if label is not None and label.clean_text() == text:
                return step
        raise AssertionError(f"no step {text!r} on the page")

    def stepdef(self, pattern: str) -> Element:
        definitions = self.root.all("article", "stepdef")
        for definition in definitions:
            if definition.attrs.get("data-pattern") == pattern:
                return definition
        known = [d.attrs.get("data-pattern") for d in definitions]
        raise AssertionError(f"the catalogue has no phrase {pattern!r}; it has {known}")


def step_rows(page: Page, scenario: Element) -> list[list[str]]:
    rows = []
    for step in page.steps(scenario):
        text = step.first("span", "text")
        rows.append([text.clean_text() if text else "", step.attrs.get("data-status", "")])
    return rows


# --- normalising two documents for comparison ----------------------------------------


def _result_view(result: dict[str, Any] | None) -> Any:
    if result is None:
        return None
    return {
        "status": result["status"],
        "message": result["message"],
        "steps": [(s["text"], s["status"], s["message"]) for s in result["steps"]],
        "attachments": [a["title"] for a in result["attachments"]],
        "metrics": [(m["name"], m["value"], m["unit"]) for m in result["metrics"]],
    }


def outcomes_view(model: dict[str, Any]) -> dict[str, Any]:
    """Everything a reader sees in the model, without timings and process details."""
    scenarios = {}
    for feature in model["features"]:
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
        (d["type"], d["pattern"], sorted((u["uri"], u["line"], u["text"]) for u in d["usages"]))
        for d in model["step_definitions"]
    ]
    return {"scenarios": scenarios, "summary": model["summary"], "catalogue": catalogue}


# --- steps ---------------------------------------------------------------------------


@pytest.fixture
def example_project(pytester: pytest.Pytester) -> ExampleProject:
    """A fresh example project per scenario, in pytester's temporary folder."""
    return ExampleProject(pytester)


@given(parsers.parse('the example project has the feature file "{path}":'))
def example_feature(example_project: ExampleProject, path: str, docstring: str) -> None:
    """Add a feature file (under features/, text from the doc string) to the example project.

    The example project's step vocabulary: "a basket with {count:d} books", "the parcel
    holds" (table), "the customer pays by card", "... with an expired card" (fails: The card
    has expired), "... asks for payment advice", "the customer in {country} pays by card",
    "the customer prints the receipt" (attaches a screenshot, a text and a metric), "the
    payment is accepted", "the receipt reads" (doc string; fails for Japan) and "the
    customer receives a loyalty voucher" (used by no feature). Scenarios tagged
    @real_model are skipped with the reason "needs a real model's judgement".
    """
    example_project.features[path] = docstring


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
    parsers.parse(
        "the example project's tests run once serially and once on {workers:d} parallel workers"
    )
)
def run_serial_and_parallel(example_project: ExampleProject, workers: int) -> None:
    """Run the example project twice: in one process, then with pytest-xdist workers."""
    example_project.run("serial")
    example_project.run("parallel", "-n", str(workers), subprocess=True)
    assert f"{workers} workers" in example_project.outputs["parallel"], example_project.outputs[
        "parallel"
    ]


@when(
    "the living documentation is written from the example project's features without running them"
)
def document_without_run(example_project: ExampleProject) -> None:
    """``python -m livingdoc features --steps test_examples.py -o ...``: nothing runs."""
    example_project.document_without_run("living-doc")


@then(parsers.parse('the scenario "{name}" shows as "{status}"'))
def scenario_shows_as(example_project: ExampleProject, name: str, status: str) -> None:
    """The scenario's badge on the page reads the given status."""
    scenario = example_project.page.scenario(name)
    assert scenario.attrs.get("data-status") == status, scenario.attrs.get("data-status")
    badge = scenario.first("span", "badge")
    assert badge is not None and badge.clean_text() == status


@then(parsers.parse('the scenario "{name}" shows as "{status}" with steps:'))
def scenario_shows_steps(
    example_project: ExampleProject, name: str, status: str, datatable: list[list[str]]
) -> None:
    """The scenario's status, and each of its steps' status in order (table: step, status)."""
    scenario_shows_as(example_project, name, status)
    page = example_project.page
    assert step_rows(page, page.scenario(name)) == datatable[1:]


@then(parsers.parse('the step "{text}" shows the message "{message}"'))
def step_shows_message(example_project: ExampleProject, text: str, message: str) -> None:
    """The failure message appears right under the step that failed."""
    step = example_project.page.step(text)
    shown = step.first("pre", "message")
    assert shown is not None, f"step {text!r} shows no message"
    assert message in shown.text(), shown.text()


@then(parsers.parse('the scenario "{name}" shows the reason "{reason}"'))
def scenario_shows_reason(example_project: ExampleProject, name: str, reason: str) -> None:
    """A skipped scenario says why it was skipped."""
    outcome = example_project.page.scenario(name).first("div", "outcome")
    assert outcome is not None, f"scenario {name!r} shows no reason"
    assert outcome.clean_text().startswith("Reason:"), outcome.clean_text()
    assert reason in outcome.clean_text(), outcome.clean_text()


@then(parsers.parse('the feature "{feature}" shows the rule "{rule}"'))
def feature_shows_rule(example_project: ExampleProject, feature: str, rule: str) -> None:
    """The rule appears as a heading inside the feature."""
    headings = [
        section.first("h4").clean_text()  # type: ignore[union-attr]
        for section in example_project.page.feature(feature).all("section", "rule")
    ]
    assert f"Rule: {rule}" in headings, headings


@then(parsers.parse('the feature "{feature}" shows a background with the step "{text}"'))
def feature_shows_background(example_project: ExampleProject, feature: str, text: str) -> None:
    """The feature's Background block lists the step."""
    background = example_project.page.feature(feature).first("div", "background")
    assert background is not None, "no background shown"
    texts = [step.first("span", "text") for step in background.all("li", "step")]
    assert text in [t.clean_text() for t in texts if t is not None], texts


@then(parsers.parse('the feature "{feature}" shows "{word}" emphasised in its description'))
def feature_description_markdown(example_project: ExampleProject, feature: str, word: str) -> None:
    """Markdown emphasis in a description is rendered, not shown as asterisks."""
    description = example_project.page.feature(feature).first("div", "feature-text")
    assert description is not None
    assert word in [e.clean_text() for e in description.all("em")], description.clean_text()
    assert f"*{word}*" not in description.text()


@then(
    parsers.parse('the outline "{name}" shows the examples "{title}" tagged "{tag}" with results:')
)
def outline_examples(
    example_project: ExampleProject, name: str, title: str, tag: str, datatable: list[list[str]]
) -> None:
    """An Examples table: its title and tag, then each row's values and result."""
    scenario = example_project.page.scenario(name)
    for table in scenario.all("div", "examples"):
        heading = table.first("h5")
        if heading is not None and heading.clean_text().endswith(title):
            break
    else:
        raise AssertionError(f"outline {name!r} shows no examples {title!r}")
    assert tag in [t.clean_text() for t in table.all("span", "tag")]
    header = [th.clean_text() for th in table.first("thead").all("th")]  # type: ignore[union-attr]
    assert header[1:] == datatable[0][:-1], header
    shown = [
        [td.clean_text() for td in row.all("td")[1:]] + [row.attrs.get("data-status", "")]
        for row in table.all("tr", "example")
    ]
    assert shown == datatable[1:], shown


@then(parsers.parse('the step "{text}" shows the data table:'))
def step_data_table(example_project: ExampleProject, text: str, datatable: list[list[str]]) -> None:
    """The step's data table is shown cell by cell."""
    table = example_project.page.step(text).first("table", "datatable")
    assert table is not None, f"step {text!r} shows no table"
    rows = [
        [cell.clean_text() for cell in row.all() if cell.tag in ("th", "td")]
        for row in table.all("tr")
    ]
    assert rows == datatable, rows


@then(parsers.parse('the step "{text}" shows the doc string "{content}"'))
def step_doc_string(example_project: ExampleProject, text: str, content: str) -> None:
    """The step's doc string is shown verbatim."""
    doc = example_project.page.step(text).first("div", "docstring")
    assert doc is not None, f"step {text!r} shows no doc string"
    assert doc.first("pre").text() == content  # type: ignore[union-attr]


@then("both runs give the same living documentation apart from timings")
def same_documentation(example_project: ExampleProject) -> None:
    """Every outcome, message, step and catalogue entry is identical in both documents."""
    serial = outcomes_view(example_project.models["serial"])
    parallel = outcomes_view(example_project.models["parallel"])
    assert parallel["summary"] == serial["summary"]
    assert parallel == serial
    assert sum(serial["summary"].values()) - serial["summary"]["not run"] > 0, serial["summary"]


@then(parsers.parse('the page shows the text "{text}"'))
def page_shows_text(example_project: ExampleProject, text: str) -> None:
    """The text appears on the page as characters a reader sees."""
    assert text in example_project.page.root.clean_text()


@then("the page contains no markup from the feature file")
def no_injected_markup(example_project: ExampleProject) -> None:
    """No element came from a feature: one script (the page's own), no handlers, no images."""
    elements = example_project.page.root.elements()
    assert len([e for e in elements if e.tag == "script"]) == 1
    assert not [e for e in elements if e.tag in ("img", "b", "iframe", "object")]
    assert not [e for e in elements for a in e.attrs if a.startswith("on")]


@then("the step catalogue lists every step definition of the example project")
def catalogue_complete(example_project: ExampleProject) -> None:
    """Each phrase of the example vocabulary is listed once, and nothing else."""
    listed = [d.attrs["data-pattern"] for d in example_project.page.root.all("article", "stepdef")]
    assert sorted(listed) == sorted(EXAMPLE_PHRASES), listed


@then(
    parsers.parse(
        'the step catalogue shows the phrase "{pattern}" with the parameter "{parameter}"'
    )
)
def catalogue_parameter(example_project: ExampleProject, pattern: str, parameter: str) -> None:
    """The parameter is highlighted in the phrase and listed under Parameters."""
    definition = example_project.page.stepdef(pattern)
    phrase = definition.first("div", "phrase")
    assert phrase is not None
    assert parameter in [p.clean_text() for p in phrase.all("span", "param")]
    assert definition.first("div", "doc") is not None, "the step's docstring is not shown"


@then(parsers.parse('the step catalogue shows the phrase "{pattern}" as used by "{feature_file}"'))
def catalogue_usage(example_project: ExampleProject, pattern: str, feature_file: str) -> None:
    """The catalogue links the phrase to the feature file lines that use it."""
    usages = example_project.page.stepdef(pattern).first("details", "usages")
    assert usages is not None, f"phrase {pattern!r} shows no usage"
    links = [a.clean_text() for a in usages.all("a")]
    assert any(feature_file in link for link in links), links


@then(parsers.parse('the step catalogue flags the phrase "{pattern}" as unused'))
def catalogue_unused(example_project: ExampleProject, pattern: str) -> None:
    """An unused phrase carries the "unused" badge."""
    definition = example_project.page.stepdef(pattern)
    badges = [b.clean_text() for b in definition.all("span", "badge")]
    assert "unused" in badges and "is-unused" in definition.classes


@then(parsers.parse('the step catalogue does not flag the phrase "{pattern}" as unused'))
def catalogue_used(example_project: ExampleProject, pattern: str) -> None:
    """A phrase some scenario uses carries no "unused" badge."""
    definition = example_project.page.stepdef(pattern)
    assert "unused" not in [b.clean_text() for b in definition.all("span", "badge")]
    assert "is-unused" not in definition.classes


@then(parsers.parse('the scenario "{name}" shows the screenshot "{title}"'))
def scenario_screenshot(example_project: ExampleProject, name: str, title: str) -> None:
    """The attached PNG is embedded in the page (a data URI: it works offline)."""
    for figure in example_project.page.scenario(name).all("figure", "image"):
        caption = figure.first("figcaption")
        image = figure.first("img")
        if caption is not None and caption.clean_text() == title and image is not None:
            assert image.attrs["src"].startswith("data:image/png;base64,iVBORw0KGgo")
            return
    raise AssertionError(f"scenario {name!r} shows no screenshot {title!r}")


@then(parsers.parse('the scenario "{name}" shows the text "{title}" reading "{text}"'))
def scenario_text_attachment(
    example_project: ExampleProject, name: str, title: str, text: str
) -> None:
    """An attached text appears with its title."""
    for figure in example_project.page.scenario(name).all("figure", "text"):
        caption = figure.first("figcaption")
        if caption is not None and caption.clean_text() == title:
            assert figure.first("pre").text() == text  # type: ignore[union-attr]
            return
    raise AssertionError(f"scenario {name!r} shows no text {title!r}")


@then(parsers.parse('the scenario "{name}" shows the metric "{metric}" of {value:g} "{unit}"'))
def scenario_metric(
    example_project: ExampleProject, name: str, metric: str, value: float, unit: str
) -> None:
    """A recorded metric appears with its value and unit."""
    rows = [
        [cell.clean_text() for cell in row.all() if cell.tag in ("th", "td")]
        for table in example_project.page.scenario(name).all("table", "metrics")
        for row in table.all("tr")
    ]
    assert [metric, f"{value:g}", unit] in rows, rows


@then("the page loads nothing from the network")
def page_is_offline(example_project: ExampleProject) -> None:
    """No stylesheet, script, font or image comes from elsewhere; the page forbids it too."""
    elements = example_project.page.root.elements()
    for element in elements:
        for attribute in ("src", "href"):
            value = element.attrs.get(attribute, "")
            assert not value.startswith(("http:", "https:", "//")), (element.tag, value)
        assert element.tag != "link", element.attrs
        assert not (element.tag == "script" and "src" in element.attrs)
    policies = [
        e.attrs.get("content", "")
        for e in elements
        if e.tag == "meta" and e.attrs.get("http-equiv") == "Content-Security-Policy"
    ]
    assert policies and "default-src 'none'" in policies[0], policies


__all__ = ["EXAMPLE_PHRASES", "ExampleProject", "Page", "outcomes_view"]
