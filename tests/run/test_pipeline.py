"""``calsync run`` end to end: our site on 127.0.0.1, the real extractor, an .ics target."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest
from click.testing import CliRunner, Result

from calsync.cli import main
from calsync.config import load_config
from calsync.pipeline import run
from tests.httpserver import TestServer
from tests.run.site import Site

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def site(http_server: TestServer) -> Site:
    return Site(http_server)


def cli(config: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["run", "--config", str(config), *args])


def events(ics: Path) -> dict[str, Any]:
    """SUMMARY -> VEVENT of the calendar file."""
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    out: dict[str, Any] = {}
    for ev in cal.walk("VEVENT"):
        assert str(ev["SUMMARY"]) not in out, "duplicate event"
        out[str(ev["SUMMARY"])] = ev
    return out


def test_first_run_writes_the_events(site: Site, tmp_path: Path) -> None:
    result = cli(site.config(tmp_path))
    assert result.exit_code == 0, result.output
    assert "5 new, 0 changed, 0 unchanged" in result.output
    cal = events(tmp_path / "out/cal.ics")
    assert cal["Riverside Jazz Festival"]["DTSTART"].dt == date(2026, 6, 20)
    assert cal["Opening of the tram line"]["DTSTART"].dt == date(2026, 9, 14)
    meeting = cal["Public meeting"]["DTSTART"].dt
    assert meeting.isoformat() == "2026-03-05T18:30:00+01:00"
    assert len(cal) == 6
    # The cache is private.
    assert (tmp_path / "state/articles.sqlite").stat().st_mode & 0o077 == 0


def test_second_run_with_nothing_changed_extracts_and_writes_nothing(
        site: Site, tmp_path: Path) -> None:
    config = site.config(tmp_path)
    assert cli(config).exit_code == 0
    ics = tmp_path / "out/cal.ics"
    before = (ics.read_bytes(), ics.stat().st_mtime_ns)
    site.server.clear_log()
    report = run(load_config(config), now=_now())
    assert report.ok and report.totals()["extracted"] == 0
    assert report.totals()["unchanged"] == 5
    # One conditional request per feed or page, all answered 304: no entry page is fetched.
    assert sorted((h.path, h.status) for h in site.server.hits()) == [
        ("/atom", 304), ("/ferry", 304), ("/rss", 304)]
    assert (ics.read_bytes(), ics.stat().st_mtime_ns) == before
    assert report.targets[0].plan is not None and not report.targets[0].plan.writes


def test_a_feed_that_gains_an_article_updates_the_calendar(site: Site, tmp_path: Path) -> None:
    config = site.config(tmp_path)
    assert cli(config).exit_code == 0
    site.server.clear_log()
    site.publish("/jazz-moved")
    result = cli(config)
    assert result.exit_code == 0, result.output
    assert "1 new, 0 changed, 5 unchanged" in result.output
    fetched = {(h.path, h.status) for h in site.server.hits()}
    assert ("/jazz-moved", 200) in fetched and ("/jazz-a", 304) in fetched
    jazz = events(tmp_path / "out/cal.ics")["Riverside Jazz Festival"]
    assert jazz["DTSTART"].dt == date(2026, 6, 27)


def test_the_same_event_in_three_articles_is_one_event(site: Site, tmp_path: Path) -> None:
    config = site.config(tmp_path)
    assert cli(config).exit_code == 0
    first_uid = str(events(tmp_path / "out/cal.ics")["Riverside Jazz Festival"]["UID"])
    site.publish("/jazz-b", "/jazz-c")
    assert cli(config).exit_code == 0
    cal = events(tmp_path / "out/cal.ics")
    assert len(cal) == 6
    jazz = cal["Riverside Jazz Festival"]
    assert str(jazz["UID"]) == first_uid and jazz["DTSTART"].dt == date(2026, 6, 20)
    description = str(jazz["DESCRIPTION"])
    for path in ("/jazz-a", "/jazz-b", "/jazz-c"):
        assert site.server.url(path) in description
    # A fourth article postpones it: same UID, new date, SEQUENCE bumped.
    sequence = int(jazz.get("SEQUENCE", 0))
    site.publish("/jazz-moved")
    assert cli(config).exit_code == 0
    moved = events(tmp_path / "out/cal.ics")["Riverside Jazz Festival"]
    assert str(moved["UID"]) == first_uid
    assert moved["DTSTART"].dt == date(2026, 6, 27)
    assert int(moved["SEQUENCE"]) > sequence


def test_a_failing_page_fails_its_source_only_and_the_next_run_recovers(
        site: Site, tmp_path: Path) -> None:
    config = site.config(tmp_path)
    assert cli(config).exit_code == 0
    site.publish("/jazz-b")
    site.server.fail("/jazz-b", 500)
    site.server.fail("/ferry", 503)
    result = cli(config)
    assert result.exit_code == 1, result.output
    assert "source rss: FAILED" in result.output and "/jazz-b: HTTP 500" in result.output
    assert "source ferry: FAILED" in result.output and "HTTP 503" in result.output
    assert "source local: ok" in result.output and "target cal (ics)" in result.output
    # The failing sources' events from the last run are kept, not deleted.
    cal = events(tmp_path / "out/cal.ics")
    assert {"Start", "Ceremony", "Riverside Jazz Festival"} <= set(cal)
    site.server.heal("/jazz-b")
    site.server.heal("/ferry")
    site.server.clear_log()
    again = cli(config)
    assert again.exit_code == 0, again.output
    assert ("/jazz-b", 200) in {(h.path, h.status) for h in site.server.hits()}
    jazz = events(tmp_path / "out/cal.ics")["Riverside Jazz Festival"]
    assert site.server.url("/jazz-b") in str(jazz["DESCRIPTION"])


def test_a_stalled_server_times_out_that_source_only(site: Site, tmp_path: Path) -> None:
    config = site.config(tmp_path, timeout=0.5)
    assert cli(config).exit_code == 0
    site.server.stall("/atom", 3)
    result = cli(config)
    assert result.exit_code == 1
    assert "source atom: FAILED" in result.output and "no answer within 0.5 s" in result.output
    assert "Opening of the tram line" in events(tmp_path / "out/cal.ics")
    site.server.heal("/atom")
    assert cli(config).exit_code == 0


def test_a_feed_entry_pointing_at_a_local_file_is_refused(site: Site, tmp_path: Path) -> None:
    site.server.set("/rss", site.server.routes["/rss"].body.decode().replace(
        site.server.url("/bridge"), "file:///etc/passwd"), "application/rss+xml")
    result = cli(site.config(tmp_path))
    assert result.exit_code == 1
    assert "file://etc/passwd: refused: calsync only fetches http:// and https://" in result.output
    assert "root:" not in (tmp_path / "out/cal.ics").read_text()


def test_dry_run_writes_nothing(site: Site, tmp_path: Path) -> None:
    config = site.config(tmp_path)
    result = cli(config, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "dry run" in result.output and "6 create" in result.output
    assert not (tmp_path / "out").exists()
    # The cache was not filled either: a real run still sees every article as new.
    assert "5 new" in cli(config).output


def test_undated_article_is_skipped_with_a_warning(site: Site, tmp_path: Path) -> None:
    config = site.config(tmp_path)
    (tmp_path / "articles/undated.txt").write_text("The bakery reopens on Friday.")
    result = cli(config)
    assert result.exit_code == 0
    assert "1 skipped" in result.output
    assert "undated.txt: skipped: no publication date" in result.output


def test_a_removed_file_removes_its_events(site: Site, tmp_path: Path) -> None:
    config = site.config(tmp_path)
    assert cli(config).exit_code == 0
    (tmp_path / "articles/meeting.txt").unlink()
    result = cli(config)
    assert "1 removed" in result.output
    assert "Public meeting" not in events(tmp_path / "out/cal.ics")


def test_two_runs_at_once_the_second_stops_at_once(site: Site, tmp_path: Path) -> None:
    config = site.config(tmp_path)
    site.server.stall("/ferry", 2.0)
    first: dict[str, Any] = {}

    def slow_run() -> None:
        first["report"] = run(load_config(config), now=_now())

    thread = threading.Thread(target=slow_run)
    thread.start()
    try:
        lock = tmp_path / "state/calsync.lock"
        for _ in range(100):  # wait until the first run holds the lock
            if site.server.hits("/rss"):
                break
            threading.Event().wait(0.02)
        assert lock.exists()
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        second = subprocess.run([sys.executable, "-m", "calsync", "run", "--config", str(config)],
                                capture_output=True, text=True, env=env, timeout=60)
    finally:
        thread.join()
    assert second.returncode == 1
    assert "another calsync run is in progress" in second.stderr
    assert "Traceback" not in second.stderr
    assert first["report"].ok


def test_broken_config_exits_2_with_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "calsync.toml"
    path.write_text('timezone = "Mars/Olympus"\n\n[[source]]\nname = "x"\ntype = "feed"\n'
                    'url = "ftp://example.org/rss"\n\n[[target]]\ntype = "ics"\n')
    result = cli(path)
    assert result.exit_code == 2
    for expected in ("calsync.toml:1: timezone", "calsync.toml:6: source[1].url",
                     "calsync.toml:8: target[1].path: missing"):
        assert expected in result.output


def test_bundled_example_runs_without_network(tmp_path: Path) -> None:
    """The README's quick start: the bundled config, our example article, an .ics file."""
    import shutil

    folder = tmp_path / "config"
    shutil.copytree(REPO / "config", folder, ignore=shutil.ignore_patterns("state", "out"))
    result = cli(folder / "calsync.toml")
    assert result.exit_code == 0, result.output
    cal = events(folder / "out/calsync.ics")
    assert len(cal) >= 3
    assert any(ev["DTSTART"].dt == date(2026, 4, 8) for ev in cal.values())


def _now() -> Any:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime(2026, 3, 20, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
