"""Calendar rules of the tagger: weekdays, next/last, holidays, ranges, rollover, times."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from calsync.extraction.settings import ExtractionSettings
from calsync.extraction.temporal import tag
from tests.conftest import published
from tests.temporal.conftest import find, tag_on

# 2021-11-08 is a Monday, 2021-11-05 a Friday.


@pytest.mark.parametrize(("sentence", "expr", "value"), [
    ("The minister will travel to Rome on Tuesday.", "Tuesday", "2021-11-09"),
    ("The minister travelled to Rome on Tuesday.", "Tuesday", "2021-11-02"),
    ("The minister said Friday that talks had failed.", "Friday", "2021-11-05"),
    ("The council is set to vote on Friday.", "Friday", "2021-11-05"),
    ("They meet again next Wednesday.", "next Wednesday", "2021-11-10"),
    ("They met last Friday.", "last Friday", "2021-10-29"),
    ("They will meet this coming Sunday.", "this coming Sunday", "2021-11-07"),
    ("The vote will take place Friday next week.", "Friday next week", "2021-11-12"),
])
def test_weekdays(sentence: str, expr: str, value: str) -> None:
    assert find(sentence, "2021-11-05", expr).value == value


def test_next_weekday_said_early_in_the_week_is_the_first_one_after() -> None:
    # the documented rule: "next Wednesday" on a Monday is two days later, not nine
    t = find("The summit opens next Wednesday.", "2021-11-08", "next Wednesday")
    assert t.first_day == date(2021, 11, 10)
    assert "first Wednesday after publication date 2021-11-08" in t.resolution


@pytest.mark.parametrize(("sentence", "day", "expr", "value"), [
    ("Fireworks are planned for Bastille Day.", "2021-06-20", "Bastille Day", "2021-07-14"),
    ("Stores open early on Thanksgiving.", "2021-11-05", "Thanksgiving", "2021-11-25"),
    ("The market closes on Christmas Eve.", "2021-12-01", "Christmas Eve", "2021-12-24"),
    ("A party is planned for New Year's Eve.", "2021-12-01", "New Year's Eve", "2021-12-31"),
    ("Sales start the day after Thanksgiving.", "2021-11-05", "the day after Thanksgiving",
     "2021-11-26"),
    ("They will lay wreaths on Armistice Day.", "2021-11-05", "Armistice Day", "2021-11-11"),
    ("The parade is held on Memorial Day.", "2022-05-01", "Memorial Day", "2022-05-30"),
])
def test_holidays_come_from_the_holidays_package(
        sentence: str, day: str, expr: str, value: str) -> None:
    t = find(sentence, day, expr)
    assert (t.value, t.anchor) == (value, "holiday")


def test_holidays_follow_the_configured_countries() -> None:
    text = "Fireworks are planned for Bastille Day."
    assert [t.text for t in tag_on(text, "2021-06-20", countries=("GB",))] == []
    assert [t.text for t in tag_on(text, "2021-06-20", countries=("FR",))] == ["Bastille Day"]


def test_a_holiday_named_just_after_it_passed_is_the_coming_one_in_a_future_clause() -> None:
    t = find("The next parade will be held on Christmas Day.", "2021-12-27", "Christmas Day")
    assert t.value == "2022-12-25"


@pytest.mark.parametrize(("sentence", "first", "last"), [
    ("The delegation will be in Paris from Tuesday to Saturday.", "2021-11-09", "2021-11-13"),
    ("The fair runs Nov. 9-13 in Lyon.", "2021-11-09", "2021-11-13"),
    ("Voting takes place between March 3 and 5.", "2022-03-03", "2022-03-05"),
    ("The festival runs from December 28 to January 2.", "2021-12-28", "2022-01-02"),
])
def test_ranges_are_one_expression(sentence: str, first: str, last: str) -> None:
    days = [t for t in tag_on(sentence, "2021-11-05") if t.first_day]
    assert len(days) == 1, days
    assert (days[0].first_day, days[0].last_day) == (date.fromisoformat(first),
                                                     date.fromisoformat(last))


def test_timeml_mode_keeps_the_ends_of_a_range_apart() -> None:
    found = tag("They stay from Tuesday to Saturday.", published("2021-11-05"),
                ExtractionSettings(), timeml=True)
    assert [t.text for t in found] == ["Tuesday", "Saturday"]


@pytest.mark.parametrize(("sentence", "day", "expr", "value"), [
    ("The talks will resume on January 5.", "2021-12-20", "January 5", "2022-01-05"),
    ("The board met on Monday.", "2021-12-30", "Monday", "2021-12-27"),
    ("The board will meet on Monday.", "2021-12-30", "Monday", "2022-01-03"),
    ("Prices rise next month.", "2021-12-20", "next month", "2022-01"),
    ("Sales fell last month.", "2021-01-10", "last month", "2020-12"),
    ("Sales fell last week.", "2021-01-06", "last week", "2020-W53"),
    ("The plant reopens in February.", "2021-12-01", "February", "2022-02"),
    ("The plant closed in December.", "2022-01-15", "December", "2021-12"),
    ("Profits rose this year.", "2021-11-05", "this year", "2021"),
    ("Profits will rise early next year.", "2021-11-05", "early next year", "2022"),
    ("Rain is expected this week.", "2021-11-05", "this week", "2021-W44"),
])
def test_month_and_year_rollover(sentence: str, day: str, expr: str, value: str) -> None:
    assert find(sentence, day, expr).value == value


@pytest.mark.parametrize(("sentence", "expr", "value", "first"), [
    ("The results come out today.", "today", "2021-11-05", "2021-11-05"),
    ("The results came out yesterday.", "yesterday", "2021-11-04", "2021-11-04"),
    ("The results come out tomorrow.", "tomorrow", "2021-11-06", "2021-11-06"),
    ("We vote the day after tomorrow.", "the day after tomorrow", "2021-11-07", "2021-11-07"),
    ("He speaks tonight.", "tonight", "2021-11-05TNI", "2021-11-05"),
    ("He spoke this morning.", "this morning", "2021-11-05TMO", "2021-11-05"),
    ("It happened two days ago.", "two days ago", "2021-11-03", "2021-11-03"),
    ("They will return in two weeks.", "in two weeks", "2021-11-19", "2021-11-19"),
    ("The fair is this weekend.", "this weekend", "2021-W44-WE", "2021-11-06"),
])
def test_relative_to_publication(sentence: str, expr: str, value: str, first: str) -> None:
    t = find(sentence, "2021-11-05", expr)
    assert t.value == value
    assert t.first_day == date.fromisoformat(first)


def test_later_this_month_keeps_the_month() -> None:
    t = find("A decision is expected later this month.", "2021-11-05", "later this month")
    assert t.value == "2021-11"


@pytest.mark.parametrize(("sentence", "expr", "first"), [
    ("The ministers meet on November 20. The following day they fly home.",
     "The following day", "2021-11-21"),
    ("The ministers meet on November 20. The day before, they rest.",
     "The day before", "2021-11-19"),
    ("The ministers meet on November 20 and sign the treaty two days later.",
     "two days later", "2021-11-22"),
    ("The ministers meet on November 20; the same day a summit opens.",
     "the same day", "2021-11-20"),
    ("The summit opens on Tuesday and closes the following Saturday.",
     "the following Saturday", "2021-11-13"),
])
def test_anaphora_counts_from_the_last_day_named(sentence: str, expr: str, first: str) -> None:
    t = find(sentence, "2021-11-05", expr)
    assert t.first_day == date.fromisoformat(first)
    assert t.anchor == "previous"


def test_that_evening_is_the_evening_of_the_last_day() -> None:
    t = find("The team lands on November 20 and dines with the mayor that evening.",
             "2021-11-05", "that evening")
    assert t.value == "2021-11-20TEV"


@pytest.mark.parametrize(("sentence", "expr", "clock", "zone"), [
    ("The speech starts at 3 p.m.", "3 p.m.", "15:00", None),
    ("The call is at 10:30 a.m. ET on Monday.", "10:30 a.m. ET on Monday", "10:30",
     "America/New_York"),
    ("Doors open at 3pm local time.", "3pm local time", "15:00", None),
    ("Lunch is served at noon.", "noon", "12:00", None),
    ("The vote closes at 8 p.m. Paris time.", "8 p.m. Paris time", "20:00", "Europe/Paris"),
    ("Trading halts at 16:30 GMT.", "16:30 GMT", "16:30", "Etc/GMT"),
    ("The market opens at 9:30 a.m. EST.", "9:30 a.m. EST", "09:30", "America/New_York"),
    ("The stream begins at 6 p.m. CET.", "6 p.m. CET", "18:00", "Europe/Paris"),
    ("He lands at 7 a.m. PT.", "7 a.m. PT", "07:00", "America/Los_Angeles"),
])
def test_times_of_day_and_zones(sentence: str, expr: str, clock: str, zone: str | None) -> None:
    t = find(sentence, "2021-11-05", expr)
    assert (t.type, t.clock, t.zone) == ("TIME", clock, zone)


def test_a_time_range_has_both_ends() -> None:
    t = find("The polls will be open from 2 to 4 p.m. on Sunday.", "2021-11-05",
             "from 2 to 4 p.m. on Sunday")
    assert (t.clock, t.clock_end, t.first_day) == ("14:00", "16:00", date(2021, 11, 7))


def test_day_and_time_join_into_one_timed_expression() -> None:
    t = find("The summit opens Tuesday at 3 p.m.", "2021-11-05", "Tuesday at 3 p.m.")
    assert (t.value, t.first_day, t.clock) == ("2021-11-09T15:00", date(2021, 11, 9), "15:00")


@pytest.mark.parametrize(("day", "offset_hours"), [("2021-03-28", 2), ("2021-03-27", 1),
                                                    ("2021-10-31", 1), ("2021-10-30", 2)])
def test_a_stated_zone_gives_the_right_offset_across_dst(day: str, offset_hours: int) -> None:
    """The tagger gives the wall clock and the zone; the offset follows the DST rules."""
    d = date.fromisoformat(day)
    text = f"The race will start on {d:%B} {d.day} at 10 a.m. Paris time."
    t = next(t for t in tag_on(text, "2021-03-01") if t.clock)
    assert t.first_day == d and t.zone == "Europe/Paris"
    assert t.clock is not None and t.zone is not None
    start = datetime.combine(d, time.fromisoformat(t.clock), tzinfo=ZoneInfo(t.zone))
    assert start.utcoffset() is not None
    assert start.utcoffset().total_seconds() == offset_hours * 3600  # type: ignore[union-attr]


@pytest.mark.parametrize(("sentence", "expr", "type_", "value"), [
    ("The strike lasted three days.", "three days", "DURATION", "P3D"),
    ("He was jailed for 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M"),
    ("The talks took more than four hours.", "more than four hours", "DURATION", "PT4H"),
    ("The trial could take several months.", "several months", "DURATION", "PXM"),
    ("Markets fell for the past two weeks.", "the past two weeks", "DURATION", "P2W"),
    ("The committee meets every Monday.", "every Monday", "SET", "XXXX-WXX-1"),
    ("The paper is published daily.", "daily", "SET", "P1D"),
    ("Flights leave twice a week.", "twice a week", "SET", "P1W"),
    ("Prices are now higher.", "now", "DATE", "PRESENT_REF"),
    ("The firm recently cut jobs.", "recently", "DATE", "PAST_REF"),
    ("The law passed in 2018.", "2018", "DATE", "2018"),
    ("Profit fell in the third quarter.", "the third quarter", "DATE", "2021-Q3"),
    ("Unrest grew in the 1990s.", "the 1990s", "DATE", "199"),
    ("Sales peaked in March 2019.", "March 2019", "DATE", "2019-03"),
    ("The deal closed on 2021-10-01.", "2021-10-01", "DATE", "2021-10-01"),
    ("It was signed on 11 November 2020.", "11 November 2020", "DATE", "2020-11-11"),
    ("The meeting is on Thursday, Nov. 11.", "Thursday, Nov. 11", "DATE", "2021-11-11"),
])
def test_timeml_types_and_values(sentence: str, expr: str, type_: str, value: str) -> None:
    t = find(sentence, "2021-11-05", expr)
    assert (t.type, t.value) == (type_, value)


@pytest.mark.parametrize("sentence", [
    "A second senior official spoke.",
    "He may call back.",
    "The 6-year-old boy returned home.",
    "It costs $1.76 a year.",
    "Iraq imports about three-quarters of its food.",
])
def test_things_that_are_not_times(sentence: str) -> None:
    assert tag_on(sentence, "2021-11-05") == []


def test_the_24th_is_a_day_of_the_current_month() -> None:
    t = find("The vote is set for the 24th, officials said.", "2021-11-05", "the 24th")
    assert t.first_day == date(2021, 11, 24)


def test_tagging_is_deterministic_and_offsets_index_the_text(seed_text: str) -> None:
    a = tag(seed_text, published("2021-11-05"), ExtractionSettings())
    b = tag(seed_text, published("2021-11-05"), ExtractionSettings())
    assert a == b
    assert all(seed_text[t.start:t.end] == t.text for t in a)


@pytest.mark.parametrize(("sentence", "expr", "value"), [
    ("The mayor said the city would stage a food drive on Tuesday.", "Tuesday", "2021-11-09"),
    ("The mayor said the city would have staged it on Tuesday.", "Tuesday", "2021-11-02"),
    ("Lawyers will look for ways around Wednesday's ruling.", "Wednesday", "2021-11-03"),
    ("The deal had been due to close on Friday.", "Friday", "2021-11-05"),
    ("Viewers watched a televised debate on Thursday.", "Thursday", "2021-11-04"),
])
def test_tense_of_reported_speech_and_adjectives(sentence: str, expr: str, value: str) -> None:
    assert find(sentence, "2021-11-05", expr).value == value


def test_in_n_days_counts_from_publication_only_when_it_looks_ahead() -> None:
    assert find("The results are due in two weeks.", "2021-11-05", "in two weeks").value \
        == "2021-11-19"
    assert find("The club plays four games in eleven days.", "2021-11-05",
                "eleven days").value == "P11D"


@pytest.mark.parametrize(("sentence", "day", "expr", "value"), [
    # day/month: 17 October 2018 is a Wednesday (October 17 as month/day does not exist)
    ("Wednesday 17/10: arrival of leaders.", "2018-10-16", "Wednesday 17/10", "2018-10-17"),
    # month/day: April 3, 2026 is a Friday, March 4 a Wednesday
    ("Friday 4/3: the fair opens.", "2026-03-02", "Friday 4/3", "2026-04-03"),
])
def test_weekday_with_day_and_month_in_figures(sentence: str, day: str, expr: str,
                                               value: str) -> None:
    assert find(sentence, day, expr).value == value


def test_day_and_month_in_figures_on_neither_reading_is_left_alone() -> None:
    # 3 April 2026 is a Friday, 4 March a Wednesday: "Monday 3/4" fits neither
    tagged = tag_on("Monday 3/4: the fair opens.", "2026-03-02")
    assert all("3/4" not in t.text for t in tagged)
