"""The extraction engine: temporal expressions and events from article text.

Pure: no clock, no network, no file access. The publication instant and the zone are
arguments, so the same input always gives the same output.
"""

from __future__ import annotations

from calsync.extraction.settings import DEFAULT_COUNTRIES, DEFAULT_TIMEZONE, ExtractionSettings

__all__ = [
    "DEFAULT_COUNTRIES",
    "DEFAULT_TIMEZONE",
    "ExtractionSettings",
]
