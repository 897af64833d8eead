"""Read feature files with the official Gherkin parser into the specification model.

We parse the files ourselves (with ``gherkin-official``, the parser pytest-bdd uses)
instead of reusing pytest-bdd's objects because pytest-bdd keeps only what it needs
to run: it drops Rule descriptions, Examples descriptions, doc string media types
and the order of rules. Parsing again also lets the document be built without any
run and cover feature files no test module binds.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from gherkin.errors import CompositeParserException
from gherkin.parser import Parser

from .model import Background, DocString, ExampleRow, Examples, Feature, Rule, Scenario, Step

#: Same mapping pytest-bdd applies: And/But (Conjunction) inherit the previous type.
_TYPE_BY_KEYWORD_TYPE = {"Context": "given", "Action": "when", "Outcome": "then"}

#: Folders never searched for feature files when no features path is configured.
_SKIPPED_DIRS = {"node_modules", "site-packages", "build", "dist", "venv", "__pycache__"}


def discover_feature_files(paths: Iterable[Path]) -> list[Path]:
    """Every ``*.feature`` file under the given files or folders, sorted, without duplicates.

    Hidden folders, virtualenvs and build output are skipped so that pointing the
    plugin at a project root does not pick up vendored example features.
    """
    found: set[Path] = set()
    for path in paths:
        if path.is_file():
            found.add(path.resolve())
            continue
        if not path.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(
                d for d in dirnames if not d.startswith(".") and d not in _SKIPPED_DIRS
            )
            found.update(
                (Path(dirpath) / name).resolve() for name in filenames if name.endswith(".feature")
            )
    return sorted(found)


def find_feature_files(rootdir: Path, roots: list[Path]) -> tuple[list[Path], list[Path]]:
    """The files to document and the roots their capability folders start from.

    Without configured roots every feature under the rootdir is taken, and the
    deepest folder they all share becomes the root (usually ``features/``).
    """
    if roots:
        return discover_feature_files(roots), roots
    files = discover_feature_files([rootdir])
    if not files:
        return [], [rootdir]
    common = Path(os.path.commonpath([str(f.parent) for f in files]))
    return files, [common]


def capability_of(feature_file: Path, roots: Iterable[Path]) -> list[str]:
    """The folder path of a feature below the closest features root, as a list of names.

    ``features/living_documentation/x.feature`` under root ``features`` gives
    ``["living_documentation"]``; a file directly in the root gives ``[]``.
    """
    best: list[str] | None = None
    for root in roots:
        root = root.resolve()
        if root.is_file():
            root = root.parent
        try:
            parts = list(feature_file.parent.relative_to(root).parts)
        except ValueError:
            continue
        if best is None or len(parts) < len(best):
            best = parts
    return best if best is not None else [feature_file.parent.name]


def read_feature(path: Path, uri: str, capability: list[str]) -> Feature:
    """Parse one feature file; a syntax error gives a Feature carrying the message."""
    text = path.read_text(encoding="utf-8")
    try:
        document = Parser().parse(text)
    except CompositeParserException as error:
        return Feature(
            uri=uri,
            capability=capability,
            keyword="Feature",
            name=path.stem,
            description="",
            tags=[],
            language="en",
            line=1,
            parse_error=str(error),
        )
    data = document.get("feature")
    if not data:
        return Feature(uri, capability, "Feature", path.stem, "", [], "en", 1)
    return _feature(data, uri, capability)


def read_features(files: Iterable[Path], rootdir: Path, roots: Iterable[Path]) -> list[Feature]:
    """Parse many feature files; ``uri`` is each file's path relative to ``rootdir``."""
    roots = list(roots)
    return [read_feature(f, relative_uri(f, rootdir), capability_of(f, roots)) for f in files]


