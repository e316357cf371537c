"""Fixtures: a running Calendar API emulator, a service account key for it, a target factory
that talks to it through the real Google client, and hand-built events."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from calsync.model import Event, Evidence
from calsync.sync import StateStore
from calsync.targets.google import GoogleTarget, load_credentials
from tests.google.emulator import CalendarEmulator

CAL = "team@group.calendar.google.com"
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def emulator() -> Iterator[CalendarEmulator]:
    emu = CalendarEmulator(seed=7).start()
    emu.add_calendar(CAL)
    try:
        yield emu
    finally:
        emu.stop()


@pytest.fixture
def key_file(emulator: CalendarEmulator, tmp_path: Path) -> Path:
    return emulator.service_account_key(tmp_path / "key.json")


class Sleeps(list[float]):
    """An injected sleep: records the delays instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def make_target(
    emulator: CalendarEmulator, key_file: Path, sleeps: Sleeps
) -> Callable[..., GoogleTarget]:
    def make(**kw: Any) -> GoogleTarget:
        kw.setdefault("timeout", 5.0)
        return GoogleTarget(
            CAL, load_credentials(key_file), api_endpoint=emulator.url, sleep=sleeps, **kw
        )

    return make


@pytest.fixture
def state(tmp_path: Path) -> Iterator[StateStore]:
    store = StateStore(tmp_path / "state.sqlite")
    yield store
    store.close()


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
