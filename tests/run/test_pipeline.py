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
from tests.settle import settled

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def site(http_server: TestServer) -> Site:
    return Site(http_server)


def cli(config: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["run", "--config", str(config), *args])


def events(ics: Path) -> dict[str, Any]:
    """UID -> VEVENT of the calendar file (no UID twice)."""
    cal = icalendar.Calendar.from_ical(ics.read_bytes())
    out: dict[str, Any] = {}
    for ev in cal.walk("VEVENT"):
        assert str(ev["UID"]) not in out, "duplicate event"
        out[str(ev["UID"])] = ev
    return out


def from_source(ics: Path, needle: str) -> list[Any]:
    """The events whose evidence cites ``needle`` (a URL, an entry id, a file)."""
    return [ev for ev in events(ics).values() if needle in str(ev["DESCRIPTION"])]


def jazz(ics: Path, site: Site) -> Any:
    [event] = from_source(ics, site.server.url("/jazz-a"))
    return event


def start(event: Any) -> Any:
    return event["DTSTART"].dt


def test_first_run_writes_the_events(site: Site, tmp_path: Path) -> None:
    result = cli(site.config(tmp_path))
    assert result.exit_code == 0, result.output
    assert "5 new, 0 changed, 0 unchanged" in result.output
    ics = tmp_path / "out/cal.ics"
    assert start(jazz(ics, site)) == date(2026, 6, 20)
    assert [start(e) for e in from_source(ics, "urn:courier:tram")] == [date(2026, 9, 14)]
    [meeting] = from_source(ics, "articles/meeting.txt")
    assert start(meeting).isoformat() == "2026-03-05T18:30:00+01:00"
    assert {start(e) for e in from_source(ics, site.server.url("/ferry"))} >= {date(2026, 6, 1)}
    assert f"{len(events(ics))} create" in result.output
    # The cache is private.
    assert (tmp_path / "state/articles.sqlite").stat().st_mode & 0o077 == 0


def test_second_run_with_nothing_changed_extracts_and_writes_nothing(
        site: Site, tmp_path: Path) -> None:
    config = site.config(tmp_path)
    assert cli(config).exit_code == 0
    ics = tmp_path / "out/cal.ics"
    before = (ics.read_bytes(), ics.stat().st_mtime_ns)
    cache = tmp_path / "state/articles.sqlite"
    cache_before = (cache.read_bytes(), cache.stat().st_mtime_ns)
    site.server.clear_log()
    report = run(load_config(config), now=_now())
    assert report.ok and report.totals()["extracted"] == 0
    assert report.totals()["unchanged"] == 5
    # One conditional request per feed or page, all answered 304: no entry page is fetched.
    assert sorted((h.path, h.status) for h in site.server.hits()) == [
        ("/atom", 304), ("/ferry", 304), ("/rss", 304)]
    assert (ics.read_bytes(), ics.stat().st_mtime_ns) == before
    assert report.targets[0].plan is not None and not report.targets[0].plan.writes
    assert (cache.read_bytes(), cache.stat().st_mtime_ns) == cache_before


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
    assert start(jazz(tmp_path / "out/cal.ics", site)) == date(2026, 6, 27)


def test_the_same_event_in_several_articles_is_one_event(site: Site, tmp_path: Path) -> None:
    """Four articles published on four days (one says "tomorrow") report one festival."""
    config = site.config(tmp_path)
    ics = tmp_path / "out/cal.ics"
    assert cli(config).exit_code == 0
    count = len(events(ics))
    first_uid = str(jazz(ics, site)["UID"])
    site.publish("/jazz-b", "/jazz-c", "/jazz-eve")
    assert cli(config).exit_code == 0
    assert len(events(ics)) == count
    merged = jazz(ics, site)
    assert str(merged["UID"]) == first_uid and start(merged) == date(2026, 6, 20)
    for path in ("/jazz-a", "/jazz-b", "/jazz-c", "/jazz-eve"):
        assert from_source(ics, site.server.url(path)) == [merged]


def test_a_postponement_moves_the_event_and_keeps_its_uid(site: Site, tmp_path: Path) -> None:
    config = site.config(tmp_path)
    ics = tmp_path / "out/cal.ics"
    site.publish("/jazz-b")
    assert cli(config).exit_code == 0
    count = len(events(ics))
    before = jazz(ics, site)
    site.publish("/jazz-moved")
    assert cli(config).exit_code == 0
    moved = jazz(ics, site)
    assert str(moved["UID"]) == str(before["UID"])
    assert start(moved) == date(2026, 6, 27)
    assert int(moved["SEQUENCE"]) > int(before.get("SEQUENCE", 0))
    assert from_source(ics, site.server.url("/jazz-moved")) == [moved]
    assert len(events(ics)) == count


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
    ics = tmp_path / "out/cal.ics"
    assert from_source(ics, site.server.url("/ferry")) and jazz(ics, site)
    site.server.heal("/jazz-b")
    site.server.heal("/ferry")
    site.server.clear_log()
    again = cli(config)
    assert again.exit_code == 0, again.output
    assert ("/jazz-b", 200) in {(h.path, h.status) for h in site.server.hits()}
    assert site.server.url("/jazz-b") in str(jazz(ics, site)["DESCRIPTION"])


