"""``calsync sync TARGET``: plan and apply events to a shared calendar.

Every target subcommand shares the options in ``sync_options`` and the output of
``report_result``; a new target (CalDAV) adds a subcommand to the ``sync`` group with them.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from calsync.cli import main
from calsync.cli._common import article_events, reading_options
from calsync.model import ChangeKind, Event
from calsync.wording import plural

F = TypeVar("F", bound=Callable[..., Any])


@main.group("sync", short_help="Sync the events of articles to a shared calendar.")
def sync_group() -> None:
    """Sync the events of articles to a shared calendar, idempotently.

    Re-runs write nothing when nothing changed; events calsync did not create are never
    touched; events people deleted or edited are left alone (reported) unless --force.
    """


def sync_options(func: F) -> F:
    """Options every ``calsync sync`` target shares."""
    options = [
        click.argument("paths", nargs=-1),
        reading_options(),
        click.option("--state", "state_path", type=click.Path(dir_okay=False),
                     help="State file (default: $XDG_STATE_HOME/calsync/state.sqlite)."),
        click.option("--dry-run", is_flag=True, help="Print the plan, write nothing."),
        click.option("--prune", is_flag=True,
                     help="Delete calsync's events that are no longer in the sources."),
        click.option("--force", is_flag=True,
                     help="Overwrite edits made in the calendar, restore events deleted "
                          "there, and lift the deletion guard."),
        click.option("--max-delete-fraction", type=click.FloatRange(0.0, 1.0), default=0.5,
                     show_default=True,
                     help="With --prune, refuse to delete more than this share of calsync's "
                          "events without --force."),
        click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                     show_default=True),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def run_sync(ctx: click.Context, events: list[Event], target: Any, *, state_path: str | None,
             dry_run: bool, prune: bool, force: bool, max_delete_fraction: float,
             fmt: str) -> None:
    """Sync, print the plan and the result, exit 1 when some change failed."""
    from calsync.sync import StateStore, sync
    from calsync.sync.state import default_state_path

    path = Path(state_path) if state_path else default_state_path()
    quiet = bool(ctx.obj and ctx.obj.get("quiet"))
    done = [0]

    def progress(_result: Any) -> None:
        # Long syncs show where they are, on a terminal only (cron logs stay clean).
        done[0] += 1
        if done[0] % 50 == 0:
            click.echo(f"\rcalsync: {done[0]} changes written", err=True, nl=False)

    show = not quiet and fmt == "text" and sys.stderr.isatty()
    if dry_run and not path.exists():  # a dry run creates nothing, not even the state file
        result = sync(events, target, None, dry_run=True, prune=prune, force=force,
                      max_delete_fraction=max_delete_fraction)
    else:
        with StateStore(path) as state:
            result = sync(events, target, state, dry_run=dry_run, prune=prune, force=force,
                          max_delete_fraction=max_delete_fraction,
                          progress=progress if show else None)
    if show and done[0] >= 50:
        click.echo("", err=True)
    verbose = bool(ctx.obj and ctx.obj.get("verbose"))
    report_result(result, fmt, verbose=verbose)
    if result.error:
        click.echo(f"calsync: error: {result.error}", err=True)
    if not result.ok:
        ctx.exit(1)


def report_result(result: Any, fmt: str, *, verbose: bool = False) -> None:
    from calsync.sync import describe

    if fmt == "json":
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
        return
    plan = result.plan.counts()
    head = "dry run, nothing written" if result.dry_run else "plan"
    click.echo(f"{result.plan.target}: {head}: {plan['create']} to create, "
               f"{plan['update']} to update, {plan['delete']} to delete, "
               f"{plural(plan['conflict'], 'conflict')}, {plan['unchanged']} unchanged, "
               f"{plan['skipped']} skipped")
    outcome = {id(r.change): r for r in result.results}
    for change in result.plan.changes:
        if change.kind is ChangeKind.UNCHANGED and not verbose:
            continue
        line = "  " + describe(change)
        res = outcome.get(id(change))
        if res is not None and res.outcome != "ok":
            line += f" -> {res.outcome.upper()}: {res.message}"
        click.echo(line)
    if not result.dry_run:
        c = result.counts()
        click.echo(f"done: {c['created']} created, {c['updated']} updated, "
                   f"{c['deleted']} deleted, {c['unchanged']} unchanged, "
                   f"{plural(c['conflicts'], 'conflict')}, {c['skipped']} skipped, "
                   f"{c['failed']} failed")


@sync_group.command("google", short_help="Sync the events of articles to Google Calendar.")
@sync_options
@click.option("--calendar", required=True,
              help="Calendar id (Settings > Integrate calendar), or 'primary'.")
@click.option("--credentials", type=click.Path(dir_okay=False),
              envvar="CALSYNC_GOOGLE_CREDENTIALS",
              help="Service account key (JSON); env CALSYNC_GOOGLE_CREDENTIALS. Default: the "
                   "token `calsync auth google` stored.")
@click.option("--api-endpoint", help="API root URL (a proxy or an emulator).")
@click.option("--token-uri", help="OAuth token endpoint overriding the key's token_uri.")
@click.pass_context
def google(ctx: click.Context, paths: tuple[str, ...], published: str | None, tz: str,
           countries: tuple[str, ...], keep_past: bool, state_path: str | None,
           dry_run: bool, prune: bool, force: bool,
           max_delete_fraction: float, fmt: str, calendar: str, credentials: str | None,
           api_endpoint: str | None, token_uri: str | None) -> None:
    """Sync the events of article files (PATH... or -) to a Google calendar.

    \b
    Example:
      calsync sync google news/*.txt --published 2026-03-02 \\
          --calendar team@group.calendar.google.com --credentials key.json --dry-run
    """
    from calsync.extras import require

    require("google", "calsync sync google")
    from calsync.targets.google import GoogleTarget, load_credentials, token_keeper

    events = article_events(paths, published, tz, countries, keep_past,
                            state_path=state_path, decided=True)
    creds = load_credentials(credentials, token_uri=token_uri)
    keep_token = token_keeper(creds, stored=credentials is None)
    target = GoogleTarget(calendar, creds, api_endpoint=api_endpoint)
    try:
        run_sync(ctx, events, target, state_path=state_path, dry_run=dry_run, prune=prune,
                 force=force, max_delete_fraction=max_delete_fraction, fmt=fmt)
    finally:
        keep_token()  # a refreshed OAuth token is saved back (0600)
