"""Settings of the extraction engine: the zone, the holiday countries, what to keep."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

DEFAULT_TIMEZONE = "Europe/Paris"
DEFAULT_COUNTRIES: tuple[str, ...] = ("US", "FR", "GB")


@dataclass(frozen=True)
class ExtractionSettings:
    """How to read articles.

    ``timezone`` is where times of day without a stated zone happen and the zone events are
    shown in. ``countries`` are the ISO codes whose holidays (from the ``holidays`` package) are
    recognised by name. ``keep_past`` keeps happenings dated before the publication date.
    ``keep_cancelled`` returns happenings the article calls off as CANCELLED events instead
    of dropping them, so that merging with earlier reports can cancel an announced event.
    ``language`` forces the language articles are read in ("en", "fr"); "auto" leaves it to
    each article.
    """

    timezone: str = DEFAULT_TIMEZONE
    countries: tuple[str, ...] = DEFAULT_COUNTRIES
    keep_past: bool = False
    keep_cancelled: bool = False
    #: "en", "fr", or "auto": each article's own language (``Article.language``), else the
    #: one its words show (``calsync.extraction.language.detect``)
    language: str = "auto"

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def base_date(published: datetime) -> date:
    """The calendar day relative expressions count from: the writer's own local date.

    An article stamped 23:30 in New York says "tomorrow" meaning the next New York day, so the
    publication instant is read in its own offset, not converted to the display zone.
    """
    return published.date()
