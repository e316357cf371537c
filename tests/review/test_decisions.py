"""Review decisions (issue 17) without a browser: the pure ``apply_decisions``, their store in
the state file, the ``review = true`` hold, and ``run``, ``export`` and ``sync google``
honouring them across re-runs and article edits."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from click.testing import CliRunner

from calsync.cli import main
from calsync.config import parse_config
from calsync.decisions import Decision, apply_decisions, approved_only, correct, parse_clock
from calsync.errors import UsageError
from calsync.model import Event
from calsync.sync.plan import make_plan
from calsync.sync.state import SCHEMA_VERSION, StateStore, read_decisions
from calsync.targets.base import RemoteEvent
from tests.google.emulator import CalendarEmulator
from tests.review.conftest import desk
from tests.settle import settled

PARIS = ZoneInfo("Europe/Paris")
ARTICLE = ("The city council will meet in Lyon on March 3, 2022 to vote on the budget.\n\n"
           "The new tram line will be inaugurated on March 5, 2022 at 10 a.m. by the mayor.\n")
CAL = "desk@group.calendar.google.com"


def allday(uid: str, day: date, title: str = "Meeting") -> Event:
    return Event(uid, title, day, date.fromordinal(day.toordinal() + 1), "Europe/Paris",
                 location="Lyon")


def timed(uid: str, hour: int, title: str = "Inauguration") -> Event:
    start = datetime(2022, 3, 5, hour, tzinfo=PARIS)
    return Event(uid, title, start, start.replace(hour=hour + 2), "Europe/Paris")


# --- the pure function ------------------------------------------------------------------------

def test_rejected_out_corrected_changed_others_untouched() -> None:
    a, b, c = allday("a", date(2022, 3, 3)), timed("b", 10), allday("c", date(2022, 3, 4))
    out = apply_decisions([a, b, c], {
        "a": Decision("a", "rejected"),
        "b": Decision("b", "approved", title="Tram opening", day=date(2022, 3, 2)),
        "c": Decision("c", "approved"),
    })
    assert [e.uid for e in out] == ["b", "c"]  # re-sorted: b moved before c
    assert out[0].title == "Tram opening"
    assert out[0].start == datetime(2022, 3, 2, 10, tzinfo=PARIS)
    assert out[0].end - out[0].start == b.end - b.start  # the length is kept
    assert out[1] is c


def test_corrections_between_all_day_and_timed() -> None:
    a = allday("a", date(2022, 3, 3))
    at_nine = correct(a, Decision("a", "approved", clock="09:30", location=""))
    assert at_nine.start == datetime(2022, 3, 3, 9, 30, tzinfo=PARIS)
    assert at_nine.end == datetime(2022, 3, 3, 10, 30, tzinfo=PARIS)
    assert at_nine.location is None
    b = timed("b", 10)
    whole_day = correct(b, Decision("b", "approved", clock="", day=date(2022, 3, 6)))
    assert (whole_day.start, whole_day.end) == (date(2022, 3, 6), date(2022, 3, 7))
    assert correct(b, Decision("b", "approved", location="Town hall")).location == "Town hall"


def test_approved_only_is_the_review_hold() -> None:
    events = [allday("a", date(2022, 3, 3)), timed("b", 10), allday("c", date(2022, 3, 4))]
    decisions = {"a": Decision("a", "approved", title="x"), "b": Decision("b", "rejected"),
                 "c": Decision("c", "approved")}
    assert [e.uid for e in approved_only(events, decisions)] == ["a", "c"]
    assert approved_only(events, {}) == []


def test_clock_parsing() -> None:
    assert parse_clock(" 9:05 ") == "09:05" and parse_clock("") == ""
    with pytest.raises(UsageError):
        parse_clock("25:00")
    with pytest.raises(ValueError):
        Decision("a", "approved", clock="noon")
    with pytest.raises(ValueError):
        Decision("a", "maybe")  # type: ignore[arg-type]


# --- the store --------------------------------------------------------------------------------

def test_decisions_round_trip_in_a_private_state_file(tmp_path: Path) -> None:
    path = tmp_path / "state" / "state.sqlite"
    assert read_decisions(path) == {} and not path.exists()  # reading creates nothing
    when = datetime(2026, 3, 1, 9, tzinfo=UTC)
    d = Decision("u1", "approved", "T", date(2022, 3, 3), "09:00", "", "abc", when)
    with StateStore(path) as store:
        store.decide(d)
        store.decide(Decision("u2", "rejected"))
        store.decide(Decision("u2", "approved"))  # a new decision replaces the old one
        store.undecide("nothing")
    assert path.stat().st_mode & 0o777 == 0o600
    assert read_decisions(path) == {"u1": d, "u2": Decision("u2", "approved")}
    with StateStore(path) as store:
        store.undecide("u1")
        assert list(store.decisions()) == ["u2"]


def test_a_version_1_state_file_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    db = sqlite3.connect(path)
    db.executescript("CREATE TABLE schema_version (version INTEGER NOT NULL);"
                     "INSERT INTO schema_version VALUES (1);")
    db.close()
    assert read_decisions(path) == {}  # no decisions table yet: none
    with StateStore(path) as store:
        store.decide(Decision("u", "rejected"))
    db = sqlite3.connect(path)
    assert db.execute("SELECT version FROM schema_version").fetchall() == [(SCHEMA_VERSION,)]
    db.close()
    assert SCHEMA_VERSION == 2


def test_review_key_in_every_target_type(tmp_path: Path) -> None:
    config = parse_config("""
