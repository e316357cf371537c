"""`calsync tag`: offsets into the file, TimeML values, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from calsync.cli import main

ARTICLE = ("Le sommet s’ouvre à Paris. The summit opens next Wednesday and closes "
           "the following Saturday; a dinner is planned for 8 p.m. on Thursday.\n")


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_json_gives_offsets_into_the_decoded_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out = _run("tag", str(path), "--published", "2021-11-05", "--format", "json")
    assert code == 0, out
    rows = json.loads(out)
    assert [r["text"] for r in rows] == ["next Wednesday", "the following Saturday",
                                         "8 p.m. on Thursday"]
    for r in rows:
        assert ARTICLE[r["start"]:r["end"]] == r["text"]
    assert [r["value"] for r in rows] == ["2021-11-10", "2021-11-13", "2021-11-11T20:00"]
    assert rows[2]["type"] == "TIME" and rows[2]["clock"] == "20:00"
    assert "first Saturday after 2021-11-10" in rows[1]["resolution"]


def test_table_lists_every_expression(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, out = _run("tag", str(path), "--published", "2021-11-05")
    assert code == 0, out
    assert "next Wednesday" in out and "2021-11-10" in out and "resolution" in out


def test_errors_are_one_line_with_exit_code_2(tmp_path: Path) -> None:
    good = tmp_path / "a.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    cases = [
        (("tag", str(tmp_path / "missing.txt"), "--published", "2021-11-05"), "no such file"),
        (("tag", str(empty), "--published", "2021-11-05"), "empty article"),
        (("tag", str(binary), "--published", "2021-11-05"), "not UTF-8"),
        (("tag", str(good), "--published", "2021-13-45"), "bad publication date"),
        (("tag", str(good), "--published", "2021-11-05", "--tz", "Mars/Base"), "unknown timezone"),
    ]
    for args, message in cases:
        code, out = _run(*args)
        assert code == 2, (args, out)
        assert message in out
        assert "Traceback" not in out
        assert len(out.strip().splitlines()) == 1
