"""One event per happening, however many articles report it (pure: no I/O, no clock).

The rule, applied to reports in publication order (earliest first):

* Titles are normalised (accents, case, punctuation, small words and date words such as
  "June", "Friday" or "20th" dropped, plural ``s`` removed) into word sets: "Festival on
  June 20" and "Riverside Jazz Festival" share "festival".
* Numbers, letters and codes that name a thing ("Group B", "Stage 4", "Flight 101", "Round 3",
  "Case 21-476", "Working Group 12") are part of its identity (``identifiers``): two reports
  naming the same noun with different codes ("Group B" and "Group C") never merge, however
  alike the rest of their titles; the same code in two articles still does.
* A report joins an existing event when it comes from a different article and either
  - **same happening**: its days overlap the event's days, the word sets overlap enough
    (overlap coefficient ≥ 0.6: "Summit" and "Climate summit" match, "Board meeting" and
    "Council meeting" do not) and the locations do not contradict (both known and different
    prevents the match); or
  - **a move**: the titles are nearly the same (Jaccard ≥ 0.8), the report's own sentence says
    it moved ("postponed", "delayed", "rescheduled", "moved to", "pushed back", "brought
    forward", "new date"...) and it is within a year. A bare second date with the same title
    is *not* a move: the same meeting every week stays separate events.
  Among several candidates the one with the most similar title wins, then the earliest.
* The merged event keeps the UID and title of its first report, so calendars see an update,
  not a new event. A move takes the mover's date and time; a same-day report only refines an
  all-day event into a timed one on a day it already covers. Location and status come from the
  latest report that states them (a later "cancelled" wins); confidence is the highest; the
  evidence lists every report in order, so the description shows all sources.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Literal

from calsync.model import Event, Evidence
from calsync.names import codes_disagree, identifiers, words

Status = Literal["CONFIRMED", "TENTATIVE", "CANCELLED"]

SAME_DAY_OVERLAP = 0.6
MOVE_JACCARD = 0.8
MOVE_WINDOW = timedelta(days=366)

_MOVE_CUES = re.compile(
    r"\b(postpon\w*|delay(?:ed|s)?|reschedul\w*|moved|pushed back|push(?:es|ed)? (?:it )?back|"
    r"brought forward|put off|new date|now (?:be )?(?:held|take place|takes place)|"
    r"report[ée]e?s?|d[ée]cal[ée]e?s?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Reported:
    """An event as one article reported it, with that article's publication instant."""

    event: Event
    published: datetime
    article: str


def _days(event: Event) -> tuple[date, date]:
    """First and last day (inclusive) an event covers, in its own timezone."""
    if isinstance(event.start, datetime) and isinstance(event.end, datetime):
        first = event.start.date()
        last = (event.end - timedelta(microseconds=1)).date()
        return first, max(first, last)
    start, end = event.start, event.end
    return start, end - timedelta(days=1)


def _overlap(a: Event, b: Event) -> bool:
    a0, a1 = _days(a)
    b0, b1 = _days(b)
    return a0 <= b1 and b0 <= a1


def _place(event: Event) -> frozenset[str] | None:
    return words(event.location) if event.location else None


def _places_agree(a: Event, b: Event) -> bool:
    pa, pb = _place(a), _place(b)
    return pa is None or pb is None or bool(pa & pb)


