"""``calsync config check``: validate a configuration file without running anything."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from calsync.cli import main

if TYPE_CHECKING:
    from calsync.config import Config


@main.group("config", short_help="Inspect the configuration file.")
def config_group() -> None:
    """Inspect the configuration file."""


@config_group.command("check", short_help="Check the configuration; list every problem.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Configuration file (default: $CALSYNC_CONFIG, else "
                   "~/.config/calsync/calsync.toml).")
def check(config_path: str | None) -> None:
    """Report every problem of the configuration at once (exit 2), or summarise it (exit 0)."""
    from calsync.config import load_config
    from calsync.errors import ConfigError

    config = load_config(config_path)
    problems = _environment_problems(config)
    if problems:
        raise ConfigError(f"{config.path}: {len(problems)} problem"
                          f"{'s' if len(problems) != 1 else ''}", problems)
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


def _environment_problems(config: Config) -> list[str]:
    """What the file is right about but this machine cannot do: a missing extra or folder."""
    from calsync.extras import install_hint, missing_module

    problems = []
    for src in config.sources:
        if src.kind == "folder" and src.path is not None and not src.path.is_dir():
            problems.append(f"source {src.name!r} (folder): {src.path}: no such folder")
        elif src.kind == "file" and src.path is not None and not src.path.is_file():
            problems.append(f"source {src.name!r} (file): {src.path}: no such file")
    for tgt in config.targets:
        extra = tgt.kind if tgt.kind in ("google", "caldav") else None
        module = missing_module(extra) if extra else None
        if extra and module:
            problems.append(f"target {tgt.name!r} ({tgt.kind}): needs the {extra!r} extra "
                            f"(module {module} is not installed): {install_hint(extra)}")
    return problems
