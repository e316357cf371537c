"""CPU time of English extraction in two checkouts, measured by turns.

Run: ``python -m tests.benchmarks.bench_compare DIR_A DIR_B [--runs 4] [--rounds 400]
[--wikinews]``. Each run starts a fresh process in each checkout in turn (``PYTHONPATH`` set
to it), warms it, and prints the median CPU time of ``--rounds`` extractions of the seed, or
with ``--wikinews`` of ``--rounds`` passes over the 56 real articles of
``../shared/data/wikinews-events`` (one article is one text; many are the fairer measure).
Running them by turns puts both under the same load of this shared machine, which moves a
single timing by up to 40%. Prints every run's medians and the ratio of the medians of
medians. Not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

from tests.conftest import SEED, SHARED

WIKINEWS = SHARED / "data" / "wikinews-events"

_LOOP = """
import statistics, sys, time
from datetime import datetime
from zoneinfo import ZoneInfo
from calsync.extraction.events import extract_events
from calsync.model import Article
article = Article(open({seed!r}, encoding="utf-8").read(),
                  datetime(2021, 11, 5, 12, tzinfo=ZoneInfo("Europe/Paris")), "seed")
for _ in range(30):
    extract_events(article)
times = []
for _ in range({rounds}):
    t0 = time.process_time()
    extract_events(article)
    times.append(time.process_time() - t0)
print(statistics.median(times) * 1000)
"""

#: A pass over the Wikinews articles, each with its gold publication date and zone (as
#: ``calsync eval events`` reads them); written without calsync's gold reader, which older
#: checkouts lack
_CORPUS_LOOP = """
import json, statistics, time
from datetime import date, datetime, time as clock
from pathlib import Path
from zoneinfo import ZoneInfo
from calsync.extraction.events import extract_events
from calsync.extraction.settings import ExtractionSettings
from calsync.model import Article
folder = Path({folder!r})
articles = []
for gold in json.loads((folder / "gold.json").read_text(encoding="utf-8"))["articles"]:
    path = folder / "texts" / (gold["slug"] + ".txt")
    when = datetime.combine(date.fromisoformat(gold["published"]), clock(12),
                            tzinfo=ZoneInfo(gold["timezone"]))
    articles.append((Article(path.read_text(encoding="utf-8-sig"), when, path.name),
                     ExtractionSettings(timezone=gold["timezone"])))
for article, settings in articles:
    extract_events(article, settings)
times = []
for _ in range({rounds}):
    t0 = time.process_time()
    for article, settings in articles:
        extract_events(article, settings)
    times.append(time.process_time() - t0)
print(statistics.median(times) * 1000)
"""


def _median_ms(checkout: Path, rounds: int, wikinews: bool) -> float:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    loop = _CORPUS_LOOP.format(folder=str(WIKINEWS), rounds=rounds) if wikinews else \
        _LOOP.format(seed=str(SEED), rounds=rounds)
    out = subprocess.run([sys.executable, "-c", loop],
                         capture_output=True, text=True, check=True, env=env, cwd=checkout)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=400)
    parser.add_argument("--wikinews", action="store_true",
                        help="time passes over the 56 Wikinews articles instead of the seed")
    args = parser.parse_args()
    if args.wikinews and not (WIKINEWS / "gold.json").is_file():
        raise SystemExit(f"no Wikinews articles at {WIKINEWS} (set CALSYNC_SHARED)")
    found: dict[Path, list[float]] = {args.a: [], args.b: []}
    for _ in range(args.runs):
        for checkout in (args.a, args.b):
            found[checkout].append(_median_ms(checkout.resolve(), args.rounds, args.wikinews))
    for checkout, medians in found.items():
        print(f"{checkout}: " + " ".join(f"{m:.3f}" for m in medians) + " ms")
    ratio = statistics.median(found[args.b]) / statistics.median(found[args.a])
    print(f"{args.b} / {args.a}: {ratio:.3f} (medians of the runs' medians)")


if __name__ == "__main__":
    main()