def relative_uri(path: Path, rootdir: Path) -> str:
    """A stable, portable name for a feature file: POSIX path relative to the root."""
    try:
        return Path(os.path.relpath(path.resolve(), rootdir.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return path.resolve().as_posix()


def _description(raw: str | None) -> str:
    return textwrap.dedent(raw or "").strip("\n")


def _tags(data: dict[str, Any]) -> list[str]:
    return [tag["name"] for tag in data.get("tags", [])]


def _steps(raw_steps: list[dict[str, Any]]) -> list[Step]:
    steps = []
    current = "given"
    for raw in raw_steps:
        current = _TYPE_BY_KEYWORD_TYPE.get(raw.get("keywordType", ""), current)
        table = raw.get("dataTable")
        doc = raw.get("docString")
        steps.append(
            Step(
                keyword=raw["keyword"].strip(),
                keyword_type=raw.get("keywordType", ""),
                type=current,
                text=raw["text"],
                line=raw["location"]["line"],
                data_table=[[c["value"] for c in row["cells"]] for row in table["rows"]]
                if table
                else None,
                doc_string=DocString(doc["content"], doc.get("mediaType") or "") if doc else None,
            )
        )
    return steps


def _background(data: dict[str, Any]) -> Background:
    return Background(
        keyword=data["keyword"],
        name=data.get("name", ""),
        description=_description(data.get("description")),
        line=data["location"]["line"],
        steps=_steps(data.get("steps", [])),
    )


def _examples(data: dict[str, Any]) -> Examples:
    header = data.get("tableHeader")
    return Examples(
        keyword=data["keyword"],
        name=data.get("name", ""),
        description=_description(data.get("description")),
        tags=_tags(data),
        line=data["location"]["line"],
        header=[c["value"] for c in header["cells"]] if header else [],
        rows=[
            ExampleRow(line=row["location"]["line"], cells=[c["value"] for c in row["cells"]])
            for row in data.get("tableBody", [])
        ],
    )


def _scenario(data: dict[str, Any], uri: str, inherited: list[str]) -> Scenario:
    own = _tags(data)
    return Scenario(
        id=f"{uri}:{data['location']['line']}",
        keyword=data["keyword"],
        name=data["name"],
        description=_description(data.get("description")),
        tags=own,
        line=data["location"]["line"],
        steps=_steps(data.get("steps", [])),
        # Only tables with a header run (pytest-bdd ignores the others).
        examples=[_examples(e) for e in data.get("examples", []) if e.get("tableHeader")],
        all_tags=list(dict.fromkeys(own + inherited)),
    )


def _children(
    children: list[dict[str, Any]], uri: str, inherited: list[str]
) -> Iterator[tuple[str, Any]]:
    for child in children:
        if "background" in child:
            yield "background", _background(child["background"])
        elif "scenario" in child:
            yield "scenario", _scenario(child["scenario"], uri, inherited)
        elif "rule" in child:
            rule_data = child["rule"]
            rule_tags = _tags(rule_data)
            rule = Rule(
                keyword=rule_data["keyword"],
                name=rule_data["name"],
                description=_description(rule_data.get("description")),
                tags=rule_tags,
                line=rule_data["location"]["line"],
            )
            for kind, item in _children(rule_data.get("children", []), uri, rule_tags + inherited):
                if kind == "background":
                    rule.background = item
                elif kind == "scenario":
                    rule.scenarios.append(item)
            yield "rule", rule


def _feature(data: dict[str, Any], uri: str, capability: list[str]) -> Feature:
    feature = Feature(
        uri=uri,
        capability=capability,
        keyword=data["keyword"],
        name=data["name"],
        description=_description(data.get("description")),
        tags=_tags(data),
        language=data.get("language", "en"),
        line=data["location"]["line"],
    )
    for kind, item in _children(data.get("children", []), uri, feature.tags):
        if kind == "background":
            feature.background = item
        elif kind == "scenario":
            feature.scenarios.append(item)
        else:
            feature.rules.append(item)
    return feature
