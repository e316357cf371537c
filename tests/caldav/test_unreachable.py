"""An unreachable CalDAV server: a few seconds and one readable line (no urllib3 repr)."""

from __future__ import annotations

import socket
import time
from pathlib import Path

from click.testing import CliRunner

from calsync.cli import main
from calsync.targets.caldav import connection_problem


def test_dry_run_against_a_closed_port_is_quick_and_readable(tmp_path: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    article = tmp_path / "a.txt"
    article.write_text("March 3, 2022\n\nThe council will vote next Tuesday.\n", encoding="utf-8")
    began = time.monotonic()
    result = CliRunner().invoke(main, [
        "sync", "caldav", str(article), "--url", f"http://127.0.0.1:{port}/cal/", "--dry-run",
        "--state", str(tmp_path / "state.sqlite")])
    elapsed = time.monotonic() - began
    assert result.exit_code == 1
    assert elapsed < 8, elapsed
    lines = result.output.strip().splitlines()
    assert lines[-1] == ("calsync: error: the CalDAV server is unreachable (connection refused) "
                         "while finding the calendar")
    assert "HTTPConnectionPool" not in result.output and "object at 0x" not in result.output


def test_connection_problems_in_words() -> None:
    nested = OSError("HTTPConnectionPool(host='h', port=9): Max retries exceeded (Caused by "
                     "NewConnectionError('<urllib3.connection.HTTPConnection object at 0x1>: "
                     "Failed to establish a new connection: [Errno 111] Connection refused'))")
    assert connection_problem(nested) == "connection refused"
    assert connection_problem(TimeoutError("read")) == "no answer (timed out)"
    assert connection_problem(ConnectionRefusedError(111, "Connection refused")) == \
        "connection refused"
