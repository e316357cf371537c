"""The sync engine against a real Radicale server, through the CalDAV target."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from calsync.errors import TargetError
from calsync.model import Article
from calsync.sync import StateStore, sync
from calsync.targets.caldav import CalDAVTarget, resource_name
from tests.caldav.conftest import CALENDAR, SLUG, Sleeps
from tests.caldav.radicale_server import Fault, RadicaleServer, Request
from tests.conftest import SEED, published
from tests.google.factories import make_event, make_events

MakeTarget = Callable[..., CalDAVTarget]
PATH = f"/alice/{SLUG}/"

FOREIGN = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example Corp.//Thunderbird//EN\r
BEGIN:VEVENT\r
UID:team-lunch-42@example.org\r
DTSTAMP:20260101T100000Z\r
DTSTART;VALUE=DATE:20260310\r
DTEND;VALUE=DATE:20260311\r
SUMMARY:Team lunch (made by Bob)\r
END:VEVENT\r
END:VCALENDAR\r
"""


def summaries(server: RadicaleServer) -> dict[str, str]:
    out = {}
    for name, text in server.objects(SLUG).items():
        match = re.search(r"^SUMMARY:(.*)$", text, re.M)
        out[name] = match.group(1).strip() if match else ""
    return out


def test_seed_article_creates_its_nine_events_then_rerun_writes_nothing(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore, seed_text: str
) -> None:
    from calsync.assemble import assemble
    from calsync.extraction.settings import ExtractionSettings

    article = Article(seed_text, published("2021-11-05"), str(SEED))
    settings = ExtractionSettings()
    events = assemble([article], settings)
    assert len(events) == 9
    first = sync(events, make_target(), state)
    assert first.ok and first.counts()["created"] == 9
    stored = radicale.objects(SLUG)
    assert set(stored) == {resource_name(e.uid) for e in events}
    for event in events:
        text = stored[resource_name(event.uid)]
        assert f"UID:{event.uid}" in text
        assert "X-CALSYNC-MARKER:calsync" in text
        assert f"X-CALSYNC-HASH:{event.content_hash()}" in text
        assert "X-CALSYNC-DIGEST:" in text
    creates = [r for r in radicale.writes() if r.method == "PUT"]
    assert len(creates) == 9 and all(r.if_none_match == "*" for r in creates)

    radicale.reset_log()
    again = sync(assemble([article], settings), make_target(), state)
    assert again.ok and again.counts()["unchanged"] == 9 and again.plan.writes == ()
    assert radicale.writes() == []
    assert [r.method for r in radicale.log].count("REPORT") == 1
    assert radicale.objects(SLUG) == stored
    # From then on the listing goes through the stored sync token.
    third = sync(assemble([article], settings), make_target(), state)
    assert third.incremental and third.plan.writes == ()


