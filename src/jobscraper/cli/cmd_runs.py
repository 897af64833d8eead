"""``jobscraper runs``: list background runs, show one, cancel one."""

from __future__ import annotations

import typer
from rich.table import Table

from jobscraper.cli.common import console, err_console, settings_or_exit

STATUS_STYLE = {
    "queued": "cyan",
    "started": "blue",
    "completed": "green",
    "failed": "red",
    "cancelled": "yellow",
}


def _status(text: str) -> str:
    style = STATUS_STYLE.get(text, "white")
    return f"[{style}]{text}[/{style}]"


def _when(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S") if value is not None else ""  # type: ignore[attr-defined]


def register(app: typer.Typer) -> None:
    runs_app = typer.Typer(help="Background runs: list, show, cancel.", no_args_is_help=False)

    @runs_app.callback(invoke_without_command=True)
    def runs(
        ctx: typer.Context,
        limit: int = typer.Option(20, "--limit", "-n", help="How many of the latest runs."),
    ) -> None:
        """List the latest runs, newest first."""
        if ctx.invoked_subcommand is not None:
            return
        from jobscraper.runs.queue import list_runs

        settings = settings_or_exit()
        table = Table(title="Runs")
        # A run id is copied into `runs show ID`: never wrapped, whatever the terminal's width.
        table.add_column("id", no_wrap=True, min_width=32)
        for column in ("status", "sources", "postings", "created", "error"):
            table.add_column(column, overflow="fold")
        for info in list_runs(settings, limit=limit):
            table.add_row(
                info.run_id,
                _status(info.status),
                f"{info.sources_done}/{info.sources_total}",
                str(info.postings_found),
                _when(info.created_at),
                info.error or "",
            )
        console.print(table)

    @runs_app.command("show")
    def show(
        run_id: str = typer.Argument(..., help="The run id."),
        follow: bool = typer.Option(False, "--follow", "-f", help="Follow its progress."),
    ) -> None:
        """Show one run: status, progress, per-source outcomes."""
        from jobscraper.cli.follow import follow_run
        from jobscraper.runs.errors import RunNotFound
        from jobscraper.runs.queue import run_status

        settings = settings_or_exit()
        try:
            info = run_status(run_id, settings)
        except RunNotFound:
            err_console.print(f"[red]No run {run_id}.[/red]")
            raise typer.Exit(1) from None
        table = Table(title=f"Run {info.run_id}", show_header=False)
        table.add_column("field")
        table.add_column("value", overflow="fold")
        table.add_row("status", _status(info.status))
        table.add_row("queue job", info.job_status or "(not in Redis)")
        table.add_row(
            "progress", f"{info.sources_done}/{info.sources_total} sources, {info.percent:.0f}%"
        )
        table.add_row("postings found", str(info.postings_found))
        if info.worker:
            table.add_row("worker", info.worker)
        table.add_row("created", _when(info.created_at))
        table.add_row("started", _when(info.started_at))
        table.add_row("finished", _when(info.finished_at))
        if info.error:
            table.add_row("error", f"[red]{info.error}[/red]")
        console.print(table)
        if info.outcomes:
            sources = Table(title="Sources")
            for column in ("source", "outcome", "postings", "reason"):
                sources.add_column(column, overflow="fold")
            for source, outcome in info.outcomes.items():
                sources.add_row(
                    source,
                    outcome.outcome.value.replace("_", " "),
                    str(outcome.postings),
                    outcome.reason or "",
                )
            console.print(sources)
        if follow and not info.is_final:
            follow_run(run_id, settings, console)

    @runs_app.command("cancel")
    def cancel(run_id: str = typer.Argument(..., help="The run id.")) -> None:
        """Stop a run before its next source; what it stored so far is kept."""
        from jobscraper.runs.errors import RunNotFound
        from jobscraper.runs.queue import cancel_run

        settings = settings_or_exit()
        try:
            info = cancel_run(run_id, settings)
        except RunNotFound:
            err_console.print(f"[red]No run {run_id}.[/red]")
            raise typer.Exit(1) from None
        if info.status == "cancelled":
            console.print(f"Run {run_id} {_status('cancelled')}.")
        elif info.is_final:
            console.print(f"Run {run_id} had already ended: {_status(info.status)}.")
        else:
            console.print(
                f"Cancelling run {run_id}: its worker stops before the next source "
                "(postings stored so far are kept)."
            )

    app.add_typer(runs_app, name="runs")
