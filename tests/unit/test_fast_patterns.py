"""Patterns rewritten for speed find exactly what their plain forms find.

Each pair below is (the fast pattern in the code, the plain pattern it replaced); the plain
one is the specification, kept here only.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calsync.extraction import mentions
from calsync.extraction.temporal import tense

PAIRS = {
    "conjunction": (mentions._CONJUNCTION, re.compile(
        r",?\s+(and|but|then|before|after|following|while)\s+(\w[\w’']*)(?:\s+(\w[\w’']*))?")),
    "tense sentence end": (tense._SENTENCE_END, re.compile(
        r"(?:[.!?][\"”’)]?\s+(?=[A-Z“\"(])|\n)")),
}

_PIECES = st.sampled_from([
    " ", "  ", "\n", "\t", ",", ", ", ".", "!", "?", "”", "’", ")", "\"", "(", "“", "and", "but",
    "then", "before", "after", "following", "while", "The", "she", "will", "arrive", "Paris",
    "x", "’s", "it's", "A", "b", "9",
])


_Found = list[tuple[tuple[int, int], tuple[str | None, ...]]]


def _found(pattern: re.Pattern[str], text: str) -> _Found:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@pytest.mark.parametrize("name", sorted(PAIRS))
@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_PIECES, max_size=30))
def test_fast_pattern_finds_what_the_plain_one_finds(name: str, pieces: list[str]) -> None:
    fast, plain = PAIRS[name]
    text = "".join(pieces)
    assert _found(fast, text) == _found(plain, text)


@pytest.mark.parametrize("name", sorted(PAIRS))
@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=40))
def test_fast_pattern_agrees_on_any_text(name: str, text: str) -> None:
    fast, plain = PAIRS[name]
    assert _found(fast, text) == _found(plain, text)
