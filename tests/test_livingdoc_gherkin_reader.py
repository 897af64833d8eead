"""livingdoc.gherkin_reader: feature files -> specification model."""

from __future__ import annotations

from pathlib import Path

from livingdoc.gherkin_reader import capability_of, discover_feature_files, read_feature

FEATURE = '''@billing
Feature: Invoices
  Why invoices **matter**.

  Background:
    Given a customer

  Scenario: Plain
    Given an order
    And a coupon
    When the invoice is made
    Then it is sent
    But it is not printed

  Rule: Taxes
    Keep them right.

    Background:
      Given a tax table

    @outline
    Scenario Outline: Rates
      When the rate is <rate>
        | a | <rate> |
      Then the text reads
        """markdown
        Rate <rate>
        """

      @eu
      Examples: Europe
        | rate |
        | 20   |
        | 19   |

      Examples: Empty
'''


def write(tmp_path: Path, text: str, name: str = "billing/invoices.feature") -> Path:
    path = tmp_path / "features" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_rules_backgrounds_outlines_tables_and_doc_strings(tmp_path: Path) -> None:
    feature = read_feature(
        write(tmp_path, FEATURE), "features/billing/invoices.feature", ["billing"]
    )

    assert (feature.name, feature.tags, feature.description) == (
        "Invoices",
        ["@billing"],
        "Why invoices **matter**.",
    )
    assert [s.text for s in feature.background.steps] == ["a customer"]
    plain = feature.scenarios[0]
    assert [s.type for s in plain.steps] == ["given", "given", "when", "then", "then"]
    assert plain.id == "features/billing/invoices.feature:8"

    rule = feature.rules[0]
    assert (rule.name, rule.description) == ("Taxes", "Keep them right.")
    assert [s.text for s in rule.background.steps] == ["a tax table"]
    outline = rule.scenarios[0]
    assert outline.is_outline and outline.all_tags == ["@outline", "@billing"]
    assert outline.steps[0].data_table == [["a", "<rate>"]]
    assert outline.steps[1].doc_string.content == "Rate <rate>"
    assert outline.steps[1].doc_string.media_type == "markdown"
    # The headerless Examples table is ignored, as pytest-bdd does.
    assert [(e.name, e.tags, e.header) for e in outline.examples] == [("Europe", ["@eu"], ["rate"])]
    assert [(r.cells, r.line) for r in outline.examples[0].rows] == [(["20"], 33), (["19"], 34)]


def test_a_syntax_error_becomes_a_message_not_a_crash(tmp_path: Path) -> None:
    path = write(tmp_path, "Feature: Broken\n  Scenario: x\n    Given a\nFeature: Twice\n")
    feature = read_feature(path, "broken.feature", [])
    assert feature.parse_error and feature.name == "invoices"


def test_capability_is_the_folder_below_the_closest_root(tmp_path: Path) -> None:
    path = write(tmp_path, FEATURE, "billing/eu/invoices.feature")
    roots = [tmp_path / "features", tmp_path / "features" / "billing"]
    assert capability_of(path, roots) == ["eu"]
    assert capability_of(path, [tmp_path / "features"]) == ["billing", "eu"]


def test_discovery_skips_hidden_folders_and_virtualenvs(tmp_path: Path) -> None:
    kept = write(tmp_path, FEATURE)
    write(tmp_path, FEATURE, "../.venv/lib/x.feature")
    write(tmp_path, FEATURE, "../node_modules/y.feature")
    assert discover_feature_files([tmp_path]) == [kept.resolve()]
