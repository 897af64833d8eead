"""``jobscraper docs``: the living documentation without running the suite."""

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
    ) -> None:
        """Write the living documentation (features 'not run', step catalogue) to OUTPUT."""
        try:
            from livingdoc.cli import main
        except ImportError:
            console.print("[red]the livingdoc plugin is not installed: pip install src/livingdoc")
            raise typer.Exit(2) from None
        if not features.is_dir():
            console.print(f"[red]no feature folder at {features}")
            raise typer.Exit(2)
        args = [str(features), "-o", str(output)]
        if steps.is_dir():
            args += ["--steps", str(steps)]
        raise typer.Exit(main(args))
