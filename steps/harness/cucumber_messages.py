"""A Cucumber Messages file (NDJSON), read back the way Cucumber's tools read it.

Each line is one envelope; each is checked against the official JSON schema of
the protocol (``messages_schema/``, copied from ``@cucumber/messages``), and the
run is reassembled from the ids the messages carry: test cases to pickles,
steps to results, attachments to steps.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

SCHEMA_FILE = Path(__file__).with_name("messages_schema") / "messages.schema.json"
#: Cucumber's order of step results, least severe first: a test case takes its worst.
SEVERITY = ["UNKNOWN", "PASSED", "SKIPPED", "PENDING", "UNDEFINED", "AMBIGUOUS", "FAILED"]


@lru_cache(maxsize=1)
def validator() -> Draft202012Validator:
    return Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


@dataclass
class MessagesFile:
    """Every envelope of a Messages file, in order."""

    envelopes: list[dict[str, Any]]

    @classmethod
    def load(cls, path: Path) -> MessagesFile:
        lines = path.read_text(encoding="utf-8").splitlines()
        return cls([json.loads(line) for line in lines if line.strip()])

    def schema_errors(self) -> list[str]:
        """Each envelope the schema rejects, with why (empty: all valid)."""
        return [
            f"message {number} ({next(iter(envelope), '?')}): {error.message}"
            for number, envelope in enumerate(self.envelopes, 1)
            for error in validator().iter_errors(envelope)
        ]

    def of(self, kind: str) -> list[dict[str, Any]]:
        return [envelope[kind] for envelope in self.envelopes if kind in envelope]

    def _by_id(self, kind: str) -> dict[str, dict[str, Any]]:
        return {message["id"]: message for message in self.of(kind)}

    def test_case_statuses(self) -> list[tuple[str, str]]:
        """Each executed test case as (its pickle's name, its worst step result)."""
        pickles, cases = self._by_id("pickle"), self._by_id("testCase")
        started = {m["id"]: cases[m["testCaseId"]] for m in self.of("testCaseStarted")}
        results: dict[str, list[str]] = {key: [] for key in started}
        for finished in self.of("testStepFinished"):
            results[finished["testCaseStartedId"]].append(finished["testStepResult"]["status"])
        return [
            (pickles[case["pickleId"]]["name"], max(results[key], key=SEVERITY.index))
            for key, case in started.items()
        ]

    def attachments_of_step(self, step_text: str) -> list[tuple[str, str]]:
        """What is attached to the step with this text, as (media type, file name)."""
        pickle_steps = {s["id"]: s for p in self.of("pickle") for s in p["steps"]}
        test_steps = {
            step["id"]: pickle_steps.get(step.get("pickleStepId", ""), {})
            for case in self.of("testCase")
            for step in case["testSteps"]
        }
        return [
            (attachment["mediaType"], attachment.get("fileName", ""))
            for attachment in self.of("attachment")
            if test_steps.get(attachment.get("testStepId", ""), {}).get("text") == step_text
        ]

    def _test_steps(self) -> list[tuple[str, dict[str, Any]]]:
        """Every test step of a pickle step, in the order of the cases, with its text."""
        pickle_steps = {s["id"]: s for p in self.of("pickle") for s in p["steps"]}
        return [
            (pickle_steps[step["pickleStepId"]]["text"], step)
            for case in self.of("testCase")
            for step in case["testSteps"]
            if "pickleStepId" in step
        ]

    def pickle_step_texts(self) -> list[str]:
        """The text of every test step of every test case, in the order of the cases."""
        return [text for text, _step in self._test_steps()]

    def steps_without_definition(self) -> list[str]:
        """The text of every test step that names no step definition."""
        return [text for text, step in self._test_steps() if not step.get("stepDefinitionIds")]
