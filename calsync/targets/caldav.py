"""The CalDAV target (Nextcloud, Fastmail, iCloud, mailbox.org, SOGo, Radicale), on the
``caldav`` package (extra ``caldav``), which gives the HTTP session and authentication.

Why it converges and never overwrites a person's work:

- identity: each event lives at ``<sha256(uid)[:40]>.ics`` in the calendar, so a lost state
  file or a retried create finds the same resource instead of making a second copy;
- ownership: each VEVENT carries ``X-CALSYNC-MARKER``, ``X-CALSYNC-SOURCE``,
  ``X-CALSYNC-HASH`` (``Event.content_hash()``) and ``X-CALSYNC-DIGEST`` (a digest of the
  fields calsync wrote); only marked events are ever replaced or deleted;
- people win: a digest of what the event shows now that differs from the one written means a
  person edited it (a conflict); an event that disappears stays deleted;
- no blind writes: creates send ``If-None-Match: *``, replacements and deletions
  ``If-Match: <etag>``; a 412 re-reads the event and decides again by the plan's rules;
- efficiency: one REPORT to learn the remote state, a ``sync-collection`` (RFC 6578) with the
  stored token when the server offers it, otherwise one ``calendar-query``;
- faults: exponential backoff with full jitter on 5xx, 429 and connection errors (``sleep`` is
  injected); once the server stays unreachable the remaining writes are not attempted, and the
  next run converges from what did land.

The event body is built by ``calsync.ics`` (one VCALENDAR per resource). The ``caldav`` and
``icalendar`` packages are imported lazily so that ``calsync --help`` stays fast.
"""

from __future__ import annotations

import hashlib
import json
import logging
import random
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urljoin, urlsplit
from xml.sax.saxutils import escape

from calsync.errors import CalsyncError, ConfigError, TargetError
from calsync.model import Change, ChangeKind, Event
from calsync.targets.base import (
    ChangeResult,
    Listing,
    Outcome,
    RemoteEvent,
    ResultCallback,
    backoff_delay,
    env_value,
)

if TYPE_CHECKING:
    from icalendar import Component

    from calsync.config import CaldavTargetConfig

log = logging.getLogger("calsync.caldav")

X_MARKER = "X-CALSYNC-MARKER"
X_SOURCE = "X-CALSYNC-SOURCE"
X_HASH = "X-CALSYNC-HASH"
X_DIGEST = "X-CALSYNC-DIGEST"
MARKER = "calsync"

_DAV = "DAV:"
_CAL = "urn:ietf:params:xml:ns:caldav"
_NS = f'xmlns:D="{_DAV}" xmlns:C="{_CAL}"'
_XML = '<?xml version="1.0" encoding="utf-8"?>\n'


def _tag(ns: str, name: str) -> str:
    return f"{{{ns}}}{name}"


# --- identity and body -------------------------------------------------------------------


def resource_name(uid: str) -> str:
    """The resource name (relative to the calendar) of the event with this calsync UID.

    Hex of a SHA-256: safe in any URL and on any server, whatever characters the UID has.
    """
    return hashlib.sha256(uid.encode("utf-8")).hexdigest()[:40] + ".ics"


def _norm_when(value: Any) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(microsecond=0).isoformat()
        return value.astimezone(UTC).replace(microsecond=0).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return ""


def _decoded(comp: Component, name: str) -> Any:
    try:
        return comp.decoded(name)
    except (KeyError, ValueError, TypeError):
        return None


def _text(comp: Component, name: str) -> str:
    value = comp.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value).replace("\r\n", "\n").strip()


def _categories(comp: Component) -> list[str]:
    raw = comp.get("categories")
    out: list[str] = []
    for prop in raw if isinstance(raw, list) else [raw] if raw is not None else []:
        out.extend(str(c) for c in getattr(prop, "cats", [prop]))
    return out


def shown_digest(comp: Component) -> str:
    """Digest of the fields calsync writes, as a VEVENT shows them.

    Computed over the VEVENT calsync sends (stored as X-CALSYNC-DIGEST) and over what the
    server returns later: a difference means a person changed one of these fields. Values are
    compared decoded (instants in UTC), so a server re-serialising the object is no edit.
    """
    start = _decoded(comp, "dtstart")
    end = _decoded(comp, "dtend")
    if end is None:
        duration = _decoded(comp, "duration")
        if duration is not None and start is not None:
            end = start + duration
    payload = {
        "summary": _text(comp, "summary"),
        "description": _text(comp, "description"),
        "location": _text(comp, "location"),
        "start": _norm_when(start),
        "end": _norm_when(end),
        "status": _text(comp, "status").upper() or "CONFIRMED",
        "transp": _text(comp, "transp").upper() or "OPAQUE",
        "url": _text(comp, "url"),
        "categories": _categories(comp),
    }
    raw = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:32]


