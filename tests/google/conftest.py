"""Fixtures: a running Calendar API emulator, a service account key for it, a target factory
that talks to it through the real Google client, and hand-built events."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from calsync.sync import StateStore
from calsync.targets.google import GoogleTarget, load_credentials
from tests.google.emulator import CalendarEmulator
from tests.google.factories import make_event, make_events

CAL = "team@group.calendar.google.com"

__all__ = ["CAL", "Sleeps", "make_event", "make_events"]


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
