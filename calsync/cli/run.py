"""``calsync run``: the cron entry point (sources -> extraction -> merge -> every target)."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

import click

from calsync.cli import main

if TYPE_CHECKING:
    from calsync.config import Config
    from calsync.model import Change
    from calsync.pipeline import RunReport


@main.command("run")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Configuration file (default: $CALSYNC_CONFIG, else "
                   "~/.config/calsync/calsync.toml).")
@click.option("--dry-run", is_flag=True,
              help="Read sources and print each target's plan; write nothing.")
@click.option("-v", "--verbose", count=True, help="More output: every change, every source.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors (for cron).")
@click.pass_context
def run_command(ctx: click.Context, config_path: str | None, dry_run: bool, verbose: int,
                quiet: bool) -> None:
    """Bring every configured target up to date with every configured source.

    Exit codes: 0 all done; 1 some source or target failed (the others still ran) or another
    run holds the lock; 2 configuration or usage error.
    """
    from zoneinfo import ZoneInfo

    from calsync.cli import setup_logging
    from calsync.config import load_config
    from calsync.pipeline import run

    obj = ctx.ensure_object(dict)
    verbose = max(verbose, int(obj.get("verbose", 0)))
    quiet = quiet or bool(obj.get("quiet", False))
    if verbose or quiet:  # also accepted after `run` (calsync run -q), as cron lines have it
        obj["verbose"], obj["quiet"] = verbose, quiet
        setup_logging(verbose, quiet)
    config = load_config(config_path)
    _log_to_file(config)
    progress = _progress() if sys.stderr.isatty() and not quiet else None
    try:
        report = run(config, now=datetime.now(ZoneInfo(config.timezone)), dry_run=dry_run,
                     progress=progress)
    finally:
        if progress is not None:
            click.echo("\r\033[K", nl=False, err=True)
    if not quiet:
        _summary(config, report, verbose)
    ctx.exit(report.exit_code)


def _log_to_file(config: Config) -> None:
    if config.log_file is None:
        return
    try:
        config.log_file.parent.mkdir(parents=True, exist_ok=True)
        # Created 0600 whatever the umask: it names sources and calendars.
        os.close(os.open(config.log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        handler = logging.FileHandler(config.log_file, encoding="utf-8")
    except OSError as exc:
        from calsync.errors import ConfigError

        raise ConfigError(f"log_file {config.log_file}: cannot open: {exc.strerror}") from exc
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.INFO)
    logger = logging.getLogger("calsync")
    logger.addHandler(handler)
    if logger.level > logging.INFO or logger.level == logging.NOTSET:
        # The file gets INFO even when stderr shows only warnings.
        for h in logger.handlers:
            if h is not handler:
                h.setLevel(logger.level or logging.WARNING)
        logger.setLevel(logging.INFO)


def _progress() -> Callable[[str], None]:
    def show(message: str) -> None:
        click.echo(f"\r\033[Kcalsync: {message[:70]}", nl=False, err=True)

    return show


def _summary(config: Config, report: RunReport, verbose: int) -> None:
    totals = report.totals()
    head = "calsync run (dry run, nothing written)" if report.dry_run else "calsync run"
    click.echo(
        f"{head}: {len(report.sources)} sources: {totals['new']} new, {totals['changed']} "
        f"changed, {totals['unchanged']} unchanged, {totals['removed']} removed, "
        f"{totals['skipped']} skipped articles; {len(report.events)} events"
    )
    for src in report.sources:
        state = "ok" if src.ok else f"FAILED ({len(src.errors)} error(s))"
        click.echo(f"  source {src.name}: {state}: {src.new} new, {src.changed} changed, "
                   f"{src.unchanged} unchanged, {src.removed} removed, {src.skipped} skipped, "
                   f"{src.events} events")
        for error in src.errors:
            click.echo(f"    error: {error}")
    for tgt in report.targets:
        if tgt.error is not None:
            click.echo(f"  target {tgt.name} ({tgt.kind}): FAILED: {tgt.error}")
            continue
        assert tgt.plan is not None
        counts = tgt.plan.counts()
        shown = ", ".join(f"{counts[k]} {k}" for k in
                          ("create", "update", "delete", "unchanged", "conflict", "skipped")
                          if counts.get(k) or k == "unchanged")
        if report.dry_run:
            written = "would write" if tgt.plan.writes else "nothing to write"
        elif tgt.failed:
            written = f"FAILED: {tgt.failed} change(s) not applied ({tgt.detail})"
        else:
            written = "written" if tgt.written else "unchanged, not rewritten"
        click.echo(f"  target {tgt.name} ({tgt.kind}): {shown}; {written}")
        if verbose and tgt.detail and not tgt.failed:
            click.echo(f"    done: {tgt.detail}")
        changes = tgt.plan.changes if verbose else tgt.plan.writes
        for change in changes:
            click.echo(f"    {_describe(change)}")


def _describe(change: Change) -> str:
    ev = change.event
    what = change.uid
    if ev is not None:
        when = (ev.start.isoformat() if not isinstance(ev.start, datetime)
                else ev.start.isoformat(timespec="minutes"))
        what = f"{when} {ev.title!r}"
    reason = f": {change.reason}" if change.reason else ""
    return f"{change.kind.value:9} {what}{reason}"
