"""Event rules: timed events and zones, moves and cancellations, past events, stable UIDs."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from calsync.extraction.events import extract_events
from calsync.extraction.settings import ExtractionSettings
from calsync.model import Article, Event
from tests.conftest import published

PARIS = ZoneInfo("Europe/Paris")


def _events(text: str, day: str, **kw: object) -> list[Event]:
    return extract_events(Article(text, published(day), "t.txt"), ExtractionSettings(**kw))  # type: ignore[arg-type]


def test_a_stated_zone_is_honoured_and_shown_in_the_configured_zone() -> None:
    # US clocks change on 2021-11-07, Europe's on 2021-10-31: 9 a.m. ET is 14:00 in Paris on
    # Nov. 1 but 15:00 on Nov. 8.
    text = ("The panel will meet on November 1 at 9 a.m. ET to review the data. "
            "The board will hold a vote on November 8 at 9 a.m. ET.")
    first, second = _events(text, "2021-10-28")
    assert first.start == datetime(2021, 11, 1, 14, 0, tzinfo=PARIS)
    assert second.start == datetime(2021, 11, 8, 15, 0, tzinfo=PARIS)
    assert isinstance(first.start, datetime) and first.start.utcoffset() == timedelta(hours=1)
    assert first.end - first.start == timedelta(hours=1)  # type: ignore[operator]


def test_the_configured_zone_applies_when_none_is_stated() -> None:
    text = "The mayor will open the new library on Saturday at 10 a.m."
    [paris] = _events(text, "2024-03-27")
    [new_york] = _events(text, "2024-03-27", timezone="America/New_York")
    assert paris.start == datetime(2024, 3, 30, 10, 0, tzinfo=PARIS)
    assert new_york.start == datetime(2024, 3, 30, 10, 0, tzinfo=ZoneInfo("America/New_York"))
    assert new_york.timezone == "America/New_York"


def test_a_timed_event_on_the_spring_forward_day_keeps_its_wall_time() -> None:
    [ev] = _events("The marathon will start on March 31 at 9 a.m. in Lyon.", "2024-03-20")
    assert isinstance(ev.start, datetime)
    assert ev.start.hour == 9 and ev.start.utcoffset() == timedelta(hours=2)


def test_postponed_event_takes_the_new_date() -> None:
    text = ("The council vote on the budget, originally set for Tuesday, has been postponed to "
            "Friday, officials said.")
    [ev] = _events(text, "2024-05-13")
    assert ev.start == date(2024, 5, 17)


def test_cancelled_event_is_not_an_event() -> None:
    text = ("The open-air concert planned for Saturday has been called off because of storms. "
            "The farmers' market will go ahead on Sunday.")
    events = _events(text, "2024-06-13")
    assert [e.start for e in events] == [date(2024, 6, 16)]
    assert "market" in events[0].title.lower()


def test_past_happenings_are_dropped_unless_kept() -> None:
    text = ("The minister visited the flooded villages on Monday. "
            "She will return to the region on Thursday.")
    assert [e.start for e in _events(text, "2024-05-15")] == [date(2024, 5, 16)]
    kept = _events(text, "2024-05-15", keep_past=True)
    assert [e.start for e in kept] == [date(2024, 5, 13), date(2024, 5, 16)]


def test_a_corrected_date_keeps_the_uid() -> None:
    before = _events("The trade delegation will visit Osaka on June 3.", "2024-05-01")
    after = _events("The trade delegation will visit Osaka on June 4.", "2024-05-01")
    assert before[0].uid == after[0].uid
    assert before[0].start != after[0].start


def test_event_relative_anchor_takes_the_anchor_day() -> None:
    text = ("The prime minister will arrive in Nairobi on Tuesday. "
            "After her arrival, she will tour a solar plant outside the city.")
    arrival, tour = _events(text, "2024-02-01")
    assert arrival.start == tour.start == date(2024, 2, 6)
    assert "arrival" in tour.evidence[0].resolution.lower()


def test_range_gives_a_multi_day_event() -> None:
    [fair] = _events("The book fair will run in Leipzig from Tuesday to Saturday.", "2024-03-14")
    assert (fair.start, fair.end) == (date(2024, 3, 19), date(2024, 3, 24))


def test_dateless_mentions_are_not_events() -> None:
    text = "Officials said the summit would be historic. A second official declined to comment."
    assert _events(text, "2024-03-14") == []


@settings(max_examples=30, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
       st.integers(min_value=1, max_value=20))
def test_the_following_day_is_the_day_after_any_stated_date(day: date, ahead: int) -> None:
    target = day + timedelta(days=ahead)
    text = (f"The envoy will meet the foreign minister on {target:%B} {target.day}, {target.year}."
            " She will visit a refugee camp the following day.")
    events = _events(text, day.isoformat())
    assert [e.start for e in events] == [target, target + timedelta(days=1)]


def test_cancellations_can_be_kept_for_merging() -> None:
    text = "The open-air concert planned for June 15 has been called off because of storms."
    assert _events(text, "2024-06-13") == []
    [ev] = _events(text, "2024-06-13", keep_cancelled=True)
    assert ev.status == "CANCELLED" and ev.start == date(2024, 6, 15)


def test_market_and_target_language_is_not_a_happening() -> None:
    text = ("The bank expects to meet the new capital criteria by Dec. 7. "
            "The transaction is expected to close around year end. "
            "Russia said the US must hold off at least until Tuesday.")
    assert _events(text, "2024-11-25") == []


def test_places_that_close_are_happenings() -> None:
    [closure] = _events("All schools in the county will close tomorrow.", "2024-11-25")
    assert closure.start == date(2024, 11, 26)
    assert "schools" in closure.title
