"""The .ics file target: one calendar file, rewritten atomically on every run.

The file itself is the state: its previous content says which events are unchanged (they keep
their SEQUENCE and stamps) so that a run with nothing new leaves the file byte-identical (and
untouched: it is not rewritten at all). A file that is not a calsync calendar is never
overwritten unless ``force`` is set; nor is one that names another owner (X-CALSYNC-OWNER:
two configurations writing one file would replace each other's events on every run).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import time
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from calsync import ics
from calsync.errors import InputError, OutputError, TargetError
from calsync.model import Change, ChangeKind, Event, Plan
from calsync.targets.base import Applied, Memo
from calsync.wording import plural

if TYPE_CHECKING:
    from calsync.config import Config, IcsTargetConfig

#: An existing empty file with one of these suffixes is taken as a new calendar.
CALENDAR_SUFFIXES = (".ics", ".ical", ".icalendar", ".ifb")


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the new one, never a mix.

    A temporary file in the same folder is written, flushed to disk, then renamed over the
    target (through a symlink: over the file it points to); on any failure the temporary file
    is removed and the old file is left as it was. The new file keeps the old one's mode;
    a new file gets 0644 minus the umask (calendars are meant to be read by others, never
    written by them, even under umask 000).

    Temporary files of ours that a killed write left behind (``.<name>.<12 hex>.tmp``, older
    than ``STALE_TMP_SECONDS``) are removed first; younger ones may be another writer's.
    """
    if path.is_symlink():
        path = path.resolve()
    folder = path.parent
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = None  # let open() apply the umask to 0644
    remove_stale_temporaries(path)
    tmp_name = str(folder / f".{path.name}.{secrets.token_hex(6)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(tmp_name, flags, 0o644)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write in {folder}: {exc.strerror}") from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is not None:
            tmp.chmod(mode)
        tmp.replace(path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise OutputError(f"{path}: cannot write: {exc.strerror or exc}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where possible
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


#: Age after which a temporary file of ours is taken for the leftover of a killed write.
STALE_TMP_SECONDS = 600.0


def remove_stale_temporaries(path: Path, *, older_than: float = STALE_TMP_SECONDS) -> list[Path]:
    """Remove the leftovers of killed writes of ``path``; returns what was removed.

    Only names ``atomic_write`` makes (``.<name>.<12 hex digits>.tmp``), only regular files,
    only older than ``older_than`` seconds: a write in progress is never touched.
    """
    prefix = f".{path.name}."
    removed: list[Path] = []
    cutoff = time.time() - older_than
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and _TMP_TAIL.fullmatch(name[len(prefix):])):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and entry.stat(
                    follow_symlinks=False).st_mtime < cutoff:
                Path(entry.path).unlink()
                removed.append(Path(entry.path))
    return removed


_TMP_TAIL = re.compile(r"[0-9a-f]{12}\.tmp")


class IcsFileTarget:
    """A calendar file at ``path`` holding exactly the events of the last run."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        name: str | None = None,
        timezone: str = "Europe/Paris",
        keep_cancelled: bool = False,
        force: bool = False,
        refresh: timedelta = ics.DEFAULT_REFRESH,
        owner: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.options = ics.CalendarOptions(
            name=name or self.path.stem or ics.DEFAULT_NAME,
            timezone=timezone,
            keep_cancelled=keep_cancelled,
            refresh=refresh,
            owner=owner,
        )
        self.force = force
        #: The file's bytes and their reading, kept from ``plan`` for ``write``: a large
        #: calendar is read once per run, not twice.
        self._read: tuple[bytes, ics.Previous] | None = None

    def __repr__(self) -> str:
        return f"IcsFileTarget({str(self.path)!r})"

    def _existing(self) -> tuple[bytes | None, ics.Previous]:
        """The current file and its state; refuses to go on over a file that is not ours."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None, ics.EMPTY
        except IsADirectoryError as exc:
            raise OutputError(f"{self.path}: is a folder, not a calendar file") from exc
        except OSError as exc:
            raise OutputError(f"{self.path}: cannot read: {exc.strerror}") from exc
        if not data.strip():
            # An empty foo.ics is a calendar to start (``touch foo.ics``); an empty notes.txt
            # is someone's file that happens to be empty.
            if self.path.suffix.lower() in CALENDAR_SUFFIXES or self.force:
                return data, ics.EMPTY
            raise OutputError(
                f"{self.path} exists and is not a calendar (an empty file not named .ics); "
                "not overwriting it",
                hint="choose another output path, or pass --force to replace it",
            )
        if self._read is not None and self._read[0] == data:
            return data, self._read[1]
        try:
            previous = ics.read_previous(data, str(self.path))
        except InputError as exc:
            if self.force:
                return data, ics.EMPTY
            raise OutputError(
                f"{self.path} exists and is not a calendar; not overwriting it",
                hint="choose another output path, or pass --force to replace it",
            ) from exc
        if not previous.produced_by_calsync and not self.force:
            raise OutputError(
                f"{self.path} is a calendar not written by calsync; not overwriting it",
                hint="choose another output path, or pass --force to replace it",
            )
        owner = self.options.owner
        if owner and previous.owner and previous.owner != owner and not self.force:
            raise OutputError(
                f"{self.path} is written by another calsync configuration (owner "
                f"{previous.owner}; this one is {owner}); not overwriting its events",
                hint="give each configuration its own .ics path, or set force = true on this "
                     "target to take the file over",
            )
        self._read = (data, previous)
        return data, previous

    def plan(self, events: Iterable[Event]) -> Plan:
        """What ``write`` would change, without writing (``--dry-run``)."""
        _, previous = self._existing()
        return ics.plan(events, previous, target=str(self.path),
                        keep_cancelled=self.options.keep_cancelled)

    def render(self, events: Iterable[Event], now: datetime) -> tuple[bytes, ics.ExportResult]:
        """The bytes ``write`` would put in the file."""
        _, previous = self._existing()
        return ics.build_calendar(events, previous, now=now, options=self.options)

    def write(self, events: Iterable[Event], now: datetime) -> ics.ExportResult:
        """Bring the file in line with ``events``; skip the write when the bytes are the same."""
        old, previous = self._existing()
        data, result = ics.build_calendar(events, previous, now=now, options=self.options)
        written = data != old
        if written:
            atomic_write(self.path, data)
        return replace(result, written=written, path=str(self.path))


def owner_id(config_path: Path) -> str:
    """What a run writes as its .ics files' owner: a digest of the configuration file's path
    (not the path itself, which would publish a home folder in a public calendar)."""
    return "config-" + hashlib.sha256(str(config_path).encode()).hexdigest()[:12]


class IcsCalendarTarget:
    """An ``ics`` target of the configuration as a run drives it (``CalendarTarget``): the
    file is rewritten only when its bytes change.

    Fast path: after each run the target remembers (in the ``memo``, the run's article cache)
    a digest of the events it wrote and the file's size and mtime. When both still match, the
    plan is "all unchanged" without parsing the file again, which is most of a quiet run's
    time. Any edit of the file, or any change of the events, takes the full path. Not used
    with ``keep_cancelled``, whose output changes between runs with the same events.

    Guard: a run never empties a file that holds calsync's events (a source gone empty, a
    folder moved) unless the target sets ``force``; like ``max_delete_fraction`` for remote
    calendars.
    """

    kind = "ics"

    def __init__(self, cfg: IcsTargetConfig, config: Config, now: datetime,
                 memo: Memo | None = None) -> None:
        self.name = cfg.name
        self.now = now
        self.cfg = cfg
        self.memo = memo if not cfg.keep_cancelled else None
        self.key = f"ics:{cfg.path}"
        self.target = IcsFileTarget(cfg.path, name=cfg.calendar_name, timezone=config.timezone,
                                    keep_cancelled=cfg.keep_cancelled, force=cfg.force,
                                    owner=owner_id(config.path))
        self.digest = ""
        self.up_to_date = False

    def _stamp(self) -> str | None:
        try:
            st = self.target.path.stat()
        except OSError:
            return None
        return f"{self.digest}|{st.st_size}|{st.st_mtime_ns}"

    def plan(self, events: Sequence[Event]) -> Plan:
        digest = hashlib.sha256(repr((self.cfg, self.target.options)).encode())
        for event in events:
            digest.update(event.content_hash().encode())
        self.digest = digest.hexdigest()[:32]
        if self.memo is not None:
            stamp = self._stamp()
            if stamp is not None and self.memo.get(self.key) == stamp:
                self.up_to_date = True
                return Plan(target=str(self.target.path), changes=tuple(
                    Change(ChangeKind.UNCHANGED, e.uid, e, reason="up to date")
                    for e in events))
        plan = self.target.plan(events)
        counts = plan.counts()
        if counts["delete"] and not events and not self.cfg.force:
            raise TargetError(
                f"refusing to remove all {plural(counts['delete'], 'event')} calsync wrote in "
                f"{self.target.path}; a source may have gone empty",
                hint="check the sources, or set force = true on the target for one run")
        return plan

    def apply(self, events: Sequence[Event], plan: Plan) -> Applied:
        applied = Applied()
        # Without the memo's word, write: the calendar's own properties (name, owner) may
        # have changed with no event; identical bytes are not rewritten.
        if plan.writes or not self.up_to_date or not self.target.path.exists():
            try:
                self.target.path.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
            except OSError as exc:
                raise TargetError(f"{self.target.path.parent}: cannot create: {exc.strerror}"
                                  ) from exc
            result = self.target.write(events, self.now)
            applied = Applied(written=result.written, detail=result.summary())
        # else nothing to change: leave the file (and its mtime) alone
        stamp = self._stamp()
        if self.memo is not None and stamp is not None and self.memo.get(self.key) != stamp:
            self.memo.set(self.key, stamp)
        return applied

    def close(self) -> None:
        pass


def write_ics(
    path: str | os.PathLike[str],
    events: Iterable[Event],
    now: datetime,
    *,
    name: str | None = None,
    timezone: str = "Europe/Paris",
    keep_cancelled: bool = False,
    force: bool = False,
) -> ics.ExportResult:
    """Library entry point: write (or update) the calendar file at ``path``."""
    target = IcsFileTarget(path, name=name, timezone=timezone,
                           keep_cancelled=keep_cancelled, force=force)
    return target.write(events, now)


__all__ = ["IcsCalendarTarget", "IcsFileTarget", "atomic_write", "owner_id", "write_ics"]
