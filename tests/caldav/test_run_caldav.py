"""``calsync run`` with a ``caldav`` target of the configuration file, against Radicale."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from calsync.cli import main
from tests.caldav.conftest import CALENDAR, SLUG
from tests.caldav.radicale_server import PASSWORD, USER, RadicaleServer
from tests.settle import settled


def write_config(tmp_path: Path, seed_text: str, url: str,
                 secret: str = 'password_env = "TEAM_CALDAV_PASSWORD"') -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "seed.txt").write_text(seed_text, encoding="utf-8")
    (folder / "seed.meta.toml").write_text('published = "2021-11-05"\n', encoding="utf-8")
    settled(folder / "seed.txt")
    config = tmp_path / "calsync.toml"
    config.write_text(f"""
timezone = "Europe/Paris"
state = "state"

[[source]]
name = "articles"
type = "folder"
path = "articles"
glob = "*.txt"

[[target]]
name = "team"
type = "caldav"
url = "{url}"
username = "{USER}"
{secret}
calendar = "{CALENDAR}"
create = true
prune = true
""", encoding="utf-8")
    return config


def test_configured_caldav_target_converges(
    radicale: RadicaleServer, tmp_path: Path, seed_text: str
) -> None:
    config = write_config(tmp_path, seed_text, radicale.url)
    env = {"TEAM_CALDAV_PASSWORD": PASSWORD}
    first = CliRunner().invoke(main, ["run", "--config", str(config)], env=env)
    assert first.exit_code == 0, first.output
    assert len(radicale.objects(SLUG)) == 9
    radicale.reset_log()
    again = CliRunner().invoke(main, ["run", "--config", str(config)], env=env)
    assert again.exit_code == 0, again.output
    assert radicale.writes() == []

    missing = CliRunner().invoke(main, ["run", "--config", str(config)], env={})
    assert missing.exit_code == 1
    assert "TEAM_CALDAV_PASSWORD" in missing.output


def test_password_from_a_command(radicale: RadicaleServer, tmp_path: Path, seed_text: str) -> None:
    # The command runs without a shell; the first line it prints is the password.
    secret = f'password_command = "echo {PASSWORD}"'
    config = write_config(tmp_path, seed_text, radicale.url, secret=secret)
    result = CliRunner().invoke(main, ["run", "--config", str(config)], env={})
    assert result.exit_code == 0, result.output
    assert len(radicale.objects(SLUG)) == 9


def test_password_env_and_command_together_is_a_config_error(
    tmp_path: Path, seed_text: str
) -> None:
    secret = 'password_env = "X"\npassword_command = "pass show cal"'
    config = write_config(tmp_path, seed_text, "https://dav.example.org/", secret=secret)
    result = CliRunner().invoke(main, ["config", "check", "--config", str(config)])
    assert result.exit_code == 2
    assert "password_command" in result.output
