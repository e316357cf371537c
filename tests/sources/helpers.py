"""Building sources the way the pipeline does, for tests."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from calsync.config import SourceConfig
from calsync.sources import SourceContext
from calsync.sources.fetch import Fetcher, Validators

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 3, 5, 10, 0, tzinfo=PARIS)


def context(base: Path, validators: dict[str, Validators] | None = None,
            fetcher: Fetcher | None = None) -> SourceContext:
    known = validators or {}
    return SourceContext(
        fetcher=fetcher or Fetcher(user_agent="calsync-test", timeout=3, max_bytes=1_000_000),
        zone=PARIS, now=NOW, base=base, validators=known.get,
    )


def source(kind: str, **kw: Any) -> SourceConfig:
    return SourceConfig(name=kw.pop("name", "s"), kind=kind, **kw)  # type: ignore[arg-type]
