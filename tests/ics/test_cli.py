"""``calsync export`` and ``calsync validate`` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from calsync import ics
from calsync.cli import main

from .conftest import NOW, sample_events

ARTICLE = """Harbour festival announced

The harbour festival will be held on November 20 at the old port, organisers said.
The closing concert is scheduled for November 21 at 9 p.m. at the lighthouse.
"""
FEWER = """Harbour festival announced

The harbour festival will be held on November 20 at the old port, organisers said.
"""


def run(args: list[str], **kw: object) -> Result:
    return CliRunner().invoke(main, args, env={"SOURCE_DATE_EPOCH": "1636113600"},
                              **kw)  # type: ignore[arg-type]


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "harbour.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def export(article: Path, out: Path, *extra: str) -> Result:
    return run(["export", str(article), "--published", "2021-11-15", "-o", str(out), *extra])


def test_export_writes_a_valid_calendar_and_reports_counts(article: Path,
                                                           tmp_path: Path) -> None:
    out = tmp_path / "harbour.ics"
    result = export(article, out)
    assert result.exit_code == 0, result.output
    assert "2 created" in result.stdout
    data = out.read_bytes()
    assert b"X-WR-CALNAME:harbour\r\n" in data  # default name: the file name
    assert len(ics.parse_calendar(data)) == 2
    again = export(article, out)
    assert again.exit_code == 0 and "not rewritten" in again.stdout
    assert out.read_bytes() == data


def test_export_name_and_stdout(article: Path) -> None:
    result = run(["export", str(article), "--published", "2021-11-15", "-o", "-",
                  "--name", "Harbour, 2021"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"NAME:Harbour\\, 2021\r\n" in result.stdout_bytes


def test_export_keep_cancelled_and_dry_run(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "harbour.ics"
    assert export(article, out, "--keep-cancelled").exit_code == 0
    article.write_text(FEWER, encoding="utf-8")
    before = out.read_bytes()
    dry = export(article, out, "--keep-cancelled", "--dry-run")
    assert dry.exit_code == 0
    assert "1 to delete, 1 unchanged" in dry.output and "CANCELLED" in dry.output
    assert out.read_bytes() == before
    result = export(article, out, "--keep-cancelled")
    assert "1 cancelled" in result.stdout
    assert out.read_bytes().count(b"STATUS:CANCELLED") == 1


def test_export_refuses_a_non_calendar_without_force(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "notes.ics"
    out.write_text("shopping list\n")
    result = export(article, out)
    assert result.exit_code == 2
    assert "is not a calendar; not overwriting it" in result.stderr
    assert "--force" in result.stderr and "Traceback" not in result.output
    assert out.read_text() == "shopping list\n"
    assert export(article, out, "--force").exit_code == 0
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_export_usage_errors(article: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.ics"
    bad_tz = run(["export", str(article), "--published", "2021-11-15", "--tz", "Mars/Base",
                  "-o", str(out)])
    assert bad_tz.exit_code == 2 and "unknown timezone" in bad_tz.stderr
    missing = run(["export", str(tmp_path / "nope.txt"), "--published", "2021-11-15",
                   "-o", str(out)])
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    assert not out.exists()


def test_validate_ok_problems_and_non_calendars(tmp_path: Path) -> None:
    good = tmp_path / "good.ics"
    good.write_bytes(ics.build_calendar(sample_events(), now=NOW)[0])
    result = run(["validate", str(good)])
    assert result.exit_code == 0 and "ok (7 events)" in result.stdout

    bad = tmp_path / "bad.ics"
    bad.write_bytes(b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n"
                    b"DTSTART:20211109T100000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    result = run(["validate", str(bad)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert f"{bad}:1: missing-prodid: VCALENDAR has no PRODID" in lines
    assert f"{bad}:3: missing-uid: VEVENT has no UID" in lines
    assert any(line.startswith(f"{bad}:4: floating-time") for line in lines)

    text = tmp_path / "notes.txt"
    text.write_text("hello\n")
    result = run(["validate", str(text), str(good)])
    assert result.exit_code == 2
    assert "not an iCalendar file" in result.stderr and "Traceback" not in result.output
    assert "ok (7 events)" in result.stdout  # the other file is still checked
    result = run(["validate", str(tmp_path / "missing.ics")])
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_validate_reads_stdin() -> None:
    data = ics.build_calendar(sample_events(), now=NOW)[0]
    result = run(["validate", "-"], input=data)
    assert result.exit_code == 0, result.output
