"""Planning: desired events x state x remote view -> a ``Plan``. Pure, no I/O.

The rules that make calsync safe to run from cron on a shared calendar:

- an event without calsync's marker is never updated or deleted;
- an event a person deleted (cancelled) stays deleted, unless --force, or unless calsync
  deleted it itself with --prune and it came back to the sources;
- an event a person edited (what the calendar shows no longer matches what calsync wrote)
  is a conflict, reported and left alone, unless --force;
- deletions happen only with ``prune``, and never for more than ``max_delete_fraction`` of
  calsync's events without ``force`` (a source going empty must not wipe the calendar);
- except for an event a person rejected in review (``withdraw``): calsync removes its own
  copy even without ``prune`` (a decision, not a source going empty, so outside the guard).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import datetime

from calsync.errors import UsageError
from calsync.model import Change, ChangeKind, Event, Plan
from calsync.sync.state import StateRecord
from calsync.targets.base import RemoteEvent
from calsync.wording import plural

DEFAULT_MAX_DELETE_FRACTION = 0.5


def _no_id(uid: str) -> str | None:
    return None


def make_plan(
    target: str,
    desired: Iterable[Event],
    remote: Iterable[RemoteEvent],
    state: Mapping[str, StateRecord] | None = None,
    *,
    remote_id_for: Callable[[str], str | None] = _no_id,
    prune: bool = False,
    force: bool = False,
    max_delete_fraction: float = DEFAULT_MAX_DELETE_FRACTION,
    withdraw: Collection[str] = frozenset(),
) -> Plan:
    state = state or {}
    remotes = list(remote)
    by_id: dict[str, RemoteEvent] = {r.remote_id: r for r in remotes}
    by_uid: dict[str, RemoteEvent] = {}
    for r in remotes:
        # A live event wins over a cancelled one with the same UID.
        if r.owned and r.uid is not None and (
            r.uid not in by_uid or (by_uid[r.uid].cancelled and not r.cancelled)
        ):
            by_uid[r.uid] = r

    changes: list[Change] = []
    matched: set[str] = set()
    seen_uids: set[str] = set()
    for event in desired:
        if event.uid in seen_uids:
            changes.append(Change(ChangeKind.SKIPPED, event.uid, event,
                                  reason="duplicate UID in the sources; first one kept"))
            continue
        seen_uids.add(event.uid)
        found = by_uid.get(event.uid)
        if found is None:
            rec = state.get(event.uid)
            for rid in (rec.remote_id if rec else None, remote_id_for(event.uid)):
                if rid is not None and rid in by_id:
                    found = by_id[rid]
                    break
        if found is not None:
            matched.add(found.remote_id)
        changes.append(_plan_one(event, found, state.get(event.uid), force))

    owned_live = [r for r in remotes if r.owned and not r.cancelled]
    deletes: list[Change] = []
    withdrawn: list[Change] = []
    for r in owned_live:
        if r.remote_id in matched:
            continue
        uid = r.uid or r.remote_id
        what = f"{r.title!r} " if r.title else ""
        if uid in withdraw:
            why, bucket, flag = "rejected in review", withdrawn, ""
        elif prune:
            why, bucket, flag = "no longer in the sources", deletes, " (--prune)"
        else:
            changes.append(Change(ChangeKind.UNCHANGED, uid, remote_id=r.remote_id,
                                  reason=f"{what}no longer in the sources; kept (no --prune)"))
            continue
        if r.edited and not force:
            changes.append(Change(ChangeKind.CONFLICT, uid, remote_id=r.remote_id,
                                  reason=f"{what}{why} but edited in the calendar; not deleted"
                                         " (--force deletes it)"))
        else:
            bucket.append(Change(ChangeKind.DELETE, uid, remote_id=r.remote_id,
                                 reason=f"{what}{why}{flag}"))
    # Written so that a nan or out-of-range fraction refuses instead of allowing everything
    # (every comparison with nan is false).
    allowed = max_delete_fraction if 0.0 <= max_delete_fraction <= 1.0 else 0.0
    if deletes and not force and not len(deletes) <= allowed * len(owned_live):
        raise UsageError(
            f"refusing to delete {len(deletes)} of the {plural(len(owned_live), 'event')} "
            "calsync made "
            f"in {target} (more than {max_delete_fraction:.0%}); a source may have gone empty",
            hint="check the sources, or pass --force to delete them anyway",
        )
    changes.extend(deletes)
    changes.extend(withdrawn)
    return Plan(target=target, changes=tuple(changes))


def _plan_one(
    event: Event, remote: RemoteEvent | None, rec: StateRecord | None, force: bool
) -> Change:
    uid = event.uid
    if remote is None:
        return Change(ChangeKind.CREATE, uid, event, reason="new event")
    rid = remote.remote_id
    if not remote.owned and not remote.cancelled:
        return Change(ChangeKind.SKIPPED, uid, event, rid,
                      reason="the calendar holds an event with this id not made by calsync;"
                             " left alone")
    if remote.cancelled:
        if rec is not None and rec.deleted_by_us:
            return Change(ChangeKind.CREATE, uid, event, rid,
                          reason="restore: removed by an earlier --prune, back in the sources")
        if force:
            return Change(ChangeKind.CREATE, uid, event, rid,
                          reason="restore: deleted in the calendar (--force)")
        return Change(ChangeKind.SKIPPED, uid, event, rid,
                      reason="deleted in the calendar by a person; left alone")
    edited = remote.edited or (
        remote.written_hash is None and rec is not None and rec.etag is not None
        and remote.etag is not None and rec.etag != remote.etag
        and remote.content_hash == rec.content_hash
    )
    if edited:
        if force:
            return Change(ChangeKind.UPDATE, uid, event, rid,
                          reason="overwrite edits made in the calendar (--force)")
        return Change(ChangeKind.CONFLICT, uid, event, rid,
                      reason="edited in the calendar since calsync wrote it; left alone"
                             " (--force overwrites)")
    if remote.content_hash == event.content_hash():
        return Change(ChangeKind.UNCHANGED, uid, event, rid, reason="up to date")
    return Change(ChangeKind.UPDATE, uid, event, rid, reason="content changed in the sources")


def describe(change: Change) -> str:
    """One readable line for a change (the CLI prints these)."""
    ev = change.event
    what = change.uid
    if ev is not None:
        start = ev.start
        when = (start.isoformat(timespec="minutes") if isinstance(start, datetime)
                else start.isoformat())
        what = f"{when} {ev.title!r}"
    return f"{change.kind.value:9} {what}: {change.reason}"


def writes_first(changes: Sequence[Change]) -> list[Change]:
    """The changes a target must run, in plan order."""
    return [c for c in changes
            if c.kind in (ChangeKind.CREATE, ChangeKind.UPDATE, ChangeKind.DELETE)]
