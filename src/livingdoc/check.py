"""Check feature files before they are committed: every step must match a definition.

A product owner edits a feature file; pytest-bdd only notices a step no
definition matches when the scenario runs. The check reads the files with the
official parser, matches every step line (outline rows rendered, as a run does)
against the session's vocabulary and lists each undefined step with the phrases
nearest to it. The same text explains an undefined step in the terminal report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalogue import spec_steps
from .model import Feature, Suggestion
from .suggest import readable_phrase
from .vocabulary import Vocabulary

TYPE_KEYWORDS = {"given": "Given", "when": "When", "then": "Then", "step": "Given/When/Then"}


@dataclass
class UndefinedStep:
    """A step line of a feature file that no step definition matches."""

    uri: str
    line: int
    keyword: str
    type: str
    text: str
    suggestions: list[Suggestion] = field(default_factory=list)


@dataclass
class CheckResult:
    """What the check found in the files it read."""

    files: int = 0
    steps: int = 0
    undefined: list[UndefinedStep] = field(default_factory=list)
    parse_errors: list[tuple[str, str]] = field(default_factory=list)  # (file, message)

    @property
    def ok(self) -> bool:
        return not self.undefined and not self.parse_errors


def check_features(features: list[Feature], vocabulary: Vocabulary) -> CheckResult:
    """Every step line of these features that no definition matches, with suggestions."""
    result = CheckResult(files=len(features))
    result.parse_errors = [(f.uri, f.parse_error) for f in features if f.parse_error]
    seen: set[tuple[str, int, str]] = set()
    for uri, step, text in spec_steps(features):
        if (uri, step.line, text) in seen:
            continue
        seen.add((uri, step.line, text))
        result.steps += 1
        if not vocabulary.matching(step, text):
            suggestions = vocabulary.suggest(step.type, text)
            result.undefined.append(
                UndefinedStep(uri, step.line, step.keyword, step.type, text, suggestions)
            )
    return result


def suggestions_text(suggestions: list[Suggestion], indent: str = "  ") -> str:
    """The nearest phrases as lines of text: phrase, parameters, an example of use."""
    lines = []
    for number, found in enumerate(suggestions, 1):
        lines.append(
            f"{indent}{number}. {TYPE_KEYWORDS.get(found.type, found.type)} "
            f"{readable_phrase(found.pattern, found.parser)}"
            f"   ({found.similarity:.0%} alike)"
        )
        for parameter in found.parameters:
            lines.append(f"{indent}     {parameter.name}: {parameter.kind}")
        if found.example:
            lines.append(f"{indent}     for example: {found.example}   ({found.example_at})")
        else:
            lines.append(f"{indent}     no scenario uses it yet")
    return "\n".join(lines)


def undefined_step_text(keyword: str, text: str, suggestions: list[Suggestion]) -> str:
    """One undefined step and the phrases that would match it, for a terminal."""
    head = f"{keyword} {text}\n  No step definition matches this step."
    if not suggestions:
        return head + " The project has no step definitions yet."
    return f"{head} The nearest phrases:\n{suggestions_text(suggestions, '    ')}"


def check_report(result: CheckResult) -> str:
    """The whole check as text: each problem with where it is, then a count."""
    blocks = [f"{uri}: the file cannot be read as Gherkin:\n  {message}"
              for uri, message in result.parse_errors]  # fmt: skip
    blocks += [
        f"{step.uri}:{step.line}: {undefined_step_text(step.keyword, step.text, step.suggestions)}"
        for step in result.undefined
    ]
    files = f"{result.files} feature file{'s' if result.files != 1 else ''}"
    if result.ok:
        return f"{files} checked: all {result.steps} steps match a step definition."
    count = len(result.undefined)
    summary = f"{files} checked: {count} undefined step{'s' if count != 1 else ''}"
    if result.parse_errors:
        summary += f", {len(result.parse_errors)} file(s) not readable"
    return "\n\n".join([*blocks, summary + "."])
