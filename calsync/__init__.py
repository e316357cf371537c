"""calsync: turn news articles into calendar events.

The public API: build an ``Article``, call ``extract_events`` (or ``tag`` for the temporal
expressions alone), and hand the ``Event`` objects to a target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from calsync.errors import CalsyncError
from calsync.extraction import ExtractionSettings
from calsync.model import Article, Change, ChangeKind, Event, Evidence, Plan, Timex

if TYPE_CHECKING:
    from calsync.extraction.events import extract_events
    from calsync.extraction.temporal import tag

__version__ = "0.1.0"

__all__ = [
    "Article",
    "CalsyncError",
    "Change",
    "ChangeKind",
    "Event",
    "Evidence",
    "ExtractionSettings",
    "Plan",
    "Timex",
    "extract_events",
    "tag",
]


def __getattr__(name: str) -> object:
    # Lazy, so that importing calsync (and starting the CLI) does not load the tagger's tables.
    if name == "extract_events":
        from calsync.extraction.events import extract_events

        return extract_events
    if name == "tag":
        from calsync.extraction.temporal import tag

        return tag
    raise AttributeError(f"module 'calsync' has no attribute {name!r}")
