"""``calsync review``: look at the articles and their events in a local web page, and approve,
reject or correct events before ``run``, ``sync`` and ``export`` write them."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from calsync.cli import main
from calsync.cli._common import load_articles, reading, reading_options
from calsync.errors import UsageError
from calsync.wording import plural

DEFAULT_PORT = 8717


@main.command("review", short_help="Review events in a local web page before they are shared.")
@click.argument("paths", nargs=-1)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Review what `calsync run` would write with this configuration (default "
                   "when no PATH is given: $CALSYNC_CONFIG, else ~/.config/calsync/calsync.toml).")
@reading_options()
@click.option("--state", "state_path", type=click.Path(dir_okay=False),
              help="With PATHs: the state file keeping decisions (default: "
                   "$XDG_STATE_HOME/calsync/state.sqlite, the one `export` and `sync` read).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to listen on. Anything but 127.0.0.1 lets others decide.")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
              help="Port (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a browser.")
@click.pass_context
def review(ctx: click.Context, paths: tuple[str, ...], config_path: str | None,
           published: str | None, tz: str, countries: tuple[str, ...], keep_past: bool,
           state_path: str | None, host: str, port: int, open_browser: bool) -> None:
    """Serve a review page on http://127.0.0.1:PORT/ until Ctrl-C.

    It shows each article with its date expressions highlighted (hover one for its
    resolution), the events on a week or month calendar, and lets you approve, reject or
    correct each event. Decisions are kept in the state file, by event UID: `run`, `sync`
    and `export` leave rejected events out and write corrected ones as corrected, and a
    target with `review = true` receives only approved events.

    \b
    Examples:
      calsync review --config ~/.config/calsync/calsync.toml
      calsync review news/*.txt --published 2021-11-05 --open
    """
    from calsync.extras import require

    require("review", "calsync review")
    from zoneinfo import ZoneInfo

    from calsync.review.workspace import config_workspace, workspace

    if paths and config_path:
        raise UsageError("give --config or article PATHs, not both")
    if paths:
        when, settings = reading(published, tz, countries, keep_past)
        from calsync.sync.state import default_state_path

        state = Path(state_path) if state_path else default_state_path()
        ws = workspace(load_articles(paths, when, settings.zone), settings, state)
    else:
        from calsync.config import load_config

        if state_path:
            raise UsageError("--state goes with PATHs; a configuration names its state folder")
        config = load_config(config_path)
        ws = config_workspace(config, datetime.now(ZoneInfo(config.timezone)))
    serve(ws, host, port, open_browser, quiet=bool(ctx.obj and ctx.obj.get("quiet")))


def serve(ws: object, host: str, port: int, open_browser: bool, *, quiet: bool) -> None:
    from werkzeug.serving import make_server

    from calsync.review.app import create_app
    from calsync.review.workspace import Workspace

    assert isinstance(ws, Workspace)
    hosts = ("127.0.0.1", "localhost") if host == "127.0.0.1" else (host, "127.0.0.1",
                                                                       "localhost")
    app = create_app(ws, hosts=hosts)
    try:
        server = make_server(host, port, app, threaded=True)
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}",
                         hint="pass another --port, or --port 0 for any free one") from exc
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{server.server_port}/"
    counts = f"{plural(len(ws.articles), 'article')}, {plural(len(ws.events), 'event')}"
    click.echo(f"calsync review: {url}  ({counts}; Ctrl-C stops)")
    if host not in ("127.0.0.1", "localhost", "::1") and not quiet:
        click.echo(f"calsync: warning: listening on {host}: anyone who can reach it can "
                   "decide what is published", err=True)
    for warning in ws.warnings:
        click.echo(f"calsync: warning: {warning}", err=True)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
