"""livingdoc.catalogue: parameters, usages (outline rows included) and merging."""

from __future__ import annotations

from pathlib import Path

from pytest_bdd import parsers
from pytest_bdd.steps import StepFunctionContext

from livingdoc.catalogue import build_catalogue, merge_catalogues, parameters_of
from livingdoc.gherkin_reader import read_feature

FEATURE = """Feature: F
  Scenario Outline: O
    Given a basket with <n> books
    Then the total is right

    Examples:
      | n |
      | 1 |
      | 2 |
"""


def basket(count: int, datatable: list[list[str]]) -> None:
    """Put books in the basket."""


def total() -> None:
    pass


def unused() -> None:
    pass


def contexts() -> list[StepFunctionContext]:
    return [
        StepFunctionContext("given", basket, parsers.parse("a basket with {count:d} books")),
        StepFunctionContext("then", total, parsers.string("the total is right")),
        StepFunctionContext("when", unused, parsers.re(r"nobody (?P<who>\w+) this")),
        # A Given phrase never matches a Then step.
        StepFunctionContext("given", total, parsers.string("the total is right")),
    ]


def test_parameters_come_from_the_phrase_and_the_step_arguments() -> None:
    given, _, regex, _ = contexts()
    assert parameters_of(given) == ["count", "datatable"]
    assert parameters_of(regex) == ["who"]


def test_usages_cover_every_outline_row_and_unused_steps_have_none(tmp_path: Path) -> None:
    path = tmp_path / "f.feature"
    path.write_text(FEATURE, encoding="utf-8")
    features = [read_feature(path, "f.feature", [])]

    catalogue = build_catalogue(contexts(), features, tmp_path)

    usage = {(d.type, d.pattern): [(u.line, u.text) for u in d.usages] for d in catalogue}
    assert usage[("given", "a basket with {count:d} books")] == [
        (3, "a basket with 1 books"),
        (3, "a basket with 2 books"),
    ]
    assert usage[("then", "the total is right")] == [(4, "the total is right")]
    assert usage[("given", "the total is right")] == []
    assert usage[("when", r"nobody (?P<who>\w+) this")] == []
    assert catalogue[0].docstring == "Put books in the basket."
    assert catalogue[0].location.startswith("tests/") or "test_livingdoc_catalogue.py" in (
        catalogue[0].location
    )


def test_merging_workers_catalogues_unions_usages(tmp_path: Path) -> None:
    path = tmp_path / "f.feature"
    path.write_text(FEATURE, encoding="utf-8")
    features = [read_feature(path, "f.feature", [])]
    first = build_catalogue(contexts()[:1], features, tmp_path)
    second = build_catalogue(contexts()[:2], features, tmp_path)
    first[0].usages = first[0].usages[:1]

    merged = merge_catalogues([first, second])

    assert [d.pattern for d in merged] == ["a basket with {count:d} books", "the total is right"]
    assert len(merged[0].usages) == 2
