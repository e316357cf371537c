"""The real TempEval-3 corpora (TimeBank + AQUAINT), when present: a floor on the scores."""

from __future__ import annotations

import json

from click.testing import CliRunner

from calsync.cli import main
from tests.conftest import TEMPEVAL, need_shared


def test_timebank_and_aquaint_scores_stay_above_the_floor() -> None:
    need_shared(TEMPEVAL / "timebank", "TempEval-3 corpora (TimeBank, AQUAINT)")
    result = CliRunner().invoke(main, [
        "eval", "timeml", str(TEMPEVAL / "timebank"), str(TEMPEVAL / "aquaint"),
        "--format", "json", "--errors", "5"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["documents"] == 256
    assert data["relaxed"]["gold"] == 1822
    # reached 94.3 / 82.0 (see README, Accuracy); a little slack for harmless changes
    assert data["relaxed"]["f1"] >= 93.5
    assert data["value"]["f1"] >= 81.0
    assert data["per_type"]["DURATION"]["value"]["f1"] >= 70.0
    assert data["per_type"]["SET"]["value"]["f1"] >= 55.0


def test_french_timebank_dev_scores_stay_above_the_floor() -> None:
    french = TEMPEVAL.parent / "french-timebank" / "dev"
    need_shared(french, "French TimeBank (dev part)")
    result = CliRunner().invoke(main, [
        "eval", "timeml", "--lang", "fr", str(french), "--format", "json", "--errors", "0"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["documents"] == 69
    assert data["relaxed"]["gold"] == 215
    # reached 92.6 / 83.2 (see README, French); the targets are 90 / 80
    assert data["relaxed"]["f1"] >= 90.0
    assert data["value"]["f1"] >= 80.0


def test_tempeval_english_is_read_as_english_when_detected() -> None:
    need_shared(TEMPEVAL / "timebank", "TempEval-3 corpora (TimeBank, AQUAINT)")
    from calsync.evaluation.timeml import parse
    from calsync.extraction.language import detect

    for path in sorted((TEMPEVAL / "timebank").glob("*.tml")):
        doc = parse(path.read_text(encoding="utf-8"), path.name)
        assert detect(doc.text) == "en", path.name
