"""Hostile and huge input around a run: deadlines, caps, links, modes, a broken cache, two
configurations on one calendar file. Our own site on 127.0.0.1 and files in tmp_path."""

from __future__ import annotations

import os
import stat
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from calsync.config import load_config
from calsync.extraction.events import extract_events
from calsync.extraction.settings import ExtractionSettings
from calsync.model import Article, Event
from calsync.pipeline import run
from tests.httpserver import TestServer, stalled_feed
from tests.run.conftest import folder_config

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 3, 5, 10, 0, tzinfo=PARIS)
MARKET = "The night market returns to the square on Friday 6 March from 6 p.m."


def test_run_deadline_leaves_the_rest_for_the_next_run(tmp_path: Path) -> None:
    config = load_config(folder_config(tmp_path, "[limits]\nrun_deadline = 25", files=6))
    now = [0.0]

    def slow(article: Article, settings: ExtractionSettings) -> list[Event]:
        now[0] += 10  # each extraction takes "10 s"
        return extract_events(article, settings)

    first = run(config, now=NOW, extract=slow, clock=lambda: now[0])
    assert first.exit_code == 1
    [src] = first.sources
    assert src.extracted == 3
    assert sum("the run's deadline has passed" in e for e in src.errors) == 3
    assert len(first.events) == 3
    assert first.targets[0].written  # the calendar gets what was read
    now[0] = 0.0
    second = run(config, now=NOW, extract=slow, clock=lambda: now[0])
    assert second.exit_code == 0 and second.sources[0].extracted == 3
    assert len(second.events) == 6


def test_a_run_over_pages_that_never_answer_ends_at_its_deadline(
        http_server: TestServer, tmp_path: Path) -> None:
    stalled_feed(http_server, 10, MARKET)
    path = folder_config(tmp_path, "[fetch]\ntimeout = 20\n[limits]\nrun_deadline = 1",
                         extra=f"""
[[source]]
name = "news"
type = "feed"
url = "{http_server.url('/rss')}"
""")
    start = time.monotonic()
    report = run(load_config(path), now=NOW)
    took = time.monotonic() - start
    assert took < 4, took  # ten timeouts of 20 s in a row before
    news = report.sources[1]
    assert len(news.errors) == 10
    assert report.sources[0].ok and report.targets[0].ok


def test_under_umask_000_nothing_of_ours_is_writable_by_others(tmp_path: Path) -> None:
    # The state folder, the lock, the log and the .ics all came out world-writable.
    from click.testing import CliRunner

    from calsync.cli import main

    path = folder_config(tmp_path, 'log_file = "logs/calsync.log"')
    old = os.umask(0)
    try:
        result = CliRunner().invoke(main, ["run", "-q", "--config", str(path)])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.output
    modes = {name: stat.S_IMODE((tmp_path / name).stat().st_mode) for name in (
        "state", "state/calsync.lock", "state/articles.sqlite", "logs/calsync.log",
        "out", "out/cal.ics")}
    assert modes == {"state": 0o700, "state/calsync.lock": 0o600,
                     "state/articles.sqlite": 0o600, "logs/calsync.log": 0o600,
                     "out": 0o755, "out/cal.ics": 0o644}


def test_a_corrupt_article_cache_is_rebuilt_with_a_warning(tmp_path: Path) -> None:
    # It is only a cache, yet every run exited 2 ("not a calsync cache; delete it").
    from click.testing import CliRunner

    from calsync.cli import main

    path = folder_config(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["run", "-q", "--config", str(path)]).exit_code == 0
    cache = tmp_path / "state/articles.sqlite"
    cache.write_bytes(b"this is not SQLite at all " * 100)
    dry = runner.invoke(main, ["run", "--dry-run", "--config", str(path)])
    assert dry.exit_code == 0, dry.output
    assert cache.read_bytes().startswith(b"this is not")  # a dry run moves nothing
    result = runner.invoke(main, ["run", "--config", str(path)])
    assert result.exit_code == 0, result.output
    assert "articles.sqlite is unreadable" in result.output and "rebuilt" in result.output
    assert "3 new" in result.output  # read again
    assert (tmp_path / "state/articles.sqlite.corrupt").exists()
    again = runner.invoke(main, ["run", "--config", str(path)])
    assert again.exit_code == 0 and "rebuilt" not in again.output
    assert "3 unchanged" in again.output


def test_cache_rows_that_do_not_decode_are_a_rebuild_too(tmp_path: Path) -> None:
    import sqlite3

    path = folder_config(tmp_path)
    config = load_config(path)
    assert run(config, now=NOW).exit_code == 0
    db = sqlite3.connect(tmp_path / "state/articles.sqlite")
    db.execute("UPDATE articles SET events = '{broken'")
    db.commit()
    db.close()
    report = run(config, now=NOW)
    assert report.exit_code == 0 and report.sources[0].new == 3
    assert "rebuilt" in report.warnings[0]


def test_two_configurations_on_one_calendar_file_are_refused(tmp_path: Path) -> None:
    # Each run replaced the other configuration's events with its own, every hour.
    shared = tmp_path / "public" / "city.ics"
    own = tmp_path / "b" / "own.ics"
    configs = []
    for name, extra in (("a", ""), ("b", f'\n[[target]]\nname = "own"\ntype = "ics"\n'
                                          f'path = "{own}"\n')):
        folder = tmp_path / name
        folder.mkdir()
        path = folder_config(folder, files=2)
        text = path.read_text().replace('path = "out/cal.ics"', f'path = "{shared}"')
        path.write_text(text + extra)
        configs.append(path)
    first = run(load_config(configs[0]), now=NOW)
    assert first.exit_code == 0
    before = shared.read_bytes()
    assert b"X-CALSYNC-OWNER:config-" in before
    assert str(tmp_path).encode() not in before.replace(b"\r\n ", b"")  # no local path
    second = run(load_config(configs[1]), now=NOW)
    assert second.exit_code == 1
    city, mine = second.targets
    assert city.error is not None and "written by another calsync configuration" in city.error
    assert "force = true" in city.error
    assert shared.read_bytes() == before  # untouched
    assert mine.ok and own.exists()  # the other target still ran
    assert run(load_config(configs[0]), now=NOW).exit_code == 0  # the owner goes on
    taken = configs[1].read_text().replace(f'path = "{shared}"',
                                           f'path = "{shared}"\nforce = true', 1)
    configs[1].write_text(taken)
    assert run(load_config(configs[1]), now=NOW).exit_code == 0
    assert shared.read_bytes() != before
