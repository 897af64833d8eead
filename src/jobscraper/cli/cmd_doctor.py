"""``jobscraper doctor`` and ``jobscraper config``: what is available and how it is set."""

from __future__ import annotations

import typer
from rich.table import Table

from jobscraper.cli.common import console, settings_or_exit
from jobscraper.config import settings_table


def register(app: typer.Typer) -> None:
    @app.command()
    def doctor() -> None:
        """Show which components are available, and why not."""
        from jobscraper.doctor import run_checks

        settings = settings_or_exit()
        table = Table(title="jobscraper doctor")
        table.add_column("component")
        table.add_column("status")
        table.add_column("detail", overflow="fold")
        checks = run_checks(settings)
        for check in checks:
            status = "[green]ok[/green]" if check.ok else "[red]missing[/red]"
            table.add_row(check.component, status, check.detail)
        console.print(table)

    @app.command()
    def config(
        defaults: bool = typer.Option(False, help="List every setting with its default."),
    ) -> None:
        """Show the effective configuration (secrets hidden)."""
        if defaults:
            table = Table(title="Settings (environment variables)")
            for column in ("variable", "default", "meaning"):
                table.add_column(column, overflow="fold")
            for row in settings_table():
                table.add_row(*row)
            console.print(table)
            return
        settings = settings_or_exit()
        console.print_json(settings.model_dump_json(exclude={"cloud_api_key"}))
