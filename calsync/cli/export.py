"""``calsync export`` (articles → .ics file) and ``calsync validate`` (lint .ics files)."""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from calsync.cli import main
from calsync.cli._common import article_events, reading_options
from calsync.errors import CalsyncError, InputError, UsageError
from calsync.model import ChangeKind, Plan
from calsync.wording import plural


def _now() -> datetime:
    """The clock, or SOURCE_DATE_EPOCH for reproducible files (the reproducible-builds rule)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), UTC)
        except ValueError as exc:
            raise UsageError(f"SOURCE_DATE_EPOCH={epoch!r} is not a number of seconds") from exc
    return datetime.now(UTC)


def _print_plan(plan: Plan) -> None:
    labels = {ChangeKind.CREATE: "create", ChangeKind.UPDATE: "update",
              ChangeKind.DELETE: "delete", ChangeKind.UNCHANGED: "same",
              ChangeKind.SKIPPED: "skip"}
    for change in plan.changes:
        ev = change.event
        when = ""
        if ev is not None:
            when = (ev.start.strftime("%Y-%m-%d %H:%M") if isinstance(ev.start, datetime)
                    else ev.start.isoformat())
        title = ev.title.replace("\n", " ") if ev is not None else change.uid
        reason = f"  ({change.reason})" if change.reason else ""
        click.echo(f"{labels.get(change.kind, change.kind.value):<7} {when:<16}  {title}{reason}")
    counts = plan.counts()
    click.echo(f"{plan.target}: {counts['create']} to create, {counts['update']} to update, "
               f"{counts['delete']} to delete, {counts['unchanged']} unchanged")


@main.command(short_help="Write the events of articles to an .ics file.")
@click.argument("paths", nargs=-1)
@reading_options()
@click.option("-o", "--output", required=True, metavar="FILE.ics",
              help="Calendar file to create or update (- writes to standard output).")
@click.option("--name", default=None,
              help="Calendar name shown by clients. Default: the file name without .ics.")
@click.option("--keep-cancelled", is_flag=True,
              help="Keep events gone from the articles for one more run, as CANCELLED.")
@click.option("--force", is_flag=True, help="Replace FILE.ics even if it is not our calendar.")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
@click.option("--state", "state_path", type=click.Path(dir_okay=False),
              help="State file holding review decisions (default: "
                   "$XDG_STATE_HOME/calsync/state.sqlite); read, never written.")
@click.pass_context
def export(ctx: click.Context, paths: tuple[str, ...], published: str | None, tz: str, output: str,
           name: str | None, countries: tuple[str, ...], keep_past: bool,
           keep_cancelled: bool, force: bool, dry_run: bool, state_path: str | None) -> None:
    """Write the events of article files (PATH... or - for stdin) to an .ics calendar.

    Re-running updates the file in place: unchanged events keep their version stamps (same
    input, same bytes), changed events get SEQUENCE+1, events gone from the articles are
    removed. The file is replaced atomically. Events rejected in `calsync review` are left
    out, corrected ones written as corrected.
    """
    from calsync import ics
    from calsync.targets.ics_file import IcsFileTarget

    events = article_events(paths, published, tz, countries, keep_past,
                            state_path=state_path, decided=True)
    quiet = bool(ctx.obj and ctx.obj.get("quiet"))

    if output == "-":
        options = ics.CalendarOptions(name=name or ics.DEFAULT_NAME, timezone=tz,
                                      keep_cancelled=keep_cancelled)
        if dry_run:
            _print_plan(ics.plan(events, target="<stdout>"))
            return
        data, _ = ics.build_calendar(events, now=_now(), options=options)
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return

    target = IcsFileTarget(output, name=name, timezone=tz, keep_cancelled=keep_cancelled,
                           force=force)
    if dry_run:
        _print_plan(target.plan(events))
        return
    result = target.write(events, _now())
    if not quiet:
        state = "written" if result.written else "unchanged, not rewritten"
        click.echo(f"{output}: {state}: {result.summary()}")


@main.command("validate", short_help="Lint .ics files for what calendar apps trip over.")
@click.argument("files", nargs=-1, required=True)
@click.pass_context
def validate_command(ctx: click.Context, files: tuple[str, ...]) -> None:
    """Lint .ics files: RFC 5545 problems and what calendar clients trip over.

    Prints one line per problem (FILE:LINE: code: message). Exit 1 when any file has
    problems, 2 when a file cannot be read or is not a calendar, 0 otherwise.
    """
    from calsync.validate import validate

    quiet = bool(ctx.obj and ctx.obj.get("quiet"))
    worst = 0
    for name in files:
        try:
            data = _read(name)
            report = validate(data, name)
        except CalsyncError as exc:
            click.echo(f"calsync: error: {exc}", err=True)
            worst = max(worst, exc.exit_code)
            continue
        for problem in report.problems:
            click.echo(f"{name}:{problem.line}: {problem.code}: {problem.message}")
        if report.problems:
            worst = max(worst, 1)
            click.echo(f"{name}: {plural(len(report.problems), 'problem')} "
                       f"({plural(report.events, 'event')})")
        elif not quiet:
            click.echo(f"{name}: ok ({plural(report.events, 'event')})")
    ctx.exit(worst)


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    if path.is_dir():
        raise InputError(f"{name}: is a folder, not a calendar file")
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise InputError(f"{name}: no such file") from exc
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror}") from exc

