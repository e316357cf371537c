"""Our own iCalendar lint: what calendar clients trip over and parsing libraries let through.

Works on raw bytes, line by line, so every problem carries the physical line number where it
starts (libraries unfold and forget lines). Checks structure, RFC 5545 requirements (VERSION,
PRODID, UID, DTSTAMP), times (floating, TZID without VTIMEZONE, ends before starts, the
inclusive all-day end), duplicate UIDs and the byte format (CRLF, 75-octet lines, UTF-8, TEXT
escaping). Pure: the CLI reads the file and prints the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from calsync.errors import InputError

MAX_OCTETS = 75

_NAME = re.compile(r"[A-Za-z0-9-]+")
_PARAM_VALUE = re.compile(r'[^";:,]*')
_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DATETIME = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$")
_DURATION = re.compile(r"^[+-]?P(\d+W|(\d+D)?(T(\d+H)?(\d+M)?(\d+S)?)?)$")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
_ESCAPE = re.compile(r"\\(.?)", re.DOTALL)

#: Properties that may occur at most once in each component.
_ONCE = {
    "VCALENDAR": {"VERSION", "PRODID", "CALSCALE", "METHOD", "NAME", "X-WR-CALNAME",
                  "X-WR-TIMEZONE", "REFRESH-INTERVAL", "X-PUBLISHED-TTL", "UID", "URL",
                  "LAST-MODIFIED", "COLOR", "SOURCE"},
    "VEVENT": {"UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "SUMMARY", "DESCRIPTION",
               "LOCATION", "STATUS", "SEQUENCE", "CREATED", "LAST-MODIFIED", "URL", "CLASS",
               "ORGANIZER", "PRIORITY", "TRANSP", "RECURRENCE-ID", "GEO", "COLOR"},
    "VTODO": {"UID", "DTSTAMP", "DTSTART", "DUE", "DURATION", "SUMMARY", "DESCRIPTION",
              "STATUS", "SEQUENCE", "CREATED", "LAST-MODIFIED", "URL", "RECURRENCE-ID"},
    "VJOURNAL": {"UID", "DTSTAMP", "DTSTART", "SUMMARY", "STATUS", "SEQUENCE", "CREATED",
                 "LAST-MODIFIED", "URL", "RECURRENCE-ID"},
    "VTIMEZONE": {"TZID", "LAST-MODIFIED", "TZURL"},
}
#: Single-valued TEXT properties whose , and ; must be escaped.
_TEXT = {"SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT", "NAME", "X-WR-CALNAME",
         "X-WR-CALDESC"}
#: Which components may nest in which (RFC 5545 3.6, RFC 9074 for VALARM in VTODO).
_CHILDREN = {
    "VCALENDAR": {"VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE", "VAVAILABILITY"},
    "VEVENT": {"VALARM", "VLOCATION", "VRESOURCE", "PARTICIPANT"},
    "VTODO": {"VALARM", "VLOCATION", "VRESOURCE", "PARTICIPANT"},
    "VTIMEZONE": {"STANDARD", "DAYLIGHT"},
    "VAVAILABILITY": {"AVAILABLE"},
}
_TIME_PROPS = ("DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE")
_STAMP_PROPS = ("DTSTAMP", "CREATED", "LAST-MODIFIED")
_STATUS = {
    "VEVENT": {"TENTATIVE", "CONFIRMED", "CANCELLED"},
    "VTODO": {"NEEDS-ACTION", "COMPLETED", "IN-PROCESS", "CANCELLED"},
    "VJOURNAL": {"DRAFT", "FINAL", "CANCELLED"},
}


@dataclass(frozen=True, order=True)
class Problem:
    """One finding: the physical line it starts on, a stable code, and words for people."""

    line: int
    code: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.code}: {self.message}"


@dataclass(frozen=True)
class Report:
    problems: tuple[Problem, ...]
    events: int = 0
    calendars: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def codes(self) -> set[str]:
        return {p.code for p in self.problems}


@dataclass
class _Prop:
    name: str
    params: dict[str, list[str]]
    value: str
    line: int

    def param(self, key: str) -> str | None:
        values = self.params.get(key)
        return values[0] if values else None


@dataclass
class _Comp:
    name: str
    line: int
    props: list[_Prop] = field(default_factory=list)
    children: list[_Comp] = field(default_factory=list)
    end_line: int | None = None

    def get(self, name: str) -> _Prop | None:
        return next((p for p in self.props if p.name == name), None)

    def all(self, name: str) -> list[_Prop]:
        return [p for p in self.props if p.name == name]


def _parse_content_line(text: str) -> tuple[str, dict[str, list[str]], str] | None:
    """``NAME;PARAM=a,"b":value`` → (NAME, {PARAM: [a, b]}, value); None when malformed."""
    m = _NAME.match(text)
    if not m:
        return None
    name = m.group().upper()
    i = m.end()
    params: dict[str, list[str]] = {}
    while i < len(text) and text[i] == ";":
        m = _NAME.match(text, i + 1)
        if not m or m.end() >= len(text) or text[m.end()] != "=":
            return None
        key = m.group().upper()
        i = m.end() + 1
        values: list[str] = []
        while True:
            if i < len(text) and text[i] == '"':
                j = text.find('"', i + 1)
                if j < 0:
                    return None
                values.append(text[i + 1:j])
                i = j + 1
            else:
                pm = _PARAM_VALUE.match(text, i)
                assert pm is not None  # the pattern matches the empty string
                values.append(pm.group())
                i = pm.end()
            if i < len(text) and text[i] == ",":
                i += 1
                continue
            break
        params[key] = values
    if i >= len(text) or text[i] != ":":
        return None
    return name, params, text[i + 1:]


class _Linter:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, line: int, code: str, message: str) -> None:
        self.problems.append(Problem(line, code, message))

    # --- bytes and lines ---------------------------------------------------------------

    def lines(self, data: bytes) -> list[tuple[int, str]]:
        """Physical-line checks, then the unfolded logical lines with their first line."""
        if b"\n" not in data and b"\r" in data:
            self.add(1, "cr-line-ending", "lines end with CR alone, not CRLF")
            data = data.replace(b"\r", b"\r\n")
        raw_lines = data.split(b"\n")
        trailing = raw_lines[-1] == b""
        if trailing:
            raw_lines.pop()
        elif raw_lines[-1].strip(b"\r"):
            self.add(len(raw_lines), "no-final-newline", "the last line has no CRLF")
        lf_only = [n for n, raw in enumerate(raw_lines, 1)
                   if not raw.endswith(b"\r") and (n < len(raw_lines) or trailing)]
        if lf_only:
            self.add(lf_only[0], "lf-line-ending",
                     f"line ends with LF, not CRLF ({len(lf_only)} such lines)")
        logical: list[list[tuple[int, bytes]]] = []  # the physical pieces of each line
        for n, raw in enumerate(raw_lines, 1):
            line = raw[:-1] if raw.endswith(b"\r") else raw
            if len(line) > MAX_OCTETS:
                self.add(n, "long-line", f"{len(line)} octets; fold lines at {MAX_OCTETS}")
            if line[:1] in (b" ", b"\t"):
                if not logical:
                    self.add(n, "bad-line", "continuation line with nothing to continue")
                else:
                    logical[-1].append((n, line[1:]))
                continue
            logical.append([(n, line)])
        out: list[tuple[int, str]] = []
        for pieces in logical:
            first = pieces[0][0]
            joined = b"".join(piece for _, piece in pieces)
            try:
                text = joined.decode("utf-8")
            except UnicodeDecodeError as exc:
                self.add(first, "not-utf8", f"not UTF-8 (bad byte at offset {exc.start})")
                text = joined.decode("utf-8", errors="replace")
            else:
                for n, piece in pieces:
                    try:
                        piece.decode("utf-8")
                    except UnicodeDecodeError:
                        self.add(n, "split-utf8", "a fold splits a UTF-8 character")
                        break
            out.append((first, text))
        return out

    # --- structure -------------------------------------------------------------------------

    def tree(self, lines: list[tuple[int, str]]) -> list[_Comp]:
        roots: list[_Comp] = []
        stack: list[_Comp] = []
        last = lines[-1][0] if lines else 1
        for n, text in lines:
            if not text.strip():
                if stack:
                    self.add(n, "empty-line", "empty line inside a calendar")
                continue
            parsed = _parse_content_line(text)
            if parsed is None:
                self.add(n, "bad-line", f"not a content line: {text[:40]!r}")
                continue
            name, params, value = parsed
            if name == "BEGIN":
                comp = _Comp(value.strip().upper(), n)
                if stack:
                    parent = stack[-1].name
                    allowed = _CHILDREN.get(parent, set())
                    if comp.name not in allowed and not comp.name.startswith(("X-", "IANA-")):
                        self.add(n, "bad-structure", f"BEGIN:{comp.name} inside {parent}")
                    stack[-1].children.append(comp)
                elif comp.name != "VCALENDAR":
                    self.add(n, "bad-structure", f"BEGIN:{comp.name} outside VCALENDAR")
                else:
                    roots.append(comp)
                stack.append(comp)
            elif name == "END":
                what = value.strip().upper()
                if not stack:
                    self.add(n, "bad-structure", f"END:{what} without BEGIN")
                elif stack[-1].name != what:
                    self.add(n, "bad-structure",
                             f"END:{what} closes BEGIN:{stack[-1].name} of line {stack[-1].line}")
                    stack.pop().end_line = n
                else:
                    stack.pop().end_line = n
            elif not stack:
                self.add(n, "bad-structure", f"{name} outside VCALENDAR")
            else:
                stack[-1].props.append(_Prop(name, params, value, n))
                if _CONTROL.search(value.replace("\t", "")):
                    self.add(n, "control-char", f"{name} holds a control character")
        for comp in reversed(stack):
            self.add(comp.line, "bad-structure",
                     f"BEGIN:{comp.name} is never closed (file ends at line {last})")
        return roots

    # --- checks ----------------------------------------------------------------------------

    def once(self, comp: _Comp) -> None:
        seen: dict[str, int] = {}
        for prop in comp.props:
            if prop.name in _ONCE.get(comp.name, ()):
                if prop.name in seen:
                    self.add(prop.line, "duplicate-property",
                             f"{prop.name} appears again in {comp.name} (first on line "
                             f"{seen[prop.name]})")
                else:
                    seen[prop.name] = prop.line

    def text(self, comp: _Comp) -> None:
        for prop in comp.props:
            if prop.name not in _TEXT:
                continue
            if any(m.group(1) not in ("\\", ";", ",", "n", "N") or not m.group(1)
                   for m in _ESCAPE.finditer(prop.value)):
                self.add(prop.line, "bad-escape",
                         f"{prop.name} has a backslash that escapes nothing (write \\\\)")
            stripped = re.sub(r"\\.", "", prop.value)
            if "," in stripped or ";" in stripped:
                self.add(prop.line, "unescaped-text",
                         f"{prop.name} has an unescaped , or ; (write \\, or \\;)")

    def calendar(self, cal: _Comp) -> None:
        self.once(cal)
        self.text(cal)
        version = cal.get("VERSION")
        if version is None:
            self.add(cal.line, "missing-version", "VCALENDAR has no VERSION")
        elif version.value.strip() != "2.0":
            self.add(version.line, "bad-version", f"VERSION is {version.value!r}, not 2.0")
        if cal.get("PRODID") is None:
            self.add(cal.line, "missing-prodid", "VCALENDAR has no PRODID")
        refresh = cal.get("REFRESH-INTERVAL")
        if refresh is not None:
            if (refresh.param("VALUE") or "").upper() != "DURATION":
                self.add(refresh.line, "refresh-interval-value",
                         "REFRESH-INTERVAL needs VALUE=DURATION (RFC 7986)")
            if not _DURATION.match(refresh.value.strip()):
                self.add(refresh.line, "bad-duration", f"bad duration {refresh.value!r}")
        xtz = cal.get("X-WR-TIMEZONE")
        if xtz is not None and _zone(xtz.value.strip()) is None:
            self.add(xtz.line, "unknown-zone", f"X-WR-TIMEZONE {xtz.value!r} is not an IANA zone")
        if not cal.children and not cal.props:
            self.add(cal.line, "empty-calendar", "VCALENDAR is empty")

        tzids: dict[str, int] = {}
        for tz in (c for c in cal.children if c.name == "VTIMEZONE"):
            self.timezone(tz, tzids)
        uids: dict[tuple[str, str], int] = {}
        has_method = cal.get("METHOD") is not None
        for comp in cal.children:
            if comp.name in ("VEVENT", "VTODO", "VJOURNAL"):
                self.event(comp, tzids, uids, has_method)

    def timezone(self, tz: _Comp, tzids: dict[str, int]) -> None:
        self.once(tz)
        tzid = tz.get("TZID")
        if tzid is None:
            self.add(tz.line, "missing-tzid", "VTIMEZONE has no TZID")
        elif tzid.value in tzids:
            self.add(tzid.line, "duplicate-tzid",
                     f"VTIMEZONE {tzid.value!r} is defined again (first on line "
                     f"{tzids[tzid.value]})")
        else:
            tzids[tzid.value] = tz.line
        observances = [c for c in tz.children if c.name in ("STANDARD", "DAYLIGHT")]
        if not observances:
            self.add(tz.line, "empty-vtimezone", "VTIMEZONE has no STANDARD or DAYLIGHT")
        for obs in observances:
            for needed in ("DTSTART", "TZOFFSETFROM", "TZOFFSETTO"):
                if obs.get(needed) is None:
                    self.add(obs.line, "bad-observance", f"{obs.name} has no {needed}")

    def event(
        self, comp: _Comp, tzids: dict[str, int], uids: dict[tuple[str, str], int],
        has_method: bool,
    ) -> None:
        self.once(comp)
        self.text(comp)
        uid = comp.get("UID")
        if uid is None:
            self.add(comp.line, "missing-uid", f"{comp.name} has no UID")
        else:
            rid = comp.get("RECURRENCE-ID")
            key = (uid.value, rid.value if rid else "")
            if key in uids:
                self.add(uid.line, "duplicate-uid",
                         f"UID {uid.value!r} is used again (first on line {uids[key]})")
            else:
                uids[key] = uid.line
        if comp.get("DTSTAMP") is None:
            self.add(comp.line, "missing-dtstamp", f"{comp.name} has no DTSTAMP")
        for name in _STAMP_PROPS:
            for prop in comp.all(name):
                m = _DATETIME.match(prop.value.strip())
                if not m:
                    self.add(prop.line, "bad-date", f"{name} {prop.value!r} is not a date-time")
                elif not m.group(7):
                    self.add(prop.line, "stamp-not-utc", f"{name} must be in UTC (end in Z)")
        start = comp.get("DTSTART")
        if start is None and comp.name == "VEVENT" and not has_method:
            self.add(comp.line, "missing-dtstart", "VEVENT has no DTSTART")
        for name in _TIME_PROPS:
            for prop in comp.all(name):
                self.time_value(prop, tzids)
        end = comp.get("DTEND") or comp.get("DUE")
        if comp.get("DTEND") is not None and comp.get("DURATION") is not None:
            self.add(comp.get("DURATION").line, "dtend-and-duration",  # type: ignore[union-attr]
                     "DTEND and DURATION are both given")
        if start is not None and end is not None:
            self.span(start, end)
        status = comp.get("STATUS")
        if status is not None and status.value.strip().upper() not in _STATUS[comp.name]:
            self.add(status.line, "bad-status",
                     f"STATUS {status.value!r} is not one of {sorted(_STATUS[comp.name])}")
        seq = comp.get("SEQUENCE")
        if seq is not None and not seq.value.strip().isdigit():
            self.add(seq.line, "bad-sequence", f"SEQUENCE {seq.value!r} is not a number >= 0")

    def time_value(self, prop: _Prop, tzids: dict[str, int]) -> None:
        kind = (prop.param("VALUE") or "DATE-TIME").upper()
        tzid = prop.param("TZID")
        if kind == "PERIOD":
            return
        for value in prop.value.split(","):
            value = value.strip()
            if kind == "DATE":
                if not _DATE.match(value) or _date(value) is None:
                    self.add(prop.line, "bad-date", f"{prop.name} {value!r} is not a DATE")
                continue
            m = _DATETIME.match(value)
            if not m or _datetime(value) is None:
                hint = " (add VALUE=DATE for a date)" if _DATE.match(value) else ""
                self.add(prop.line, "bad-date", f"{prop.name} {value!r} is not a DATE-TIME{hint}")
                continue
            if m.group(7) and tzid:
                self.add(prop.line, "tzid-with-utc", f"{prop.name} has both TZID and a Z time")
            elif not m.group(7) and not tzid:
                self.add(prop.line, "floating-time",
                         f"{prop.name} {value} has no TZID and no Z: a floating time that "
                         "each client shows in its own zone")
        if tzid and tzid not in tzids:
            self.add(prop.line, "unknown-tzid", f"{prop.name} uses TZID {tzid!r} with no "
                     "matching VTIMEZONE in the file")

    def span(self, start: _Prop, end: _Prop) -> None:
        s_kind = (start.param("VALUE") or "DATE-TIME").upper()
        e_kind = (end.param("VALUE") or "DATE-TIME").upper()
        if s_kind != e_kind:
            self.add(end.line, "mixed-date-types",
                     f"{end.name} is a {e_kind} but DTSTART is a {s_kind}")
            return
        if s_kind == "DATE":
            s, e = _date(start.value.strip()), _date(end.value.strip())
            if s is not None and e is not None and e <= s:
                self.add(end.line, "allday-end-not-after-start",
                         f"all-day {end.name} {e:%Y%m%d} is not after DTSTART {s:%Y%m%d} "
                         "(the end date is exclusive: a one-day event ends the next day)")
            return
        s_at, e_at = _instant(start), _instant(end)
        if s_at is not None and e_at is not None and e_at < s_at:
            self.add(end.line, "end-before-start", f"{end.name} is before DTSTART")


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _date(value: str) -> date | None:
    try:
        return datetime.strptime(value, "%Y%m%d").replace(tzinfo=UTC).date()
    except ValueError:
        return None


def _datetime(value: str) -> datetime | None:
    """The wall time of a DATE-TIME value, labelled UTC (the caller applies the real zone)."""
    try:
        return datetime.strptime(value.rstrip("Z") + "+0000", "%Y%m%dT%H%M%S%z")
    except ValueError:
        return None


def _instant(prop: _Prop) -> datetime | None:
    """A comparable instant: UTC for Z times, via zoneinfo for TZIDs it knows, else None."""
    value = prop.value.strip().split(",")[0]
    naive = _datetime(value)  # wall time, labelled UTC until its zone is applied
    if naive is None:
        return None
    if value.endswith("Z"):
        return naive
    tzid = prop.param("TZID")
    zone = _zone(tzid) if tzid else None
    if zone is None:
        return naive if not tzid else None  # floating: compare as wall times
    return naive.replace(tzinfo=zone).astimezone(UTC)


def validate(data: bytes, what: str = "calendar") -> Report:
    """Lint an iCalendar file's bytes; InputError when it is not a calendar at all."""
    body = data.removeprefix(b"\xef\xbb\xbf")
    if not body.lstrip(b" \t\r\n")[:15].upper().startswith(b"BEGIN:VCALENDAR"):
        raise InputError(f"{what}: not an iCalendar file (it does not start with "
                         "BEGIN:VCALENDAR)")
    linter = _Linter()
    lines = linter.lines(body)
    roots = linter.tree(lines)
    events = 0
    for cal in roots:
        linter.calendar(cal)
        events += sum(1 for c in cal.children if c.name == "VEVENT")
    return Report(tuple(sorted(set(linter.problems))), events=events, calendars=len(roots))


__all__ = ["MAX_OCTETS", "Problem", "Report", "validate"]
