"""What people decided about events in review: approve, reject, or correct.

A decision is keyed by the event's UID, which stays the same across runs and article edits
(it is made from the article's identity and the happening's name, not its date), so a
decision outlives re-extraction: a rejected event stays out, a corrected one stays corrected.

``apply_decisions`` is the one place decisions change events; the assembly step every
command takes (``calsync.assemble``) calls it, so ``run``, ``sync`` and ``export`` write the
same decided events. ``approved_only`` is the hold of a target configured with
``review = true``: only events someone approved (or corrected) reach it. Pure: no I/O, no
clock (decisions are stored by ``calsync.sync.state``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from calsync.errors import UsageError
from calsync.merge import calendar_order
from calsync.model import Event

Verdict = Literal["approved", "rejected"]
VERDICTS: tuple[Verdict, ...] = ("approved", "rejected")

#: How long an event that gets a time of day in review lasts when it had none.
DEFAULT_DURATION = timedelta(hours=1)

_CLOCK = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")


@dataclass(frozen=True)
class Decision:
    """One person's decision about the event ``uid``.

    ``verdict`` "approved" with correction fields is a correction (approved as corrected).
    A correction field left None keeps what extraction found; ``clock`` "" makes the event
    all-day, ``location`` "" removes the place. ``basis`` is the event's content hash when the
    decision was made, so the review page can say that the article changed since.
    """

    uid: str
    verdict: Verdict
    title: str | None = None
    day: date | None = None
    clock: str | None = None
    location: str | None = None
    basis: str = ""
    decided: datetime | None = None

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {self.verdict!r}")
        if self.clock and not _CLOCK.fullmatch(self.clock):
            raise ValueError(f"bad time of day {self.clock!r} (HH:MM)")

    @property
    def corrected(self) -> bool:
        return self.verdict == "approved" and any(
            v is not None for v in (self.title, self.day, self.clock, self.location))


Decisions = Mapping[str, Decision]


def parse_clock(value: str) -> str:
    """``"9:05"`` -> ``"09:05"``; "" stays "" (all day); anything else is a ``UsageError``."""
    value = value.strip()
    if not value:
        return ""
    m = _CLOCK.fullmatch(value)
    if m is None:
        raise UsageError(f"bad time of day {value!r}", hint="use HH:MM, e.g. 09:30")
    return f"{int(m.group(1)):02d}:{m.group(2)}"


def correct(event: Event, decision: Decision) -> Event:
    """``event`` with the decision's corrections (title, day, time of day, place)."""
    if not decision.corrected:
        return event
    title = decision.title if decision.title else event.title
    location = event.location if decision.location is None else (decision.location or None)
    start, end = _moved(event, decision.day, decision.clock)
    return replace(event, title=title, location=location, start=start, end=end)


def _moved(event: Event, day: date | None, clock: str | None
           ) -> tuple[date | datetime, date | datetime]:
    zone = ZoneInfo(event.timezone)
    if isinstance(event.start, datetime):
        assert isinstance(event.end, datetime)
        local = event.start.astimezone(zone)
        length = event.end - event.start
        new_day = day or local.date()
        if clock == "":  # timed -> all day
            return new_day, new_day + timedelta(days=1)
        wall = _clock(clock) if clock else local.time().replace(tzinfo=None)
        start = datetime.combine(new_day, wall, zone)
        return start, start + length
    assert not isinstance(event.end, datetime)
    span = event.end - event.start
    new_day = day or event.start
    if clock:  # all day -> timed, an hour long
        start = datetime.combine(new_day, _clock(clock), zone)
        return start, start + DEFAULT_DURATION
    return new_day, new_day + span


def _clock(value: str) -> time:
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def apply_decisions(events: Iterable[Event], decisions: Decisions) -> list[Event]:
    """The events as people decided: rejected ones out, corrected ones corrected.

    Undecided and approved events pass unchanged; the order is by start, then UID, as the
    merge gives it, after corrections moved some.
    """
    out: list[Event] = []
    for event in events:
        decision = decisions.get(event.uid)
        if decision is None:
            out.append(event)
        elif decision.verdict != "rejected":
            out.append(correct(event, decision))
    return sorted(out, key=calendar_order)


def approved_only(events: Iterable[Event], decisions: Decisions) -> list[Event]:
    """What a ``review = true`` target receives: the events someone approved or corrected."""
    return [e for e in events
            if (d := decisions.get(e.uid)) is not None and d.verdict == "approved"]


def rejected_uids(decisions: Decisions) -> frozenset[str]:
    return frozenset(uid for uid, d in decisions.items() if d.verdict == "rejected")


__all__ = ["DEFAULT_DURATION", "VERDICTS", "Decision", "Decisions", "Verdict",
           "apply_decisions", "approved_only", "correct", "parse_clock", "rejected_uids"]
