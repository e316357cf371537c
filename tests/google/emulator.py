"""A Google Calendar API v3 emulator for the tests: a threaded HTTP server on 127.0.0.1.

The real google-api-python-client and google-auth talk to it over HTTP, so the tests exercise
the same requests Google would receive. It follows the documented behaviour of the API:

- OAuth token endpoint (service-account JWT bearer grant, with the assertion's shape and, when
  the key is registered, its RS256 signature checked; refresh-token grant for OAuth users);
  every API call needs ``Authorization: Bearer`` with a token it issued;
- ``events.list`` with timeMin/timeMax, iCalUID, privateExtendedProperty, showDeleted,
  maxResults/pageToken paging and syncToken (410 fullSyncRequired when invalid or expired;
  400 when combined with a filter Google forbids with it; deleted events always included);
  deleted events come back as bare stubs (id, status, etag, updated) in lists;
- get, insert (client ids must be base32hex, 5-1024 chars; 409 duplicate, deleted ids too),
  import, patch (objects merged, other values replaced), update, delete (the event becomes
  ``cancelled``, a second delete is 410 deleted); If-Match -> 412; a new etag on every write;
- the batch endpoint (multipart/mixed in, multipart/mixed out, per-part status);
- injectable faults: scripted or random 429, 500, 503, 403 with a reason, dropped connections
  (before or after the request is processed), slow responses, a write quota;
- a request log for the tests to count HTTP requests and writes.
"""

from __future__ import annotations

import base64
import json
import random
import threading
import time
import urllib.parse
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

GOOGLE_TOKEN_URI = "https://oauth2.googleapis.com/token"
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
ID_ALPHABET = set("abcdefghijklmnopqrstuv0123456789")
SYNC_FORBIDDEN = ("iCalUID", "orderBy", "privateExtendedProperty", "q",
                  "sharedExtendedProperty", "timeMin", "timeMax", "updatedMin")
WRITE_METHODS = {"POST", "PATCH", "PUT", "DELETE"}
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)

Response = tuple[int, dict[str, str], bytes]
_KEY: Any = None


class ApiError(Exception):
    def __init__(self, code: int, reason: str, message: str, domain: str = "global") -> None:
        super().__init__(message)
        self.code, self.reason, self.message, self.domain = code, reason, message, domain

    def response(self) -> Response:
        body = {"error": {
            "errors": [{"domain": self.domain, "reason": self.reason, "message": self.message}],
            "code": self.code, "message": self.message,
        }}
        return self.code, {"Content-Type": "application/json; charset=UTF-8"}, _json(body)


def _json(obj: Any) -> bytes:
    return json.dumps(obj).encode("utf-8")


@dataclass(frozen=True)
class Fault:
    """``kind``: "status" (answer ``status`` with ``reason``), "drop" (close the connection
    without answering), "drop_after" (process the request, then close without answering),
    "slow" (wait ``delay`` seconds, then answer normally)."""

    kind: str
    status: int = 0
    reason: str = ""
    delay: float = 0.0

    def error(self) -> ApiError:
        messages = {
            429: "Rate Limit Exceeded", 500: "Backend Error", 503: "Service Unavailable",
        }
        if self.status == 403:
            msg = {"quotaExceeded": "Calendar usage limits exceeded.",
                   "rateLimitExceeded": "Rate Limit Exceeded",
                   "userRateLimitExceeded": "User Rate Limit Exceeded"}.get(self.reason,
                                                                            "Forbidden")
            return ApiError(403, self.reason, msg, "usageLimits")
        reason = self.reason or {429: "rateLimitExceeded", 500: "backendError",
                                 503: "backendError"}.get(self.status, "error")
        return ApiError(self.status, reason, messages.get(self.status, "Error"))


RATE_429 = Fault("status", 429)
ERROR_500 = Fault("status", 500)
ERROR_503 = Fault("status", 503)
RATE_403 = Fault("status", 403, "rateLimitExceeded")
USER_RATE_403 = Fault("status", 403, "userRateLimitExceeded")
QUOTA_403 = Fault("status", 403, "quotaExceeded")
DROP = Fault("drop")
DROP_AFTER = Fault("drop_after")


