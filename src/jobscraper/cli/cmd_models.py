"""``jobscraper models``: the local models of each tier."""

from __future__ import annotations

import json

import typer

from jobscraper.cli.common import console, settings_or_exit


def register(app: typer.Typer) -> None:
    models = typer.Typer(
        help="Local models: build the cpu-tiny models, list the tiers, check the gpu profile."
    )
    app.add_typer(models, name="models")

    @models.command("build-tiny")
    def build_tiny(
        force: bool = typer.Option(False, "--force", help="Rebuild even when present."),
    ) -> None:
        """Build the tiny random-weight Qwen3 models (one per tier) for profile cpu-tiny."""
        from jobscraper.ai.tiny_models import build_tiny_models

        settings = settings_or_exit()
        for result in build_tiny_models(settings, force=force):
            verb = "built" if result.built else "kept"
            size = f", {result.parameters:,} parameters" if result.parameters else ""
            console.print(
                f"{verb} {result.tier}: {result.path} ({result.seconds:.1f} s{size})",
                highlight=False,
            )

    @models.command("list")
    def list_models(
        as_json: bool = typer.Option(False, "--json", help="Print JSON."),
    ) -> None:
        """The tier table: which model serves which prompt sizes, and whether it is present."""
        from jobscraper.ai.routing import local_model_name
        from jobscraper.ai.tiny_models import TinySpec, is_valid, tiny_model_path

        settings = settings_or_exit()
        rows = []
        lower = 0
        for index, tier in enumerate(settings.tiers):
            upper = (tier.below_tokens - 1) if tier.below_tokens else settings.token_threshold
            path = tiny_model_path(settings, tier.name)
            rows.append(
                {
                    "tier": tier.name,
                    "tokens": f"{lower}-{upper}",
                    "model": local_model_name(tier, settings),
                    "gpu_model": tier.gpu_model,
                    "tiny_model_path": str(path),
                    "tiny_model_ready": is_valid(path, TinySpec.for_tier(tier, index)),
                }
            )
            lower = tier.below_tokens or lower
        cloud = settings.cloud_base_url or None
        if as_json:
            print(
                json.dumps(
                    {
                        "profile": settings.resolved_profile,
                        "tiers": rows,
                        "cloud": {"base_url": cloud, "model": settings.cloud_model},
                    }
                )
            )
            return
        from rich.table import Table

        table = Table(title=f"Local tiers (profile {settings.resolved_profile})")
        for column in ("tier", "tokens", "model", "tiny model ready"):
            table.add_column(column)
        for row in rows:
            table.add_row(
                row["tier"], row["tokens"], row["model"], "yes" if row["tiny_model_ready"] else "no"
            )
        console.print(table)
        console.print(
            f"over {settings.token_threshold} tokens: cloud {settings.cloud_model} "
            f"at {cloud or '(not configured)'}",
            highlight=False,
        )

    @models.command("gpu-check")
    def gpu_check() -> None:
        """Whether this machine can run the gpu profile: CUDA, vLLM's CUDA build and each
        tier's real model in the Hugging Face cache. Exit code 1 names what is missing."""
        from jobscraper.ai.gpu_readiness import gpu_readiness

        checks = gpu_readiness(settings_or_exit())
        for check in checks:
            mark = "[green]ok[/green]     " if check.ok else "[red]missing[/red]"
            console.print(f"{mark}  {check.component}: {check.detail}", highlight=False)
        missing = [check.component for check in checks if not check.ok]
        if missing:
            console.print(
                f"[red]The gpu profile cannot run on this machine: {len(missing)} missing "
                f"({', '.join(missing)}).[/red]", highlight=False,
            )
            raise typer.Exit(1)
        console.print("[green]Ready for the gpu profile.[/green]")
