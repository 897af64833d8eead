"""``jobscraper docs``: the living documentation without running the suite, or a check
of feature files against our step definitions before they are committed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jobscraper.cli.common import console

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def register(app: typer.Typer) -> None:
    @app.command()
    def docs(
        output: Annotated[Path, typer.Option("--output", "-o")] = Path("reports/living-doc.html"),
        features: Annotated[Path, typer.Option(help="Feature folder.")] = PROJECT_ROOT / "features",
        steps: Annotated[Path, typer.Option(help="Step definitions folder.")] = PROJECT_ROOT
        / "steps",
        check: Annotated[
            list[Path] | None,
            typer.Option(
                "--check",
                metavar="FEATURE",
                help="Write nothing: list the steps of FEATURE (a file or folder; repeatable) "
                "that no step definition matches, each with the nearest phrases; exit 1 if any.",
            ),
        ] = None,
    ) -> None:
        """Write the living documentation (features 'not run', step catalogue) to OUTPUT."""
        try:
            from livingdoc.cli import main
        except ImportError:
            console.print("[red]the livingdoc plugin is not installed: pip install src/livingdoc")
            raise typer.Exit(2) from None
        if check:
            if not steps.is_dir():
                console.print(f"[red]no step definitions folder at {steps}")
                raise typer.Exit(2)
            args = [*map(str, check), "--steps", str(steps), "--check"]
            raise typer.Exit(main([*args, "--rootdir", str(PROJECT_ROOT)]))
        if not features.is_dir():
            console.print(f"[red]no feature folder at {features}")
            raise typer.Exit(2)
        args = [str(features), "-o", str(output)]
        if steps.is_dir():
            args += ["--steps", str(steps)]
        raise typer.Exit(main(args))
