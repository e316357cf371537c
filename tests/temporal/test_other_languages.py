"""Languages with no rules of ours (German, Spanish, Italian): detected, their dates found and
resolved by dateparser, each dated sentence a tentative event named by its own words."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from calsync.cli import main
from calsync.extraction.events import extract_events
from calsync.extraction.language import detect
from calsync.model import LOW_CONFIDENCE, Article
from tests.conftest import published

GERMAN = ("Der Gipfel der Regierungschefs findet am 12. März 2026 in Berlin statt. Die "
          "Delegationen werden mit dem Präsidenten über die Handelspolitik sprechen, die für "
          "das Land wichtig ist.\n")


@pytest.mark.parametrize(("text", "code"), [
    (GERMAN, "de"),
    ("El presidente viajará a Madrid el lunes para la reunión con los ministros del "
     "gobierno, y también visitará las obras del nuevo puerto con el alcalde.", "es"),
    ("Il ministro sarà a Roma lunedì per la riunione della commissione, che non si era "
     "ancora riunita, e anche per gli incontri con i sindaci della regione.", "it"),
    ("The minister will travel to Rome on Monday for the meeting of the committee, which "
     "has not met since the spring, and will also see the mayors of the region.", "en"),
    ("Le ministre se rendra lundi à Rome pour la réunion de la commission, qui ne s'était "
     "pas réunie depuis le printemps, et rencontrera les maires de la région.", "fr"),
])
def test_the_language_is_read_off_the_words(text: str, code: str) -> None:
    assert detect(text) == code


def test_german_dates_are_found_and_resolved(tmp_path: Path) -> None:
    path = tmp_path / "gipfel.txt"
    path.write_text(GERMAN, encoding="utf-8")
    result = CliRunner().invoke(main, ["tag", str(path), "--published", "2026-03-02",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["text"], r["value"], r["language"]) for r in rows] == [
        ("12. März 2026", "2026-03-12", "de")]
    assert "dateparser" in rows[0]["resolution"]


def test_a_dated_german_sentence_is_a_tentative_event() -> None:
    events = extract_events(Article(GERMAN, published("2026-03-02"), "gipfel.txt"))
    assert [e.start for e in events] == [date(2026, 3, 12)]
    assert "Gipfel" in events[0].title
    assert events[0].confidence < LOW_CONFIDENCE  # exported as TENTATIVE
