"""Hand-made events for the .ics tests (the extraction engine is tested elsewhere)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from calsync.model import Event, Evidence

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2021, 11, 5, 12, 0, tzinfo=UTC)
LATER = datetime(2021, 11, 6, 8, 30, tzinfo=UTC)


def evidence(sentence: str = "The fair opens on Tuesday.", expression: str = "on Tuesday",
             source: str = "articles/fair.txt", url: str | None = None) -> Evidence:
    return Evidence(source=source, sentence=sentence, expression=expression,
                    resolution="next Tuesday after 2021-11-05", url=url)


def all_day(uid: str, title: str, day: date, days: int = 1, **kw: object) -> Event:
    from datetime import timedelta

    kw.setdefault("evidence", (evidence(),))
    return Event(uid=uid, title=title, start=day, end=day + timedelta(days=days),
                 timezone="Europe/Paris", **kw)  # type: ignore[arg-type]


def timed(uid: str, title: str, start: datetime, end: datetime, zone: str = "Europe/Paris",
          **kw: object) -> Event:
    kw.setdefault("evidence", (evidence(),))
    return Event(uid=uid, title=title, start=start, end=end, timezone=zone,
                 **kw)  # type: ignore[arg-type]


def sample_events() -> list[Event]:
    """A mix: titles that need escaping, all-day, multi-day, timed, and the 2021 DST change."""
    return [
        all_day("fair@calsync", "Book fair, day one; bring \\ and a pen", date(2021, 11, 9),
                location="Hall 3, Porte de Versailles", categories=("culture", "books, fairs"),
                evidence=(evidence(url="https://example.org/fair"),)),
        all_day("summit@calsync", "Summit 🌍 קיץ בפריז — مرحبا\nsecond line", date(2021, 11, 10),
                days=3, confidence=0.4),
        timed("talk@calsync", "Talk at 9", datetime(2021, 11, 12, 9, 0, tzinfo=PARIS),
              datetime(2021, 11, 12, 10, 30, tzinfo=PARIS)),
        # 2021-10-31 in Paris: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
        timed("night@calsync", "Across the DST change",
              datetime(2021, 10, 31, 1, 30, tzinfo=PARIS),
              datetime(2021, 10, 31, 4, 0, tzinfo=PARIS)),
        timed("second@calsync", "The second 02:30",
              datetime(2021, 10, 31, 2, 30, fold=1, tzinfo=PARIS),
              datetime(2021, 10, 31, 3, 15, tzinfo=PARIS)),
        timed("ny@calsync", "Call with New York",
              datetime(2021, 11, 8, 15, 0, tzinfo=ZoneInfo("America/New_York")),
              datetime(2021, 11, 8, 16, 0, tzinfo=ZoneInfo("America/New_York")),
              zone="America/New_York"),
        timed("utc@calsync", "A UTC event", datetime(2021, 11, 20, 23, 0, tzinfo=UTC),
              datetime(2021, 11, 21, 1, 0, tzinfo=UTC), zone="UTC"),
    ]


@pytest.fixture
def events() -> list[Event]:
    return sample_events()
