"""One contract for every configured target, as ``calsync run`` drives it: the .ics file,
the Google emulator and a real Radicale server.

Each target is built from its ``[[target]]`` by ``calsync.targets.registry`` and driven
through ``CalendarTarget`` (plan, then apply that plan), with the same events and the same
assertions; only the harness (where the calendar is, how a write is counted, what a foreign
event is) differs. A fourth target joins with one harness here and one adapter in the code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest

from calsync.config import (
    CaldavTargetConfig,
    Config,
    GoogleTargetConfig,
    IcsTargetConfig,
    TargetConfig,
)
from calsync.errors import CalsyncError
from calsync.model import Event, Plan
from calsync.targets.base import Applied
from calsync.targets.registry import build_target
from tests.caldav.radicale_server import PASSWORD, USER
from tests.contract.test_target_contract import FOREIGN_ICS, GoogleHarness, RadicaleHarness
from tests.google.factories import make_event

NOW = datetime(2026, 2, 20, 8, 0, tzinfo=UTC)
PASSWORD_ENV = "CALSYNC_CONTRACT_PASSWORD"


class IcsHarness:
    """The .ics file: the file is calsync's alone; a foreign event is a calendar file calsync
    did not write where the target points, which calsync refuses to touch."""

    shares_calendar = False

    def __init__(self, tmp_path: Path) -> None:
        self.path = tmp_path / "out" / "calendar.ics"
        self.foreign: bytes | None = None
        self.seen: tuple[int, int] | None = None

    def config(self, *, guard_lifted: bool = False) -> TargetConfig:
        return IcsTargetConfig(name="file", path=self.path, force=guard_lifted)

    def _events(self) -> list[icalendar.cal.Component]:
        if not self.path.exists():
            return []
        cal = icalendar.Calendar.from_ical(self.path.read_bytes())
        return list(cal.walk("VEVENT"))

    def live_uids(self) -> set[str]:
        return {str(e["UID"]) for e in self._events() if "X-CALSYNC-HASH" in e}

    def count_all(self) -> int:
        return len(self._events())

    def title(self, uid: str) -> str:
        return next(str(e["SUMMARY"]) for e in self._events() if str(e["UID"]) == uid)

    def add_foreign(self) -> str:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.foreign = FOREIGN_ICS.encode()
        self.path.write_bytes(self.foreign)
        return str(self.path)

    def foreign_intact(self, ref: str) -> bool:
        return Path(ref).read_bytes() == self.foreign

    def _stat(self) -> tuple[int, int] | None:
        if not self.path.exists():
            return None
        st = self.path.stat()
        return st.st_ino, st.st_mtime_ns

    def reset_log(self) -> None:
        self.seen = self._stat()

    def writes(self) -> int:
        """Files written since ``reset_log`` (0 or 1: the whole file is one write)."""
        return int(self._stat() != self.seen)

    def close(self) -> None:
        pass


class GoogleConfigured(GoogleHarness):
    shares_calendar = True

    def config(self, *, guard_lifted: bool = False) -> TargetConfig:
        from tests.contract.test_target_contract import CAL

        return GoogleTargetConfig(name="shared", calendar=CAL, credentials=self.key,
                                  api_endpoint=self.emulator.url, prune=True,
                                  max_delete_fraction=1.0 if guard_lifted else 0.5)


class RadicaleConfigured(RadicaleHarness):
    shares_calendar = True

    def config(self, *, guard_lifted: bool = False) -> TargetConfig:
        return CaldavTargetConfig(name="dav", url=self.server.url + self.path.lstrip("/"),
                                  username=USER, password_env=PASSWORD_ENV, prune=True,
                                  max_delete_fraction=1.0 if guard_lifted else 0.5)


Configured = IcsHarness | GoogleConfigured | RadicaleConfigured
#: Build the target from its configuration, plan, apply: one run's work for one target.
Converge = Callable[..., tuple[Plan, Applied]]


class DictMemo:
    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self.values.get(key)

    def set(self, key: str, value: str) -> None:
        self.values[key] = value


class TestCalendarTargetContract:
    @pytest.fixture(params=["ics", "google", "caldav"])
    def harness(self, request: pytest.FixtureRequest, tmp_path: Path,
                monkeypatch: pytest.MonkeyPatch) -> Iterator[Configured]:
        monkeypatch.setenv(PASSWORD_ENV, PASSWORD)
        made: Configured
        if request.param == "ics":
            made = IcsHarness(tmp_path)
        elif request.param == "google":
            made = GoogleConfigured(tmp_path)
        else:
            made = RadicaleConfigured(tmp_path)
        try:
            yield made
        finally:
            made.close()

    @pytest.fixture
    def converge(self, harness: Configured, tmp_path: Path) -> Converge:
        memo = DictMemo()

        def run(events: Sequence[Event], *, guard_lifted: bool = False
                ) -> tuple[Plan, Applied]:
            cfg = harness.config(guard_lifted=guard_lifted)
            config = Config(path=tmp_path / "calsync.toml", state_dir=tmp_path / "state",
                            targets=(cfg,))
            target = build_target(cfg, config, NOW, memo)
            try:
                plan = target.plan(events)
                return plan, target.apply(events, plan)
            finally:
                target.close()

        return run

    def test_create_then_a_rerun_writes_nothing(self, harness: Configured,
                                                converge: Converge) -> None:
        events = [make_event(n) for n in range(5)]
        plan, applied = converge(events)
        assert plan.counts()["create"] == 5 and applied.written and not applied.failures
        assert harness.live_uids() == {e.uid for e in events}
        harness.reset_log()
        again, applied = converge(events)
        assert again.writes == () and again.counts()["unchanged"] == 5
        assert not applied.written and harness.writes() == 0

    def test_a_change_updates_that_event_only(self, harness: Configured,
                                              converge: Converge) -> None:
        events = [make_event(n) for n in range(5)]
        converge(events)
        events[3] = replace(events[3], title="Moved to the town hall")
        harness.reset_log()
        plan, applied = converge(events)
        counts = plan.counts()
        assert (counts["update"], counts["unchanged"], counts["create"]) == (1, 4, 0)
        assert applied.written and harness.writes() == 1
        assert harness.title(events[3].uid) == "Moved to the town hall"
        assert harness.count_all() == 5

    def test_foreign_events_are_untouched(self, harness: Configured,
                                          converge: Converge) -> None:
        ref = harness.add_foreign()
        events = [make_event(n) for n in range(4)]
        if harness.shares_calendar:  # our events live beside the foreign one...
            converge(events)
            converge(events[:2])  # ...and pruning ours leaves it alone
            assert harness.live_uids() == {e.uid for e in events[:2]}
        else:  # the file is ours alone: a calendar calsync did not write is refused
            with pytest.raises(CalsyncError, match="not written by calsync"):
                converge(events)
            assert harness.live_uids() == set()
        assert harness.foreign_intact(ref)

    def test_a_source_gone_empty_does_not_wipe_the_calendar(
            self, harness: Configured, converge: Converge) -> None:
        events = [make_event(n) for n in range(4)]
        converge(events)
        harness.reset_log()
        with pytest.raises(CalsyncError, match=r"refusing to (delete|remove)"):
            converge([])
        assert harness.writes() == 0 and harness.live_uids() == {e.uid for e in events}
        plan, _ = converge([], guard_lifted=True)  # the owner's explicit word lifts the guard
        assert plan.counts()["delete"] == 4 and harness.live_uids() == set()


def test_every_configured_kind_has_a_harness() -> None:
    from calsync.targets.registry import BUILDERS

    assert set(BUILDERS) == {"ics", "google", "caldav"}
