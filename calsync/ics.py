"""Event ⇄ iCalendar (RFC 5545): the bytes of a calsync .ics file, and reading them back.

Pure: no file I/O and no clock. The caller passes ``now`` and the previous file's content, so
the same events, previous file and ``now`` always give the same bytes, and a re-run with no
change reproduces the previous file exactly (unchanged events keep SEQUENCE, DTSTAMP and
LAST-MODIFIED). Built on the icalendar package, with two of its behaviours replaced: its TEXT
escaping (which turns a literal backslash-N into a newline) and its VTIMEZONE generation (long
RDATE lists, which Outlook ignores); here VTIMEZONEs use yearly RRULEs.
"""

from __future__ import annotations

import functools
import json
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from calsync.errors import InputError
from calsync.model import LOW_CONFIDENCE, Change, ChangeKind, Event, Evidence, Plan
from calsync.wording import plural

if TYPE_CHECKING:
    from icalendar import Calendar, Component, Timezone

PRODID = "-//calsync//calsync 0.1//EN"
PRODID_PREFIX = "-//calsync//"
DEFAULT_REFRESH = timedelta(hours=12)
DEFAULT_NAME = "calsync"

X_HASH = "X-CALSYNC-HASH"
X_CONFIDENCE = "X-CALSYNC-CONFIDENCE"
X_EVIDENCE = "X-CALSYNC-EVIDENCE"
X_TIMEZONE = "X-CALSYNC-TIMEZONE"
X_STATUS = "X-CALSYNC-STATUS"
#: Calendar property naming the configuration that writes the file (see ``CalendarOptions``).
X_OWNER = "X-CALSYNC-OWNER"

#: Zone names written as UTC ("...Z") rather than with a TZID and a VTIMEZONE.
UTC_NAMES = frozenset(
    {"UTC", "Etc/UTC", "Z", "GMT", "Etc/GMT", "UCT", "Etc/UCT", "Universal",
     "Etc/Universal", "Zulu", "Etc/Zulu"}
)

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_UNESCAPE = re.compile(r"\\([\\;,nN])")


