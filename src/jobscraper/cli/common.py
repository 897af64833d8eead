"""Helpers shared by the CLI commands: the console and settings loading."""

from __future__ import annotations

import typer
from rich.console import Console

from jobscraper.config import Settings, SettingsError, load_settings

console = Console()
err_console = Console(stderr=True)


def settings_or_exit() -> Settings:
    """Load Settings; on invalid configuration print which variable is wrong and exit 2."""
    try:
        return load_settings()
    except SettingsError as exc:
        err_console.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from None
