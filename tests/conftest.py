"""Shared fixtures: where ../shared lives, the seed article, a default publication date."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CALSYNC_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seed" / "000_71bf186051605725.txt"
TEMPEVAL = SHARED / "data" / "tempeval3"
PARIS = ZoneInfo("Europe/Paris")


def published(day: str, hour: int = 12, zone: ZoneInfo = PARIS) -> datetime:
    """A publication instant at ``hour`` on ``day`` (YYYY-MM-DD) in ``zone``."""
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=zone)


@pytest.fixture(scope="session")
def seed_text() -> str:
    if not SEED.exists():
        pytest.fail(f"seed article missing at {SEED} (set CALSYNC_SHARED)")
    return SEED.read_text(encoding="utf-8")
