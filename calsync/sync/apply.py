"""Applying a plan: run its writes through a target, collect one result per change, and
bring the state store in line with what the target now holds.

A run that dies halfway is safe: the state (and sync token) is written only at the end, so the
next run lists from the previous token again, sees the writes that did land (they carry
calsync's marker), and converges.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from calsync.errors import QuotaExceededError
from calsync.model import Change, ChangeKind, Plan
from calsync.sync.state import StateRecord
from calsync.targets.base import ChangeResult, RemoteEvent, Target


def apply_plan(
    plan: Plan,
    target: Target,
    view: Mapping[str, RemoteEvent],
    progress: Callable[[ChangeResult], None] | None = None,
) -> tuple[list[ChangeResult], str | None]:
    """Run ``plan``'s writes; returns the results and the error that stopped the run, if any."""
    writes = list(plan.writes)
    results: list[ChangeResult] = []

    def report(result: ChangeResult) -> None:
        results.append(result)
        if progress is not None:
            progress(result)

    error: str | None = None
    try:
        if writes:
            target.apply(writes, view, report)
    except QuotaExceededError as exc:
        error = str(exc)
    done = {id(r.change) for r in results}
    for change in writes:
        if id(change) not in done:
            msg = f"not attempted: {error}" if error else "not attempted: the target gave no result"
            results.append(ChangeResult(change, "failed", msg))
    order = {id(c): i for i, c in enumerate(writes)}
    results.sort(key=lambda r: order.get(id(r.change), len(order)))
    return results, error


def updated_view(
    view: Mapping[str, RemoteEvent], results: list[ChangeResult]
) -> dict[str, RemoteEvent]:
    """The remote view after the writes, as far as the results tell."""
    out = dict(view)
    for res in results:
        change = res.change
        if res.remote is not None:
            out[res.remote.remote_id] = res.remote
        elif res.ok and change.kind is ChangeKind.DELETE and change.remote_id in out:
            out[change.remote_id] = replace(out[change.remote_id], cancelled=True)
    return out


def state_records(
    view: Mapping[str, RemoteEvent],
    previous: Mapping[str, StateRecord],
    results: list[ChangeResult],
) -> list[StateRecord]:
    """State records for every calsync event in ``view``; cancelled ones are kept so that a
    later delta listing still knows their UID, and our own deletions are remembered."""
    deleted_by_us = {
        r.change.remote_id for r in results if r.ok and r.change.kind is ChangeKind.DELETE
    }
    uid_of = {rec.remote_id: uid for uid, rec in previous.items()}
    records: dict[str, StateRecord] = {}
    for rid, ev in view.items():
        uid = ev.uid if ev.owned and ev.uid else uid_of.get(rid)
        if uid is None:
            continue
        prev = previous.get(uid)
        by_us = rid in deleted_by_us or (
            ev.cancelled and prev is not None and prev.deleted_by_us and prev.remote_id == rid
        )
        rec = StateRecord(
            uid=uid,
            remote_id=rid,
            content_hash=ev.content_hash or (prev.content_hash if prev else None),
            written_hash=ev.written_hash or (prev.written_hash if prev else None),
            shown_hash=ev.shown_hash or (prev.shown_hash if prev else None),
            etag=ev.etag,
            cancelled=ev.cancelled,
            deleted_by_us=by_us,
            source=ev.source or (prev.source if prev else None),
        )
        old = records.get(uid)
        if old is None or (old.cancelled and not rec.cancelled):
            records[uid] = rec
    return list(records.values())


def record_view(rec: StateRecord) -> RemoteEvent:
    """A remote event as the state store last saw it (base of a delta listing)."""
    return RemoteEvent(
        remote_id=rec.remote_id,
        uid=rec.uid,
        owned=True,
        content_hash=rec.content_hash,
        written_hash=rec.written_hash,
        shown_hash=rec.shown_hash,
        etag=rec.etag,
        cancelled=rec.cancelled,
        source=rec.source,
    )


__all__ = ["Change", "apply_plan", "record_view", "state_records", "updated_view"]
