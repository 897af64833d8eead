"""``jobscraper scrape SOURCE...``: scrape career pages and job-board searches now.

Runs in the foreground with a live progress display, stores what it finds
(once per canonical address) and ends with a summary table, one row per
source: outcome (ok / blocked / failed / needs model / rejected ...), postings
found, new and updated, time taken and the reason of any problem.

Exit codes: 0 every source ok; 3 some sources were not ok; 1 none was ok;
2 invalid configuration.
"""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table
from rich.text import Text

from jobscraper.cli.common import console, err_console, settings_or_exit
from jobscraper.config import Settings
from jobscraper.models import Outcome, ScrapeEvent, ScrapeProgress, SourceOutcome

if TYPE_CHECKING:
    from jobscraper.scrape import ScrapeResult

OUTCOME_STYLE = {
    Outcome.OK: "green",
    Outcome.BLOCKED: "yellow",
    Outcome.FAILED: "red",
    Outcome.NEEDS_MODEL: "magenta",
    Outcome.NEEDS_CLOUD: "magenta",
    Outcome.EXTRACTION_FAILED: "red",
    Outcome.REJECTED: "red",
    Outcome.CANCELLED: "dim",
}

UNBOUNDED_WIDTH = 100_000  # measure the table as if the terminal were as wide as it likes


def summary_title(result: ScrapeResult) -> str:
    return f"Scrape summary: {result.found} postings, {result.new} new, {result.updated} updated"


def _kind(outcome: SourceOutcome) -> str:
    kind = outcome.kind.replace("_", " ")
    if outcome.sites:
        kind += " (" + ", ".join(f"{site} {n}" for site, n in outcome.sites.items()) + ")"
    return kind


def _outcome(outcome: SourceOutcome) -> Text:
    return Text(outcome.outcome.value.replace("_", " "),
                style=OUTCOME_STYLE.get(outcome.outcome, ""))


def summary_table(result: ScrapeResult) -> Table:
    """One row per source: what happened and why, a column per fact."""
    table = Table(title=summary_title(result))
    for column, justify in (("source", "left"), ("kind", "left"), ("outcome", "left"),
                            ("postings", "right"), ("new", "right"), ("updated", "right"),
                            ("time", "right"), ("reason", "left")):
        table.add_column(column, justify=justify,  # type: ignore[arg-type]
                         overflow="fold")
    for o in result.outcomes:
        table.add_row(o.source, _kind(o), _outcome(o), str(o.postings), str(o.new),
                      str(o.updated), f"{o.duration_s:.1f}s", o.reason or "")
    return table


