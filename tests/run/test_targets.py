"""``calsync run`` with several targets: the .ics file and Google (through the emulator)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from calsync.cli import main
from tests.google.emulator import CalendarEmulator
from tests.run.site import Site

CAL = "riverside@group.calendar.google.com"


@pytest.fixture
def emulator() -> Iterator[CalendarEmulator]:
    emu = CalendarEmulator(seed=3).start()
    emu.add_calendar(CAL)
    try:
        yield emu
    finally:
        emu.stop()


def run(config: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["run", "--config", str(config), *args])


def google_target(emulator: CalendarEmulator, env: str = "CALSYNC_TEST_KEY") -> str:
    return f"""
[[target]]
name = "shared"
type = "google"
calendar = "{CAL}"
credentials_env = "{env}"
api_endpoint = "{emulator.url}"
"""


def test_ics_and_google_converge_and_a_rerun_writes_nothing(
        http_server, emulator: CalendarEmulator, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    site = Site(http_server)
    monkeypatch.setenv("CALSYNC_TEST_KEY", str(emulator.service_account_key(tmp_path / "k.json")))
    config = site.config(tmp_path, extra=google_target(emulator))
    first = run(config)
    assert first.exit_code == 0, first.output
    assert "target shared (google): 6 create" in first.output
    titles = sorted(e["summary"] for e in emulator.events(CAL))
    assert titles == sorted(["Public meeting", "Reopening", "Ceremony", "Start",
                             "Riverside Jazz Festival", "Opening of the tram line"])
    emulator.reset_log()
    again = run(config)
    assert again.exit_code == 0, again.output
    assert "target shared (google): 6 unchanged" in again.output
    assert emulator.write_parts() == 0
    # A new article moves one event: one update, same Google event.
    site.publish("/jazz-moved")
    before = {e["summary"]: e["id"] for e in emulator.events(CAL)}
    emulator.reset_log()
    moved = run(config)
    assert moved.exit_code == 0, moved.output
    assert "target shared (google): 1 update, 5 unchanged" in moved.output
    after = {e["summary"]: e for e in emulator.events(CAL)}
    assert after["Riverside Jazz Festival"]["id"] == before["Riverside Jazz Festival"]
    assert after["Riverside Jazz Festival"]["start"]["date"] == "2026-06-27"
    assert emulator.write_parts() == 1


def test_a_failing_target_fails_alone(http_server, emulator: CalendarEmulator,
                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = Site(http_server)
    monkeypatch.delenv("CALSYNC_TEST_KEY", raising=False)
    config = site.config(tmp_path, extra=google_target(emulator))
    result = run(config)
    assert result.exit_code == 1
    assert "target shared (google): FAILED" in result.output
    assert "CALSYNC_TEST_KEY (credentials_env) is not set" in result.output
    assert (tmp_path / "out/cal.ics").exists()
    assert "target cal (ics): 6 create" in result.output
