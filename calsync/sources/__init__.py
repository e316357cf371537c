"""Sources: where articles come from (files, folders, web pages, RSS/Atom feeds).

Each source turns one ``[[source]]`` of the configuration into a ``SourceBatch``: the articles
read this run (each with a stable id in ``Article.source`` and an aware publication date), the
ids of articles known to be unchanged (HTTP 304, or kept after a read failure) and the
validators to remember once their events are stored. Sources never extract or write: the
pipeline decides what is new, and all network reads go through ``fetch.Fetcher``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from calsync.config import SourceConfig
from calsync.errors import SourceError
from calsync.model import Article
from calsync.sources.fetch import Fetcher, Validators


@dataclass(frozen=True)
class SourceContext:
    """What every source may use: the fetcher, the display zone, the run's start, state."""

    fetcher: Fetcher
    zone: ZoneInfo
    now: datetime
    base: Path
    #: Validators remembered for a URL, or None (then the request is unconditional).
    validators: Callable[[str], Validators | None] = lambda url: None
    #: True when (source, article id, raw hash) is what the last run stored: skip parsing.
    raw_unchanged: Callable[[str, str, str], bool] = lambda source, ident, raw: False
    #: Mixed into raw hashes so a change of settings or calsync version re-reads everything.
    fingerprint: str = ""
    #: Local article files (and sidecars) larger than this are refused, as pages are.
    max_file_bytes: int = 5_000_000
    #: A local file modified less than this many seconds before ``now`` may still be being
    #: written: it is skipped with a warning and read next run (0: read at once).
    min_file_age: float = 0.0


@dataclass
class SourceBatch:
    """The outcome of reading one source.

    ``kept`` lists article ids whose previous version stays as it is (not modified, or could
    not be read this time). ``keep_all`` says articles not seen now are kept too: a feed only
    lists its latest entries, and an entry rolling out of it is not a retraction.
    """

    source: str
    articles: list[Article] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    keep_all: bool = False
    validators: dict[str, Validators] = field(default_factory=dict)
    #: Hash of the raw input each new article was read from (files), stored with it.
    raw_hashes: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def read_source(cfg: SourceConfig, ctx: SourceContext) -> SourceBatch:
    """Read one configured source; ``SourceError`` when the source as a whole failed."""
    if cfg.kind in ("file", "folder"):
        from calsync.sources.files import read_files

        return read_files(cfg, ctx)
    if cfg.kind == "url":
        from calsync.sources.page import read_page

        return read_page(cfg, ctx)
    if cfg.kind == "feed":
        from calsync.sources.feed import read_feed

        return read_feed(cfg, ctx)
    raise SourceError(f"source {cfg.name!r}: unknown type {cfg.kind!r}")  # pragma: no cover


class Undated(str):
    """The warning of an article skipped for having no publication date.

    Unlike a file caught half-written, it comes back every run until someone dates the
    article, so the runner reports it even when asked to be quiet.
    """

    __slots__ = ()


def choose_published(cfg: SourceConfig, ctx: SourceContext, what: str,
                     *candidates: datetime | None) -> tuple[datetime | None, str | None]:
    """The first known date among ``candidates``, else the fetch time when allowed.

    Returns (published, warning): an undated article is skipped, because relative dates
    ("next Friday") resolved against a guessed day would be wrong; its warning is ``Undated``.
    """
    for when in candidates:
        if when is not None:
            return when, None
    if cfg.use_fetch_time:
        return ctx.now, None
    return None, Undated(f"{what}: skipped: no publication date (add one in a sidecar .meta.toml, "
                  f"set published for source {cfg.name!r}, or use_fetch_time = true)")


__all__ = ["SourceBatch", "SourceContext", "Undated", "choose_published", "read_source"]
