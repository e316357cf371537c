"""CPU time of the seed's extraction in two checkouts, measured by turns.

Run: ``python -m tests.benchmarks.bench_compare DIR_A DIR_B [--runs 4] [--rounds 400]``. Each
run starts a fresh process in each checkout in turn (``PYTHONPATH`` set to it), warms it,
and prints the median CPU time of ``--rounds`` extractions of the seed; running them by turns
puts both under the same load of this shared machine, which moves a single timing by up to
40%. Prints every run's medians and the ratio of the medians of medians. Not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

from tests.conftest import SEED

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


def _median_ms(checkout: Path, rounds: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    out = subprocess.run([sys.executable, "-c", _LOOP.format(seed=str(SEED), rounds=rounds)],
                         capture_output=True, text=True, check=True, env=env, cwd=checkout)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("a", type=Path)
    parser.add_argument("b", type=Path)
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=400)
    args = parser.parse_args()
    found: dict[Path, list[float]] = {args.a: [], args.b: []}
    for _ in range(args.runs):
        for checkout in (args.a, args.b):
            found[checkout].append(_median_ms(checkout.resolve(), args.rounds))
    for checkout, medians in found.items():
        print(f"{checkout}: " + " ".join(f"{m:.3f}" for m in medians) + " ms")
    ratio = statistics.median(found[args.b]) / statistics.median(found[args.a])
    print(f"{args.b} / {args.a}: {ratio:.3f} (medians of the runs' medians)")


if __name__ == "__main__":
    main()
