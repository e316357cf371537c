"""A small web server for tests: our own pages and feeds on 127.0.0.1, with a request log.

Threaded, on an ephemeral port, started and stopped by the tests' fixtures. Each route has a
body, a content type and validators (an ETag derived from the body, a Last-Modified), and can
be told to fail (any status), to stall (sleep before answering) or to drip (send its answer
one byte at a time, slowly) to test timeouts. Conditional
requests are honoured the way real servers do: a matching If-None-Match, or an
If-Modified-Since not older than Last-Modified, gets a bare 304.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: datetime | None = None
    status: int = 200
    delay: float = 0.0
    location: str | None = None
    use_etag: bool = True
    drip: float = 0.0


@dataclass(frozen=True)
class Hit:
    """One request the server answered."""

    method: str
    path: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)


class TestServer:
    """Routes + log; ``url(path)`` gives the address to put in configs and feeds."""

    __test__ = False  # not a test class for pytest

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Hit] = []
        self._lock = threading.Lock()
        self._version = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                server._answer(self)

            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,),
                                       daemon=True)

    # --- set-up -----------------------------------------------------------------------------

    def start(self) -> TestServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def base(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return self.base + path

    def set(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
            *, use_etag: bool = True) -> Route:
        """Serve ``body`` at ``path``; a new body gets a new ETag and Last-Modified."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        with self._lock:
            self._version += 1
            old = self.routes.get(path)
            if old is not None and old.body == data and old.status == 200:
                return old
            route = Route(
                body=data, content_type=content_type,
                etag='"' + hashlib.sha256(data).hexdigest()[:16] + '"',
                # Distinct whole seconds per version: HTTP dates have no fractions.
                last_modified=datetime(2026, 1, 1, tzinfo=UTC).replace(
                    second=self._version % 60, minute=self._version // 60 % 60),
                use_etag=use_etag,
            )
            self.routes[path] = route
            return route

    def fail(self, path: str, status: int = 500) -> None:
        with self._lock:
            self.routes[path].status = status

    def stall(self, path: str, seconds: float) -> None:
        with self._lock:
            self.routes[path].delay = seconds

    def drip(self, path: str, seconds_per_byte: float) -> None:
        """Send this route's answer (status line and headers too) a byte at a time."""
        with self._lock:
            self.routes[path].drip = seconds_per_byte

    def heal(self, path: str) -> None:
        with self._lock:
            self.routes[path].status = 200
            self.routes[path].delay = 0.0
            self.routes[path].drip = 0.0

    def redirect(self, path: str, location: str, status: int = 302) -> None:
        with self._lock:
            self.routes[path] = Route(body=b"", status=status, location=location)

    # --- the log ----------------------------------------------------------------------------

    def hits(self, path: str | None = None) -> list[Hit]:
        with self._lock:
            return [h for h in self.log if path is None or h.path == path]

    def clear_log(self) -> None:
        with self._lock:
            self.log.clear()

    # --- answering --------------------------------------------------------------------------

    def _answer(self, req: BaseHTTPRequestHandler) -> None:
        path = req.path
        with self._lock:
            route = self.routes.get(path)
        headers = dict(req.headers.items())
        if route is None:
            self._send(req, 404, b"not found", "text/plain", path, headers)
            return
        if route.delay:
            time.sleep(route.delay)
        if route.drip:
            self._record(req, 200, path, headers)
            self._drip(req, route)
            return
        if route.location is not None:
            self._record(req, route.status, path, headers)
            req.send_response(route.status)
            req.send_header("Location", route.location)
            req.send_header("Content-Length", "0")
            req.end_headers()
            return
        if route.status != 200:
            self._send(req, route.status, b"server trouble", "text/plain", path, headers)
            return
        if self._not_modified(req, route):
            self._record(req, 304, path, headers)
            req.send_response(304)
            if route.etag and route.use_etag:
                req.send_header("ETag", route.etag)
            req.send_header("Content-Length", "0")
            req.end_headers()
            return
        extra = {}
        if route.etag and route.use_etag:
            extra["ETag"] = route.etag
        if route.last_modified:
            extra["Last-Modified"] = format_datetime(route.last_modified, usegmt=True)
        self._send(req, 200, route.body, route.content_type, path, headers, extra)

    @staticmethod
    def _not_modified(req: BaseHTTPRequestHandler, route: Route) -> bool:
        inm = req.headers.get("If-None-Match")
        if inm is not None and route.use_etag:
            return inm == route.etag
        ims = req.headers.get("If-Modified-Since")
        if ims and route.last_modified:
            try:
                return parsedate_to_datetime(ims) >= route.last_modified
            except (TypeError, ValueError):
                return False
        return False

    def _send(self, req: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str,
              path: str, headers: dict[str, str], extra: dict[str, str] | None = None) -> None:
        # Logged before answering, so a client that has its answer sees its request logged.
        self._record(req, status, path, headers)
        req.send_response(status)
        req.send_header("Content-Type", ctype)
        req.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            req.send_header(k, v)
        req.end_headers()
        # The client may have given up (timeout tests).
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            req.wfile.write(body)

    @staticmethod
    def _drip(req: BaseHTTPRequestHandler, route: Route) -> None:
        head = (f"HTTP/1.1 200 OK\r\nContent-Type: {route.content_type}\r\n"
                f"Content-Length: {len(route.body)}\r\n\r\n").encode()
        # The client may give up, and the test server stop, in the middle.
        with contextlib.suppress(OSError):
            for i in range(len(head) + len(route.body)):
                req.wfile.write((head + route.body)[i:i + 1])
                req.wfile.flush()
                time.sleep(route.drip)
        req.close_connection = True

    def _record(self, req: BaseHTTPRequestHandler, status: int, path: str,
                headers: dict[str, str]) -> None:
        with self._lock:
            self.log.append(Hit(req.command, path, status, headers))


@pytest.fixture
def http_server() -> Iterator[TestServer]:
    server = TestServer().start()
    try:
        yield server
    finally:
        server.stop()


# --- our own content: pages and feeds ----------------------------------------------------------


def html_page(title: str, paragraphs: list[str], published: str | None = None) -> str:
    """A news page as sites write them: metadata in <head>, navigation around the article."""
    meta = (f'<meta property="article:published_time" content="{published}">'
            if published else "")
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | The Riverside Courier</title>
{meta}</head>
<body>
<nav><a href="/">Home</a> <a href="/city">City</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>
{body}
</article>
<footer>© The Riverside Courier. Subscribe to our newsletter.</footer>
</body></html>"""


def rss(items: list[tuple[str, str, str]], *, title: str = "Riverside Courier") -> str:
    """An RSS 2.0 feed; ``items`` are (title, link, RFC 822 date)."""
    entries = "\n".join(
        f"<item><title>{t}</title><link>{link}</link><guid>{link}</guid>"
        f"<pubDate>{date}</pubDate><description>{t}</description></item>"
        for t, link, date in items
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{title}</title><link>http://example.invalid/</link>
<description>City news</description>
{entries}
</channel></rss>"""


def atom(entries: list[tuple[str, str, str, str | None]], *, title: str = "Courier") -> str:
    """An Atom feed; ``entries`` are (title, link or id, RFC 3339 date, content or None)."""
    parts = []
    for t, link, date, content in entries:
        body = (f'<content type="html"><![CDATA[{content}]]></content>' if content else "")
        parts.append(f"<entry><title>{t}</title><id>{link}</id><link href=\"{link}\"/>"
                     f"<published>{date}</published><updated>{date}</updated>{body}</entry>")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title><id>urn:courier</id>
<updated>2026-03-01T00:00:00Z</updated>
{"".join(parts)}
</feed>"""


def stalled_feed(server: TestServer, entries: int, text: str, seconds: float = 30) -> str:
    """An RSS feed at ``/rss`` whose ``entries`` pages (``/stuck0``...) stall ``seconds`` before
    answering: the URL of the feed."""
    items = []
    for i in range(entries):
        server.set(f"/stuck{i}", html_page(f"Stuck {i}", [text]))
        server.stall(f"/stuck{i}", seconds)
        items.append((f"Stuck {i}", server.url(f"/stuck{i}"), "Mon, 02 Mar 2026 08:00:00 +0100"))
    server.set("/rss", rss(items), "application/rss+xml")
    return server.url("/rss")