def summary_list(result: ScrapeResult) -> Group:
    """The same facts for a narrow terminal: per source, its outcome beside a block of
    lines (the source, then kind, counts and time, then the reason), so words wrap
    between words and an address breaks only when it is wider than the terminal."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for o in result.outcomes:
        details = Text(o.source)
        details.append(f"\n{_kind(o)} · {o.postings} postings, {o.new} new, {o.updated} "
                       f"updated · {o.duration_s:.1f}s", style="dim")
        if o.reason:
            details.append(f"\n{o.reason}")
        grid.add_row(_outcome(o), details)
    return Group(Text(summary_title(result), style="bold"), grid)


def summary(result: ScrapeResult, console: Console) -> RenderableType:
    """The table where every cell fits on one line of this terminal, else the list."""
    table = summary_table(result)
    unbounded = console.options.update(max_width=UNBOUNDED_WIDTH)
    if Measurement.get(console, unbounded, table).maximum <= console.width:
        return table
    return summary_list(result)


def exit_code(result: ScrapeResult) -> int:
    ok = sum(1 for o in result.outcomes if o.ok)
    if ok == len(result.outcomes):
        return 0
    return 3 if ok else 1


def run_foreground(sources: list[str], settings: Settings, board_options: dict[str, Any],
                   *, as_json: bool = False) -> int:
    """Scrape now, in this process, with a progress display; returns the exit code."""
    from jobscraper.scrape import scrape
    from jobscraper.store import Store

    store = Store(settings)
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                        MofNCompleteColumn(), TextColumn("{task.fields[found]} postings"),
                        console=err_console if as_json else console, transient=as_json)
    task = progress.add_task("Scraping", total=len(sources), found=0)

    def on_progress(event: ScrapeProgress) -> None:
        if event.kind == ScrapeEvent.SOURCE_STARTED:
            progress.update(task, description=f"Scraping {event.source}")
        elif event.kind == ScrapeEvent.SOURCE_FINISHED and event.outcome is not None:
            o = event.outcome
            style = OUTCOME_STYLE.get(o.outcome, "")
            progress.console.print(
                f"[{style}]{o.outcome.value:>17}[/{style}]  {o.source}  "
                f"({o.postings} postings{', ' + o.reason if o.reason else ''})",
                highlight=False,
            )
            progress.update(task, completed=event.done, found=event.postings_found)
        elif event.kind == ScrapeEvent.RUN_FINISHED:
            progress.update(task, description="Done", completed=event.total)

    try:
        with progress:
            result = asyncio.run(scrape(sources, settings, store=store, on_progress=on_progress,
                                        board_options=board_options))
    finally:
        store.dispose()
    if as_json:
        typer.echo(json.dumps(result.to_dict(), indent=2))
    else:
        console.print(summary(result, console))
    return exit_code(result)


def run_background(sources: list[str], settings: Settings, board_options: dict[str, Any],
                   *, detach: bool = False) -> int:
    """Queue the run for a worker, then follow its progress stream until it ends.

    Ctrl-C stops following, never the run. Exit code 1 when the run failed.
    """
    import redis

    from jobscraper.cli.follow import follow_run
    from jobscraper.runs.queue import start_run
    from jobscraper.sources.detect import SourceRejected, detect_source

    for source in sources:  # refuse bad input before anything is queued
        try:
            detect_source(source)
        except SourceRejected as exc:
            err_console.print(f"[red]{source}: {exc}[/red]")
            return 2
    problem = redis_problem(settings)  # before a run row exists that no queue holds
    if problem:
        err_console.print(f"[red]{problem}[/red]")
        return 1
    try:
        run_id = start_run(sources, settings, board_options=board_options)
    except (redis.RedisError, OSError) as exc:  # Redis went away after the check
        err_console.print(f"[red]could not queue the run: Redis failed: {exc}[/red]")
        return 1
    console.print(f"Run [bold]{run_id}[/bold] queued on '{settings.queue_name}' "
                  "(start `jobscraper worker` if none is running).")
    if detach:
        return 0
    last = follow_run(run_id, settings, console)
    return 1 if last is not None and last.status == "failed" else 0


def redis_problem(settings: Any) -> str | None:
    """Why the queue's Redis cannot be used (it refuses connections...), or None."""
    from jobscraper.redis_server import RedisUnavailable, redis_connection

    try:
        redis_connection(settings).close()
    except RedisUnavailable as exc:
        return str(exc)
    return None


def register(app: typer.Typer) -> None:
    @app.command()
    def scrape(
        sources: Annotated[list[str], typer.Argument(
            help="Career page URLs and/or job-board searches ('python developer in Berlin')."
        )],
        site: Annotated[list[str] | None, typer.Option(
            "--site", "-s",
            help="Job board for searches (repeatable); default linkedin and indeed.",
        )] = None,
        results: Annotated[int | None, typer.Option(
            "--results", "-n", min=1,
            help="Results wanted per board (default JOBSCRAPER_BOARD_RESULTS_WANTED).",
        )] = None,
        remote: Annotated[bool | None, typer.Option(
            "--remote/--any-location", help="Only remote jobs on boards."
        )] = None,
        hours_old: Annotated[int | None, typer.Option(
            "--hours-old", min=1, help="Only board postings newer than this."
        )] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the result as JSON.")] = False,
        background: Annotated[bool, typer.Option(
            "--background", "-b",
            help="Queue the run for a worker and follow its progress (Ctrl-C detaches).",
        )] = False,
        detach: Annotated[bool, typer.Option(
            "--detach", help="With --background: print the run id and return at once."
        )] = False,
    ) -> None:
        """Scrape career pages and job-board searches now and store the postings."""
        settings = settings_or_exit()
        board_options: dict[str, Any] = {
            "sites": site or None,
            "results_wanted": results,
            "is_remote": remote,
            "hours_old": hours_old,
        }
        if background:
            raise typer.Exit(run_background(list(sources), settings, board_options,
                                            detach=detach))
        raise typer.Exit(run_foreground(list(sources), settings, board_options,
                                        as_json=as_json))
