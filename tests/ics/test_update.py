"""Re-runs: unchanged events keep their versioning, changed ones bump it, gone ones leave."""

from __future__ import annotations

import os
import stat
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from calsync import ics
from calsync.errors import OutputError
from calsync.model import ChangeKind, Event
from calsync.targets.ics_file import IcsFileTarget, atomic_write, write_ics

from .conftest import LATER, NOW, all_day, sample_events


def event_block(data: bytes, uid: str) -> str:
    text = data.decode("utf-8").replace("\r\n ", "")
    for block in text.split("BEGIN:VEVENT")[1:]:
        if f"\r\nUID:{uid}\r\n" in block:
            return block.split("END:VEVENT")[0]
    raise AssertionError(f"no event {uid}")


def prop(block: str, name: str) -> str:
    for line in block.split("\r\n"):
        if line.startswith(name + ":"):
            return line.split(":", 1)[1]
    raise AssertionError(f"no {name} in {block}")


def test_rerun_without_change_gives_identical_bytes_and_no_write(tmp_path: Path) -> None:
    path = tmp_path / "cal.ics"
    first = write_ics(path, sample_events(), NOW, name="Trip")
    assert (first.created, first.written) == (7, True)
    before = path.read_bytes()
    os.utime(path, (1_000_000, 1_000_000))
    second = write_ics(path, list(reversed(sample_events())), LATER, name="Trip")
    assert path.read_bytes() == before
    assert (second.unchanged, second.created, second.updated, second.written) == (7, 0, 0, False)
    assert path.stat().st_mtime == 1_000_000  # not even rewritten


def test_changed_date_bumps_sequence_for_that_event_only(tmp_path: Path) -> None:
    path = tmp_path / "cal.ics"
    events = sample_events()
    write_ics(path, events, NOW)
    before = path.read_bytes()
    moved = [replace(e, start=date(2021, 11, 16), end=date(2021, 11, 17))
             if e.uid == "fair@calsync" else e for e in events]
    result = write_ics(path, moved, LATER)
    assert (result.updated, result.unchanged) == (1, 6)
    after = path.read_bytes()
    fair = event_block(after, "fair@calsync")
    assert prop(fair, "SEQUENCE") == "1"
    assert prop(fair, "DTSTAMP") == "20211106T083000Z"
    assert prop(fair, "LAST-MODIFIED") == "20211106T083000Z"
    assert prop(fair, "CREATED") == "20211105T120000Z"  # first seen
    assert prop(fair, "DTSTART;VALUE=DATE") == "20211116"
    for ev in events:
        if ev.uid != "fair@calsync":
            assert event_block(after, ev.uid) == event_block(before, ev.uid)
    # and a second change bumps it again
    moved2 = [replace(e, title="Book fair (moved)") if e.uid == "fair@calsync" else e
              for e in moved]
    write_ics(path, moved2, LATER)
    assert prop(event_block(path.read_bytes(), "fair@calsync"), "SEQUENCE") == "2"


def test_vanished_events_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "cal.ics"
    events = sample_events()
    write_ics(path, events, NOW)
    result = write_ics(path, events[1:], LATER)
    assert (result.dropped, result.unchanged, result.cancelled) == (1, 6, 0)
    assert b"fair@calsync" not in path.read_bytes()


def test_vanished_events_can_be_kept_once_as_cancelled(tmp_path: Path) -> None:
    path = tmp_path / "cal.ics"
    events = sample_events()
    write_ics(path, events, NOW, keep_cancelled=True)
    result = write_ics(path, events[1:], LATER, keep_cancelled=True)
    assert (result.cancelled, result.dropped, result.unchanged) == (1, 0, 6)
    fair = event_block(path.read_bytes(), "fair@calsync")
    assert prop(fair, "STATUS") == "CANCELLED"
    assert prop(fair, "SEQUENCE") == "1"
    assert prop(fair, "DTSTAMP") == "20211106T083000Z"
    assert prop(fair, "SUMMARY").startswith("Book fair")
    # the next run drops it
    result = write_ics(path, events[1:], LATER, keep_cancelled=True)
    assert (result.cancelled, result.dropped) == (0, 1)
    assert b"fair@calsync" not in path.read_bytes()


def test_a_cancelled_event_that_comes_back_is_an_update(tmp_path: Path) -> None:
    path = tmp_path / "cal.ics"
    events = sample_events()
    write_ics(path, events, NOW, keep_cancelled=True)
    write_ics(path, events[1:], NOW, keep_cancelled=True)
    result = write_ics(path, events, LATER, keep_cancelled=True)
    assert result.updated == 1
    fair = event_block(path.read_bytes(), "fair@calsync")
    assert (prop(fair, "STATUS"), prop(fair, "SEQUENCE")) == ("CONFIRMED", "2")


