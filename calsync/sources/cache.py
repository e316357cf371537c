"""The article cache: what each source gave last run, so unchanged articles cost nothing.

For every article it keeps the source it came from, a hash of what was read (raw bytes for
files, so an unchanged HTML file is not even parsed again), a hash of the article as the
extractor saw it, the publication date and the extracted events (JSON). For every fetched URL it
keeps the ETag / Last-Modified validators, written in the same transaction as the article, so a
304 always has cached events behind it.

One SQLite file (``<state>/articles.sqlite``), created 0600, with a schema version. Kept apart
from the target state (``calsync.sync.state``): losing it only costs one re-extraction, so a
corrupt cache is set aside and rebuilt (``open_cache``), never a reason to stop.
"""

from __future__ import annotations

import contextlib
import json
import logging
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from calsync.errors import ConfigError, CorruptCacheError
from calsync.model import Event, Evidence
from calsync.sources.fetch import Validators
from calsync.storage import connect_private

log = logging.getLogger("calsync.run")

SCHEMA_VERSION = 2

_SCHEMA = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    source TEXT NOT NULL,
    id TEXT NOT NULL,
    raw_hash TEXT,
    content_hash TEXT NOT NULL,
    published TEXT NOT NULL,
    events TEXT NOT NULL,
    PRIMARY KEY (source, id)
);
CREATE TABLE IF NOT EXISTS memo (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS http (
    url TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT
);
"""


@dataclass(frozen=True)
class CachedArticle:
    """An article as last stored: enough to merge its events without reading it again."""

    source: str
    id: str
    raw_hash: str | None
    content_hash: str
    published: datetime
    events: tuple[Event, ...]


class ArticleCache:
    """SQLite-backed article cache; ``ArticleCache(":memory:")`` for one process only."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._db = connect_private(self.path, "article cache")
        try:
            self._db.executescript(_SCHEMA)
            row = self._db.execute("SELECT version FROM schema_version").fetchone()
            if row is not None and row[0] != SCHEMA_VERSION:
                # Another layout (an older calsync): it is only a cache, start afresh.
                self._db.executescript(
                    "DROP TABLE IF EXISTS articles; DROP TABLE IF EXISTS http; "
                    "DROP TABLE IF EXISTS memo; DELETE FROM schema_version;" + _SCHEMA)
                row = None
            if row is None:
                self._db.execute("INSERT INTO schema_version VALUES (?)", (SCHEMA_VERSION,))
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise CorruptCacheError(f"article cache {self.path}: not a calsync cache ({exc}); "
                                    "delete it to rebuild") from exc

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ArticleCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    def articles(self, source: str | None = None) -> dict[tuple[str, str], CachedArticle]:
        """Every cached article (of one source), keyed by (source, id)."""
        query = "SELECT source, id, raw_hash, content_hash, published, events FROM articles"
        params: tuple[str, ...] = ()
        if source is not None:
            query += " WHERE source = ?"
            params = (source,)
        out: dict[tuple[str, str], CachedArticle] = {}
        for src, ident, raw_hash, content_hash, published, events in self._db.execute(
                query, params):
            out[(src, ident)] = CachedArticle(
                source=src, id=ident, raw_hash=raw_hash, content_hash=content_hash,
                published=datetime.fromisoformat(published),
                events=tuple(event_from_dict(e) for e in json.loads(events)),
            )
        return out

    def validators(self, url: str, fingerprint: str = "") -> Validators | None:
        """The validators stored for ``url`` by a run with the same ``fingerprint``.

        Validators from other settings (or another extractor) are not used: a 304 would keep
        events extracted the old way.
        """
        row = self._db.execute("SELECT etag, last_modified FROM http WHERE url = ? AND "
                               "fingerprint = ?", (url, fingerprint)).fetchone()
        return Validators(etag=row[0], last_modified=row[1]) if row else None

    def put(self, article: CachedArticle) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?)",
            (article.source, article.id, article.raw_hash, article.content_hash,
             article.published.isoformat(),
             json.dumps([event_to_dict(e) for e in article.events], ensure_ascii=False)),
        )

    def remove(self, source: str, ids: Iterable[str]) -> None:
        self._db.executemany("DELETE FROM articles WHERE source = ? AND id = ?",
                             [(source, i) for i in ids])

    def remove_sources_except(self, keep: Iterable[str]) -> None:
        """Forget sources no longer in the configuration."""
        names = list(keep)
        marks = ",".join("?" * len(names))
        self._db.execute(f"DELETE FROM articles WHERE source NOT IN ({marks})", names)

    def set_validators(self, url: str, validators: Validators, fingerprint: str = "") -> None:
        if validators:
            self._db.execute("INSERT OR REPLACE INTO http VALUES (?, ?, ?, ?)",
                             (url, fingerprint, validators.etag, validators.last_modified))
        else:
            self._db.execute("DELETE FROM http WHERE url = ?", (url,))

    def get(self, key: str) -> str | None:
        """A small value a target remembers between runs (see ``calsync.targets.base.Memo``)."""
        row = self._db.execute("SELECT value FROM memo WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO memo VALUES (?, ?)", (key, value))

    def forget_validators(self, url: str) -> None:
        self._db.execute("DELETE FROM http WHERE url = ?", (url,))