def event_resource(event: Event, *, now: datetime, previous: str | None = None) -> bytes:
    """The iCalendar object (one VCALENDAR, one VEVENT, its VTIMEZONEs) for ``event``.

    Built by ``calsync.ics`` so that .ics files and CalDAV carry the same VEVENT; the
    ownership properties are added here. ``previous`` (the object the server holds) keeps
    CREATED and bumps SEQUENCE on a change.
    """
    from icalendar import Calendar

    from calsync import ics

    prev = ics.EMPTY
    if previous:
        try:
            prev = ics.read_previous(previous.encode("utf-8"), "the calendar's copy")
        except CalsyncError:
            prev = ics.EMPTY
        if event.uid in prev.entries:
            prev = ics.Previous(entries={event.uid: prev.entries[event.uid]})
        else:
            prev = ics.EMPTY
    data, _ = ics.build_calendar(
        [event], prev, now=now, options=ics.CalendarOptions(timezone=event.timezone)
    )
    built = Calendar.from_ical(data)
    old = _previous_vevent(previous)
    out = Calendar()
    out.add("prodid", ics.PRODID)
    out.add("version", "2.0")
    out.add("calscale", "GREGORIAN")
    for comp in built.subcomponents:
        if comp.name == "VEVENT":
            if old is not None:
                _keep_others(old, comp)
            comp.pop(X_HASH, None)
            comp.add(X_MARKER, MARKER)
            comp.add(X_SOURCE, ics.escape_text(", ".join(event.sources)[:1000]))
            comp.add(X_HASH, event.content_hash())
            comp.add(X_DIGEST, shown_digest(comp))
        out.add_component(comp)
    return bytes(out.to_ical())


#: VEVENT properties calsync writes (and so replaces); every other property, and alarms, that
#: people or their apps added are kept when calsync updates the event.
_MANAGED = frozenset({
    "UID", "DTSTAMP", "DTSTART", "DTEND", "DURATION", "SUMMARY", "LOCATION", "DESCRIPTION",
    "URL", "CATEGORIES", "STATUS", "SEQUENCE", "CREATED", "LAST-MODIFIED", "TRANSP", "RRULE",
    "RDATE", "EXDATE", "RECURRENCE-ID",
})


def _previous_vevent(previous: str | None) -> Component | None:
    if not previous:
        return None
    from icalendar import Calendar

    try:
        return _master(Calendar.from_ical(previous))
    except (ValueError, IndexError, KeyError, TypeError):
        return None


def _keep_others(old: Component, new: Component) -> None:
    """Carry over what a person added to calsync's event (alarms, attendees, a colour...):
    they are not edits of calsync's fields, and an update must not erase them."""
    for name in list(old.keys()):
        upper = name.upper()
        if upper in _MANAGED or upper.startswith("X-CALSYNC-") or upper in new:
            continue
        new[upper] = old[name]
    for sub in old.subcomponents:
        new.add_component(sub)


def _master(cal: Any) -> Component | None:
    """The VEVENT of an object that is not an override of a recurrence (RECURRENCE-ID)."""
    for comp in cal.walk("VEVENT"):
        if comp.get("recurrence-id") is None:
            return comp  # type: ignore[no-any-return]
    return None


def parse_resource(name: str, data: str | None, etag: str | None) -> RemoteEvent:
    """A calendar object as a RemoteEvent; anything unreadable or unmarked is foreign."""
    from icalendar import Calendar

    from calsync.ics import unescape_text

    raw = {"name": name, "data": data or ""}
    if not data:
        return RemoteEvent(remote_id=name, etag=etag, raw=raw)
    try:
        cal = Calendar.from_ical(data)
        comp = _master(cal)
    except (ValueError, IndexError, KeyError, TypeError):
        return RemoteEvent(remote_id=name, etag=etag, raw=raw)
    if comp is None:
        return RemoteEvent(remote_id=name, etag=etag, raw=raw)
    uid = str(comp.get("uid", "")) or None
    owned = _text(comp, X_MARKER) == MARKER and uid is not None
    if not owned:
        return RemoteEvent(remote_id=name, uid=None, etag=etag, raw=raw)
    source = _text(comp, X_SOURCE)
    return RemoteEvent(
        remote_id=name,
        uid=uid,
        owned=True,
        content_hash=_text(comp, X_HASH) or None,
        written_hash=_text(comp, X_DIGEST) or None,
        shown_hash=shown_digest(comp),
        etag=etag,
        source=unescape_text(source) if source else None,
        raw=raw,
    )


