"""Assemble the document from its three sources and write the HTML and JSON files.

The builder is deliberately ignorant of pytest: it receives plain payloads and
catalogues, so the command line (no run) and the plugin (a run, maybe distributed)
share it.
"""

from __future__ import annotations

import contextlib
import json
import tomllib
from collections import defaultdict
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .catalogue import merge_catalogues
from .gherkin_reader import capability_of, find_feature_files, read_features
from .history import HistoryStore, RunRecord, attach_history, run_record
from .html import render_html
from .join import join_results
from .messages import write_messages
from .model import Document, Feature, RunContext, StepDefinition


class DocumentBuilder:
    """Collects results and catalogues during a run; builds and writes at the end."""

    def __init__(
        self,
        rootdir: Path,
        roots: list[Path],
        html_path: Path,
        json_path: Path | None = None,
        title: str = "",
        history: HistoryStore | None = None,
        messages_path: Path | None = None,
    ) -> None:
        self.rootdir = Path(rootdir)
        self.roots = [Path(r) for r in roots]
        self.html_path = Path(html_path)
        self.json_path = Path(json_path) if json_path else self.html_path.with_suffix(".json")
        self.title = title or default_title(self.rootdir)
        self.history = history
        self.messages_path = Path(messages_path) if messages_path else None
        self._record: RunRecord | None = None  # this run's, saved once the page is written
        self.payloads: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.catalogues: list[list[StepDefinition]] = []
        self.started = 0.0
        self.run: RunContext | None = None  # set by the plugin at the end of a run
        self.written = False

    def feature_files(self) -> tuple[list[Path], list[Path]]:
        """The files to document and the roots their capability folders start from."""
        return find_feature_files(self.rootdir, self.roots)

    def read_features(self) -> list[Feature]:
        files, roots = self.feature_files()
        return read_features(files, self.rootdir, roots)

    def add_payload(self, payload: dict[str, Any]) -> None:
        self.payloads[payload["nodeid"]].append(payload)

    def add_catalogue(self, catalogue: list[StepDefinition]) -> None:
        self.catalogues.append(catalogue)

    def build(self) -> Document:
        """Parse the features now (they may have changed), then join everything."""
        features = self.read_features()
        known = {f.uri for f in features}
        _, roots = self.feature_files()
        extra = sorted(
            {phases[0]["uri"] for phases in self.payloads.values()} - known,
        )
        for uri in extra:  # bound by a test but outside the configured roots
            path = self.rootdir / uri
            if path.is_file():
                features.extend(read_features([path], self.rootdir, [*roots, path.parent]))
        features.sort(key=lambda f: (f.capability, f.uri))
        join_results(features, self.payloads)
        document = Document(
            title=self.title,
            generated_at=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            features=features,
            step_definitions=merge_catalogues(self.catalogues),
            catalogue_available=bool(self.catalogues),
            run=replace(self.run, tests=len(self.payloads)) if self.run is not None else None,
        )
        self._record = None
        if self.history is not None and document.run is not None and not document.run.collect_only:
            self._record = run_record(document)
            attach_history(document, self.history.load(), self._record)
        return document

    def write(self) -> Document:
        """Write the HTML page and the JSON model (and keep the run); returns the document."""
        document = self.build()
        write_document(document, self.html_path, self.json_path)
        if self.messages_path is not None:
            write_messages(document, self.rootdir, self.messages_path)
        if self.history is not None and self._record is not None:
            self.history.save(self._record)
        self.written = True
        return document


def default_title(rootdir: Path) -> str:
    """The default title: the project name from pyproject.toml, else the folder name."""
    name = rootdir.resolve().name
    with contextlib.suppress(OSError, ValueError, AttributeError):
        project = tomllib.loads((rootdir / "pyproject.toml").read_text(encoding="utf-8"))
        name = str(project.get("project", {}).get("name") or name)
    return f"{name} — living documentation"


def write_document(document: Document, html_path: Path, json_path: Path | None) -> None:
    """Write both files, creating folders as needed."""
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(render_html(document), encoding="utf-8")
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(
            json.dumps(document.to_dict(), indent=1, ensure_ascii=False), encoding="utf-8"
        )


__all__ = ["DocumentBuilder", "capability_of", "write_document"]