def _overlap_coefficient(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def says_moved(event: Event) -> bool:
    """True when the report's own sentence says the happening moved."""
    return any(_MOVE_CUES.search(ev.sentence) for ev in event.evidence)


@dataclass
class _Cluster:
    first: Reported
    current: Event
    members: list[Reported] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    uids: set[str] = field(default_factory=set)
    titles: set[frozenset[str]] = field(default_factory=set)
    codes: set[frozenset[tuple[str, str]]] = field(default_factory=set)

    def add(self, report: Reported) -> None:
        self.members.append(report)
        self.articles.add(report.article)
        self.uids.add(report.event.uid)
        self.titles.add(words(report.event.title))
        self.codes.add(identifiers(report.event.title))


def _score(cluster: _Cluster, report: Reported) -> float | None:
    """How well ``report`` fits ``cluster`` (None: it does not)."""
    ev = report.event
    if ev.uid in cluster.uids:
        return 2.0  # the same UID is the same event, even from the same article
    if report.article in cluster.articles:
        return None
    codes = identifiers(ev.title)
    if any(codes_disagree(codes, theirs) for theirs in cluster.codes):
        return None  # "Group B" is never "Group C"
    mine = words(ev.title)
    same_days = _overlap(ev, cluster.current) and _places_agree(ev, cluster.current)
    moved = says_moved(ev) and abs(_days(ev)[0] - _days(cluster.current)[0]) <= MOVE_WINDOW
    if not (same_days or moved):
        return None
    best: float | None = None
    for theirs in cluster.titles:
        shared = _overlap_coefficient(mine, theirs)
        if same_days and shared >= SAME_DAY_OVERLAP:
            best = max(best or 0.0, shared)
        jac = _jaccard(mine, theirs)
        if moved and jac >= MOVE_JACCARD:
            best = max(best or 0.0, jac)
    return best


def _fold(current: Event, report: Reported) -> Event:
    """The cluster's event after one more (later) report."""
    ev = report.event
    start, end, zone = current.start, current.end, current.timezone
    if not _overlap(ev, current) and says_moved(ev):
        start, end, zone = ev.start, ev.end, ev.timezone
    elif current.all_day and not ev.all_day and _overlap(ev, current):
        # A timed report refines an all-day one on a day the event already covers.
        start, end, zone = ev.start, ev.end, ev.timezone
    elif _overlap(ev, current) and says_moved(ev) and ev.all_day == current.all_day:
        start, end, zone = ev.start, ev.end, ev.timezone  # moved within the same day(s)
    evidence: dict[Evidence, None] = dict.fromkeys(current.evidence)
    evidence.update(dict.fromkeys(ev.evidence))
    categories = dict.fromkeys(current.categories)
    categories.update(dict.fromkeys(ev.categories))
    return replace(
        current, start=start, end=end, timezone=zone,
        location=ev.location or current.location,
        evidence=tuple(evidence), categories=tuple(categories),
        confidence=max(current.confidence, ev.confidence),
        status=_status(current, ev),
    )


def _status(current: Event, later: Event) -> Status:
    """A cancellation sticks until a later report moves the happening (it is on again)."""
    if current.status == "CANCELLED" and later.status != "CANCELLED" and not says_moved(later):
        return "CANCELLED"
    return later.status


def _span(event: Event, cap: int = 400) -> list[date]:
    """The days an event covers (at most ``cap``), for the day index."""
    first, last = _days(event)
    count = min((last - first).days + 1, cap)
    return [first + timedelta(days=i) for i in range(count)]


def _order(report: Reported) -> tuple[datetime, str, str, str]:
    return (report.published, report.article, str(report.event.start), report.event.uid)


def merge_events(reports: Iterable[Reported]) -> list[Event]:
    """Merge reports into events; the result is sorted by (start, uid) and does not depend on
    the order of ``reports``."""
    clusters: list[_Cluster] = []
    # Both ways of matching need a shared title word (or the same UID): an index by word
    # keeps the comparisons to the few candidate clusters, not all of them.
    # Same-happening matches also need overlapping days: a second index, by day.
    by_word: dict[str, set[int]] = {}
    by_day: dict[date, set[int]] = {}
    by_uid: dict[str, int] = {}
    for report in sorted(reports, key=_order):
        mine = words(report.event.title)
        sharing: set[int] = set()
        for word in mine:
            sharing |= by_word.get(word, set())
        same_days: set[int] = set()
        for day in _span(report.event):
            same_days |= by_day.get(day, set())
        candidates = sharing if says_moved(report.event) else sharing & same_days
        if report.event.uid in by_uid:
            candidates.add(by_uid[report.event.uid])
        best: tuple[float, int] | None = None
        for index in sorted(candidates):
            score = _score(clusters[index], report)
            if score is not None and (best is None or score > best[0]):
                best = (score, index)
        if best is None:
            index = len(clusters)
            cluster = _Cluster(first=report, current=report.event)
            clusters.append(cluster)
        else:
            index = best[1]
            cluster = clusters[index]
            cluster.current = _fold(cluster.current, report)
        cluster.add(report)
        for word in mine:
            by_word.setdefault(word, set()).add(index)
        for day in _span(cluster.current):
            by_day.setdefault(day, set()).add(index)
        by_uid.setdefault(report.event.uid, index)
    # A happening only ever reported as called off was never on anybody's calendar.
    events = [c.current for c in clusters
              if any(m.event.status != "CANCELLED" for m in c.members)]
    return sorted(events, key=calendar_order)


def calendar_order(event: Event) -> tuple[date, float, str]:
    """The order events are listed in: by day, all-day events first, then timed ones by
    instant, then UID (the merge's output and the review's corrections share it)."""
    start = event.start
    if isinstance(start, datetime):
        return start.date(), start.timestamp(), event.uid
    return start, float("-inf"), event.uid
