"""How the commands read article files: identity, publication date, HTML (issue 13).

- An article's id (and so its events' UIDs) does not depend on how its path was typed or on
  the current folder, and ``calsync run`` gives the same file the same id.
- Each article is dated by itself (sidecar, HTML metadata, a date line at its top);
  ``--published`` only dates the articles that state nothing.
- ``.html`` files are read as HTML.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from calsync.cli import main
from calsync.sources.dateline import dateline
from tests.settle import settled

STORY = ("The council will vote on the new tram line next Tuesday, the mayor said.\n"
         "The first tram leaves the depot on December 10.\n")


def invoke(args: list[str], cwd: Path, config: Path) -> Result:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, env={"CALSYNC_CONFIG": str(config)})
    finally:
        os.chdir(old)


def uids(result: Result) -> list[str]:
    assert result.exit_code == 0, result.output
    return sorted(e["uid"] for e in json.loads(result.stdout))


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    news = tmp_path / "news"
    news.mkdir()
    (news / "a.txt").write_text("Wednesday, November 28, 2007\n\n" + STORY, encoding="utf-8")
    return news, tmp_path / "calsync.toml"


def test_the_spelling_of_the_path_and_the_current_folder_do_not_change_uids(
        setup: tuple[Path, Path], tmp_path: Path) -> None:
    news, config = setup
    (tmp_path / "elsewhere").mkdir()
    spellings = [("a.txt", news), ("./a.txt", news), (str(news / "a.txt"), tmp_path / "elsewhere"),
                 ("news/a.txt", tmp_path), ("../news/a.txt", tmp_path / "elsewhere")]
    seen = {tuple(uids(invoke(["extract", path, "--format", "json"], cwd, config)))
            for path, cwd in spellings}
    assert len(seen) == 1 and len(next(iter(seen))) == 2


def test_a_re_export_under_another_spelling_changes_nothing(setup: tuple[Path, Path],
                                                            tmp_path: Path) -> None:
    news, config = setup
    out = tmp_path / "cal.ics"
    first = invoke(["export", "a.txt", "-o", str(out)], news, config)
    assert first.exit_code == 0, first.output
    data = out.read_bytes()
    again = invoke(["export", str(news / "a.txt"), "-o", str(out)], tmp_path, config)
    assert again.exit_code == 0, again.output
    assert "unchanged, not rewritten" in again.output and out.read_bytes() == data


def test_run_gives_the_same_uids_as_export(setup: tuple[Path, Path], tmp_path: Path) -> None:
    from calsync.ics import parse_calendar

    news, config = setup
    settled(*news.glob("*.txt"))  # a run leaves a file written in the last seconds for later
    config.write_text('state = "state"\n\n[[source]]\nname = "news"\ntype = "folder"\n'
                      'path = "news"\n\n[[target]]\nname = "cal"\ntype = "ics"\n'
                      'path = "run.ics"\n', encoding="utf-8")
    ran = invoke(["run", "--config", str(config)], tmp_path, config)
    assert ran.exit_code == 0, ran.output
    exported = invoke(["export", "news/a.txt", "-o", str(tmp_path / "export.ics")], tmp_path,
                      config)
    assert exported.exit_code == 0, exported.output
    by_run = {e.uid for e in parse_calendar((tmp_path / "run.ics").read_bytes())}
    by_export = {e.uid for e in parse_calendar((tmp_path / "export.ics").read_bytes())}
    assert by_run == by_export and len(by_run) == 2


def test_the_date_line_dates_the_article_whatever_published_says(
        setup: tuple[Path, Path]) -> None:
    news, config = setup
    for extra in ([], ["--published", "2026-01-05"]):
        result = invoke(["extract", "a.txt", "--format", "json", *extra], news, config)
        assert result.exit_code == 0, result.output
        starts = sorted(e["start"] for e in json.loads(result.stdout))
        assert starts == ["2007-12-04", "2007-12-10"]


def test_published_dates_only_the_articles_that_state_nothing(setup: tuple[Path, Path]) -> None:
    news, config = setup
    (news / "b.txt").write_text(STORY, encoding="utf-8")
    (news / "c.txt").write_text(STORY, encoding="utf-8")
    (news / "c.meta.toml").write_text("published = 2015-03-02\n", encoding="utf-8")
    result = invoke(["extract", "a.txt", "b.txt", "c.txt", "--published", "2026-01-05",
                     "--format", "json"], news, config)
    assert result.exit_code == 0, result.output
    votes = {e["source"]: e["start"] for e in json.loads(result.stdout)
             if "vote" in e["title"].lower()}
    assert votes == {"news/a.txt": "2007-12-04", "news/b.txt": "2026-01-06",
                     "news/c.txt": "2015-03-03"}


def test_an_article_with_no_date_and_no_published_is_one_line_naming_it(
        setup: tuple[Path, Path]) -> None:
    news, config = setup
    (news / "b.txt").write_text(STORY, encoding="utf-8")
    result = invoke(["export", "a.txt", "b.txt", "-o", "out.ics"], news, config)
    assert result.exit_code == 2
    assert "no publication date for b.txt" in result.output and "--published" in result.output
    assert "Traceback" not in result.output and not (news / "out.ics").exists()


PAGE = """<!doctype html><html><head><title>Tram vote</title>
<meta property="article:published_time" content="2024-03-04T09:00:00+01:00">
</head><body><nav>Home | News | Subscribe</nav><article><h1>Tram vote</h1>
<p>The council will vote on the new tram line next Tuesday, the mayor said on Monday.</p>
<p>The first tram leaves the depot on March 20, officials said.</p>
</article></body></html>
"""


@pytest.mark.parametrize("command", ["extract", "tag"])
def test_html_files_are_read_as_html_and_dated_by_their_metadata(
        command: str, tmp_path: Path) -> None:
    page = tmp_path / "tram.html"
    page.write_text(PAGE, encoding="utf-8")
    result = invoke([command, "tram.html", "--format", "json"], tmp_path,
                    tmp_path / "calsync.toml")
    assert result.exit_code == 0, result.output
    assert "doctype" not in result.stdout and "<p>" not in result.stdout
    key = "value" if command == "tag" else "start"
    values = {e[key] for e in json.loads(result.stdout)}
    assert "2024-03-05" in values  # next Tuesday after Monday 2024-03-04


def test_html_on_standard_input_is_read_as_html(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["extract", "-", "--format", "json"], input=PAGE)
    assert result.exit_code == 0, result.output
    assert "doctype" not in result.stdout
    assert {e["start"] for e in json.loads(result.stdout)} >= {"2024-03-05"}


def test_an_unknown_country_is_the_error_config_check_gives(tmp_path: Path) -> None:
    (tmp_path / "calsync.toml").write_text('countries = ["XX"]\n', encoding="utf-8")
    check = CliRunner().invoke(main, ["config", "check", "--config",
                                      str(tmp_path / "calsync.toml")])
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    extract = CliRunner().invoke(main, ["extract", str(tmp_path / "a.txt"), "--published",
                                        "2024-03-04", "--country", "XX"])
    assert check.exit_code == extract.exit_code == 2
    message = "unknown country code(s) 'XX' (ISO 3166 codes such as FR, GB, US)"
    assert message in check.output and f"--country: {message}" in extract.output


@pytest.mark.parametrize(("text", "day"), [
    ("Wednesday, November 28, 2007\n\nThe vote...", date(2007, 11, 28)),
    ("March 3, 2022 — The council will vote...", date(2022, 3, 3)),
    ("Tram vote\nPublished: 4 March 2024\n\nText.", date(2024, 3, 4)),
    ("Tram vote\nBy Ann Lee\nNov. 5, 2021 - 10:30 a.m.\nText.", date(2021, 11, 5)),
    ("2024-03-04\nText.", date(2024, 3, 4)),
])
def test_date_lines(text: str, day: date) -> None:
    assert dateline(text) == day


@pytest.mark.parametrize("text", [
    "The council will vote on March 3, 2022 on the new line.",   # a date in the body
    "Updated: March 3, 2022\nText.",                            # not the publication date
    "Title\nBy Ann\nSubtitle\nMarch 3, 2022\nText.",             # too far down
    "March 3 — no year.",
    "February 30, 2022\nText.",
    "March 3, 2022 was the day the council voted.",
])
def test_not_date_lines(text: str) -> None:
    assert dateline(text) is None
