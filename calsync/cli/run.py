"""``calsync run``: the cron entry point (sources -> extraction -> merge -> every target)."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

import click

from calsync.cli import main
from calsync.errors import CalsyncError
from calsync.wording import plural

if TYPE_CHECKING:
    from calsync.config import Config
    from calsync.model import Change
    from calsync.pipeline import RunReport

log = logging.getLogger("calsync.run")


@main.command("run", short_help="Update every configured calendar from its sources.")
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
    log.info("run started: config %s, pid %d%s", config.path, os.getpid(),
             ", dry run" if dry_run else "")
    started = time.monotonic()
    try:
        report = run(config, now=datetime.now(ZoneInfo(config.timezone)), dry_run=dry_run,
                     progress=progress)
    except CalsyncError as exc:
        log.info("run ended after %.1f s: %s (exit %d)", time.monotonic() - started, exc,
                 exc.exit_code)
        raise
    finally:
        if progress is not None:
            click.echo("\r\033[K", nl=False, err=True)
    _log_report(report, time.monotonic() - started)
    if quiet:
        # Logged as warnings, which -q hides; unlike a file caught half-written (read again
        # next run) an undated article stays skipped until someone dates it.
        for src in report.sources:
            for warning in src.undated:
                click.echo(f"calsync: warning: {warning}", err=True)
    else:
        _summary(config, report, verbose)
    ctx.exit(report.exit_code)


def _log_report(report: RunReport, elapsed: float) -> None:
    """The run's outcome in the log (``log_file`` gets INFO): what each target was asked to
    change and whether its file or calendar was written, then the end line."""
    for tgt in report.targets:
        where = "file" if tgt.kind == "ics" else "calendar"
        if tgt.error is not None:
            log.info("target %s (%s): FAILED: %s", tgt.name, tgt.kind, tgt.error)
            continue
        assert tgt.plan is not None
        counts = tgt.plan.counts()
        changes = (f"{counts['create']} to create, {counts['update']} to update, "
                   f"{counts['delete']} to delete" if report.dry_run else
                   f"{counts['create']} created, {counts['update']} updated, "
                   f"{counts['delete']} deleted")
        if report.dry_run:
            outcome = f"{where} not written (dry run)"
        elif tgt.failed:
            outcome = f"FAILED: {plural(tgt.failed, 'change')} not applied"
        else:
            outcome = f"{where} written" if tgt.written else f"{where} not written (no change)"
        log.info("target %s (%s): %s, %d unchanged; %s", tgt.name, tgt.kind, changes,
                 counts["unchanged"], outcome)
    failed_sources = sum(not s.ok for s in report.sources)
    failed_targets = sum(not t.ok for t in report.targets)
    log.info("run ended after %.1f s: %s; %s, %s failed; %s, %s failed; %s (exit %d)",
             elapsed, "ok" if report.ok else "FAILED", plural(len(report.sources), "source"),
             failed_sources, plural(len(report.targets), "target"), failed_targets,
             plural(len(report.events), "event"), report.exit_code)


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
        f"{head}: {plural(len(report.sources), 'source')}: {totals['new']} new, "
        f"{totals['changed']} changed, {totals['unchanged']} unchanged, {totals['removed']} "
        f"removed, {plural(totals['skipped'], 'skipped article')}; "
        f"{plural(len(report.events), 'event')}"
    )
    for src in report.sources:
        state = "ok" if src.ok else f"FAILED ({plural(len(src.errors), 'error')})"
        click.echo(f"  source {src.name}: {state}: {src.new} new, {src.changed} changed, "
                   f"{src.unchanged} unchanged, {src.removed} removed, {src.skipped} skipped, "
                   f"{plural(src.events, 'event')}")
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
            written = f"FAILED: {plural(tgt.failed, 'change')} not applied ({tgt.detail})"
        else:
            written = "written" if tgt.written else "unchanged, not rewritten"
        held = f", {tgt.held} held for review" if tgt.held else ""
        click.echo(f"  target {tgt.name} ({tgt.kind}): {shown}{held}; {written}")
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
