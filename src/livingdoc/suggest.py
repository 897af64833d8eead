"""Which catalogue phrases are nearest to a step that no definition matches.

A product owner who writes "a basket of 3 book" where the vocabulary has "a
basket with {count:d} books" should be told so, not sent to a developer. Both
sides are reduced to tokens: the phrase's parameters become placeholders, the
step's values (numbers, quoted text) become value tokens, words are lower-cased
and stemmed (plurals, tenses), and small words (articles, prepositions, forms of
"to be") weigh little. A weighted edit distance over the tokens then ranks the
phrases: a word more or less, a synonym, a typo or another value cost little, so
the right phrase comes first even when the wording drifted. A regular-expression phrase
is compared in each wording its alternatives allow ("the career pages are scraped" as well
as "the sources are scraped"), and the nearest phrase of the step's own type is always
among those shown, however many Givens and Thens share the step's nouns.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from .model import Parameter, StepDefinition, Suggestion

#: How many phrases an undefined step is shown.
SUGGESTIONS = 3

#: Readable names of the parse library's format types; a suite's own types keep their name.
KIND_NAMES = {
    "": "text",
    "d": "whole number",
    "n": "whole number (with separators)",
    "f": "decimal number",
    "F": "decimal number",
    "e": "number",
    "g": "number",
    "%": "percentage",
    "w": "word",
    "W": "non-word characters",
    "l": "letters",
    "s": "whitespace",
    "S": "non-whitespace text",
    "ti": "date and time",
    "te": "date and time",
    "tg": "date and time",
    "ta": "date and time",
    "th": "date and time",
    "tc": "date and time",
    "tt": "time",
    "ts": "date and time",
    "int": "whole number",
    "float": "decimal number",
    "str": "text",
}
#: Names pytest-bdd gives a step function from the step itself, not from its phrase.
STEP_ARGUMENT_KINDS = {"datatable": "data table", "docstring": "doc string"}

#: Words that carry little meaning in a phrase: one more, one less or another one costs little.
_SMALL = """a an the some any its their his her our your my this that these those of to in
on at for with by from and or is are was were be been being has have had it as"""
SMALL_WORDS = frozenset(_SMALL.split())
#: A few general synonyms (stemmed); a project's own vocabulary is matched by its words.
SYNONYMS = [
    {"show", "display"},
    {"get", "receive"},
    {"start", "begin"},
    {"finish", "end", "complete"},
    {"delete", "remove"},
    {"create", "add"},
    {"see", "view"},
    {"pick", "choose", "select"},
]
_SYNONYM_OF = {word: index for index, group in enumerate(SYNONYMS) for word in group}

_VALUE = re.compile(
    r'"[^"]*"|[$€£]?\d[\d,]*(?:\.\d+)?%?|<[^<>]+>|[^\W\d_]+(?:[\'’][^\W\d_]+)*', re.UNICODE
)
_PARSE_FIELD = re.compile(r"\{\{|\}\}|\{([^{}:]*)(?::([^{}]*))?\}")

WORD, SMALL, NUMBER, QUOTED, ANY = "word", "small", "number", "quoted", "any"
PARAM, QUOTED_PARAM, OPTIONAL = "param", "quoted-param", "optional"
_WEIGHT = {WORD: 1.0, SMALL: 0.25, NUMBER: 1.0, QUOTED: 1.0, ANY: 1.0, PARAM: 1.0,
           QUOTED_PARAM: 1.0, OPTIONAL: 0.2}  # fmt: skip


@dataclass(frozen=True)
class Token:
    """One unit of a phrase or a step: a stemmed word, a value or a placeholder."""

    kind: str
    text: str = ""

    @property
    def weight(self) -> float:
        return _WEIGHT[self.kind]


def stem(word: str) -> str:
    """A word without its inflection, enough to tell "books" and "book" are one word."""
    word = word.lower().replace("’", "'")
    word = re.sub(r"'s?$", "", word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    return word


def _word(text: str) -> Token:
    stemmed = stem(text)
    return Token(SMALL if text.lower() in SMALL_WORDS else WORD, stemmed)


def step_tokens(text: str) -> list[Token]:
    """A step as a run writes it: words, numbers, quoted values, outline placeholders."""
    tokens = []
    for match in _VALUE.finditer(text):
        value = match.group(0)
        if value.startswith('"'):
            tokens.append(Token(QUOTED))
        elif value.startswith("<"):
            tokens.append(Token(ANY))
        elif value[0].isdigit() or value[0] in "$€£":
            tokens.append(Token(NUMBER))
        else:
            tokens.append(_word(value))
    return tokens


def _literal_tokens(text: str) -> list[Token]:
    """Words of a phrase's fixed text (its quote marks only frame parameters)."""
    return step_tokens(text.replace('"', " "))