# --- XML ---------------------------------------------------------------------------------

_SYNC_BODY = (
    _XML + f"<D:sync-collection {_NS}><D:sync-token>{{token}}</D:sync-token>"
    "<D:sync-level>1</D:sync-level><D:prop><D:getetag/><C:calendar-data/></D:prop>"
    "</D:sync-collection>"
)
_QUERY_BODY = (
    _XML + f"<C:calendar-query {_NS}><D:prop><D:getetag/><C:calendar-data/></D:prop>"
    '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/>'
    "</C:comp-filter></C:filter></C:calendar-query>"
)
_MULTIGET_HEAD = _XML + f"<C:calendar-multiget {_NS}><D:prop><D:getetag/><C:calendar-data/>" \
    "</D:prop>"
_COLLECTION_PROPS = (
    _XML + f"<D:propfind {_NS}><D:prop><D:resourcetype/><D:displayname/>"
    "<D:supported-report-set/><D:current-user-principal/><C:calendar-home-set/>"
    "</D:prop></D:propfind>"
)
_LIST_PROPS = (
    _XML + f"<D:propfind {_NS}><D:prop><D:resourcetype/><D:displayname/>"
    "<D:supported-report-set/></D:prop></D:propfind>"
)
_MKCALENDAR = (
    _XML + f"<C:mkcalendar {_NS}><D:set><D:prop><D:displayname>{{name}}</D:displayname>"
    "<C:supported-calendar-component-set><C:comp name=\"VEVENT\"/>"
    "</C:supported-calendar-component-set></D:prop></D:set></C:mkcalendar>"
)


@dataclass(frozen=True)
class _Member:
    href: str
    status: int
    props: Mapping[str, Any]


def _status_code(text: str | None) -> int:
    match = re.search(r"\s(\d{3})", text or "")
    return int(match.group(1)) if match else 0


def _members(tree: Any) -> list[_Member]:
    """The <response> elements of a multistatus: href, status, and the 200 props."""
    out: list[_Member] = []
    if tree is None:
        return out
    for resp in tree.iter(_tag(_DAV, "response")):
        href_el = resp.find(_tag(_DAV, "href"))
        if href_el is None or not href_el.text:
            continue
        status_el = resp.find(_tag(_DAV, "status"))
        status = _status_code(status_el.text) if status_el is not None else 200
        props: dict[str, Any] = {}
        for propstat in resp.findall(_tag(_DAV, "propstat")):
            ps = propstat.find(_tag(_DAV, "status"))
            if ps is not None and _status_code(ps.text) != 200:
                continue
            prop = propstat.find(_tag(_DAV, "prop"))
            if prop is None:
                continue
            for child in prop:
                props[child.tag] = child
        out.append(_Member(href_el.text.strip(), status, props))
    return out


def _prop_text(member: _Member, ns: str, name: str) -> str | None:
    el = member.props.get(_tag(ns, name))
    if el is None or el.text is None:
        return None
    return str(el.text)


def _prop_href(member: _Member, ns: str, name: str) -> str | None:
    el = member.props.get(_tag(ns, name))
    if el is None:
        return None
    href = el.find(_tag(_DAV, "href"))
    return str(href.text).strip() if href is not None and href.text else None


def _is_calendar(member: _Member) -> bool:
    rt = member.props.get(_tag(_DAV, "resourcetype"))
    return rt is not None and rt.find(_tag(_CAL, "calendar")) is not None


def _supports_sync(member: _Member) -> bool:
    reports = member.props.get(_tag(_DAV, "supported-report-set"))
    return reports is not None and any(True for _ in reports.iter(_tag(_DAV, "sync-collection")))


# --- errors ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Failure:
    status: int  # 0 for transport errors
    message: str
    retry_after: float | None = None

    @property
    def retryable(self) -> bool:
        return self.status == 0 or self.status == 429 or self.status >= 500

    def __str__(self) -> str:
        return self.message if self.status == 0 else f"HTTP {self.status}: {self.message}"


_ERRNO_TEXT = re.compile(r"\[Errno -?\d+\] ([^'\")]+)")


def connection_problem(exc: BaseException) -> str:
    """One readable phrase for a transport error, not urllib3's nested repr.

    "HTTPConnectionPool(host=..., port=9): Max retries exceeded ... [Errno 111] Connection
    refused'))" becomes "connection refused"; a timeout "no answer (timed out)".
    """
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        if isinstance(current, TimeoutError) or "timed out" in str(current).lower():
            return "no answer (timed out)"
        errno_text = getattr(current, "strerror", None)
        if errno_text:
            return str(errno_text).lower()
        current = current.__cause__ or current.__context__
    found = _ERRNO_TEXT.search(str(exc))
    if found:
        return found.group(1).strip().lower()
    for word, phrase in (("name or service not known", "unknown host"),
                         ("nodename nor servname", "unknown host"),
                         ("refused", "connection refused"), ("reset", "connection reset")):
        if word in str(exc).lower():
            return phrase
    return f"connection problem ({type(exc).__name__})"