def test_plan_is_a_dry_run(tmp_path: Path) -> None:
    path = tmp_path / "cal.ics"
    target = IcsFileTarget(path, keep_cancelled=True)
    events = sample_events()
    plan = target.plan(events)
    assert plan.counts()["create"] == 7 and not path.exists()
    target.write(events, NOW)
    changed = [replace(events[1], title="New title"), *events[2:]]
    plan = target.plan(changed)
    counts = plan.counts()
    assert (counts["update"], counts["unchanged"], counts["delete"]) == (1, 5, 1)
    delete = next(c for c in plan.changes if c.kind is ChangeKind.DELETE)
    assert delete.uid == "fair@calsync" and "CANCELLED" in delete.reason
    assert plan.target == str(path)


def test_calendar_uid_survives_a_rename(tmp_path: Path) -> None:
    path = tmp_path / "cal.ics"
    write_ics(path, sample_events(), NOW, name="Old name")
    write_ics(path, sample_events(), NOW, name="New name")
    text = path.read_bytes().decode()
    assert f"UID:{ics.calendar_uid('Old name')}" in text
    assert "X-WR-CALNAME:New name" in text


# --- refusing to overwrite -------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"my notes\n", b"\x89PNG\r\n\x1a\n", b"BEGIN:VCARD\r\n"])
def test_non_calendar_output_is_refused_without_force(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "out.ics"
    path.write_bytes(content)
    with pytest.raises(OutputError, match="not a calendar") as info:
        write_ics(path, sample_events(), NOW)
    assert info.value.exit_code == 2
    assert path.read_bytes() == content
    assert IcsFileTarget(path, force=True).write(sample_events(), NOW).created == 7
    assert path.read_bytes().startswith(b"BEGIN:VCALENDAR")


def test_someone_elses_calendar_is_refused_without_force(tmp_path: Path) -> None:
    path = tmp_path / "personal.ics"
    theirs = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Apple Inc.//macOS//EN\r\n"
              b"END:VCALENDAR\r\n")
    path.write_bytes(theirs)
    with pytest.raises(OutputError, match="not written by calsync"):
        write_ics(path, sample_events(), NOW)
    assert path.read_bytes() == theirs
    write_ics(path, sample_events(), NOW, force=True)
    assert b"PRODID:-//calsync//" in path.read_bytes()


def test_empty_file_and_folder(tmp_path: Path) -> None:
    empty = tmp_path / "empty.ics"
    empty.write_bytes(b"")
    assert write_ics(empty, sample_events(), NOW).created == 7
    with pytest.raises(OutputError, match="is a folder"):
        write_ics(tmp_path, sample_events(), NOW)


# --- atomic writes ---------------------------------------------------------------------------


def test_failure_mid_write_leaves_the_old_file(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "cal.ics"
    write_ics(path, sample_events(), NOW)
    before = path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OutputError, match="No space left"):
        write_ics(path, sample_events()[:2], LATER)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cal.ics"]  # no temp file left


def test_output_under_a_file_is_an_output_error(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x")
    with pytest.raises(OutputError, match="Not a directory"):
        write_ics(tmp_path / "plain" / "cal.ics", sample_events(), NOW)


def test_missing_folder_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="cannot write"):
        write_ics(tmp_path / "nope" / "cal.ics", sample_events(), NOW)


def test_atomic_write_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "cal.ics"
    atomic_write(path, b"one")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644 & ~_umask()
    path.chmod(0o640)
    atomic_write(path, b"two")
    assert path.read_bytes() == b"two"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_new_file_is_never_writable_by_others_even_under_umask_000(tmp_path: Path) -> None:
    path = tmp_path / "cal.ics"
    old = os.umask(0)
    try:
        write_ics(path, sample_events(), NOW)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_temporaries_of_killed_writes_are_removed_by_the_next_write(tmp_path: Path) -> None:
    # A write killed between creating its temporary file and the rename leaves
    # .cal.ics.<hex>.tmp behind (2.5 MB each); nothing removed them.
    path = tmp_path / "cal.ics"
    stale = tmp_path / ".cal.ics.0123456789ab.tmp"
    fresh = tmp_path / ".cal.ics.ba9876543210.tmp"  # maybe another writer's, right now
    other = tmp_path / ".other.ics.0123456789ab.tmp"  # not this file's
    lookalike = tmp_path / ".cal.ics.backup.tmp"  # not a name we make
    for p in (stale, fresh, other, lookalike):
        p.write_bytes(b"BEGIN:VCALENDAR")
    hour_ago = time.time() - 3600
    for p in (stale, other, lookalike):
        os.utime(p, (hour_ago, hour_ago))
    write_ics(path, sample_events(), NOW)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["cal.ics", fresh.name, other.name, lookalike.name])


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_all_day_one_day_event_round_trips_through_the_file(tmp_path: Path) -> None:
    path = tmp_path / "cal.ics"
    ev = all_day("x@y", "One day", date(2021, 11, 9))
    write_ics(path, [ev], NOW)
    assert ics.parse_calendar(path.read_bytes()) == [ev]


