"""The pure planner, the state store, and engine convergence against an in-memory calendar."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calsync.errors import ConfigError, LockedError, UsageError
from calsync.model import Change, ChangeKind, Event
from calsync.sync import StateStore, sync
from calsync.sync.plan import make_plan
from calsync.sync.state import StateRecord
from calsync.targets.base import ChangeResult, Listing, RemoteEvent, ResultCallback, SimpleTarget
from tests.google.factories import make_event


def ours(ev: Event, **kw: object) -> RemoteEvent:
    base = RemoteEvent(remote_id="r-" + ev.uid, uid=ev.uid, owned=True,
                       content_hash=ev.content_hash(), written_hash="w", shown_hash="w",
                       etag='"1"')
    return replace(base, **kw)  # type: ignore[arg-type]


def kinds(plan_changes: Sequence[Change]) -> list[str]:
    return [c.kind.value for c in plan_changes]


def test_plan_rules() -> None:
    a, b, c, d = (make_event(n) for n in range(4))
    c2 = replace(c, title="Changed")
    remote = [
        ours(a),
        ours(b, shown_hash="edited"),
        ours(c),
        ours(d, cancelled=True, shown_hash=None),
        RemoteEvent(remote_id="foreign", owned=False),
    ]
    plan = make_plan("t", [a, b, c2, d, make_event(9)], remote)
    assert kinds(plan.changes) == ["unchanged", "conflict", "update", "skipped", "create"]
    forced = make_plan("t", [a, b, c2, d], remote, force=True)
    assert kinds(forced.changes) == ["unchanged", "update", "update", "create"]
    assert forced.changes[3].remote_id == "r-" + d.uid  # a restore, not a new insert


def test_plan_matches_cancelled_stubs_by_derived_id() -> None:
    a = make_event(1)
    stub = RemoteEvent(remote_id="id-" + a.uid, cancelled=True)
    plan = make_plan("t", [a], [stub], remote_id_for=lambda uid: "id-" + uid)
    assert kinds(plan.changes) == ["skipped"]


def test_plan_restores_what_calsync_pruned() -> None:
    a = make_event(1)
    state = {a.uid: StateRecord(a.uid, "r-" + a.uid, deleted_by_us=True, cancelled=True)}
    plan = make_plan("t", [a], [ours(a, cancelled=True)], state)
    assert kinds(plan.changes) == ["create"] and "restore" in plan.changes[0].reason


def test_prune_rules_and_guard() -> None:
    events = [make_event(n) for n in range(10)]
    remote = [ours(e) for e in events] + [RemoteEvent(remote_id="foreign", owned=False)]
    keep = make_plan("t", events[:8], remote)
    assert keep.counts()["delete"] == 0 and keep.counts()["unchanged"] == 10
    pruned = make_plan("t", events[:8], remote, prune=True)
    assert pruned.counts()["delete"] == 2
    assert all(c.remote_id != "foreign" for c in pruned.changes)
    with pytest.raises(UsageError, match="refusing to delete 6 of the 10"):
        make_plan("t", events[:4], remote, prune=True)
    assert make_plan("t", events[:4], remote, prune=True, max_delete_fraction=0.6)
    # A nan fraction (every comparison false) must refuse, not switch the guard off.
    for bad in (float("nan"), float("inf"), -0.5):
        with pytest.raises(UsageError, match="refusing to delete 1 of the 10"):
            make_plan("t", events[:9], remote, prune=True, max_delete_fraction=bad)
    assert make_plan("t", [], remote, prune=True, force=True).counts()["delete"] == 10
    edited = [ours(events[9], shown_hash="x")] + [ours(e) for e in events[:9]]
    assert make_plan("t", events[:9], edited, prune=True).counts()["conflict"] == 1


def test_duplicate_uids_in_sources_are_skipped() -> None:
    a = make_event(1)
    plan = make_plan("t", [a, replace(a, title="Other")], [])
    assert kinds(plan.changes) == ["create", "skipped"]


def test_state_schema_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with StateStore(path) as store:
        rec = StateRecord("u", "r", "h", "w", "s", '"e"')
        store.save("t", [rec], "tok", replace=True)
        assert store.records("t") == {"u": rec} and store.sync_token("t") == "tok"
        assert store.records("other") == {}
    db = sqlite3.connect(path)
    db.execute("UPDATE schema_version SET version = 99")
    db.commit()
    db.close()
    with pytest.raises(ConfigError, match="schema version 99"):
        StateStore(path)
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(ConfigError, match="delete it"):
        StateStore(garbage)


def test_state_is_locked_during_a_write(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    first = StateStore(path)
    second = StateStore(path, timeout=0.1)
    with first.transaction(), pytest.raises(LockedError):
        second.save("t", [], None, replace=True)
    first.close()
    second.close()


class MemoryCalendar(SimpleTarget):
    """A calendar held in a dict: lets hypothesis drive the engine through many histories."""

    def __init__(self) -> None:
        self.name = "memory"
        self.events: dict[str, RemoteEvent] = {}
        self.writes = 0
        self.fail_every = 0

    def list_remote(self, sync_token: str | None = None) -> Listing:
        return Listing(tuple(self.events.values()))

    def remote_id_for(self, uid: str) -> str | None:
        return "m-" + uid

    def _maybe_fail(self) -> None:
        self.writes += 1
        if self.fail_every and self.writes % self.fail_every == 0:
            from calsync.errors import TargetError

            raise TargetError("injected failure")

    def create(self, event: Event, restore: RemoteEvent | None = None) -> RemoteEvent:
        self._maybe_fail()
        rid = "m-" + event.uid
        ev = RemoteEvent(rid, event.uid, True, event.content_hash(), "w", "w", str(self.writes))
        self.events[rid] = ev
        return ev

    def update(self, remote: RemoteEvent, event: Event, *, force: bool = False) -> RemoteEvent:
        return self.create(event)

    def delete(self, remote: RemoteEvent) -> None:
        self._maybe_fail()
        self.events[remote.remote_id] = replace(remote, cancelled=True)

    def apply(self, changes: Sequence[Change], remotes: Mapping[str, RemoteEvent],
              report: ResultCallback) -> None:
        super().apply(changes, remotes, report)


@settings(max_examples=40, deadline=None)
@given(
    histories=st.lists(
        st.tuples(st.sets(st.integers(0, 12), max_size=10), st.sets(st.integers(0, 12))),
        min_size=1, max_size=4),
    fail_every=st.sampled_from([0, 2, 3]),
)
def test_engine_converges(histories: list[tuple[set[int], set[int]]], fail_every: int) -> None:
    """Whatever the sequence of source states and failures, one clean run converges and the
    next writes nothing."""
    cal = MemoryCalendar()
    store = StateStore(":memory:")
    for present, retitled in histories:
        events = [make_event(n, title=f"v2 {n}" if n in retitled else None)
                  for n in sorted(present)]
        cal.fail_every = fail_every
        sync(events, cal, store, prune=True, force=True)
    cal.fail_every = 0
    sync(events, cal, store, prune=True, force=True)
    final = sync(events, cal, store, prune=True)
    assert final.plan.writes == ()
    live = {ev.uid for ev in cal.events.values() if not ev.cancelled}
    assert live == {e.uid for e in events}


def test_results_report_failures() -> None:
    cal = MemoryCalendar()
    cal.fail_every = 2
    result = sync([make_event(n) for n in range(4)], cal, None)
    assert result.counts()["created"] == 2 and result.counts()["failed"] == 2
    assert not result.ok
    assert all(isinstance(r, ChangeResult) for r in result.failed)
    assert result.to_json()["counts"]["failed"] == 2
    assert {c.kind for c in result.plan.changes} == {ChangeKind.CREATE}
