"""`calsync validate`: each problem kind is found, on the right line."""

from __future__ import annotations

import pytest

from calsync import ics
from calsync.errors import InputError
from calsync.validate import validate

from .conftest import NOW, sample_events

GOOD = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//test//EN
BEGIN:VTIMEZONE
TZID:Europe/Paris
BEGIN:STANDARD
DTSTART:19701025T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:one@test
DTSTAMP:20211105T120000Z
DTSTART;VALUE=DATE:20211109
DTEND;VALUE=DATE:20211110
SUMMARY:Fair\\, day one
END:VEVENT
BEGIN:VEVENT
UID:two@test
DTSTAMP:20211105T120000Z
DTSTART;TZID=Europe/Paris:20211112T090000
DTEND;TZID=Europe/Paris:20211112T100000
SUMMARY:Talk
END:VEVENT
END:VCALENDAR
"""


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def lint(text: str) -> list[tuple[int, str]]:
    return [(p.line, p.code) for p in validate(crlf(text)).problems]


def test_good_calendar_passes() -> None:
    report = validate(crlf(GOOD))
    assert report.ok and report.events == 2


def test_our_output_passes() -> None:
    data, _ = ics.build_calendar(sample_events(), now=NOW)
    report = validate(data)
    assert report.problems == () and report.events == 7


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("UID:one@test\n", "", (12, "missing-uid")),
        ("DTSTAMP:20211105T120000Z\nDTSTART;VALUE", "DTSTART;VALUE", (12, "missing-dtstamp")),
        ("DTSTAMP:20211105T120000Z\nDTSTART;VALUE", "DTSTAMP:20211105T120000\nDTSTART;VALUE",
         (14, "stamp-not-utc")),
        ("DTSTART;TZID=Europe/Paris:20211112T090000", "DTSTART:20211112T090000",
         (22, "floating-time")),
        ("DTEND;TZID=Europe/Paris:20211112T100000", "DTEND;TZID=Europe/Berlin:20211112T100000",
         (23, "unknown-tzid")),
        ("DTEND;VALUE=DATE:20211110", "DTEND;VALUE=DATE:20211109",
         (16, "allday-end-not-after-start")),
        ("DTEND;TZID=Europe/Paris:20211112T100000", "DTEND;TZID=Europe/Paris:20211112T080000",
         (23, "end-before-start")),
        ("DTEND;VALUE=DATE:20211110", "DTEND:20211110T000000Z", (16, "mixed-date-types")),
        ("UID:two@test", "UID:one@test", (20, "duplicate-uid")),
        ("VERSION:2.0\n", "", (1, "missing-version")),
        ("VERSION:2.0", "VERSION:1.0", (2, "bad-version")),
        ("PRODID:-//test//test//EN\n", "", (1, "missing-prodid")),
        ("SUMMARY:Talk", "SUMMARY:Talk, then lunch", (24, "unescaped-text")),
        ("SUMMARY:Talk", "SUMMARY:C:\\Temp", (24, "bad-escape")),
        ("SUMMARY:Talk", "SUMMARY:Talk\nSUMMARY:Again", (25, "duplicate-property")),
        ("SUMMARY:Talk", "SUMMARY:" + "x" * 80, (24, "long-line")),
        ("SUMMARY:Talk", "STATUS:DONE", (24, "bad-status")),
        ("SUMMARY:Talk", "SEQUENCE:-1", (24, "bad-sequence")),
        ("SUMMARY:Talk", "DURATION:PT1H", (24, "dtend-and-duration")),
        ("DTSTART;VALUE=DATE:20211109", "DTSTART;VALUE=DATE:20211339", (15, "bad-date")),
        ("DTSTART;VALUE=DATE:20211109", "DTSTART:20211109", (15, "bad-date")),
        ("TZID:Europe/Paris\n", "", (4, "missing-tzid")),
        ("END:VEVENT\nBEGIN:VEVENT\nUID:two", "BEGIN:VEVENT\nUID:two", (18, "bad-structure")),
        ("SUMMARY:Talk", "this is not a content line", (24, "bad-line")),
        ("SUMMARY:Talk", "SUMMARY:Ta\x07lk", (24, "control-char")),
        ("PRODID:-//test//test//EN", "PRODID:-//test//test//EN\n"
         "REFRESH-INTERVAL:PT1H", (4, "refresh-interval-value")),
        ("PRODID:-//test//test//EN", "PRODID:-//test//test//EN\nX-WR-TIMEZONE:Mars/Base",
         (4, "unknown-zone")),
        ("SUMMARY:Talk\n", "SUMMARY:Talk\n\n", (25, "empty-line")),
    ],
)
def test_each_problem_kind_on_its_line(old: str, new: str, expected: tuple[int, str]) -> None:
    assert old in GOOD
    problems = lint(GOOD.replace(old, new, 1))
    assert expected in problems, problems


def test_lf_only_endings_are_reported_once_with_a_count() -> None:
    report = validate(GOOD.encode("utf-8"))
    assert [(p.line, p.code) for p in report.problems] == [(1, "lf-line-ending")]
    assert "26 such lines" in report.problems[0].message


def test_missing_final_newline() -> None:
    assert (26, "no-final-newline") in lint(GOOD.rstrip("\n"))


def test_folded_lines_are_joined_and_numbered_from_their_start() -> None:
    folded = GOOD.replace("SUMMARY:Talk", "SUMMARY:Long\n  talk, on\n  two lines")
    assert lint(folded) == [(24, "unescaped-text")]


def test_fold_inside_a_utf8_character() -> None:
    data = crlf(GOOD).replace(b"SUMMARY:Talk", "SUMMARY:Caf\u00e9".encode()[:-1] + b"\r\n "
                              + "\u00e9".encode()[1:])
    codes = [(p.line, p.code) for p in validate(data).problems]
    assert (24, "split-utf8") in codes


def test_not_utf8() -> None:
    data = crlf(GOOD).replace(b"SUMMARY:Talk", b"SUMMARY:Caf\xe9")
    assert (24, "not-utf8") in [(p.line, p.code) for p in validate(data).problems]


def test_unclosed_component() -> None:
    text = GOOD.replace("END:VEVENT\nEND:VCALENDAR\n", "")
    problems = lint(text)
    assert (1, "bad-structure") in problems and (19, "bad-structure") in problems


def test_methodless_event_needs_dtstart() -> None:
    text = GOOD.replace("DTSTART;VALUE=DATE:20211109\nDTEND;VALUE=DATE:20211110\n", "")
    assert (12, "missing-dtstart") in lint(text)
    with_method = text.replace("VERSION:2.0\n", "VERSION:2.0\nMETHOD:PUBLISH\n")
    assert not any(code == "missing-dtstart" for _, code in lint(with_method))


@pytest.mark.parametrize("data", [b"", b"hello\n", b"\x89PNG\r\n", b"BEGIN:VCARD\r\n"])
def test_not_a_calendar_is_an_input_error(data: bytes) -> None:
    with pytest.raises(InputError, match=r"notes\.txt: not an iCalendar file"):
        validate(data, "notes.txt")


def test_bom_and_leading_blank_lines_are_accepted() -> None:
    assert validate(b"\xef\xbb\xbf" + crlf(GOOD)).ok


GOOGLE_LIKE = """BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:Team
X-WR-TIMEZONE:Europe/Amsterdam
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
DTSTART;TZID="W. Europe Standard Time":20221020T120000
DTEND;TZID="W. Europe Standard Time":20221020T170000
RRULE:FREQ=WEEKLY;BYDAY=TU
EXDATE;TZID="W. Europe Standard Time":20221025T120000,20221101T120000
DTSTAMP:20221230T184331Z
UID:29bs10j321234rlaggdj41966n@google.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Ann;X-
 NUM-GUESTS=0:mailto:ann@example.org