def test_a_symlinked_output_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.ics"
    link = tmp_path / "link.ics"
    write_ics(real, sample_events()[:1], NOW)
    link.symlink_to(real)
    write_ics(link, sample_events(), LATER)
    assert link.is_symlink()
    assert len(ics.parse_calendar(real.read_bytes())) == 7


def _scenarios() -> list[tuple[str, list[Event]]]:
    base = sample_events()
    first, second = base[0], base[1]
    return [
        ("nothing changed", base),
        ("title changed", [replace(first, title="Book fair moved"), *base[1:]]),
        ("confidence only (outside the hash)", [replace(first, confidence=0.55), *base[1:]]),
        ("evidence detail only", [replace(second, evidence=tuple(
            replace(e, resolution="another way") for e in second.evidence)), first, *base[2:]]),
        ("one gone, one new", [*base[1:], all_day("new@calsync", "New", date(2021, 12, 1))]),
    ]


@pytest.mark.parametrize("keep_cancelled", [False, True])
@pytest.mark.parametrize("timezone", ["Europe/Paris", "America/New_York"])
def test_reused_blocks_are_the_bytes_a_full_render_writes(keep_cancelled: bool,
                                                          timezone: str) -> None:
    # An update reuses the previous file's VEVENT of every unchanged event instead of
    # rendering all of them again; the result must be byte for byte the full rendering.
    options = ics.CalendarOptions(name="Trip", keep_cancelled=keep_cancelled)
    data, _ = ics.build_calendar(sample_events(), now=NOW, options=options)
    options = replace(options, timezone=timezone)
    for name, events in _scenarios():
        fast = ics.read_previous(data)
        assert fast.reusable
        slow = replace(fast, reusable=False)
        got, result = ics.build_calendar(events, fast, now=LATER, options=options)
        want, expected = ics.build_calendar(events, slow, now=LATER, options=options)
        assert got == want, name
        assert result == expected, name


def test_the_fast_reader_reads_what_icalendar_reads(tmp_path: Path) -> None:
    events = sample_events()
    data, _ = ics.build_calendar(events, now=NOW, options=ics.CalendarOptions(owner="me"))
    fast = ics.read_previous(data)
    slow = ics.read_previous_slowly(data)
    assert (fast.calendar_uid, fast.owner, fast.timezone, fast.produced_by_calsync) == (
        slow.calendar_uid, slow.owner, slow.timezone, slow.produced_by_calsync)
    assert fast.owner == "me" and fast.entries.keys() == slow.entries.keys()
    for uid, stamp in fast.entries.items():
        other = slow.entries[uid]
        assert (stamp.content_hash, stamp.sequence, stamp.dtstamp, stamp.last_modified,
                stamp.created) == (other.content_hash, other.sequence, other.dtstamp,
                                   other.last_modified, other.created)
        assert stamp.read_event() == other.event is not None
    # Not our exact shape (LF line ends, as an editor may save it): icalendar reads it.
    lf = data.replace(b"\r\n", b"\n")
    assert not ics.read_previous(lf).reusable
    assert ics.read_previous(lf).entries.keys() == slow.entries.keys()


def test_updating_a_large_calendar_does_not_parse_and_render_every_event(
        tmp_path: Path) -> None:
    # 0.84 ms per event, parsed twice (plan, then write) and every event rendered again:
    # 5,000 events took 10.5 s to update. See tests/benchmarks/bench_ics_update.py.
    from tests.benchmarks.bench_ics_update import events as many

    path = tmp_path / "cal.ics"
    evs = many(1000)
    IcsFileTarget(path).write(evs, NOW)
    evs[7] = replace(evs[7], title="Changed")
    start = time.perf_counter()
    target = IcsFileTarget(path)
    plan = target.plan(evs)
    result = target.write(evs, LATER)
    took = time.perf_counter() - start
    assert (plan.counts()["update"], result.updated, result.unchanged) == (1, 1, 999)
    assert took < 1.0, took  # about 3 s before, 0.1 s after
