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


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    keep=st.lists(st.booleans(), min_size=7, max_size=7),
    retitle=st.lists(st.booleans(), min_size=7, max_size=7),
    keep_cancelled=st.booleans(),
)
def test_reruns_converge(keep: list[bool], retitle: list[bool], keep_cancelled: bool) -> None:
    """Any mix of kept, changed and dropped events: versioning follows, then stays put."""
    from dataclasses import replace

    from .conftest import LATER, sample_events

    options = ics.CalendarOptions(keep_cancelled=keep_cancelled)
    first = sample_events()
    data1, _ = ics.build_calendar(first, now=NOW, options=options)
    second = [replace(e, title=e.title + " (new)") if change else e
              for e, k, change in zip(first, keep, retitle, strict=True) if k]
    data2, result = ics.build_calendar(second, ics.read_previous(data1), now=LATER,
                                       options=options)
    changed = sum(1 for k, c in zip(keep, retitle, strict=True) if k and c)
    gone = keep.count(False)
    assert (result.updated, result.unchanged) == (changed, keep.count(True) - changed)
    assert (result.cancelled, result.dropped) == ((gone, 0) if keep_cancelled else (0, gone))
    state = ics.read_previous(data2)
    for ev, k, c in zip(first, keep, retitle, strict=True):
        if not k and not keep_cancelled:
            assert ev.uid not in state.entries
            continue
        stamp = state.entries[ev.uid]
        assert stamp.sequence == (0 if k and not c else 1)
        assert stamp.dtstamp == (NOW if k and not c else LATER)
    data3, again = ics.build_calendar(second, state, now=LATER.replace(year=2022),
                                      options=options)
    if keep_cancelled and gone:
        assert again.dropped == gone  # the cancellations were shown once; now they go
    else:
        assert data3 == data2
