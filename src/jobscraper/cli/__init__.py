"""The ``jobscraper`` command.

Each sub-command lives in its own module in this package and exposes
``register(app)``; modules are discovered here so that adding a command never
means editing a shared list.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer

from jobscraper.cli.common import console

app = typer.Typer(
    name="jobscraper",
    help="AI job scraper: career pages and job boards into structured, deduplicated postings.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

for _module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
    if _module.name.startswith("cmd_"):
        importlib.import_module(f"{__name__}.{_module.name}").register(app)

__all__ = ["app", "console"]
