"""The sync engine against the Calendar API emulator, through the real Google client."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from calsync.errors import QuotaExceededError, UsageError
from calsync.sync import StateStore, sync
from calsync.targets.google import GoogleTarget, event_id
from tests.google.conftest import CAL, Sleeps, make_event, make_events
from tests.google.emulator import (
    DROP,
    DROP_AFTER,
    ERROR_503,
    QUOTA_403,
    RATE_403,
    RATE_429,
    USER_RATE_403,
    CalendarEmulator,
    Fault,
)

MakeTarget = Callable[..., GoogleTarget]


def live(emu: CalendarEmulator) -> list[dict[str, object]]:
    return emu.events(CAL)


def test_first_sync_creates_then_rerun_writes_nothing(
    emulator: CalendarEmulator, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(9)
    first = sync(events, make_target(), state)
    assert first.counts()["created"] == 9 and first.ok
    stored = {e["id"]: e for e in live(emulator)}
    assert set(stored) == {event_id(e.uid) for e in events}
    one = stored[event_id(events[1].uid)]
    assert one["iCalUID"] == events[1].uid
    assert one["summary"] == events[1].title
    assert one["extendedProperties"]["private"]["calsync"] == "1"
    assert one["start"]["timeZone"] == "Europe/Paris"
    assert stored[event_id(events[0].uid)]["start"] == {"date": "2026-03-01"}

    emulator.reset_log()
    again = sync(events, make_target(), state)
    assert again.counts()["unchanged"] == 9
    assert again.plan.writes == ()
    assert emulator.write_parts() == 0
    assert emulator.http_requests() <= 2


def test_changed_event_updates_only_that_event_with_a_patch(
    emulator: CalendarEmulator, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(9)
    sync(events, make_target(), state)
    before = {e["id"]: e["etag"] for e in live(emulator)}
    events[3] = replace(events[3], title="Happening 3, moved to the town hall",
                        location="Town hall")
    emulator.reset_log()
    result = sync(events, make_target(), state)
    assert result.counts()["updated"] == 1 and result.counts()["unchanged"] == 8
    parts = [p for entry in emulator.log for p in entry.parts]
    assert [(m, p.rsplit("/", 1)[-1]) for m, p, _ in parts] == [
        ("PATCH", event_id(events[3].uid))
    ]
    # Only what changed (title, place) and calsync's marker are sent.
    [(_, _, body)] = emulator.write_log
    assert set(body) == {"summary", "location", "extendedProperties"}
    after = {e["id"]: e for e in live(emulator)}
    changed = after[event_id(events[3].uid)]
    assert changed["summary"] == "Happening 3, moved to the town hall"
    assert changed["location"] == "Town hall"
    assert [i for i in after if after[i]["etag"] != before[i]] == [event_id(events[3].uid)]


def test_event_deleted_by_a_person_stays_deleted(
    emulator: CalendarEmulator, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(5)
    sync(events, make_target(), state)
    gone = event_id(events[2].uid)
    emulator.person_delete(CAL, gone)
    for _ in range(2):
        result = sync(events, make_target(), state)
        assert result.counts()["skipped"] == 1 and result.counts()["created"] == 0
        skipped = [c for c in result.plan.changes if c.kind.value == "skipped"]
        assert "deleted in the calendar" in skipped[0].reason
    assert gone not in {e["id"] for e in live(emulator)}
    # --force brings it back.
    forced = sync(events, make_target(), state, force=True)
    assert forced.counts()["created"] == 1
    assert gone in {e["id"] for e in live(emulator)}


def test_person_deleted_event_without_state_is_not_resurrected(
    emulator: CalendarEmulator, make_target: MakeTarget, tmp_path: Path
) -> None:
    events = make_events(4)
    sync(events, make_target(), None)
    emulator.person_delete(CAL, event_id(events[0].uid))
    # The listing hides deleted events: the insert gets 409, the event is read, and since a
    # person deleted it, it is reported and left deleted.
    emulator.hide_deleted_in_filtered_lists = True
    emulator.reset_log()
    fresh = StateStore(tmp_path / "fresh.sqlite")
    result = sync(events, make_target(), fresh)
    assert result.plan.counts()["create"] == 1
    assert result.counts()["created"] == 0 and result.counts()["skipped"] == 1
    assert [r.message for r in result.results] == [
        "deleted in the calendar by a person; left alone"]
    assert [p[2] for e in emulator.log for p in e.parts] == [409, 200]
    assert len(live(emulator)) == 3
    # The next run knows it from the state and does not even try.
    emulator.reset_log()
    assert sync(events, make_target(), fresh).plan.counts()["skipped"] == 1
    assert emulator.write_parts() == 0
    fresh.close()



def test_event_edited_by_a_person_is_a_conflict(
    emulator: CalendarEmulator, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(5)
    sync(events, make_target(), state)
    edited = event_id(events[1].uid)
    emulator.person_edit(CAL, edited, summary="Renamed by Alice")
    events[1] = replace(events[1], title="Happening 1 (new title from the source)")
    result = sync(events, make_target(), state)
    assert result.counts()["conflicts"] == 1 and result.counts()["updated"] == 0
    assert {e["id"]: e["summary"] for e in live(emulator)}[edited] == "Renamed by Alice"
    # Still a conflict on the next run (the state remembers what the calendar shows).
    assert sync(events, make_target(), state).counts()["conflicts"] == 1
    forced = sync(events, make_target(), state, force=True)
    assert forced.counts()["updated"] == 1
    assert {e["id"]: e["summary"] for e in live(emulator)}[edited] == events[1].title
    assert sync(events, make_target(), state).counts()["unchanged"] == 5


def test_concurrent_edit_between_list_and_patch_is_a_conflict(
    emulator: CalendarEmulator, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(3)
    sync(events, make_target(), state)
    target_id = event_id(events[0].uid)
    events[0] = replace(events[0], title="New title")

    # A person edits after our listing, before our batch: the patch carries If-Match, gets
    # 412, the event is re-read and the edit is reported, not overwritten.
    def edit_before_batch(method: str, path: str) -> bool:
        if path.startswith("/batch"):
            emulator.person_edit(CAL, target_id, location="Room 12")
            return True
        return False

    emulator.inject(Fault("slow", delay=0.0), when=edit_before_batch)
    emulator.reset_log()
    result = sync(events, make_target(), state)
    assert result.plan.counts()["update"] == 1
    assert result.counts()["conflicts"] == 1
    assert [p[2] for e in emulator.log for p in e.parts] == [412, 200]
    ev = {e["id"]: e for e in live(emulator)}[target_id]
    assert ev["location"] == "Room 12" and ev["summary"] != "New title"


def test_foreign_events_are_never_touched(
    emulator: CalendarEmulator, make_target: MakeTarget, state: StateStore
) -> None:
    foreign = emulator.person_insert(CAL, {
        "summary": "Team lunch", "start": {"date": "2026-03-02"}, "end": {"date": "2026-03-03"},
    })
    marked_by_someone = emulator.person_insert(CAL, {
        "summary": "Other tool", "start": {"date": "2026-03-04"}, "end": {"date": "2026-03-05"},
        "extendedProperties": {"private": {"source": "elsewhere"}},
    })
    events = make_events(4)
    sync(events, make_target(), state)
    result = sync(events[:1], make_target(), state, prune=True, force=True)
    assert result.counts()["deleted"] == 3
    remaining = {e["id"]: e for e in live(emulator)}
    assert remaining[foreign["id"]]["etag"] == foreign["etag"]
    assert remaining[marked_by_someone["id"]]["etag"] == marked_by_someone["etag"]
    assert set(remaining) == {foreign["id"], marked_by_someone["id"], event_id(events[0].uid)}


def test_prune_deletes_only_ours_and_is_guarded(
    emulator: CalendarEmulator, make_target: MakeTarget, state: StateStore
) -> None:
    lunch = emulator.person_insert(CAL, {
        "summary": "Team lunch", "start": {"date": "2026-03-02"}, "end": {"date": "2026-03-03"},
    })
    events = make_events(10)
    sync(events, make_target(), state)
    # Without --prune, vanished events are kept.
    kept = sync(events[:9], make_target(), state)
    assert kept.counts()["deleted"] == 0 and len(live(emulator)) == 11
    pruned = sync(events[:9], make_target(), state, prune=True)
    assert pruned.counts()["deleted"] == 1
    assert event_id(events[9].uid) not in {e["id"] for e in live(emulator)}
    # A source going empty: refused without --force, nothing deleted.
    with pytest.raises(UsageError, match="refusing to delete 9 of the 9"):
        sync([], make_target(), state, prune=True)
    assert len(live(emulator)) == 10
    # The event pruned earlier comes back to the sources: restored, not skipped.
    back = sync(events, make_target(), state, prune=True)
    assert back.counts()["created"] == 1 and len(live(emulator)) == 11
    assert lunch["id"] in {e["id"] for e in live(emulator)}


def test_random_faults_three_runs_converge(
    emulator: CalendarEmulator, make_target: MakeTarget, state: StateStore, sleeps: Sleeps
) -> None:
    events = make_events(60)
    emulator.random_faults(0.2)
    for _ in range(3):
        result = sync(events, make_target(max_retries=3, batch_size=20), state)
    emulator.random_faults(0.0)
    assert sleeps, "faults were injected, so there were backoffs"
    assert any(entry.fault in ("drop", "drop_after") for entry in emulator.log)
    everything = emulator.events(CAL, deleted=True)
    ids = Counter(e["iCalUID"] for e in everything)
    assert all(n == 1 for n in ids.values()), "no duplicates"
    assert {e["id"] for e in live(emulator)} == {event_id(e.uid) for e in events}
    final = sync(events, make_target(), state)
    assert final.counts()["unchanged"] == 60 and final.plan.writes == ()
    del result


@pytest.mark.parametrize("fault", [RATE_429, ERROR_503, RATE_403, USER_RATE_403, DROP,
                                   DROP_AFTER, Fault("status", 500)])
def test_transient_faults_are_retried(
    emulator: CalendarEmulator, make_target: MakeTarget, state: StateStore, sleeps: Sleeps,
    fault: Fault,
) -> None:
    emulator.inject(fault, times=2)
    result = sync(make_events(3), make_target(), state)
    assert result.ok and result.counts()["created"] == 3
    assert len(live(emulator)) == 3 and len(sleeps) >= 1


def test_batch_part_faults_are_retried_and_inserts_not_duplicated(
    emulator: CalendarEmulator, make_target: MakeTarget, state: StateStore, sleeps: Sleeps
) -> None:
    events = make_events(6)
    # Two parts fail with 503, the whole batch is dropped after processing once.
    emulator.inject(ERROR_503, times=2, when=lambda m, p: m == "POST" and p.endswith("/events"))
    emulator.inject(DROP_AFTER, when=lambda m, p: p.startswith("/batch"))
    result = sync(events, make_target(), state)
    assert result.ok, [r.message for r in result.results]
    assert result.counts()["created"] == 6
    assert len(emulator.events(CAL, deleted=True)) == 6


def test_timeouts_are_retried(
    emulator: CalendarEmulator, make_target: MakeTarget, state: StateStore
) -> None:
    emulator.inject(Fault("slow", delay=3.0), when=lambda m, p: m == "GET")
    result = sync(make_events(2), make_target(timeout=1.0, max_retries=10), state)
    assert result.ok and result.counts()["created"] == 2


def test_quota_exceeded_stops_cleanly(
    emulator: CalendarEmulator, make_target: MakeTarget, state: StateStore, sleeps: Sleeps
) -> None:
    events = make_events(30)
    emulator.write_quota = 12
    result = sync(events, make_target(batch_size=10), state)
    assert result.error is not None and "quota" in result.error.lower()
    assert not result.ok
    assert result.counts()["created"] == 12
    assert result.counts()["failed"] == 18
    assert not sleeps, "quotaExceeded is not retried"
    # The next day: the rest is created, nothing duplicated.
    emulator.write_quota = None
    again = sync(events, make_target(batch_size=10), state)
    assert again.ok and again.counts()["created"] == 18 and again.counts()["unchanged"] == 12
    assert len(emulator.events(CAL, deleted=True)) == 30


def test_quota_exceeded_while_listing_raises(
    emulator: CalendarEmulator, make_target: MakeTarget, state: StateStore
) -> None:
    emulator.inject(QUOTA_403)
    with pytest.raises(QuotaExceededError, match="quota"):
        sync(make_events(2), make_target(), state)
    assert live(emulator) == []


def test_state_file_deleted_recovers_without_duplicates(
    emulator: CalendarEmulator, make_target: MakeTarget, tmp_path: Path
) -> None:
    path = tmp_path / "state.sqlite"
    events = make_events(12)
    with StateStore(path) as st:
        sync(events, make_target(), st)
    path.unlink()
    events[5] = replace(events[5], title="Changed while the state was lost")
    with StateStore(path) as st:
        result = sync(events, make_target(), st)
    assert result.counts()["created"] == 0
    assert result.counts()["updated"] == 1 and result.counts()["unchanged"] == 11
    assert len(emulator.events(CAL, deleted=True)) == 12


def test_expired_sync_token_falls_back_to_full_listing(
    emulator: CalendarEmulator, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(5)
    sync(events, make_target(), state)
    second = sync(events, make_target(), state)
    assert second.incremental
    emulator.expire_sync_tokens(CAL)
    emulator.reset_log()
    third = sync(events, make_target(), state)
    assert not third.incremental and third.counts()["unchanged"] == 5
    statuses = [e.status for e in emulator.log if e.method == "GET"]
    assert statuses == [410, 200]


def test_incremental_listing_sees_changes_by_people(
    emulator: CalendarEmulator, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(4)
    sync(events, make_target(), state)
    emulator.person_edit(CAL, event_id(events[0].uid), summary="Edited")
    emulator.person_delete(CAL, event_id(events[1].uid))
    result = sync(events, make_target(), state)
    assert result.incremental
    counts = result.counts()
    assert (counts["conflicts"], counts["skipped"], counts["unchanged"]) == (1, 1, 2)


def test_dry_run_writes_nothing(
    emulator: CalendarEmulator, make_target: MakeTarget, state: StateStore
) -> None:
    result = sync(make_events(5), make_target(), state, dry_run=True)
    assert result.dry_run and result.counts()["created"] == 5
    assert live(emulator) == [] and emulator.write_parts() == 0
    assert state.records("google:" + CAL) == {}


def test_state_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "state.sqlite"
    StateStore(path).close()
    assert path.stat().st_mode & 0o777 == 0o600


@pytest.mark.slow
def test_request_counts_for_500_events(
    emulator: CalendarEmulator, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(500)
    first = sync(events, make_target(), state)
    assert first.counts()["created"] == 500
    first_requests = emulator.http_requests()
    assert first_requests <= 15, [(e.method, e.path) for e in emulator.log]
    emulator.reset_log()
    again = sync(events, make_target(), state)
    assert again.counts()["unchanged"] == 500 and again.incremental
    rerun_requests, rerun_writes = emulator.http_requests(), emulator.write_parts()
    assert rerun_requests <= 2 and rerun_writes == 0
    # Without the state (a full listing of the marked events) it is still two requests.
    emulator.reset_log()
    fresh = sync(events, make_target(), None)
    assert fresh.counts()["unchanged"] == 500
    assert emulator.http_requests() <= 2 and emulator.write_parts() == 0
    print(f"\n500 events: first sync {first_requests} HTTP requests (1 token, 1 list, "
          f"{first_requests - 2} batches of 50); re-run {rerun_requests} requests and "
          f"{rerun_writes} writes (sync token); re-run without state "
          f"{emulator.http_requests()} requests and {emulator.write_parts()} writes")


def test_one_event_changed_among_many_is_one_write(
    emulator: CalendarEmulator, make_target: MakeTarget, state: StateStore
) -> None:
    events = [make_event(n) for n in range(30)]
    sync(events, make_target(), state)
    events[7] = replace(events[7], title="Different")
    emulator.reset_log()
    sync(events, make_target(), state)
    assert emulator.write_parts() == 1 and emulator.http_requests() == 3


def test_read_only_access_fails_each_write_with_a_hint(
    emulator: CalendarEmulator, make_target: MakeTarget, state: StateStore
) -> None:
    emulator.inject(Fault("status", 403, "requiredAccessLevel"), times=2,
                    when=lambda m, p: m == "POST" and p.endswith("/events"))
    result = sync(make_events(2), make_target(), state)
    assert result.counts()["failed"] == 2 and not result.ok
    assert all("share the calendar with calsync@emu.iam.gserviceaccount.com" in r.message
               for r in result.failed)
    # Once shared properly, the next run creates them.
    assert sync(make_events(2), make_target(), state).counts()["created"] == 2
