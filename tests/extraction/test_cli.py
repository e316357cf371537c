"""``calsync extract``: output formats and one-line errors with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from calsync.cli import main

ARTICLE = """Port officials will open the new ferry terminal in Brest on Thursday, June 13, the
harbour authority said on Monday. The first crossing to Plymouth leaves at 7:30 a.m. the next day.
"""


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "ferry.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_json_has_the_documented_fields(article: Path) -> None:
    result = CliRunner().invoke(
        main, ["extract", str(article), "--published", "2024-06-10", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    events = json.loads(result.output)
    opening = next(e for e in events if "terminal" in e["title"].lower())
    assert opening["start"] == "2024-06-13" and opening["end"] == "2024-06-14"
    assert opening["all_day"] is True
    assert opening["timezone"] == "Europe/Paris"
    assert opening["source"] == str(article)
    assert set(opening["evidence"]) == {"sentence", "expression", "resolution"}
    assert 0 < opening["confidence"] <= 1
    assert opening["uid"].endswith("@calsync")


def test_jsonl_gives_one_object_per_line(article: Path) -> None:
    result = CliRunner().invoke(
        main, ["extract", str(article), "--published", "2024-06-10", "--format", "jsonl"]
    )
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert lines and all("title" in e for e in lines)


def test_stdin_is_an_article() -> None:
    result = CliRunner().invoke(main, ["extract", "-", "--published", "2024-06-10"],
                                input=ARTICLE)
    assert result.exit_code == 0
    assert "2024-06-13" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt", "--published", "2024-06-10"], "missing.txt: no such file"),
        (["{a}", "--published", "2024-13-01"], "bad publication date"),
        (["{a}", "--published", "2024-06-10", "--tz", "Mars/Base"], "unknown timezone"),
        (["{empty}", "--published", "2024-06-10"], "empty article"),
        (["{binary}", "--published", "2024-06-10"], "not UTF-8"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    tmp_path: Path, article: Path, args: list[str], message: str
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\xff\xfeabc")
    argv = [a.format(a=article, empty=empty, binary=binary) for a in args]
    proc = subprocess.run(
        [sys.executable, "-m", "calsync", "extract", *argv],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )
    assert proc.returncode == 2
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_several_files_in_one_process(tmp_path: Path, article: Path) -> None:
    other = tmp_path / "ferry-copy.txt"
    other.write_text(ARTICLE, encoding="utf-8")
    argv = ["extract", str(article), str(other), "--published", "2024-06-10", "--format",
            "json"]
    per_article = json.loads(CliRunner().invoke(main, [*argv, "--per-article"]).output)
    assert {e["source"] for e in per_article} == {str(article), str(other)}
    assert len({e["uid"] for e in per_article}) == len(per_article)  # the source is in the UID
    # Without --per-article: what export and sync write, one event per happening, with the
    # two articles as its sources.
    merged = json.loads(CliRunner().invoke(main, argv).output)
    assert len(merged) * 2 == len(per_article)
    assert all(sorted(e["sources"]) == sorted([str(article), str(other)]) for e in merged)


def test_hard_wrapped_lines_are_prose_not_boilerplate(article: Path) -> None:
    # ARTICLE's first line ends mid-sentence ("..., the"): it must not be taken for a link.
    result = CliRunner().invoke(main, ["extract", str(article), "--published", "2024-06-10"])
    assert "ferry terminal" in result.output
