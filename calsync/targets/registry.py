"""From a ``[[target]]`` of the configuration to a ``CalendarTarget`` a run can drive.

One builder per target type; each imports its target's module (and so its heavy libraries)
only when such a target is configured. A new target is one module with the target itself
(``CalendarTarget``, or a ``Target`` for the sync engine) and its ``from_config``, plus one
line in ``BUILDERS`` and its ``[[target]]`` keys in ``calsync.config``.

Remote calendars (Google, CalDAV) go through the sync engine (``calsync.sync.EngineTarget``),
whose state lives in ``<state>/state.sqlite``, the default of ``calsync sync google``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from calsync.config import (
    CaldavTargetConfig,
    Config,
    GoogleTargetConfig,
    IcsTargetConfig,
    TargetConfig,
)
from calsync.errors import TargetError
from calsync.extras import install_hint
from calsync.targets.base import CalendarTarget, Memo

STATE_FILE = "state.sqlite"

Builder = Callable[[Any, Config, datetime, "Memo | None"], CalendarTarget]


def _ics(cfg: IcsTargetConfig, config: Config, now: datetime,
         memo: Memo | None) -> CalendarTarget:
    from calsync.targets.ics_file import IcsCalendarTarget

    return IcsCalendarTarget(cfg, config, now, memo)


def _google(cfg: GoogleTargetConfig, config: Config, now: datetime,
            memo: Memo | None) -> CalendarTarget:
    from calsync.sync import EngineTarget
    from calsync.targets.google import from_config

    target, done = from_config(cfg)
    return EngineTarget(cfg.name, "google", target, config.state_dir / STATE_FILE,
                        prune=cfg.prune, max_delete_fraction=cfg.max_delete_fraction,
                        on_close=done)


def _caldav(cfg: CaldavTargetConfig, config: Config, now: datetime,
            memo: Memo | None) -> CalendarTarget:
    from calsync.sync import EngineTarget
    from calsync.targets.caldav import from_config

    return EngineTarget(cfg.name, "caldav", from_config(cfg), config.state_dir / STATE_FILE,
                        prune=cfg.prune, max_delete_fraction=cfg.max_delete_fraction)


#: Target type -> (builder, its libraries' name, the extra that installs them).
BUILDERS: dict[str, tuple[Builder, str, str]] = {
    "ics": (_ics, "iCalendar", ""),
    "google": (_google, "Google", "google"),
    "caldav": (_caldav, "CalDAV", "caldav"),
}


def build_target(cfg: TargetConfig, config: Config, now: datetime,
                 memo: Memo | None = None) -> CalendarTarget:
    """The target a ``[[target]]`` describes; ``now`` stamps what it writes, ``memo`` keeps
    small values between runs."""
    if cfg.kind not in BUILDERS:  # pragma: no cover - config.py knows every kind
        raise TargetError(f"unknown target type {cfg.kind!r}")
    build, libraries, extra = BUILDERS[cfg.kind]
    try:
        return build(cfg, config, now, memo)
    except ImportError as exc:
        install = install_hint(extra) if extra else "pip install calsync"
        raise TargetError(f"target {cfg.name!r}: the {libraries} libraries are not installed",
                          hint=install) from exc


__all__ = ["BUILDERS", "build_target"]