def _group_end(pattern: str, start: int) -> int:
    """The index just past the parenthesis that closes the group opening at ``start``."""
    depth, cursor = 0, start
    while cursor < len(pattern):
        char = pattern[cursor]
        if char == "\\":
            cursor += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return cursor + 1
        cursor += 1
    return len(pattern)


def _alternatives(pattern: str) -> list[str]:
    """A regular expression split at its top-level ``|``."""
    parts, depth, last = [], 0, 0
    for index, char in enumerate(pattern):
        escaped = index > 0 and pattern[index - 1] == "\\"
        if char == "(" and not escaped:
            depth += 1
        elif char == ")" and not escaped:
            depth -= 1
        elif char == "|" and depth == 0 and not escaped:
            parts.append(pattern[last:index])
            last = index + 1
    return [*parts, pattern[last:]]


def _regex_words(pattern: str, readable: bool) -> str:
    """A regular expression as words with ``{name}`` fields.

    ``readable`` keeps what a reader may write: optional parts in brackets and
    every alternative (``(is / are)``); otherwise, for comparing, optional parts
    are left out and only the first alternative is kept.
    """
    choices = _alternatives(pattern)
    if len(choices) > 1:
        if not readable:
            return _regex_words(choices[0], readable)
        return " / ".join(_regex_words(choice, readable) for choice in choices)
    out: list[str] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if pattern.startswith("(?P<", index):
            end = _group_end(pattern, index)
            out.append("{" + pattern[index + 4 : pattern.index(">", index)] + "}")
            index = end
        elif char == "(":
            end = _group_end(pattern, index)
            inner = pattern[index + 1 : end - 1].removeprefix("?:")
            optional = end < len(pattern) and pattern[end] in "?*"
            shown = _regex_words(inner, readable)
            if readable and len(_alternatives(inner)) > 1:
                shown = f"({shown})"
            if optional:
                shown = f"[{shown}]" if readable else " "
            out.append(shown)
            index = end + (1 if optional else 0)
        elif char == "\\" and index + 1 < len(pattern):
            following = pattern[index + 1]
            out.append({"s": " ", "d": "0-9" if readable else " "}.get(following, following))
            index += 2
        elif char == "[":
            index = pattern.find("]", index + 2) + 1 or len(pattern)  # a character class
            out.append("…" if readable else " ")
        elif index + 1 < len(pattern) and pattern[index + 1] in "?*":
            out.append(f"[{char}]" if readable else "")  # "postings?"
            index += 2
        else:
            out.append(" " if char in "^$+" and not readable else "" if char in "^$+" else char)
            index += 1
    return "".join(out)


def regex_as_fields(pattern: str) -> str:
    """A regular-expression phrase as plain words with ``{name}`` fields, for comparing.

    Named groups become fields; an optional group (``(?:an )?``) is left out, and of
    alternatives (``(?:is|are)``) the first is kept: what a reader would write.
    """
    return _regex_words(pattern, readable=False)


#: The most wordings of one regular-expression phrase compared with a step.
MAX_WORDINGS = 64


def regex_wordings(pattern: str, limit: int = MAX_WORDINGS) -> list[str]:
    """Every wording a regular-expression phrase accepts, as :func:`regex_as_fields` writes
    one (optional parts left out), one per choice of its alternatives: ``the (?:sources|career
    pages) are scraped`` reads "the sources are scraped" and "the career pages are scraped".
    At most ``limit``, the first choices first (the first is :func:`regex_as_fields`')."""
    choices = _alternatives(pattern)
    if len(choices) > 1:
        found: list[str] = []
        for choice in choices:
            found.extend(regex_wordings(choice, limit - len(found)))
            if len(found) >= limit:
                break
        return found[:limit]
    prefixes = [""]
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "(" and not pattern.startswith("(?P<", index):
            end = _group_end(pattern, index)
            if end < len(pattern) and pattern[end] in "?*":
                prefixes = [p + " " for p in prefixes]
                index = end + 1
                continue
            inner = regex_wordings(pattern[index + 1 : end - 1].removeprefix("?:"), limit)
            prefixes = [p + w for p in prefixes for w in inner][:limit]
            index = end
            continue
        # every other piece reads as regex_as_fields reads it
        step = _piece_end(pattern, index)
        piece = _regex_words(pattern[index:step], readable=False)
        prefixes = [p + piece for p in prefixes]
        index = step
    return prefixes


