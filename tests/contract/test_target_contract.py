"""One contract, every calendar target: the Google emulator and a real Radicale server.

``TestTargetContract`` runs the shared suite of ``tests/google/contract.py`` and the checks
below against each target, through the same engine calls and the same assertions; only the
``harness`` (how a person acts on the calendar, how writes are counted) differs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from calsync.sync import StateStore, sync
from calsync.targets.base import Target
from calsync.targets.caldav import CalDAVTarget, resource_name
from calsync.targets.google import GoogleTarget, event_id, load_credentials
from tests.caldav.radicale_server import PASSWORD, USER, RadicaleServer
from tests.google.contract import TargetContract
from tests.google.emulator import CalendarEmulator
from tests.google.factories import make_event

CAL = "contract@group.calendar.google.com"
SLUG = "contract"
FOREIGN_ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Example//Manual//EN\r
BEGIN:VEVENT\r
UID:lunch-7@example.org\r
DTSTAMP:20260101T100000Z\r
DTSTART;VALUE=DATE:20260303\r
DTEND;VALUE=DATE:20260304\r
SUMMARY:Lunch\r
END:VEVENT\r
END:VCALENDAR\r
"""


def _no_sleep(seconds: float) -> None:
    pass


class GoogleHarness:
    def __init__(self, tmp_path: Path) -> None:
        self.emulator = CalendarEmulator(seed=11).start()
        self.emulator.add_calendar(CAL)
        self.key = self.emulator.service_account_key(tmp_path / "key.json")
        self.foreign: dict[str, str] = {}

    def close(self) -> None:
        self.emulator.stop()

    def target(self) -> Target:
        return GoogleTarget(CAL, load_credentials(self.key), api_endpoint=self.emulator.url,
                            sleep=_no_sleep, timeout=5.0)

    def _ours(self) -> list[dict[str, Any]]:
        return [e for e in self.emulator.events(CAL)
                if (e.get("extendedProperties") or {}).get("private", {}).get("calsync")]

    def live_uids(self) -> set[str]:
        return {e["iCalUID"] for e in self._ours()}

    def count_all(self) -> int:
        return len(self.emulator.events(CAL))

    def title(self, uid: str) -> str:
        return str(next(e["summary"] for e in self._ours() if e["iCalUID"] == uid))

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

    def reset_log(self) -> None:
        self.emulator.reset_log()

    def writes(self) -> int:
        return self.emulator.write_parts()


class RadicaleHarness:
    def __init__(self, tmp_path: Path) -> None:
        folder = tmp_path / "radicale"
        folder.mkdir()
        self.server = RadicaleServer(folder).start()
        self.path = f"/{USER}/{SLUG}/"
        status = self.server.http("MKCALENDAR", self.path)[0]
        assert status == 201, status
        self.foreign: dict[str, str] = {}

    def close(self) -> None:
        self.server.stop()

    def target(self) -> Target:
        return CalDAVTarget(self.server.url + self.path.lstrip("/"), USER, PASSWORD,
                            sleep=_no_sleep, timeout=5.0)

    def _ours(self) -> dict[str, str]:
        return {name: text for name, text in self.server.objects(SLUG).items()
                if "X-CALSYNC-MARKER:calsync" in text}

    def live_uids(self) -> set[str]:
        out = set()
        for text in self._ours().values():
            match = re.search(r"^UID:(.*)$", text, re.M)
            assert match is not None
            out.add(match.group(1).strip())
        return out

    def count_all(self) -> int:
        return len(self.server.objects(SLUG))

    def title(self, uid: str) -> str:
        text = self._ours()[resource_name(uid)]
        match = re.search(r"^SUMMARY:(.*)$", text, re.M)
        assert match is not None
        return match.group(1).strip()

    def person_delete(self, uid: str) -> None:
        assert self.server.delete_object(self.path + resource_name(uid)) in (200, 204)

    def person_edit(self, uid: str) -> None:
        name = self.path + resource_name(uid)
        text = self.server.get_object(name)
        assert text is not None
        edited = re.sub(r"^SUMMARY:.*$", "SUMMARY:Renamed by a person", text, flags=re.M)
        assert self.server.put_object(name, edited) in (201, 204)

    def add_foreign(self) -> str:
        name = "lunch-7.ics"
        assert self.server.put_object(self.path + name, FOREIGN_ICS) == 201
        self.foreign[name] = self.server.objects(SLUG)[name]
        return name

    def foreign_intact(self, ref: str) -> bool:
        return self.server.objects(SLUG).get(ref) == self.foreign[ref]

    def reset_log(self) -> None:
        self.server.reset_log()

    def writes(self) -> int:
        return len(self.server.writes())


Harness = GoogleHarness | RadicaleHarness


class TestTargetContract(TargetContract):
    @pytest.fixture(params=["google", "caldav"])
    def harness(self, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Harness]:
        made: Harness = (GoogleHarness(tmp_path) if request.param == "google"
                         else RadicaleHarness(tmp_path))
        try:
            yield made
        finally:
            made.close()

    def test_rerun_sends_no_write(self, harness: Harness, tmp_path: Path) -> None:
        events = [make_event(n) for n in range(5)]
        with StateStore(tmp_path / "s.sqlite") as state:
            assert sync(events, harness.target(), state).counts()["created"] == 5
            harness.reset_log()
            again = sync(events, harness.target(), state)
        assert again.ok and again.counts()["unchanged"] == 5
        assert harness.writes() == 0

    def test_update_touches_one_event(self, harness: Harness, tmp_path: Path) -> None:
        events = [make_event(n) for n in range(5)]
        with StateStore(tmp_path / "s.sqlite") as state:
            sync(events, harness.target(), state)
            events[4] = replace(events[4], title="Moved to Thursday")
            harness.reset_log()
            result = sync(events, harness.target(), state)
        assert result.counts()["updated"] == 1 and harness.writes() == 1
        assert harness.title(events[4].uid) == "Moved to Thursday"

    def test_person_edit_is_a_conflict_until_forced(
        self, harness: Harness, tmp_path: Path
    ) -> None:
        events = [make_event(n) for n in range(3)]
        with StateStore(tmp_path / "s.sqlite") as state:
            sync(events, harness.target(), state)
            harness.person_edit(events[0].uid)
            events[0] = replace(events[0], title="The source says otherwise")
            harness.reset_log()
            result = sync(events, harness.target(), state)
            assert result.counts()["conflicts"] == 1 and harness.writes() == 0
            assert harness.title(events[0].uid) == "Renamed by a person"
            forced = sync(events, harness.target(), state, force=True)
            assert forced.counts()["updated"] == 1
        assert harness.title(events[0].uid) == "The source says otherwise"

    def test_prune_deletes_only_ours(self, harness: Harness, tmp_path: Path) -> None:
        ref = harness.add_foreign()
        events = [make_event(n) for n in range(4)]
        with StateStore(tmp_path / "s.sqlite") as state:
            sync(events, harness.target(), state)
            harness.reset_log()
            pruned = sync(events[1:], harness.target(), state, prune=True)
        assert pruned.counts()["deleted"] == 1 and harness.writes() == 1
        assert harness.live_uids() == {e.uid for e in events[1:]}
        assert harness.foreign_intact(ref) and harness.count_all() == 4
