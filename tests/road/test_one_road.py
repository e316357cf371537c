"""One road: the same folder of articles gives the same events through ``calsync extract``,
``export``, ``sync google`` and ``run`` (issue 15).

Every golden case of ``tests/extraction/cases`` (grouped by the zone and holiday countries
they are read with, so that each group is one folder read with one setting), the cases of a
group together (the multi-article merge), and fifty bulletins announcing ten numbered
working-group meetings each (500 happenings, 50 a day: the merge must keep "Working Group 1"
and "Working Group 28" apart).
"""

from __future__ import annotations

import itertools
import json
import tomllib
from collections import defaultdict
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest
from click.testing import CliRunner, Result

from calsync.cli import main
from tests.google.emulator import CalendarEmulator
from tests.settle import settled

CASES = Path(__file__).parents[1] / "extraction" / "cases"
Key = tuple[str, str, str, str]
_CALENDARS = itertools.count()


@pytest.fixture(scope="module")
def emulator() -> Iterator[CalendarEmulator]:
    emu = CalendarEmulator(seed=15).start()
    try:
        yield emu
    finally:
        emu.stop()


def _when(value: Any) -> str:
    """A start or end as one comparable string: a date, or the UTC instant."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    assert isinstance(value, date)
    return value.isoformat()


def _invoke(args: list[str]) -> Result:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return result


def _groups() -> dict[tuple[str, tuple[str, ...]], list[Path]]:
    groups: dict[tuple[str, tuple[str, ...]], list[Path]] = defaultdict(list)
    for case in sorted(CASES.iterdir()):
        if not (case / "article.txt").exists():
            continue
        meta = tomllib.loads((case / "meta.toml").read_text(encoding="utf-8"))
        key = (meta.get("timezone", "Europe/Paris"),
               tuple(meta.get("countries", ("US", "FR", "GB"))))
        groups[key].append(case)
    return dict(groups)


GROUPS = _groups()


class Road:
    """A folder of articles with its configuration, and the four commands over it."""

    def __init__(self, root: Path, zone: str, countries: tuple[str, ...],
                 emulator: CalendarEmulator, monkeypatch: pytest.MonkeyPatch) -> None:
        self.root, self.zone, self.countries = root, zone, countries
        self.emulator = emulator
        self.articles = root / "articles"
        self.articles.mkdir(parents=True)
        self.config = root / "calsync.toml"
        self.monkeypatch = monkeypatch
        self.key = emulator.service_account_key(root / "key.json")
        self.calendar = f"road-{next(_CALENDARS)}@group.calendar.google.com"
        emulator.add_calendar(self.calendar)

    def add(self, name: str, text: str, published: str) -> None:
        article, meta = self.articles / f"{name}.txt", self.articles / f"{name}.meta.toml"
        article.write_text(text, encoding="utf-8")
        meta.write_text(f'published = "{published}"\n', encoding="utf-8")
        settled(article, meta)  # (run leaves files younger than min_file_age for next time)

    def paths(self) -> list[str]:
        return sorted(str(p) for p in self.articles.glob("*.txt"))

    def reading(self) -> list[str]:
        # The CLI's article identity is relative to the configuration's folder, as run's is.
        self.monkeypatch.setenv("CALSYNC_CONFIG", str(self.config))
        out = ["--tz", self.zone]
        for country in self.countries:
            out += ["--country", country]
        return out

    def extract(self) -> set[Key]:
        result = _invoke(["extract", *self.paths(), *self.reading(), "--format", "json"])
        return {(e["uid"], e["title"], _when(e["start"]), _when(e["end"]))
                for e in json.loads(result.output)}

    def _ics(self, path: Path) -> set[Key]:
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        return {(str(e["UID"]), str(e["SUMMARY"]), _when(e.decoded("DTSTART")),
                 _when(e.decoded("DTEND"))) for e in cal.walk("VEVENT")}

    def export(self) -> set[Key]:
        out = self.root / "export.ics"
        _invoke(["export", *self.paths(), *self.reading(), "-o", str(out)])
        return self._ics(out)

    def sync(self) -> set[Key]:
        _invoke(["sync", "google", *self.paths(), *self.reading(), "--calendar",
                 self.calendar, "--credentials", str(self.key), "--api-endpoint",
                 self.emulator.url, "--state", str(self.root / "sync.sqlite")])
        return {(e["iCalUID"], e["summary"],
                 _when(e["start"].get("dateTime") or e["start"]["date"]),
                 _when(e["end"].get("dateTime") or e["end"]["date"]))
                for e in self.emulator.events(self.calendar)}

    def run(self) -> set[Key]:
        countries = ", ".join(f'"{c}"' for c in self.countries)
        self.config.write_text(f"""
