"""The calendar we write: RFC 5545 structure, read identically by independent parsers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
import vobject

from calsync import ics
from calsync.model import Event
from calsync.validate import validate

from .conftest import NOW, PARIS, all_day, sample_events, timed


def build(events: list[Event], **options: object) -> bytes:
    data, _ = ics.build_calendar(events, now=NOW,
                                 options=ics.CalendarOptions(**options))  # type: ignore[arg-type]
    return data


def unfolded(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").split("\r\n")


def test_calendar_properties_once_each() -> None:
    lines = unfolded(build(sample_events(), name="Paris trip", timezone="Europe/Paris"))
    names = [line.split(":", 1)[0].split(";", 1)[0] for line in lines]
    head = names[: names.index("BEGIN", 1)]
    for prop in ("VERSION", "PRODID", "CALSCALE", "NAME", "X-WR-CALNAME", "X-WR-TIMEZONE",
                 "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "UID"):
        assert head.count(prop) == 1, prop
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT12H" in lines
    assert "X-PUBLISHED-TTL:PT12H" in lines
    assert "X-WR-CALNAME:Paris trip" in lines
    assert "NAME:Paris trip" in lines
    assert f"UID:{ics.calendar_uid('Paris trip')}" in lines
    assert "X-WR-TIMEZONE:Europe/Paris" in lines


def test_calendar_uid_is_derived_from_the_name() -> None:
    assert ics.calendar_uid("a") == ics.calendar_uid("a")
    assert ics.calendar_uid("a") != ics.calendar_uid("b")


def test_crlf_and_line_length() -> None:
    data = build(sample_events())
    assert data.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert max(len(line) for line in data.split(b"\r\n")) <= 75


def test_event_properties() -> None:
    data = build([all_day("fair@calsync", "Fair", date(2021, 11, 9), location="Hall 3",
                          categories=("culture",), confidence=0.9)])
    lines = unfolded(data)
    assert "DTSTART;VALUE=DATE:20211109" in lines
    assert "DTEND;VALUE=DATE:20211110" in lines  # exclusive end
    for expected in ("UID:fair@calsync", "DTSTAMP:20211105T120000Z", "SUMMARY:Fair",
                     "LOCATION:Hall 3", "CATEGORIES:culture", "STATUS:CONFIRMED",
                     "SEQUENCE:0", "LAST-MODIFIED:20211105T120000Z",
                     "CREATED:20211105T120000Z"):
        assert expected in lines
    assert any(line.startswith("X-CALSYNC-HASH:") for line in lines)
    assert any(line.startswith("DESCRIPTION:“The fair opens on Tuesday.”") for line in lines)


def test_low_confidence_is_tentative_and_url_is_written() -> None:
    ev = all_day("a@x", "A", date(2021, 11, 9), confidence=0.3)
    lines = unfolded(build([ev]))
    assert "STATUS:TENTATIVE" in lines
    assert not any(line.startswith("URL:") for line in lines)
    lines = unfolded(build(sample_events()))
    assert "URL:https://example.org/fair" in lines


def test_timed_events_use_tzid_and_a_matching_rrule_vtimezone() -> None:
    data = build(sample_events())
    lines = unfolded(data)
    assert "DTSTART;TZID=Europe/Paris:20211112T090000" in lines
    assert "DTSTART;TZID=America/New_York:20211108T150000" in lines
    assert "DTSTART:20211120T230000Z" in lines  # UTC events need no VTIMEZONE
    assert lines.count("TZID:Europe/Paris") == 1
    assert lines.count("TZID:America/New_York") == 1
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in lines
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in lines
    assert not any(line.startswith("RDATE") for line in lines)
    # never floating: every DATE-TIME start/end carries a TZID or a Z
    for line in lines:
        if line.startswith(("DTSTART", "DTEND")) and "VALUE=DATE" not in line:
            in_event = "TZID=" in line or line.endswith("Z")
            in_vtimezone = line.startswith("DTSTART:") and len(line) == len("DTSTART:") + 15
            assert in_event or in_vtimezone, line
    assert validate(data).ok


def test_second_occurrence_of_a_repeated_hour_is_written_in_utc() -> None:
    lines = unfolded(build(sample_events()))
    # 02:30 CET (the second one) is 01:30 UTC; TZID=Europe/Paris:...T023000 would mean CEST
    assert "DTSTART:20211031T013000Z" in lines
    assert "DTEND:20211031T021500Z" in lines  # both ends in UTC, not one of each
    assert "DTSTART;TZID=Europe/Paris:20211031T013000" in lines  # the first event: 01:30 CEST


def test_same_input_same_bytes_and_order_by_start_then_uid() -> None:
    events = sample_events()
    same_day = [all_day("b@x", "B", date(2021, 11, 9)), all_day("a@x", "A", date(2021, 11, 9))]
    one = build(events + same_day)
    two = build(list(reversed(events + same_day)))
    assert one == two
    uids = [line[4:] for line in unfolded(one) if line.startswith("UID:") and "@" in line]
    assert uids == ["night@calsync", "second@calsync", "ny@calsync", "a@x", "b@x",
                    "fair@calsync", "summit@calsync", "talk@calsync", "utc@calsync"]


def test_duplicate_uids_are_written_once() -> None:
    a = all_day("dup@x", "First", date(2021, 11, 9))
    b = all_day("dup@x", "Second", date(2021, 11, 10))
    data, result = ics.build_calendar([b, a], now=NOW)
    assert data.count(b"UID:dup@x") == 1
    assert b"SUMMARY:First" in data
    assert result.duplicates == 1 and result.created == 1


def test_now_must_be_aware() -> None:
    with pytest.raises(ValueError):
        ics.build_calendar([], now=datetime(2021, 1, 1))


# --- independent parsers -------------------------------------------------------------------


def expected_instants(ev: Event) -> tuple[object, object]:
    if isinstance(ev.start, datetime) and isinstance(ev.end, datetime):
        return ev.start.astimezone(UTC), ev.end.astimezone(UTC)
    return ev.start, ev.end


def test_icalendar_reads_what_we_wrote() -> None:
    events = {e.uid: e for e in sample_events()}
    cal = icalendar.Calendar.from_ical(build(list(events.values())))
    seen = {}
    for comp in cal.walk("VEVENT"):
        start, end = comp.decoded("dtstart"), comp.decoded("dtend")
        if isinstance(start, datetime):
            start, end = start.astimezone(UTC), end.astimezone(UTC)
        seen[str(comp["uid"])] = (start, end, str(comp["summary"]))
    assert seen == {uid: (*expected_instants(e), e.title) for uid, e in events.items()}


def test_vobject_reads_what_we_wrote_using_our_vtimezones() -> None:
    events = {e.uid: e for e in sample_events()}
    cal = vobject.readOne(build(list(events.values())).decode("utf-8"))
    seen = {}
    for vev in cal.vevent_list:
        start, end = vev.dtstart.value, vev.dtend.value
        if isinstance(start, datetime):
            assert start.tzinfo is not None
            start, end = start.astimezone(UTC), end.astimezone(UTC)
        seen[vev.uid.value] = (start, end, vev.summary.value)
    assert seen == {uid: (*expected_instants(e), e.title) for uid, e in events.items()}
    fair = next(v for v in cal.vevent_list if v.uid.value == "fair@calsync")
    assert fair.location.value == "Hall 3, Porte de Versailles"
    assert fair.categories.value == ["culture", "books, fairs"]


def test_recurring_ical_events_confirms_spans_and_instants() -> None:
    cal = icalendar.Calendar.from_ical(build(sample_events()))
    # all-day: the one-day fair covers the 9th only; the 3-day summit 10, 11, 12
    days = {}
    for day in (date(2021, 11, d) for d in range(8, 15)):
        for occ in recurring_ical_events.of(cal).at(day):
            days.setdefault(str(occ["uid"]), []).append(day.day)
    assert days["fair@calsync"] == [9]
    assert days["summit@calsync"] == [10, 11, 12]
    # timed: each occurrence has the instants we meant (its between() filter treats a span
    # across a DST change as wall-clock time, so the ends are checked on the occurrences)
    found = recurring_ical_events.of(cal).between(
        datetime(2021, 10, 30, 23, 29, tzinfo=UTC), datetime(2021, 10, 30, 23, 31, tzinfo=UTC))
    assert [str(e["uid"]) for e in found] == ["night@calsync"]
    found = recurring_ical_events.of(cal).between(
        datetime(2021, 10, 31, 1, 31, tzinfo=UTC), datetime(2021, 10, 31, 1, 32, tzinfo=UTC))
    spans = {str(e["uid"]): (e.decoded("dtstart"), e.decoded("dtend")) for e in found}
    assert set(spans) == {"night@calsync", "second@calsync"}
    assert tuple(t.astimezone(UTC) for t in spans["night@calsync"]) == (
        datetime(2021, 10, 30, 23, 30, tzinfo=UTC), datetime(2021, 10, 31, 3, 0, tzinfo=UTC))
    # it moves UTC times into X-WR-TIMEZONE and drops `fold` on the way, so the second 02:30
    # comes back as a wall time; icalendar and vobject above read the exact instant
    second_start, second_end = spans["second@calsync"]
    assert (second_start.hour, second_start.minute) == (2, 30)
    assert second_end.astimezone(UTC) == datetime(2021, 10, 31, 2, 15, tzinfo=UTC)
    found = recurring_ical_events.of(cal).between(
        datetime(2021, 11, 8, 20, 0, tzinfo=UTC), datetime(2021, 11, 8, 20, 1, tzinfo=UTC))
    assert [str(e["uid"]) for e in found] == ["ny@calsync"]  # 15:00 EST = 20:00 UTC
    found = recurring_ical_events.of(cal).between(
        datetime(2021, 11, 8, 21, 0, tzinfo=UTC), datetime(2021, 11, 8, 21, 1, tzinfo=UTC))
    assert found == []


# --- round trip ----------------------------------------------------------------------------


def test_round_trip_gives_the_same_events() -> None:
    events = sample_events()
    back = {e.uid: e for e in ics.parse_calendar(build(events))}
    assert set(back) == {e.uid for e in events}
    for ev in events:
        got = back[ev.uid]
        assert got == ics.normalize(ev)
        assert got.title == ev.title
        assert got.description() == ev.description()
        assert got.content_hash() == ics.normalize(ev).content_hash()
        assert expected_instants(got) == expected_instants(ev)
        assert got.timezone == ev.timezone


def test_round_trip_keeps_the_second_occurrence_and_the_event_zone() -> None:
    back = {e.uid: e for e in ics.parse_calendar(build(sample_events()))}
    second = back["second@calsync"]
    assert isinstance(second.start, datetime)
    assert second.start.utcoffset() == timedelta(hours=1) and second.start.fold == 1
    assert second.timezone == "Europe/Paris"


def test_all_day_event_in_another_zone_than_the_calendar_keeps_its_zone() -> None:
    ev = Event("t@x", "Tokyo day", date(2021, 11, 9), date(2021, 11, 10), "Asia/Tokyo")
    data = build([ev], timezone="Europe/Paris")
    assert b"X-CALSYNC-TIMEZONE:Asia/Tokyo" in data
    assert ics.parse_calendar(data) == [ev]


def test_normalize_makes_timed_events_local_to_their_zone() -> None:
    ev = timed("u@x", "T", datetime(2021, 11, 12, 8, 0, 0, 123, tzinfo=UTC),
               datetime(2021, 11, 12, 9, 0, tzinfo=UTC))
    norm = ics.normalize(ev)
    assert isinstance(norm.start, datetime)
    assert norm.start.tzinfo == PARIS and norm.start.hour == 9 and norm.start.microsecond == 0
    assert ics.normalize(norm) is norm


def test_parse_rejects_non_calendars() -> None:
    from calsync.errors import InputError

    with pytest.raises(InputError, match="not an iCalendar file"):
        ics.parse_calendar(b"hello\n", "notes.txt")


def test_parse_reads_a_foreign_calendar_with_floating_times() -> None:
    data = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//y//EN\r\n"
            b"X-WR-TIMEZONE:Europe/Paris\r\nBEGIN:VEVENT\r\nUID:1\r\n"
            b"DTSTAMP:20210101T000000Z\r\nDTSTART:20211112T090000\r\nDURATION:PT1H\r\n"
            b"SUMMARY:Floating\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    [ev] = ics.parse_calendar(data)
    assert ev.start == datetime(2021, 11, 12, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert ev.end == datetime(2021, 11, 12, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))
    assert ev.title == "Floating" and ev.evidence == ()
