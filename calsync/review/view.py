"""What the review pages show, computed without the web framework (pure, no I/O, no clock).

- ``article_view``: an article's text cut into pieces: plain text, boilerplate the extractor
  ignored (greyed), and every temporal expression (``calsync.extraction.temporal.tag``, on
  the cleaned text with the article's language, exactly as extraction reads it) with its
  resolution in words and the events it dated (matched through each event's evidence: its
  sentence, expression and resolution).
- ``event_views``: each event as it will be written (corrections applied) with its decision.
- ``weeks`` and ``months``: the grids of the calendar, days in the configured zone.

The templates escape every string they are given; nothing here builds HTML.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from calsync.decisions import Decision, correct
from calsync.extraction.settings import ExtractionSettings
from calsync.model import Article, Event

#: Number of event colours in the style sheet (classes c0 .. c11).
PALETTE = 12

Status = Literal["pending", "approved", "corrected", "rejected"]


def anchor(uid: str) -> str:
    """A short HTML id for an event (UIDs hold characters ids should not)."""
    return "e-" + hashlib.sha256(uid.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class EventView:
    """One event on the page: as extracted, as it will be written, and what was decided."""

    raw: Event
    shown: Event
    index: int
    decision: Decision | None
    #: Targets that wait for an approval before they receive it.
    held_from: tuple[str, ...] = ()
    #: The article changed the event since the decision was made.
    stale: bool = False

    @property
    def id(self) -> str:
        return anchor(self.raw.uid)

    @property
    def colour(self) -> str:
        return f"c{self.index % PALETTE}"

    @property
    def status(self) -> Status:
        if self.decision is None:
            return "pending"
        if self.decision.verdict == "rejected":
            return "rejected"
        return "corrected" if self.decision.corrected else "approved"

    def when(self, zone: ZoneInfo) -> str:
        return describe_when(self.shown, zone)

    def raw_when(self, zone: ZoneInfo) -> str:
        return describe_when(self.raw, zone)

    def form_values(self, zone: ZoneInfo) -> dict[str, str]:
        """The correction form's fields, filled with what will be written."""
        day, clock = start_day_clock(self.shown, zone)
        return {"title": self.shown.title, "day": day.isoformat(), "clock": clock,
                "location": self.shown.location or ""}


def start_day_clock(event: Event, zone: ZoneInfo) -> tuple[date, str]:
    """The event's first day in ``zone`` and its time of day ("" when all-day)."""
    if isinstance(event.start, datetime):
        local = event.start.astimezone(zone)
        return local.date(), local.strftime("%H:%M")
    return event.start, ""


def describe_when(event: Event, zone: ZoneInfo) -> str:
    if isinstance(event.start, datetime):
        assert isinstance(event.end, datetime)
        start, end = event.start.astimezone(zone), event.end.astimezone(zone)
        if start.date() == end.date():
            return f"{start:%a %d %b %Y}, {start:%H:%M}–{end:%H:%M}"
        return f"{start:%a %d %b %Y %H:%M} – {end:%a %d %b %H:%M}"
    last = event.end - timedelta(days=1)
    assert isinstance(last, date)
    if last == event.start:
        return f"{event.start:%a %d %b %Y}, all day"
    return f"{event.start:%a %d %b} – {last:%a %d %b %Y}, all day"


def event_views(events: Sequence[Event], decisions: Mapping[str, Decision],
                holds: tuple[str, ...] = ()) -> list[EventView]:
    out = []
    for index, event in enumerate(events):
        decision = decisions.get(event.uid)
        shown = correct(event, decision) if decision is not None else event
        stale = bool(decision and decision.basis and decision.basis != event.content_hash())
        out.append(EventView(event, shown, index, decision, holds if decision is None else (),
                             stale))
    return out


# --- articles ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Piece:
    """A run of an article's text: plain, ignored boilerplate, or a temporal expression."""

    kind: Literal["text", "boilerplate", "timex"]
    text: str
    #: For expressions: the resolution in words, and the events it dated (first one leads).
    resolution: str = ""
    value: str = ""
    events: tuple[EventView, ...] = ()
    #: An event anchor ("after her arrival") the tagger does not see as a date by itself.
    anchor_only: bool = False


