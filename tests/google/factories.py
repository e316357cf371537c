"""Hand-built events for engine and target tests (shared with other targets' tests)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from calsync.model import Event, Evidence

PARIS = ZoneInfo("Europe/Paris")


def make_event(n: int, *, title: str | None = None, all_day: bool | None = None,
               source: str = "articles/a.txt") -> Event:
    """The n-th of a family of distinct, deterministic events."""
    day = date(2026, 3, 1) + timedelta(days=n % 200)
    ev = Evidence(source=source, sentence=f"Something number {n} happens.",
                  expression=day.isoformat(), resolution=f"absolute date {day}",
                  url=f"https://news.example.org/story/{n}")
    if all_day if all_day is not None else n % 2 == 0:
        start: date | datetime = day
        end: date | datetime = day + timedelta(days=1)
    else:
        start = datetime(day.year, day.month, day.day, 9 + n % 8, 30, tzinfo=PARIS)
        end = start + timedelta(hours=1)
    return Event(uid=f"calsync-{n:04d}@calsync.example", title=title or f"Happening {n}",
                 start=start, end=end, timezone="Europe/Paris", evidence=(ev,))


def make_events(count: int) -> list[Event]:
    return [make_event(n) for n in range(count)]
