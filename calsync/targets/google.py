"""The Google Calendar target, on google-api-python-client and google-auth (extra ``google``).

Why it converges where "import into Google" tools duplicate:

- identity: each event's Google id is derived from its calsync UID (base32hex of a SHA-256),
  so a lost state file or a retried insert can never create a second copy (Google answers
  409, and we look at what is there);
- ownership: every event carries ``extendedProperties.private`` with calsync's marker, UID,
  source, content hash and a digest of the fields it wrote; listing filters on the marker and
  only marked events are ever patched or deleted;
- people win: a digest of what the event shows now that differs from the one written means a
  person edited it (a conflict); a cancelled event stays cancelled;
- efficiency: one list call (or a sync token) to learn the remote state, writes in
  ``BatchHttpRequest``s of ``batch_size`` with an explicit ``batch_uri`` (the batch endpoint
  ignores ``api_endpoint``), patches carry only the changed fields;
- faults: exponential backoff with full jitter on 429, 5xx, 403 rate limits, dropped
  connections and timeouts (the ``sleep`` is injected); 403 quotaExceeded stops the run.

Google libraries are imported lazily so that ``calsync --help`` stays fast.
"""

from __future__ import annotations

import base64
import hashlib
import http.client
import json
import logging
import os
import random
import socket
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from calsync.errors import ConfigError, QuotaExceededError, TargetError
from calsync.model import Change, ChangeKind, Event
from calsync.targets.base import (
    ChangeResult,
    Listing,
    RemoteEvent,
    ResultCallback,
    backoff_delay,
    env_value,
)

if TYPE_CHECKING:
    from calsync.config import GoogleTargetConfig

log = logging.getLogger("calsync.google")

SCOPE = "https://www.googleapis.com/auth/calendar.events"
DEFAULT_ENDPOINT = "https://www.googleapis.com/"
MARKER = "calsync"
_K_UID, _K_SOURCE, _K_HASH, _K_SHOWN = "calsyncUid", "calsyncSource", "calsyncHash", "calsyncShown"
#: Fields calsync writes and compares; anything else in the event is a person's business.
FIELDS = ("summary", "description", "location", "start", "end", "status", "transparency",
          "source")
_RATE_REASONS = {"rateLimitExceeded", "userRateLimitExceeded"}
_QUOTA_REASONS = {"quotaExceeded", "dailyLimitExceeded"}

T = TypeVar("T")


# --- identity and body -------------------------------------------------------------------

#: Standard base32 alphabet mapped onto base32hex (Google's id alphabet), lower case.
_TO_B32HEX = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "0123456789abcdefghijklmnopqrstuv")


