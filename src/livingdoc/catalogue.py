"""The step catalogue: every step definition, its parameters and where it is used.

A product owner writes a new scenario from existing phrases; the catalogue is the
dictionary of those phrases. Step definitions only exist as pytest fixtures once a
session has collected the test modules, so the catalogue is built at the end of
collection (in each xdist worker, merged by the controller), and usage is matched
with each definition's own parser against every step of every feature file, run or
not, so unused definitions can be flagged.
"""

from __future__ import annotations

import contextlib
import inspect
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pytest_bdd.steps import StepFunctionContext, step_function_context_registry

from .join import example_rows, render
from .model import Feature, Step, StepDefinition, StepUsage

#: Names pytest-bdd passes to a step function from the step itself, not from the phrase.
STEP_ARGUMENTS = ("datatable", "docstring")


def _all_fixture_defs(fixturemanager: Any) -> Iterator[Any]:
    """Every registered fixture definition, across pytest versions (private API)."""
    getter = getattr(fixturemanager, "_get_all_fixture_defs", None)
    if getter is not None:
        yield from getter()
        return
    for fixturedefs in getattr(fixturemanager, "_arg2fixturedefs", {}).values():
        yield from fixturedefs


def step_contexts(fixturemanager: Any) -> list[StepFunctionContext]:
    """The step definitions known to a session, each once, in a stable order."""
    seen: dict[tuple[int, str, str], StepFunctionContext] = {}
    for fixturedef in _all_fixture_defs(fixturemanager):
        context = step_function_context_registry.get(getattr(fixturedef, "func", None))
        if context is None:
            func = getattr(getattr(fixturedef, "func", None), "_get_wrapped_function", None)
            context = step_function_context_registry.get(func()) if func else None
        if context is None or _is_builtin(context):
            continue
        key = (id(context.step_func), context.type or "step", context.parser.name)
        seen.setdefault(key, context)
    return sorted(seen.values(), key=_sort_key)


def _is_builtin(context: StepFunctionContext) -> bool:
    """pytest-bdd's own debugging steps ("trace") are not part of anyone's vocabulary."""
    return str(getattr(context.step_func, "__module__", "")).startswith("pytest_bdd")


def _sort_key(context: StepFunctionContext) -> tuple[int, str, str]:
    order = {"given": 0, "when": 1, "then": 2}
    return (order.get(context.type or "", 3), str(context.parser.name).lower(), _where(context))


def _where(context: StepFunctionContext, rootdir: Path | None = None) -> str:
    func = inspect.unwrap(context.step_func)
    try:
        filename = inspect.getsourcefile(func) or ""
        line = inspect.getsourcelines(func)[1]
    except (OSError, TypeError):
        code = getattr(func, "__code__", None)
        filename = code.co_filename if code else ""
        line = code.co_firstlineno if code else 0
    if rootdir is not None and filename:
        with contextlib.suppress(ValueError):  # another drive on Windows: keep it absolute
            filename = Path(os.path.relpath(filename, rootdir)).as_posix()
    return f"{filename}:{line}"


def parameters_of(context: StepFunctionContext) -> list[str]:
    """Named parameters of the phrase, then the step arguments the function takes."""
    parser = context.parser
    names: list[str] = []
    inner = getattr(parser, "parser", None)  # parse / cfparse
    if inner is not None and hasattr(inner, "named_fields"):
        names.extend(str(n) for n in inner.named_fields)
    regex = getattr(parser, "regex", None)  # re
    if regex is not None:
        names.extend(regex.groupindex)
    try:
        signature = inspect.signature(context.step_func)
        names.extend(a for a in STEP_ARGUMENTS if a in signature.parameters)
    except (TypeError, ValueError):
        pass
    return list(dict.fromkeys(names))


def parameter_types_of(context: StepFunctionContext) -> dict[str, str]:
    """Each phrase parameter's type as written: ``d`` for ``{count:d}``, "" for plain text.

    A regular expression's groups have no type in the phrase; a converter the step
    names (``converters={"count": int}``) stands for it when it has a real name.
    """
    inner = getattr(context.parser, "parser", None)
    written = getattr(inner, "_name_types", None)  # parse / cfparse keep them here
    if isinstance(written, dict):
        return {str(name): str(spec or "") for name, spec in written.items()}
    regex = getattr(context.parser, "regex", None)
    if regex is None:
        return {}
    converters = context.converters or {}
    types = {}
    for name in regex.groupindex:
        converter_name = getattr(converters.get(name), "__name__", "")
        types[name] = "" if converter_name in ("", "<lambda>") else converter_name
    return types


def spec_steps(features: Iterable[Feature]) -> Iterator[tuple[str, Step, str]]:
    """Every (file, step, rendered text) a run would try to match, outlines row by row."""
    for feature in features:
        backgrounds = [feature.background] if feature.background else []
        for background in backgrounds:
            for step in background.steps:
                yield feature.uri, step, step.text
        groups = [(None, feature.scenarios)] + [(r, r.scenarios) for r in feature.rules]
        for rule, scenarios in groups:
            if rule is not None and rule.background is not None:
                for step in rule.background.steps:
                    yield feature.uri, step, step.text
            for scenario in scenarios:
                rows = [values for values, _ in example_rows(scenario)] or [{}]
                for step in scenario.steps:
                    for text in dict.fromkeys(render(step.text, values) for values in rows):
                        yield feature.uri, step, text


def step_matches(context: StepFunctionContext, step_type: str, text: str) -> bool:
    """Whether pytest-bdd would run this step line with this definition."""
    if context.type is not None and context.type != step_type:
        return False
    try:
        return bool(context.parser.is_matching(text))
    except Exception:  # a user parser that raises must not break the report
        return False


def build_catalogue(
    contexts: Iterable[StepFunctionContext], features: list[Feature], rootdir: Path
) -> list[StepDefinition]:
    """Describe each definition and find its usages among all feature steps."""
    occurrences = list(spec_steps(features))
    definitions = []
    for context in contexts:
        func = inspect.unwrap(context.step_func)
        usages = [
            StepUsage(uri=uri, line=step.line, text=text)
            for uri, step, text in occurrences
            if step_matches(context, step.type, text)
        ]
        definitions.append(
            StepDefinition(
                type=context.type or "step",
                pattern=str(context.parser.name),
                parser=type(context.parser).__name__,
                parameters=parameters_of(context),
                docstring=inspect.getdoc(func) or "",
                function=f"{getattr(func, '__module__', '?')}.{getattr(func, '__qualname__', '?')}",
                location=_where(context, rootdir),
                target_fixture=context.target_fixture or "",
                usages=_unique_usages(usages),
                parameter_types=parameter_types_of(context),
            )
        )
    return definitions


def _unique_usages(usages: list[StepUsage]) -> list[StepUsage]:
    seen: dict[tuple[str, int, str], StepUsage] = {}
    for usage in usages:
        seen.setdefault((usage.uri, usage.line, usage.text), usage)
    return list(seen.values())


def merge_catalogues(catalogues: Iterable[list[StepDefinition]]) -> list[StepDefinition]:
    """Union the catalogues of several workers: same definition once, usages combined."""
    merged: dict[tuple[str, str, str], StepDefinition] = {}
    for catalogue in catalogues:
        for definition in catalogue:
            existing = merged.get(definition.key)
            if existing is None:
                merged[definition.key] = definition
            else:
                existing.usages = _unique_usages(existing.usages + definition.usages)
    order = {"given": 0, "when": 1, "then": 2}
    return sorted(
        merged.values(), key=lambda d: (order.get(d.type, 3), d.pattern.lower(), d.location)
    )
