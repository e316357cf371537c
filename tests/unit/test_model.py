"""The domain model refuses inconsistent events and hashes what calendars show."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from calsync.model import Article, Event, Evidence

PARIS = ZoneInfo("Europe/Paris")


def _event(**kw: object) -> Event:
    base: dict[str, object] = {
        "uid": "u1@calsync",
        "title": "Meeting",
        "start": date(2021, 11, 10),
        "end": date(2021, 11, 11),
        "timezone": "Europe/Paris",
        "evidence": (Evidence("a.txt", "S.", "next Wednesday", "2021-11-10"),),
    }
    base.update(kw)
    return Event(**base)  # type: ignore[arg-type]


def test_article_requires_aware_publication() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Article(text="x", published=datetime(2021, 11, 5), source="a")


def test_event_end_must_follow_start() -> None:
    with pytest.raises(ValueError, match="after start"):
        _event(end=date(2021, 11, 10))


def test_event_cannot_mix_date_and_datetime() -> None:
    with pytest.raises(ValueError, match="both"):
        _event(end=datetime(2021, 11, 11, tzinfo=PARIS))


def test_all_day_and_low_confidence_is_tentative() -> None:
    ev = _event(confidence=0.4)
    assert ev.all_day
    assert ev.effective_status == "TENTATIVE"
    assert _event().effective_status == "CONFIRMED"


def test_content_hash_tracks_visible_fields_only() -> None:
    a = _event()
    assert a.content_hash() == _event().content_hash()
    assert a.content_hash() != _event(title="Other").content_hash()
    assert a.content_hash() != _event(end=date(2021, 11, 12)).content_hash()


def test_public_api_extracts_from_an_article() -> None:
    import calsync

    article = calsync.Article(
        "The ministers will meet in Oslo on Tuesday.",
        datetime(2024, 1, 4, 12, tzinfo=PARIS), "oslo.txt",
    )
    [event] = calsync.extract_events(article)
    assert event.start == date(2024, 1, 9)
    assert [t.value for t in calsync.tag(article.text, article.published)] == ["2024-01-09"]
    with pytest.raises(AttributeError):
        calsync.no_such_name  # noqa: B018
