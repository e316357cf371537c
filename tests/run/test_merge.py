"""Merging reports of the same happening from several articles (pure)."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from calsync.merge import Reported, identifiers, merge_events, says_moved, words
from calsync.model import Event, Evidence

PARIS = ZoneInfo("Europe/Paris")


def ev(uid: str, title: str, start: date | datetime, *, article: str, sentence: str = "",
       location: str | None = None, hours: int | None = None, days: int = 1,
       status: str = "CONFIRMED", confidence: float = 0.9) -> Event:
    end: date | datetime
    if isinstance(start, datetime):
        end = start + timedelta(hours=hours or 1)
    else:
        end = start + timedelta(days=days)
    return Event(uid=uid, title=title, start=start, end=end, timezone="Europe/Paris",
                 location=location, confidence=confidence, status=status,  # type: ignore[arg-type]
                 evidence=(Evidence(source=article, sentence=sentence or f"{title} ({article})",
                                    expression=str(start), resolution="test"),))


def rep(event: Event, day: int) -> Reported:
    return Reported(event=event, published=datetime(2026, 3, day, 9, 0, tzinfo=PARIS),
                    article=event.evidence[0].source)


def test_same_happening_in_three_articles_is_one_event() -> None:
    reports = [
        rep(ev("u1", "Riverside tram opening", date(2026, 9, 14), article="a"), 2),
        rep(ev("u2", "Tram opening", date(2026, 9, 14), article="b"), 5),
        rep(ev("u3", "Opening of the Riverside tram line", date(2026, 9, 14), article="c",
               location="Quai Saint-Vincent"), 9),
    ]
    [merged] = merge_events(reports)
    assert merged.uid == "u1" and merged.title == "Riverside tram opening"
    assert merged.sources == ("a", "b", "c")
    assert merged.location == "Quai Saint-Vincent"
    assert len(merged.evidence) == 3


def test_result_does_not_depend_on_input_order() -> None:
    reports = [
        rep(ev("u1", "Council vote on fares", date(2026, 4, 8), article="a"), 2),
        rep(ev("u2", "Council vote", date(2026, 4, 8), article="b"), 3),
        rep(ev("u3", "Street festival", date(2026, 9, 13), article="b"), 3),
        rep(ev("u4", "Board meeting", date(2026, 4, 8), article="c"), 4),
    ]
    results = {tuple(merge_events(list(p))) for p in itertools.permutations(reports)}
    assert len(results) == 1
    assert [e.uid for e in results.pop()] == ["u1", "u4", "u3"]


def test_different_happenings_on_the_same_day_stay_apart() -> None:
    reports = [
        rep(ev("u1", "Board meeting", date(2026, 4, 8), article="a"), 2),
        rep(ev("u2", "Council meeting", date(2026, 4, 8), article="b"), 3),
    ]
    assert len(merge_events(reports)) == 2


def test_contradicting_locations_keep_events_apart() -> None:
    reports = [
        rep(ev("u1", "Public meeting", date(2026, 3, 5), article="a", location="Town hall"), 2),
        rep(ev("u2", "Public meeting", date(2026, 3, 5), article="b",
               location="Library annex"), 3),
    ]
    assert len(merge_events(reports)) == 2


def test_same_title_on_another_day_without_a_move_is_another_event() -> None:
    reports = [
        rep(ev("u1", "Night market", date(2026, 3, 6), article="a"), 2),
        rep(ev("u2", "Night market", date(2026, 3, 13), article="b"), 9),
    ]
    assert [e.uid for e in merge_events(reports)] == ["u1", "u2"]


def test_a_postponement_moves_the_event_and_keeps_its_uid() -> None:
    first = ev("u1", "Public meeting on the tram", datetime(2026, 3, 5, 18, 30, tzinfo=PARIS),
               article="a", location="Council chamber")
    later = ev("u9", "Public meeting on the tram", date(2026, 3, 6), article="b",
               sentence="The public meeting on the tram has been postponed to Friday.")
    [merged] = merge_events([rep(first, 2), rep(later, 4)])
    assert merged.uid == "u1"
    assert merged.start == date(2026, 3, 6) and merged.all_day
    assert merged.location == "Council chamber"
    assert merged.sources == ("a", "b")


def test_the_same_article_never_merges_with_itself() -> None:
    reports = [
        rep(ev("u1", "Test runs", date(2026, 6, 1), article="a"), 2),
        rep(ev("u2", "Test runs", date(2026, 6, 1), article="a",
               sentence="test runs moved"), 2),
    ]
    assert len(merge_events(reports)) == 2


def test_a_timed_report_refines_an_all_day_one() -> None:
    reports = [
        rep(ev("u1", "Choir concert", date(2026, 3, 8), article="a"), 2),
        rep(ev("u2", "Choir concert", datetime(2026, 3, 8, 17, 0, tzinfo=PARIS), article="b"), 3),
        rep(ev("u3", "Choir concert", date(2026, 3, 8), article="c"), 4),
    ]
    [merged] = merge_events(reports)
    assert merged.start == datetime(2026, 3, 8, 17, 0, tzinfo=PARIS)


def test_cancellation_sticks_until_a_move() -> None:
    base = [rep(ev("u1", "Street festival", date(2026, 9, 13), article="a"), 2),
            rep(ev("u2", "Street festival", date(2026, 9, 13), article="b",
                   status="CANCELLED"), 3)]
    mention = rep(ev("u3", "Street festival", date(2026, 9, 13), article="c"), 4)
    [merged] = merge_events([*base, mention])
    assert merged.status == "CANCELLED"
    moved = rep(ev("u4", "Street festival", date(2026, 9, 20), article="d",
                   sentence="The street festival was rescheduled for September 20."), 5)
    [again] = merge_events([*base, mention, moved])
    assert again.status == "CONFIRMED" and again.start == date(2026, 9, 20)
    assert again.uid == "u1"


def test_confidence_is_the_highest() -> None:
    [merged] = merge_events([
        rep(ev("u1", "Vote", date(2026, 4, 8), article="a", confidence=0.5), 2),
        rep(ev("u2", "Vote", date(2026, 4, 8), article="b", confidence=0.8), 3),
    ])
    assert merged.confidence == 0.8


def test_words_and_move_cues() -> None:
    assert words("L'Opéra: the Openings of Théâtres!") == {"opera", "opening", "theatre"}
    moved = ev("u", "X", date(2026, 1, 1), article="a", sentence="It was pushed back a week.")
    assert says_moved(moved)
    assert not says_moved(ev("u", "X", date(2026, 1, 1), article="a",
                             sentence="It will take place on Monday."))


def test_date_words_do_not_name_a_happening() -> None:
    assert words("Festival on June 20th") == {"festival"}
    [merged] = merge_events([
        rep(ev("u1", "Riverside Jazz Festival", date(2026, 6, 20), article="a"), 2),
        rep(ev("u2", "Festival on June 20", date(2026, 6, 20), article="b"), 9),
    ])
    assert merged.uid == "u1" and merged.sources == ("a", "b")


def test_the_same_uid_from_two_sources_is_one_event() -> None:
    """The same page listed by a feed and as a url source: one event, not a duplicate UID."""
    one = ev("u1", "Ferry service", date(2026, 6, 1), article="https://x/ferry")
    [merged] = merge_events([rep(one, 2), rep(one, 2)])
    assert merged.uid == "u1"


def test_many_reports_merge_quickly() -> None:
    import time

    def name(i: int) -> str:  # a distinct word per event: "kwab", "kwac", ...
        return "kw" + "".join(chr(97 + (i // 26 ** k) % 26) for k in range(3))

    # The worst case: every title shares the word "meeting" and the days overlap a lot.
    reports = [rep(ev(f"u{i}", f"Meeting {name(i)} {name(i + 7)}", date(2026, 4, 1 + i % 28),
                      article=f"a{i}"), 2) for i in range(2000)]
    t0 = time.perf_counter()
    assert len(merge_events(reports)) == 2000
    assert time.perf_counter() - t0 < 10


def test_a_happening_only_ever_called_off_is_dropped() -> None:
    lone = rep(ev("c1", "Harbour fireworks", date(2026, 3, 21), article="a1",
                  status="CANCELLED"), 2)
    kept = rep(ev("m1", "Farmers market", date(2026, 3, 22), article="a1"), 2)
    assert [e.uid for e in merge_events([lone, kept])] == ["m1"]


def test_group_b_and_group_c_on_the_same_day_stay_apart() -> None:
    merged = merge_events([
        rep(ev("u1", "Group B match", date(2026, 6, 14), article="a"), 2),
        rep(ev("u2", "Group C match", date(2026, 6, 14), article="b"), 3),
    ])
    assert [e.uid for e in merged] == ["u1", "u2"]


def test_stage_3_and_stage_4_stay_apart_even_as_a_move() -> None:
    merged = merge_events([
        rep(ev("u1", "Stage 3 of the cycling tour", date(2026, 7, 8), article="a"), 2),
        rep(ev("u2", "Stage 4 of the cycling tour", date(2026, 7, 8), article="b"), 3),
        rep(ev("u3", "Stage 4 of the cycling tour", date(2026, 7, 10), article="c",
               sentence="Stage 4 of the cycling tour was postponed to Friday."), 4),
    ])
    assert sorted(e.uid for e in merged) == ["u1", "u2"]
    stage4 = next(e for e in merged if e.uid == "u2")
    assert stage4.start == date(2026, 7, 10) and stage4.sources == ("b", "c")


def test_the_same_numbered_meeting_in_two_articles_is_one_event() -> None:
    [merged] = merge_events([
        rep(ev("u1", "Meeting of the Working Group 12 on water policy", date(2022, 3, 3),
               article="a", location="Lyon"), 1),
        rep(ev("u2", "Working Group 12 meeting", date(2022, 3, 3), article="b"), 2),
    ])
    assert merged.uid == "u1" and merged.sources == ("a", "b")


def test_numbered_meetings_on_one_day_stay_apart() -> None:
    reports = [rep(ev(f"u{n}", f"Meeting of the Working Group {n} on water policy",
                      date(2022, 3, 3), article=f"a{n}", location="Lyon"), 1)
               for n in range(1, 41)]
    assert len(merge_events(reports)) == 40


def test_identifiers_name_a_thing_not_a_date() -> None:
    assert identifiers("Group B match") == {("group", "B")}
    assert identifiers("Flight No. 101 to Oslo") == {("flight", "101")}
    assert identifiers("Hearing in Case 21-476") == {("case", "21-476")}
    assert identifiers("Round 3") == {("round", "3")}
    assert identifiers("Working Group XII") == {("group", "XII")}
    for dated in ("Festival on June 20th", "Festival 20 June", "Party on Friday 13",
                  "Lunch 12:30", "G20 summit"):
        assert identifiers(dated) == frozenset(), dated
