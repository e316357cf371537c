"""The state store: what calsync last knew about each target, in one SQLite file.

It is a cache, not the truth: every event calsync writes carries its own marker (UID, content
hash), so a lost or deleted state file costs one full listing, never a duplicate. It adds what
markers cannot: the sync token for incremental listings, the etag last seen, and which
deletions calsync made itself (so an event that comes back to the sources can be restored).
It also keeps what people decided in review (``calsync.decisions``: approve, reject, correct,
by event UID): unlike the rest, decisions cannot be rebuilt from the calendar, so the file
is worth keeping (schema version 2 added them; a version-1 file is upgraded in place).

The file is created 0600; every write runs in an exclusive transaction so two runs cannot
interleave. Only this module touches the database.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from calsync.decisions import Decision
from calsync.errors import ConfigError, LockedError
from calsync.storage import connect_private

SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS targets (
    target TEXT PRIMARY KEY,
    sync_token TEXT
);
CREATE TABLE IF NOT EXISTS events (
    target TEXT NOT NULL,
    uid TEXT NOT NULL,
    remote_id TEXT NOT NULL,
    content_hash TEXT,
    written_hash TEXT,
    shown_hash TEXT,
    etag TEXT,
    cancelled INTEGER NOT NULL DEFAULT 0,
    deleted_by_us INTEGER NOT NULL DEFAULT 0,
    source TEXT,
    PRIMARY KEY (target, uid)
);
CREATE TABLE IF NOT EXISTS decisions (
    uid TEXT PRIMARY KEY,
    verdict TEXT NOT NULL,
    title TEXT,
    day TEXT,
    clock TEXT,
    location TEXT,
    basis TEXT NOT NULL DEFAULT '',
    decided TEXT
);
"""

_DECISION_COLUMNS = "uid, verdict, title, day, clock, location, basis, decided"


@dataclass(frozen=True)
class StateRecord:
    """What calsync last knew about one of its events in one target."""

    uid: str
    remote_id: str
    content_hash: str | None = None
    written_hash: str | None = None
    shown_hash: str | None = None
    etag: str | None = None
    cancelled: bool = False
    deleted_by_us: bool = False
    source: str | None = None


class StateStore:
    """SQLite-backed state; ``StateStore(":memory:")`` keeps it for one process only."""

    def __init__(self, path: str | Path, *, timeout: float = 10.0) -> None:
        self.path = str(path)
        self._db = connect_private(self.path, "state file", timeout=timeout)
        try:
            self._init_schema()
        except sqlite3.DatabaseError as exc:
            raise ConfigError(
                f"state file {self.path} is not a calsync state database ({exc}); "
                "delete it: calsync rebuilds it from the calendar on the next run"
            ) from exc

    def _init_schema(self) -> None:
        with self.transaction():
            for stmt in _SCHEMA.strip().split(";"):
                if stmt.strip():
                    self._db.execute(stmt)
            row = self._db.execute("SELECT version FROM schema_version").fetchone()
            if row is None:
                self._db.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION,))
            elif row[0] < SCHEMA_VERSION:  # version 1: the decisions table was just added
                self._db.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION,))
            elif row[0] > SCHEMA_VERSION:
                raise ConfigError(
                    f"state file {self.path} has schema version {row[0]}, newer than this "
                    f"calsync understands ({SCHEMA_VERSION}); upgrade calsync or use --state"
                )

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> StateStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """An exclusive transaction: committed on success, rolled back on any exception."""
        try:
            self._db.execute("BEGIN EXCLUSIVE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise LockedError(
                    f"state file {self.path} is locked by another calsync run"
                ) from exc
            raise
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def records(self, target: str) -> dict[str, StateRecord]:
        rows = self._db.execute(
            "SELECT uid, remote_id, content_hash, written_hash, shown_hash, etag, cancelled,"
            " deleted_by_us, source FROM events WHERE target = ? ORDER BY uid",
            (target,),
        ).fetchall()
        return {
            r[0]: StateRecord(r[0], r[1], r[2], r[3], r[4], r[5], bool(r[6]), bool(r[7]), r[8])
            for r in rows
        }

    def sync_token(self, target: str) -> str | None:
        row = self._db.execute(
            "SELECT sync_token FROM targets WHERE target = ?", (target,)
        ).fetchone()
        return None if row is None else row[0]

    def save(
        self,
        target: str,
        records: Iterable[StateRecord],
        sync_token: str | None,
        *,
        replace: bool,
    ) -> None:
        """Store ``records`` (all of them when ``replace``) and the token, atomically."""
        with self.transaction() as db:
            if replace:
                db.execute("DELETE FROM events WHERE target = ?", (target,))
            db.executemany(
                "INSERT OR REPLACE INTO events (target, uid, remote_id, content_hash,"
                " written_hash, shown_hash, etag, cancelled, deleted_by_us, source)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (target, r.uid, r.remote_id, r.content_hash, r.written_hash,
                     r.shown_hash, r.etag,
                     int(r.cancelled), int(r.deleted_by_us), r.source)
                    for r in records
                ],
            )
            db.execute(
                "INSERT OR REPLACE INTO targets (target, sync_token) VALUES (?, ?)",
                (target, sync_token),
            )


    # --- review decisions -------------------------------------------------------------------

    def decisions(self) -> dict[str, Decision]:
        rows = self._db.execute(f"SELECT {_DECISION_COLUMNS} FROM decisions ORDER BY uid")
        return {r[0]: _decision(r) for r in rows.fetchall()}

    def decide(self, decision: Decision) -> None:
        """Store ``decision``, replacing any earlier one for its event."""
        with self.transaction() as db:
            db.execute(
                f"INSERT OR REPLACE INTO decisions ({_DECISION_COLUMNS})"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (decision.uid, decision.verdict, decision.title,
                 decision.day.isoformat() if decision.day else None, decision.clock,
                 decision.location, decision.basis,
                 decision.decided.isoformat() if decision.decided else None))

    def undecide(self, uid: str) -> None:
        """Forget the decision about ``uid``: the event is undecided again."""
        with self.transaction() as db:
            db.execute("DELETE FROM decisions WHERE uid = ?", (uid,))


def _decision(row: tuple[Any, ...]) -> Decision:
    uid, verdict, title, day, clock, location, basis, decided = row
    return Decision(uid, verdict, title, date.fromisoformat(day) if day else None, clock,
                    location, basis or "", datetime.fromisoformat(decided) if decided else None)


def read_decisions(path: str | Path) -> dict[str, Decision]:
    """The decisions stored in the state file ``path``, without creating or changing it.

    A missing file, or one from before decisions existed, holds none. ``export`` reads them
    this way: it must not need write access to the state folder.
    """
    p = Path(path)
    if not p.exists():
        return {}
    try:
        db = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True, timeout=10.0)
    except sqlite3.Error as exc:
        raise ConfigError(f"state file {p}: cannot open: {exc}") from exc
    try:
        rows = db.execute(f"SELECT {_DECISION_COLUMNS} FROM decisions").fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):
            return {}
        raise ConfigError(f"state file {p}: cannot read decisions: {exc}") from exc
    except sqlite3.DatabaseError as exc:
        raise ConfigError(f"state file {p} is not a calsync state database ({exc})") from exc
    finally:
        db.close()
    return {r[0]: _decision(r) for r in rows}


def default_state_path() -> Path:
    """``$XDG_STATE_HOME/calsync/state.sqlite`` (``~/.local/state/...`` by default)."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "calsync" / "state.sqlite"
