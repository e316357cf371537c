"""The only network reads of calsync: polite, bounded HTTP(S) GETs with conditional requests.

Only ``http`` and ``https`` are fetched (also after redirects): ``file://`` would read local
files named by a remote feed and ``ftp://`` has no conditional requests. Every request has a
timeout for the whole request (a server dripping one byte a second is cut off at it, not at
each read), a size cap and our user agent; a run may also set a deadline after which nothing
more is fetched. Pages are fetched a few at a time (``prefetch``), at most ``per_host`` at
once from one host. When validators (ETag / Last-Modified) from the last
run are given, the request is conditional, so an unchanged page costs one small 304 response.
The caller decides when validators are stored (after the page's events are), so a crash never
leaves a 304 pointing at content we never kept.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import urllib.request

from calsync.errors import SourceError

ALLOWED_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class Validators:
    """What the server said identifies a version of a page, kept between runs."""

    etag: str | None = None
    last_modified: str | None = None

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)


@dataclass(frozen=True)
class Response:
    """A fetched page, or ``not_modified`` with no body when the validators still hold."""

    url: str
    status: int
    body: bytes
    content_type: str
    charset: str | None
    validators: Validators

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body decoded with the declared charset (UTF-8 when none or unknown)."""
        for encoding in (self.charset, "utf-8"):
            if encoding:
                try:
                    return self.body.decode(encoding)
                except (LookupError, UnicodeDecodeError):
                    continue
        return self.body.decode("utf-8", errors="replace")


