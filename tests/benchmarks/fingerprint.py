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
import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from tests.conftest import SEED, TEMPEVAL

CASES = Path(__file__).resolve().parents[1] / "extraction" / "cases"


def _texts() -> list[tuple[str, str, datetime, str]]:
    """(name, text, publication instant, zone) of every text the fingerprint covers."""
    from calsync.evaluation.timeml import parse

    out = []
    for case in sorted(p for p in CASES.iterdir() if (p / "article.txt").exists()):
        meta = tomllib.loads((case / "meta.toml").read_text(encoding="utf-8"))
        zone = str(meta.get("timezone", "Europe/Paris"))
        value = str(meta["published"])
        when = (datetime.fromisoformat(value) if "T" in value else datetime.combine(
            date.fromisoformat(value), datetime.min.time()).replace(hour=12))
        when = when if when.tzinfo else when.replace(tzinfo=ZoneInfo(zone))
        out.append((case.name, (case / "article.txt").read_text(encoding="utf-8"), when, zone))
    seed = SEED.read_text(encoding="utf-8")
    for day in ("2021-11-04", "2021-11-05", "2021-11-06"):
        out.append((f"seed {day}", seed, datetime.fromisoformat(day).replace(
            hour=12, tzinfo=ZoneInfo("Europe/Paris")), "Europe/Paris"))
    for corpus in ("timebank", "aquaint"):
        for path in sorted((TEMPEVAL / corpus).glob("*.tml")):
            doc = parse(path.read_text(encoding="utf-8"), path.name)
            out.append((path.name, doc.text, datetime.fromisoformat(doc.dct).replace(
                hour=12, tzinfo=ZoneInfo("UTC")), "Europe/Paris"))
    return out


def fingerprint() -> dict[str, Any]:
    from calsync.extraction.events import extract_events
    from calsync.extraction.settings import ExtractionSettings
    from calsync.extraction.temporal import tag
    from calsync.model import Article
    from calsync.serialize import event_to_dict

    result: dict[str, Any] = {}
    for name, text, when, zone in _texts():
        settings = ExtractionSettings(timezone=zone)
        events = extract_events(Article(text, when, name), settings)
        result[name] = {
            "events": [event_to_dict(e) for e in events],
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