CREATED:20221020T074107Z
DESCRIPTION:
LAST-MODIFIED:20221023T072955Z
LOCATION:
SEQUENCE:1
STATUS:CONFIRMED
SUMMARY:No meetings\\, please
TRANSP:OPAQUE
BEGIN:VALARM
ACTION:DISPLAY
DESCRIPTION:This is an event reminder
TRIGGER:-P0DT0H30M0S
END:VALARM
END:VEVENT
BEGIN:VEVENT
DTSTART;VALUE=DATE:20221224
DTEND;VALUE=DATE:20221227
DTSTAMP:20221230T184331Z
UID:holidays@google.com
SUMMARY:Holidays
END:VEVENT
END:VCALENDAR
"""


def test_a_typical_foreign_calendar_passes() -> None:
    report = validate(crlf(GOOGLE_LIKE))
    assert report.problems == () and report.events == 2


def test_catches_the_icalendar_traps() -> None:
    """What the icalendar package writes when used naively, our lint flags."""
    from datetime import datetime, timedelta
    from zoneinfo import ZoneInfo

    import icalendar

    cal = icalendar.Calendar.new(name="Naive", refresh_interval=timedelta(hours=1))
    naive = icalendar.Event.new(summary="Floating", start=datetime(2021, 11, 9, 10),
                                end=datetime(2021, 11, 9, 11))
    tokyo = ZoneInfo("Asia/Tokyo")
    zoned = icalendar.Event.new(summary="Zoned, no VTIMEZONE",
                                start=datetime(2021, 11, 9, 10, tzinfo=tokyo),
                                end=datetime(2021, 11, 9, 11, tzinfo=tokyo))
    del zoned["UID"]
    cal.add_component(naive)
    cal.add_component(zoned)
    codes = validate(cal.to_ical()).codes()
    assert {"refresh-interval-value", "floating-time", "unknown-tzid", "missing-uid"} <= codes


def test_cr_only_endings() -> None:
    report = validate(GOOD.replace("\n", "\r").encode("utf-8"))
    assert [(p.line, p.code) for p in report.problems] == [(1, "cr-line-ending")]
    assert report.events == 2
