"""``calsync config check``: validate a configuration file without running anything."""

from __future__ import annotations

import click

from calsync.cli import main


@main.group("config")
def config_group() -> None:
    """Inspect the configuration file."""


@config_group.command("check")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Configuration file (default: $CALSYNC_CONFIG, else "
                   "~/.config/calsync/calsync.toml).")
def check(config_path: str | None) -> None:
    """Report every problem of the configuration at once (exit 2), or summarise it (exit 0)."""
    from calsync.config import load_config

    config = load_config(config_path)
    click.echo(f"{config.path}: OK")
    click.echo(f"  timezone {config.timezone}, holidays {', '.join(config.countries)}")
    click.echo(f"  state in {config.state_dir}, lock {config.lock_path}")
    if config.log_file:
        click.echo(f"  log file {config.log_file}")
    for src in config.sources:
        where = src.url or (f"{src.path}/{src.glob}" if src.kind == "folder" else src.path)
        click.echo(f"  source {src.name} ({src.kind}): {where}")
    import os

    for tgt in config.targets:
        where = getattr(tgt, "path", None) or getattr(tgt, "calendar", None) or \
            getattr(tgt, "url", "")
        click.echo(f"  target {tgt.name} ({tgt.kind}): {where}")
        for key in ("credentials_env", "password_env"):
            variable = getattr(tgt, key, None)
            if variable and not os.environ.get(variable):
                click.echo(f"  warning: target {tgt.name}: {key} names {variable}, which is "
                           "not set here (cron and systemd have their own environment)",
                           err=True)
    if not config.sources:
        click.echo("  warning: no [[source]]: a run will find no articles", err=True)
    if not config.targets:
        click.echo("  warning: no [[target]]: a run will write nothing", err=True)