[[target]]
name = "file"
type = "ics"
path = "a.ics"
[[target]]
name = "team"
type = "google"
calendar = "x"
review = true
[[target]]
name = "dav"
type = "caldav"
url = "https://example.org/dav/"
review = true
""", tmp_path / "calsync.toml")
    assert [t.review for t in config.targets] == [False, True, True]


# --- the sync engine removes what was rejected after it was written ---------------------------

def test_a_rejected_event_calsync_wrote_is_deleted_without_prune() -> None:
    owned = RemoteEvent(remote_id="r1", uid="u1", owned=True, content_hash="h", title="Gone")
    edited = RemoteEvent(remote_id="r2", uid="u2", owned=True, content_hash="h",
                         written_hash="w", shown_hash="s")
    other = RemoteEvent(remote_id="r3", uid="u3", owned=True, content_hash="h")
    plan = make_plan("t", [], [owned, edited, other], withdraw={"u1", "u2"})
    kinds = {c.uid: (c.kind.value, c.reason) for c in plan.changes}
    assert kinds["u1"] == ("delete", "'Gone' rejected in review")
    assert kinds["u2"][0] == "conflict"
    assert kinds["u3"][0] == "unchanged"  # not rejected, no --prune: kept
    forced = make_plan("t", [], [edited], withdraw={"u2"}, force=True)
    assert [c.kind.value for c in forced.changes] == ["delete"]


# --- run, export and sync honour them ---------------------------------------------------------

def _ics(path: Path) -> dict[str, icalendar.Event]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def _google(emulator: CalendarEmulator) -> dict[str, dict[str, object]]:
    return {str(e["summary"]): e for e in emulator.events(CAL)}


@pytest.fixture
def emulator() -> CalendarEmulator:
    emu = CalendarEmulator(seed=17).start()
    emu.add_calendar(CAL)
    yield emu  # type: ignore[misc]
    emu.stop()


def _desk(tmp_path: Path, emulator: CalendarEmulator) -> Path:
    key = emulator.service_account_key(tmp_path / "key.json")
    return desk(tmp_path, "council", ARTICLE, "2022-03-01", CAL, key, emulator.url)


def _run(config: Path) -> str:
    result = CliRunner().invoke(main, ["run", "--config", str(config)])
    assert result.exit_code == 0, result.output
    return result.output


def _uids(tmp_path: Path) -> dict[str, str]:
    return {str(e["SUMMARY"]): str(e["UID"]) for e in _ics(tmp_path / "out" / "desk.ics").values()}


def test_run_holds_undecided_events_from_a_review_target(
        tmp_path: Path, emulator: CalendarEmulator) -> None:
    config = _desk(tmp_path, emulator)
    out = _run(config)
    assert "2 held for review" in out
    uids = _uids(tmp_path)
    assert set(uids) == {"Meeting of the city council", "Inauguration of the new tram line"}
    assert _google(emulator) == {}  # the shared calendar waits for approval
    state = tmp_path / "state" / "state.sqlite"
    with StateStore(state) as store:
        store.decide(Decision(uids["Meeting of the city council"], "approved"))
        store.decide(Decision(uids["Inauguration of the new tram line"], "approved",
                              title="Tram line opening", clock="11:00", location="Bellecour"))
    _run(config)
    shared = _google(emulator)
    assert set(shared) == {"Meeting of the city council", "Tram line opening"}
    opening = shared["Tram line opening"]
    assert opening["location"] == "Bellecour"
    assert opening["start"]["dateTime"].startswith("2022-03-05T11:00")  # type: ignore[index]
    assert set(_ics(tmp_path / "out" / "desk.ics")) == set(shared)

    # Rejected after it reached both calendars: removed from both, and stays out.
    with StateStore(state) as store:
        store.decide(Decision(uids["Meeting of the city council"], "rejected"))
    for attempt in range(3):
        if attempt == 2:  # the article is edited: the event keeps its UID and stays out
            article = tmp_path / "news" / "council.txt"
            article.write_text(ARTICLE.replace("March 3", "March 4") + "\nMore soon.\n")
            settled(article)
        _run(config)
        assert set(_google(emulator)) == {"Tram line opening"}
        assert set(_ics(tmp_path / "out" / "desk.ics")) == {"Tram line opening"}


def test_export_and_sync_read_the_decisions_of_the_state_file(
        tmp_path: Path, emulator: CalendarEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "council.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("CALSYNC_CONFIG", str(tmp_path / "calsync.toml"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    runner = CliRunner()
    plain = runner.invoke(main, ["export", str(article), "--published", "2022-03-01",
                                 "-o", str(tmp_path / "a.ics")])
    assert plain.exit_code == 0, plain.output
    uids = {str(e["SUMMARY"]): str(e["UID"]) for e in _ics(tmp_path / "a.ics").values()}
    state = tmp_path / "xdg" / "calsync" / "state.sqlite"  # the default state file
    with StateStore(state) as store:
        store.decide(Decision(uids["Meeting of the city council"], "rejected"))
        store.decide(Decision(uids["Inauguration of the new tram line"], "approved",
                              day=date(2022, 3, 6)))
    again = runner.invoke(main, ["export", str(article), "--published", "2022-03-01",
                                 "-o", str(tmp_path / "a.ics")])
    assert again.exit_code == 0, again.output
    [tram] = _ics(tmp_path / "a.ics").values()
    assert tram.decoded("DTSTART") == datetime(2022, 3, 6, 10, tzinfo=PARIS)
    key = emulator.service_account_key(tmp_path / "key.json")
    synced = runner.invoke(main, ["sync", "google", str(article), "--published", "2022-03-01",
                                  "--calendar", CAL, "--credentials", str(key),
                                  "--api-endpoint", emulator.url, "--state", str(state)])
    assert synced.exit_code == 0, synced.output
    assert set(_google(emulator)) == {"Inauguration of the new tram line"}
