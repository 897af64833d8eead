"""livingdoc.html: the page escapes everything and needs nothing from the network."""

from __future__ import annotations

import base64
import re
import struct

from livingdoc.html import phrase_html, render_html
from livingdoc.model import (
    Attachment,
    CapturedOutput,
    Document,
    Feature,
    Metric,
    RunContext,
    Scenario,
    ScenarioResult,
    Step,
    StepDefinition,
    StepResult,
)
from steps.harness.html_tree import parse_html

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def document(name: str = "Paying", description: str = "") -> Document:
    scenario = Scenario(
        id="f.feature:3",
        keyword="Scenario",
        name=f"Card {HOSTILE}",
        description="",
        tags=["@smoke"],
        line=3,
        steps=[Step("Given", "Context", "given", f"a {HOSTILE}", 4)],
        all_tags=["@smoke"],
        result=ScenarioResult(
            status="failed",
            message=HOSTILE,
            details=HOSTILE,
            steps=[StepResult("Given", f"a {HOSTILE}", 4, "failed", 0.2, message=HOSTILE)],
            attachments=[
                Attachment("text", HOSTILE, HOSTILE, 4),
                Attachment("image", "shot", '" onerror="alert(1)', 4),
            ],
            metrics=[Metric(HOSTILE, 1.5, HOSTILE, None)],
        ),
    )
    feature = Feature(
        uri="features/pay/f.feature",
        capability=["pay"],
        keyword="Feature",
        name=name,
        description=description,
        tags=["@billing"],
        language="en",
        line=1,
        scenarios=[scenario],
    )
    definition = StepDefinition(
        "given", f"a {HOSTILE} {{name}}", "parse", ["name"], HOSTILE, "m._", "steps/x.py:1"
    )
    return Document(
        title=HOSTILE,
        generated_at="now",
        features=[feature],
        step_definitions=[definition],
        catalogue_available=True,
    )


def test_text_from_features_and_tests_is_escaped_everywhere() -> None:
    page = render_html(document(name=HOSTILE, description=HOSTILE))
    found = parse_html(page).elements()  # every element the browser would build
    assert [e.tag for e in found].count("script") == 1  # the page's own, at the end
    assert "img" not in [e.tag for e in found]  # the bogus "image" is shown as text
    assert not [name for e in found for name in e.attrs if name.startswith("on")]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_descriptions_are_markdown() -> None:
    page = render_html(document(description="Why it **matters**:\n\n- fast\n- cheap"))
    assert "<strong>matters</strong>" in page and "<li>fast</li>" in page


def test_the_page_is_self_contained() -> None:
    page = render_html(document())
    assert "default-src 'none'" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    assert "<link" not in page


def test_summary_counts_statuses() -> None:
    page = render_html(document())
    assert 'data-status="failed"' in page
    assert 'class="count st-failed" title="failed">1<' in page


def test_phrases_highlight_parameters_of_each_parser() -> None:
    def phrase(pattern: str, parser: str) -> str:
        return phrase_html(StepDefinition("given", pattern, parser, [], "", "", ""))

    assert phrase("pay {amount:d} in {{cash}}", "parse") == (
        'pay <span class="param">amount</span> in {cash}'
    )
    assert 'class="param">amount<' in phrase(r"pay (?P<amount>\d+) <now>", "re")
    assert "&lt;now&gt;" in phrase(r"pay (?P<amount>\d+) <now>", "re")
    assert phrase("a <b>", "string") == "a &lt;b&gt;"


def run_document() -> Document:
    """A run with every new kind of text from tests: output, arguments, settings."""
    doc = document()
    result = doc.features[0].scenarios[0].result
    assert result is not None
    result.failure = "broken"
    result.output = [
        CapturedOutput("log", "call", HOSTILE),
        CapturedOutput("stdout", "call", "x", 9),
    ]
    result.steps[0].arguments = {HOSTILE: HOSTILE}
    result.steps[0].ran = True
    result.steps[0].duration = 0.0004
    result.worker, result.started, result.finished = "gw1", 100.0, 100.5
    result.also_run_by = [f"other.py::{HOSTILE}"]
    doc.run = RunContext(
        started=100.0,
        finished=101.0,
        workers=2,
        machine={"cores": "2", "Python": "CPython 3.11.2", "platform": HOSTILE},
        libraries={"pytest": "9.2"},
        settings={HOSTILE: HOSTILE},
    )
    return doc


def test_text_from_a_run_is_escaped_everywhere() -> None:
    page = render_html(run_document())
    found = parse_html(page).elements()
    assert [e.tag for e in found].count("script") == 1
    assert "img" not in [e.tag for e in found]
    assert not [name for e in found for name in e.attrs if name.startswith("on")]


def test_a_run_shows_its_context_failure_kinds_output_and_timeline() -> None:
    root = parse_html(render_html(run_document()))
    run = root.first("details", "run")
    assert run is not None and "CPython 3.11.2" in run.clean_text()
    assert "Suite settings" in run.clean_text() and HOSTILE in run.text()
    lanes = [lane.attrs["data-worker"] for lane in run.all("div", "tl-lane")]
    assert lanes == ["gw1"]
    kinds = {
        k.attrs["data-failure"]: k.clean_text() for k in root.all("span", "kind-count")
    }
    assert kinds == {"assertion": "0 assertion failed", "broken": "1 broken"}
    scenario = root.first("details", "scenario")
    assert scenario is not None and scenario.attrs["data-failure"] == "broken"
    output = scenario.first("details", "output")
    assert output is not None and "open" in output.attrs  # a failed scenario's output unfolds
    assert "9 characters cut" in output.clean_text()
    assert "0.40 ms" in scenario.clean_text()
    assert "other.py::" in scenario.first("div", "facts").clean_text()  # type: ignore[union-attr]


def test_features_sharing_a_name_show_their_paths_in_the_sidebar() -> None:
    doc = document()
    twin = Feature("features/shop/f.feature", ["shop"], "Feature", "Paying", "", [], "en", 1)
    doc.features.append(twin)
    nav = parse_html(render_html(doc)).first("nav", "sidebar")
    assert nav is not None
    paths = [p.clean_text() for p in nav.all("span", "nav-path")]
    assert paths == ["features/pay/f.feature", "features/shop/f.feature"]


def test_a_small_image_is_scaled_up_to_be_seen() -> None:
    tiny = base64.b64encode(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + struct.pack(">II", 8, 4) + b"\x08\x02\x00\x00\x00"
    ).decode()
    doc = document()
    result = doc.features[0].scenarios[0].result
    assert result is not None
    result.attachments = [Attachment("image", "receipt", tiny, 4)]
    image = parse_html(render_html(doc)).first("img")
    assert image is not None
    assert (image.attrs["width"], image.attrs["height"]) == ("96", "48")
