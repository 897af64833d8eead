"""livingdoc.html: the page escapes everything and needs nothing from the network."""

from __future__ import annotations

import re

from livingdoc.html import phrase_html, render_html
from livingdoc.model import (
    Attachment,
    Document,
    Feature,
    Metric,
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
