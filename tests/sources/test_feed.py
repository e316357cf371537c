"""Web pages and RSS/Atom feeds served by our local server."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest

from calsync.errors import SourceError
from calsync.sources import read_source
from calsync.sources.fetch import Fetcher
from tests.httpserver import TestServer, atom, html_page, rss, stalled_feed
from tests.sources.helpers import context, source

BRIDGE = ("Engineers said the footbridge will reopen on 15 May after repairs, and a "
          "public walk across it is planned for the following Saturday.")
MARKET = "The night market returns to the square on Friday 6 March from 6 p.m."


def serve_site(server: TestServer) -> None:
    server.set("/bridge", html_page("Footbridge to reopen", [BRIDGE],
                                    published="2026-03-02T08:00:00+01:00"))
    server.set("/market", html_page("Night market is back", [MARKET]))
    server.set("/rss", rss([
        ("Footbridge to reopen", server.url("/bridge"), "Mon, 02 Mar 2026 08:00:00 +0100"),
        ("Night market is back", server.url("/market"), "Tue, 03 Mar 2026 17:45:00 -0500"),
    ]), "application/rss+xml")


def test_url_source_reads_text_and_date(http_server: TestServer, tmp_path) -> None:
    serve_site(http_server)
    batch = read_source(source("url", url=http_server.url("/bridge")), context(tmp_path))
    [article] = batch.articles
    assert article.source == article.url == http_server.url("/bridge")
    assert article.published == datetime.fromisoformat("2026-03-02T08:00:00+01:00")
    assert "footbridge will reopen on 15 May" in article.text
    assert http_server.url("/bridge") in batch.validators


def test_url_source_304_keeps_the_article(http_server: TestServer, tmp_path) -> None:
    serve_site(http_server)
    url = http_server.url("/bridge")
    first = read_source(source("url", url=url), context(tmp_path))
    again = read_source(source("url", url=url), context(tmp_path, dict(first.validators)))
    assert again.articles == [] and again.kept == [url]
    assert [h.status for h in http_server.hits("/bridge")] == [200, 304]


def test_undated_page_is_skipped_and_its_validators_not_kept(http_server, tmp_path) -> None:
    serve_site(http_server)
    batch = read_source(source("url", url=http_server.url("/market")), context(tmp_path))
    assert batch.articles == [] and batch.validators == {}
    assert "no publication date" in batch.warnings[0]


def test_rss_entry_date_wins_and_keeps_its_offset(http_server: TestServer, tmp_path) -> None:
    serve_site(http_server)
    batch = read_source(source("feed", url=http_server.url("/rss")), context(tmp_path))
    assert batch.keep_all and not batch.errors
    by_id = {a.source: a for a in batch.articles}
    market = by_id[http_server.url("/market")]
    # The feed's own offset is kept: "Friday" counts from the writer's day.
    assert market.published.utcoffset() == timedelta(hours=-5)
    assert market.published == datetime.fromisoformat("2026-03-03T17:45:00-05:00")
    assert "night market returns" in market.text
    assert market.title == "Night market is back"
    assert set(batch.validators) == {http_server.url(p) for p in ("/rss", "/bridge", "/market")}


def test_unchanged_feed_costs_one_request(http_server: TestServer, tmp_path) -> None:
    serve_site(http_server)
    cfg = source("feed", url=http_server.url("/rss"))
    first = read_source(cfg, context(tmp_path))
    http_server.clear_log()
    again = read_source(cfg, context(tmp_path, dict(first.validators)))
    assert again.articles == [] and again.keep_all
    assert [(h.path, h.status) for h in http_server.hits()] == [("/rss", 304)]


def test_feed_that_gains_an_entry_fetches_only_the_new_page(http_server, tmp_path) -> None:
    serve_site(http_server)
    cfg = source("feed", url=http_server.url("/rss"))
    first = read_source(cfg, context(tmp_path))
    http_server.set("/ferry", html_page("Ferry", ["The ferry starts on 1 June."]))
    http_server.set("/rss", rss([
        ("Ferry", http_server.url("/ferry"), "Wed, 04 Mar 2026 09:00:00 +0100"),
        ("Footbridge to reopen", http_server.url("/bridge"), "Mon, 02 Mar 2026 08:00:00 +0100"),
        ("Night market is back", http_server.url("/market"), "Tue, 03 Mar 2026 17:45:00 -0500"),
    ]), "application/rss+xml")
    http_server.clear_log()
    again = read_source(cfg, context(tmp_path, dict(first.validators)))
    assert [a.source for a in again.articles] == [http_server.url("/ferry")]
    assert sorted(again.kept) == sorted([http_server.url("/bridge"), http_server.url("/market")])
    statuses = {h.path: h.status for h in http_server.hits()}
    assert statuses == {"/rss": 200, "/ferry": 200, "/bridge": 304, "/market": 304}


def test_failing_page_fails_its_entry_only(http_server: TestServer, tmp_path) -> None:
    serve_site(http_server)
    http_server.fail("/bridge", 500)
    batch = read_source(source("feed", url=http_server.url("/rss")), context(tmp_path))
    assert [a.source for a in batch.articles] == [http_server.url("/market")]
    assert len(batch.errors) == 1 and "HTTP 500" in batch.errors[0]
    # No validators for the feed: the next run asks for all of it again and retries the page.
    assert http_server.url("/rss") not in batch.validators
    assert http_server.url("/bridge") in batch.kept


def test_atom_with_content_and_no_page_fetch(http_server: TestServer, tmp_path) -> None:
    http_server.set("/atom", atom([
        ("Choir concert", "urn:courier:1", "2026-03-02T10:00:00+01:00",
         "<p>The city choir sings at the cathedral on <b>Sunday 8 March</b> at 5 p.m.</p>"),
        ("No date here", "urn:courier:2", "2026-03-02T11:00:00+01:00", None),
    ]), "application/atom+xml")
    cfg = source("feed", url=http_server.url("/atom"), fetch_pages=False)
    batch = read_source(cfg, context(tmp_path))
    [article] = batch.articles
    assert article.source == "urn:courier:1"
    assert article.published == datetime.fromisoformat("2026-03-02T10:00:00+01:00")
    assert "cathedral on Sunday 8 March at 5 p.m." in article.text
    assert "<b>" not in article.text
    assert any("no content" in w for w in batch.warnings)
    assert [h.path for h in http_server.hits()] == ["/atom"]


def test_not_a_feed(http_server: TestServer, tmp_path) -> None:
    http_server.set("/junk", "hello, this is not xml", "text/plain")
    with pytest.raises(SourceError, match="not an RSS or Atom feed"):
        read_source(source("feed", url=http_server.url("/junk")), context(tmp_path))



def test_a_malformed_link_fails_its_entry_only(http_server: TestServer, tmp_path) -> None:
    # http.client's InvalidURL escaped the fetcher and failed the whole feed.
    serve_site(http_server)
    bad_port = http_server.base.rsplit(":", 1)[0] + ":port/broken"
    http_server.set("/rss", rss([
        ("Footbridge to reopen", http_server.url("/bridge"), "Mon, 02 Mar 2026 08:00:00 +0100"),
        ("Broken link", bad_port, "Mon, 02 Mar 2026 09:00:00 +0100"),
        ("Spaced link", http_server.url("/a page"), "Mon, 02 Mar 2026 09:30:00 +0100"),
        ("Night market is back", http_server.url("/market"), "Tue, 03 Mar 2026 17:45:00 -0500"),
    ]), "application/rss+xml")
    batch = read_source(source("feed", url=http_server.url("/rss")), context(tmp_path))
    assert sorted(a.title or "" for a in batch.articles) == ["Footbridge to reopen",
                                                             "Night market is back"]
    assert len(batch.errors) == 2 and all("malformed URL" in e for e in batch.errors)
    assert http_server.url("/rss") not in batch.validators  # the feed is read again next run


def test_entries_whose_pages_never_answer_cost_one_timeout_together(
        http_server: TestServer, tmp_path) -> None:
    # Ten entries whose pages stall cost ten timeouts in a row before pages were fetched
    # side by side; at two per host they now cost five, and the run goes on.
    stalled_feed(http_server, 10, MARKET)
    fetcher = Fetcher(user_agent="t", timeout=0.4, max_bytes=100_000, concurrency=4,
                      per_host=2)
    start = time.monotonic()
    batch = read_source(source("feed", url=http_server.url("/rss")),
                        context(tmp_path, fetcher=fetcher))
    took = time.monotonic() - start
    assert len(batch.errors) == 10 and all("no answer within 0.4 s" in e for e in batch.errors)
    assert took < 3.0, took  # ten in a row took 4 s
