"""The only network reads of calsync: polite, bounded HTTP(S) GETs with conditional requests.

Only ``http`` and ``https`` are fetched (also after redirects): ``file://`` would read local
files named by a remote feed and ``ftp://`` has no conditional requests. Every request has a
timeout, a size cap and our user agent. When validators (ETag / Last-Modified) from the last
run are given, the request is conditional, so an unchanged page costs one small 304 response.
The caller decides when validators are stored (after the page's events are), so a crash never
leaves a 304 pointing at content we never kept.
"""

from __future__ import annotations

import functools
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

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
    parts = urllib.parse.urlsplit(url)
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        scheme = f"{parts.scheme}://" if parts.scheme else "a URL without a scheme"
        raise SourceError(f"{url}: refused: calsync only fetches http:// and https:// URLs, "
                          f"not {scheme}")
    if not parts.netloc:
        raise SourceError(f"{url}: refused: no host in URL")
    return url


@functools.lru_cache(maxsize=1)
def _opener() -> urllib.request.OpenerDirector:
    """An opener that follows redirects only to http(s): a server must not send us to
    file:// or ftp://. Built on first use: urllib.request is slow to import and a run over
    local files never needs it."""
    import urllib.request
    from http.client import HTTPMessage

    class SafeRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req: urllib.request.Request, fp: IO[bytes], code: int,
                             msg: str, headers: HTTPMessage, newurl: str
                             ) -> urllib.request.Request | None:
            check_url(newurl)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(SafeRedirects())


class Fetcher:
    """Fetches pages; one per run. ``clock`` is injectable for the overall deadline."""

    def __init__(self, *, user_agent: str, timeout: float, max_bytes: int,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.user_agent = user_agent
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.clock = clock
        self.requests = 0

    def get(self, url: str, validators: Validators | None = None) -> Response:
        """GET ``url``; ``SourceError`` for refusals, network errors, HTTP errors, overruns."""
        import urllib.error
        import urllib.request

        check_url(url)
        headers = {"User-Agent": self.user_agent, "Accept": "*/*"}
        if validators and validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators and validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        request = urllib.request.Request(url, headers=headers, method="GET")
        self.requests += 1
        deadline = self.clock() + self.timeout
        try:
            with _opener().open(request, timeout=self.timeout) as resp:
                body = self._read_capped(url, resp, deadline)
                info = resp.headers
                status = resp.status
                final_url = resp.geturl()
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Response(url=url, status=304, body=b"", content_type="", charset=None,
                                validators=validators or Validators())
            raise SourceError(f"{url}: HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise SourceError(f"{url}: no answer within {self.timeout:g} s") from None
            raise SourceError(f"{url}: cannot fetch: {reason}") from None
        except TimeoutError:
            raise SourceError(f"{url}: no answer within {self.timeout:g} s") from None
        except OSError as exc:
            raise SourceError(f"{url}: cannot fetch: {exc}") from None
        return Response(
            url=final_url, status=status, body=body,
            content_type=info.get_content_type(), charset=info.get_content_charset(),
            validators=Validators(etag=info.get("ETag"), last_modified=info.get("Last-Modified")),
        )

    def _read_capped(self, url: str, resp: IO[bytes], deadline: float) -> bytes:
        """Read at most ``max_bytes``; a slow drip past the deadline is a timeout too."""
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
            if self.clock() > deadline:
                raise SourceError(f"{url}: not fully received within {self.timeout:g} s")
        return b"".join(chunks)
