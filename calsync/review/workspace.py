"""What a review session looks at: the articles, their events, where decisions are kept.

Built once when ``calsync review`` starts, on the one road (``calsync.assemble``), before
decisions: the page shows what extraction found and what people decided about it. With a
configuration, every source is read afresh as ``calsync run`` reads it (same article
identities, so the same UIDs), without the article cache and without writing anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from calsync.assemble import assemble
from calsync.config import Config
from calsync.extraction.settings import ExtractionSettings
from calsync.model import Article, Event


@dataclass(frozen=True)
class Workspace:
    """The articles under review, their merged events (undecided) and the state file."""

    articles: tuple[Article, ...]
    events: tuple[Event, ...]
    settings: ExtractionSettings
    state_path: Path
    #: Names of the configured targets with ``review = true`` (they wait for approval).
    holds: tuple[str, ...] = ()
    #: Problems met while reading sources (an unreachable feed, an undated article).
    warnings: tuple[str, ...] = field(default=())


def workspace(articles: Sequence[Article], settings: ExtractionSettings, state_path: Path,
              holds: tuple[str, ...] = (), warnings: tuple[str, ...] = ()) -> Workspace:
    ordered = tuple(sorted(articles, key=lambda a: a.source))
    events = tuple(assemble(ordered, settings))
    return Workspace(ordered, events, settings, state_path, holds, warnings)


def config_articles(config: Config, now: datetime) -> tuple[list[Article], list[str]]:
    """Every article the configured sources give now, and the problems met reading them."""
    from calsync.errors import SourceError
    from calsync.refresh import fingerprint
    from calsync.sources import SourceContext, read_source
    from calsync.sources.fetch import Fetcher

    fetcher = Fetcher(user_agent=config.fetch.user_agent, timeout=config.fetch.timeout,
                      max_bytes=config.fetch.max_bytes, concurrency=config.fetch.concurrency,
                      per_host=config.fetch.per_host)
    articles: list[Article] = []
    problems: list[str] = []
    for src in config.sources:
        ctx = SourceContext(fetcher=fetcher, zone=config.extraction.zone, now=now,
                            base=config.folder, fingerprint=fingerprint(config, src),
                            max_file_bytes=config.limits.max_file_bytes, min_file_age=0.0)
        try:
            batch = read_source(src, ctx)
        except SourceError as exc:
            problems.append(str(exc))
            continue
        articles.extend(batch.articles)
        problems.extend(str(w) for w in batch.warnings)
        problems.extend(batch.errors)
    return articles, problems


def config_workspace(config: Config, now: datetime) -> Workspace:
    from calsync.targets.registry import STATE_FILE

    articles, problems = config_articles(config, now)
    holds = tuple(t.name for t in config.targets if t.review)
    return workspace(articles, config.extraction, config.state_dir / STATE_FILE, holds,
                     tuple(problems))


__all__ = ["Workspace", "config_articles", "config_workspace", "workspace"]
