"""Gated patterns find exactly what their patterns find: the cheap test never hides a match."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calsync.extraction
from calsync.extraction.gate import Gated, found_near


def _gates() -> dict[str, Gated]:
    found: dict[str, Gated] = {}
    for info in pkgutil.walk_packages(calsync.extraction.__path__, "calsync.extraction."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, Gated):
                found[f"{info.name}.{name}"] = value
    return found


GATES = _gates()


def test_the_extractor_has_gates() -> None:
    assert len(GATES) >= 3, GATES


@pytest.mark.parametrize("name", sorted(GATES))
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_every_match_holds_a_needed_word(name: str, data: st.DataObject) -> None:
    gate = GATES[name]
    text = data.draw(st.from_regex(gate.pattern))  # a text that holds a match somewhere
    match = gate.pattern.search(text)
    assert match is not None
    assert gate.possible(match.group().lower()), f"{name}: {match!r} holds none of {gate.needs}"
    assert gate.search(text) is not None


@pytest.mark.parametrize("name", sorted(GATES))
@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=30))
def test_gate_agrees_with_its_pattern_on_any_text(name: str, text: str) -> None:
    gate = GATES[name]
    want = gate.pattern.search(text)
    got = gate.search(text)
    assert (got and got.span()) == (want and want.span())


@pytest.mark.parametrize(("name", "text"), [
    ("calsync.extraction.mentions._HAPPENS", "The fair will take place on Sunday."),
    ("calsync.extraction.mentions._HAPPENS", "The race gets under way at noon."),
    ("calsync.extraction.mentions._HAPPENS", "The final is to be played at Wembley."),
    ("calsync.extraction.mentions._ON_SALE", "Tickets will go on general sale Friday."),
    ("calsync.extraction.mentions._RELATIVE_ANCHOR", "She will speak ahead of the summit."),
    ("calsync.extraction.mentions._RELATIVE_ANCHOR", "On the first evening, a dinner."),
    ("calsync.extraction.mentions._CHAINED", "She tours the port, followed by a reception."),
    ("calsync.extraction.mentions_fr._CHAINED", "Elle sera suivie d'une conférence de presse."),
])
def test_gate_lets_real_sentences_through(name: str, text: str) -> None:
    assert GATES[name].search(text) is not None


@pytest.mark.parametrize("name", sorted(n for n, g in GATES.items() if g.lowered is not None))
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_lower_case_search_finds_the_same_match(name: str, data: st.DataObject) -> None:
    gate = GATES[name]
    text = data.draw(st.from_regex(gate.pattern))
    if data.draw(st.booleans()):  # a letter that IGNORECASE folds to ASCII, inside the match
        fold = {"s": "\u017f", "k": "\u212a", "i": data.draw(st.sampled_from("\u0131\u0130"))}
        text = "".join(fold.get(c, c) if data.draw(st.booleans()) else c for c in text)
    want = gate.search(text)
    got = gate.search_lower(text)
    assert (got and got.span()) == (want and want.span())
    if got is not None and want is not None:
        assert [g and g.lower() for g in got.groups()] == [g and g.lower() for g in want.groups()]


@pytest.mark.parametrize("text", [
    "She will tour the port, and then meet the mayor.",
    "He arrives on Monday and they will later attend a dinner.",
    "The day begins with a breakfast, where she will speak.",
    "Visite du port, puis déjeuner à la mairie.",
    "Then nothing at all: no sequence word starts a word here (standard, within, bethen).",
    "The mayor will meet him and join the procession.",
    "A long sentence with no such words whatsoever.",
])
def test_found_near_agrees_with_a_whole_search(text: str) -> None:
    """Searching only around the gate words finds what a search of the whole text finds."""
    from calsync.extraction import events

    low = text.lower()
    for pattern, words, before, after in (
            (events._GOES_ON, events._GOES_ON_WORDS, 40, 20),
            (events._ATTEND_WORDS, ("and",), 0, 40)):
        expected = pattern.search(text) is not None
        assert found_near(pattern, text, low, words, before, after) is expected, pattern.pattern


@pytest.mark.parametrize("name", sorted(n for n, g in GATES.items() if g.lowered is not None))
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_a_search_between_two_offsets_finds_what_the_pattern_finds_there(
        name: str, data: st.DataObject) -> None:
    """``search_lower`` and ``finditer_lower`` look for the gate's words between ``pos`` and
    ``endpos`` only: a match there still comes out, the same as the pattern's."""
    gate = GATES[name]
    match = data.draw(st.from_regex(gate.pattern))
    text = data.draw(st.text(alphabet="ab ,.", max_size=8)) + match + \
        data.draw(st.text(alphabet="ab ,.", max_size=8))
    pos = data.draw(st.integers(min_value=0, max_value=len(text)))
    end = data.draw(st.integers(min_value=pos, max_value=len(text)))
    low = text.lower()
    want = gate.pattern.search(text, pos, end)
    got = gate.search_lower(text, low, pos, end)
    assert (got and got.span()) == (want and want.span())
    assert [m.span() for m in gate.finditer_lower(text, low, pos, end)] == \
        [m.span() for m in gate.pattern.finditer(text, pos, end)]
