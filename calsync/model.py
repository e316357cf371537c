"""The domain: what flows from sources through extraction to the calendar targets.

Pure, frozen dataclasses with no I/O. ``Article`` is all the extractor sees; ``Event`` is what
every target writes. Both are hashable and comparable so that re-runs can be checked for
byte-for-byte stability.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from calsync.frozen import direct_init

TimexType = Literal["DATE", "TIME", "DURATION", "SET"]

#: Confidence under which an event is exported as TENTATIVE.
LOW_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Article:
    """One article: its text and the publication instant that relative dates resolve against.

    ``published`` must be timezone-aware; ``source`` is a stable identifier (a path, a URL, a
    feed entry id) used for evidence and deterministic UIDs.
    """

    text: str
    published: datetime
    source: str
    url: str | None = None
    title: str | None = None
    language: str = "auto"

    def __post_init__(self) -> None:
        if self.published.tzinfo is None:
            raise ValueError("Article.published must be timezone-aware")


@direct_init
@dataclass(frozen=True)
class Timex:
    """A temporal expression found in a text, with its TimeML type and value.

    ``start``/``end`` are character offsets into the text (Python string indices). The
    calendar fields (``first_day``, ``last_day``, ``clock``, ``zone``) are what event building
    needs; ``value`` is the TimeML TIMEX3 value used for evaluation.
    """

    start: int
    end: int
    text: str
    type: TimexType
    value: str
    mod: str | None = None
    #: First calendar day the expression denotes, when it denotes day(s).
    first_day: date | None = None
    #: Last calendar day (inclusive) for ranges; equals first_day for a single day.
    last_day: date | None = None
    #: Time of day "HH:MM" when one is given.
    clock: str | None = None
    #: End time of day "HH:MM" for time ranges ("from 2 to 4 p.m.").
    clock_end: str | None = None
    #: IANA zone name when the text states one ("ET", "Paris time").
    zone: str | None = None
    #: How the value was obtained, in words (evidence for people).
    resolution: str = ""
    #: "absolute", "publication", "previous", "holiday" or "event".
    anchor: str = "absolute"
    confidence: float = 1.0


@direct_init
@dataclass(frozen=True)
class Evidence:
    """Why an event exists: where it was read and how its date was resolved."""

    source: str
    sentence: str
    expression: str
    resolution: str
    url: str | None = None


@direct_init
@dataclass(frozen=True)
class Event:
    """One real-world happening, ready for a calendar.

    ``start``/``end`` are ``date`` for all-day events (``end`` exclusive, as in iCalendar and
    Google) and aware ``datetime`` for timed events. ``timezone`` is the IANA zone the event is
    shown in.
    """

    uid: str
    title: str
    start: date | datetime
    end: date | datetime
    timezone: str
    location: str | None = None
    evidence: tuple[Evidence, ...] = ()
    confidence: float = 1.0
    categories: tuple[str, ...] = ()
    status: Literal["CONFIRMED", "TENTATIVE", "CANCELLED"] = "CONFIRMED"

    def __post_init__(self) -> None:
        if isinstance(self.start, datetime) != isinstance(self.end, datetime):
            raise ValueError("Event start and end must both be dates or both be datetimes")
        if isinstance(self.start, datetime) and (
            self.start.tzinfo is None or not isinstance(self.end, datetime)
            or self.end.tzinfo is None
        ):
            raise ValueError("timed Event start/end must be timezone-aware")
        if self.end <= self.start:
            raise ValueError(f"Event end {self.end} must be after start {self.start}")

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    @property
    def sources(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for ev in self.evidence:
            seen.setdefault(ev.source, None)
        return tuple(seen)

    @property
    def url(self) -> str | None:
        return next((ev.url for ev in self.evidence if ev.url), None)

    @property
    def effective_status(self) -> str:
        """CONFIRMED events of low confidence are shown as TENTATIVE."""
        if self.status == "CONFIRMED" and self.confidence < LOW_CONFIDENCE:
            return "TENTATIVE"
        return self.status

    def description(self) -> str:
        """Human-readable evidence, used as the calendar DESCRIPTION."""
        parts: list[str] = []
        for ev in self.evidence:
            lines = [
                f"“{ev.sentence}”",
                f"Date: “{ev.expression}” → {ev.resolution}",
                f"Source: {ev.url or ev.source}",
            ]
            parts.append("\n".join(lines))
        parts.append(f"Confidence: {self.confidence:.2f} (extracted by calsync)")
        return "\n\n".join(parts)

    def content_hash(self) -> str:
        """A stable digest of everything a calendar shows; equal hashes mean nothing to write."""
        payload = {
            "uid": self.uid,
            "title": self.title,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "timezone": self.timezone,
            "location": self.location,
            "description": self.description(),
            "url": self.url,
            "categories": list(self.categories),
            "status": self.effective_status,
        }
        raw = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(raw).hexdigest()[:32]


class ChangeKind(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"
    CONFLICT = "conflict"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Change:
    """One step of a plan: what to do to one event in one target, and why."""

    kind: ChangeKind
    uid: str
    event: Event | None = None
    remote_id: str | None = None
    reason: str = ""


@dataclass(frozen=True)
class Plan:
    """The changes that bring a target in line with the desired events."""

    target: str
    changes: tuple[Change, ...] = field(default_factory=tuple)

    def counts(self) -> dict[str, int]:
        out = {kind.value: 0 for kind in ChangeKind}
        for change in self.changes:
            out[change.kind.value] += 1
        return out

    @property
    def writes(self) -> tuple[Change, ...]:
        return tuple(
            c for c in self.changes
            if c.kind in (ChangeKind.CREATE, ChangeKind.UPDATE, ChangeKind.DELETE)
        )