class _Unreachable(TargetError):
    """The server stayed unreachable through every retry."""


@dataclass(frozen=True)
class _Response:
    status: int
    headers: Mapping[str, str]
    tree: Any
    text: str
    preconditions: tuple[str, ...] = ()

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag") or self.headers.get("ETag")


# --- the target --------------------------------------------------------------------------


class CalDAVTarget:
    """One CalDAV calendar.

    ``url`` is the server (or principal, or calendar) URL; ``calendar`` is a calendar's
    display name, its last path segment, or its URL; None means ``url`` is the calendar.
    With ``create``, a calendar not found by name is made (MKCALENDAR) in the user's
    calendar home.
    """

    def __init__(
        self,
        url: str,
        username: str | None,
        password: str | None,
        *,
        calendar: str | None = None,
        create: bool = False,
        timeout: float = 30.0,
        sleep: Callable[[float], None] | None = None,
        rng: Callable[[], float] = random.random,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        max_retries: int = 5,
        max_connect_retries: int = 2,
        connect_timeout: float = 5.0,
        backoff_base: float = 1.0,
        backoff_cap: float = 30.0,
        client: Any = None,
    ) -> None:
        if not urlsplit(url).scheme.startswith("http"):
            raise ConfigError(f"CalDAV URL {url!r} must start with https:// (or http://)")
        self.url = url if url.endswith("/") else url + "/"
        self.username = username
        self.password = password
        self.calendar = calendar
        self.create_calendar = create
        self.timeout = timeout
        self.sleep = sleep if sleep is not None else _sleep
        self.rng = rng
        self.clock = clock
        self.max_retries = max_retries
        # A server that cannot be reached at all (refused, unknown host, no answer to the
        # connection) is not a blip worth half a minute of backoff: fewer, shorter tries.
        self.max_connect_retries = max_connect_retries
        self.connect_timeout = min(connect_timeout, timeout)
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self._client = client
        self._calendar_url: str | None = None
        self._supports_sync: bool | None = None
        self._to_create: tuple[str, str] | None = None
        self._down: str | None = None
        if calendar is not None and _looks_like_url(calendar):
            self.name = "caldav:" + _collection(urljoin(self.url, calendar))
        elif calendar is None:
            self.name = "caldav:" + self.url
        else:
            self.name = f"caldav:{self.url}#{calendar}"

    # plumbing

    def _dav(self) -> Any:
        if self._client is None:
            from caldav.davclient import DAVClient

            # The timeout goes to niquests as is: a float works there, though DAVClient's
            # annotation says int (and int() would turn 0.5 into "no timeout").
            # (connect, read): an unreachable host is known within connect_timeout.
            options: dict[str, Any] = {"timeout": (self.connect_timeout, self.timeout)}
            self._client = DAVClient(
                url=self.url, username=self.username, password=self.password,
                enable_rfc6764=False, **options,
            )
        return self._client

    def _delay(self, attempt: int, failure: _Failure) -> float:
        return backoff_delay(attempt, failure.retry_after, base=self.backoff_base,
                             cap=self.backoff_cap, rng=self.rng)

    def _request(
        self, method: str, url: str, what: str, body: str | bytes = "",
        headers: Mapping[str, str] | None = None,
    ) -> _Response:
        """One request with backoff on 5xx, 429 and connection errors; raises calsync errors
        only, and returns every other status to the caller."""
        from caldav.lib import error as dav_error

        if self._down is not None:
            raise _Unreachable(f"not attempted: {self._down}")
        client = self._dav()
        attempt = 0
        while True:
            try:
                resp = client.request(url, method, body, dict(headers or {}))
            except dav_error.AuthorizationError as exc:
                if getattr(exc, "status", None) == 403:
                    # Forbidden, not unauthenticated: a read-only calendar, or a precondition
                    # (an expired sync token, a UID already used by another object).
                    pre = tuple(getattr(exc, "preconditions", None) or ())
                    return _Response(403, {}, None, "", pre)
                raise TargetError(
                    f"the CalDAV server refused the credentials of {self.username!r} while "
                    f"{what} (HTTP {getattr(exc, 'status', '') or '401/403'})",
                    hint="check --username and the password (an app-specific password for "
                         "iCloud and Fastmail)",
                ) from exc
            except dav_error.RateLimitError as exc:
                seconds = getattr(exc, "retry_after_seconds", None)
                failure = _Failure(int(getattr(exc, "status", 429) or 429), "rate limited",
                                   float(seconds) if seconds is not None else None)
            except OSError as exc:
                # niquests' connection errors and timeouts derive from OSError.
                failure = _Failure(0, connection_problem(exc))
            else:
                status = int(resp.status)
                headers_out = {str(k).lower(): str(v) for k, v in dict(resp.headers).items()}
                if status < 500:
                    text = "" if resp.tree is not None else str(resp.raw or "")
                    return _Response(status, headers_out, resp.tree, text)
                failure = _Failure(status, getattr(resp, "reason", "") or "server error")
            limit = self.max_connect_retries if failure.status == 0 else self.max_retries
            if attempt >= limit:
                if failure.status == 0:
                    self._down = f"the CalDAV server is unreachable ({failure})"
                    raise _Unreachable(f"{self._down} while {what}")
                raise TargetError(f"CalDAV server error while {what}: {failure}")
            delay = self._delay(attempt, failure)
            log.info("retrying after %s (%.1fs): %s", failure, delay, what)
            self.sleep(delay)
            attempt += 1

    def _resource_url(self, name: str) -> str:
        return self.calendar_url() + quote(name)

    def _name_of(self, href: str) -> str:
        return unquote(href.rstrip("/").rsplit("/", 1)[-1])

    def _in_calendar(self, href: str) -> bool:
        """True for a member of the calendar (not the collection itself)."""
        cal = urlsplit(self.calendar_url()).path
        path = urlsplit(urljoin(self.calendar_url(), href)).path
        return unquote(path).rstrip("/") != unquote(cal).rstrip("/")

    # the calendar

    def calendar_url(self) -> str:
        """The calendar collection URL, found on first use; a missing calendar (with
        ``create``) is made here, i.e. only when something is written: a dry run makes
        nothing."""
        if self._calendar_url is None:
            if self._to_create is None:
                self._calendar_url = self._resolve()
            if self._calendar_url is None and self._to_create is not None:
                self._calendar_url = self._make_calendar(*self._to_create)
                self._to_create = None
        assert self._calendar_url is not None
        return self._calendar_url

    def _propfind(self, url: str, body: str, depth: int, what: str) -> list[_Member]:
        resp = self._request("PROPFIND", url, what, body, {"Depth": str(depth),
                                                            "Content-Type": "application/xml"})
        if resp.status == 404:
            raise TargetError(f"{url}: no such CalDAV collection (HTTP 404) while {what}")
        if resp.status == 403:
            raise TargetError(f"{url}: access forbidden (HTTP 403) while {what}",
                              hint="check that the calendar is shared with this user")
        if resp.status not in (200, 207):
            raise TargetError(f"{url}: PROPFIND failed with HTTP {resp.status} while {what}")
        return _members(resp.tree)

    def _resolve(self) -> str | None:
        cal = self.calendar
        if cal is not None and _looks_like_url(cal):
            url = _collection(urljoin(self.url, cal))
            found = self._propfind(url, _COLLECTION_PROPS, 0, "opening the calendar")
            if not found or not _is_calendar(found[0]):
                raise TargetError(f"{url} is not a CalDAV calendar")
            self._supports_sync = _supports_sync(found[0])
            return url
        here = self._propfind(self.url, _COLLECTION_PROPS, 0, "finding the calendar")
        top = here[0] if here else None
        if top is not None and _is_calendar(top) and (
            cal is None or cal in (_prop_text(top, _DAV, "displayname"),
                                   self._name_of(top.href))
        ):
            self._supports_sync = _supports_sync(top)
            return self.url
        if cal is None:
            raise TargetError(f"{self.url} is not a calendar; pass --calendar NAME")
        home = _prop_href(top, _CAL, "calendar-home-set") if top else None
        if home is None:
            principal = _prop_href(top, _DAV, "current-user-principal") if top else None
            if principal is None:
                raise TargetError(f"{self.url}: the server names no principal for "
                                  f"{self.username!r} (is this a CalDAV URL?)")
            props = self._propfind(urljoin(self.url, principal), _COLLECTION_PROPS, 0,
                                   "finding the calendar home")
            home = _prop_href(props[0], _CAL, "calendar-home-set") if props else None
            if home is None:
                raise TargetError(f"{self.url}: the server names no calendar home")
        home_url = _collection(urljoin(self.url, home))
        names: list[str] = []
        for member in self._propfind(home_url, _LIST_PROPS, 1, "listing calendars"):
            if not _is_calendar(member):
                continue
            display = _prop_text(member, _DAV, "displayname")
            slug = self._name_of(member.href)
            names.append(display or slug)
            if cal in (display, slug):
                self._supports_sync = _supports_sync(member)
                return _collection(urljoin(home_url, member.href))
        if not self.create_calendar:
            raise TargetError(
                f"no calendar named {cal!r} at {self.url}"
                + (f" (there are: {', '.join(sorted(names))})" if names else ""),
                hint="pass --create to make it",
            )
        self._to_create = (home_url, cal)
        return None

    def _make_calendar(self, home_url: str, name: str) -> str:
        slug = re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-") or "calsync"
        url = f"{home_url}{slug}/"
        resp = self._request("MKCALENDAR", url, f"creating calendar {name!r}",
                             _MKCALENDAR.format(name=escape(name)),
                             {"Content-Type": "application/xml"})
        if resp.status in (405, 409):
            raise TargetError(f"could not create calendar {name!r}: {url} already exists "
                              f"(HTTP {resp.status})", hint=f"pass --calendar {url}")
        if resp.status not in (200, 201):
            raise TargetError(f"could not create calendar {name!r} at {url}: "
                              f"HTTP {resp.status}")
        log.info("created calendar %r at %s", name, url)
        found = self._propfind(url, _COLLECTION_PROPS, 0, "opening the new calendar")
        self._supports_sync = bool(found) and _supports_sync(found[0])
        return url

    # listing

    def remote_id_for(self, uid: str) -> str | None:
        return resource_name(uid)

    def list_remote(self, sync_token: str | None = None) -> Listing:
        """Every event of the calendar (one REPORT), or the changes since ``sync_token``.

        Foreign events are listed too (unowned), so that a resource name taken by someone
        else is seen. An expired or refused token falls back to the full listing.
        """
        self._down = None  # a new run: try the server again
        if self._calendar_url is None and self._to_create is None:
            self._calendar_url = self._resolve()
        if self._calendar_url is None:
            # To be made on the first write: nothing in it yet.
            return Listing((), complete=True, shows_deleted=False)
        url = self._calendar_url
        if sync_token and self._supports_sync is not False:
            try:
                events, token = self._sync_collection(url, sync_token)
                return Listing(events, complete=False, sync_token=token, shows_deleted=False)
            except _TokenRefused as exc:
                log.info("sync token refused (%s); listing the whole calendar", exc)
        if self._supports_sync:
            try:
                events, token = self._sync_collection(url, "")
                return Listing(events, complete=True, sync_token=token, shows_deleted=False)
            except _TokenRefused as exc:
                log.info("sync-collection refused (%s); using calendar-query", exc)
        resp = self._request("REPORT", url, "listing events", _QUERY_BODY,
                             {"Depth": "1", "Content-Type": "application/xml"})
        if resp.status not in (200, 207):
            raise TargetError(f"listing {url} failed: HTTP {resp.status}")
        return Listing(self._parse_members(_members(resp.tree), full=True), complete=True,
                       shows_deleted=False)

    def _sync_collection(self, url: str, token: str) -> tuple[tuple[RemoteEvent, ...], str | None]:
        """A sync-collection REPORT, continued while the server truncates its answer (a 507
        for the collection itself, RFC 6578 section 3.6), so a listing is never partial."""
        found: dict[str, RemoteEvent] = {}
        first = token
        for _ in range(1000):
            resp = self._request("REPORT", url, "listing changes",
                                 _SYNC_BODY.format(token=escape(token)),
                                 {"Depth": "0", "Content-Type": "application/xml"})
            if resp.status in (400, 403, 409, 412, 501) or (resp.status == 404 and token):
                raise _TokenRefused(f"HTTP {resp.status}")
            if resp.status not in (200, 207):
                raise TargetError(f"listing {url} failed: HTTP {resp.status}")
            new_token = None
            if resp.tree is not None:
                el = resp.tree.find(_tag(_DAV, "sync-token"))
                new_token = el.text.strip() if el is not None and el.text else None
            members = _members(resp.tree)
            for ev in self._parse_members(members, full=False):
                found[ev.remote_id] = ev
            truncated = any(m.status == 507 and not self._in_calendar(m.href) for m in members)
            if not truncated or not new_token or new_token == token:
                # In a full listing, what was deleted between two pages is just gone.
                return tuple(ev for ev in found.values() if first or not ev.cancelled), \
                    new_token
            token = new_token
        raise TargetError(f"listing {url} did not end (the server kept truncating)")

    def _parse_members(self, members: Sequence[_Member], *, full: bool) -> tuple[RemoteEvent, ...]:
        out: list[RemoteEvent] = []
        missing: list[_Member] = []
        for m in members:
            if not self._in_calendar(m.href):
                continue
            name = self._name_of(m.href)
            if m.status == 404:
                if not full:
                    out.append(RemoteEvent(remote_id=name, cancelled=True))
                continue
            if not name.endswith(".ics") and _prop_text(m, _CAL, "calendar-data") is None and (
                m.href.endswith("/")
            ):
                continue  # a sub-collection
            data = _prop_text(m, _CAL, "calendar-data")
            if data is None:
                missing.append(m)
                continue
            out.append(parse_resource(name, data, _prop_text(m, _DAV, "getetag")))
        if missing:
            out.extend(self._multiget([m.href for m in missing]))
        return tuple(out)

    def _multiget(self, hrefs: Sequence[str]) -> list[RemoteEvent]:
        """Fetch objects a listing named without their data (one calendar-multiget)."""
        body = _MULTIGET_HEAD + "".join(f"<D:href>{escape(h)}</D:href>" for h in hrefs) + \
            "</C:calendar-multiget>"
        resp = self._request("REPORT", self.calendar_url(), "reading events", body,
                             {"Depth": "1", "Content-Type": "application/xml"})
        if resp.status not in (200, 207):
            raise TargetError(f"reading events failed: HTTP {resp.status}")
        return [parse_resource(self._name_of(m.href), _prop_text(m, _CAL, "calendar-data"),
                               _prop_text(m, _DAV, "getetag"))
                for m in _members(resp.tree) if m.status != 404]

    def _get(self, name: str) -> RemoteEvent | None:
        """The object as the server holds it now, or None when it does not exist."""
        resp = self._request("GET", self._resource_url(name), f"re-reading {name}",
                             headers={"Accept": "text/calendar"})
        if resp.status in (404, 410):
            return None
        if resp.status != 200:
            raise TargetError(f"re-reading {name} failed: HTTP {resp.status}")
        return parse_resource(name, resp.text, resp.etag)

    # writing

    def _put(self, event: Event, name: str, *, etag: str | None,
             previous: RemoteEvent | None) -> tuple[int, RemoteEvent | None]:
        """PUT with If-Match (``etag``) or If-None-Match: * (no etag); the status and, on
        success, the event as written."""
        prev_data = previous.raw.get("data") if previous and previous.raw else None
        body = event_resource(event, now=self.clock(), previous=prev_data)
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        if etag is None:
            headers["If-None-Match"] = "*"
        else:
            headers["If-Match"] = etag
        resp = self._request("PUT", self._resource_url(name), f"writing {event.title!r}",
                             body, headers)
        if resp.status == 403:
            why = ("another event in the calendar already has this UID"
                   if any("uid-conflict" in p for p in resp.preconditions)
                   else "the server forbids writing (a read-only calendar?)")
            raise TargetError(f"writing {event.title!r} refused (HTTP 403): {why}")
        if resp.status not in (200, 201, 204):
            return resp.status, None
        written = parse_resource(name, body.decode("utf-8"), resp.etag)
        return resp.status, written

    def apply(
        self,
        changes: Sequence[Change],
        remotes: Mapping[str, RemoteEvent],
        report: ResultCallback,
    ) -> None:
        """Run the writes one by one; each 412 re-reads the object and decides again."""
        for change in changes:
            remote = remotes.get(change.remote_id) if change.remote_id else None
            try:
                outcome, message, now = self._apply_one(change, remote)
            except CalsyncError as exc:
                report(ChangeResult(change, "failed", str(exc)))
                continue
            report(ChangeResult(change, outcome, message, now))

    def _apply_one(
        self, change: Change, remote: RemoteEvent | None
    ) -> tuple[Outcome, str, RemoteEvent | None]:
        force = "--force" in change.reason
        name = change.remote_id or resource_name(change.uid)
        event = change.event
        if change.kind is ChangeKind.DELETE:
            return self._delete(name, remote, force)
        if event is None:
            return "failed", "nothing to do for this change", None
        want = event.content_hash()

        def judge(now: RemoteEvent) -> tuple[Outcome, str, RemoteEvent | None] | None:
            """What the object as it is now means for this write (None: write it)."""
            if not now.owned:
                return ("failed", f"{name} is taken by an event not made by calsync; "
                        "left alone", now)
            if now.edited and not force:
                return ("conflict",
                        "edited in the calendar since calsync wrote it; left alone", now)
            if now.content_hash == want:
                return "ok", "already up to date", now
            if now.etag is None:
                return "failed", f"the server gives no ETag for {name}", now
            return None

        # A create expects nothing there (If-None-Match: *); an update expects the object
        # the plan saw (If-Match: its etag).
        current: RemoteEvent | None = None
        etag: str | None = None
        if change.kind is ChangeKind.UPDATE and remote is not None and not remote.cancelled:
            current, etag = remote, remote.etag
            if etag is None or remote.raw is None:
                # Planned from the state store: read the object (its SEQUENCE, and whether
                # it changed since) before replacing it.
                current = self._get(name)
                if current is None:
                    return "skipped", "deleted in the calendar by a person; left alone", None
                if current.etag != remote.etag and (verdict := judge(current)) is not None:
                    return verdict
                etag = current.etag
        for _ in range(4):
            status, written = self._put(event, name, etag=etag, previous=current)
            if written is not None:
                return "ok", "", written
            if status not in (404, 409, 412):
                return "failed", f"writing {name} failed: HTTP {status}", None
            # Someone else's write got there first: look, then decide by the plan's rules.
            now = self._get(name)
            if now is None:
                if etag is not None and not force:
                    return ("skipped", "deleted in the calendar by a person; left alone",
                            None)
                if etag is None or status != 412:
                    # Nothing there and still refused: the calendar itself is gone.
                    return ("failed", f"the server refused {name} (HTTP {status}); does "
                            f"{self.calendar_url()} still exist?", None)
                current, etag = None, None  # deleted meanwhile and --force: create it
                continue
            verdict = judge(now)
            if verdict is not None:
                return verdict
            current, etag = now, now.etag
        return "failed", f"{name} changed concurrently; try again", None

    def _delete(
        self, name: str, remote: RemoteEvent | None, force: bool
    ) -> tuple[Outcome, str, RemoteEvent | None]:
        etag = remote.etag if remote is not None else None
        for _ in range(4):
            if etag is None:
                now = self._get(name)
                if now is None:
                    return "ok", "already deleted", None
                if not now.owned:
                    return "failed", f"{name} is not an event made by calsync; left alone", now
                if now.edited and not force:
                    return "conflict", "edited in the calendar meanwhile; not deleted", now
                etag = now.etag
                if etag is None:
                    return "failed", f"the server gives no ETag for {name}", now
            resp = self._request("DELETE", self._resource_url(name), f"deleting {name}",
                                 headers={"If-Match": etag})
            if resp.status in (200, 202, 204, 404, 410):
                return "ok", "" if resp.status < 300 else "already deleted", None
            if resp.status != 412:
                return "failed", f"deleting {name} failed: HTTP {resp.status}", None
            etag = None
        return "failed", f"{name} changed concurrently; try again", None


