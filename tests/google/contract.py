"""The Target contract: one suite every calendar target passes (Google, CalDAV, ...).

A target's tests subclass ``TargetContract`` and provide a ``harness`` fixture returning an
object with the ``Harness`` methods: a way to build the target, and the actions a person can
take in the calendar behind calsync's back. Everything else (events, state, assertions) is
shared, so the targets are held to the same promises.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Protocol

from calsync.sync import StateStore, sync
from calsync.targets.base import Target
from tests.google.factories import make_event


class Harness(Protocol):
    def target(self) -> Target: ...

    def live_uids(self) -> set[str]:
        """calsync UIDs of the events calsync made that are not deleted."""
        ...

    def count_all(self) -> int:
        """Every live event in the calendar, calsync's or not (duplicates show here)."""
        ...

    def person_delete(self, uid: str) -> None: ...

    def person_edit(self, uid: str) -> None:
        """Change a field calsync writes (e.g. the title) of calsync's event ``uid``."""
        ...

    def add_foreign(self) -> str:
        """Add an event calsync did not make; returns a reference for ``foreign_intact``."""
        ...

    def foreign_intact(self, ref: str) -> bool: ...


class TargetContract:
    """Subclass in a target's tests and provide a ``harness`` fixture."""

    def test_create_rerun_update(self, harness: Harness, tmp_path: Path) -> None:
        events = [make_event(n) for n in range(6)]
        with StateStore(tmp_path / "s.sqlite") as state:
            first = sync(events, harness.target(), state)
            assert first.ok and first.counts()["created"] == 6
            assert harness.live_uids() == {e.uid for e in events}
            again = sync(events, harness.target(), state)
            assert again.plan.writes == () and again.counts()["unchanged"] == 6
            events[2] = replace(events[2], title="A new title", location="Room 4")
            changed = sync(events, harness.target(), state)
            assert changed.counts()["updated"] == 1 and changed.counts()["unchanged"] == 5
        assert harness.count_all() == 6

    def test_people_win(self, harness: Harness, tmp_path: Path) -> None:
        events = [make_event(n) for n in range(4)]
        with StateStore(tmp_path / "s.sqlite") as state:
            sync(events, harness.target(), state)
            harness.person_delete(events[0].uid)
            harness.person_edit(events[1].uid)
            events[1] = replace(events[1], title="Source changed too")
            result = sync(events, harness.target(), state)
            counts = result.counts()
            assert (counts["skipped"], counts["conflicts"], counts["created"],
                    counts["updated"]) == (1, 1, 0, 0)
            assert events[0].uid not in harness.live_uids()

    def test_foreign_events_survive_prune(self, harness: Harness, tmp_path: Path) -> None:
        ref = harness.add_foreign()
        events = [make_event(n) for n in range(4)]
        with StateStore(tmp_path / "s.sqlite") as state:
            sync(events, harness.target(), state)
            pruned = sync(events[:3], harness.target(), state, prune=True)
            assert pruned.counts()["deleted"] == 1
            sync([], harness.target(), state, prune=True, force=True)
        assert harness.foreign_intact(ref) and harness.live_uids() == set()

    def test_lost_state_makes_no_duplicates(self, harness: Harness, tmp_path: Path) -> None:
        events = [make_event(n) for n in range(5)]
        sync(events, harness.target(), StateStore(tmp_path / "a.sqlite"))
        result = sync(events, harness.target(), StateStore(tmp_path / "b.sqlite"))
        assert result.counts()["created"] == 0 and result.counts()["unchanged"] == 5
        assert harness.count_all() == 5
