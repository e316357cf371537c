"""The engine in the cron runner's plan/apply shape, for a configured Google target."""

from __future__ import annotations

from pathlib import Path

import pytest

from calsync.config import GoogleTargetConfig
from calsync.errors import ConfigError
from calsync.pipeline import TargetReport
from calsync.sync.adapter import google_adapter
from tests.google.conftest import CAL, make_events
from tests.google.emulator import CalendarEmulator


def test_plan_then_apply_lists_once(
    emulator: CalendarEmulator, key_file: Path, tmp_path: Path
) -> None:
    cfg = GoogleTargetConfig(name="team", calendar=CAL, credentials=key_file,
                             api_endpoint=emulator.url)
    events = make_events(5)
    adapter = google_adapter(cfg, tmp_path)
    plan = adapter.plan(events)
    assert plan.counts()["create"] == 5 and emulator.events(CAL) == []
    report = TargetReport(name="team", kind="google", plan=plan)
    emulator.reset_log()
    adapter.apply(events, plan, report)
    assert report.ok and report.written and "5 created" in report.detail
    assert [e.method for e in emulator.log] == ["POST"]  # the batch; no second listing
    again = google_adapter(cfg, tmp_path)
    rerun = TargetReport(name="team", kind="google")
    again.apply(events, again.plan(events), rerun)
    assert rerun.ok and not rerun.written
    assert (tmp_path / "sync.sqlite").stat().st_mode & 0o777 == 0o600


def test_key_path_from_environment(
    emulator: CalendarEmulator, key_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = GoogleTargetConfig(name="team", calendar=CAL, credentials_env="TEAM_KEY",
                             api_endpoint=emulator.url)
    monkeypatch.delenv("TEAM_KEY", raising=False)
    with pytest.raises(ConfigError, match="TEAM_KEY"):
        google_adapter(cfg, tmp_path)
    monkeypatch.setenv("TEAM_KEY", str(key_file))
    assert google_adapter(cfg, tmp_path).plan(make_events(2)).counts()["create"] == 2
