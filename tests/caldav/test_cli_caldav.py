"""``calsync sync caldav`` end to end against Radicale, with the seed article."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from calsync.cli import main
from tests.caldav.conftest import CALENDAR, SLUG
from tests.caldav.radicale_server import PASSWORD, USER, RadicaleServer

PUBLISHED = "2021-11-05"


@pytest.fixture
def seed_copy(tmp_path: Path, seed_text: str) -> Path:
    path = tmp_path / "seed.txt"
    path.write_text(seed_text, encoding="utf-8")
    return path


def run(radicale: RadicaleServer, tmp_path: Path, *args: str,
        env: dict[str, str] | None = None) -> Result:
    base = ["sync", "caldav", "--published", PUBLISHED, "--url", radicale.url,
            "--username", USER, "--calendar", CALENDAR,
            "--state", str(tmp_path / "state.sqlite")]
    return CliRunner().invoke(main, base + list(args),
                              env=env if env is not None else {"CAL_PW": PASSWORD})


def counts(result: Result) -> dict[str, Any]:
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.output)
    return data["counts"]  # type: ignore[no-any-return]


def test_dry_run_then_sync_then_rerun(
    radicale: RadicaleServer, tmp_path: Path, seed_copy: Path
) -> None:
    dry = run(radicale, tmp_path, str(seed_copy), "--password-env", "CAL_PW", "--create",
              "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "dry run, nothing written: 9 to create" in dry.output.splitlines()[0]
    assert not (tmp_path / "state.sqlite").exists()
    assert radicale.writes() == []  # not even the calendar (MKCALENDAR) is made

    first = counts(run(radicale, tmp_path, str(seed_copy), "--password-env", "CAL_PW",
                       "--create", "--format", "json"))
    assert first["created"] == 9 and first["failed"] == 0
    assert len(radicale.objects(SLUG)) == 9
    radicale.reset_log()
    again = counts(run(radicale, tmp_path, str(seed_copy), "--password-env", "CAL_PW",
                       "--format", "json"))
    assert again["unchanged"] == 9 and again["created"] == 0
    assert radicale.writes() == []


def test_password_from_a_command(
    radicale: RadicaleServer, tmp_path: Path, seed_copy: Path
) -> None:
    helper = tmp_path / "pw.py"
    helper.write_text(f"print({PASSWORD!r})\nprint('second line ignored')\n",
                      encoding="utf-8")
    result = run(radicale, tmp_path, str(seed_copy), "--create", "--format", "json",
                 "--password-command", f"{sys.executable} {helper}", env={})
    assert counts(result)["created"] == 9


def test_missing_password_and_unreachable_server_are_one_line_errors(
    radicale: RadicaleServer, tmp_path: Path, seed_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    slept: list[float] = []
    monkeypatch.setattr(time, "sleep", slept.append)
    missing = run(radicale, tmp_path, str(seed_copy), "--password-env", "NOPE", env={})
    assert missing.exit_code == 2
    assert "environment variable NOPE" in missing.output
    assert "Traceback" not in missing.output
    radicale.stop()
    down = CliRunner().invoke(main, [
        "sync", "caldav", str(seed_copy), "--published", PUBLISHED, "--url",
        radicale.url, "--username", USER, "--password-env", "CAL_PW",
        "--calendar", CALENDAR, "--state", str(tmp_path / "s2.sqlite")],
        env={"CAL_PW": PASSWORD})
    assert down.exit_code == 1
    assert "calsync: error:" in down.output and "unreachable" in down.output
    assert len(slept) == 2  # retried with backoff, briefly, before giving up
