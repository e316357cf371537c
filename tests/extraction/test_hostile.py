"""Hostile input (issue 14): valid text that crashed the extractor, and shapes of text that
took time growing with the square of their length.

A crash is worse than a missed date: the article then fails on every run. A date that cannot
be resolved is left unresolved. The pathological shapes are run here at a size that took
seconds before their fix and takes milliseconds after; how time grows with size is measured by
``tests/benchmarks/bench_growth.py``, not asserted here.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calsync.extraction import events, mentions
from calsync.extraction.events import extract_events
from calsync.extraction.settings import ExtractionSettings
from calsync.extraction.temporal import tag
from calsync.extraction.text import Sentence
from calsync.model import Article, Event, Timex
from tests.conftest import PARIS, published


def _both(text: str, day: str) -> tuple[list[Timex], list[Event]]:
    """Tag (both ways) and extract ``text`` as published on ``day``: none of it may raise."""
    when = published(day)
    tag(text, when, timeml=True)
    return tag(text, when), extract_events(Article(text, when, "t.txt"))


# --- crashes on valid text ------------------------------------------------------------------

@pytest.mark.parametrize("day", ["2026-01-10", "2022-06-01", "2030-07-01"])
def test_feb_29_without_a_leap_year_near_publication_is_left_unresolved(day: str) -> None:
    timexes, events = _both("The vote will be held on Feb. 29.", day)
    assert not [t for t in timexes if t.first_day is not None]
    assert events == []


def test_feb_29_with_a_leap_year_near_publication_still_resolves() -> None:
    timexes, _ = _both("The vote will be held on Feb. 29.", "2027-11-01")
    assert [t.first_day for t in timexes] == [date(2028, 2, 29)]


@pytest.mark.parametrize("text", [
    "Sales were up from 3000 years earlier.",
    "The quarter ended Sept. 30. Sales were up from 3000 years earlier.",
    "On March 3, sales were up from 3000 years earlier.",
    "The deal closed 3000000 days later.",
    "It happened 99999 months ago.",
    "The summit will be held in 900000 days.",
    "The summit will be held in 30000 years.",
    "The file is dated 0000-01-01.",
    "The meeting will be held on 9999-12-31 at 23:30.",
    "The meeting will be held on 0001-01-01 and 9999-12-31.",
])
def test_arithmetic_past_the_calendar_leaves_the_date_unresolved(text: str) -> None:
    timexes, events = _both(text, "2026-03-01")
    for t in timexes:
        assert not t.value.startswith("-"), t
        assert t.first_day is None or date(1, 1, 1) < t.first_day <= date(9998, 12, 31), t
    assert all(e.start.year == 2026 for e in events)  # ("at 23:30" alone: on publication day)


def test_a_time_range_ending_before_its_start_in_the_morning_is_not_a_range() -> None:
    timexes, events = _both("The meeting is between 10 and 9 a.m.", "2026-03-01")
    assert [(t.text, t.clock, t.clock_end) for t in timexes] == [("9 a.m.", "09:00", None)]
    assert [e.start for e in events] == [datetime(2026, 3, 1, 9, 0, tzinfo=published(
        "2026-03-01").tzinfo)]


def test_eleven_to_one_pm_still_starts_in_the_morning() -> None:
    timexes, _ = _both("The talks run from 11 to 1 p.m. on Monday.", "2026-03-01")
    assert [(t.clock, t.clock_end) for t in timexes] == [("11:00", "13:00")]


@pytest.mark.parametrize("year", [1, 2, 9998, 9999])
def test_a_publication_date_at_the_ends_of_the_calendar(year: int) -> None:
    text = ("The vote will be held tomorrow, on Feb. 29, next week and in 3 years; "
            "the summit opens on Christmas Day, three days later.")
    when = datetime(year, 12 if year > 5000 else 1, 31 if year > 5000 else 1, 12,
                    tzinfo=published("2026-01-01").tzinfo)
    tag(text, when)
    tag(text, when, timeml=True)
    extract_events(Article(text, when, "t.txt"), ExtractionSettings(keep_past=True))


def test_an_iso_time_of_day_that_does_not_exist_keeps_the_day_alone() -> None:
    timexes, events = _both("The meeting will be held on 2026-03-04 24:00.", "2026-03-01")
    assert [(t.text, t.clock) for t in timexes] == [("2026-03-04", None)]
    assert [e.start for e in events] == [date(2026, 3, 4)]


# --- quadratic paths ------------------------------------------------------------------------

_ARTICLE = "The council will meet on Monday, March 9, at 10 a.m. to vote on the budget."


def _extract(text: str, day: str = "2026-03-01") -> list[Event]:
    return extract_events(Article(text, published(day), "t.txt"))


@pytest.mark.parametrize("run", [" \n", "\n", "Advertisement\n", "Share this\n \n"])
def test_long_runs_of_blank_or_blanked_lines(run: str) -> None:
    # 200 KB: over 20 s for " \n" before "\s*\n" gave way to "[^\S\n]*\n"
    blank = run * (200_000 // len(run))
    events = _extract(f"{_ARTICLE}\n{blank}{_ARTICLE.replace('council', 'senate')}")
    assert [e.start for e in events] == [datetime(2026, 3, 9, 10, tzinfo=PARIS)] * 2


@pytest.mark.parametrize("run", [" ", "\t", " \n", "\u00a0"])
@pytest.mark.parametrize("words", ["in January", "in Oct.", "on Jan. 5", "on 5 Jan", "on Monday",
                                   "on Monday, Jan. 5"])
def test_a_date_before_a_long_run_of_white_space(words: str, run: str) -> None:
    # 20,000 characters: "\s*,?\s+" after a month, and ",?\s+and" before a conjunction,
    # tried every way to split the run (22 s after "in January")
    text = f"The referendum will take place {words}{run * (20_000 // len(run))}, officials say."
    _both(text, "2026-03-01")


@pytest.mark.parametrize("noun", ["summit ", "Summit ", "press conference ", "2021 summit "])
def test_a_long_run_of_event_nouns(noun: str) -> None:
    # 5,000 of them: each walked back over all those before it (7.5 s)
    events = _extract(f"The {noun * 5_000}will be held on Monday, March 9.")
    assert [e.start for e in events] == [date(2026, 3, 9)]


_NOUN_PIECES = ["summit", "Summit", "the", "developer", "annual", "press", "conference", "2021",
                "on", "Monday", "March 9", ",", "said", "vote", "meeting", "and", "will", "’s",
                "EU", "open", "-", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NOUN_PIECES), min_size=1, max_size=40))
def test_noun_phrases_found_with_shared_walks_are_those_found_alone(words: list[str]) -> None:
    text = " ".join(words) + "."
    timexes = tag(text, published("2026-03-01"))
    sentence = Sentence(0, len(text), text, 0)
    for clause in mentions.split_clauses(sentence, timexes):
        tokens = clause.tokens
        ctimexes = [t for t in timexes if clause.start <= t.start < clause.end]
        shared = mentions._Walks()
        for i in range(len(tokens)):
            alone = mentions._noun_phrase(clause, tokens, i, ctimexes)
            assert mentions._noun_phrase(clause, tokens, i, ctimexes, shared) == alone


def _plain_merge(happenings: list[events._Happening]) -> list[events._Happening]:
    """``_merge`` as it was, comparing every pair: the specification of the indexed one."""
    merged: list[events._Happening] = []
    for hap in happenings:
        target = None
        for other in merged:
            if not events._similar(hap, other):
                continue
            a_days = {d.first_day for d in hap.dated}
            b_days = {d.first_day for d in other.dated}
            rescheduled = any(d.rescheduled for d in hap.dated + other.dated)
            if not a_days or not b_days or a_days & b_days or rescheduled:
                target = other
                break
        if target is None:
            merged.append(hap)
        else:
            target.absorb(hap)
    return merged


def _merged_shape(happenings: list[events._Happening], order: dict[int, int]) -> list[list[int]]:
    return [[order[id(d.mention)] for d in hap.parts] for hap in happenings]


_INDEXED_MERGE = events._merge


def _checked_merge(happenings: list[events._Happening]) -> list[events._Happening]:
    order = {id(d.mention): i for i, hap in enumerate(happenings) for d in hap.parts}
    twin = [events._Happening(list(h.parts), h.tokens, h.proper) for h in happenings]
    plain = _merged_shape(_plain_merge(twin), order)
    fast = _INDEXED_MERGE(happenings)
    assert _merged_shape(fast, order) == plain
    return fast


_MERGE_LINES = st.sampled_from([
    "Saturday, December 21: Rovers v United, 3pm", "Sunday, December 22: Rovers v City, 3pm",
    "The summit will be held on Monday.", "The summit has been postponed to Tuesday.",
    "Leaders of the G7 will meet in Rome on Monday.", "The G7 summit in Rome opens on Tuesday.",
    "After the summit, the leaders will hold a press conference.", "The vote is on Friday.",
    "The vote has been moved to Saturday.", "Rovers will face United at the stadium on Sunday.",
    "The ministers will meet again on Monday at 10 a.m.", "United will play Rovers on Saturday.",
])


@settings(max_examples=150, deadline=None)
@given(st.lists(_MERGE_LINES, min_size=1, max_size=25))
def test_the_indexed_merge_merges_as_the_plain_loop_did(lines: list[str]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(events, "_merge", _checked_merge)
        patch.setattr(events, "_INDEX_FROM", 0)  # (the index from the first happening on)
        extract_events(Article("\n".join(lines), published("2026-12-18"), "t.txt"),
                       ExtractionSettings(keep_past=True, keep_cancelled=True))


def test_the_indexed_merge_merges_the_golden_cases_as_the_plain_loop_did() -> None:
    from tests.extraction.test_cases import _cases, case_input

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(events, "_merge", _checked_merge)
        patch.setattr(events, "_INDEX_FROM", 0)
        for case in _cases():
            extract_events(*case_input(case))


@pytest.mark.slow
def test_a_long_fixture_list() -> None:
    # 8,000 lines of fixtures, every happening compared with every other (16 s)
    lines = [f"{d:%A}, {d:%B} {d.day}, {d.year}: Rovers v United {i}, 3pm"
             for i in range(8_000) for d in [date(2026, 3, 2) + timedelta(days=i)]]
    assert len(_extract("\n".join(lines))) == 8_000


def test_one_long_sentence_of_dated_clauses() -> None:
    # 80 KB with no full stop took 3.7 s, four times as long for twice the size: each date
    # read the sentence before it ("said on", "postponed to") and every tense marker in it.
    # (Its growth is measured by tests/benchmarks/bench_growth.py; here, what it gives.)
    text = " and ".join(f"the board {i} will meet on Monday at 3 p.m." for i in range(1_600))
    events = _extract("Notice: " + text + ".")
    assert events
    assert {(e.start.date(), e.start.hour) for e in events if isinstance(e.start, datetime)} \
        == {(date(2026, 3, 2), 15)}


@pytest.mark.parametrize("joined", [False, True])
def test_copies_of_one_story(joined: bool) -> None:
    # 200 KB: copied lines were blanked into runs of white space (the paragraph pattern),
    # copied sentences in one paragraph made weak happenings ("Vote") that were each compared
    # with every copy before them (_merge)
    from tests.benchmarks.bench_growth import article

    story = article(7).replace("\n\n", " ") if joined else article(7)
    events = _extract(story * (200_000 // len(story)), "2026-03-02")
    if not joined:  # every copy but the first is blanked
        assert events == _extract(story, "2026-03-02")
