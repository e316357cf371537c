"""``calsync run`` with several targets: the .ics file and Google (through the emulator)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import icalendar
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
    ics = icalendar.Calendar.from_ical((tmp_path / "out/cal.ics").read_bytes())
    in_file = {(str(e["UID"]), str(e["SUMMARY"])) for e in ics.walk("VEVENT")}
    n = len(in_file)
    assert n >= 5 and f"target shared (google): {n} create" in first.output
    remote = emulator.events(CAL)
    assert {(e["iCalUID"], e["summary"]) for e in remote} == in_file
    emulator.reset_log()
    again = run(config)
    assert again.exit_code == 0, again.output
    assert f"target shared (google): {n} unchanged" in again.output
    assert emulator.write_parts() == 0
    # A new article moves one event: one update of the same Google event.
    jazz_url = site.server.url("/jazz-a")
    [before] = [e for e in remote if jazz_url in e.get("description", "")]
    site.publish("/jazz-moved")
    emulator.reset_log()
    moved = run(config)
    assert moved.exit_code == 0, moved.output
    assert f"target shared (google): 1 update, {n - 1} unchanged" in moved.output
    [after] = [e for e in emulator.events(CAL) if jazz_url in e.get("description", "")]
    assert after["id"] == before["id"] and after["start"]["date"] == "2026-06-27"
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
    assert "target cal (ics): FAILED" not in result.output


def test_caldav_target_from_the_configuration(http_server, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("calsync.targets.caldav")
    radicale_server = pytest.importorskip("tests.caldav.radicale_server")
    folder = tmp_path / "radicale"
    folder.mkdir()
    server = radicale_server.RadicaleServer(folder).start()
    try:
        monkeypatch.setenv("CALSYNC_TEST_DAV", radicale_server.PASSWORD)
        site = Site(http_server)
        config = site.config(tmp_path, extra=f"""
[[target]]
name = "dav"
type = "caldav"
url = "{server.url}"
username = "{radicale_server.USER}"
password_env = "CALSYNC_TEST_DAV"
calendar = "Riverside"
create = true
""")
        first = run(config)
        assert first.exit_code == 0, first.output
        n = len(icalendar.Calendar.from_ical(
            (tmp_path / "out/cal.ics").read_bytes()).walk("VEVENT"))
        assert f"target dav (caldav): {n} create" in first.output
        server.reset_log()
        again = run(config)
        assert again.exit_code == 0, again.output
        assert f"target dav (caldav): {n} unchanged" in again.output
        assert server.writes() == []
    finally:
        server.stop()


def test_google_quota_fails_that_target_and_the_next_run_converges(
        http_server, emulator: CalendarEmulator, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.google.emulator import QUOTA_403

    site = Site(http_server)
    monkeypatch.setenv("CALSYNC_TEST_KEY", str(emulator.service_account_key(tmp_path / "k.json")))
    config = site.config(tmp_path, extra=google_target(emulator))
    emulator.inject(QUOTA_403, times=1000, when=lambda method, path: method != "GET")
    first = run(config)
    assert first.exit_code == 1, first.output
    assert "target shared (google): FAILED" in first.output
    assert "target cal (ics)" in first.output and (tmp_path / "out/cal.ics").exists()
    with emulator.lock:
        emulator.scripted.clear()
    again = run(config)
    assert again.exit_code == 0, again.output
    n = len(icalendar.Calendar.from_ical((tmp_path / "out/cal.ics").read_bytes()).walk("VEVENT"))
    assert len(emulator.events(CAL)) == n
