"""The small protocols every calendar target implements, and what it reports back.

Two levels:

- ``Target``: a remote calendar (Google, CalDAV) as the sync engine sees it. It only moves
  events between calsync and that calendar; it never decides what to write. The engine
  (``calsync.sync``) computes a ``Plan`` from the desired events, the state store and
  ``Target.list_remote()``, then hands the writes to ``Target.apply``.
- ``CalendarTarget``: any configured target (the .ics file too) as a run drives it: plan the
  events, then apply exactly that plan. ``calsync.targets.registry`` builds one from a
  ``[[target]]`` of the configuration.

Targets raise only ``calsync.errors`` exceptions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from calsync.errors import CalsyncError, ConflictError, QuotaExceededError, TargetError
from calsync.model import Change, ChangeKind, Event, Plan

Outcome = Literal["ok", "failed", "skipped", "conflict"]


@dataclass(frozen=True)
class RemoteEvent:
    """What a target holds for one event, reduced to what planning needs.

    ``content_hash`` and ``written_hash`` come from calsync's own marker in the event (the
    ``Event.content_hash()`` it was written from, and the target's digest of the fields it
    wrote). ``shown_hash`` is the same digest computed over what the remote shows now: when it
    differs from ``written_hash`` a person edited the event. ``None`` means "not known" (a
    cancelled stub, or a view rebuilt from the state store), never "empty".
    """

    remote_id: str
    uid: str | None = None
    owned: bool = False
    content_hash: str | None = None
    written_hash: str | None = None
    shown_hash: str | None = None
    etag: str | None = None
    cancelled: bool = False
    source: str | None = None
    #: What the calendar shows as the title, for plan lines about events no longer desired.
    title: str | None = None
    raw: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)

    @property
    def edited(self) -> bool:
        """True when a person changed what calsync wrote (and it is not deleted)."""
        return (
            self.owned
            and not self.cancelled
            and self.written_hash is not None
            and self.shown_hash is not None
            and self.shown_hash != self.written_hash
        )


@dataclass(frozen=True)
class Listing:
    """The result of ``Target.list_remote``.

    ``complete`` is True when ``events`` holds every calsync event of the calendar (a full
    listing); False when it holds only what changed since the given sync token, to be laid
    over the state store's view. ``sync_token`` is what to pass next time (None if the
    target has none).
    """

    events: tuple[RemoteEvent, ...]
    complete: bool = True
    sync_token: str | None = None
    #: True when a complete listing shows deleted events (as ``cancelled``), like Google;
    #: False when they just vanish (CalDAV): the state store's records then stand in for
    #: them, so an event a person deleted is not recreated.
    shows_deleted: bool = True


@dataclass(frozen=True)
class ChangeResult:
    """What happened to one planned change; ``remote`` is the event as it is now, if known."""

    change: Change
    outcome: Outcome
    message: str = ""
    remote: RemoteEvent | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "ok"


ResultCallback = Callable[[ChangeResult], None]


@runtime_checkable
class Target(Protocol):
    """A remote calendar calsync can list and write."""

    #: Stable name, used as the key in the state store ("google:<calendar id>").
    name: str

    def remote_id_for(self, uid: str) -> str | None:
        """The remote id an event with this calsync UID gets, when the target derives ids."""
        ...

    def list_remote(self, sync_token: str | None = None) -> Listing:
        """Every calsync event of the calendar (or only the changes since ``sync_token``)."""
        ...

    def apply(
        self,
        changes: Sequence[Change],
        remotes: Mapping[str, RemoteEvent],
        report: ResultCallback,
    ) -> None:
        """Run the writes of a plan, calling ``report`` once per change.

        ``remotes`` maps remote ids to the events the plan was computed against. A
        ``QuotaExceededError`` may stop the run: changes already reported stay reported.
        """
        ...


class Memo(Protocol):
    """Small values a target keeps between runs (stored in the run's article cache)."""

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...


@dataclass(frozen=True)
class Applied:
    """What applying a plan did: for the run's report."""

    written: bool = False
    #: One message per change that failed (the others were applied).
    failures: tuple[str, ...] = ()
    #: Counts in words ("3 created, 1 updated").
    detail: str = ""
    #: Why applying stopped early (the daily quota...), or None.
    error: str | None = None


class CalendarTarget(Protocol):
    """A configured target as a run sees it: one plan, then exactly that plan's writes."""

    name: str
    kind: str

    def plan(self, events: Sequence[Event]) -> Plan: ...

    def apply(self, events: Sequence[Event], plan: Plan) -> Applied: ...

    def close(self) -> None: ...


def env_value(target: str, variable: str, key: str) -> str:
    """The value of the environment variable a target's ``key`` names (secrets and key paths
    live there, never in the configuration file)."""
    import os

    value = os.environ.get(variable)
    if not value:
        raise TargetError(f"target {target!r}: environment variable {variable} ({key}) is "
                          "not set")
    return value


class SimpleTarget:
    """A target written as single create/update/delete calls; ``apply`` runs them in order.

    Subclasses that can batch (Google) override ``apply``. A CREATE whose ``remote_id`` is set
    restores an event calsync deleted earlier (or one a person deleted, with --force).
    """

    name: str = "target"

    def remote_id_for(self, uid: str) -> str | None:
        return None

    def list_remote(self, sync_token: str | None = None) -> Listing:
        raise NotImplementedError

    def create(self, event: Event, restore: RemoteEvent | None = None) -> RemoteEvent:
        raise NotImplementedError

    def update(self, remote: RemoteEvent, event: Event, *, force: bool = False) -> RemoteEvent:
        raise NotImplementedError

    def delete(self, remote: RemoteEvent) -> None:
        raise NotImplementedError

    def apply(
        self,
        changes: Sequence[Change],
        remotes: Mapping[str, RemoteEvent],
        report: ResultCallback,
    ) -> None:
        for change in changes:
            remote = remotes.get(change.remote_id) if change.remote_id else None
            try:
                if change.kind is ChangeKind.CREATE and change.event is not None:
                    out: RemoteEvent | None = self.create(change.event, restore=remote)
                elif change.kind is ChangeKind.UPDATE and change.event and remote:
                    out = self.update(remote, change.event, force="force" in change.reason)
                elif change.kind is ChangeKind.DELETE and remote is not None:
                    self.delete(remote)
                    out = None
                else:
                    report(ChangeResult(change, "failed", "nothing to do for this change"))
                    continue
            except QuotaExceededError:
                raise
            except ConflictError as exc:
                report(ChangeResult(change, "conflict", str(exc)))
                continue
            except CalsyncError as exc:
                report(ChangeResult(change, "failed", str(exc)))
                continue
            report(ChangeResult(change, "ok", "", out))


def backoff_delay(attempt: int, retry_after: float | None, *, base: float, cap: float,
                  rng: Callable[[], float]) -> float:
    """Seconds to wait before retry ``attempt``: the server's Retry-After when it gave one,
    else exponential backoff with full jitter (so that parallel clients spread out)."""
    if retry_after is not None:
        return min(retry_after, cap)
    return float(rng() * min(cap, base * 2 ** attempt))
