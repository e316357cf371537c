"""The target-agnostic sync engine: list, plan, apply, remember.

``sync()`` is what ``calsync sync`` calls, whatever the target (Google, CalDAV);
``EngineTarget`` is the same engine in a run's plan-then-apply shape. It receives events and
never makes them (it does not import the extraction), never prints; progress goes through an
optional callback and the outcome comes back as a ``SyncResult``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from calsync.decisions import rejected_uids
from calsync.model import ChangeKind, Event, Plan
from calsync.sync.apply import apply_plan, record_view, state_records, updated_view
from calsync.sync.plan import DEFAULT_MAX_DELETE_FRACTION, describe, make_plan
from calsync.sync.state import StateRecord, StateStore
from calsync.targets.base import Applied, ChangeResult, RemoteEvent, Target


@dataclass(frozen=True)
class SyncResult:
    """A plan and, unless it was a dry run, what applying it did."""

    plan: Plan
    results: tuple[ChangeResult, ...] = ()
    dry_run: bool = False
    #: Why the run stopped early (e.g. the daily quota), or None.
    error: str | None = None
    #: True when the remote view came from a sync token rather than a full listing.
    incremental: bool = field(default=False, compare=False)

    @property
    def failed(self) -> tuple[ChangeResult, ...]:
        return tuple(r for r in self.results if r.outcome == "failed")

    @property
    def ok(self) -> bool:
        return not self.failed and self.error is None

    def counts(self) -> dict[str, int]:
        """created/updated/deleted/unchanged/conflicts/skipped/failed.

        For a dry run these are what the plan would do; otherwise what was done (a conflict
        or a "deleted remotely" found while writing counts as such, not as a write).
        """
        plan = self.plan.counts()
        out = {
            "created": 0, "updated": 0, "deleted": 0,
            "unchanged": plan[ChangeKind.UNCHANGED.value],
            "conflicts": plan[ChangeKind.CONFLICT.value],
            "skipped": plan[ChangeKind.SKIPPED.value],
            "failed": 0,
        }
        key = {ChangeKind.CREATE: "created", ChangeKind.UPDATE: "updated",
               ChangeKind.DELETE: "deleted"}
        if self.dry_run:
            for kind, name in key.items():
                out[name] = plan[kind.value]
            return out
        for res in self.results:
            if res.outcome == "ok":
                out[key[res.change.kind]] += 1
            elif res.outcome == "conflict":
                out["conflicts"] += 1
            elif res.outcome == "skipped":
                out["skipped"] += 1
            else:
                out["failed"] += 1
        return out

    def to_json(self) -> dict[str, Any]:
        outcome = {id(r.change): r for r in self.results}
        changes = []
        for c in self.plan.changes:
            item: dict[str, Any] = {"kind": c.kind.value, "uid": c.uid, "reason": c.reason}
            if c.remote_id:
                item["remote_id"] = c.remote_id
            if c.event is not None:
                item["title"] = c.event.title
                item["start"] = c.event.start.isoformat()
            res = outcome.get(id(c))
            if res is not None:
                item["outcome"] = res.outcome
                if res.message:
                    item["message"] = res.message
            changes.append(item)
        return {
            "target": self.plan.target,
            "dry_run": self.dry_run,
            "incremental": self.incremental,
            "counts": self.counts(),
            "plan": self.plan.counts(),
            "changes": changes,
            "error": self.error,
        }


@dataclass
class PlannedSync:
    """A computed plan with the remote view it was made from, ready to apply.

    ``prepare()`` lists and plans (what ``--dry-run`` shows); ``apply()`` runs exactly that
    plan. The cron runner uses the two steps; ``sync()`` chains them.
    """

    target: Target
    state: StateStore | None
    plan: Plan
    view: dict[str, RemoteEvent]
    records: dict[str, StateRecord]
    old_token: str | None
    new_token: str | None
    incremental: bool

    def dry_run(self) -> SyncResult:
        return SyncResult(self.plan, dry_run=True, incremental=self.incremental)

    def apply(self, progress: Callable[[ChangeResult], None] | None = None) -> SyncResult:
        results, error = apply_plan(self.plan, self.target, self.view, progress)
        if self.state is not None:
            final = updated_view(self.view, results)
            # Keep the old token when the run stopped early: the next delta then re-reads
            # everything this run may have written.
            token = self.new_token if error is None else self.old_token
            self.state.save(self.target.name, state_records(final, self.records, results),
                            token, replace=True)
        return SyncResult(self.plan, tuple(results), error=error, incremental=self.incremental)


def prepare(
    events: Iterable[Event],
    target: Target,
    state: StateStore | None = None,
    *,
    prune: bool = False,
    force: bool = False,
    max_delete_fraction: float = DEFAULT_MAX_DELETE_FRACTION,
) -> PlannedSync:
    """List the target (incrementally when the state has a sync token) and plan."""
    records: dict[str, StateRecord] = state.records(target.name) if state else {}
    # Events people rejected in review are removed from the calendar if calsync wrote them.
    withdraw = rejected_uids(state.decisions()) if state else frozenset()
    token = state.sync_token(target.name) if state and records else None
    listing = target.list_remote(token)
    view: dict[str, RemoteEvent]
    if listing.complete:
        view = {ev.remote_id: ev for ev in listing.events}
        if not listing.shows_deleted:
            for rec in records.values():
                if rec.remote_id not in view:
                    view[rec.remote_id] = replace(record_view(rec), etag=None, cancelled=True)
    else:
        view = {rec.remote_id: record_view(rec) for rec in records.values()}
        for ev in listing.events:
            base = view.get(ev.remote_id)
            if base is not None and not ev.owned and ev.cancelled:
                # A deleted event comes back as a bare stub: keep what we knew of it.
                view[ev.remote_id] = RemoteEvent(
                    remote_id=ev.remote_id, uid=base.uid, owned=True,
                    content_hash=base.content_hash, written_hash=base.written_hash,
                    shown_hash=base.shown_hash, etag=ev.etag, cancelled=True,
                    source=base.source,
                )
            else:
                view[ev.remote_id] = ev
    plan = make_plan(
        target.name, events, view.values(), records,
        remote_id_for=target.remote_id_for, prune=prune, force=force,
        max_delete_fraction=max_delete_fraction, withdraw=withdraw,
    )
    return PlannedSync(target, state, plan, view, records, token, listing.sync_token,
                       not listing.complete)


def sync(
    events: Iterable[Event],
    target: Target,
    state: StateStore | None = None,
    *,
    dry_run: bool = False,
    prune: bool = False,
    force: bool = False,
    max_delete_fraction: float = DEFAULT_MAX_DELETE_FRACTION,
    progress: Callable[[ChangeResult], None] | None = None,
) -> SyncResult:
    """Bring ``target`` in line with ``events``; see ``calsync.sync.plan`` for the rules."""
    planned = prepare(events, target, state, prune=prune, force=force,
                      max_delete_fraction=max_delete_fraction)
    return planned.dry_run() if dry_run else planned.apply(progress)


@dataclass
class EngineTarget:
    """A remote target (Google, CalDAV) as a run drives it (``CalendarTarget``): one listing,
    one plan, then exactly that plan's writes. Its state lives in ``state_path``."""

    name: str
    kind: str
    target: Target
    state_path: Path
    prune: bool = False
    max_delete_fraction: float = DEFAULT_MAX_DELETE_FRACTION
    #: Called once the run is done with the target (Google saves a refreshed token).
    on_close: Callable[[], None] | None = None
    _planned: PlannedSync | None = field(default=None, init=False, repr=False)
    _state: StateStore | None = field(default=None, init=False, repr=False)

    def plan(self, events: Sequence[Event]) -> Plan:
        if self._state is None:
            self._state = StateStore(self.state_path)
        self._planned = prepare(events, self.target, self._state, prune=self.prune,
                                max_delete_fraction=self.max_delete_fraction)
        return self._planned.plan

    def apply(self, events: Sequence[Event], plan: Plan) -> Applied:
        if self._planned is None or self._planned.plan is not plan:
            self.plan(events)
        assert self._planned is not None
        result = self._planned.apply()
        return Applied(
            written=any(r.ok for r in result.results),
            failures=tuple(f"{f.change.uid}: {f.message}" for f in result.failed),
            detail=", ".join(f"{v} {k}" for k, v in result.counts().items() if v),
            error=result.error,
        )

    def close(self) -> None:
        if self._state is not None:
            self._state.close()
            self._state = None
        if self.on_close is not None:
            self.on_close()


__all__ = ["EngineTarget", "PlannedSync", "StateStore", "SyncResult", "describe", "make_plan",
           "prepare", "sync"]
