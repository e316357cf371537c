"""A ``[[target]]`` of type google, built by the registry: one listing, one plan, its writes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from calsync.config import Config, GoogleTargetConfig
from calsync.errors import TargetError
from calsync.targets.registry import build_target
from tests.google.conftest import CAL, make_events
from tests.google.emulator import CalendarEmulator

NOW = datetime(2026, 2, 20, 8, 0, tzinfo=UTC)


def test_plan_then_apply_lists_once(
    emulator: CalendarEmulator, key_file: Path, tmp_path: Path
) -> None:
    cfg = GoogleTargetConfig(name="team", calendar=CAL, credentials=key_file,
                             api_endpoint=emulator.url)
    config = Config(path=tmp_path / "calsync.toml", state_dir=tmp_path / "state")
    events = make_events(5)
    target = build_target(cfg, config, NOW)
    plan = target.plan(events)
    assert plan.counts()["create"] == 5 and emulator.events(CAL) == []
    emulator.reset_log()
    applied = target.apply(events, plan)
    target.close()
    assert applied.written and not applied.failures and "5 created" in applied.detail
    assert [e.method for e in emulator.log] == ["POST"]  # the batch; no second listing
    again = build_target(cfg, config, NOW)
    rerun = again.apply(events, again.plan(events))
    again.close()
    assert not rerun.written and not rerun.failures
    assert (tmp_path / "state" / "state.sqlite").stat().st_mode & 0o777 == 0o600


def test_key_path_from_environment(
    emulator: CalendarEmulator, key_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = GoogleTargetConfig(name="team", calendar=CAL, credentials_env="TEAM_KEY",
                             api_endpoint=emulator.url)
    config = Config(path=tmp_path / "calsync.toml", state_dir=tmp_path / "state")
    monkeypatch.delenv("TEAM_KEY", raising=False)
    with pytest.raises(TargetError, match="TEAM_KEY"):
        build_target(cfg, config, NOW)
    monkeypatch.setenv("TEAM_KEY", str(key_file))
    target = build_target(cfg, config, NOW)
    assert target.plan(make_events(2)).counts()["create"] == 2
    target.close()
