"""The seed article gives exactly its nine events, for every publication date 11-04..11-06."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from calsync.extraction.events import extract_events
from calsync.model import Article, Event
from tests.conftest import SEED, published

# (date, words every acceptable title has) — ../shared/seed/README.md's acceptance table.
EXPECTED = [
    (date(2021, 11, 9), ("arrival", "paris")),
    (date(2021, 11, 9), ("institut pasteur",)),
    (date(2021, 11, 10), ("meeting", "macron")),
    (date(2021, 11, 10), ("suresnes",)),
    (date(2021, 11, 11), ("armistice", "ceremony")),
    (date(2021, 11, 11), ("peace forum",)),
    (date(2021, 11, 11), ("dinner",)),
    (date(2021, 11, 12), ("libya",)),
    (date(2021, 11, 13), ("return",)),
]


def assert_seed_events(events: list[Event],
                       expected: list[tuple[date, tuple[str, ...]]]) -> None:
    """Exactly the expected all-day events, each matched once by its day and title words."""
    got = [(e.start, e.title.lower()) for e in events]
    assert len(events) == len(expected), got
    remaining = list(got)
    for when, words in expected:
        match = next((g for g in remaining if g[0] == when and all(w in g[1] for w in words)),
                     None)
        assert match is not None, f"no event on {when} with {words}: {got}"
        remaining.remove(match)
    for e in events:
        assert e.all_day
        assert e.end == e.start + timedelta(days=1)


@pytest.mark.parametrize("day", ["2021-11-04", "2021-11-05", "2021-11-06"])
def test_seed_gives_its_nine_events(seed_text: str, day: str) -> None:
    assert_seed_events(extract_events(Article(seed_text, published(day), str(SEED))), EXPECTED)


def test_seed_titles_name_the_activity_and_participant(seed_text: str) -> None:
    titles = {e.title for e in extract_events(Article(seed_text, published("2021-11-05"), "s"))}
    assert "Bilateral meeting with Emmanuel Macron" in titles
    # The date follows "remarks at the Paris Peace Forum": the remarks are the happening.
    assert "Remarks at the Paris Peace Forum" in titles


def test_seed_evidence_explains_each_date(seed_text: str) -> None:
    events = extract_events(Article(seed_text, published("2021-11-05"), "seed.txt"))
    by_title = {e.title.lower(): e for e in events}
    ceremony = next(e for t, e in by_title.items() if "armistice" in t)
    ev = ceremony.evidence[0]
    assert ev.source == "seed.txt"
    assert "Armistice Day ceremony" in ev.sentence
    assert ev.expression and ev.resolution
    pasteur = next(e for t, e in by_title.items() if "pasteur" in t)
    assert "arrival" in pasteur.evidence[0].resolution.lower()


def test_seed_uids_are_stable_and_unique(seed_text: str) -> None:
    a = extract_events(Article(seed_text, published("2021-11-05"), "seed.txt"))
    b = extract_events(Article(seed_text, published("2021-11-04"), "seed.txt"))
    assert [e.uid for e in a] == [e.uid for e in b]
    assert len({e.uid for e in a}) == 9


def test_seed_location_of_the_meeting(seed_text: str) -> None:
    events = extract_events(Article(seed_text, published("2021-11-05"), "s"))
    meeting = next(e for e in events if "macron" in e.title.lower() and "meeting" in
                   e.title.lower())
    assert meeting.location == "Élysée Palace"
