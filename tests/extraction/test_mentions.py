"""Clauses, predicates and titles: what a happening is called and where it takes place."""

from __future__ import annotations

import pytest

from calsync.extraction.mentions import find_mentions, lemma, split_clauses, strip_roles
from calsync.extraction.text import Sentence


def _sentence(text: str) -> Sentence:
    return Sentence(0, len(text), text, 0)


def _titles(text: str) -> list[str]:
    return [m.title for m in find_mentions(_sentence(text), [])]


def test_coordinated_predicates_are_split() -> None:
    s = _sentence("The minister will open the bridge before attending a gala dinner and "
                  "meet farmers' unions in Tours.")
    clauses = split_clauses(s, [])
    assert [c.connective for c in clauses] == [None, "before", "and"]


def test_and_between_nouns_does_not_split() -> None:
    s = _sentence("She will meet French and German engineers and union leaders.")
    assert len(split_clauses(s, [])) == 1


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("The chancellor will sit down for talks with Spanish Prime Minister Pedro Sánchez.",
         "Talks with Pedro Sánchez"),
        ("He is set to arrive in Nairobi.", "Arrival in Nairobi"),
        ("The delegation will tour the Rijksmuseum.", "Tour of the Rijksmuseum"),
        ("The mayor will attend an awards ceremony at the town hall.", "Awards ceremony"),
        ("Officials will participate in an emergency summit on energy prices.",
         "Emergency summit on energy prices"),
        ("She will deliver remarks at the Lisbon Web Summit.", "Remarks at the Lisbon Web Summit"),
        ("They will join the king and queen for a state banquet dinner.",
         "State banquet dinner with the king and queen"),
        ("The team will return to Manchester.", "Return to Manchester"),
    ],
)
def test_titles(text: str, title: str) -> None:
    assert _titles(text) == [title]


def test_location_from_a_venue_phrase() -> None:
    [m] = find_mentions(_sentence(
        "Ministers will hold a press conference at the Palais des Nations."), [])
    assert m.location == "Palais des Nations"
    assert m.title == "Press conference"


def test_reporting_verbs_are_not_happenings() -> None:
    assert _titles("The spokesman said the plan was sound.") == []


def test_event_relative_anchor_is_recorded() -> None:
    [m] = find_mentions(_sentence("She will visit a clinic after her arrival."), [])
    assert m.relative == ("after", "arrival")


def test_role_words_are_stripped_before_full_names() -> None:
    assert strip_roles("Meeting with German Chancellor Olaf Scholz") == "Meeting with Olaf Scholz"
    assert strip_roles("Meeting with the President") == "Meeting with the President"


@pytest.mark.parametrize(
    ("word", "expected"),
    [("meeting", "meet"), ("visits", "visit"), ("toured", "tour"), ("arriving", "arrive"),
     ("met", "meet"), ("flies", "fly"), ("said", None), ("table", None)],
)
def test_lemma(word: str, expected: str | None) -> None:
    assert lemma(word) == expected