@dataclass(frozen=True)
class ArticleView:
    article: Article
    language: str
    pieces: tuple[Piece, ...]
    events: tuple[EventView, ...] = field(default=())

    @property
    def timexes(self) -> int:
        return sum(p.kind == "timex" for p in self.pieces)


@dataclass
class _Span:
    start: int
    end: int
    resolution: str
    value: str
    anchor_only: bool = False
    events: list[EventView] = field(default_factory=list)


def article_view(article: Article, settings: ExtractionSettings,
                 views: Iterable[EventView]) -> ArticleView:
    """``article`` cut into pieces for the page; ``views`` are all the events on the page."""
    from calsync.extraction.language import choose
    from calsync.extraction.temporal import tag
    from calsync.extraction.text import boilerplate_spans, clean_lowered, lowered

    text = article.text
    cleaned, low = clean_lowered(text)
    language = choose(settings.language, article.language, cleaned, low)
    spans = [_Span(t.start, t.end, t.resolution, t.value)
             for t in tag(cleaned, article.published, settings, low=low, language=language)]
    mine = [v for v in views if any(ev.source == article.source for ev in v.raw.evidence)]
    _link(cleaned, spans, mine, article.source)
    boiler = boilerplate_spans(text, lowered(text))
    return ArticleView(article, language, tuple(_pieces(text, spans, boiler)), tuple(mine))


def _link(cleaned: str, spans: list[_Span], views: Sequence[EventView], source: str) -> None:
    """Attach each event to the expression its evidence names, in its sentence."""
    starts = [s.start for s in spans]
    for view in views:
        for ev in view.raw.evidence:
            if ev.source != source or not ev.expression:
                continue
            span = _find(cleaned, spans, starts, ev.sentence, ev.expression, ev.resolution)
            if span is None:
                span = _anchor_span(cleaned, spans, ev.sentence, ev.expression, ev.resolution)
                if span is None:
                    continue
                at = bisect_left(starts, span.start)
                spans.insert(at, span)
                starts.insert(at, span.start)
            if view not in span.events:
                span.events.append(view)


def _find(cleaned: str, spans: Sequence[_Span], starts: Sequence[int], sentence: str,
          expression: str, resolution: str) -> _Span | None:
    lo, hi = 0, len(cleaned)
    at = cleaned.find(sentence) if sentence else -1
    if at >= 0:
        lo, hi = at, at + len(sentence)
    candidates = [s for s in spans[bisect_left(starts, lo):bisect_left(starts, hi)]
                  if cleaned[s.start:s.end] == expression]
    if not candidates:  # the sentence was not found as such: the expression anywhere
        candidates = [s for s in spans if cleaned[s.start:s.end] == expression]
    for span in candidates:
        if span.resolution == resolution:
            return span
    return candidates[0] if candidates else None


def _anchor_span(cleaned: str, spans: Sequence[_Span], sentence: str, expression: str,
                 resolution: str) -> _Span | None:
    """A span for an expression found only in the evidence ("following the forum")."""
    base = cleaned.find(sentence) if sentence else -1
    if base < 0:
        return None
    at = cleaned.find(expression, base, base + len(sentence))
    if at < 0:
        return None
    end = at + len(expression)
    if any(s.start < end and at < s.end for s in spans):
        return None
    return _Span(at, end, resolution, "", anchor_only=True)


def _pieces(text: str, spans: Sequence[_Span], boiler: Sequence[tuple[int, int]]
            ) -> list[Piece]:
    marks: list[tuple[int, int, _Span | None]] = [(s.start, s.end, s) for s in spans]
    marks += [(a, b, None) for a, b in boiler]
    marks.sort(key=lambda m: (m[0], m[1]))
    out: list[Piece] = []
    pos = 0
    for start, end, span in marks:
        if start < pos:  # overlapping (should not happen: boilerplate is blanked first)
            continue
        if start > pos:
            out.append(Piece("text", text[pos:start]))
        if span is None:
            out.append(Piece("boilerplate", text[start:end]))
        else:
            out.append(Piece("timex", text[start:end], span.resolution, span.value,
                             tuple(span.events), span.anchor_only))
        pos = end
    if pos < len(text):
        out.append(Piece("text", text[pos:]))
    return out