def test_a_stalled_server_times_out_that_source_only(site: Site, tmp_path: Path) -> None:
    config = site.config(tmp_path, timeout=0.5)
    assert cli(config).exit_code == 0
    site.server.stall("/atom", 3)
    result = cli(config)
    assert result.exit_code == 1
    assert "source atom: FAILED" in result.output and "no answer within 0.5 s" in result.output
    assert from_source(tmp_path / "out/cal.ics", "urn:courier:tram")
    site.server.heal("/atom")
    assert cli(config).exit_code == 0


def test_a_feed_entry_pointing_at_a_local_file_is_refused(site: Site, tmp_path: Path) -> None:
    site.server.set("/rss", site.server.routes["/rss"].body.decode().replace(
        site.server.url("/bridge"), "file:///etc/passwd"), "application/rss+xml")
    result = cli(site.config(tmp_path))
    assert result.exit_code == 1
    assert "refused: calsync only fetches http:// and https:// URLs, not file://" in result.output
    assert "root:" not in (tmp_path / "out/cal.ics").read_text()


def test_dry_run_writes_nothing(site: Site, tmp_path: Path) -> None:
    config = site.config(tmp_path)
    result = cli(config, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "dry run" in result.output and " create" in result.output
    assert not (tmp_path / "out").exists()
    assert not (tmp_path / "state").exists()  # no cache, no sync state, no lock file
    # The cache was not filled either: a real run still sees every article as new.
    assert "5 new" in cli(config).output


def test_dry_run_after_a_real_run_changes_no_file(site: Site, tmp_path: Path) -> None:
    config = site.config(tmp_path)
    assert cli(config).exit_code == 0
    (tmp_path / "articles/meeting.txt").unlink()
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.rglob("*")
              if p.is_file()}
    result = cli(config, "--dry-run")
    assert result.exit_code == 0, result.output
    assert "delete" in result.output  # the plan shows what a real run would remove
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in tmp_path.rglob("*")
             if p.is_file()}
    assert after == before


def test_undated_article_is_skipped_with_a_warning(site: Site, tmp_path: Path) -> None:
    config = site.config(tmp_path)
    (tmp_path / "articles/undated.txt").write_text("The bakery reopens on Friday.")
    settled(tmp_path / "articles/undated.txt")
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
    assert from_source(tmp_path / "out/cal.ics", "articles/meeting.txt") == []


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
        for _ in range(500):  # wait until the first run holds the lock (it is reading)
            if site.server.hits("/rss"):
                break
            threading.Event().wait(0.02)
        assert site.server.hits("/rss") and lock.exists()
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
    days = {ev["DTSTART"].dt for ev in cal.values()}
    assert {date(2026, 4, 8), date(2026, 9, 14)} <= days
    # Every event cites the example article as its source.
    assert all("example/riverside-tram.txt" in str(ev["DESCRIPTION"]) for ev in cal.values())


def _now() -> Any:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime(2026, 3, 20, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


def test_a_deleted_or_edited_calendar_file_is_rewritten(site: Site, tmp_path: Path) -> None:
    config = site.config(tmp_path)
    assert cli(config).exit_code == 0
    ics = tmp_path / "out/cal.ics"
    original = ics.read_bytes()
    uids = set(events(ics))
    count = len(uids)
    ics.unlink()
    result = cli(config)
    assert result.exit_code == 0 and f"{count} create" in result.output
    assert set(events(ics)) == uids
    # Someone truncates the file: the quick "nothing changed" check must not trust it.
    ics.write_bytes(original[: original.index(b"BEGIN:VEVENT")] + b"END:VCALENDAR\r\n")
    result = cli(config)
    assert result.exit_code == 0 and f"{count} create" in result.output
    assert len(events(ics)) == count


def test_log_file_quiet_mode_and_no_progress_off_a_terminal(site: Site, tmp_path: Path) -> None:
    config = site.config(tmp_path)
    config.write_text(config.read_text().replace(
        'state = "state"', 'state = "state"\nlog_file = "log/run.log"'))
    site.server.fail("/ferry", 500)
    result = CliRunner().invoke(main, ["run", "-q", "--config", str(config)])
    assert result.exit_code == 1
    # -q: only the errors, no summary; not a terminal: no progress line.
    assert "calsync run:" not in result.output and "\r" not in result.output
    assert "ferry: HTTP 500" in result.output
    log = (tmp_path / "log/run.log").read_text()
    assert "source rss: 2 new" in log and "ferry: HTTP 500" in log  # INFO lines too


def test_default_config_location_from_the_environment(
        site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALSYNC_CONFIG", str(site.config(tmp_path)))
    result = CliRunner().invoke(main, ["run", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "dry run" in result.output


def test_changed_settings_re_extract_everything_even_behind_a_304(
        site: Site, tmp_path: Path) -> None:
    config = site.config(tmp_path)
    assert cli(config).exit_code == 0
    config.write_text(config.read_text().replace('state = "state"',
                                                 'state = "state"\ntimezone = "Europe/London"'))
    site.server.clear_log()
    report = run(load_config(config), now=_now())
    assert report.ok and report.totals()["extracted"] == 5
    # Unconditional requests this time: a 304 would have kept the old events.
    assert all(h.status == 200 for h in site.server.hits())
