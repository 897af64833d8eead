"""``jobscraper docs``: the living documentation without running the suite."""

from __future__ import annotations

from pathlib import Path

import typer

from jobscraper.cli.common import console

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def register(app: typer.Typer) -> None:
    @app.command()
    def docs(
        output: Path = typer.Option(Path("reports/living-doc.html"), "--output", "-o"),
        features: Path = typer.Option(PROJECT_ROOT / "features", help="Feature folder."),
        steps: Path = typer.Option(PROJECT_ROOT / "steps", help="Step definitions folder."),
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
