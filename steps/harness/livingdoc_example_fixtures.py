"""The example project the living documentation scenarios document, and its fixture.

The project is a small shop whose files live in ``steps/harness/livingdoc_example/``
under names our own suite neither collects nor reads as its conftest or
configuration (see ``EXAMPLE_FILES``). Each scenario copies them into pytester's
temporary folder under their real names, adds the feature files its doc strings
hold, runs pytest (or ``python -m livingdoc``) there and reads the living
documentation written as a :class:`LivingDocPage`.
"""

from __future__ import annotations

import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from steps.harness.cucumber_messages import MessagesFile
from steps.harness.living_doc_page import LivingDocPage

EXAMPLE_DIR = Path(__file__).with_name("livingdoc_example")

#: The example project's files: name in the project -> file in ``EXAMPLE_DIR``.
EXAMPLE_FILES = {
    "conftest.py": "shop_steps.py",  # the step vocabulary and the @real_model skip
    "test_examples.py": "shop_scenarios.py",  # binds the project's features/ folder
    "pytest.ini": "shop_pytest.ini",  # registers the tags the example features use
    "receipt.png": "receipt.png",  # the screenshot a step attaches
}
#: Where the example project keeps its runs when a scenario asks for a history.
HISTORY_FOLDER = "history"
#: A second test module binding the same features (each scenario then runs twice).
SECOND_TEST_MODULE = "test_more_examples.py"

#: The phrases the example project's step vocabulary defines (the catalogue must list them).
EXAMPLE_PHRASES = [
    "a basket with {count:d} books",
    "the parcel holds",
    "the customer pays by card",
    "the customer pays with an expired card",
    "the customer pays with a noisy card reader",
    "the customer pays with a chatty card reader",
    "the customer pays with a flaky card reader",
    "the customer pays through the payment gateway",
    "the customer pays with the voucher code {code}",
    "the customer asks for payment advice",
    "the customer in {country} pays by card",
    "the customer prints the receipt",
    "the payment is accepted",
    "the receipt reads",
    "the customer receives a loyalty voucher",
]


#: A suggested phrase in a terminal report: "  1. Given a basket with {count:d} books  (93% alike)".
SUGGESTION_LINE = re.compile(
    r"^\s+\d+\. (?:Given|When|Then|Given/When/Then) (.+?)\s+\(\d+% alike\)$"
)

#: An undefined step in a check's report: "features/x.feature:3: Given a basket of 3 book".
CHECKED_STEP = re.compile(r"^\S+\.feature:(\d+): (?:Given|When|Then|And|But|\*) (.+)$")


@dataclass
class ExampleProject:
    """A throwaway pytest-bdd project, and the documents its runs wrote."""

    pytester: pytest.Pytester = field(repr=False)
    features: dict[str, str] = field(default_factory=dict)
    second_test_module: bool = False
    pages: dict[str, LivingDocPage] = field(default_factory=dict, repr=False)
    outputs: dict[str, str] = field(default_factory=dict, repr=False)
    #: The exit status of each run or check, by name.
    exit_codes: dict[str, int] = field(default_factory=dict, repr=False)

    def write(self) -> None:
        """Copy the example files and write the scenario's feature files under features/."""
        for name, source in EXAMPLE_FILES.items():
            shutil.copyfile(EXAMPLE_DIR / source, self.pytester.path / name)
        if self.second_test_module:
            shutil.copyfile(
                EXAMPLE_DIR / EXAMPLE_FILES["test_examples.py"],
                self.pytester.path / SECOND_TEST_MODULE,
            )
        for path, text in self.features.items():
            target = self.pytester.path / "features" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text + "\n", encoding="utf-8")

    def run(
        self,
        name: str,
        *args: str,
        subprocess: bool = False,
        history: bool = False,
        messages: bool = False,
    ) -> None:
        """Run the example suite writing ``doc/<name>.html`` (and its JSON).

        With ``history`` the run is kept in the project's ``history/`` folder, where the
        runs before it were kept; with ``messages`` it also writes Cucumber Messages to
        ``doc/<name>.ndjson``.
        """
        self.write()
        html = f"doc/{name}.html"
        # The example project is a plain pytest-bdd suite: no asyncio plugin wanted.
        argv = ["-p", "no:cacheprovider", "-p", "no:asyncio", f"--living-doc={html}", *args]
        if history:
            argv.append(f"--living-doc-history={HISTORY_FOLDER}")
        if messages:
            argv.append(f"--living-doc-messages=doc/{name}.ndjson")
        result = (
            self.pytester.runpytest_subprocess(*argv, timeout=120)
            if subprocess
            else self.pytester.runpytest(*argv)
        )
        self.outputs[name] = str(result.stdout)
        self.exit_codes[name] = int(result.ret)
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

    def check(self, name: str, feature_file: str) -> None:
        """``python -m livingdoc FEATURE --steps ... --check``: steps matched, nothing run."""
        self.write()
        result = self.pytester.run(
            sys.executable,
            "-m",
            "livingdoc",
            f"features/{feature_file}",
            "--steps",
            "test_examples.py",
            "--check",
            timeout=120,
        )
        self.outputs[name] = str(result.stdout) + str(result.stderr)
        self.exit_codes[name] = int(result.ret)

    def terminal_suggestions(self, name: str, step_text: str) -> list[str]:
        """The phrases the terminal report of run ``name`` suggests for an undefined step."""
        lines = self.outputs[name].splitlines()
        for index, line in enumerate(lines):
            heading = lines[index - 1] if index else ""
            if line.strip().endswith(f" {step_text}") and "Nearest step phrases" in heading:
                return [
                    match.group(1)
                    for later in lines[index + 1 :]
                    if (match := SUGGESTION_LINE.match(later))
                ][:3]
        raise AssertionError(f"the terminal report suggests nothing for {step_text!r}")

    def checked_steps(self, name: str) -> list[tuple[str, str, list[str]]]:
        """Each undefined step a check listed: its line, its text, the phrases suggested."""
        found: list[tuple[str, str, list[str]]] = []
        for line in self.outputs[name].splitlines():
            if (match := CHECKED_STEP.match(line)) is not None:
                found.append((match.group(1), match.group(2), []))
            elif found and (match := SUGGESTION_LINE.match(line)) is not None:
                found[-1][2].append(match.group(1))
        return found

    def _load(self, name: str, html: str) -> None:
        page_file = self.pytester.path / html
        assert page_file.is_file(), f"no living documentation written:\n{self.outputs[name]}"
        self.pages[name] = LivingDocPage.load(page_file)

    def messages(self, name: str) -> MessagesFile:
        """The Cucumber Messages run ``name`` wrote."""
        path = self.pytester.path / "doc" / f"{name}.ndjson"
        assert path.is_file(), f"no Cucumber Messages written:\n{self.outputs[name]}"
        return MessagesFile.load(path)

    @property
    def page(self) -> LivingDocPage:
        """The page the latest run wrote."""
        assert self.pages, "the example project has not been documented yet"
        return self.pages[next(reversed(self.pages))]


@pytest.fixture
def example_project(pytester: pytest.Pytester) -> ExampleProject:
    """A fresh example project per scenario, in pytester's temporary folder."""
    return ExampleProject(pytester)
