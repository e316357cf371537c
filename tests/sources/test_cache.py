"""The article cache: events survive the round trip exactly; the file is private."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from calsync.errors import ConfigError
from calsync.model import Event, Evidence
from calsync.sources.cache import ArticleCache, CachedArticle, event_from_dict, event_to_dict
from calsync.sources.fetch import Validators

NY = ZoneInfo("America/New_York")


def sample_events() -> tuple[Event, ...]:
    ev = Evidence(source="a.txt", sentence="The vote is on Nov. 3 at 9 a.m. ET, “officially”.",
                  expression="Nov. 3 at 9 a.m. ET", resolution="2026-11-03 09:00 New York",
                  url="https://example.org/a")
    timed = Event(uid="t@calsync", title="Vote; count, etc.", timezone="Europe/Paris",
                  start=datetime(2026, 11, 3, 9, 0, tzinfo=NY),
                  end=datetime(2026, 11, 3, 10, 0, tzinfo=NY), location="City hall",
                  evidence=(ev,), confidence=0.55, categories=("Vote",), status="TENTATIVE")
    all_day = Event(uid="d@calsync", title="Fair", timezone="Europe/Paris",
                    start=date(2026, 10, 31), end=date(2026, 11, 2))
    return timed, all_day


def test_events_round_trip_exactly() -> None:
    for event in sample_events():
        back = event_from_dict(event_to_dict(event))
        assert back == event
        assert back.content_hash() == event.content_hash()
        if isinstance(event.start, datetime):
            assert isinstance(back.start, datetime)
            # The IANA zone comes back, not just an offset: DST rules stay right.
            assert back.start.tzinfo == NY


def test_store_read_and_remove(tmp_path: Path) -> None:
    path = tmp_path / "state" / "articles.sqlite"
    published = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
    with ArticleCache(path) as cache, cache.transaction():
        cache.put(CachedArticle("news", "a.txt", "raw1", "h1", published, sample_events()))
        cache.put(CachedArticle("other", "b.txt", None, "h2", published, ()))
        cache.set_validators("https://example.org/a", Validators('"e1"', "Mon, 02 Mar 2026"),
                             "fp1")
    assert path.stat().st_mode & 0o777 == 0o600
    with ArticleCache(path) as cache:
        stored = cache.articles("news")[("news", "a.txt")]
        assert stored.events == sample_events() and stored.published == published
        assert cache.validators("https://example.org/a", "fp1") == Validators(
            '"e1"', "Mon, 02 Mar 2026")
        # Other settings or another extractor: no conditional request, a fresh read.
        assert cache.validators("https://example.org/a", "fp2") is None
        with cache.transaction():
            cache.remove_sources_except(["news"])
            cache.forget_validators("https://example.org/a")
        assert set(cache.articles()) == {("news", "a.txt")}
        assert cache.validators("https://example.org/a", "fp1") is None


def test_a_failed_transaction_leaves_nothing(tmp_path: Path) -> None:
    published = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
    with ArticleCache(tmp_path / "c.sqlite") as cache:
        with pytest.raises(RuntimeError), cache.transaction():
            cache.put(CachedArticle("news", "a.txt", None, "h", published, ()))
            raise RuntimeError("crash mid-run")
        assert cache.articles() == {}


def test_not_a_cache_or_another_schema(tmp_path: Path) -> None:
    """Junk is an error (it may be a file the user cares about); an old layout is rebuilt."""
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(ConfigError, match="not a calsync cache"):
        ArticleCache(junk)
    other = tmp_path / "other.sqlite"
    ArticleCache(other).close()
    db = sqlite3.connect(other)
    db.execute("UPDATE schema_version SET version = 99")
    db.commit()
    db.close()
    with ArticleCache(other) as cache, cache.transaction():
        cache.put(CachedArticle("s", "a", None, "h",
                                datetime(2026, 3, 2, tzinfo=ZoneInfo("UTC")), ()))
    db = sqlite3.connect(other)
    db.execute("UPDATE schema_version SET version = 1")
    db.commit()
    db.close()
    with ArticleCache(other) as cache:
        assert cache.articles() == {}