Articles = dict[tuple[str, str], CachedArticle]

#: What a cache that cannot be read raises when it is opened or read whole.
_UNREADABLE = (sqlite3.DatabaseError, ValueError, KeyError, TypeError)


def open_cache(path: Path, *, rebuild: bool = True) -> tuple[ArticleCache, Articles, str | None]:
    """Open the article cache and read it whole: (cache, articles, warning).

    A cache that cannot be read (not SQLite, a damaged page, rows that do not decode) is
    only a cache: it is moved aside to ``<name>.corrupt`` (replacing an older one) and a new
    one started, with a warning; every article is then read again. With ``rebuild`` False
    (a dry run) nothing is moved: an empty cache in memory stands in for it.
    """
    reason: BaseException | None
    try:
        cache = ArticleCache(path)
    except CorruptCacheError as exc:
        reason = exc.__cause__ or exc
    else:
        try:
            return cache, cache.articles(), None
        except _UNREADABLE as exc:
            cache.close()
            reason = exc
    log.debug("article cache %s unreadable", path, exc_info=reason)
    what = f"article cache {path} is unreadable ({type(reason).__name__}: {reason})"
    if not rebuild:
        return ArticleCache(":memory:"), {}, f"{what}; ignored by this dry run"
    aside = path.with_name(path.name + ".corrupt")
    try:
        path.replace(aside)
    except OSError as exc:
        raise ConfigError(f"{what}; cannot move it aside: {exc.strerror}") from exc
    for suffix in ("-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            path.with_name(path.name + suffix).unlink()
    return (ArticleCache(path), {},
            f"{what}; moved to {aside.name} and rebuilt: every article is read again")


def _when(value: date | datetime) -> dict[str, str]:
    if isinstance(value, datetime):
        out = {"datetime": value.isoformat()}
        key = getattr(value.tzinfo, "key", None)
        if isinstance(key, str):
            out["zone"] = key
        return out
    return {"date": value.isoformat()}


def _from_when(value: dict[str, str]) -> date | datetime:
    """Back to the same value with the same IANA zone object (offsets alone lose DST rules)."""
    if "datetime" in value:
        when = datetime.fromisoformat(value["datetime"])
        if "zone" in value:
            when = when.astimezone(ZoneInfo(value["zone"]))
        return when
    return date.fromisoformat(value["date"])


def event_to_dict(event: Event) -> dict[str, Any]:
    """JSON-ready form of an Event; ``event_from_dict`` gives back an equal Event."""
    return {
        "uid": event.uid, "title": event.title, "start": _when(event.start),
        "end": _when(event.end), "timezone": event.timezone, "location": event.location,
        "evidence": [
            {"source": e.source, "sentence": e.sentence, "expression": e.expression,
             "resolution": e.resolution, "url": e.url} for e in event.evidence
        ],
        "confidence": event.confidence, "categories": list(event.categories),
        "status": event.status,
    }


def event_from_dict(data: dict[str, Any]) -> Event:
    return Event(
        uid=data["uid"], title=data["title"], start=_from_when(data["start"]),
        end=_from_when(data["end"]), timezone=data["timezone"], location=data["location"],
        evidence=tuple(Evidence(**e) for e in data["evidence"]),
        confidence=float(data["confidence"]), categories=tuple(data["categories"]),
        status=data["status"],
    )