def test_changed_event_replaces_only_that_event_with_if_match(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(9)
    sync(events, make_target(), state)
    before = radicale.objects(SLUG)
    events[3] = replace(events[3], title="Happening 3, moved to the town hall",
                        location="Town hall")
    radicale.reset_log()
    result = sync(events, make_target(), state)
    assert result.ok
    assert result.counts()["updated"] == 1 and result.counts()["unchanged"] == 8
    writes = radicale.writes()
    assert [(r.method, r.path.rsplit("/", 1)[-1]) for r in writes] == [
        ("PUT", resource_name(events[3].uid))]
    assert writes[0].if_match and writes[0].if_match.startswith('"')
    after = radicale.objects(SLUG)
    name = resource_name(events[3].uid)
    assert [n for n in after if after[n] != before[n]] == [name]
    assert "SUMMARY:Happening 3\\, moved to the town hall" in after[name]
    assert "SEQUENCE:1" in after[name] and "SEQUENCE:0" in before[name]
    assert sync(events, make_target(), state).plan.writes == ()


def test_foreign_event_is_untouched_by_sync_and_by_prune(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(4)
    sync(events, make_target(), state)
    assert radicale.put_object(PATH + "bob-lunch.ics", FOREIGN) == 201
    foreign = radicale.objects(SLUG)["bob-lunch.ics"]
    radicale.reset_log()
    result = sync(events[:3], make_target(), state, prune=True)
    assert result.ok and result.counts()["deleted"] == 1
    deletes = [r for r in radicale.writes() if r.method == "DELETE"]
    assert [r.path.rsplit("/", 1)[-1] for r in deletes] == [resource_name(events[3].uid)]
    assert deletes[0].if_match
    assert radicale.objects(SLUG)["bob-lunch.ics"] == foreign
    assert resource_name(events[3].uid) not in radicale.objects(SLUG)
    # Without a state file (a fresh machine) the foreign event is still not ours.
    fresh = sync(events[:3], make_target(), None, prune=True)
    assert fresh.plan.writes == ()
    assert radicale.objects(SLUG)["bob-lunch.ics"] == foreign


def test_foreign_object_at_our_resource_name_is_left_alone(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(2)
    taken = resource_name(events[0].uid)
    make_target().calendar_url()  # makes the calendar
    assert radicale.put_object(PATH + taken, FOREIGN) == 201
    result = sync(events, make_target(), state)
    assert result.counts()["created"] == 1 and result.counts()["skipped"] == 1
    assert "not made by calsync" in next(
        c.reason for c in result.plan.changes if c.kind.value == "skipped")
    assert "made by Bob" in radicale.objects(SLUG)[taken]


def test_create_never_overwrites_an_object_that_appears_meanwhile(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(2)
    taken = resource_name(events[1].uid)

    def bob_is_faster(req: Request) -> bool:
        if req.method == "PUT" and req.path.endswith(taken):
            radicale.put_object(PATH + taken, FOREIGN)
            return True
        return False

    radicale.hooks.append(bob_is_faster)
    result = sync(events, make_target(), state)
    assert result.counts()["created"] == 1 and result.counts()["failed"] == 1
    assert "not made by calsync" in result.failed[0].message
    ours = [r for r in radicale.log if r.method == "PUT" and r.path.endswith(taken)
            and r.if_none_match == "*"]
    assert ours and ours[0].status == 412
    assert "made by Bob" in radicale.objects(SLUG)[taken]


def _person_edit(radicale: RadicaleServer, name: str, old: str, new: str) -> None:
    text = radicale.get_object(PATH + name)
    assert text is not None and old in text
    assert radicale.put_object(PATH + name, text.replace(old, new)) in (201, 204)


def test_event_edited_on_the_server_is_a_conflict(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(5)
    sync(events, make_target(), state)
    name = resource_name(events[1].uid)
    _person_edit(radicale, name, "SUMMARY:Happening 1", "SUMMARY:Renamed by Alice")
    events[1] = replace(events[1], title="Happening 1 (new title from the source)")
    radicale.reset_log()
    result = sync(events, make_target(), state)
    assert result.counts()["conflicts"] == 1 and result.counts()["updated"] == 0
    assert radicale.writes() == []
    assert summaries(radicale)[name] == "Renamed by Alice"
    # Still a conflict on the next run, and without the state file too.
    assert sync(events, make_target(), state).counts()["conflicts"] == 1
    assert sync(events, make_target(), None).counts()["conflicts"] == 1
    forced = sync(events, make_target(), state, force=True)
    assert forced.counts()["updated"] == 1
    assert summaries(radicale)[name] == events[1].title
    assert sync(events, make_target(), state).counts()["unchanged"] == 5


def test_edit_between_listing_and_write_gets_412_and_is_a_conflict(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(3)
    sync(events, make_target(), state)
    name = resource_name(events[0].uid)
    events[0] = replace(events[0], title="New title")

    def alice_edits_first(req: Request) -> bool:
        if req.method == "PUT" and req.path.endswith(name):
            _person_edit(radicale, name, "SUMMARY:Happening 0", "SUMMARY:Alice's title")
            return True
        return False

    radicale.hooks.append(alice_edits_first)
    radicale.reset_log()
    result = sync(events, make_target(), state)
    assert result.plan.counts()["update"] == 1
    assert result.counts()["conflicts"] == 1 and result.counts()["updated"] == 0
    ours = [r for r in radicale.log if r.method == "PUT" and r.if_match]
    assert [r.status for r in ours] == [412]
    assert summaries(radicale)[name] == "Alice's title"


def test_event_deleted_by_a_person_stays_deleted(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(5)
    sync(events, make_target(), state)
    name = resource_name(events[2].uid)
    assert radicale.delete_object(PATH + name) in (200, 204)
    for _ in range(2):  # the first through the sync token, the second from the state
        result = sync(events, make_target(), state)
        assert result.counts()["skipped"] == 1 and result.counts()["created"] == 0
    assert name not in radicale.objects(SLUG)
    # A full listing (token refused) still remembers it from the state.
    with state.transaction() as db:
        db.execute("UPDATE targets SET sync_token = NULL")
    assert sync(events, make_target(), state).counts()["skipped"] == 1
    forced = sync(events, make_target(), state, force=True)
    assert forced.counts()["created"] == 1
    assert name in radicale.objects(SLUG)


def test_pruned_event_is_restored_when_it_comes_back(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(4)
    sync(events, make_target(), state)
    assert sync(events[:3], make_target(), state, prune=True).counts()["deleted"] == 1
    back = sync(events, make_target(), state)
    assert back.counts()["created"] == 1
    assert len(radicale.objects(SLUG)) == 4


def test_server_stopped_mid_run_then_restarted_converges(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore, sleeps: Sleeps
) -> None:
    events = make_events(9)
    radicale.stop_after_puts = 4
    broken = sync(events, make_target(), state)
    assert not broken.ok
    counts = broken.counts()
    assert counts["created"] == 4 and counts["failed"] == 5
    assert any("unreachable" in r.message for r in broken.failed)
    assert len(sleeps) <= 6  # one change's retries; the rest are not attempted
    with pytest.raises(TargetError, match="unreachable"):
        sync(events, make_target(), state)

    radicale.restart()
    radicale.reset_log()
    healed = sync(events, make_target(), state)
    assert healed.ok
    assert healed.counts()["created"] == 5 and healed.counts()["unchanged"] == 4
    assert len(radicale.objects(SLUG)) == 9
    radicale.reset_log()
    assert sync(events, make_target(), state).plan.writes == ()
    assert radicale.writes() == []


def test_response_lost_after_the_write_landed_converges(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(3)
    # The server goes down right after storing the first event: its answer is lost.
    radicale.stop_after_puts = 1
    first = sync(events, make_target(max_retries=1), state)
    assert first.counts()["created"] == 1 and first.counts()["failed"] == 2
    radicale.restart()
    second = sync(events, make_target(), state)
    assert second.ok and second.counts()["created"] == 2
    assert len(radicale.objects(SLUG)) == 3


def test_5xx_and_429_are_retried_with_backoff(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore, sleeps: Sleeps
) -> None:
    events = make_events(2)
    make_target().calendar_url()  # makes the calendar
    radicale.inject(Fault(503, times=2, when=lambda m, p: m == "PUT"))
    radicale.inject(Fault(429, times=1, when=lambda m, p: m == "REPORT"))
    result = sync(events, make_target(), state)
    assert result.ok and result.counts()["created"] == 2
    assert len(sleeps) == 3
    statuses = [r.status for r in radicale.log if r.method == "PUT"]
    assert statuses == [503, 503, 201, 201]


def test_persistent_5xx_fails_that_change_and_the_run_goes_on(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore, sleeps: Sleeps
) -> None:
    events = make_events(3)
    name = resource_name(events[1].uid)
    radicale.inject(Fault(500, times=100, when=lambda m, p: m == "PUT" and p.endswith(name)))
    result = sync(events, make_target(max_retries=3), state)
    assert result.counts()["created"] == 2 and result.counts()["failed"] == 1
    assert "HTTP 500" in result.failed[0].message
    assert len(sleeps) == 3
    radicale.faults.clear()
    assert sync(events, make_target(), state).counts()["created"] == 1


def test_refused_sync_token_falls_back_to_a_full_listing(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(3)
    sync(events, make_target(), state)
    with state.transaction() as db:
        db.execute("UPDATE targets SET sync_token = 'http://radicale.org/ns/sync/bogus'")
    radicale.reset_log()
    result = sync(events, make_target(), state)
    assert result.ok and result.counts()["unchanged"] == 3 and not result.incremental
    assert [r.method for r in radicale.log].count("REPORT") == 2


def test_calendar_by_url_and_missing_calendar(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore, tmp_path: Path
) -> None:
    sync(make_events(2), make_target(), state)
    by_url = make_target(calendar=f"{radicale.url}alice/{SLUG}/", create=False)
    assert sync(make_events(2), by_url, None).counts()["unchanged"] == 2
    direct = CalDAVTarget(f"{radicale.url}alice/{SLUG}/", "alice",
                          make_target().password, calendar=None)
    assert sync(make_events(2), direct, None).counts()["unchanged"] == 2
    with pytest.raises(TargetError, match=f"no calendar named 'Holidays'.*{CALENDAR}"):
        sync(make_events(1), make_target(calendar="Holidays", create=False), None)


def test_wrong_password_is_a_clear_error(
    radicale: RadicaleServer, make_target: MakeTarget
) -> None:
    target = CalDAVTarget(radicale.url, "alice", "wrong", calendar=CALENDAR, timeout=5)
    with pytest.raises(TargetError, match="refused the credentials of 'alice'"):
        sync(make_events(1), target, None)


def test_timed_event_round_trips_without_spurious_updates(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore
) -> None:
    events = [make_event(n, all_day=False) for n in range(3)]
    assert sync(events, make_target(), state).counts()["created"] == 3
    text = radicale.objects(SLUG)[resource_name(events[0].uid)]
    assert "DTSTART;TZID=Europe/Paris:" in text and "BEGIN:VTIMEZONE" in text
    assert sync(events, make_target(), None).counts()["unchanged"] == 3


def test_update_planned_from_the_state_rereads_the_object_first(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(3)
    sync(events, make_target(), state)
    sync(events, make_target(), state)  # the stored token now follows calsync's own writes
    name = resource_name(events[2].uid)
    events[2] = replace(events[2], title="Source update")

    # The delta listing is empty, so the plan comes from the state; a person edits right
    # before calsync reads the object to replace it.
    def alice_edits_before_the_read(req: Request) -> bool:
        if req.method == "GET" and req.path.endswith(name):
            _person_edit(radicale, name, "SUMMARY:Happening 2", "SUMMARY:Alice was here")
            return True
        return False

    radicale.hooks.append(alice_edits_before_the_read)
    radicale.reset_log()
    result = sync(events, make_target(), state)
    assert result.incremental and result.plan.counts()["update"] == 1
    assert result.counts()["conflicts"] == 1
    assert [r for r in radicale.log if r.method == "PUT" and r.if_match] == []
    assert summaries(radicale)[name] == "Alice was here"
    # Without the edit, the same path updates (GET for SEQUENCE, then PUT with If-Match).
    events[1] = replace(events[1], title="Another update")
    radicale.reset_log()
    second = sync(events, make_target(), state)
    assert second.counts()["updated"] == 1 and second.counts()["conflicts"] == 1
    assert "SEQUENCE:1" in radicale.objects(SLUG)[resource_name(events[1].uid)]


def test_truncated_sync_collection_answer_is_followed_to_the_end(
    radicale: RadicaleServer, make_target: MakeTarget
) -> None:
    events = make_events(5)
    sync(events[:2], make_target(), None)
    body = (b'<?xml version="1.0"?><D:sync-collection xmlns:D="DAV:"><D:sync-token/>'
            b"<D:sync-level>1</D:sync-level><D:prop><D:getetag/></D:prop>"
            b"</D:sync-collection>")
    status, _, answer = radicale.http("REPORT", PATH, body, {"Depth": "0"})
    assert status == 207
    middle_token = ET.fromstring(answer).findtext("{DAV:}sync-token")
    assert middle_token
    sync(events, make_target(), None)
    older = {resource_name(e.uid) for e in events[:2]}

    # The server answers the first full listing in two parts: the two older events with a
    # 507 for the collection and a token to continue from; the rest comes after.
    def truncate(req: Request, data: bytes) -> bytes | None:
        if req.method != "REPORT" or b"sync-collection" not in req.body or (
            b"<D:sync-token></D:sync-token>" not in req.body
        ):
            return None
        root = ET.fromstring(data)
        for resp in root.findall("{DAV:}response"):
            if resp.findtext("{DAV:}href", "").rsplit("/", 1)[-1] not in older:
                root.remove(resp)
        token = root.find("{DAV:}sync-token")
        assert token is not None
        token.text = middle_token
        cut = ET.SubElement(root, "{DAV:}response")
        ET.SubElement(cut, "{DAV:}href").text = PATH
        ET.SubElement(cut, "{DAV:}status").text = "HTTP/1.1 507 Insufficient Storage"
        return ET.tostring(root)

    radicale.rewrites.append(truncate)
    radicale.reset_log()
    result = sync(events, make_target(), None)
    assert radicale.rewrites == []  # the truncation happened
    assert result.plan.counts()["unchanged"] == 5 and result.plan.writes == ()
    assert [r.method for r in radicale.log].count("REPORT") == 2
    assert radicale.writes() == []


def test_update_keeps_what_a_person_added_that_calsync_does_not_write(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(2)
    sync(events, make_target(), state)
    name = resource_name(events[0].uid)
    alarm = ("COLOR:tomato\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\n"
             "TRIGGER:-PT15M\r\nEND:VALARM\r\nEND:VEVENT")
    _person_edit(radicale, name, "END:VEVENT", alarm)
    events[0] = replace(events[0], title="Happening 0, new room")
    result = sync(events, make_target(), state)
    assert result.counts()["updated"] == 1 and result.counts()["conflicts"] == 0
    text = radicale.objects(SLUG)[name]
    assert "SUMMARY:Happening 0\\, new room" in text
    assert "TRIGGER:-PT15M" in text and "COLOR:tomato" in text
    assert sync(events, make_target(), state).plan.writes == ()


def test_a_stalled_answer_times_out_and_is_retried(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore, sleeps: Sleeps
) -> None:
    events = make_events(2)
    make_target().calendar_url()  # makes the calendar
    radicale.inject(Fault(0, times=1, delay=1.0, when=lambda m, p: m == "PUT"))
    result = sync(events, make_target(timeout=0.3), state)
    assert result.ok and result.counts()["created"] == 2
    assert len(sleeps) == 1
    assert len(radicale.objects(SLUG)) == 2


def test_awkward_text_survives_the_server_without_looking_edited(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore
) -> None:
    titles = ["Vote; then a press point, at 5", "Back\\slash \\n literal, not a newline",
              "Two\nlines", "Fête — 日本 — " + "long " * 40, "  padded  "]
    events = [replace(make_event(n), title=t, location=f"Hall {t[:10]}, door ;2")
              for n, t in enumerate(titles)]
    assert sync(events, make_target(), state).counts()["created"] == 5
    for store in (state, None):  # through the sync token, and a full listing without state
        again = sync(events, make_target(), store)
        assert again.counts()["unchanged"] == 5 and again.plan.writes == (), again.plan


def test_calendar_deleted_during_the_run_fails_the_writes_clearly(
    radicale: RadicaleServer, make_target: MakeTarget, state: StateStore
) -> None:
    events = make_events(3)
    make_target().calendar_url()  # makes the calendar

    def calendar_goes(req: Request) -> bool:
        if req.method == "PUT":
            assert radicale.delete_object(PATH) in (200, 204)
            return True
        return False

    radicale.hooks.append(calendar_goes)
    result = sync(events, make_target(), state)
    assert result.counts()["failed"] == 3 and result.counts()["created"] == 0
    assert all("still exist?" in r.message for r in result.failed)
