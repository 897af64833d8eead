"""``jobscraper ui``: the dashboard, in production mode on one port."""

from __future__ import annotations

import signal
from pathlib import Path
from typing import Annotated

import typer

from jobscraper.cli.common import console, err_console, settings_or_exit


def register(app: typer.Typer) -> None:
    @app.command()
    def ui(
        port: int = typer.Option(0, "--port", help="Port (default JOBSCRAPER_UI_PORT, 3000)."),
        host: str = typer.Option(
            "", "--host", help="Address to listen on (default loopback: JOBSCRAPER_UI_HOST)."
        ),
        worker: bool | None = typer.Option(
            None,
            "--worker/--no-worker",
            help="Start a background worker beside the dashboard (default: only with the "
            "embedded Redis; a shared Redis has its workers elsewhere).",
        ),
        log_file: Annotated[
            Path | None,
            typer.Option("--log-file", help="Write the server's and the worker's output here."),
        ] = None,
    ) -> None:
        """Open the dashboard: sources, live scrapes, runs, jobs, models and costs."""
        from jobscraper.ui.server import DashboardError, start, wait_until_ready

        settings = settings_or_exit()
        changes: dict[str, object] = {}
        if port:
            changes["ui_port"] = port
        if host:
            changes["ui_host"] = host
        settings = settings.model_copy(update=changes)
        try:
            dashboard = start(settings, worker=worker, log_file=log_file, say=console.print)
        except DashboardError as exc:
            err_console.print(f"[red]{exc}[/red]")
            raise typer.Exit(1) from None
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
        try:
            console.print("Building and starting the dashboard (the first start installs "
                          "its web packages and takes a minute) ...")
            wait_until_ready(dashboard)
            console.print(f"Dashboard ready at [bold]{dashboard.url}[/bold]"
                          + (" with one background worker" if dashboard.worker else ""))
            dashboard.server.wait()
        except DashboardError as exc:
            err_console.print(f"[red]{exc}[/red]")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            console.print("Stopping the dashboard ...")
        finally:
            dashboard.stop()
