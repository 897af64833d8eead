"""Build the living documentation without running the tests.

Only the feature files are needed for the document itself (every scenario shows
"not run"). The step catalogue needs the step definitions, which only exist once
pytest has collected the step modules, so ``--steps`` runs pytest in collect-only
mode with the plugin switched on instead of importing the modules by hand.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from importlib.metadata import entry_points
from pathlib import Path

from .document import DocumentBuilder


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m livingdoc",
        description="Write the living documentation of Gherkin features as one offline HTML "
        "file; scenarios show 'not run'.",
    )
    parser.add_argument("features", nargs="+", type=Path, help="feature files or folders")
    parser.add_argument("-o", "--output", type=Path, required=True, help="HTML file to write")
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


def _with_pytest(args: argparse.Namespace, json_path: Path) -> int:
    import pytest

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
    args = _parser().parse_args(argv)
    json_path = args.json or args.output.with_suffix(".json")
    missing = [p for p in args.features if not p.exists()]
    if missing:
        print(f"livingdoc: no such file or folder: {', '.join(map(str, missing))}")
        return 2
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