# --- the calendar -----------------------------------------------------------------------------

@dataclass
class Day:
    day: date
    allday: list[EventView] = field(default_factory=list)
    timed: list[tuple[str, EventView]] = field(default_factory=list)
    #: In a month grid: a day of the neighbouring month, shown for the week's shape.
    outside: bool = False


@dataclass
class Week:
    monday: date
    days: list[Day]

    @property
    def label(self) -> str:
        iso = self.monday.isocalendar()
        sunday = self.monday + timedelta(days=6)
        return f"Week {iso.week}, {self.monday:%d %b} – {sunday:%d %b %Y}"


@dataclass
class Month:
    first: date
    weeks: list[Week]

    @property
    def label(self) -> str:
        return f"{self.first:%B %Y}"


def _days_of(event: Event, zone: ZoneInfo) -> list[tuple[date, str]]:
    """The days an event covers in ``zone``, each with its time of day ("" all day)."""
    if isinstance(event.start, datetime):
        assert isinstance(event.end, datetime)
        start = event.start.astimezone(zone)
        last = (event.end - timedelta(microseconds=1)).astimezone(zone).date()
        days = [(start.date(), start.strftime("%H:%M"))]
        d = start.date() + timedelta(days=1)
        while d <= last:
            days.append((d, "…"))
            d += timedelta(days=1)
        return days
    assert not isinstance(event.end, datetime)
    span = (event.end - event.start).days
    return [(event.start + timedelta(days=i), "") for i in range(max(span, 1))]


def _placed(views: Sequence[EventView], zone: ZoneInfo) -> dict[date, Day]:
    days: dict[date, Day] = {}
    for view in views:
        for day, clock in _days_of(view.shown, zone):
            cell = days.setdefault(day, Day(day))
            if clock:
                cell.timed.append((clock, view))
            else:
                cell.allday.append(view)
    for cell in days.values():
        cell.timed.sort(key=lambda item: (item[0], item[1].index))
    return days


def weeks(views: Sequence[EventView], zone: ZoneInfo) -> list[Week]:
    """Every week (Monday to Sunday) that has an event, in order."""
    placed = _placed(views, zone)
    mondays = sorted({d - timedelta(days=d.weekday()) for d in placed})
    return [Week(m, [placed.get(m + timedelta(days=i)) or Day(m + timedelta(days=i))
                     for i in range(7)]) for m in mondays]


def months(views: Sequence[EventView], zone: ZoneInfo) -> list[Month]:
    """Every month that has an event, as weeks from the Monday before its first day."""
    placed = _placed(views, zone)
    firsts = sorted({d.replace(day=1) for d in placed})
    out = []
    for first in firsts:
        following = (first + timedelta(days=32)).replace(day=1)
        monday = first - timedelta(days=first.weekday())
        rows = []
        while monday < following:
            days = []
            for i in range(7):
                d = monday + timedelta(days=i)
                cell = placed.get(d) or Day(d)
                days.append(Day(d, cell.allday, cell.timed, outside=d.month != first.month))
            rows.append(Week(monday, days))
            monday += timedelta(days=7)
        out.append(Month(first, rows))
    return out


def long_span(views: Sequence[EventView], zone: ZoneInfo, weeks_limit: int = 6) -> bool:
    """True when the events spread over more weeks than a week view shows comfortably."""
    placed = _placed(views, zone)
    if not placed:
        return False
    return (max(placed) - min(placed)).days > 7 * weeks_limit


__all__ = ["PALETTE", "ArticleView", "Day", "EventView", "Month", "Piece", "Week", "anchor",
           "article_view", "describe_when", "event_views", "long_span", "months",
           "start_day_clock", "weeks"]