def check_url(url: str) -> str:
    """Refuse anything but an absolute http(s) URL, with a message naming the URL."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError as exc:
        raise SourceError(f"{url}: malformed URL: {exc}") from None
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        scheme = f"{parts.scheme}://" if parts.scheme else "a URL without a scheme"
        raise SourceError(f"{url}: refused: calsync only fetches http:// and https:// URLs, "
                          f"not {scheme}")
    if not parts.netloc:
        raise SourceError(f"{url}: refused: no host in URL")
    return url


class _Watchdog:
    """Ends one request at its deadline whatever the server does, by shutting its sockets.

    A socket timeout bounds each read, so a server sending one byte a second would never
    trip it; the watchdog's timer bounds the request as a whole (connection, TLS, headers,
    redirects, body). A shut socket makes the blocked read return at once.
    """

    def __init__(self, seconds: float) -> None:
        self.expired = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(max(seconds, 0.0), self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if not self.expired:
                return
        _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


#: The watchdog of the request running in this thread (a request, redirects included, runs
#: in the thread that called ``Fetcher.get``).
_current = threading.local()


def _watched(base: type[http.client.HTTPConnection]) -> Callable[..., Any]:
    """A connection factory for urllib whose sockets are handed to the current watchdog."""

    def make(host: str, **kwargs: Any) -> http.client.HTTPConnection:
        conn = base(host, **kwargs)
        dog: _Watchdog | None = getattr(_current, "dog", None)
        if dog is not None:
            create = conn._create_connection  # type: ignore[attr-defined]

            def create_watched(*args: Any, **kw: Any) -> socket.socket:
                sock: socket.socket = create(*args, **kw)
                dog.watch(sock)
                return sock

            conn._create_connection = create_watched  # type: ignore[attr-defined]
        return conn

    return make


@functools.lru_cache(maxsize=1)
def _opener() -> urllib.request.OpenerDirector:
    """An opener that follows redirects only to http(s) (a server must not send us to file://
    or ftp://) and whose connections the request's watchdog can cut. Built on first use:
    urllib.request is slow to import and a run over local files never needs it."""
    import urllib.request
    from http.client import HTTPMessage

    class SafeRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int,
                             msg: str, headers: HTTPMessage, newurl: str
                             ) -> urllib.request.Request | None:
            check_url(newurl)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    class WatchedHTTP(urllib.request.HTTPHandler):
        def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            return self.do_open(_watched(http.client.HTTPConnection), req)

    class WatchedHTTPS(urllib.request.HTTPSHandler):
        def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
            kwargs: dict[str, Any] = {"context": getattr(self, "_context", None)}
            if getattr(self, "_check_hostname", None) is not None:  # Python 3.11 only
                kwargs["check_hostname"] = self._check_hostname  # type: ignore[attr-defined]
            return self.do_open(_watched(http.client.HTTPSConnection), req, **kwargs)

    return urllib.request.build_opener(SafeRedirects(), WatchedHTTP(), WatchedHTTPS())


class Fetcher:
    """Fetches pages; one per run.

    ``timeout`` bounds each request as a whole; ``deadline`` (a ``clock()`` value) ends the
    run's fetching: a request is never given more time than is left, and none starts after
    it. ``prefetch`` fetches several pages at once (at most ``concurrency``, and at most
    ``per_host`` from one host at any time, whoever asks); ``get`` then hands out each result
    once.
    """

    def __init__(self, *, user_agent: str, timeout: float, max_bytes: int,
                 clock: Callable[[], float] = time.monotonic, concurrency: int = 4,
                 per_host: int = 2, deadline: float | None = None) -> None:
        self.user_agent = user_agent
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.clock = clock
        self.concurrency = max(1, concurrency)
        self.per_host = max(1, per_host)
        self.deadline = deadline
        self.requests = 0
        self._lock = threading.Lock()
        self._hosts: dict[str, threading.BoundedSemaphore] = {}
        self._ready: dict[tuple[str, Validators | None], Response | SourceError] = {}

    def prefetch(self, wanted: Iterable[tuple[str, Validators | None]]) -> None:
        """Fetch these pages concurrently now; ``get`` with the same arguments returns each
        result (or raises its error) once. Pages that never answer cost one timeout for the
        batch, not one each."""
        todo = list(dict.fromkeys(w for w in wanted if w not in self._ready))
        if not todo:
            return
        if len(todo) == 1 or self.concurrency == 1:
            for url, validators in todo:
                self._ready[(url, validators)] = self._outcome(url, validators)
            return
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(self.concurrency, len(todo)),
                                thread_name_prefix="calsync-fetch") as pool:
            outcomes = list(pool.map(lambda w: self._outcome(*w), todo))
        for key, outcome in zip(todo, outcomes, strict=True):
            self._ready[key] = outcome

    def _outcome(self, url: str, validators: Validators | None) -> Response | SourceError:
        try:
            return self._get(url, validators)
        except SourceError as exc:
            return exc

    def get(self, url: str, validators: Validators | None = None) -> Response:
        """GET ``url``; ``SourceError`` for refusals, network errors, HTTP errors, overruns."""
        ready = self._ready.pop((url, validators), None)
        if isinstance(ready, SourceError):
            raise ready
        if ready is not None:
            return ready
        return self._get(url, validators)

    @contextlib.contextmanager
    def _host_slot(self, url: str) -> Iterator[None]:
        host = urllib.parse.urlsplit(url).netloc.lower()
        with self._lock:
            slot = self._hosts.setdefault(host, threading.BoundedSemaphore(self.per_host))
        with slot:
            yield

    def _get(self, url: str, validators: Validators | None) -> Response:
        import urllib.error
        import urllib.request

        check_url(url)
        headers = {"User-Agent": self.user_agent, "Accept": "*/*"}
        if validators and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        try:
            request = urllib.request.Request(url, headers=headers, method="GET")
        except ValueError as exc:
            raise SourceError(f"{url}: malformed URL: {exc}") from None
        with self._host_slot(url):
            allowed = self.timeout
            if self.deadline is not None:
                left = self.deadline - self.clock()
                if left <= 0:
                    raise SourceError(f"{url}: not fetched: the run's deadline has passed",
                                      hint="the next run fetches it")
                allowed = min(allowed, left)
            with self._lock:
                self.requests += 1
            with _Watchdog(allowed) as dog:
                _current.dog = dog
                try:
                    return self._exchange(url, request, validators, allowed, dog)
                finally:
                    _current.dog = None

    def _exchange(self, url: str, request: urllib.request.Request,
                  validators: Validators | None, allowed: float, dog: _Watchdog) -> Response:
        import urllib.error

        received = False
        try:
            with _opener().open(request, timeout=allowed) as resp:
                received = True
                body = self._read_capped(url, resp)
                info = resp.headers
                status = resp.status
                final_url = resp.geturl()
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Response(url=url, status=304, body=b"", content_type="", charset=None,
                                validators=validators or Validators())
            raise SourceError(f"{url}: HTTP {exc.code} {exc.reason}") from None
        except (OSError, http.client.HTTPException, ValueError) as exc:
            if dog.expired or _is_timeout(exc):
                what = "not fully received" if received else "no answer"
                raise SourceError(f"{url}: {what} within {allowed:g} s") from None
            if isinstance(exc, urllib.error.URLError):
                if isinstance(exc.reason, http.client.InvalidURL | ValueError):
                    raise SourceError(f"{url}: malformed URL: {exc.reason}") from None
                raise SourceError(f"{url}: cannot fetch: {exc.reason}") from None
            if isinstance(exc, http.client.InvalidURL | ValueError):
                raise SourceError(f"{url}: malformed URL: {exc}") from None
            raise SourceError(f"{url}: cannot fetch: {exc}") from None
        if dog.expired:  # the shut socket looked like the end of the body
            raise SourceError(f"{url}: not fully received within {allowed:g} s")
        return Response(
            url=final_url, status=status, body=body,
            content_type=info.get_content_type(), charset=info.get_content_charset(),
            validators=Validators(etag=info.get("ETag"), last_modified=info.get("Last-Modified")),
        )

    def _read_capped(self, url: str, resp: IO[bytes]) -> bytes:
        """Read at most ``max_bytes`` (the watchdog ends a slow drip)."""
        chunks: list[bytes] = []
        size = 0
        while True:
            chunk = resp.read(65536)
            if not chunk:
                break
            size += len(chunk)
            if size > self.max_bytes:
                raise SourceError(f"{url}: larger than the {self.max_bytes}-byte cap",
                                  hint="raise [fetch] max_bytes if this page is wanted")
            chunks.append(chunk)
        return b"".join(chunks)


def _is_timeout(exc: BaseException) -> bool:
    import urllib.error

    if isinstance(exc, urllib.error.URLError) and isinstance(exc.reason, BaseException):
        return _is_timeout(exc.reason)
    return isinstance(exc, TimeoutError)
