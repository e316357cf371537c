"""Fixtures: a real Radicale server per test and a CalDAV target factory pointing at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from calsync.sync import StateStore
from calsync.targets.caldav import CalDAVTarget
from tests.caldav.radicale_server import PASSWORD, USER, RadicaleServer

CALENDAR = "Team events"
SLUG = "team-events"
NOW = datetime(2026, 2, 1, 8, 0, tzinfo=UTC)


class Sleeps(list[float]):
    """An injected sleep: records the delays instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[RadicaleServer]:
    folder = tmp_path / "radicale"
    folder.mkdir()
    server = RadicaleServer(folder).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def make_target(radicale: RadicaleServer, sleeps: Sleeps) -> Callable[..., CalDAVTarget]:
    """A CalDAV target for the test user's "Team events" calendar (made on first use)."""

    def make(**kw: Any) -> CalDAVTarget:
        kw.setdefault("calendar", CALENDAR)
        kw.setdefault("create", True)
        kw.setdefault("timeout", 5.0)
        return CalDAVTarget(radicale.url, USER, PASSWORD, sleep=sleeps,
                            clock=lambda: NOW, **kw)

    return make


@pytest.fixture
def state(tmp_path: Path) -> Iterator[StateStore]:
    store = StateStore(tmp_path / "state.sqlite")
    yield store
    store.close()