# --- text ---------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """What a TEXT value can carry: line breaks become LF, other control characters go.

    RFC 5545 TEXT has no way to write CR or other control characters, so they are removed
    before hashing and writing; a round trip of cleaned text is then exact.
    """
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def escape_text(text: str) -> str:
    r"""Escape a TEXT value (RFC 5545 3.3.11): ``\ ; ,`` and newlines, nothing else."""
    return (
        clean_text(text)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def unescape_text(value: str) -> str:
    """Reverse ``escape_text`` in one pass (so ``\\\\n`` stays a backslash and an n)."""
    return _UNESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


@functools.cache
def _text_types() -> tuple[type, type]:
    """vText and vCategory that serialize with ``escape_text`` (icalendar's is lossy).

    Built on first use so that importing this module does not import icalendar.
    """
    from icalendar import vText
    from icalendar.prop import vCategory

    class Text(vText):
        def to_ical(self) -> bytes:
            return escape_text(str(self)).encode("utf-8")

    class Categories(vCategory):
        def to_ical(self) -> bytes:
            return ",".join(escape_text(str(c)) for c in self.cats).encode("utf-8")

    return Text, Categories


def _text(value: str) -> Any:
    return _text_types()[0](value)


def _categories(values: Sequence[str]) -> Any:
    return _text_types()[1](list(values))


# --- zones --------------------------------------------------------------------------------


def zone_for(name: str) -> ZoneInfo | None:
    """The IANA zone to write times in, or None for UTC and unknown names (written as Z)."""
    if name in UTC_NAMES:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _ical_datetime(value: datetime, zone_name: str) -> datetime:
    """The instant as written: local time in its zone, or UTC when that would be ambiguous.

    RFC 5545 reads a repeated local time (the hour after a DST change) as its first
    occurrence, so the second occurrence is written in UTC to keep the instant exact.
    """
    zone = zone_for(zone_name)
    utc = value.astimezone(UTC).replace(microsecond=0)
    if zone is None:
        return utc
    local = utc.astimezone(zone)
    if local.fold and local.replace(fold=0).utcoffset() != local.utcoffset():
        return utc
    return local


def _derived_timezone(start: date | datetime, calendar_timezone: str) -> str:
    """The zone a reader infers without X-CALSYNC-TIMEZONE: the TZID, UTC, or the calendar's."""
    if isinstance(start, datetime) and start.tzinfo is not None:
        key = getattr(start.tzinfo, "key", "UTC")
        return "UTC" if key in UTC_NAMES else str(key)
    return calendar_timezone


def normalize(event: Event) -> Event:
    """The event exactly as it reads back from our file (so its hash is stable).

    Text loses what TEXT cannot carry, timed instants are expressed in the event's zone at
    whole seconds, and empty categories are dropped.
    """
    changes: dict[str, Any] = {}
    title = clean_text(event.title)
    if title != event.title:
        changes["title"] = title
    if event.location is not None:
        location = clean_text(event.location) or None
        if location != event.location:
            changes["location"] = location
    cats = tuple(c for c in (clean_text(c) for c in event.categories) if c)
    if cats != event.categories:
        changes["categories"] = cats
    if isinstance(event.start, datetime) and isinstance(event.end, datetime):
        zone: tzinfo = zone_for(event.timezone) or UTC
        start = event.start.astimezone(UTC).replace(microsecond=0).astimezone(zone)
        end = event.end.astimezone(UTC).replace(microsecond=0).astimezone(zone)
        if end <= start:
            end = start + timedelta(seconds=1)
        if start.isoformat() != event.start.isoformat() or start.tzinfo is not event.start.tzinfo:
            changes["start"] = start
        if end.isoformat() != event.end.isoformat() or end.tzinfo is not event.end.tzinfo:
            changes["end"] = end
    return replace(event, **changes) if changes else event


@dataclass(frozen=True)
class _State:
    offset: timedelta
    dst: bool
    name: str


def _state(zone: ZoneInfo, instant: datetime) -> _State:
    local = instant.astimezone(zone)
    return _State(
        local.utcoffset() or timedelta(0), bool(local.dst()), local.tzname() or zone.key
    )


@dataclass(frozen=True)
class _Transition:
    at: datetime  # UTC
    before: _State
    after: _State

    @property
    def onset(self) -> datetime:
        """Local wall time of the change, in the offset before it (as DTSTART wants)."""
        return (self.at + self.before.offset).replace(tzinfo=None)

    def key(self) -> tuple[Any, ...]:
        onset = self.onset
        last_day = (onset.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        week = -1 if onset.day + 7 > last_day.day else (onset.day - 1) // 7 + 1
        return (self.after, self.before.offset, onset.month, onset.weekday(), week, onset.time())


def _transitions(zone: ZoneInfo, start: datetime, stop: datetime) -> list[_Transition]:
    """Offset/name changes between two instants, found day by day then to the second."""
    found: list[_Transition] = []
    t = start
    prev = _state(zone, t)
    step = timedelta(days=1)
    while t < stop:
        nxt = t + step
        cur = _state(zone, nxt)
        if cur != prev:
            lo, hi = t, nxt  # state(lo) == prev, state(hi) == cur
            while hi - lo > timedelta(seconds=1):
                mid = lo + (hi - lo) / 2
                mid = mid.replace(microsecond=0)
                if _state(zone, mid) == prev:
                    lo = mid
                else:
                    hi = mid
            found.append(_Transition(hi, prev, cur))
            prev = cur
        t = nxt
    return found


_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


#: VTIMEZONEs run at least this far and reach back as far as today's rules do, so that every
#: file (and every CalDAV object) written for a zone carries the same VTIMEZONE whatever years
#: its events fall in. Servers that cache one VTIMEZONE per TZID (vobject, hence Radicale)
#: then never apply a narrow one to events outside it.
MIN_LAST_YEAR = 2037
EARLIEST_YEAR = 1970


@functools.lru_cache(maxsize=64)
def _all_transitions(name: str, last_year: int) -> tuple[_Transition, ...]:
    return tuple(_transitions(ZoneInfo(name), datetime(EARLIEST_YEAR, 1, 1, tzinfo=UTC),
                              datetime(last_year + 1, 1, 1, tzinfo=UTC)))


def _runs(transitions: Iterable[_Transition]) -> list[list[_Transition]]:
    """Group changes on the same rule in consecutive years."""
    runs: list[list[_Transition]] = []
    open_runs: dict[tuple[Any, ...], list[_Transition]] = {}
    for tr in transitions:
        key = tr.key()
        run = open_runs.get(key)
        if run is not None and run[-1].onset.year == tr.onset.year - 1:
            run.append(tr)
        else:
            run = [tr]
            runs.append(run)
            open_runs[key] = run
    return runs


def vtimezone(name: str, first_year: int, last_year: int) -> Timezone:
    """A VTIMEZONE for ``name`` that is exact from ``first_year`` to ``last_year`` (at least).

    Consecutive yearly changes on the same rule (e.g. last Sunday of March at 02:00) become
    one observance with an RRULE, the form Outlook understands; the rule in force at the end
    is left open-ended. Rules already in force before ``first_year`` start from the first year
    they all held (1996 for Europe/Paris), so the result rarely depends on ``first_year``.
    Irregular changes become single-onset observances.
    """
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    zone = ZoneInfo(name)
    last_year = max(last_year, MIN_LAST_YEAR)
    first_year = max(first_year, EARLIEST_YEAR)
    start = datetime(first_year, 1, 1, tzinfo=UTC)
    everything = _all_transitions(name, last_year)
    transitions = [t for t in everything if t.at >= start]
    runs = _runs(transitions)

    lead = [run for run in runs if run[0].onset.year == first_year]
    if lead:  # reach back while earlier years had exactly the same changes
        keys = {run[0].key() for run in lead}
        earlier: dict[int, list[_Transition]] = {}
        for t in everything:
            if t.at < start:
                earlier.setdefault(t.onset.year, []).append(t)
        year, found = first_year - 1, None
        while year >= EARLIEST_YEAR:
            same = earlier.get(year, [])
            if len(same) != len(keys) or {t.key() for t in same} != keys:
                break
            found = {t.key(): t for t in same}
            year -= 1
        if found:
            for run in lead:
                run.insert(0, found[run[0].key()])

    tz = Timezone()
    tz.add("tzid", name)
    tz.add("x-lic-location", name)
    observances: list[tuple[datetime, Component]] = []

    def observance(after: _State, before: timedelta, onset: datetime) -> Component:
        comp: Component = TimezoneDaylight() if after.dst else TimezoneStandard()
        comp.add("dtstart", onset)
        comp.add("tzoffsetfrom", before)
        comp.add("tzoffsetto", after.offset)
        comp.add("tzname", _text(after.name))
        return comp

    if not transitions or transitions[0].onset.year != first_year:
        initial = _state(zone, start)
        onset = (start + initial.offset).replace(tzinfo=None)
        observances.append((onset, observance(initial, initial.offset, onset)))
    for run in runs:
        first = run[0]
        comp = observance(first.after, first.before.offset, first.onset)
        if len(run) > 1:
            _, _, month, weekday, week, _ = first.key()
            rule: dict[str, Any] = {
                "freq": "YEARLY", "bymonth": month, "byday": f"{week}{_WEEKDAYS[weekday]}"
            }
            if run[-1].onset.year < last_year:
                rule["until"] = run[-1].at
            comp.add("rrule", rule)
        observances.append((first.onset, comp))
    for _, comp in sorted(observances, key=lambda item: item[0]):
        tz.add_component(comp)
    return tz


# --- previous state -----------------------------------------------------------------------


@dataclass(frozen=True)
class Stamp:
    """What a previous file says about one event: enough to keep or bump its versioning."""

    uid: str
    content_hash: str | None
    sequence: int = 0
    dtstamp: datetime | None = None
    last_modified: datetime | None = None
    created: datetime | None = None
    #: The event read back, when it could be; needed to write it again as CANCELLED. The
    #: fast reader leaves it to ``read_event``, which parses ``block`` when asked.
    event: Event | None = None
    #: The VEVENT exactly as it is in the file (fast reader only), and what of it the content
    #: hash does not cover (raw confidence, status and evidence values): when these match,
    #: the block is the very bytes ``build_calendar`` would write again, and is reused.
    block: str | None = None
    unhashed: tuple[str | None, str | None, str | None] | None = None
    calendar_timezone: str = "UTC"

    def read_event(self) -> Event | None:
        if self.event is not None or self.block is None:
            return self.event
        try:
            cal = _load(("BEGIN:VCALENDAR\r\n" + self.block + "END:VCALENDAR\r\n").encode(),
                        self.uid)
            event: Event | None = _to_event(next(iter(cal.walk("VEVENT"))),
                                            self.calendar_timezone)
        except (InputError, ValueError, TypeError, StopIteration):
            event = None
        object.__setattr__(self, "event", event)
        return event


@dataclass(frozen=True)
class Previous:
    """A previous output file, parsed."""

    calendar_uid: str | None = None
    produced_by_calsync: bool = True
    entries: Mapping[str, Stamp] = field(default_factory=dict)
    #: X-CALSYNC-OWNER: which configuration writes this file (None: any).
    owner: str | None = None
    #: X-WR-TIMEZONE, and whether the file was written by this very calsync (its PRODID), so
    #: its VEVENT blocks can be written again as they are.
    timezone: str | None = None
    reusable: bool = False


EMPTY = Previous()


def _load(data: bytes, what: str) -> Calendar:
    """Parse bytes as one VCALENDAR; anything else is an InputError naming ``what``."""
    from icalendar import Calendar

    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper()
    if head != b"BEGIN:VCALENDAR":
        raise InputError(f"{what}: not an iCalendar file (it does not start with "
                         "BEGIN:VCALENDAR)")
    try:
        cal = Calendar.from_ical(data)
    except (ValueError, IndexError, KeyError) as exc:
        raise InputError(f"{what}: unreadable iCalendar data: {exc}") from exc
    if not isinstance(cal, Calendar) or cal.name != "VCALENDAR":
        raise InputError(f"{what}: not an iCalendar file")
    return cal


def _utc(value: object) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _x_text(comp: Component, name: str) -> str | None:
    """An X- property as text: icalendar keeps unknown values escaped, so unescape here."""
    from icalendar import vText

    value = comp.get(name)
    if value is None:
        return None
    if isinstance(value, list):
        value = value[0]
    return str(value) if isinstance(value, vText) else unescape_text(str(value))


def _decoded(comp: Component, name: str) -> Any:
    try:
        return comp.decoded(name)
    except (KeyError, ValueError):
        return None


_UTC_STAMP = re.compile(r"(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z")
_STAMP_PROPS = ("DTSTAMP", "LAST-MODIFIED", "CREATED")
_FAST_PROPS = frozenset(("UID", "SEQUENCE", X_HASH, X_CONFIDENCE, X_STATUS, X_EVIDENCE,
                         *_STAMP_PROPS))
_HEADER_PROPS = frozenset(("PRODID", "X-WR-TIMEZONE", "UID", X_OWNER))


def _stamp_time(value: str) -> datetime | None:
    m = _UTC_STAMP.fullmatch(value)
    if m is None:
        return None
    y, mo, d, h, mi, sec = (int(g) for g in m.groups())
    try:
        return datetime(y, mo, d, h, mi, sec, tzinfo=UTC)
    except ValueError:
        return None


def _fast_props(lines: Iterable[str], wanted: frozenset[str]) -> dict[str, str] | None:
    """Raw values of the ``wanted`` properties among unfolded ``lines``; None when one of them
    has parameters or appears twice (not the shape we write)."""
    found: dict[str, str] = {}
    for line in lines:
        name, _, value = line.partition(":")
        if name in wanted:
            if name in found:
                return None
            found[name] = value
        elif ";" in name and name.split(";", 1)[0] in wanted:
            return None
    return found


def _read_fast(data: bytes) -> Previous | None:
    """Our own files, read without icalendar (which takes about 1 ms per event).

    Only a file exactly in the shape ``build_calendar`` writes is read here (calendar
    properties, VTIMEZONEs, then VEVENTs with no sub-components, CRLF line ends, UTC stamps);
    anything else returns None and goes through icalendar.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if not (text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("\r\nEND:VCALENDAR\r\n")):
        return None
    parts = text[:-len("END:VCALENDAR\r\n")].split("BEGIN:VEVENT\r\n")
    head = parts[0][len("BEGIN:VCALENDAR\r\n"):].replace("\r\n ", "")
    head_props = _fast_props(head.split("BEGIN:", 1)[0].split("\r\n"), _HEADER_PROPS)
    if head_props is None or "\r\nEND:VEVENT\r\n" in head:
        return None
    cal_tz = head_props.get("X-WR-TIMEZONE") or "UTC"
    entries: dict[str, Stamp] = {}
    for part in parts[1:]:
        body, end, rest = part.partition("END:VEVENT\r\n")
        if not end or rest or "BEGIN:" in body or not body.endswith("\r\n"):
            return None
        props = _fast_props(body.replace("\r\n ", "").split("\r\n"), _FAST_PROPS)
        if props is None:
            return None
        uid = unescape_text(props.get("UID", ""))
        if not uid or uid in entries:
            continue
        try:
            sequence = int(props.get("SEQUENCE", "0"))
        except ValueError:
            sequence = 0
        stamps = [_stamp_time(props[n]) if n in props else None for n in _STAMP_PROPS]
        reusable = all(t is not None for t in stamps)
        entries[uid] = Stamp(
            uid=uid, content_hash=props.get(X_HASH) or None, sequence=sequence,
            dtstamp=stamps[0], last_modified=stamps[1], created=stamps[2],
            block="BEGIN:VEVENT\r\n" + body + end,
            unhashed=((props.get(X_CONFIDENCE), props.get(X_STATUS), props.get(X_EVIDENCE))
                      if reusable else None),
            calendar_timezone=cal_tz,
        )
    prodid = head_props.get("PRODID", "")
    return Previous(
        calendar_uid=unescape_text(head_props["UID"]) if head_props.get("UID") else None,
        produced_by_calsync=prodid.startswith(PRODID_PREFIX), entries=entries,
        owner=unescape_text(head_props[X_OWNER]) if head_props.get(X_OWNER) else None,
        timezone=cal_tz, reusable=prodid == PRODID,
    )


def read_previous(data: bytes, what: str = "calendar") -> Previous:
    """Read the versioning state of an existing output file (InputError if not a calendar).

    Our own files are read by a small reader of their exact shape (``_read_fast``); others,
    and ours edited by hand into another shape, by icalendar.
    """
    fast = _read_fast(data)
    return fast if fast is not None else read_previous_slowly(data, what)


def read_previous_slowly(data: bytes, what: str = "calendar") -> Previous:
    """``read_previous`` through icalendar, for any calendar (and to check the fast reader)."""
    cal = _load(data, what)
    prodid = str(cal.get("prodid", ""))
    cal_tz = str(cal.get("x-wr-timezone", "")) or "UTC"
    entries: dict[str, Stamp] = {}
    for comp in cal.walk("VEVENT"):
        uid = str(comp.get("uid", ""))
        if not uid or uid in entries:
            continue
        try:
            event: Event | None = _to_event(comp, cal_tz)
        except (InputError, ValueError, TypeError):
            event = None
        try:
            sequence = int(comp.get("sequence", 0))
        except (TypeError, ValueError):
            sequence = 0
        entries[uid] = Stamp(
            uid=uid,
            content_hash=_x_text(comp, X_HASH) or None,
            sequence=sequence,
            dtstamp=_utc(_decoded(comp, "dtstamp")),
            last_modified=_utc(_decoded(comp, "last-modified")),
            created=_utc(_decoded(comp, "created")),
            event=event,
        )
    uid_prop = cal.get("uid")
    return Previous(
        calendar_uid=str(uid_prop) if uid_prop else None,
        produced_by_calsync=prodid.startswith(PRODID_PREFIX),
        entries=entries,
        owner=_x_text(cal, X_OWNER) or None,
        timezone=cal_tz,
    )


# --- reconciliation -----------------------------------------------------------------------

EntryKind = Literal["created", "updated", "unchanged", "cancelled"]


@dataclass(frozen=True)
class Entry:
    """One VEVENT to write and why (its versioning follows from ``kind`` and ``previous``)."""

    kind: EntryKind
    event: Event
    previous: Stamp | None = None


@dataclass(frozen=True)
class Reconciliation:
    entries: tuple[Entry, ...]
    dropped: tuple[str, ...] = ()
    duplicates: tuple[str, ...] = ()


def reconcile(
    events: Iterable[Event], previous: Previous = EMPTY, *, keep_cancelled: bool = False
) -> Reconciliation:
    """Compare desired events with a previous file: what is new, changed, same or gone.

    Events sharing a UID would make clients merge or drop them; the first (by start, then
    content) is kept and the others reported as duplicates.
    """
    desired: dict[str, Event] = {}
    duplicates: list[str] = []
    normalized = [normalize(e) for e in events]
    for ev in sorted(normalized, key=lambda e: (e.uid, _sort_instant(e), e.content_hash())):
        if ev.uid in desired:
            duplicates.append(ev.uid)
        else:
            desired[ev.uid] = ev
    entries: list[Entry] = []
    for uid, ev in desired.items():
        prev = previous.entries.get(uid)
        if prev is None:
            entries.append(Entry("created", ev))
        elif prev.content_hash == ev.content_hash():
            entries.append(Entry("unchanged", ev, prev))
        else:
            entries.append(Entry("updated", ev, prev))
    dropped: list[str] = []
    for uid, prev in sorted(previous.entries.items()):
        if uid in desired:
            continue
        gone = prev.read_event() if keep_cancelled else None
        if gone is not None and gone.status != "CANCELLED":
            entries.append(Entry("cancelled", replace(gone, status="CANCELLED"), prev))
        else:
            dropped.append(uid)
    return Reconciliation(tuple(entries), tuple(dropped), tuple(duplicates))


def plan(
    events: Iterable[Event], previous: Previous = EMPTY, *, target: str = "ics",
    keep_cancelled: bool = False,
) -> Plan:
    """The changes a write would make, as a ``Plan`` (for --dry-run)."""
    rec = reconcile(events, previous, keep_cancelled=keep_cancelled)
    kinds = {
        "created": (ChangeKind.CREATE, "new event"),
        "updated": (ChangeKind.UPDATE, "content changed"),
        "unchanged": (ChangeKind.UNCHANGED, ""),
        "cancelled": (ChangeKind.DELETE, "gone from the sources; kept once as CANCELLED"),
    }
    changes = [
        Change(kinds[e.kind][0], e.event.uid, e.event, reason=kinds[e.kind][1])
        for e in _ordered(rec.entries)
    ]
    for uid in rec.dropped:
        gone = previous.entries[uid].read_event()
        reason = ("cancelled by an earlier run; now removed"
                  if gone is not None and gone.status == "CANCELLED" else "gone from the sources")
        changes.append(Change(ChangeKind.DELETE, uid, gone, reason=reason))
    changes += [
        Change(ChangeKind.SKIPPED, uid, reason="duplicate UID") for uid in rec.duplicates
    ]
    return Plan(target=target, changes=tuple(changes))


# --- writing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportResult:
    """What a write did, counted per kind of change."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    cancelled: int = 0
    dropped: int = 0
    duplicates: int = 0
    #: False when the file already had exactly these bytes (nothing was written).
    written: bool = False
    path: str | None = None

    @property
    def events(self) -> int:
        return self.created + self.updated + self.unchanged + self.cancelled

    def summary(self) -> str:
        parts = [
            plural(self.events, "event"),
            f"{self.created} created", f"{self.updated} updated",
            f"{self.unchanged} unchanged", f"{self.cancelled} cancelled",
            f"{self.dropped} dropped",
        ]
        if self.duplicates:
            parts.append(f"{plural(self.duplicates, 'duplicate UID')} skipped")
        return ", ".join(parts)


@dataclass(frozen=True)
class CalendarOptions:
    """Calendar-level settings of an output file."""

    name: str = DEFAULT_NAME
    #: Default zone of the calendar (X-WR-TIMEZONE); all-day events are read in it.
    timezone: str = "Europe/Paris"
    keep_cancelled: bool = False
    refresh: timedelta = DEFAULT_REFRESH
    #: Overrides the UID derived from ``name``.
    uid: str | None = None
    #: Written as X-CALSYNC-OWNER: who writes this file (``calsync run``: its configuration),
    #: so that two configurations writing one file are noticed (``IcsFileTarget``).
    owner: str | None = None


def calendar_uid(name: str) -> str:
    """A calendar UID that depends only on the name, so re-runs and re-exports keep it."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"calsync:calendar:{name}"))


def _sort_instant(event: Event, zone: str = "UTC") -> datetime:
    if isinstance(event.start, datetime):
        return event.start.astimezone(UTC)
    return datetime.combine(event.start, time(0), zone_for(zone) or UTC).astimezone(UTC)


def _ordered(entries: Iterable[Entry], zone: str = "UTC") -> list[Entry]:
    return sorted(entries, key=lambda e: (_sort_instant(e.event, zone), e.event.uid))


def _duration_text(value: timedelta) -> str:
    """RFC 5545 DURATION text (for X-PUBLISHED-TTL, which icalendar would treat as TEXT)."""
    days, rest = divmod(int(value.total_seconds()), 86400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    clock = "".join(f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (seconds, "S"))
                    if n)
    text = "P" + (f"{days}D" if days else "") + (f"T{clock}" if clock else "")
    return text if text != "P" else "PT0S"


def _written_times(ev: Event) -> tuple[date | datetime, date | datetime]:
    """DTSTART and DTEND as written (local in the event's zone, or both UTC)."""
    if isinstance(ev.start, datetime) and isinstance(ev.end, datetime):
        start_at = _ical_datetime(ev.start, ev.timezone)
        end_at = _ical_datetime(ev.end, ev.timezone)
        if (start_at.tzinfo is UTC) != (end_at.tzinfo is UTC):
            # both ends in one zone: some readers convert DTSTART into DTEND's zone and lose
            # the second occurrence of a repeated hour on the way
            start_at, end_at = start_at.astimezone(UTC), end_at.astimezone(UTC)
        return start_at, end_at
    return ev.start, ev.end


def _tentative(ev: Event) -> bool:
    """Marked X-CALSYNC-STATUS:TENTATIVE: tentative for a reason other than low confidence."""
    return ev.status == "TENTATIVE" and ev.effective_status == "TENTATIVE" and (
        ev.confidence < LOW_CONFIDENCE)


def _evidence_payload(ev: Event) -> str:
    return json.dumps([asdict(e) for e in ev.evidence], ensure_ascii=False, sort_keys=True)


def _unhashed(ev: Event) -> tuple[str | None, str | None, str | None]:
    """The raw values of what ``_vevent`` writes but the content hash does not cover."""
    return (repr(float(ev.confidence)), "TENTATIVE" if _tentative(ev) else None,
            escape_text(_evidence_payload(ev)) if ev.evidence else None)


def _vevent(entry: Entry, now: datetime, calendar_timezone: str) -> Component:
    from icalendar import Event as VEvent

    ev = entry.event
    prev = entry.previous
    if entry.kind == "unchanged" and prev is not None:
        sequence = prev.sequence
        dtstamp = prev.dtstamp or now
        modified = prev.last_modified or dtstamp
    else:
        sequence = 0 if prev is None else prev.sequence + 1
        dtstamp = modified = now
    created = prev.created if prev is not None and prev.created else (
        now if entry.kind == "created" else modified
    )
    comp = VEvent()
    comp.add("uid", _text(ev.uid))
    comp.add("dtstamp", dtstamp)
    start, end = _written_times(ev)
    comp.add("dtstart", start)
    comp.add("dtend", end)
    comp.add("summary", _text(ev.title))
    if ev.location:
        comp.add("location", _text(ev.location))
    comp.add("description", _text(ev.description()))
    if ev.url:
        comp.add("url", ev.url)
    if ev.categories:
        comp.add("categories", _categories(ev.categories))
    comp.add("status", ev.effective_status)
    comp.add("sequence", sequence)
    comp.add("created", created)
    comp.add("last-modified", modified)
    comp.add(X_HASH, ev.content_hash())
    comp.add(X_CONFIDENCE, repr(float(ev.confidence)))
    if _tentative(ev):
        comp.add(X_STATUS, "TENTATIVE")
    if _derived_timezone(start, calendar_timezone) != ev.timezone:
        comp.add(X_TIMEZONE, _text(ev.timezone))
    if ev.evidence:
        comp.add(X_EVIDENCE, _text(_evidence_payload(ev)))
    return comp


def _reused(entry: Entry, previous: Previous, calendar_timezone: str) -> bytes | None:
    """The previous file's bytes for an unchanged entry, when they are what ``_vevent`` would
    write: same calsync, same calendar zone, same content hash (the entry is unchanged), same
    values outside the hash. Saves rendering every event of a large file on each change."""
    prev = entry.previous
    if (entry.kind != "unchanged" or prev is None or prev.block is None
            or not previous.reusable or previous.timezone != calendar_timezone
            or prev.unhashed != _unhashed(entry.event)):
        return None
    return prev.block.encode("utf-8")


def build_calendar(
    events: Iterable[Event],
    previous: Previous = EMPTY,
    *,
    now: datetime,
    options: CalendarOptions = CalendarOptions(),
) -> tuple[bytes, ExportResult]:
    """The bytes of the calendar for ``events``, versioned against ``previous``.

    ``now`` (timezone-aware) stamps new and changed events only; unchanged events keep the
    stamps read from ``previous``, so the same input gives the same bytes.
    """
    from icalendar import Calendar

    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    now = now.astimezone(UTC).replace(microsecond=0)
    rec = reconcile(events, previous, keep_cancelled=options.keep_cancelled)
    entries = _ordered(rec.entries, options.timezone)

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", _text(options.name))
    cal.add("x-wr-calname", _text(options.name))
    cal.add("x-wr-timezone", options.timezone)
    cal.add("uid", options.uid or previous.calendar_uid or calendar_uid(options.name))
    cal.add("refresh-interval", options.refresh, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", _duration_text(options.refresh))
    if options.owner:
        cal.add(X_OWNER, _text(options.owner))

    # Each VEVENT is rendered on its own (or reused as it is) and placed after the calendar's
    # properties and VTIMEZONEs: the same bytes icalendar writes for the whole calendar.
    years: dict[str, set[int]] = {}
    vevents: list[bytes] = []
    for entry in entries:
        for value in _written_times(entry.event):
            if isinstance(value, datetime) and isinstance(value.tzinfo, ZoneInfo):
                years.setdefault(value.tzinfo.key, set()).add(value.year)
        block = _reused(entry, previous, options.timezone)
        if block is None:
            block = bytes(_vevent(entry, now, options.timezone).to_ical())
        vevents.append(block)
    for tzid in sorted(years):
        span = years[tzid]
        cal.add_component(vtimezone(tzid, min(span) - 1, max(span) + 1))
    head = bytes(cal.to_ical())
    end = b"END:VCALENDAR\r\n"
    assert head.endswith(end)

    kinds = [entry.kind for entry in entries]
    result = ExportResult(
        created=kinds.count("created"), updated=kinds.count("updated"),
        unchanged=kinds.count("unchanged"), cancelled=kinds.count("cancelled"),
        dropped=len(rec.dropped), duplicates=len(rec.duplicates),
    )
    return b"".join([head[:-len(end)], *vevents, end]), result


# --- reading back -------------------------------------------------------------------------


def _to_event(comp: Component, calendar_timezone: str) -> Event:
    """One VEVENT as an Event; a foreign event loses what Event cannot hold (e.g. RRULE)."""
    uid = str(comp.get("uid", ""))
    if not uid:
        raise InputError(f"event {str(comp.get('summary', ''))!r} has no UID")
    start = _decoded(comp, "dtstart")
    if not isinstance(start, date):
        raise InputError(f"event {uid}: no DTSTART")
    end = _decoded(comp, "dtend")
    if not isinstance(end, date):
        duration = _decoded(comp, "duration")
        if isinstance(duration, timedelta):
            end = start + duration
        elif not isinstance(start, datetime):
            end = start + timedelta(days=1)
        else:
            raise InputError(f"event {uid}: timed event without DTEND or DURATION")
    explicit_tz = _x_text(comp, X_TIMEZONE)
    timezone = explicit_tz if explicit_tz else _derived_timezone(start, calendar_timezone)
    if isinstance(start, datetime) and isinstance(end, datetime):
        floating = zone_for(timezone) or UTC
        if start.tzinfo is None:
            start = start.replace(tzinfo=floating)
        if end.tzinfo is None:
            end = end.replace(tzinfo=floating)
    elif isinstance(start, datetime) or isinstance(end, datetime):
        raise InputError(f"event {uid}: DTSTART and DTEND differ in type (date/date-time)")
    confidence = 1.0
    raw_conf = _x_text(comp, X_CONFIDENCE)
    if raw_conf is not None:
        try:
            confidence = float(raw_conf)
        except ValueError:
            confidence = 1.0
    status = str(comp.get("status", "CONFIRMED")).upper()
    if status == "TENTATIVE" and confidence < LOW_CONFIDENCE and not _x_text(comp, X_STATUS):
        status = "CONFIRMED"  # the low confidence is what made it TENTATIVE
    if status not in ("CONFIRMED", "TENTATIVE", "CANCELLED"):
        status = "CONFIRMED"
    evidence: tuple[Evidence, ...] = ()
    raw_ev = _x_text(comp, X_EVIDENCE)
    if raw_ev is not None:
        try:
            evidence = tuple(Evidence(**item) for item in json.loads(raw_ev))
        except (ValueError, TypeError) as exc:
            raise InputError(f"event {uid}: bad {X_EVIDENCE}: {exc}") from exc
    cats: list[str] = []
    raw_cats = comp.get("categories")
    for prop in raw_cats if isinstance(raw_cats, list) else [raw_cats] if raw_cats else []:
        cats.extend(str(c) for c in getattr(prop, "cats", [prop]))
    location = comp.get("location")
    event = Event(
        uid=uid,
        title=str(comp.get("summary", "")),
        start=start,
        end=end,
        timezone=timezone,
        location=str(location) if location else None,
        evidence=evidence,
        confidence=confidence,
        categories=tuple(cats),
        status=status,  # type: ignore[arg-type]
    )
    return normalize(event)


def parse_calendar(data: bytes, what: str = "calendar") -> list[Event]:
    """The events of a calendar file, in file order (our files round-trip exactly)."""
    cal = _load(data, what)
    cal_tz = str(cal.get("x-wr-timezone", "")) or "UTC"
    return [_to_event(comp, cal_tz) for comp in cal.walk("VEVENT")]


__all__ = [
    "DEFAULT_REFRESH",
    "PRODID",
    "CalendarOptions",
    "Entry",
    "ExportResult",
    "Previous",
    "Reconciliation",
    "Stamp",
    "build_calendar",
    "calendar_uid",
    "clean_text",
    "escape_text",
    "normalize",
    "parse_calendar",
    "plan",
    "read_previous",
    "reconcile",
    "unescape_text",
    "vtimezone",
]
