"""``calsync auth google``: the OAuth installed-app flow for people without a service account."""

from __future__ import annotations

import click

from calsync.cli import main


@main.group("auth", short_help="Authorise calsync to write to a calendar.")
def auth_group() -> None:
    """Authorise calsync to write to a calendar."""


@auth_group.command("google", short_help="Sign in with Google; store a token for later runs.")
@click.option("--client-secrets", required=True, type=click.Path(dir_okay=False, exists=True),
              help="OAuth client file (type Desktop app) from the Google Cloud console.")
@click.option("--token", "token_path", type=click.Path(dir_okay=False),
              help="Where to store the token (default: ~/.config/calsync/google-token.json).")
@click.option("--port", type=int, default=0, show_default=True,
              help="Local port for the redirect (0 picks a free one).")
@click.option("--no-browser", is_flag=True, help="Print the URL instead of opening a browser.")
def google(client_secrets: str, token_path: str | None, port: int, no_browser: bool) -> None:
    """Sign in with Google in a browser and store a refreshable token (mode 0600).

    The scope is calendar.events: calsync can manage events of calendars you can edit, and
    nothing else. `calsync sync google` without --credentials then uses this token.
    """
    from pathlib import Path

    from calsync.errors import ConfigError, TargetError
    from calsync.extras import require

    require("google", "calsync auth google")
    from calsync.targets.google import SCOPE, save_token

    try:
        from google_auth_oauthlib.flow import InstalledAppFlow

        flow = InstalledAppFlow.from_client_secrets_file(client_secrets, scopes=[SCOPE])
    except (ValueError, KeyError) as exc:
        raise ConfigError(f"{client_secrets}: not an OAuth client secrets file ({exc})") from exc
    try:
        creds = flow.run_local_server(
            host="localhost", port=port, open_browser=not no_browser,
            authorization_prompt_message="Open this URL to authorise calsync: {url}",
            success_message="calsync is authorised; you can close this window.",
        )
    except Exception as exc:  # oauthlib/requests errors: report them as one line
        raise TargetError(f"Google sign-in failed: {exc}") from exc
    path = save_token(creds, Path(token_path) if token_path else None)
    click.echo(f"token stored in {path} (mode 0600)")
