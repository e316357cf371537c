"""French: language per article, French temporal expressions resolved by the English rules,
French holiday names, and the CLI's --lang."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from calsync.cli import main
from calsync.extraction.language import choose, detect
from calsync.extraction.settings import ExtractionSettings
from calsync.extraction.temporal import tag
from calsync.model import Timex
from tests.conftest import published

# 2024-05-15 is a Wednesday.
DAY = "2024-05-15"


def fr(text: str, day: str = DAY, **kw: object) -> list[Timex]:
    return tag(text, published(day), ExtractionSettings(**kw),  # type: ignore[arg-type]
               language="fr")


def find(text: str, expr: str, day: str = DAY) -> Timex:
    found = fr(text, day)
    for t in found:
        if t.text == expr:
            return t
    raise AssertionError(f"{expr!r} not in {[t.text for t in found]}")


def test_the_issue_sentence() -> None:
    text = ("Le président se rendra mardi prochain à Berlin, avant de recevoir le lendemain le "
            "chancelier à l'Élysée; la cérémonie aura lieu la veille du 14 Juillet.")
    got = [(t.text, t.value) for t in fr(text)]
    assert got == [("mardi prochain", "2024-05-21"), ("le lendemain", "2024-05-22"),
                   ("la veille du 14 Juillet", "2024-07-13")]


@pytest.mark.parametrize(("sentence", "expr", "value"), [
    ("Le ministre se rendra à Rome mardi.", "mardi", "2024-05-21"),
    ("Le ministre s'est rendu à Rome mardi.", "mardi", "2024-05-14"),
    ("Il a annoncé jeudi dernier sa candidature.", "jeudi dernier", "2024-05-09"),
    ("Le conseil votera ce jeudi.", "ce jeudi", "2024-05-16"),
    ("Le conseil va voter vendredi.", "vendredi", "2024-05-17"),
    ("La réunion aura lieu lundi 3 juin.", "lundi 3 juin", "2024-06-03"),
    ("La fête aura lieu le 1er avril.", "le 1er avril", "2025-04-01"),
    ("Le sommet est prévu le 20 juin 2025.", "le 20 juin 2025", "2025-06-20"),
    ("Le marché reprendra la semaine prochaine.", "la semaine prochaine", "2024-W21"),
    ("Les travaux dureront jusqu'à mi-juin.", "mi-juin", "2024-06"),
    ("Il viendra demain, puis après-demain.", "après-demain", "2024-05-17"),
    ("Il est arrivé hier soir.", "hier soir", "2024-05-14TEV"),
    ("Le concert commencera ce soir.", "ce soir", "2024-05-15TEV"),
    ("Les résultats tomberont cet après-midi.", "cet après-midi", "2024-05-15TAF"),
    ("La décision sera rendue dans huit jours.", "dans huit jours", "2024-05-22"),
    ("Il a été élu en 2019.", "2019", "2019"),
    ("Les élections de mai 2023 ont surpris.", "mai 2023", "2023-05"),
    ("Le budget sera voté l'année prochaine.", "l'année prochaine", "2025"),
    ("Le festival se tiendra cet été.", "cet été", "2024-SU"),
    # abbreviated months, the accent left out as in many feeds ("dec." raised a KeyError)
    ("Le sommet se tiendra le 15 dec. à Berlin.", "le 15 dec.", "2024-12-15"),
    ("Le sommet se tiendra le 15 déc. à Berlin.", "le 15 déc.", "2024-12-15"),
    ("La grève commencera le 3 fevr. au matin.", "le 3 fevr.", "2025-02-03"),
    ("La grève commencera le 3 févr. au matin.", "le 3 févr.", "2025-02-03"),
    # plural "suivants", "précédents" (a KeyError before)
    ("Les prix augmenteront dans les mois suivants.", "les mois suivants", "2024-06"),
    ("Les prix avaient baissé les mois précédents.", "les mois précédents", "2024-04"),
])
def test_days_resolve_by_the_english_rules(sentence: str, expr: str, value: str) -> None:
    assert find(sentence, expr).value == value


def test_mod_words() -> None:
    assert find("Le chantier finira fin mars.", "fin mars").mod == "END"
    assert find("Le chantier débutera début avril.", "début avril").mod == "START"
    assert find("Le chantier reprendra mi-juin.", "mi-juin").mod == "MID"


def test_anaphora_follows_the_last_day_named() -> None:
    text = ("La conférence s'ouvrira le 10 juin. Le surlendemain, les ministres signeront "
            "l'accord; la veille, ils dîneront ensemble. Deux jours plus tard, ils partiront.")
    got = {t.text: t.value for t in fr(text)}
    assert got["le 10 juin"] == "2024-06-10"
    assert got["Le surlendemain"] == "2024-06-12"
    assert got["la veille"] == "2024-06-11"
    assert got["Deux jours plus tard"] == "2024-06-13"


def test_ranges_are_one_span() -> None:
    du = find("Le salon se tiendra du 3 au 5 juin.", "du 3 au 5 juin")
    assert (du.first_day, du.last_day) == (date(2024, 6, 3), date(2024, 6, 5))
    entre = find("Le vote aura lieu entre le 9 et le 13 novembre.",
                 "entre le 9 et le 13 novembre")
    assert (entre.first_day, entre.last_day) == (date(2024, 11, 9), date(2024, 11, 13))


@pytest.mark.parametrize(("sentence", "expr", "clock", "clock_end"), [
    ("Rendez-vous à 15 h devant la mairie.", "15 h", "15:00", None),
    ("Rendez-vous à 15h30 devant la mairie.", "15h30", "15:30", None),
    ("Rendez-vous à 15 h 30 devant la mairie.", "15 h 30", "15:30", None),
    ("Permanence de 9 h à 12 h en mairie.", "de 9 h à 12 h", "09:00", "12:00"),
    ("Le discours aura lieu à midi.", "midi", "12:00", None),
    ("Les portes fermeront à minuit.", "minuit", "00:00", None),
])
def test_clock_times(sentence: str, expr: str, clock: str, clock_end: str | None) -> None:
    t = find(sentence, expr)
    assert (t.type, t.clock, t.clock_end) == ("TIME", clock, clock_end)


def test_a_day_and_its_time_are_one_expression() -> None:
    t = find("Le match aura lieu samedi 8 juin à 20 h 45.", "samedi 8 juin à 20 h 45")
    assert t.value == "2024-06-08T20:45"


def test_parts_of_the_day() -> None:
    assert find("Le vote aura lieu en soirée.", "en soirée").value == "2024-05-15TEV"
    night = find("Les pompiers interviendront dans la nuit de mardi à mercredi.",
                 "dans la nuit de mardi à mercredi")
    assert night.value == "2024-05-21TNI"
    assert find("Il arrivera vendredi matin.", "vendredi matin").value == "2024-05-17TMO"


@pytest.mark.parametrize(("sentence", "expr", "type_", "value"), [
    ("La grève a duré trois jours.", "trois jours", "DURATION", "P3D"),
    ("Il restera pendant deux semaines.", "deux semaines", "DURATION", "P2W"),
    ("Le marché a lieu chaque lundi.", "chaque lundi", "SET", "XXXX-WXX-1"),
    ("Le festival revient tous les ans.", "tous les ans", "SET", "P1Y"),
    ("Les vols reprennent tous les jeudis.", "tous les jeudis", "SET", "XXXX-WXX-4"),
    ("Il y travaille depuis quelques mois.", "quelques mois", "DURATION", "PXM"),
])
def test_durations_and_sets(sentence: str, expr: str, type_: str, value: str) -> None:
    t = find(sentence, expr)
    assert (t.type, t.value) == (type_, value)


def test_an_age_is_no_duration() -> None:
    texts = [t.text for t in fr("Un chauffeur de 38 ans, âgé de 40 ans, à 20 ans déjà.")]
    assert texts == []


@pytest.mark.parametrize(("sentence", "expr", "value"), [
    ("La Toussaint tombe un vendredi.", "Toussaint", "2024-11-01"),
    ("Le pont de l'Ascension a été chargé.", "Ascension", "2024-05-09"),
    ("Le défilé du 14 Juillet aura lieu sur les Champs-Élysées.", "14 Juillet", "2024-07-14"),
    ("La fête nationale sera célébrée partout.", "fête nationale", "2024-07-14"),
    ("Le lundi de Pentecôte sera travaillé.", "lundi de Pentecôte", "2024-05-20"),
    ("Les magasins ouvriront la veille de Noël.", "la veille de Noël", "2024-12-24"),
    ("Les cérémonies du 11 Novembre seront sobres.", "11 Novembre", "2024-11-11"),
    ("Les cérémonies du 11-Novembre seront sobres.", "11-Novembre", "2024-11-11"),
    ("Il ira à Suresnes la veille du 11-Novembre.", "la veille du 11-Novembre", "2024-11-10"),
    ("Le jour de l'An sera férié.", "jour de l'An", "2025-01-01"),
])
def test_holidays_by_their_french_names(sentence: str, expr: str, value: str) -> None:
    t = find(sentence, expr)
    assert t.value == value and t.anchor == "holiday"


def test_holidays_follow_the_country_rules() -> None:
    # the Belgian national day is July 21: the first configured country decides
    t = fr("La fête nationale sera célébrée partout.", countries=("BE", "FR"))[0]
    assert t.value == "2024-07-21"


# --- language --------------------------------------------------------------------------------

FRENCH = ("Le gouvernement a annoncé mardi que la réforme des retraites serait présentée au "
          "conseil des ministres avant la fin du mois, selon le porte-parole.")
ENGLISH = ("The government said on Tuesday that the pension reform would be presented to the "
           "cabinet before the end of the month, according to a spokesman.")


def test_detect() -> None:
    assert detect(FRENCH) == "fr"
    assert detect(ENGLISH) == "en"
    assert detect("Le sommet s’ouvre à Paris. The summit opens next Wednesday and closes "
                  "the following Saturday; a dinner is planned for 8 p.m.") == "en"
    assert detect("") == "en"  # nothing to go on: English
    # a short French brief with few of the commonest words: "à", "au", "elle", "sera" count
    assert detect("La ministre arrive à Dakar au début de l'après-midi. Vendredi, elle "
                  "s'envolera vers Abidjan, où elle sera reçue.") == "fr"
    assert detect("Dinner à la carte at the Café au Lait on Friday, the owners said.") == "en"
    assert detect("Paris, 3 juin") == "en"  # too short to tell


def test_choose_forced_then_own_then_detected() -> None:
    assert choose("en", "fr", FRENCH) == "en"
    assert choose("auto", "fr", ENGLISH) == "fr"
    assert choose("auto", "auto", FRENCH) == "fr"
    assert choose("auto", "fr-CA", ENGLISH) == "fr"


def test_tag_detects_the_language_by_default() -> None:
    t = tag(FRENCH, published(DAY))
    assert [x.text for x in t] == ["mardi"]
    assert t[0].value == "2024-05-14"


def test_english_forced_reads_no_french() -> None:
    assert tag(FRENCH, published(DAY), language="en") == []


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_cli_tag_json_has_the_english_fields_and_the_language(tmp_path: Path) -> None:
    fr_path = tmp_path / "fr.txt"
    fr_path.write_text(FRENCH, encoding="utf-8")
    en_path = tmp_path / "en.txt"
    en_path.write_text(ENGLISH, encoding="utf-8")
    code, out = _run("tag", str(fr_path), "--published", DAY, "--lang", "fr", "--format", "json")
    assert code == 0, out
    fr_rows = json.loads(out)
    code, out = _run("tag", str(en_path), "--published", DAY, "--format", "json")
    assert code == 0, out
    en_rows = json.loads(out)
    assert fr_rows and en_rows
    assert set(fr_rows[0]) == set(en_rows[0])
    assert fr_rows[0]["language"] == "fr" and en_rows[0]["language"] == "en"
    assert FRENCH[fr_rows[0]["start"]:fr_rows[0]["end"]] == "mardi"
    code, out = _run("tag", str(fr_path), "--published", DAY, "--format", "json")
    assert json.loads(out)[0]["language"] == "fr"  # detected


def test_cli_extract_json_shows_the_language(tmp_path: Path) -> None:
    path = tmp_path / "en.txt"
    path.write_text("The summit will open in Paris on Tuesday.", encoding="utf-8")
    code, out = _run("extract", str(path), "--published", DAY, "--format", "json")
    assert code == 0, out
    rows = json.loads(out)
    assert rows and all(r["language"] == "en" for r in rows)
    code, out = _run("extract", str(path), "--published", DAY, "--lang", "xx")
    assert code == 2


def test_every_month_the_pattern_finds_has_a_name() -> None:
    # each spelling the month pattern accepts, with and without accents, normalises to a
    # month: an English text read as French ("Dec. 15") raised before
    from calsync.extraction.temporal.lang import fr as fr_rules
    spellings = ["janvier", "janv.", "février", "fevrier", "févr.", "fevr.", "mars", "avril",
                 "avr.", "mai", "juin", "juillet", "juil.", "août", "aout", "septembre", "sept.",
                 "octobre", "oct.", "novembre", "nov.", "décembre", "decembre", "déc.", "dec."]
    for word in spellings:
        assert fr_rules.normalize("x", {"mon": word}, word, 0, len(word)) is not None, word
    got = fr("Payable Dec. 15 to holders of record Nov. 17.", day="1989-10-26")
    assert [(t.text, t.value[5:7]) for t in got] == [("Dec. 15", "12"), ("Nov. 17", "11")]
