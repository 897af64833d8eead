"""``jobscraper costs``: local processing rate, spend and the monthly projection."""

from __future__ import annotations

import json

import typer

from jobscraper.cli.common import console, err_console, settings_or_exit


def register(app: typer.Typer) -> None:
    @app.command("costs")
    def costs(
        run: str = typer.Option("", "--run", help="One run's id; empty = every recorded call."),
        monthly_jobs: int = typer.Option(
            0, "--monthly-jobs", min=0, help="Monthly volume to project to (default: Settings)."
        ),
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """Print the local processing rate, cloud spend and projected monthly cost."""
        from jobscraper.ai.costs import run_report
        from jobscraper.store import Store

        settings = settings_or_exit()
        store = Store(settings)
        try:
            if run and store.get_run(run) is None and not store.model_calls(run_id=run):
                err_console.print(f"[red]no run {run}[/red]")
                raise typer.Exit(1)
            report = run_report(
                store, settings, run_id=run or None, monthly_jobs=monthly_jobs or None
            )
        finally:
            store.dispose()
        if as_json:
            print(json.dumps(report.as_dict()))
            return
        console.print(
            f"pages: {report.pages} (structured {report.structured}, local {report.local}, "
            f"cloud {report.cloud}, failed {report.failed})",
            highlight=False,
        )
        console.print(f"local processing rate: {report.local_rate:.1%}", highlight=False)
        console.print(
            f"pages that needed a model: {report.needed_model} ({report.model_share:.1%}); "
            f"read without one: {report.structured}",
            highlight=False,
        )
        console.print(f"cloud spend: ${report.spend_usd:.4f}", highlight=False)
        console.print(
            f"monthly projection for {report.monthly_jobs:,} jobs: "
            f"${report.monthly_projection_usd:.2f} (budget ${report.monthly_budget_usd:.2f})",
            highlight=False,
        )
        if report.unpriced_models:
            console.print(
                f"[yellow]no price known for: {', '.join(report.unpriced_models)} "
                "(set JOBSCRAPER_PRICE_OVERRIDES)[/yellow]"
            )
        if report.warning:
            console.print(f"[bold red]warning: {report.warning}[/bold red]")
