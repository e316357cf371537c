"""The seed article's expressions resolve to the same days for every publication date."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from calsync.extraction.settings import ExtractionSettings
from calsync.extraction.temporal import tag
from tests.conftest import published

EXPECTED = {
    "next Wednesday": ("2021-11-10", date(2021, 11, 10)),
    "Tuesday": ("2021-11-09", date(2021, 11, 9)),
    "the following Saturday": ("2021-11-13", date(2021, 11, 13)),
    "November 11": ("2021-11-11", date(2021, 11, 11)),
    "November 12": ("2021-11-12", date(2021, 11, 12)),
    "the eve of Veterans Day": ("2021-11-10", date(2021, 11, 10)),
    "Armistice Day": ("2021-11-11", date(2021, 11, 11)),
    "the following day": ("2021-11-11", date(2021, 11, 11)),
    "2018": ("2018", None),
    "this year": ("2021", None),
}


@pytest.mark.parametrize("day", ["2021-11-04", "2021-11-05", "2021-11-06"])
def test_seed_expressions(seed_text: str, day: str) -> None:
    found = tag(seed_text, published(day), ExtractionSettings())
    by_text = {t.text: t for t in found}
    for expr, (value, first) in EXPECTED.items():
        assert expr in by_text, f"{expr!r} missing (publication {day})"
        assert by_text[expr].value == value, (expr, by_text[expr])
        assert by_text[expr].first_day == first, (expr, by_text[expr])
    texts = [t.text for t in found]
    assert not any("second" in t.lower() for t in texts), texts
    assert [t.start for t in found] == sorted(t.start for t in found)
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
    for t in found:
        assert seed_text[t.start:t.end] == t.text


def test_seed_resolution_in_words(seed_text: str) -> None:
    found = {t.text: t for t in tag(seed_text, published("2021-11-05"), ExtractionSettings())}
    assert found["the following day"].resolution == (
        "the following day = day after 2021-11-10 (the eve of Veterans Day)")
    assert found["next Wednesday"].resolution == (
        "next Wednesday = first Wednesday after publication date 2021-11-05")
    assert found["the following day"].anchor == "previous"
    assert found["Armistice Day"].anchor == "holiday"
