"""Holidays that countries share a name for ("Labor Day": US September, France May 1)."""

from __future__ import annotations

from datetime import date
from itertools import permutations

import pytest

from calsync.extraction.settings import ExtractionSettings
from calsync.extraction.temporal import tag
from tests.conftest import published


def holiday_day(text: str, countries: tuple[str, ...], day: str = "2025-08-28") -> date | None:
    found = [t for t in tag(text, published(day), ExtractionSettings(countries=countries))
             if "holidays package" in t.resolution]
    assert len(found) == 1, found
    return found[0].first_day


@pytest.mark.parametrize("countries", list(permutations(("FR", "GB", "US"))))
@pytest.mark.parametrize("text", [
    "Labor Day fireworks at 9:15 p.m. on Monday.",
    "The city will hold Labor Day fireworks on Monday, officials said.",
    "Crowds are expected on Monday, Labor Day, at the lake.",
])
def test_a_weekday_beside_the_name_decides_whatever_the_order(
        text: str, countries: tuple[str, ...]) -> None:
    assert holiday_day(text, countries) == date(2025, 9, 1)  # a Monday; May 1 is not


def test_a_weekday_that_fits_none_is_ignored() -> None:
    assert holiday_day("Labor Day parades on Tuesday.", ("US",)) == date(2025, 9, 1)


def test_without_a_weekday_the_first_configured_country_decides() -> None:
    text = "Unions will march on Labor Day."
    assert holiday_day(text, ("US", "FR")) == date(2025, 9, 1)
    assert holiday_day(text, ("FR", "US"), day="2026-04-20") == date(2026, 5, 1)


def test_a_weekday_in_the_next_sentence_does_not_count() -> None:
    text = "Unions will march on Labor Day. On Monday, the talks resume."
    assert holiday_day(text, ("FR", "US"), day="2026-04-20") == date(2026, 5, 1)


def test_the_day_something_was_said_is_not_the_holiday_s_weekday() -> None:
    text = "Marseille will hold a parade on Bastille Day, city hall said on Monday."
    assert holiday_day(text, ("FR",), day="2024-07-08") == date(2024, 7, 14)  # a Sunday
    text = "Unions will march on Labor Day and meet the minister on Monday."
    assert holiday_day(text, ("FR", "US"), day="2026-04-20") == date(2026, 5, 1)
