"""TempEval-3 scoring on small TimeML files written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from calsync.cli import main
from calsync.evaluation.timeml import Span, TimeMLError, parse, score

DOC = (Path(__file__).parent / "data" / "meeting.tml").read_text(encoding="utf-8")


def test_parse_maps_offsets_to_the_plain_text() -> None:
    doc = parse(DOC, "t1.tml")
    assert doc.dct == "2021-11-05"
    assert "&amp;" not in doc.text and "mayor & her" in doc.text
    assert [g.text for g in doc.gold] == ["yesterday", "next Wednesday", "two hours", "2018"]
    for g in doc.gold:
        assert doc.text[g.start:g.end] == g.text


def test_parse_rejects_a_file_without_creation_time() -> None:
    with pytest.raises(TimeMLError, match="CREATION_TIME"):
        parse("<TimeML><TEXT>nothing</TEXT></TimeML>", "x.tml")


def test_score_counts_strict_relaxed_and_value() -> None:
    doc = parse(DOC, "t1.tml")
    g = {s.text: s for s in doc.gold}
    y, w, d = g["yesterday"], g["next Wednesday"], g["two hours"]
    system = [
        Span(y.start, y.end, y.text, "DATE", "2021-11-04"),  # strict, right value
        Span(w.start + 5, w.end, "Wednesday", "DATE", "2021-11-03"),  # relaxed, wrong value
        Span(d.start, d.end, d.text, "DURATION", "PT2H"),  # strict, right value
        Span(0, 3, "The", "DATE", "PRESENT_REF"),  # spurious
    ]  # and "2018" is missed
    rep = score([(doc, system)])
    assert (rep.strict.tp, rep.relaxed.tp, rep.value.tp) == (2, 3, 2)
    assert (rep.relaxed.system, rep.relaxed.gold) == (4, 4)
    assert rep.relaxed.precision == pytest.approx(0.75)
    assert rep.strict.f1 == pytest.approx(0.5)
    assert rep.value.f1 == pytest.approx(0.5)
    assert rep.error_classes() == {"wrong value": 1, "missed": 1, "spurious": 1}
    assert rep.per_type["DURATION"].f1 == pytest.approx(1.0)
    kinds = rep.error_kinds(5)
    assert ("missed '9999'", 1) in [(k, n) for k, n, _ in kinds]


def test_one_system_span_matches_one_gold_only() -> None:
    doc = parse(DOC, "t1.tml")
    w = next(s for s in doc.gold if s.text == "next Wednesday")
    system = [Span(w.start, w.end, w.text, "DATE", "2021-11-10"),
              Span(w.start, w.end, w.text, "DATE", "2021-11-10")]
    rep = score([(doc, system)])
    assert rep.relaxed.tp == 1 and rep.relaxed.system == 2


def test_cli_scores_a_folder(tmp_path: Path) -> None:
    (tmp_path / "t1.tml").write_text(DOC, encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "timeml", str(tmp_path), "--format", "json",
                                       "--errors", "3"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["documents"] == 1
    assert data["relaxed"]["gold"] == 4
    assert data["relaxed"]["f1"] == 100.0
    assert data["value"]["f1"] == 100.0


def test_cli_errors_are_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "timeml", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "no such file or folder" in result.output
    (tmp_path / "bad.tml").write_text("<TimeML></TimeML>", encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "timeml", str(tmp_path)])
    assert result.exit_code == 2 and "CREATION_TIME" in result.output
