"""The Google target against the shared Target contract (tests/google/contract.py)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from calsync.targets.base import Target
from calsync.targets.google import GoogleTarget, event_id
from tests.google.conftest import CAL
from tests.google.contract import TargetContract
from tests.google.emulator import CalendarEmulator


class GoogleHarness:
    def __init__(self, emulator: CalendarEmulator, make: Callable[..., GoogleTarget]) -> None:
        self.emulator = emulator
        self.make = make
        self.foreign: dict[str, str] = {}

    def target(self) -> Target:
        return self.make()

    def live_uids(self) -> set[str]:
        return {e["iCalUID"] for e in self.emulator.events(CAL)
                if (e.get("extendedProperties") or {}).get("private", {}).get("calsync")}

    def count_all(self) -> int:
        return len(self.emulator.events(CAL))

    def person_delete(self, uid: str) -> None:
        self.emulator.person_delete(CAL, event_id(uid))

    def person_edit(self, uid: str) -> None:
        self.emulator.person_edit(CAL, event_id(uid), summary="Renamed by a person")

    def add_foreign(self) -> str:
        ev = self.emulator.person_insert(CAL, {
            "summary": "Lunch", "start": {"date": "2026-03-03"}, "end": {"date": "2026-03-04"}})
        self.foreign[ev["id"]] = ev["etag"]
        return str(ev["id"])

    def foreign_intact(self, ref: str) -> bool:
        now = {e["id"]: e["etag"] for e in self.emulator.events(CAL)}
        return now.get(ref) == self.foreign[ref]


class TestGoogleContract(TargetContract):
    @pytest.fixture
    def harness(self, emulator: CalendarEmulator,
                make_target: Callable[..., GoogleTarget]) -> GoogleHarness:
        return GoogleHarness(emulator, make_target)