@dataclass
class LoggedRequest:
    method: str
    path: str
    query: dict[str, list[str]]
    status: int = 0
    parts: list[tuple[str, str, int]] = field(default_factory=list)  # batch: method, path, status
    fault: str = ""


@dataclass
class Calendar:
    id: str
    time_zone: str = "Europe/Paris"
    events: dict[str, dict[str, Any]] = field(default_factory=dict)
    seq: dict[str, int] = field(default_factory=dict)
    epoch: int = 0


class CalendarEmulator:
    """Start with ``start()`` (or as a context manager); ``url`` is the API root."""

    def __init__(self, *, seed: int = 0) -> None:
        self.calendars: dict[str, Calendar] = {}
        self.tokens: set[str] = set()
        self.public_keys: dict[str, Any] = {}
        self.refresh_tokens: set[str] = set()
        self.auth_codes: set[str] = set()
        self.granted_scope = ""
        self.log: list[LoggedRequest] = []
        self.lock = threading.RLock()
        self.clock = 0
        self.scripted: deque[tuple[Fault, Callable[[str, str], bool]]] = deque()
        self.random_rate = 0.0
        self.random_kinds: list[Fault] = []
        self.rng = random.Random(seed)
        self.write_quota: int | None = None
        #: Leave deleted events out of filtered (privateExtendedProperty) listings even with
        #: showDeleted, as an API may: clients must then learn of them from the 409 on insert.
        self.hide_deleted_in_filtered_lists = False
        #: (method, path, JSON body) of every write, batch parts included.
        self.write_log: list[tuple[str, str, dict[str, Any]]] = []
        self.writes = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.url = ""

    # lifecycle

    def start(self) -> CalendarEmulator:
        emulator = self

        class Handler(_Handler):
            emu = emulator

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/"
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(0.05,), daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> CalendarEmulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def token_uri(self) -> str:
        return self.url + "token"

    # test helpers

    def add_calendar(self, cal_id: str, time_zone: str = "Europe/Paris") -> Calendar:
        with self.lock:
            return self.calendars.setdefault(cal_id, Calendar(cal_id, time_zone))

    def service_account_key(self, path: Path, email: str = "calsync@emu.iam.gserviceaccount.com",
                            ) -> Path:
        """Write a service account key file whose token_uri points here; its public key is
        registered so that assertions are verified."""
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        global _KEY
        if _KEY is None:  # one key per test session: generating RSA keys is slow
            _KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        key = _KEY
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode("ascii")
        self.public_keys[email] = key.public_key()
        info = {
            "type": "service_account", "project_id": "emu", "private_key_id": "k1",
            "private_key": pem, "client_email": email, "client_id": "1",
            "auth_uri": "https://accounts.google.com/o/oauth2/auth",
            "token_uri": self.token_uri,
        }
        path.write_text(json.dumps(info), encoding="utf-8")
        return path

    def inject(self, fault: Fault, times: int = 1,
               when: Callable[[str, str], bool] = lambda method, path: True) -> None:
        """Answer the next ``times`` matching API requests (or batch parts) with ``fault``."""
        with self.lock:
            for _ in range(times):
                self.scripted.append((fault, when))

    def random_faults(self, rate: float, kinds: list[Fault] | None = None) -> None:
        self.random_rate = rate
        self.random_kinds = kinds or [RATE_429, ERROR_500, ERROR_503, RATE_403, DROP,
                                      DROP_AFTER]

    def events(self, cal_id: str, *, deleted: bool = False) -> list[dict[str, Any]]:
        with self.lock:
            return [dict(e) for e in self.calendars[cal_id].events.values()
                    if deleted or e.get("status") != "cancelled"]

    def person_edit(self, cal_id: str, event_id: str, **fields: Any) -> dict[str, Any]:
        with self.lock:
            return self._patch(self.calendars[cal_id], event_id, fields, None)

    def person_delete(self, cal_id: str, event_id: str) -> None:
        with self.lock:
            self._delete(self.calendars[cal_id], event_id, None)

    def person_insert(self, cal_id: str, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            return self._insert(self.calendars[cal_id], dict(body))

    def expire_sync_tokens(self, cal_id: str) -> None:
        with self.lock:
            self.calendars[cal_id].epoch += 1

    def reset_log(self) -> None:
        with self.lock:
            self.log.clear()
            self.writes = 0
            self.write_log.clear()

    def http_requests(self) -> int:
        return len(self.log)

    def write_parts(self) -> int:
        """Write operations received (batch parts and plain requests alike)."""
        return self.writes

    # fault selection

    def _fault(self, method: str, path: str) -> Fault | None:
        with self.lock:
            for i, (fault, when) in enumerate(self.scripted):
                if when(method, path):
                    del self.scripted[i]
                    return fault
            if self.random_rate and self.rng.random() < self.random_rate:
                return self.rng.choice(self.random_kinds)
        return None

    # dispatch

    def handle(self, method: str, target: str, headers: dict[str, str], body: bytes,
               *, part: bool = False) -> Response:
        parsed = urllib.parse.urlsplit(target)
        path = parsed.path
        query = urllib.parse.parse_qs(parsed.query, keep_blank_values=True)
        try:
            if path == "/token" and method == "POST":
                return self._token(body, headers)
            if path == "/auth" and method == "GET":
                return self._authorize(query)
            if not path.startswith("/calendar/v3/"):
                raise ApiError(404, "notFound", "Not Found")
            self._check_auth(headers)
            with self.lock:
                return self._api(method, path, query, headers, body)
        except ApiError as err:
            return err.response()

    def _check_auth(self, headers: dict[str, str]) -> None:
        auth = headers.get("authorization", "")
        if not auth.startswith("Bearer ") or auth[7:] not in self.tokens:
            err = ApiError(401, "authError", "Request had invalid authentication credentials.")
            err.domain = "global"
            raise err

    def _token(self, body: bytes, headers: dict[str, str]) -> Response:
        form = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode("utf-8")).items()}
        auth = headers.get("authorization", "")
        if auth.startswith("Basic ") and "client_id" not in form:  # client in HTTP Basic auth
            form["client_id"] = base64.b64decode(auth[6:]).decode().split(":", 1)[0]

        def bad(desc: str) -> Response:
            return 400, {"Content-Type": "application/json"}, _json(
                {"error": "invalid_grant", "error_description": desc})

        grant = form.get("grant_type")
        if grant == JWT_BEARER:
            problem = self._check_assertion(form.get("assertion", ""))
            if problem:
                return bad(problem)
        elif grant == "authorization_code":
            if form.get("code") not in self.auth_codes or not form.get("client_id"):
                return bad("Malformed auth code.")
            self.auth_codes.discard(form["code"])
            with self.lock:
                self.clock += 1
                token = f"ya29.emu-{self.clock}"
                refresh = f"1//emu-refresh-{self.clock}"
                self.tokens.add(token)
                self.refresh_tokens.add(refresh)
            return 200, {"Content-Type": "application/json"}, _json({
                "access_token": token, "expires_in": 3599, "token_type": "Bearer",
                "refresh_token": refresh, "scope": self.granted_scope})
        elif grant == "refresh_token":
            if not form.get("client_id") or form.get("refresh_token") not in self.refresh_tokens:
                return bad("Bad refresh token or client.")
        else:
            return 400, {"Content-Type": "application/json"}, _json(
                {"error": "unsupported_grant_type", "error_description": f"{grant!r}"})
        with self.lock:
            self.clock += 1
            token = f"ya29.emu-{self.clock}"
            self.tokens.add(token)
        return 200, {"Content-Type": "application/json"}, _json(
            {"access_token": token, "expires_in": 3599, "token_type": "Bearer"})

    def _authorize(self, query: dict[str, list[str]]) -> Response:
        """The consent screen, already agreed: redirect back with a code (OAuth user flow)."""
        q = {k: v[-1] for k, v in query.items()}
        if q.get("response_type") != "code" or not q.get("redirect_uri"):
            raise ApiError(400, "invalid_request", "Missing response_type or redirect_uri")
        code = f"4/emu-code-{len(self.auth_codes) + 1}"
        self.auth_codes.add(code)
        self.granted_scope = q.get("scope", "")
        params = urllib.parse.urlencode({"code": code, "state": q.get("state", ""),
                                         "scope": self.granted_scope})
        return 302, {"Location": f"{q['redirect_uri']}?{params}"}, b""

    def _check_assertion(self, assertion: str) -> str:
        parts = assertion.split(".")
        if len(parts) != 3:
            return "assertion is not a JWT"

        def b64(s: str) -> bytes:
            return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))

        try:
            header = json.loads(b64(parts[0]))
            claims = json.loads(b64(parts[1]))
        except ValueError:
            return "assertion is not valid JSON"
        if header.get("alg") != "RS256" or header.get("typ") != "JWT":
            return f"bad JWT header {header}"
        for claim in ("iss", "scope", "aud", "iat", "exp"):
            if claim not in claims:
                return f"missing claim {claim}"
        # google-auth always addresses the assertion to Google's token endpoint, whatever
        # token_uri the request goes to; accept that and our own address.
        if claims["aud"] not in (GOOGLE_TOKEN_URI, self.token_uri):
            return f"aud {claims['aud']!r} is not a token endpoint"
        if "calendar" not in claims["scope"]:
            return f"scope {claims['scope']!r} does not cover the Calendar API"
        if not 0 < claims["exp"] - claims["iat"] <= 3600:
            return "invalid JWT lifetime"
        key = self.public_keys.get(claims["iss"])
        if key is not None:
            from cryptography.exceptions import InvalidSignature
            from cryptography.hazmat.primitives import hashes
            from cryptography.hazmat.primitives.asymmetric import padding

            try:
                key.verify(b64(parts[2]), f"{parts[0]}.{parts[1]}".encode("ascii"),
                           padding.PKCS1v15(), hashes.SHA256())
            except InvalidSignature:
                return "Invalid JWT Signature."
        return ""

    def _api(self, method: str, path: str, query: dict[str, list[str]],
             headers: dict[str, str], body: bytes) -> Response:
        rest = path[len("/calendar/v3/"):].split("/")
        if len(rest) < 3 or rest[0] != "calendars" or rest[2] != "events":
            raise ApiError(404, "notFound", "Not Found")
        cal = self.calendars.get(urllib.parse.unquote(rest[1]))
        if cal is None:
            raise ApiError(404, "notFound", "Not Found")
        payload: dict[str, Any] = {}
        if body and method in ("POST", "PATCH", "PUT"):
            try:
                payload = json.loads(body)
            except ValueError as exc:
                raise ApiError(400, "parseError", "Parse Error") from exc
        if_match = headers.get("if-match")
        if method in WRITE_METHODS:
            self.writes += 1
            self.write_log.append((method, path, payload))
            if self.write_quota is not None and self.writes > self.write_quota:
                raise QUOTA_403.error()
        if len(rest) == 3:
            if method == "GET":
                return self._ok(self._list(cal, query))
            if method == "POST":
                return self._ok(self._insert(cal, payload))
        elif len(rest) == 4 and rest[3] == "import" and method == "POST":
            return self._ok(self._import(cal, payload))
        elif len(rest) == 4:
            event_id = urllib.parse.unquote(rest[3])
            if method == "GET":
                return self._ok(dict(self._get(cal, event_id)))
            if method == "PATCH":
                return self._ok(self._patch(cal, event_id, payload, if_match))
            if method == "PUT":
                return self._ok(self._update(cal, event_id, payload, if_match))
            if method == "DELETE":
                self._delete(cal, event_id, if_match)
                return 204, {}, b""
        raise ApiError(404, "notFound", "Not Found")

    @staticmethod
    def _ok(obj: dict[str, Any]) -> Response:
        headers = {"Content-Type": "application/json; charset=UTF-8"}
        if "etag" in obj:
            headers["ETag"] = obj["etag"]
        return 200, headers, _json(obj)

    # the calendar semantics

    def _touch(self, cal: Calendar, ev: dict[str, Any]) -> None:
        self.clock += 1
        ev["etag"] = f'"{3300000000000000 + self.clock * 1000}"'
        ev["updated"] = (EPOCH + timedelta(seconds=self.clock)).isoformat().replace(
            "+00:00", ".000Z")
        cal.seq[ev["id"]] = self.clock

    def _get(self, cal: Calendar, event_id: str) -> dict[str, Any]:
        ev = cal.events.get(event_id)
        if ev is None:
            raise ApiError(404, "notFound", "Not Found")
        return ev

    @staticmethod
    def _check_times(ev: dict[str, Any]) -> None:
        for key in ("start", "end"):
            when = ev.get(key)
            if not isinstance(when, dict) or not (when.get("date") or when.get("dateTime")):
                raise ApiError(400, "required", "Missing end time." if key == "end"
                               else "Missing start time.")
        if _instant(ev["end"]) < _instant(ev["start"]):
            raise ApiError(400, "timeRangeEmpty", "The specified time range is empty.")

    def _insert(self, cal: Calendar, body: dict[str, Any]) -> dict[str, Any]:
        event_id = body.get("id")
        if event_id is None:
            event_id = "".join(self.rng.choice("abcdefghijklmnopqrstuv0123456789")
                               for _ in range(26))
        elif (not 5 <= len(event_id) <= 1024) or not set(event_id) <= ID_ALPHABET:
            raise ApiError(400, "invalid", "Invalid resource id value.")
        if event_id in cal.events:
            raise ApiError(409, "duplicate", "The requested identifier already exists.")
        uid = body.get("iCalUID")
        if uid and any(e.get("iCalUID") == uid and e.get("status") != "cancelled"
                       for e in cal.events.values()):
            raise ApiError(409, "duplicate", "The requested identifier already exists.")
        self._check_times(body)
        ev = {k: v for k, v in body.items() if k not in ("etag", "kind", "created", "updated")}
        ev.update({
            "kind": "calendar#event", "id": event_id,
            "status": body.get("status") or "confirmed",
            "htmlLink": f"https://www.google.com/calendar/event?eid={event_id}",
            "created": (EPOCH + timedelta(seconds=self.clock + 1)).isoformat().replace(
                "+00:00", ".000Z"),
            "iCalUID": uid or f"{event_id}@google.com", "sequence": 0,
            "creator": {"email": cal.id}, "organizer": {"email": cal.id, "self": True},
            "reminders": {"useDefault": True}, "eventType": "default",
        })
        cal.events[event_id] = ev
        self._touch(cal, ev)
        return dict(ev)

    def _import(self, cal: Calendar, body: dict[str, Any]) -> dict[str, Any]:
        uid = body.get("iCalUID")
        if not uid:
            raise ApiError(400, "required", "Missing iCalUID.")
        for ev in cal.events.values():
            if ev.get("iCalUID") == uid:
                return self._update(cal, ev["id"], body, None, restore=True)
        body = {k: v for k, v in body.items() if k != "id"}
        return self._insert(cal, body)

    def _check_match(self, ev: dict[str, Any], if_match: str | None) -> None:
        if if_match is not None and if_match != "*" and if_match != ev["etag"]:
            raise ApiError(412, "conditionNotMet", "Precondition Failed")

    def _patch(self, cal: Calendar, event_id: str, body: dict[str, Any],
               if_match: str | None) -> dict[str, Any]:
        ev = self._get(cal, event_id)
        self._check_match(ev, if_match)
        merged = _merge(ev, {k: v for k, v in body.items()
                             if k not in ("id", "etag", "kind", "created", "updated",
                                          "iCalUID")})
        self._check_times(merged)
        merged["sequence"] = int(ev.get("sequence", 0)) + 1
        cal.events[event_id] = merged
        self._touch(cal, merged)
        return dict(merged)

    def _update(self, cal: Calendar, event_id: str, body: dict[str, Any],
                if_match: str | None, restore: bool = False) -> dict[str, Any]:
        ev = self._get(cal, event_id)
        self._check_match(ev, if_match)
        keep = {k: ev[k] for k in ("kind", "id", "htmlLink", "created", "iCalUID", "creator",
                                   "organizer", "eventType") if k in ev}
        new = {k: v for k, v in body.items() if k not in ("etag", "updated")}
        new.update(keep)
        new["status"] = body.get("status") or "confirmed"
        new["sequence"] = int(ev.get("sequence", 0)) + 1
        self._check_times(new)
        cal.events[event_id] = new
        self._touch(cal, new)
        return dict(new)

    def _delete(self, cal: Calendar, event_id: str, if_match: str | None) -> None:
        ev = self._get(cal, event_id)
        if ev.get("status") == "cancelled":
            raise ApiError(410, "deleted", "Resource has been deleted")
        self._check_match(ev, if_match)
        ev["status"] = "cancelled"
        self._touch(cal, ev)

    def _list(self, cal: Calendar, query: dict[str, list[str]]) -> dict[str, Any]:
        q = {k: v[-1] for k, v in query.items()}
        max_results = min(int(q.get("maxResults", "250")), 2500)
        if max_results < 1:
            raise ApiError(400, "invalid", "Invalid value for maxResults.")
        if "syncToken" in q:
            bad = [p for p in SYNC_FORBIDDEN if p in q]
            if bad:
                raise ApiError(400, "invalid",
                               f"Sync token cannot be used with {', '.join(bad)}.")
            if q.get("showDeleted") == "false":
                raise ApiError(400, "invalid",
                               "showDeleted cannot be false with a sync token.")
            since = self._read_sync_token(cal, q["syncToken"])
            items = [e for e in cal.events.values() if cal.seq[e["id"]] > since]
        else:
            show_deleted = q.get("showDeleted") == "true"
            props = [p.split("=", 1) for p in query.get("privateExtendedProperty", [])]
            tmin = _parse_rfc3339(q["timeMin"]) if "timeMin" in q else None
            tmax = _parse_rfc3339(q["timeMax"]) if "timeMax" in q else None
            items = []
            hide = self.hide_deleted_in_filtered_lists and bool(props)
            for e in cal.events.values():
                if e.get("status") == "cancelled" and (not show_deleted or hide):
                    continue
                if "iCalUID" in q and e.get("iCalUID") != q["iCalUID"]:
                    continue
                private = (e.get("extendedProperties") or {}).get("private") or {}
                if any(len(p) != 2 or private.get(p[0]) != p[1] for p in props):
                    continue
                if tmin is not None and _instant(e["end"]) <= tmin:
                    continue
                if tmax is not None and _instant(e["start"]) >= tmax:
                    continue
                items.append(e)
        offset = 0
        if "pageToken" in q:
            try:
                offset = int(base64.urlsafe_b64decode(q["pageToken"]).decode())
            except ValueError as exc:
                raise ApiError(400, "invalid", "Invalid page token value.") from exc
        page = items[offset:offset + max_results]
        out: dict[str, Any] = {
            "kind": "calendar#events", "etag": f'"p{self.clock}"', "summary": cal.id,
            "updated": (EPOCH + timedelta(seconds=self.clock)).isoformat(),
            "timeZone": cal.time_zone, "accessRole": "writer", "defaultReminders": [],
            "items": [_listed(e) for e in page],
        }
        if offset + max_results < len(items):
            out["nextPageToken"] = base64.urlsafe_b64encode(
                str(offset + max_results).encode()).decode()
        else:
            token = json.dumps({"c": cal.id, "s": self.clock, "e": cal.epoch})
            out["nextSyncToken"] = base64.urlsafe_b64encode(token.encode()).decode()
        return out

    @staticmethod
    def _read_sync_token(cal: Calendar, token: str) -> int:
        try:
            data = json.loads(base64.urlsafe_b64decode(token))
            if data["c"] != cal.id or data["e"] != cal.epoch:
                raise ValueError("expired")
            return int(data["s"])
        except (ValueError, KeyError, TypeError) as exc:
            raise ApiError(410, "fullSyncRequired",
                           "Sync token is no longer valid, a full sync is required.") from exc

    # batch

    def handle_batch(self, headers: dict[str, str], body: bytes,
                     entry: LoggedRequest) -> Response:
        ctype = headers.get("content-type", "")
        if not ctype.startswith("multipart/mixed"):
            return ApiError(400, "badContent", "Batch must be multipart/mixed").response()
        try:
            self._check_auth(headers)
        except ApiError as err:
            return err.response()
        msg = BytesParser(policy=HTTP).parsebytes(
            b"Content-Type: " + ctype.encode() + b"\r\n\r\n" + body)
        parts = list(msg.iter_parts())
        if len(parts) > 1000:
            return ApiError(400, "limitExceeded", "Too many requests in a batch.").response()
        boundary = f"batch_{self.rng.getrandbits(64):016x}"
        out: list[bytes] = []
        for part in parts:
            content_id = str(part.get("Content-ID", "")).strip()
            raw = part.get_payload(decode=True)
            method, target, sub_headers, sub_body = _parse_http(raw)
            sub_path = urllib.parse.urlsplit(target).path
            fault = self._fault(method, sub_path)
            if fault is not None and fault.kind == "status":
                status, rh, rb = fault.error().response()
            else:
                status, rh, rb = self.handle(method, target, sub_headers, sub_body, part=True)
            entry.parts.append((method, sub_path, status))
            reason = _REASONS.get(status, "Error")
            lines = [f"HTTP/1.1 {status} {reason}"] + [f"{k}: {v}" for k, v in rh.items()]
            lines.append(f"Content-Length: {len(rb)}")
            sub = ("\r\n".join(lines) + "\r\n\r\n").encode() + rb
            cid = content_id[1:-1] if content_id.startswith("<") else content_id
            head = (f"--{boundary}\r\nContent-Type: application/http\r\n"
                    f"Content-ID: <response-{cid}>\r\n\r\n").encode()
            out.append(head + sub + b"\r\n")
        payload = b"".join(out) + f"--{boundary}--\r\n".encode()
        return 200, {"Content-Type": f"multipart/mixed; boundary={boundary}"}, payload