def _piece_end(pattern: str, index: int) -> int:
    """Where the piece of ``pattern`` starting at ``index`` ends (as ``_regex_words`` steps)."""
    if pattern.startswith("(?P<", index):
        return _group_end(pattern, index)
    char = pattern[index]
    if char == "\\" and index + 1 < len(pattern):
        return index + 2
    if char == "[":
        return pattern.find("]", index + 2) + 1 or len(pattern)
    if index + 1 < len(pattern) and pattern[index + 1] in "?*":
        return index + 2
    return index + 1


def readable_phrase(pattern: str, parser: str) -> str:
    """A phrase as a reader writes it: regular-expression syntax turned into words.

    ``the run ends (?P<status>completed|failed)(?: with (?P<count>\\d+) postings?)?``
    reads ``the run ends {status}[ with {count} posting[s]]``; other phrases are shown
    as written.
    """
    if parser != "re":
        return pattern
    return _regex_words(pattern.removeprefix("^").removesuffix("$"), readable=True)


def phrase_tokens(pattern: str, parser: str) -> list[Token]:
    """A catalogue phrase as tokens: its parameters become placeholders.

    An unnamed field glued to a word (``posting{:s}``) is an inflection and
    disappears; one standing alone (``{:is}``) may match any small word.
    """
    if parser == "re":
        pattern, parser = regex_as_fields(pattern), "parse"
    if parser not in ("parse", "cfparse"):
        return _literal_tokens(pattern)
    tokens: list[Token] = []
    last = 0
    for match in _PARSE_FIELD.finditer(pattern):
        tokens.extend(_literal_tokens(pattern[last : match.start()]))
        last = match.end()
        if match.group(0) in ("{{", "}}"):
            continue
        before = pattern[match.start() - 1] if match.start() else " "
        after = pattern[match.end()] if match.end() < len(pattern) else " "
        if not match.group(1):
            if before.isspace():
                tokens.append(Token(OPTIONAL))
            continue
        quoted = before == '"' and after == '"'
        tokens.append(Token(QUOTED_PARAM if quoted else PARAM, match.group(1)))
    tokens.extend(_literal_tokens(pattern[last:]))
    return tokens


def _substitution(wanted: Token, written: Token) -> float:
    """What it costs that the step wrote ``written`` where the phrase has ``wanted``."""
    if wanted.kind == OPTIONAL:
        return 0.0 if written.kind in (SMALL, WORD) else written.weight
    if wanted.kind == PARAM:
        return {NUMBER: 0.0, QUOTED: 0.0, ANY: 0.0, WORD: 0.15}.get(written.kind, 0.5)
    if wanted.kind == QUOTED_PARAM:
        return {QUOTED: 0.0, ANY: 0.0, NUMBER: 0.3}.get(written.kind, 0.6)
    if written.kind in (NUMBER, QUOTED, ANY):
        return max(wanted.weight, written.weight)
    if wanted.text == written.text:
        return 0.0
    group = _SYNONYM_OF.get(wanted.text)
    if group is not None and group == _SYNONYM_OF.get(written.text):
        return 0.2
    if wanted.kind == SMALL and written.kind == SMALL:
        return 0.25
    if SequenceMatcher(None, wanted.text, written.text).ratio() >= 0.8:
        return 0.3  # a typo, or a form the stemmer does not know
    return max(wanted.weight, written.weight)


