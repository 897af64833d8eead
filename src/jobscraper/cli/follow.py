"""Following a background run on the command line: a rich progress bar until it ends.

Used by ``jobscraper scrape --background`` and ``jobscraper runs show ID --follow``.
Ctrl-C detaches: the run goes on in its worker; nothing is cancelled. A helper
of the commands, not a command (those are the ``cmd_*`` modules); the stream
itself is ``jobscraper.runs.follower.follow``.
"""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from jobscraper.config import Settings
from jobscraper.runs import follower
from jobscraper.runs import progress as prog

STATUS_STYLE = {"completed": "green", "failed": "red", "cancelled": "yellow"}


def describe(state: prog.Progress) -> str:
    """One line about a state: what is being done and what was found so far."""
    doing = f"scraping {state.current_source}" if state.current_source else state.status
    found = (
        f"{state.postings_found} postings ({state.postings_local} local, "
        f"{state.postings_cloud} cloud)"
    )
    return f"{doing} - {found}"


def follow_run(
    run_id: str,
    settings: Settings,
    console: Console,
    *,
    timeout_s: float | None = None,
) -> prog.Progress | None:
    """Show the run's progress until it ends (or Ctrl-C); returns the last state seen."""
    last: prog.Progress | None = None
    bar = Progress(
        TextColumn("[bold]{task.fields[status]}[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("sources"),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=False,
    )
    try:
        with bar:
            task = bar.add_task("waiting for a worker", total=None, status="queued")
            for state in follower.follow(run_id, settings, timeout_s=timeout_s):
                last = state
                bar.update(
                    task,
                    total=state.sources_total or None,
                    completed=state.sources_done,
                    description=describe(state),
                    status=state.status,
                )
    except KeyboardInterrupt:
        console.print(
            f"Detached. Run [bold]{run_id}[/bold] goes on in the background; "
            f"follow it again with [bold]jobscraper runs show {run_id} --follow[/bold]."
        )
        return last
    if last is not None and last.is_final:
        style = STATUS_STYLE.get(last.status, "white")
        console.print(
            f"Run [bold]{run_id}[/bold] [{style}]{last.status}[/{style}]: "
            f"{prog.counted(last.postings_found, 'posting')} from {last.sources_done} of "
            f"{prog.counted(last.sources_total, 'source')}"
            + (f" - {last.message}" if last.message else "")
        )
    return last
