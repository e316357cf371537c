"""Property tests: TEXT escaping and line folding hold for any text, in our bytes."""

from __future__ import annotations

from datetime import date

import icalendar
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calsync import ics
from calsync.model import Event

from .conftest import NOW

# any text, including what TEXT cannot carry (CR, control characters), emoji and RTL scripts
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300
) | st.text(alphabet="\\;,:\n\r\"Nné😀שא\t\x00 ", max_size=80)


@given(TEXT)
def test_unescape_reverses_escape(text: str) -> None:
    assert ics.unescape_text(ics.escape_text(text)) == ics.clean_text(text)


@given(TEXT)
def test_escaped_text_has_no_bare_separators(text: str) -> None:
    escaped = ics.escape_text(text)
    assert "\n" not in escaped and "\r" not in escaped
    bare = escaped.replace("\\\\", "").replace("\\;", "").replace("\\,", "").replace("\\n", "")
    assert ";" not in bare and "," not in bare and "\\" not in bare


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=TEXT, location=TEXT)
def test_folding_and_parsers_give_back_the_text(title: str, location: str) -> None:
    ev = Event("p@x", title, date(2021, 11, 9), date(2021, 11, 10), "Europe/Paris",
               location=location or None, categories=(title,) if title.strip() else ())
    data, _ = ics.build_calendar([ev], now=NOW)
    physical = data.split(b"\r\n")
    assert physical[-1] == b""
    for line in physical:
        assert len(line) <= 75
        line.decode("utf-8")  # never split inside a UTF-8 character
        assert b"\n" not in line and b"\r" not in line
    unfolded = data.replace(b"\r\n ", b"").decode("utf-8").split("\r\n")
    assert f"SUMMARY:{ics.escape_text(title)}" in unfolded
    expected = ics.clean_text(title)
    assert str(icalendar.Calendar.from_ical(data).walk("VEVENT")[0]["summary"]) == expected
    assert vobject.readOne(data.decode("utf-8")).vevent.summary.value == expected
    [back] = ics.parse_calendar(data)
    assert back == ics.normalize(ev)
    assert back.content_hash() == ics.normalize(ev).content_hash()


def test_backslash_n_stays_text() -> None:
    r"""icalendar's own escaping turns a literal ``\N`` into a line break; ours does not."""
    ev = Event("p@x", r"C:\Notes\new, done; ok", date(2021, 11, 9), date(2021, 11, 10), "UTC")
    data, _ = ics.build_calendar([ev], now=NOW)
    assert b"SUMMARY:C:\\\\Notes\\\\new\\, done\\; ok\r\n" in data
    assert str(icalendar.Calendar.from_ical(data).walk("VEVENT")[0]["summary"]) == ev.title
