"""The iCalendar object calsync writes for an event, read back: owned, same hashes, and a
digest that does not see a re-serialisation as an edit (pure, no server)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from calsync.targets.caldav import event_resource, parse_resource, resource_name
from tests.google.factories import make_event

NOW = datetime(2026, 2, 1, 8, 0, tzinfo=UTC)
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1,
               max_size=120)


@settings(max_examples=60, deadline=None)
@given(title=TEXT, location=st.one_of(st.none(), TEXT), n=st.integers(0, 50),
       source=TEXT)
def test_written_event_reads_back_as_ours_and_unedited(
    title: str, location: str | None, n: int, source: str
) -> None:
    base = make_event(n)
    event = replace(base, title=title, location=location,
                    evidence=(replace(base.evidence[0], source=source),))
    data = event_resource(event, now=NOW).decode("utf-8")
    back = parse_resource(resource_name(event.uid), data, '"e1"')
    assert back.owned and back.uid == event.uid
    assert back.content_hash == event.content_hash()
    assert back.written_hash is not None and back.written_hash == back.shown_hash
    assert not back.edited
    # A server that stores the object with LF line ends (Radicale does) changes nothing.
    again = parse_resource("x.ics", data.replace("\r\n", "\n"), None)
    assert again.shown_hash == back.shown_hash and not again.edited


def test_an_edited_field_changes_the_shown_digest() -> None:
    data = event_resource(make_event(3), now=NOW).decode("utf-8")
    edited = data.replace("SUMMARY:Happening 3", "SUMMARY:Happening 3 (moved)")
    assert parse_resource("x.ics", edited, None).edited
    stamped = data.replace("SEQUENCE:0", "SEQUENCE:4").replace(
        "DTSTAMP:20260201T080000Z", "DTSTAMP:20260301T080000Z")
    assert stamped != data and not parse_resource("x.ics", stamped, None).edited


def test_objects_not_made_by_calsync_are_foreign() -> None:
    data = event_resource(make_event(1), now=NOW).decode("utf-8")
    unmarked = data.replace("X-CALSYNC-MARKER:calsync\r\n", "")
    assert not parse_resource("x.ics", unmarked, None).owned
    assert not parse_resource("x.ics", "not a calendar", None).owned
    todo = ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTODO\r\nUID:t\r\nEND:VTODO\r\n"
            "END:VCALENDAR\r\n")
    assert not parse_resource("x.ics", todo, None).owned
