"""The one road from articles to events: extract each article, then merge across articles.

Every command that turns articles into events (``extract``, ``export``, ``sync google``,
``sync caldav``, ``run``) goes through this module, so the same articles give the same events
whatever the command; commands differ only in where the events go. Which articles there are,
their identity (the ``source`` their UIDs are made from) and their publication instant are
decided before, by the sources (``calsync.sources``) or the CLI's article reading.

Cancellations are always extracted (``keep_cancelled``): a later article calling off a
happening announced earlier must reach the merge, which drops a happening only ever reported
as called off. Pure: no I/O, no clock. ``calsync run`` keeps each article's events in its
cache and gives them back here as ``ArticleEvents``, so a cached article is merged exactly
like a fresh one.

What people decided in review (``calsync.decisions``) is applied here, once, after the merge:
a rejected event leaves the road, a corrected one goes on corrected, whatever the command.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from calsync.decisions import Decisions, apply_decisions
from calsync.extraction.settings import ExtractionSettings
from calsync.merge import Reported, merge_events
from calsync.model import Article, Event

#: What reads one article's events (``calsync.extraction.events.extract_events``).
Extractor = Callable[[Article, ExtractionSettings], Sequence[Event]]


@dataclass(frozen=True)
class ArticleEvents:
    """What one article reported: its identity, its publication instant and its events."""

    article: str
    published: datetime
    events: tuple[Event, ...]


def _extract_events(article: Article, settings: ExtractionSettings) -> Sequence[Event]:
    from calsync.extraction.events import extract_events

    return extract_events(article, settings)


def read_article(article: Article, settings: ExtractionSettings,
                 extract: Extractor | None = None) -> ArticleEvents:
    """The events one article reports (its cancellations too), before any merging."""
    if not settings.keep_cancelled:
        settings = replace(settings, keep_cancelled=True)
    events = tuple((extract or _extract_events)(article, settings))
    return ArticleEvents(article.source, article.published, events)


def combine(reports: Iterable[ArticleEvents], decisions: Decisions | None = None
            ) -> list[Event]:
    """One event per happening across articles (``calsync.merge``), sorted by start, then
    people's ``decisions`` applied (``calsync.decisions.apply_decisions``)."""
    events = merge_events(Reported(event, report.published, report.article)
                          for report in reports for event in report.events)
    return apply_decisions(events, decisions) if decisions else events


def assemble(articles: Iterable[Article], settings: ExtractionSettings,
             extract: Extractor | None = None, decisions: Decisions | None = None
             ) -> list[Event]:
    """Articles and settings (and review decisions) -> the events every target receives."""
    return combine((read_article(article, settings, extract) for article in articles),
                   decisions)


__all__ = ["ArticleEvents", "Extractor", "assemble", "combine", "read_article"]
