"""SQLite files of calsync's own (the article cache, the sync state): created private.

Both hold what calsync learnt about sources and calendars (ids, hashes, tokens): they are
created 0600 before SQLite opens them, since SQLite would honour the umask, in a state folder
created 0700 (even under umask 000).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from calsync.errors import ConfigError


def private_folder(path: Path) -> None:
    """Create the folder ``path`` (and its parents) if missing; a folder created here is
    0700 whatever the umask. An existing folder keeps its mode: it may be the user's."""
    if path.is_dir():
        return
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.chmod(0o700)


def connect_private(path: str, what: str, *, timeout: float = 10.0) -> sqlite3.Connection:
    """Open (creating it 0600, with its folder) the SQLite file ``path``; ``":memory:"`` too.

    ``what`` names the file in errors ("article cache", "state file"). Transactions are the
    caller's: the connection runs in autocommit mode (``isolation_level=None``).
    """
    if path != ":memory:":
        p = Path(path)
        try:
            private_folder(p.parent)
            fd = os.open(p, os.O_RDWR | os.O_CREAT, 0o600)
            os.close(fd)
            p.chmod(0o600)
        except OSError as exc:
            raise ConfigError(f"{what} {path}: cannot create: {exc.strerror}") from exc
    try:
        return sqlite3.connect(path, timeout=timeout, isolation_level=None)
    except sqlite3.Error as exc:
        raise ConfigError(f"{what} {path}: cannot open: {exc}") from exc
