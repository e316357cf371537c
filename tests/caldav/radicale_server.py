"""A real Radicale server on 127.0.0.1 (ephemeral port, temporary storage, htpasswd auth),
served in-process so that tests can log every request, inject faults and stop and restart
it on the same port and storage."""

from __future__ import annotations

import base64
import io
import logging
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

USER = "alice"
PASSWORD = "s3cret-app-password"
WRITES = ("PUT", "DELETE", "MKCALENDAR", "MKCOL", "PROPPATCH", "MOVE")


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    #: When set, connections are dropped without an answer (the server is going down).
    down = False


class _Handler(WSGIRequestHandler):
    def handle(self) -> None:
        if getattr(self.server, "down", False):
            self.connection.close()
            return
        super().handle()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Request:
    method: str
    path: str
    status: int = 0
    if_match: str | None = None
    if_none_match: str | None = None
    body: bytes = b""


@dataclass
class Fault:
    """Answer ``status`` (e.g. 503) instead of Radicale, ``times`` times, for requests
    ``when(method, path)`` selects; ``delay`` stalls first (status 0: then Radicale answers)."""

    status: int
    times: int = 1
    when: Callable[[str, str], bool] = lambda method, path: True
    #: Seconds to stall before answering (a hung server); with status 0 Radicale then answers.
    delay: float = 0.0


class RadicaleServer:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = 0
        self.log: list[Request] = []
        self.faults: list[Fault] = []
        #: Called with each request before Radicale sees it (e.g. a person's edit racing us);
        #: a hook that returns True is removed.
        self.hooks: list[Callable[[Request], bool]] = []
        #: Called with each request and Radicale's answer; one returning bytes replaces the
        #: answer (and is removed).
        self.rewrites: list[Callable[[Request, bytes], bytes | None]] = []
        #: Stop the server after this many successful PUTs (None: never).
        self.stop_after_puts: int | None = None
        self._puts = 0
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        htpasswd = folder / "users"
        htpasswd.write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
        self._config = {
            "storage": {"filesystem_folder": str(folder / "storage")},
            "auth": {"type": "htpasswd", "htpasswd_filename": str(htpasswd),
                     "htpasswd_encryption": "plain", "delay": "0"},
            "rights": {"type": "owner_only"},
            "logging": {"level": "warning"},
        }

    # lifecycle

    def start(self) -> RadicaleServer:
        import radicale.config
        from radicale.app import Application

        logging.getLogger("radicale").setLevel(logging.ERROR)
        conf = radicale.config.load([])
        try:
            # Without fsync the tests run faster; an older Radicale may not know the option.
            fast = {**self._config, "storage": {**self._config["storage"],
                                                "_filesystem_fsync": "False"}}
            conf.update(fast, "calsync tests", privileged=True)
        except (TypeError, ValueError, RuntimeError):
            conf.update(self._config, "calsync tests")
        app = Application(conf)

        def logged(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
            length = int(environ.get("CONTENT_LENGTH") or 0)
            raw = environ["wsgi.input"].read(length) if length else b""
            environ["wsgi.input"] = io.BytesIO(raw)
            environ.pop("HTTP_ACCEPT_ENCODING", None)  # plain answers, so rewrites can read them
            req = Request(environ["REQUEST_METHOD"], environ.get("PATH_INFO", ""),
                          if_match=environ.get("HTTP_IF_MATCH"),
                          if_none_match=environ.get("HTTP_IF_NONE_MATCH"), body=raw)
            for hook in list(self.hooks):
                # Off the list while it runs, so that the hook's own requests skip it.
                self.hooks.remove(hook)
                if not hook(req):
                    self.hooks.append(hook)
            with self._lock:
                self.log.append(req)
                fault = next((f for f in self.faults
                              if f.times > 0 and f.when(req.method, req.path)), None)
                if fault is not None:
                    fault.times -= 1
            if fault is not None and fault.delay:
                time.sleep(fault.delay)
            if fault is not None and fault.status:
                req.status = fault.status
                start_response(f"{fault.status} Injected", [("Content-Length", "0")])
                return [b""]

            answer: list[Any] = []

            def recording_start(status: str, headers: Any, *exc: Any) -> Any:
                req.status = int(status.split()[0])
                answer[:] = [status, list(headers)]
                return lambda data: None

            body = [b"".join(app(environ, recording_start))]
            status, headers = answer
            for rewrite in list(self.rewrites):
                new = rewrite(req, body[0])
                if new is not None:
                    self.rewrites.remove(rewrite)
                    body = [new]
                    headers = [(k, v) for k, v in headers if k.lower() != "content-length"]
                    headers.append(("Content-Length", str(len(new))))
            start_response(status, headers)
            if req.method == "PUT" and req.status < 300 and self.stop_after_puts is not None:
                with self._lock:
                    self._puts += 1
                    if self._puts >= self.stop_after_puts:
                        self.stop_after_puts = None
                        self._going_down()
            return body

        server = make_server("127.0.0.1", self.port, logged, server_class=_Server,
                             handler_class=_Handler)
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever,
                                         kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def _going_down(self) -> None:
        server = self._server
        if server is None:
            return
        server.down = True
        threading.Thread(target=self._close, args=(server,), daemon=True).start()

    def _close(self, server: _Server) -> None:
        server.shutdown()
        server.server_close()

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.down = True
            self._close(server)
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def restart(self) -> RadicaleServer:
        """A new server process on the same port and storage (what a reboot looks like)."""
        self.stop()
        return self.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def calendar_path(self, slug: str) -> str:
        return f"/{USER}/{slug}/"

    # what happened

    def reset_log(self) -> None:
        with self._lock:
            self.log.clear()

    def writes(self) -> list[Request]:
        return [r for r in self.log if r.method in WRITES]

    def inject(self, fault: Fault) -> None:
        self.faults.append(fault)

    # a person (or another program) talking to the server directly

    def http(self, method: str, path: str, body: bytes | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
        req = urllib.request.Request(self.url.rstrip("/") + path, data=body, method=method,
                                     headers={"Authorization": f"Basic {token}",
                                              **(headers or {})})
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                return resp.status, {k.lower(): v for k, v in resp.headers.items()}, resp.read()
        except urllib.error.HTTPError as exc:
            return exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read()

    def put_object(self, path: str, ics: str) -> int:
        status, _, _ = self.http("PUT", path, ics.encode("utf-8"),
                                 {"Content-Type": "text/calendar; charset=utf-8"})
        return status

    def get_object(self, path: str) -> str | None:
        status, _, body = self.http("GET", path)
        return body.decode("utf-8") if status == 200 else None

    def delete_object(self, path: str) -> int:
        return self.http("DELETE", path)[0]

    def objects(self, calendar: str) -> dict[str, str]:
        """name -> iCalendar text of every object in the calendar (via its storage folder)."""
        folder = self.folder / "storage" / "collection-root" / USER / calendar
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.ics"))}
