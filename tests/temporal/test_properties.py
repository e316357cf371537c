"""Property tests: calendar arithmetic holds for any publication date and any weekday."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from calsync.extraction.gate import AS_ASCII
from calsync.extraction.settings import ExtractionSettings
from calsync.extraction.temporal import tag
from calsync.extraction.temporal.lexicon import WEEKDAY_NAMES
from calsync.model import Timex

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))
weekdays = st.integers(min_value=0, max_value=6)
SETTINGS = ExtractionSettings()


def _tag(text: str, day: date) -> list[Timex]:
    when = datetime(day.year, day.month, day.day, 12, tzinfo=ZoneInfo("Europe/Paris"))
    return tag(text, when, SETTINGS)


def _one(text: str, day: date, expr: str) -> Timex:
    found = [t for t in _tag(text, day) if t.text == expr]
    assert found, (text, day, [t.text for t in _tag(text, day)])
    return found[0]


@settings(max_examples=150, deadline=None)
@given(day=days, pub=days)
def test_the_following_day_is_always_the_next_day(day: date, pub: date) -> None:
    text = f"The treaty is signed on {day:%B} {day.day}, {day.year}. The following day the " \
           f"ministers fly home."
    signed = _one(text, pub, f"{day:%B} {day.day}, {day.year}")
    following = _one(text, pub, "The following day")
    assert signed.first_day == day
    assert following.first_day == day + timedelta(days=1)


@settings(max_examples=150, deadline=None)
@given(pub=days, wd=weekdays)
def test_next_and_last_weekday_land_on_that_weekday_within_a_week(pub: date, wd: int) -> None:
    name = WEEKDAY_NAMES[wd]
    nxt = _one(f"They meet again next {name}.", pub, f"next {name}").first_day
    last = _one(f"They met last {name}.", pub, f"last {name}").first_day
    assert nxt is not None and last is not None
    assert nxt.weekday() == wd and 1 <= (nxt - pub).days <= 7
    assert last.weekday() == wd and 1 <= (pub - last).days <= 7


@settings(max_examples=150, deadline=None)
@given(pub=days, wd=weekdays)
def test_bare_weekdays_follow_the_tense(pub: date, wd: int) -> None:
    name = WEEKDAY_NAMES[wd]
    future = _one(f"The minister will visit Rome on {name}.", pub, name).first_day
    past = _one(f"The minister visited Rome on {name}.", pub, name).first_day
    assert future is not None and past is not None
    assert future.weekday() == wd and 0 <= (future - pub).days <= 6
    assert past.weekday() == wd and 0 <= (pub - past).days <= 6


@settings(max_examples=100, deadline=None)
@given(pub=days, n=st.integers(min_value=2, max_value=30))
def test_n_days_ago_and_later(pub: date, n: int) -> None:
    ago = _one(f"It happened {n} days ago.", pub, f"{n} days ago").first_day
    assert ago == pub - timedelta(days=n)
    text = f"The talks open on {pub:%B} {pub.day}, {pub.year} and end {n} days later."
    later = _one(text, pub, f"{n} days later").first_day
    assert later == pub + timedelta(days=n)


@settings(max_examples=100, deadline=None)
@given(pub=days)
def test_tomorrow_and_yesterday_straddle_the_publication_day(pub: date) -> None:
    found = {t.text: t.first_day for t in _tag("Yesterday was calm; tomorrow will not be.", pub)}
    assert found["Yesterday"] == pub - timedelta(days=1)
    assert found["tomorrow"] == pub + timedelta(days=1)


_DOTTED_PIECES = [" ", "İstanbul", "İzmir", "İ", "on Monday", "December 7", "next week",
                  "at 3 p.m.", ", ", ". ", "will host", "the summit", "\n", "Σ", "ß", "\u212a",
                  "FRİDAY", "APRİL", "SİXTİES", "fıftıes", "ſunday", "le 7 JUİN", "à MİDİ",
                  "dans 3 ſemaines", "les mois suivants"]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(st.sampled_from(_DOTTED_PIECES), max_size=25),
       language=st.sampled_from(["en", "fr"]))
def test_letters_ignorecase_reads_as_ascii_move_no_offset(pieces: list[str],
                                                         language: str) -> None:
    # "İ" lower-cases to two characters (every offset after it was one off: "İstanbul ... on
    # Monday, December 7" lost its date, some texts raised IndexError), and "SİXTİES", "JUİN",
    # "ſemaines" matched the rules but not the words they are looked up by (KeyError). They
    # read as the ASCII letters IGNORECASE takes them for; the expressions keep the text's.
    text = "".join(pieces)
    when = datetime(2026, 12, 1, 12, tzinfo=ZoneInfo("Europe/Paris"))
    got = tag(text, when, SETTINGS, language=language)
    want = tag(text.translate(AS_ASCII), when, SETTINGS, language=language)
    assert [(t.start, t.end, t.value) for t in got] == [(t.start, t.end, t.value) for t in want]
    assert all(t.text == text[t.start:t.end] for t in got)
