"""The sync engine as the cron runner sees a target: ``plan(events)`` then ``apply``.

``calsync.pipeline`` drives every configured target through this two-step shape; the engine's
targets (Google, later CalDAV) fit it with ``EngineAdapter``: ``plan`` lists the calendar and
plans once, ``apply`` runs exactly that plan (no second listing).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from calsync.errors import ConfigError, TargetError
from calsync.model import Event, Plan
from calsync.sync import PlannedSync, StateStore, SyncResult, prepare
from calsync.targets.base import Target

if TYPE_CHECKING:
    from calsync.config import GoogleTargetConfig

STATE_FILE = "sync.sqlite"


class Report(Protocol):
    """The fields of ``calsync.pipeline.TargetReport`` the adapter fills in."""

    written: bool
    failed: int
    error: str | None
    detail: str


class EngineAdapter:
    """One engine target with its state file, in the runner's plan/apply shape."""

    def __init__(self, name: str, kind: str, target: Target, state_path: Path, *,
                 prune: bool = False, force: bool = False,
                 max_delete_fraction: float = 0.5) -> None:
        self.name = name
        self.kind = kind
        self.target = target
        self.state_path = state_path
        self.prune = prune
        self.force = force
        self.max_delete_fraction = max_delete_fraction
        self._planned: PlannedSync | None = None
        self._state: StateStore | None = None
        self.result: SyncResult | None = None

    def plan(self, events: Sequence[Event]) -> Plan:
        self._state = StateStore(self.state_path)
        self._planned = prepare(events, self.target, self._state, prune=self.prune,
                                force=self.force, max_delete_fraction=self.max_delete_fraction)
        return self._planned.plan

    def apply(self, events: Sequence[Event], plan: Plan, report: Report) -> None:
        if self._planned is None or self._planned.plan is not plan:
            self.plan(events)
        assert self._planned is not None
        try:
            result = self._planned.apply()
        finally:
            if self._state is not None:
                self._state.close()
        self.result = result
        counts = result.counts()
        report.written = bool(counts["created"] or counts["updated"] or counts["deleted"])
        report.failed = counts["failed"]
        report.detail = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
        if result.error:
            report.error = result.error


def google_adapter(cfg: GoogleTargetConfig, state_dir: Path) -> EngineAdapter:
    """The adapter for a ``[[target]] kind = "google"`` of the configuration."""
    from calsync.targets.google import GoogleTarget, load_credentials

    key: str | Path | None = cfg.credentials
    if key is None and cfg.credentials_env:
        key = os.environ.get(cfg.credentials_env)
        if not key:
            raise ConfigError(f"target {cfg.name!r}: environment variable "
                              f"{cfg.credentials_env} (the key file's path) is not set")
    try:
        target = GoogleTarget(cfg.calendar, load_credentials(key, token_uri=cfg.token_uri),
                              api_endpoint=cfg.api_endpoint)
    except ConfigError as exc:
        raise TargetError(f"target {cfg.name!r}: {exc}") from exc
    return EngineAdapter(cfg.name, "google", target, state_dir / STATE_FILE,
                         prune=cfg.prune, max_delete_fraction=cfg.max_delete_fraction)
