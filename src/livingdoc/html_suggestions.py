"""What the page shows under an undefined step: the catalogue phrases that would match.

Each suggestion reads as a reader would write it (parameters highlighted, their
kinds named), with a step line that already uses the phrase and a link to its
entry in the step catalogue, so a product owner can fix the wording alone.
"""

from __future__ import annotations

from .markup import definition_anchor, esc, pattern_html
from .model import Suggestion
from .suggest import readable_phrase

TYPE_KEYWORDS = {"given": "Given", "when": "When", "then": "Then", "step": "Given/When/Then"}


def _phrase(suggestion: Suggestion) -> str:
    if suggestion.parser not in ("re", "parse", "cfparse"):
        return esc(suggestion.pattern)
    return pattern_html(readable_phrase(suggestion.pattern, suggestion.parser), "parse")


def _suggestion(suggestion: Suggestion) -> str:
    anchor = definition_anchor(suggestion.location, suggestion.type, suggestion.pattern)
    parameters = "".join(
        f'<span class="sg-param"><span class="arg-name">{esc(p.name)}</span>'
        f'<span class="sg-kind">{esc(p.kind)}</span></span>'
        for p in suggestion.parameters
    )
    example = (
        f'<div class="sg-example">for example: <q>{esc(suggestion.example)}</q> '
        f'<span class="loc">{esc(suggestion.example_at)}</span></div>'
        if suggestion.example
        else '<div class="sg-example none">no scenario uses it yet</div>'
    )
    return (
        f'<li class="suggestion" data-pattern="{esc(suggestion.pattern)}">'
        f'<a class="sg-phrase" href="#{anchor}"><span class="kw">'
        f"{esc(TYPE_KEYWORDS.get(suggestion.type, suggestion.type))}</span> "
        f"{_phrase(suggestion)}</a>"
        f'<span class="sg-alike">{suggestion.similarity:.0%} alike</span>'
        f'{f"<div class=sg-params>{parameters}</div>" if parameters else ""}{example}</li>'
    )


def suggestions_html(suggestions: list[Suggestion]) -> str:
    """The nearest phrases under an undefined step, nearest first; nothing without any."""
    if not suggestions:
        return ""
    items = "".join(_suggestion(s) for s in suggestions)
    return (
        '<div class="suggestions"><p class="sg-title">The nearest phrases in the step '
        f"catalogue:</p><ol>{items}</ol></div>"
    )
