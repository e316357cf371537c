"""Helpers for the tagger tests: tag a sentence as if published on a given day."""

from __future__ import annotations

from calsync.extraction.settings import ExtractionSettings
from calsync.extraction.temporal import tag
from calsync.model import Timex
from tests.conftest import published


def tag_on(text: str, day: str, **settings: object) -> list[Timex]:
    return tag(text, published(day), ExtractionSettings(**settings))  # type: ignore[arg-type]


def find(text: str, day: str, expr: str) -> Timex:
    """The expression whose text is ``expr`` (fails with the whole tagging if absent)."""
    found = tag_on(text, day)
    for t in found:
        if t.text == expr:
            return t
    raise AssertionError(f"{expr!r} not tagged in {text!r}; got {[t.text for t in found]}")
