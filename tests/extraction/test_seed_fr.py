"""The seed story in French gives the same nine events as the English seed, for every
publication date 11-04..11-06, with the language read off the text."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from calsync.extraction.events import extract_events
from calsync.extraction.settings import ExtractionSettings
from calsync.model import Article, Event
from tests.conftest import published
from tests.extraction.test_seed import assert_seed_events

SEED_FR = Path(__file__).parent / "cases" / "fr_seed_harris_paris" / "article.txt"

# (date, words every acceptable title has): the English seed's nine happenings, as the golden
# case states them
EXPECTED = [(date.fromisoformat(e["start"]), tuple(e["title_has"]))
            for e in json.loads((SEED_FR.parent / "expected.json").read_text(encoding="utf-8"))]


def _events(day: str, source: str = "seed-fr.txt") -> list[Event]:
    text = SEED_FR.read_text(encoding="utf-8")
    return extract_events(Article(text, published(day), source), ExtractionSettings())


@pytest.mark.parametrize("day", ["2021-11-04", "2021-11-05", "2021-11-06"])
def test_french_seed_gives_the_nine_events(day: str) -> None:
    assert_seed_events(_events(day), EXPECTED)


def test_french_seed_titles_and_places() -> None:
    by_title = {e.title: e for e in _events("2021-11-05")}
    assert by_title["Entretien avec Emmanuel Macron"].location == "Élysée"
    assert by_title["Arrivée à Paris"].location == "Paris"
    assert "Discours au Forum de Paris sur la paix" in by_title
    assert "Retour aux États-Unis" in by_title


def test_french_seed_evidence_says_how_each_day_was_found() -> None:
    events = _events("2021-11-05")
    pasteur = next(e for e in events if "pasteur" in e.title.lower())
    assert pasteur.evidence[0].expression == "Après son arrivée"
    assert "Arrivée à Paris" in pasteur.evidence[0].resolution
    dinner = next(e for e in events if "dîner" in e.title.lower())
    assert "Discours au Forum de Paris sur la paix" in dinner.evidence[0].resolution
    ceremony = next(e for e in events if "cérémonie" in e.title.lower())
    assert ceremony.evidence[0].expression == "le lendemain"
    assert "2021-11-10" in ceremony.evidence[0].resolution  # the day after the eve


def test_french_seed_uids_are_stable_and_unique() -> None:
    a, b = _events("2021-11-05"), _events("2021-11-04")
    assert [e.uid for e in a] == [e.uid for e in b]
    assert len({e.uid for e in a}) == 9