def resolve_password(env: str | None = None, command: str | None = None) -> str | None:
    """The password from an environment variable or the first line a command prints.

    Never from the configuration itself: a command (``pass show calendar``, ``secret-tool
    lookup ...``) keeps it in a keyring. The command runs without a shell.
    """
    import os
    import shlex
    import subprocess

    if command:
        try:
            argv = shlex.split(command)
            done = subprocess.run(argv, capture_output=True, text=True, timeout=30,
                                  check=False)
        except (OSError, ValueError, subprocess.TimeoutExpired) as exc:
            raise ConfigError(f"password command {command!r} could not run: {exc}") from exc
        if done.returncode != 0:
            raise ConfigError(f"password command {command!r} failed with exit status "
                              f"{done.returncode}: {done.stderr.strip()[:200]}")
        lines = done.stdout.splitlines()
        if not lines or not lines[0].strip():
            raise ConfigError(f"password command {command!r} printed nothing")
        return lines[0].strip()
    if env:
        value = os.environ.get(env)
        if not value:
            raise ConfigError(f"environment variable {env} (the CalDAV password) is not set")
        return value
    return None


def from_config(cfg: CaldavTargetConfig) -> CalDAVTarget:
    """The calendar of a ``[[target]]`` of type ``caldav``; the password is the first line
    ``password_command`` prints, or the value of the variable ``password_env`` names."""
    if cfg.password_command:
        password = resolve_password(command=cfg.password_command)
    elif cfg.password_env:
        password = env_value(cfg.name, cfg.password_env, "password_env")
    else:
        password = None
    return CalDAVTarget(cfg.url, cfg.username, password, calendar=cfg.calendar,
                        create=cfg.create)


class _TokenRefused(TargetError):
    """The server refused a sync-collection request (expired token, or none supported)."""


def _sleep(seconds: float) -> None:
    time.sleep(seconds)  # looked up at call time, so a test can patch time.sleep


def _looks_like_url(value: str) -> bool:
    return value.startswith(("http://", "https://", "/"))


def _collection(url: str) -> str:
    return url if url.endswith("/") else url + "/"


__all__ = [
    "MARKER",
    "X_DIGEST",
    "X_HASH",
    "X_MARKER",
    "X_SOURCE",
    "CalDAVTarget",
    "event_resource",
    "parse_resource",
    "resolve_password",
    "resource_name",
    "shown_digest",
]