def distance(phrase: list[Token], step: list[Token]) -> float:
    """Weighted edit distance: substituting, adding or leaving out tokens.

    A word written after a plain placeholder is nearly free: ``{country}`` takes
    "New Zealand" as well as "France".
    """
    rows, cols = len(phrase), len(step)
    table = [[0.0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        table[i][0] = table[i - 1][0] + phrase[i - 1].weight
    for j in range(1, cols + 1):
        table[0][j] = table[0][j - 1] + step[j - 1].weight
    for i in range(1, rows + 1):
        for j in range(1, cols + 1):
            extra = 0.1 if phrase[i - 1].kind == PARAM else step[j - 1].weight
            table[i][j] = min(
                table[i - 1][j - 1] + _substitution(phrase[i - 1], step[j - 1]),
                table[i - 1][j] + phrase[i - 1].weight,
                table[i][j - 1] + extra,
            )
    return table[rows][cols]


def similarity(pattern: str, parser: str, text: str) -> float:
    """How close a step's text is to a phrase, from 0 (nothing shared) to 1 (same words);
    of a regular-expression phrase, its nearest wording (see :func:`regex_wordings`)."""
    step = step_tokens(text)
    wordings = ([phrase_tokens(w, "parse") for w in regex_wordings(pattern)] if parser == "re"
                else [phrase_tokens(pattern, parser)])
    best = 0.0
    for phrase in wordings:
        total = max(sum(t.weight for t in phrase), sum(t.weight for t in step), 1e-9)
        best = max(best, 1.0 - distance(phrase, step) / total)
    return best


def readable_kind(spec: str) -> str:
    """A parameter's type as a reader says it ("whole number"); a suite's own name as is."""
    return KIND_NAMES.get(spec, spec)


def parameters(definition: StepDefinition) -> list[Parameter]:
    """The phrase's parameters with their kinds, then the step arguments it takes."""
    return [
        Parameter(
            name,
            STEP_ARGUMENT_KINDS.get(name)
            or readable_kind(definition.parameter_types.get(name, "")),
        )
        for name in definition.parameters
    ]


def rank(
    step_type: str, text: str, definitions: Iterable[StepDefinition]
) -> list[tuple[float, StepDefinition]]:
    """Every phrase with its similarity to the step, nearest first.

    A phrase of another step type (a Given where the step says When) is ranked a
    little lower: pytest-bdd would not match it, but the wording may be the one the
    writer meant.
    """
    ranked = []
    for definition in definitions:
        score = similarity(definition.pattern, definition.parser, text)
        if definition.type not in (step_type, "step"):
            score *= 0.9
        ranked.append((round(score, 4), definition))
    ranked.sort(key=lambda pair: (-pair[0], pair[1].pattern.lower(), pair[1].location))
    return ranked


def shortlist(
    step_type: str, ranked: list[tuple[float, StepDefinition]], limit: int = SUGGESTIONS
) -> list[tuple[float, StepDefinition]]:
    """The first ``limit`` ranked phrases; when none of them is of the step's own type, the
    nearest phrase of that type takes the last place.

    A When that drifted from every action ("When the career pages are crawled") shares its
    nouns with many Givens and Thens, which then fill every place although pytest-bdd could
    not match any of them; the writer needs the action they meant too.
    """
    chosen = ranked[:limit]
    if not limit or any(d.type in (step_type, "step") for _, d in chosen):
        return chosen
    own = next((pair for pair in ranked[limit:] if pair[1].type in (step_type, "step")), None)
    return chosen if own is None else [*chosen[: limit - 1], own]


def suggestion(definition: StepDefinition, score: float) -> Suggestion:
    """A ranked phrase as shown to a reader, with the first step line that uses it."""
    usage = definition.usages[0] if definition.usages else None
    return Suggestion(
        type=definition.type,
        pattern=definition.pattern,
        parser=definition.parser,
        parameters=parameters(definition),
        example=usage.text if usage else "",
        example_at=f"{usage.uri}:{usage.line}" if usage else "",
        location=definition.location,
        similarity=score,
    )


def nearest(
    step_type: str, text: str, definitions: Iterable[StepDefinition], limit: int = SUGGESTIONS
) -> list[Suggestion]:
    """The ``limit`` phrases nearest to a step, nearest first (one of them of the step's own
    type where the catalogue has one, see :func:`shortlist`)."""
    ranked = shortlist(step_type, rank(step_type, text, definitions), limit)
    return [suggestion(d, score) for score, d in ranked]