timezone = "{self.zone}"
countries = [{countries}]
state = "state"

[[source]]
name = "news"
type = "folder"
path = "articles"
glob = "*.txt"

[[target]]
name = "file"
type = "ics"
path = "out/run.ics"
""", encoding="utf-8")
        _invoke(["run", "--config", str(self.config), "-q"])
        return self._ics(self.root / "out" / "run.ics")

    def all_four(self) -> set[Key]:
        extracted = self.extract()
        assert self.export() == extracted
        assert self.sync() == extracted
        assert self.run() == extracted
        return extracted


@pytest.mark.parametrize("group", sorted(GROUPS), ids=lambda g: f"{g[0]}-{'-'.join(g[1])}")
def test_golden_cases_give_the_same_events_through_every_command(
        group: tuple[str, tuple[str, ...]], emulator: CalendarEmulator, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The cases of the group as one folder (merged across articles) through all four
    commands; each case alone through extract and export (the others take the same road)."""
    zone, countries = group
    together = Road(tmp_path / "together", zone, countries, emulator, monkeypatch)
    alone: set[Key] = set()
    for case in GROUPS[group]:
        meta = tomllib.loads((case / "meta.toml").read_text(encoding="utf-8"))
        text, published = (case / "article.txt").read_text(encoding="utf-8"), meta["published"]
        together.add(case.name, text, str(published))
        road = Road(tmp_path / case.name, zone, countries, emulator, monkeypatch)
        road.add(case.name, text, str(published))
        extracted = road.extract()
        assert road.export() == extracted
        alone |= extracted
    assert len(together.all_four()) <= len(alone)


TOPICS = ("water policy", "urban transport", "coastal erosion", "public health",
          "school meals", "rail freight", "forest fires", "housing standards",
          "river navigation", "digital archives")
CITIES = ("Lyon", "Nantes", "Lille", "Dijon", "Rennes", "Tours", "Metz", "Brest", "Nancy",
          "Reims")
MONTH = ("March", 3)


def bulletin(number: int) -> str:
    """Bulletin ``number`` (0-49): ten meetings of working groups 10*number+1 to +10, one a
    day from March 3 to March 12, 2022 (so each day has fifty meetings across bulletins)."""
    lines = [f"Bulletin {number + 1} of the regional council", ""]
    for slot in range(10):
        group = number * 10 + slot + 1
        lines.append(f"The Working Group {group} on {TOPICS[slot]} will meet in "
                     f"{CITIES[(number + slot) % 10]} on March {3 + slot}, 2022.")
    return "\n".join(lines) + "\n"


def test_fifty_bulletins_give_500_events_through_export_and_sync(
        emulator: CalendarEmulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    road = Road(tmp_path / "bulletins", "Europe/Paris", ("FR",), emulator, monkeypatch)
    for number in range(50):
        road.add(f"bulletin-{number:02d}", bulletin(number), "2022-03-01")
    events = road.all_four()
    assert len(events) == 500
    titles = {title for _, title, _, _ in events}
    assert len(titles) == 500  # one per working group, none merged into another
    assert any("Working Group 1 " in t for t in titles)
    assert any("Working Group 500 " in t for t in titles)
