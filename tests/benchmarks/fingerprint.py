"""Fingerprint of what the extractor produces, to show that a refactor changed nothing.

Run: ``python -m tests.benchmarks.fingerprint [--out FILE]``. Extracts the events of every
golden case, of the seed for its three publication dates, and of every TimeBank and AQUAINT
document (with its creation date), tags the same texts both ways (calendar and TimeML), and
prints one SHA-256 over all of it, with counts. Equal digests before and after a change mean
the same events, the same evidence and the same expressions, byte for byte; ``--out`` writes
the whole output as JSON to diff when they differ. Not a test: the digest moves whenever
behaviour is meant to change.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from calsync.extraction.settings import ExtractionSettings
from calsync.model import Article
from tests.conftest import SEED, TEMPEVAL
from tests.extraction.test_cases import _cases, case_input


def _inputs() -> list[tuple[Article, ExtractionSettings]]:
    """Every article the fingerprint covers, with the settings to read it."""
    from calsync.evaluation.timeml import parse

    out = [case_input(case) for case in _cases()]
    seed = SEED.read_text(encoding="utf-8")
    for day in ("2021-11-04", "2021-11-05", "2021-11-06"):
        out.append((Article(seed, datetime.fromisoformat(day).replace(
            hour=12, tzinfo=ZoneInfo("Europe/Paris")), f"seed {day}"), ExtractionSettings()))
    for corpus in ("timebank", "aquaint"):
        for path in sorted((TEMPEVAL / corpus).glob("*.tml")):
            doc = parse(path.read_text(encoding="utf-8"), path.name)
            out.append((Article(doc.text, datetime.fromisoformat(doc.dct).replace(
                hour=12, tzinfo=ZoneInfo("UTC")), path.name), ExtractionSettings()))
    return out


def fingerprint() -> dict[str, Any]:
    from calsync.extraction.events import extract_events
    from calsync.extraction.temporal import tag
    from calsync.serialize import event_to_dict

    result: dict[str, Any] = {}
    for article, settings in _inputs():
        text, when = article.text, article.published
        result[article.source] = {
            "events": [event_to_dict(e) for e in extract_events(article, settings)],
            "tag": [[t.start, t.end, t.type, t.value, t.resolution, t.confidence]
                    for t in tag(text, when, settings)],
            "timeml": [[t.start, t.end, t.type, t.value]
                       for t in tag(text, when, settings, timeml=True)],
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, help="write the whole output as JSON here")
    args = parser.parse_args()
    result = fingerprint()
    raw = json.dumps(result, sort_keys=True, ensure_ascii=False, default=str)
    if args.out:
        args.out.write_text(json.dumps(result, sort_keys=True, ensure_ascii=False, indent=1,
                                       default=str), encoding="utf-8")
    events = sum(len(v["events"]) for v in result.values())
    expressions = sum(len(v["tag"]) for v in result.values())
    print(f"{len(result)} texts, {events} events, {expressions} expressions")
    print(f"sha256 {hashlib.sha256(raw.encode()).hexdigest()}")


if __name__ == "__main__":
    main()
