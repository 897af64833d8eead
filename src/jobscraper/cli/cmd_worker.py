"""``jobscraper worker``: carry out background runs from the queue."""

from __future__ import annotations

import typer

from jobscraper.cli.common import console, err_console, settings_or_exit


def register(app: typer.Typer) -> None:
    @app.command()
    def worker(
        burst: bool = typer.Option(
            False, "--burst", help="Carry out the runs waiting now, then exit."
        ),
        name: str = typer.Option(
            "", "--name", help="Worker name shown by `rq info` (default: host-pid-random)."
        ),
        log_level: str = typer.Option("INFO", "--log-level", help="DEBUG, INFO or WARNING."),
    ) -> None:
        """Carry out background runs (an RQ worker; start several to share the queue)."""
        from jobscraper.redis_server import RedisUnavailable, redis_connection, redis_url
        from jobscraper.runs.worker import run_worker

        settings = settings_or_exit()
        try:
            url = redis_url(settings)
            redis_connection(settings).close()  # a Redis that refuses: said, not a traceback
        except RedisUnavailable as exc:
            err_console.print(f"[red]{exc}[/red]")
            raise typer.Exit(1) from None
        console.print(
            f"Worker on queue [bold]{settings.queue_name}[/bold] at {url} "
            f"(lease {settings.run_lease_s} s, maintenance every "
            f"{settings.worker_maintenance_s} s)"
        )
        worked = run_worker(settings, burst=burst, name=name or None, logging_level=log_level)
        if burst:
            console.print("Done." if worked else "Nothing to do.")
