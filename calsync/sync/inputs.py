"""Desired events from article files: extraction per article, then one event per happening.

Shared by ``calsync sync google`` and ``calsync sync caldav`` so that both targets see the
same events for the same articles.
"""

from __future__ import annotations

from collections.abc import Iterable

from calsync.extraction.settings import ExtractionSettings
from calsync.model import Article, Event


def events_from_articles(
    articles: Iterable[Article], settings: ExtractionSettings | None = None
) -> list[Event]:
    """Extract every article and merge reports of the same happening (``calsync.merge``)."""
    from calsync.extraction.events import extract_events
    from calsync.merge import Reported, merge_events

    settings = settings or ExtractionSettings()
    reports = [
        Reported(event=event, published=article.published, article=article.source)
        for article in articles
        for event in extract_events(article, settings)
    ]
    return merge_events(reports)
