"""Our RRULE-style VTIMEZONEs give the same offsets as the tz database, for every hour."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject

from calsync import ics
from calsync.model import Event

ZONES = [
    "Europe/Paris", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe",
    "Asia/Tokyo", "America/Sao_Paulo", "Africa/Casablanca", "Europe/Dublin",
    "America/Santiago", "Asia/Tehran", "Pacific/Apia",
]


@pytest.mark.parametrize("name", ZONES)
@pytest.mark.parametrize("year", [2008, 2019, 2021, 2026])
def test_offsets_match_zoneinfo_every_hour(name: str, year: int) -> None:
    vtz = ics.vtimezone(name, year - 1, year + 1)
    tz = vtz.to_tz()
    zone = ZoneInfo(name)
    at = datetime(year, 1, 1, tzinfo=UTC)
    while at.year == year:
        assert at.astimezone(tz).utcoffset() == at.astimezone(zone).utcoffset(), at
        at += timedelta(hours=1)


def test_paris_is_two_open_ended_rrules() -> None:
    text = ics.vtimezone("Europe/Paris", 2020, 2022).to_ical().decode()
    assert text.count("BEGIN:DAYLIGHT") == 1 and text.count("BEGIN:STANDARD") == 1
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n" in text
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n" in text
    # today's rules hold since 1996: they start there, whatever the events' years
    assert "DTSTART:19960331T020000" in text and "DTSTART:19961027T030000" in text
    assert "RDATE" not in text and "UNTIL" not in text


def test_the_vtimezone_does_not_depend_on_the_event_years() -> None:
    # servers that cache one VTIMEZONE per TZID (vobject, Radicale) must never get a narrow one
    for name in ("Europe/Paris", "America/New_York", "Australia/Sydney"):
        assert ics.vtimezone(name, 2020, 2022).to_ical() == ics.vtimezone(
            name, 2025, 2031).to_ical()


def test_a_rule_that_ends_gets_until() -> None:
    # Brazil stopped DST in 2019: its summer-time rule must not run on into 2020
    text = ics.vtimezone("America/Sao_Paulo", 2016, 2020).to_ical().decode()
    assert "UNTIL=" in text


def test_zone_without_changes_is_one_observance() -> None:
    text = ics.vtimezone("Asia/Tokyo", 2020, 2022).to_ical().decode()
    assert text.count("BEGIN:STANDARD") == 1 and "BEGIN:DAYLIGHT" not in text
    assert "TZOFFSETFROM:+0900" in text and "TZOFFSETTO:+0900" in text


@pytest.mark.parametrize("name", ["Europe/Paris", "Australia/Sydney", "Africa/Casablanca"])
def test_vobject_reads_event_instants_through_our_vtimezone(name: str) -> None:
    zone = ZoneInfo(name)
    events = []
    at = datetime(2021, 1, 1, 0, 30, tzinfo=UTC)
    while at.year == 2021:
        local = at.astimezone(zone)
        events.append(Event(f"{at:%m%d%H}@x", "E", local, local + timedelta(hours=1), name))
        at += timedelta(hours=61)  # walks through every hour of the day over the year
    data, _ = ics.build_calendar(events, now=datetime(2021, 1, 1, tzinfo=UTC))
    cal = vobject.readOne(data.decode("utf-8"))
    got = {v.uid.value: v.dtstart.value.astimezone(UTC) for v in cal.vevent_list}
    assert got == {e.uid: e.start.astimezone(UTC) for e in events}  # type: ignore[union-attr]
