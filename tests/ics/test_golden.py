"""Golden files: our articles exported through ``calsync export`` give these exact bytes.

Each folder under ``golden/`` holds ``article.txt``, ``meta.toml`` (published, timezone,
name) and ``expected.ics``. After a deliberate change (in extraction or in the writer), run
with ``CALSYNC_UPDATE_GOLDEN=1`` to rewrite the expected files, then read the diff.

The seed article is checked without a stored copy of its text: nine all-day events on the
acceptance dates, read identically by every parser, passing our lint, and stable on re-export.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
import vobject
from click.testing import CliRunner

from calsync.cli import main
from calsync.validate import validate

from ..conftest import SEED, need_shared

GOLDEN = Path(__file__).parent / "golden"
EPOCH = "1636113600"  # 2021-11-05T12:00:00Z: a fixed "now" for DTSTAMP


def export(args: list[str], cwd: Path) -> bytes:
    runner = CliRunner()
    old = Path.cwd()
    os.chdir(cwd)
    try:
        # Article ids are relative to the configuration folder: make it the case folder.
        result = runner.invoke(main, ["export", *args], env={
            "SOURCE_DATE_EPOCH": EPOCH, "CALSYNC_CONFIG": str(cwd / "calsync.toml")})
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def check_golden(path: Path, data: bytes, what: str) -> bytes:
    """Compare ``data`` with the golden file (rewritten first under CALSYNC_UPDATE_GOLDEN)."""
    if os.environ.get("CALSYNC_UPDATE_GOLDEN"):
        path.write_bytes(data)
    expected = path.read_bytes()
    if data != expected:
        diff = difflib.unified_diff(
            expected.decode().splitlines(), data.decode().splitlines(),
            path.name, "got", lineterm="")
        pytest.fail(f"{what} differs from the golden file (after a deliberate change in "
                    "extraction or the writer: CALSYNC_UPDATE_GOLDEN=1 python3 -m pytest "
                    "tests/ics/test_golden.py, then review the diff):\n" + "\n".join(diff))
    return expected


def cases() -> list[Path]:
    return sorted(p for p in GOLDEN.iterdir() if (p / "article.txt").exists())


@pytest.mark.parametrize("case", cases(), ids=lambda p: p.name)
def test_golden_export(case: Path, tmp_path: Path) -> None:
    meta = tomllib.loads((case / "meta.toml").read_text(encoding="utf-8"))
    args = ["article.txt", "--published", meta["published"], "--tz", meta["timezone"],
            "--name", meta["name"], "-o"]
    out = tmp_path / "calendar.ics"
    export([*args, str(out)], case)
    data = out.read_bytes()
    check_golden(case / "expected.ics", data, "export")
    assert validate(data).ok
    # same bytes through standard output and on a second run
    assert export([*args, "-"], case) == data
    export([*args, str(out)], case)
    assert out.read_bytes() == data


def _parsers_agree(data: bytes) -> list[tuple[str, date, date]]:
    """The (uid, start, end) of every event as icalendar, vobject and recurring-ical-events
    read them; fails unless all three agree."""
    by_icalendar = sorted(
        (str(c["uid"]), c.decoded("dtstart"), c.decoded("dtend"))
        for c in icalendar.Calendar.from_ical(data).walk("VEVENT"))
    by_vobject = sorted(
        (v.uid.value, v.dtstart.value, v.dtend.value)
        for v in vobject.readOne(data.decode("utf-8")).vevent_list)
    cal = icalendar.Calendar.from_ical(data)
    by_recurring = sorted(
        (str(e["uid"]), e.decoded("dtstart"), e.decoded("dtend"))
        for e in recurring_ical_events.of(cal).between(date(2021, 1, 1), date(2022, 1, 1)))
    assert by_icalendar == by_vobject == by_recurring
    # and recurring-ical-events puts each all-day event on exactly its days
    for uid, start, end in by_recurring:
        days = (end - start).days
        on = [d for d in (start + timedelta(n) for n in range(-1, days + 1))
              if any(str(e["uid"]) == uid for e in recurring_ical_events.of(cal).at(d))]
        assert on == [start + timedelta(n) for n in range(days)], uid
    return by_icalendar


@pytest.mark.parametrize("published", ["2021-11-04", "2021-11-05", "2021-11-06"])
def test_seed_exports_to_nine_all_day_events(published: str, tmp_path: Path) -> None:
    need_shared(SEED, "seed article")
    seed = tmp_path / "seed.txt"
    seed.write_bytes(SEED.read_bytes())  # a stable source name in the evidence
    out = tmp_path / "seed.ics"
    args = ["seed.txt", "--published", published, "--tz", "Europe/Paris", "-o", str(out)]
    export(args, tmp_path)
    data = out.read_bytes()
    report = validate(data)
    assert report.ok, report.problems
    events = _parsers_agree(data)
    days = sorted(start for _, start, _ in events)
    assert len(events) == 9
    assert all(type(s) is date and (e - s).days == 1 for _, s, e in events)
    assert days == [date(2021, 11, d) for d in (9, 9, 10, 10, 11, 11, 11, 12, 13)]
    assert data.count(b"\r\nSTATUS:") == 9 and b"STATUS:CANCELLED" not in data
    export(args, tmp_path)
    assert out.read_bytes() == data  # a second export with no change is byte-identical


def test_seed_export_is_byte_identical_later_and_only_stamps_differ_from_scratch(
        tmp_path: Path) -> None:
    need_shared(SEED, "seed article")
    seed = tmp_path / "seed.txt"
    seed.write_bytes(SEED.read_bytes())
    out = tmp_path / "seed.ics"
    args = ["seed.txt", "--published", "2021-11-05", "-o", str(out)]
    export(args, tmp_path)
    first = out.read_bytes()
    runner = CliRunner()
    os.chdir(tmp_path)
    try:
        later = runner.invoke(main, ["export", *args], env={
            "SOURCE_DATE_EPOCH": "1700000000", "CALSYNC_CONFIG": str(tmp_path / "calsync.toml")})
    finally:
        os.chdir(Path(__file__).parents[2])
    assert later.exit_code == 0, later.output
    assert out.read_bytes() == first  # a later clock changes nothing when the input did not
    stamp = datetime.fromtimestamp(int(EPOCH), UTC).strftime("%Y%m%dT%H%M%SZ").encode()
    assert first.count(b"DTSTAMP:" + stamp) == 9


WRITER = Path(__file__).parent / "golden_writer"


def test_writer_golden_for_hand_made_events() -> None:
    """The writer alone (no extraction): the sample events always give these bytes."""
    from calsync import ics

    from .conftest import LATER, NOW, sample_events

    options = ics.CalendarOptions(name="Sample, hand-made", timezone="Europe/Paris")
    data, _ = ics.build_calendar(sample_events(), now=NOW, options=options)
    expected = check_golden(WRITER / "sample.ics", data, "writer output")
    previous = ics.read_previous(expected)
    again, result = ics.build_calendar(sample_events(), previous, now=LATER, options=options)
    assert again == expected and result.unchanged == 7
