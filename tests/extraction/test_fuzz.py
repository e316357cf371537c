"""Fuzz: no text and no publication date makes the tagger or the extractor raise (issue 14).

Two kinds of text: any characters at all, and text made of what dates are made of (months,
weekdays, numbers, clock times, range words, punctuation and line breaks) in random order,
where the calendar arithmetic is exercised hardest. Publication dates are mostly near today
and sometimes anywhere in ``datetime``'s range. Besides not raising, what comes out must be
well formed: expressions sorted, inside the text and with their own words; events in date
order and ending after they start. The example counts are bounded to keep this a few seconds
in CI.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calsync.extraction.events import extract_events
from calsync.extraction.settings import ExtractionSettings
from calsync.extraction.temporal import tag
from calsync.model import Article, Event, Timex

_ZONES = [UTC, ZoneInfo("Europe/Paris"), ZoneInfo("Pacific/Auckland"),
          ZoneInfo("Pacific/Honolulu"), ZoneInfo("America/New_York")]

publications = st.one_of(
    st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2060, 12, 31),
                 timezones=st.sampled_from(_ZONES)),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
                 timezones=st.sampled_from(_ZONES)),
)

_DATE_WORDS = """
January February March April May June July August September October November December
Jan. Feb. Mar. Apr. Jun. Jul. Aug. Sept. Sep. Oct. Nov. Dec. JANUARY MAY Monday Tuesday
Wednesday Thursday Friday Saturday Sunday Mondays today tonight tomorrow yesterday now
next last this coming past previous the following same that day days week weeks weekend
month months year years decade century quarter half morning afternoon evening night noon
midnight a.m. p.m. am pm AM PM o'clock ET GMT Paris time local between and to from until
through till - – — ago later earlier before after in within on at of by since during early
late mid end beginning fiscal first second third fourth final 1st 2nd 3rd 21st 31st Q3 1990s
'80s nineties nineteen ninety-six two thousand Christmas Easter Day Eve New Year's
Thanksgiving Labor every each daily weekly once twice summer winter spring fall season about
around nearly more than a few several dozen half one two three ten twelve hundred summit
meeting vote election talks conference will be held take place meet open close visit v Home
Away said announced cancelled postponed rescheduled The A It
""".split()
_NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=40), st.integers(min_value=1490, max_value=2110),
    st.sampled_from([0, 99, 3000, 9999, 10000, 99999, 900000, 3000000, 10**12]),
).map(str)
_CLOCKS = st.builds(lambda h, m, sep: f"{h}{sep}{m:02d}", st.integers(0, 30), st.integers(0, 70),
                    st.sampled_from([":", "."]))
_ISO = st.builds(lambda y, m, d: f"{y:04d}-{m:02d}-{d:02d}", st.integers(0, 9999),
                 st.integers(0, 13), st.integers(0, 32))
_PUNCTUATION = st.sampled_from([*".,;:!?()\"'’“”/%$", "...", " - "])
_SEPARATORS = st.sampled_from([" ", " ", " ", "", "\n", "\n\n", " \n", "\t", ", ", ". "])

date_heavy = st.lists(
    st.tuples(st.one_of(st.sampled_from(_DATE_WORDS), _NUMBERS, _CLOCKS, _ISO, _PUNCTUATION),
              _SEPARATORS),
    max_size=60,
).map(lambda parts: "".join(word + sep for word, sep in parts))

any_text = st.text(max_size=400)


def _check_timexes(text: str, timexes: list[Timex]) -> None:
    end = 0
    for t in timexes:
        assert end <= t.start < t.end <= len(text), (t, text)
        assert t.text == text[t.start:t.end]
        assert (t.first_day is None) == (t.last_day is None) or t.last_day is None
        if t.first_day is not None and t.last_day is not None:
            assert t.first_day <= t.last_day, t
        for clock in (t.clock, t.clock_end):
            if clock is not None:
                hh, mm = clock.split(":")
                assert 0 <= int(hh) <= 23 and 0 <= int(mm) <= 59, t
        end = t.end


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _check_events(events: list[Event]) -> None:
    days = [_day(e.start) for e in events]
    assert days == sorted(days)
    for e in events:
        assert e.start < e.end, e  # type: ignore[operator]
        assert e.title and e.evidence


def _run(text: str, published: datetime, keep_past: bool) -> None:
    settings_ = ExtractionSettings(keep_past=keep_past, keep_cancelled=keep_past)
    _check_timexes(text, tag(text, published, settings_))
    _check_timexes(text, tag(text, published, settings_, timeml=True))
    _check_events(extract_events(Article(text, published, "fuzz.txt"), settings_))


_FUZZ = settings(max_examples=150, deadline=None,
                 suppress_health_check=[HealthCheck.too_slow])


@_FUZZ
@given(text=date_heavy, published=publications, keep_past=st.booleans())
def test_date_heavy_text_never_raises(text: str, published: datetime, keep_past: bool) -> None:
    _run(text, published, keep_past)


@_FUZZ
@given(text=any_text, published=publications, keep_past=st.booleans())
def test_any_text_never_raises(text: str, published: datetime, keep_past: bool) -> None:
    _run(text, published, keep_past)
