"""Build the living documentation, or check feature files, without running the tests.

Only the feature files are needed for the document itself (every scenario shows
"not run"). The step catalogue needs the step definitions, which only exist once
pytest has collected the step modules, so ``--steps`` runs pytest in collect-only
mode with the plugin switched on instead of importing the modules by hand.
``--check`` collects the same way and then matches every step of the given
feature files against the definitions, listing each undefined one with the
phrases nearest to it (exit status 1 when there is one).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
from collections.abc import Sequence
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from .check import CheckResult, check_features, check_report
from .document import DocumentBuilder
from .gherkin_reader import discover_feature_files, read_features


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m livingdoc",
        description="Write the living documentation of Gherkin features as one offline HTML "
        "file; scenarios show 'not run'.",
    )
    parser.add_argument("features", nargs="+", type=Path, help="feature files or folders")
    parser.add_argument("-o", "--output", type=Path, default=None, help="HTML file to write")
    parser.add_argument("--json", type=Path, default=None, help="JSON model (default: OUTPUT.json)")
    parser.add_argument(
        "--steps",
        type=Path,
        action="append",
        default=[],
        help="step modules or folders (pytest-collected) to build the step catalogue from",
    )
    parser.add_argument("--title", default="", help="document title")
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing: list the steps of FEATURES that no step definition (from "
        "--steps) matches, each with the nearest phrases; exit status 1 if there is one",
    )
    parser.add_argument(
        "--rootdir",
        type=Path,
        default=Path.cwd(),
        help="project root (file paths are shown relative to it)",
    )
    return parser


def _plugin_autoloaded() -> bool:
    if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
        return False
    return any(ep.value == "livingdoc.plugin" for ep in entry_points(group="pytest11"))


class StepCheck:
    """A pytest plugin for a collect-only session: checks feature files once the steps exist."""

    def __init__(self, files: list[Path]) -> None:
        self.files = files
        self.result: CheckResult | None = None

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        from .plugin import vocabulary  # the plugin module registers pytest hooks on import

        rootdir = session.config.rootpath
        features = read_features(self.files, rootdir, [rootdir])
        self.result = check_features(features, vocabulary(session))


def _check(args: argparse.Namespace) -> int:
    files = discover_feature_files([p.resolve() for p in args.features])
    if not files:
        print(f"livingdoc: no feature files in {', '.join(map(str, args.features))}")
        return 2
    argv = [str(p) for p in args.steps]
    argv += ["--collect-only", "-p", "no:cacheprovider", f"--rootdir={args.rootdir}"]
    if not _plugin_autoloaded():
        argv += ["-p", "livingdoc.plugin"]
    check = StepCheck(files)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):  # pytest's collection report is not the answer
        code = int(pytest.main(argv, plugins=[check]))
    if check.result is None or code not in (0, 5):
        print(printed.getvalue())
        print(f"livingdoc: the step definitions could not be collected (pytest exit {code})")
        return 2
    print(check_report(check.result))
    return 0 if check.result.ok else 1


def _with_pytest(args: argparse.Namespace, json_path: Path) -> int:
    argv = [str(p) for p in args.steps]
    argv += ["--collect-only", "-q", "-p", "no:cacheprovider", f"--rootdir={args.rootdir}"]
    argv += [f"--living-doc={args.output.resolve()}", f"--living-doc-json={json_path.resolve()}"]
    argv += [f"--living-doc-features={p.resolve()}" for p in args.features]
    if args.title:
        argv += [f"--living-doc-title={args.title}"]
    if not _plugin_autoloaded():
        argv += ["-p", "livingdoc.plugin"]
    code = int(pytest.main(argv))
    return 0 if code in (0, 5) else code


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``python -m livingdoc`` and the ``livingdoc`` script."""
    parser = _parser()
    args = parser.parse_args(argv)
    missing = [p for p in args.features if not p.exists()]
    if missing:
        print(f"livingdoc: no such file or folder: {', '.join(map(str, missing))}")
        return 2
    if args.check:
        if not args.steps:
            parser.error("--check needs the step definitions: --steps PATH")
        return _check(args)
    if args.output is None:
        parser.error("the following arguments are required: -o/--output")
    json_path = args.json or args.output.with_suffix(".json")
    if args.steps:
        return _with_pytest(args, json_path)
    builder = DocumentBuilder(
        rootdir=args.rootdir,
        roots=[p.resolve() for p in args.features],
        html_path=args.output,
        json_path=json_path,
        title=args.title,
    )
    document = builder.write()
    scenarios = sum(document.scenario_counts().values())
    print(f"livingdoc: {len(document.features)} features, {scenarios} scenarios -> {args.output}")
    return 0
