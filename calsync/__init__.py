"""calsync: turn news articles into calendar events.

The public API: build an ``Article``, call ``extract_events`` (or ``tag`` for the temporal
expressions alone), and hand the ``Event`` objects to a target.
"""

from __future__ import annotations

from calsync.errors import CalsyncError
from calsync.extraction import ExtractionSettings
from calsync.model import Article, Change, ChangeKind, Event, Evidence, Plan, Timex

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
]
