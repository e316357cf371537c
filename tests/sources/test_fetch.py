"""The fetcher against our local server: schemes, validators, failures, limits."""

from __future__ import annotations

import socket
import time

import pytest

from calsync.errors import SourceError
from calsync.sources.fetch import Fetcher, Validators
from tests.httpserver import TestServer


def fetcher(timeout: float = 5.0, max_bytes: int = 1_000_000) -> Fetcher:
    return Fetcher(user_agent="calsync-test/1", timeout=timeout, max_bytes=max_bytes)


@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "ftp://example.org/feed.xml", "FILE:///etc/hosts", "/relative/path",
    "gopher://example.org/",
])
def test_non_http_urls_are_refused(url: str) -> None:
    f = fetcher()
    with pytest.raises(SourceError, match="only fetches http:// and https://"):
        f.get(url)
    assert f.requests == 0


@pytest.mark.parametrize("target", ["ftp://example.org/feed", "file:///etc/passwd"])
def test_redirect_away_from_http_is_refused(http_server: TestServer, target: str) -> None:
    http_server.redirect("/sneaky", target)
    with pytest.raises(SourceError, match=r"refused|not allowed"):
        fetcher().get(http_server.url("/sneaky"))
    assert [h.path for h in http_server.hits()] == ["/sneaky"]


def test_conditional_get_costs_one_small_304(http_server: TestServer) -> None:
    http_server.set("/a", "<p>hello</p>")
    f = fetcher()
    first = f.get(http_server.url("/a"))
    assert first.status == 200 and first.body == b"<p>hello</p>"
    assert first.validators.etag and first.validators.last_modified
    again = f.get(http_server.url("/a"), first.validators)
    assert again.not_modified and again.body == b""
    hits = http_server.hits("/a")
    assert [h.status for h in hits] == [200, 304]
    assert hits[0].headers["User-Agent"] == "calsync-test/1"
    assert hits[1].headers["If-None-Match"] == first.validators.etag
    http_server.set("/a", "<p>changed</p>")
    changed = f.get(http_server.url("/a"), first.validators)
    assert changed.status == 200 and changed.body == b"<p>changed</p>"


def test_last_modified_alone_is_used_when_there_is_no_etag(http_server: TestServer) -> None:
    http_server.set("/b", "body", use_etag=False)
    f = fetcher()
    first = f.get(http_server.url("/b"))
    assert first.validators.etag is None and first.validators.last_modified
    assert f.get(http_server.url("/b"), first.validators).not_modified


def test_server_error_names_url_and_status(http_server: TestServer) -> None:
    http_server.set("/c", "x")
    http_server.fail("/c", 500)
    with pytest.raises(SourceError, match=r"/c: HTTP 500"):
        fetcher().get(http_server.url("/c"))


def test_stalled_server_times_out(http_server: TestServer) -> None:
    http_server.set("/slow", "x")
    http_server.stall("/slow", 2.0)
    with pytest.raises(SourceError, match=r"no answer within 0\.3 s"):
        fetcher(timeout=0.3).get(http_server.url("/slow"))


def test_size_cap(http_server: TestServer) -> None:
    http_server.set("/big", "x" * 5000)
    with pytest.raises(SourceError, match="larger than the 1000-byte cap"):
        fetcher(max_bytes=1000).get(http_server.url("/big"))


def test_unreachable_host_is_a_source_error() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(SourceError, match="cannot fetch"):
        fetcher(timeout=1).get(f"http://127.0.0.1:{port}/x")


def test_charset_is_honoured(http_server: TestServer) -> None:
    http_server.set("/latin", "café".encode("latin-1"), "text/plain; charset=iso-8859-1")
    assert fetcher().get(http_server.url("/latin")).text() == "café"


def test_empty_validators_are_false() -> None:
    assert not Validators()
    assert Validators(etag='"x"')


def test_a_server_dripping_bytes_is_cut_off_at_the_timeout(http_server: TestServer) -> None:
    # One byte every 20 ms keeps every single read within any per-read timeout; before the
    # fix the deadline was looked at only after each 64 KiB read, so this took 200 s.
    http_server.set("/drip", "x" * 10_000)
    http_server.drip("/drip", 0.02)
    f = fetcher(timeout=0.5)
    start = time.monotonic()
    with pytest.raises(SourceError, match=r"/drip: (no answer|not fully received) within 0\.5 s"):
        f.get(http_server.url("/drip"))
    assert time.monotonic() - start < 1.5


def test_a_malformed_url_is_a_source_error(http_server: TestServer) -> None:
    for url in (http_server.base.rsplit(":", 1)[0] + ":port/x", http_server.url("/a b"),
                "http://[::1/x"):
        with pytest.raises(SourceError, match="malformed URL"):
            fetcher().get(url)


def test_prefetch_runs_pages_side_by_side_within_the_per_host_bound(
        http_server: TestServer) -> None:
    for i in range(6):
        http_server.set(f"/p{i}", f"page {i}")
        http_server.stall(f"/p{i}", 0.3)
    f = Fetcher(user_agent="t", timeout=5, max_bytes=1000, concurrency=4, per_host=2)
    wanted = [(http_server.url(f"/p{i}"), None) for i in range(6)]
    start = time.monotonic()
    f.prefetch(wanted)
    took = time.monotonic() - start
    # two at a time from this one host: three rounds of 0.3 s, not six
    assert 0.85 < took < 1.6, took
    assert [f.get(url).body for url, _ in wanted] == [f"page {i}".encode() for i in range(6)]
    assert f.requests == 6  # each prefetched page is handed out once, not fetched again


def test_nothing_is_fetched_after_the_run_deadline(http_server: TestServer) -> None:
    http_server.set("/late", "x")
    now = [100.0]
    f = Fetcher(user_agent="t", timeout=5, max_bytes=1000, clock=lambda: now[0],
                deadline=110.0)
    assert f.get(http_server.url("/late")).body == b"x"
    now[0] = 111.0
    with pytest.raises(SourceError, match="the run's deadline has passed"):
        f.get(http_server.url("/late"))
    assert len(http_server.hits("/late")) == 1
