"""The same target against ``python -m radicale`` in its own process, which is killed in the
middle of a run and started again: the next run converges."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from calsync.sync import StateStore, sync
from calsync.targets.caldav import CalDAVTarget
from tests.caldav.radicale_server import PASSWORD, USER
from tests.google.factories import make_events


class RadicaleProcess:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        (folder / "users").write_text(f"{USER}:{PASSWORD}\n", encoding="utf-8")
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def start(self) -> RadicaleProcess:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "radicale", "--config", "",
             "--server-hosts", f"127.0.0.1:{self.port}",
             "--storage-filesystem-folder", str(self.folder / "storage"),
             "--auth-type", "htpasswd", "--auth-htpasswd-filename", str(self.folder / "users"),
             "--auth-htpasswd-encryption", "plain", "--auth-delay", "0",
             "--rights-type", "owner_only", "--logging-level", "error"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url, timeout=1).close()
                return self
            except urllib.error.HTTPError:
                return self  # answering (401/403): up
            except OSError:
                if self.proc.poll() is not None:
                    raise RuntimeError("radicale exited at start") from None
                time.sleep(0.05)
        raise RuntimeError("radicale did not start")

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=10)
        self.proc = None


@pytest.fixture
def radicale_process(tmp_path: Path) -> Iterator[RadicaleProcess]:
    folder = tmp_path / "radicale-process"
    folder.mkdir()
    server = RadicaleProcess(folder).start()
    try:
        yield server
    finally:
        server.kill()


class KillAfterPuts:
    """Wraps the target's HTTP client: after ``n`` answered PUTs the server process is
    killed, so the rest of the run meets a dead server."""

    def __init__(self, client: Any, server: RadicaleProcess, n: int) -> None:
        self.client, self.server, self.left = client, server, n

    def request(self, url: str, method: str, body: Any = "", headers: Any = None) -> Any:
        resp = self.client.request(url, method, body, headers)
        if method == "PUT":
            self.left -= 1
            if self.left == 0:
                self.server.kill()
        return resp


def test_killed_radicale_process_then_restarted_converges(
    radicale_process: RadicaleProcess, tmp_path: Path
) -> None:
    from caldav.davclient import DAVClient

    events = make_events(8)

    def target(client: Any = None) -> CalDAVTarget:
        return CalDAVTarget(radicale_process.url, USER, PASSWORD, calendar="Press",
                            create=True, timeout=5, sleep=lambda s: None, client=client)

    dav = DAVClient(url=radicale_process.url, username=USER, password=PASSWORD, timeout=5,
                    enable_rfc6764=False)
    killer = KillAfterPuts(dav, radicale_process, 3)
    with StateStore(tmp_path / "state.sqlite") as state:
        broken = sync(events, target(killer), state)
        assert broken.counts()["created"] == 3 and broken.counts()["failed"] == 5
        radicale_process.start()
        healed = sync(events, target(), state)
        assert healed.ok
        assert healed.counts()["created"] == 5 and healed.counts()["unchanged"] == 3
        again = sync(events, target(), state)
    assert again.plan.writes == () and again.counts()["unchanged"] == 8
    stored = sorted((radicale_process.folder / "storage" / "collection-root" / USER / "press")
                    .glob("*.ics"))
    assert len(stored) == 8