def event_id(uid: str) -> str:
    """Google event id for a calsync UID: base32hex (a-v, 0-9) of its SHA-256, 52 chars.

    Base32hex is exactly Google's allowed id alphabet; hashing keeps ids short whatever the
    UID.
    """
    digest = hashlib.sha256(uid.encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii").rstrip("=").translate(_TO_B32HEX)


def _when(value: date | datetime, zone: str) -> dict[str, str]:
    if isinstance(value, datetime):
        return {"dateTime": value.isoformat(), "timeZone": zone}
    return {"date": value.isoformat()}


def _norm_when(when: Any) -> str:
    """A comparable form of a Google start/end: the date, or the UTC instant."""
    if not isinstance(when, Mapping):
        return ""
    if when.get("date"):
        return str(when["date"])
    raw = when.get("dateTime")
    if not raw:
        return ""
    try:
        dt = datetime.fromisoformat(str(raw).replace("Z", "+00:00"))
    except ValueError:
        return str(raw)
    if dt.tzinfo is None:
        return str(raw)
    return dt.astimezone(UTC).isoformat()


def shown_digest(item: Mapping[str, Any]) -> str:
    """Digest of the fields calsync writes, as an event resource shows them.

    Computed over the body calsync sends (stored in the marker) and over what Google returns
    later: a difference means a person changed one of these fields.
    """
    src = item.get("source") or {}
    payload = {
        "summary": (item.get("summary") or "").strip(),
        "description": (item.get("description") or "").strip(),
        "location": (item.get("location") or "").strip(),
        "start": _norm_when(item.get("start")),
        "end": _norm_when(item.get("end")),
        "status": item.get("status") or "confirmed",
        "transparency": item.get("transparency") or "opaque",
        "source": (src.get("url") or "") if isinstance(src, Mapping) else "",
    }
    raw = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()[:32]


def event_body(event: Event) -> dict[str, Any]:
    """The Google event resource for an Event, marker included.

    An event the sources call off (CANCELLED) stays visible, marked in its title and free:
    Google's own "cancelled" status means "deleted".
    """
    status = event.effective_status
    body: dict[str, Any] = {
        "id": event_id(event.uid),
        "iCalUID": event.uid,
        "summary": ("Cancelled: " + event.title) if status == "CANCELLED" else event.title,
        "description": event.description(),
        "location": event.location or "",
        "start": _when(event.start, event.timezone),
        "end": _when(event.end, event.timezone),
        "status": "tentative" if status == "TENTATIVE" else "confirmed",
        "transparency": "transparent" if status == "CANCELLED" else "opaque",
    }
    url = event.url
    if url and url.startswith(("http://", "https://")):
        body["source"] = {"title": event.title[:200], "url": url}
    body["extendedProperties"] = {"private": {
        MARKER: "1",
        _K_UID: event.uid,
        _K_SOURCE: ", ".join(event.sources)[:1000],
        _K_HASH: event.content_hash(),
        _K_SHOWN: shown_digest(body),
    }}
    return body


def parse_item(item: Mapping[str, Any]) -> RemoteEvent:
    """A Google event resource as a RemoteEvent; deleted events may be bare stubs."""
    props = ((item.get("extendedProperties") or {}).get("private") or {})
    owned = props.get(MARKER) == "1" and bool(props.get(_K_UID))
    cancelled = item.get("status") == "cancelled"
    return RemoteEvent(
        remote_id=str(item["id"]),
        uid=props.get(_K_UID) if owned else None,
        owned=owned,
        content_hash=props.get(_K_HASH) if owned else None,
        written_hash=props.get(_K_SHOWN) if owned else None,
        shown_hash=None if cancelled else shown_digest(item),
        etag=item.get("etag"),
        cancelled=cancelled,
        source=props.get(_K_SOURCE) if owned else None,
        title=item.get("summary"),
        raw=dict(item),
    )


def patch_body(event: Event, remote: RemoteEvent, *, restore: bool = False) -> dict[str, Any]:
    """Only the fields that differ from what the remote shows, plus the marker."""
    full = event_body(event)
    raw = remote.raw
    out: dict[str, Any] = {}
    for key in FIELDS:
        want = full.get(key)
        if raw is None or restore or _norm_field(key, raw.get(key)) != _norm_field(key, want):
            out[key] = want if want is not None else ({} if key == "source" else "")
    if restore:
        out["status"] = full["status"]
    out["extendedProperties"] = full["extendedProperties"]
    return out


def _norm_field(key: str, value: Any) -> Any:
    if key in ("start", "end"):
        return _norm_when(value)
    if key == "source":
        return (value or {}).get("url") or ""
    if key == "status":
        return value or "confirmed"
    if key == "transparency":
        return value or "opaque"
    return (value or "").strip() if isinstance(value, str) or value is None else value


# --- credentials ---------------------------------------------------------------------------

def config_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "calsync"


def default_token_path() -> Path:
    """Where ``calsync auth google`` stores the OAuth token (0600)."""
    return config_dir() / "google-token.json"


def load_credentials(
    path: str | Path | None, *, token_uri: str | None = None
) -> Any:
    """Google credentials from a service account key, an authorized-user token file, or
    (``path`` None) the token ``calsync auth google`` stored.

    A service account key's own ``token_uri`` is honoured; ``token_uri`` overrides it (for a
    proxy or an emulator), and is the only way to move an OAuth user token's endpoint.
    """
    file = Path(path) if path is not None else default_token_path()
    if not file.exists():
        if path is None:
            raise ConfigError(
                "no Google credentials: pass --credentials KEY.json (a service account key) "
                "or run `calsync auth google --client-secrets CLIENT.json` first"
            )
        raise ConfigError(f"{file}: no such credentials file")
    try:
        info = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ConfigError(f"{file}: not a readable JSON credentials file ({exc})") from exc
    if not isinstance(info, dict):
        raise ConfigError(f"{file}: not a Google credentials file")
    if token_uri:
        info["token_uri"] = token_uri
    kind = info.get("type")
    try:
        if kind == "service_account":
            from google.oauth2 import service_account

            return service_account.Credentials.from_service_account_info(  # type: ignore[no-untyped-call]
                info, scopes=[SCOPE]
            )
        if kind == "authorized_user" or "refresh_token" in info:
            from google.oauth2.credentials import Credentials

            creds = Credentials.from_authorized_user_info(  # type: ignore[no-untyped-call]
                info, scopes=[SCOPE]
            )
            # google-auth pins user tokens to Google's endpoint (a token file must not send
            # the refresh token elsewhere); only an explicit token_uri moves it.
            return creds.with_token_uri(token_uri) if token_uri else creds
    except (ValueError, KeyError) as exc:
        raise ConfigError(f"{file}: incomplete Google credentials ({exc})") from exc
    if "installed" in info or "web" in info:
        raise ConfigError(
            f"{file} is an OAuth client secrets file, not credentials",
            [f"run `calsync auth google --client-secrets {file}` once, then sync without "
             "--credentials (the stored token is used)"],
        )
    raise ConfigError(f"{file}: unknown credentials type {kind!r} "
                      "(expected a service account key or an authorized-user token)")


def save_token(credentials: Any, path: Path | None = None) -> Path:
    """Store OAuth user credentials atomically, mode 0600."""
    target = path or default_token_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(credentials.to_json())
            fh.flush()
            os.fsync(fh.fileno())
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def token_keeper(credentials: Any, *, stored: bool) -> Callable[[], None]:
    """What to call when done with ``credentials``: when they are the stored OAuth token
    (``stored``) and the API calls refreshed it, it is saved back (0600)."""
    before = getattr(credentials, "token", None)

    def keep() -> None:
        if stored and getattr(credentials, "refresh_token", None) and \
                getattr(credentials, "token", None) != before:
            save_token(credentials)

    return keep


def from_config(cfg: GoogleTargetConfig) -> tuple[GoogleTarget, Callable[[], None]]:
    """The calendar of a ``[[target]]`` of type ``google``, and what to call when the run is
    done with it (``token_keeper``). The key file is ``credentials``, or the path the variable
    ``credentials_env`` holds; with neither, the token ``calsync auth google`` stored."""
    credentials: Path | None = cfg.credentials
    if cfg.credentials_env:
        credentials = Path(env_value(cfg.name, cfg.credentials_env, "credentials_env"))
        credentials = credentials.expanduser()
    creds = load_credentials(credentials, token_uri=cfg.token_uri)
    target = GoogleTarget(cfg.calendar, creds, api_endpoint=cfg.api_endpoint)
    return target, token_keeper(creds, stored=credentials is None)


# --- errors ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Failure:
    status: int  # 0 for transport errors
    reason: str
    message: str
    retry_after: float | None = None

    @property
    def retryable(self) -> bool:
        if self.status == 0 or self.status == 429 or self.status >= 500:
            return True
        return self.status == 403 and self.reason in _RATE_REASONS

    @property
    def quota(self) -> bool:
        return self.status == 403 and self.reason in _QUOTA_REASONS

    def __str__(self) -> str:
        if self.status == 0:
            return self.message
        return f"HTTP {self.status} {self.reason}: {self.message}".rstrip(": ")


def _failure_from_http(status: int, content: Any, headers: Mapping[str, Any] | None) -> _Failure:
    reason, message = "", ""
    try:
        text = content.decode("utf-8") if isinstance(content, bytes) else str(content or "")
        err = json.loads(text).get("error", {})
        message = str(err.get("message", ""))
        errs = err.get("errors") or []
        if errs:
            reason = str(errs[0].get("reason", ""))
        elif err.get("status"):
            reason = str(err["status"])
    except (ValueError, AttributeError, UnicodeDecodeError):
        message = ""
    retry_after = None
    if headers is not None:
        ra = headers.get("retry-after")
        if ra is not None:
            try:
                retry_after = float(ra)
            except (TypeError, ValueError):
                retry_after = None
    return _Failure(status, reason, message, retry_after)


def _transport_errors() -> tuple[type[BaseException], ...]:
    import httplib2
    from google.auth.exceptions import TransportError

    return (OSError, socket.timeout, http.client.HTTPException, httplib2.HttpLib2Error,
            TransportError)


class _SyncTokenGone(TargetError):
    """410 on a listing: the sync token expired, a full listing is needed."""


# --- the target ----------------------------------------------------------------------------

@dataclass
class _Op:
    change: Change
    action: str  # insert | restore | patch | delete | get
    event: Event | None
    remote: RemoteEvent | None
    force: bool
    after: str = ""  # for get: the write it reconciles
    rounds: int = 0


class GoogleTarget:
    """One Google calendar (``calendar_id``, e.g. an address or ``primary``)."""

    def __init__(
        self,
        calendar_id: str,
        credentials: Any,
        *,
        api_endpoint: str | None = None,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        rng: Callable[[], float] = random.random,
        max_retries: int = 6,
        backoff_base: float = 1.0,
        backoff_cap: float = 32.0,
        batch_size: int = 50,
        page_size: int = 2500,
    ) -> None:
        self.calendar_id = calendar_id
        self.name = f"google:{calendar_id}"
        self.credentials = credentials
        root = (api_endpoint or DEFAULT_ENDPOINT).rstrip("/") + "/"
        root = root.removesuffix("calendar/v3/")
        self.api_root = root
        self.api_base = root + "calendar/v3/"
        self.batch_uri = root + "batch/calendar/v3"
        self.timeout = timeout
        self.sleep = sleep
        self.rng = rng
        self.max_retries = max_retries
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.batch_size = max(1, min(batch_size, 1000))
        self.page_size = page_size
        self._service: Any = None
        self._http: Any = None

    # plumbing

    @property
    def account(self) -> str:
        return str(getattr(self.credentials, "service_account_email", "") or "your account")

    def _svc(self) -> Any:
        if self._service is None:
            import google_auth_httplib2  # type: ignore[import-untyped]
            import httplib2
            from googleapiclient.discovery import build

            self._http = google_auth_httplib2.AuthorizedHttp(
                self.credentials, http=httplib2.Http(timeout=self.timeout)
            )
            self._service = build(
                "calendar", "v3", http=self._http, cache_discovery=False,
                static_discovery=True, client_options={"api_endpoint": self.api_base},
            )
        return self._service

    def _delay(self, attempt: int, failure: _Failure | None) -> float:
        return backoff_delay(attempt, failure.retry_after if failure else None,
                             base=self.backoff_base, cap=self.backoff_cap, rng=self.rng)

    def _fatal(self, failure: _Failure, what: str) -> TargetError:
        if failure.status == 410:
            return _SyncTokenGone(f"Google Calendar error while {what}: {failure}")
        if failure.quota:
            return QuotaExceededError(
                f"Google Calendar quota exceeded while {what}: {failure.message}",
                hint="the daily quota resets at midnight Pacific time; re-run then",
            )
        if failure.status in (401,):
            return TargetError(f"Google refused the credentials while {what}: {failure}")
        if failure.status == 404:
            return TargetError(
                f"calendar {self.calendar_id!r} not found while {what}",
                hint=f"share the calendar with {self.account} (Make changes to events)",
            )
        if failure.status == 403:
            return TargetError(
                f"no write access to calendar {self.calendar_id!r} while {what}: {failure}",
                hint=f"share the calendar with {self.account} (Make changes to events)",
            )
        return TargetError(f"Google Calendar error while {what}: {failure}")

    def _execute(self, make: Callable[[], Any], what: str) -> Any:
        """Run one request with backoff; raises calsync errors only."""
        from google.auth.exceptions import RefreshError
        from googleapiclient.errors import HttpError

        transport = _transport_errors()
        attempt = 0
        while True:
            try:
                return make().execute(num_retries=0)
            except HttpError as exc:
                failure = _failure_from_http(exc.resp.status, exc.content, exc.resp)
            except RefreshError as exc:
                if not getattr(exc, "retryable", False):
                    raise TargetError(
                        f"cannot get a Google access token while {what}: {exc}",
                        hint="check the credentials file and its token_uri",
                    ) from exc
                failure = _Failure(0, "refresh", str(exc))
            except transport as exc:
                failure = _Failure(0, type(exc).__name__, f"connection problem: {exc!r}")
            if not failure.retryable or attempt >= self.max_retries:
                raise self._fatal(failure, what)
            delay = self._delay(attempt, failure)
            log.info("retrying after %s (%.1fs): %s", failure, delay, what)
            self.sleep(delay)
            attempt += 1

    # listing

    def remote_id_for(self, uid: str) -> str | None:
        return event_id(uid)

    def _list_all(
        self, params: dict[str, Any], what: str
    ) -> tuple[list[dict[str, Any]], str | None]:
        events = self._svc().events()
        items: list[dict[str, Any]] = []
        page: str | None = None
        while True:
            kwargs = dict(params, calendarId=self.calendar_id, maxResults=self.page_size)
            if page:
                kwargs["pageToken"] = page
            resp = self._execute(lambda kw=kwargs: events.list(**kw), what)  # type: ignore[misc]
            items.extend(resp.get("items", []))
            page = resp.get("nextPageToken")
            if not page:
                return items, resp.get("nextSyncToken")

    def list_remote(self, sync_token: str | None = None) -> Listing:
        """calsync's events (marker filter, deleted ones included), or the changes since
        ``sync_token``; an expired token (410) falls back to the full listing."""
        if sync_token:
            try:
                items, token = self._list_all(
                    {"syncToken": sync_token, "showDeleted": True}, "listing changes"
                )
                return Listing(tuple(parse_item(i) for i in items), complete=False,
                               sync_token=token)
            except _SyncTokenGone:
                log.info("sync token expired; listing the whole calendar")
        items, token = self._list_all(
            {"privateExtendedProperty": f"{MARKER}=1", "showDeleted": True},
            "listing events",
        )
        return Listing(tuple(parse_item(i) for i in items), complete=True, sync_token=token)

    # writing

    def _request(self, op: _Op) -> Any:
        events = self._svc().events()
        cal = self.calendar_id
        if op.action == "insert":
            assert op.event is not None
            return events.insert(calendarId=cal, body=event_body(op.event), sendUpdates="none")
        if op.action == "get":
            assert op.remote is not None
            return events.get(calendarId=cal, eventId=op.remote.remote_id)
        assert op.remote is not None
        if op.action == "delete":
            req = events.delete(calendarId=cal, eventId=op.remote.remote_id, sendUpdates="none")
        else:
            assert op.event is not None
            body = patch_body(op.event, op.remote, restore=op.action == "restore")
            req = events.patch(calendarId=cal, eventId=op.remote.remote_id, body=body,
                               sendUpdates="none")
        if op.remote.etag and not op.force and op.action != "restore":
            req.headers["If-Match"] = op.remote.etag
        return req

    def _run_batch(self, ops: Sequence[_Op]) -> list[Any]:
        """Run ops in one batch request, retrying what failed transiently; each result is the
        response dict or a _Failure."""
        from google.auth.exceptions import RefreshError
        from googleapiclient.errors import HttpError
        from googleapiclient.http import BatchHttpRequest

        transport = _transport_errors()
        results: list[Any] = [None] * len(ops)
        pending = list(range(len(ops)))
        attempt = 0
        while pending:
            got: dict[int, Any] = {}

            def callback(request_id: str, response: Any, exception: Any,
                         got: dict[int, Any] = got) -> None:
                if exception is None:
                    got[int(request_id)] = response if response is not None else {}
                elif isinstance(exception, HttpError):
                    got[int(request_id)] = _failure_from_http(
                        exception.resp.status, exception.content, exception.resp)
                else:
                    got[int(request_id)] = _Failure(0, "error", str(exception))

            batch = BatchHttpRequest(callback=callback, batch_uri=self.batch_uri)
            for i in pending:
                batch.add(self._request(ops[i]), request_id=str(i))
            whole: _Failure | None = None
            try:
                self._svc()
                batch.execute(http=self._http)
            except HttpError as exc:
                whole = _failure_from_http(exc.resp.status, exc.content, exc.resp)
            except RefreshError as exc:
                if not getattr(exc, "retryable", False):
                    raise TargetError(f"cannot get a Google access token: {exc}") from exc
                whole = _Failure(0, "refresh", str(exc))
            except transport as exc:
                whole = _Failure(0, type(exc).__name__, f"connection problem: {exc!r}")
            if whole is not None:
                if whole.quota:
                    raise self._fatal(whole, "writing events")
                if not whole.retryable:
                    for i in pending:
                        results[i] = whole
                    return results
                got = dict.fromkeys(pending, whole)
            retry: list[int] = []
            worst: _Failure | None = None
            for i in pending:
                out = got.get(i, _Failure(0, "missing", "no response in the batch"))
                if isinstance(out, _Failure) and out.retryable and attempt < self.max_retries:
                    retry.append(i)
                    worst = out
                else:
                    results[i] = out
            pending = retry
            if pending:
                delay = self._delay(attempt, worst)
                log.info("retrying %d requests after %s (%.1fs)", len(pending), worst, delay)
                self.sleep(delay)
                attempt += 1
        return results

    def _first_op(self, change: Change, remotes: Mapping[str, RemoteEvent]) -> _Op:
        remote = remotes.get(change.remote_id) if change.remote_id else None
        force = "--force" in change.reason
        if change.kind is ChangeKind.CREATE:
            if remote is not None:
                return _Op(change, "restore", change.event, remote, True)
            stub = RemoteEvent(remote_id=event_id(change.uid))
            return _Op(change, "insert", change.event, stub, force)
        if remote is None:
            remote = RemoteEvent(remote_id=change.remote_id or event_id(change.uid))
        action = "patch" if change.kind is ChangeKind.UPDATE else "delete"
        return _Op(change, action, change.event, remote, force)

    def apply(
        self,
        changes: Sequence[Change],
        remotes: Mapping[str, RemoteEvent],
        report: ResultCallback,
    ) -> None:
        for start in range(0, len(changes), self.batch_size):
            chunk = changes[start:start + self.batch_size]
            ops = [self._first_op(c, remotes) for c in chunk]
            while ops:
                outcomes = self._run_batch(ops)
                follow: list[_Op] = []
                quota: _Failure | None = None
                for op, out in zip(ops, outcomes, strict=True):
                    if isinstance(out, _Failure) and out.quota:
                        quota = out
                        continue
                    nxt = self._handle(op, out, report)
                    if nxt is not None:
                        follow.append(nxt)
                if quota is not None:
                    raise self._fatal(quota, "writing events")
                ops = follow

    def _handle(self, op: _Op, out: Any, report: ResultCallback) -> _Op | None:
        """Turn one response into a result, or into the next request for this change."""
        change = op.change
        if op.action == "get":
            if isinstance(out, _Failure):
                report(ChangeResult(change, "failed", f"could not re-read the event: {out}"))
                return None
            return self._reconcile(op, parse_item(out), report)
        if not isinstance(out, _Failure):
            remote = parse_item(out) if op.action != "delete" and out else None
            report(ChangeResult(change, "ok", "", remote))
            return None
        if op.action == "delete" and out.status in (404, 410):
            report(ChangeResult(change, "ok", "already deleted"))
            return None
        if (out.status == 409 and op.action == "insert") or out.status == 412:
            if op.rounds >= 3:
                report(ChangeResult(change, "failed", f"changed concurrently, try again: {out}"))
                return None
            return replace(op, action="get", after=op.action, rounds=op.rounds + 1)
        message = str(out)
        if out.status == 403:
            message += (f" (share the calendar with {self.account}, permission "
                        "'Make changes to events')")
        report(ChangeResult(change, "failed", message))
        return None

    def _reconcile(self, op: _Op, now: RemoteEvent, report: ResultCallback) -> _Op | None:
        """After a 409 or 412: look at what the calendar holds and decide, by the plan's
        rules, whether our write already landed, conflicts, or must be redone."""
        change, after = op.change, op.after
        want = op.event.content_hash() if op.event is not None else None
        if not now.owned and not now.cancelled:
            report(ChangeResult(change, "failed",
                                f"event id {now.remote_id} is taken by an event not made by "
                                "calsync; left alone"))
            return None
        if after == "delete":
            if now.cancelled:
                report(ChangeResult(change, "ok", "already deleted", now))
                return None
            if now.edited and not op.force:
                report(ChangeResult(change, "conflict",
                                    "edited in the calendar meanwhile; not deleted", now))
                return None
            return replace(op, action="delete", remote=now)
        if now.cancelled:
            if after in ("insert", "patch") and not op.force:
                report(ChangeResult(change, "skipped",
                                    "deleted in the calendar by a person; left alone", now))
                return None
            return replace(op, action="restore", remote=now)
        if now.edited and not op.force:
            report(ChangeResult(change, "conflict",
                                "edited in the calendar since calsync wrote it; left alone", now))
            return None
        if now.content_hash == want and not now.edited:
            report(ChangeResult(change, "ok", "already up to date", now))
            return None
        return replace(op, action="patch", remote=now)


__all__ = [
    "DEFAULT_ENDPOINT",
    "SCOPE",
    "GoogleTarget",
    "event_body",
    "event_id",
    "load_credentials",
    "parse_item",
    "save_token",
    "shown_digest",
]
