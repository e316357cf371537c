"""``calsync sync caldav``: the CalDAV target of the ``sync`` group (Nextcloud, Fastmail,
iCloud, Radicale...), with the options, plan output and exit codes of ``sync google``."""

from __future__ import annotations

import click

from calsync.cli._common import article_events
from calsync.cli.sync import run_sync, sync_group, sync_options
from calsync.errors import UsageError


@sync_group.command("caldav", short_help="Sync the events of articles to a CalDAV calendar.")
@sync_options
@click.option("--url", required=True, envvar="CALSYNC_CALDAV_URL",
              help="Server, principal or calendar URL (env CALSYNC_CALDAV_URL).")
@click.option("--username", envvar="CALSYNC_CALDAV_USERNAME",
              help="Login name (env CALSYNC_CALDAV_USERNAME).")
@click.option("--password-env", metavar="VAR",
              help="Name of the environment variable holding the password "
                   "(default: CALSYNC_CALDAV_PASSWORD when set).")
@click.option("--password-command", metavar="CMD",
              help="Command printing the password on its first line, e.g. "
                   "'pass show calendar' (run without a shell).")
@click.option("--calendar",
              help="Calendar display name, path segment or URL (default: --url is the "
                   "calendar).")
@click.option("--create", is_flag=True, help="Make the calendar when none has this name.")
@click.pass_context
def caldav(ctx: click.Context, paths: tuple[str, ...], published: str | None, tz: str,
           countries: tuple[str, ...], keep_past: bool, state_path: str | None,
           dry_run: bool, prune: bool, force: bool,
           max_delete_fraction: float, fmt: str, url: str, username: str | None,
           password_env: str | None, password_command: str | None, calendar: str | None,
           create: bool) -> None:
    """Sync the events of article files (PATH... or -) to a CalDAV calendar.

    \b
    Example (Nextcloud):
      export CALDAV_PASSWORD=...   # an app password
      calsync sync caldav news/*.txt --published 2026-03-02 \\
          --url https://cloud.example.com/remote.php/dav/calendars/USER/CALENDAR/ \\
          --username USER --password-env CALDAV_PASSWORD --dry-run
    """
    import os

    from calsync.extras import require

    require("caldav", "calsync sync caldav")
    from calsync.targets.caldav import CalDAVTarget, resolve_password

    if password_env and password_command:
        raise UsageError("give --password-env or --password-command, not both")
    if not password_env and not password_command and os.environ.get("CALSYNC_CALDAV_PASSWORD"):
        password_env = "CALSYNC_CALDAV_PASSWORD"
    events = article_events(paths, published, tz, countries, keep_past,
                            state_path=state_path, decided=True)
    password = resolve_password(password_env, password_command)
    if username and password is None:
        raise UsageError(f"no password for {username!r}: pass --password-env VAR or "
                         "--password-command CMD")
    target = CalDAVTarget(url, username, password, calendar=calendar, create=create)
    run_sync(ctx, events, target, state_path=state_path, dry_run=dry_run, prune=prune,
             force=force, max_delete_fraction=max_delete_fraction, fmt=fmt)
