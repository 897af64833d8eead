"""``jobscraper route FILE``: where a saved page would go, and why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from jobscraper.cli.common import err_console, settings_or_exit


def register(app: typer.Typer) -> None:
    @app.command("route")
    def route(
        file: Annotated[Path, typer.Argument(help="A saved page (HTML, Markdown or text).")],
        url: str = typer.Option("", help="The page's address (used in the prompt)."),
    ) -> None:
        """Print the routing decision for a page as one JSON object.

        Keys: tokens_raw (the file's text), tokens_pruned, prompt_tokens (the whole
        prompt that would be sent), threshold, route, tier, model, reason.
        """
        from jobscraper.ai.plan import plan_page

        settings = settings_or_exit()
        try:
            text = file.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            err_console.print(f"[red]cannot read {file}: {exc.strerror}[/red]")
            raise typer.Exit(2) from None
        looks_html = "<" in text and ">" in text
        plan = plan_page(
            text if looks_html else "",
            url or file.resolve().as_uri(),
            settings,
            markdown="" if looks_html else text,
        )
        print(json.dumps(plan.as_dict()))