_REASONS = {200: "OK", 204: "No Content", 400: "Bad Request", 401: "Unauthorized",
            403: "Forbidden", 404: "Not Found", 409: "Conflict", 410: "Gone",
            412: "Precondition Failed", 429: "Too Many Requests",
            500: "Internal Server Error", 503: "Service Unavailable"}


def _parse_http(raw: bytes) -> tuple[str, str, dict[str, str], bytes]:
    """An application/http part: request line, headers, body."""
    text = raw.replace(b"\r\n", b"\n")
    head, _, body = text.partition(b"\n\n")
    lines = head.decode("utf-8").split("\n")
    method, target, _version = lines[0].split(" ", 2)
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    return method, target, headers, body


def _merge(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """Patch semantics: objects are merged field by field, anything else replaced; null
    clears a field."""
    out = dict(base)
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _listed(ev: dict[str, Any]) -> dict[str, Any]:
    """Deleted events are listed as bare stubs; only their id is guaranteed by the API."""
    if ev.get("status") == "cancelled":
        return {k: ev[k] for k in ("kind", "etag", "id", "status", "updated")}
    return dict(ev)


def _parse_rfc3339(value: str) -> datetime:
    try:
        dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ApiError(400, "invalid", f"Bad Request: {value}") from exc
    if dt.tzinfo is None:
        raise ApiError(400, "invalid", "Bad Request: time zone offset required")
    return dt


def _instant(when: dict[str, Any]) -> datetime:
    if when.get("dateTime"):
        return _parse_rfc3339(when["dateTime"])
    return datetime.fromisoformat(when["date"]).replace(tzinfo=UTC)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    emu: CalendarEmulator

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        parsed = urllib.parse.urlsplit(self.path)
        entry = LoggedRequest(self.command, parsed.path,
                              urllib.parse.parse_qs(parsed.query, keep_blank_values=True))
        with self.emu.lock:
            self.emu.log.append(entry)
        fault = None
        if parsed.path != "/token":
            fault = self.emu._fault(self.command, parsed.path)
        if fault is not None:
            entry.fault = fault.kind if fault.kind != "status" else str(fault.status)
        if fault is not None and fault.kind == "drop":
            self.close_connection = True
            return
        if fault is not None and fault.kind == "slow":
            time.sleep(fault.delay)
        if fault is not None and fault.kind == "status":
            status, rh, rb = fault.error().response()
        elif parsed.path.startswith("/batch"):
            status, rh, rb = self.emu.handle_batch(headers, body, entry)
        else:
            status, rh, rb = self.emu.handle(self.command, self.path, headers, body)
        entry.status = status
        if fault is not None and fault.kind == "drop_after":
            self.close_connection = True
            return
        try:
            self.send_response(status)
            for k, v in rh.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(rb)))
            self.end_headers()
            self.wfile.write(rb)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve
