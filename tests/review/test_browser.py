"""``calsync review`` as a person uses it, in a real headless Chromium (issue 17).

The seed article (publication 2021-11-05, nine events) and a folder of several articles;
the week view, the resolution shown on hover and on keyboard focus; and approve / reject /
correct clicked in the page changing what the next ``calsync run`` writes to the Google
Calendar emulator (a ``review = true`` target) and the ``.ics`` file, a rejected event
staying out across three runs and an edit of the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import icalendar
import pytest
from click.testing import CliRunner

from calsync.cli import main
from calsync.config import load_config
from calsync.review.workspace import Workspace, config_workspace
from tests.google.emulator import CalendarEmulator
from tests.review.conftest import Served, desk, seed_workspace
from tests.settle import settled

SEED_DAYS = {
    "2021-11-09": {"Arrival in Paris", "Tour of the Institut Pasteur"},
    "2021-11-10": {"Bilateral meeting with Emmanuel Macron",
                   "Visit to the Suresnes American Cemetery"},
    "2021-11-11": {"Armistice Day ceremony", "Dinner with Macron and other world leaders",
                   "Remarks at the Paris Peace Forum"},
    "2021-11-12": {"International conference on Libya"},
    "2021-11-13": {"Return to the US"},
}
CASES = Path(__file__).parents[1] / "extraction" / "cases"
CAL = "desk@group.calendar.google.com"

Serve = Callable[[Workspace], Served]


def _day_titles(page: Any) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for day in page.locator(".week .day").all():
        titles = {t.strip() for t in day.locator("summary .chip-title").all_inner_texts()}
        if titles:
            out[day.get_attribute("data-date")] = titles
    return out


def test_the_nine_seed_events_on_their_days_of_the_week_view(
        seed_text: str, tmp_path: Path, serve: Serve, page: Any) -> None:
    served = serve(seed_workspace(seed_text, tmp_path / "news", tmp_path / "state.sqlite"))
    page.goto(served.url + "/calendar?view=week")
    assert page.locator(".week").count() == 1
    assert page.locator(".week h2").inner_text() == "Week 45, 08 Nov – 14 Nov 2021"
    assert _day_titles(page) == SEED_DAYS
    # Clicking an event shows its evidence.
    chip = page.locator(".day[data-date='2021-11-11'] details.chip",
                        has_text="Armistice Day ceremony")
    chip.locator(":scope > summary").click()
    evidence = chip.locator(".evidence")
    assert evidence.is_visible()
    assert "the following day = day after 2021-11-10" in evidence.inner_text()
    # The month view holds the same days.
    page.goto(served.url + "/calendar?view=month")
    month = page.locator(".mday[data-date='2021-11-13'] .chip-title").all_inner_texts()
    assert [t.strip() for t in month] == ["Return to the US"]


def test_hovering_or_focusing_an_expression_shows_its_resolution(
        seed_text: str, tmp_path: Path, serve: Serve, page: Any) -> None:
    served = serve(seed_workspace(seed_text, tmp_path / "news", tmp_path / "state.sqlite"))
    page.goto(served.url + "/articles/0")
    expression = page.locator(".timex", has_text=re.compile(r"^the following day"))
    tip = expression.locator(".tip")
    assert not tip.is_visible()
    expression.hover()
    tip.wait_for(state="visible")
    assert tip.inner_text().startswith(
        "the following day = day after 2021-11-10 (the eve of Veterans Day)")
    assert "Armistice Day ceremony" in tip.inner_text()
    # It shares its event's colour and links to it.
    colour = re.search(r"\bc\d+\b", expression.get_attribute("class") or "")
    assert colour is not None
    target = expression.get_attribute("href")
    assert target and target.startswith("#e-")
    card = page.locator(target)
    assert colour.group(0) in (card.get_attribute("class") or "")
    assert card.locator("h3").inner_text().strip() == "Armistice Day ceremony"
    # An expression that dated no event ("this year") is marked, and its resolution shows on
    # keyboard focus as well.
    page.mouse.move(0, 0)
    plain = page.locator("mark.timex", has_text=re.compile(r"^this year"))
    plain.focus()
    plain.locator(".tip").wait_for(state="visible")
    assert plain.locator(".tip").inner_text().startswith("this year = 2021")
    # "Veterans Day Fast Facts" is a link line the extractor ignored: greyed.
    assert "Veterans Day Fast Facts" in page.locator(".boilerplate").all_inner_texts()


def test_a_folder_of_articles(seed_text: str, tmp_path: Path, serve: Serve,
                              page: Any) -> None:
    extra = [(f"{case}.txt", (CASES / case / "article.txt").read_text(encoding="utf-8"))
             for case in ("itinerary_weekdays_in_focus", "narrative_day_carried")
             if (CASES / case / "article.txt").exists()]
    ws = seed_workspace(seed_text, tmp_path / "news", tmp_path / "state.sqlite", *extra)
    served = serve(ws)
    page.goto(served.url + "/")
    links = page.locator("table.articles a")
    assert links.count() == len(ws.articles) >= 2
    assert page.locator("table.events tbody tr").count() == len(ws.events)
    # Every article page opens and marks its expressions; the seed's days hold in the week
    # view among the other articles' events.
    for number in range(len(ws.articles)):
        page.goto(f"{served.url}/articles/{number}")
        assert page.locator(".timex").count() > 0
    page.goto(served.url + "/calendar?view=week")
    days = _day_titles(page)
    for day, titles in SEED_DAYS.items():
        assert titles <= days.get(day, set()), day


# --- decisions change what the next run writes ------------------------------------------------

@pytest.fixture
def emulator() -> Any:
    emu = CalendarEmulator(seed=1717).start()
    emu.add_calendar(CAL)
    yield emu
    emu.stop()


def _desk(root: Path, seed: str, emulator: CalendarEmulator) -> Path:
    key = emulator.service_account_key(root / "key.json")
    return desk(root, "seed", seed, "2021-11-05", CAL, key, emulator.url)


def _run(config: Path) -> None:
    result = CliRunner().invoke(main, ["run", "--config", str(config), "-q"])
    assert result.exit_code == 0, result.output


def _ics(path: Path) -> dict[str, Any]:
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(e["SUMMARY"]): e for e in cal.walk("VEVENT")}


def _google(emulator: CalendarEmulator) -> dict[str, dict[str, Any]]:
    return {e["summary"]: e for e in emulator.events(CAL)}


def _submit(page: Any, action: Callable[[], None]) -> None:
    """Send a form and wait for the page it leads back to (the POST answers 303)."""
    with page.expect_navigation(url=re.compile(r"/calendar\?view=week")):
        action()


def _chip(page: Any, title: str) -> Any:
    chip = page.locator("details.chip", has=page.locator("summary", has_text=title)).first
    chip.locator(":scope > summary").click()
    return chip


def test_reject_correct_approve_in_the_page_change_the_next_run(
        seed_text: str, tmp_path: Path, serve: Serve, page: Any,
        emulator: CalendarEmulator) -> None:
    config = _desk(tmp_path, seed_text, emulator)
    ics = tmp_path / "out" / "desk.ics"
    _run(config)
    assert len(_ics(ics)) == 9
    assert _google(emulator) == {}  # the shared calendar waits for approval

    cfg = load_config(config)
    served = serve(config_workspace(cfg, emulator_now()))
    page.goto(served.url + "/calendar?view=week")
    assert _day_titles(page) == SEED_DAYS

    # Reject "Return to the US".
    _submit(page, lambda: _chip(page, "Return to the US").locator("button.reject").click())
    assert page.locator("details.chip.rejected", has_text="Return to the US").count() == 1

    # Correct the arrival: title, date, time and place, typed with the keyboard.
    arrival = _chip(page, "Arrival in Paris")
    arrival.locator("details.correct > summary").click()
    form = arrival.locator("details.correct form")
    form.locator("input[name=title]").fill("Arrival at Orly")
    form.locator("input[name=day]").fill("2021-11-08")
    form.locator("input[name=clock]").fill("14:30")
    form.locator("input[name=location]").fill("Orly airport")
    _submit(page, lambda: form.locator("input[name=location]").press("Enter"))
    moved = page.locator(".day[data-date='2021-11-08'] details.chip")
    assert moved.locator(".chip-title").inner_text() == "Arrival at Orly"
    assert moved.locator(".clock").inner_text() == "14:30"

    # Approve the bilateral meeting.
    _submit(page, lambda: _chip(page, "Bilateral meeting").locator("button.approve").click())
    assert page.locator("details.chip.approved", has_text="Bilateral meeting").count() == 1

    _run(config)
    shared = _google(emulator)
    assert set(shared) == {"Arrival at Orly", "Bilateral meeting with Emmanuel Macron"}
    orly = shared["Arrival at Orly"]
    assert orly["start"]["dateTime"].startswith("2021-11-08T14:30")
    assert orly["location"] == "Orly airport"
    desk = _ics(ics)
    assert len(desk) == 8 and "Return to the US" not in desk  # no review: all but rejected
    assert desk["Arrival at Orly"].decoded("DTSTART").isoformat().startswith(
        "2021-11-08T14:30")

    # A rejected event stays out across three runs and an edit of the article.
    for attempt in range(3):
        if attempt == 1:
            article = tmp_path / "news" / "seed.txt"
            article.write_text(seed_text + "\nHarris will return to the US the following "
                               "Saturday, officials repeated.\n", encoding="utf-8")
            settled(article)
        _run(config)
        assert "Return to the US" not in _google(emulator)
        assert "Return to the US" not in _ics(ics)
        assert "Arrival at Orly" in _ics(ics) and "Arrival in Paris" not in _ics(ics)


def emulator_now() -> Any:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime(2021, 11, 5, 12, tzinfo=ZoneInfo("Europe/Paris"))
