"""Shared fixtures: where ../shared lives, the seed article, a default publication date.

Data that is not ours (the seed article, the TempEval-3 corpora) lives in ``../shared`` beside
the repository, not in it. A clone without it still passes: the tests that need it skip, with a
reason naming what is missing. CI sets ``CALSYNC_REQUIRE_SHARED=1`` so that there a missing
``../shared`` fails instead of silently skipping.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
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


def need_shared(path: Path, what: str) -> None:
    """Skip the calling test when ``path`` (data from ``../shared``) is missing.

    Fails instead under ``CALSYNC_REQUIRE_SHARED=1`` (CI), so a broken checkout there is seen.
    """
    if path.exists():
        return
    message = f"{what} missing: {path} (../shared is not in a bare clone; set CALSYNC_SHARED)"
    if os.environ.get("CALSYNC_REQUIRE_SHARED") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def seed_text() -> str:
    need_shared(SEED, "seed article")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def _private_state_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """``export`` and ``sync`` read review decisions from the default state file: never the
    developer's own (``~/.local/state/calsync``) during the suite."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_STATE_HOME", str(tmp_path_factory.mktemp("xdg-state")))
        yield
