"""Benchmark: calsync extraction vs dateparser.search.search_dates on the seed article.

Run: ``python -m tests.benchmarks.bench_extract [--rounds N]``. Prints ms per article for
both, warm (after one call) and for the first call, and the wall time of ``calsync extract``
as a fresh process. Per-call times are process CPU time (``time.process_time``), so other
work on the machine does not inflate them; the fresh-process figure is wall time. Not a test:
numbers are printed, not asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from tests.conftest import SEED


def _cpu_ms(fn: Callable[[], object]) -> float:
    t0 = time.process_time()
    fn()
    return (time.process_time() - t0) * 1000


def _interleaved(ours: Callable[[], object], peer: Callable[[], object], rounds: int,
                 peer_every: int = 5) -> tuple[list[float], list[float]]:
    """Time both side by side: this shared machine's speed drifts, so alternate the calls."""
    mine: list[float] = []
    theirs: list[float] = []
    for i in range(rounds):
        mine.append(_cpu_ms(ours))
        if i % peer_every == 0:
            theirs.append(_cpu_ms(peer))
    return mine, theirs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8")
    published = datetime(2021, 11, 5, 12, tzinfo=ZoneInfo("Europe/Paris"))

    from calsync.extraction.events import extract_events
    from calsync.model import Article

    article = Article(text, published, str(SEED))

    import dateparser.search

    settings = {"RELATIVE_BASE": published.replace(tzinfo=None), "PREFER_DATES_FROM": "future"}

    def ours() -> object:
        return extract_events(article)

    def peer() -> object:
        return dateparser.search.search_dates(text, languages=["en"], settings=settings)

    ours_first, peer_first = _cpu_ms(ours), _cpu_ms(peer)
    mine, theirs = _interleaved(ours, peer, args.rounds)
    ours_ms, peer_ms = statistics.median(mine), statistics.median(theirs)

    cmd = [sys.executable, "-m", "calsync.cli", "extract", str(SEED), "--published", "2021-11-05"]
    # As after `pip install`, which compiles bytecode: let the processes write and use it even
    # where the environment says PYTHONDONTWRITEBYTECODE, and warm that cache once first.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(cmd, check=True, capture_output=True, env=env)
    walls = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        walls.append(time.perf_counter() - t0)

    print(f"seed article: {len(text)} characters, {len(extract_events(article))} events")
    print(f"{'CPU ms per article':34}{'first call':>12}{'warm (median)':>16}")
    print(f"{'calsync extract_events':34}{ours_first:>9.1f} ms{ours_ms:>13.2f} ms")
    print(f"{'dateparser.search.search_dates':34}{peer_first:>9.1f} ms{peer_ms:>13.2f} ms")
    print(f"speed-up once warm: {peer_ms / ours_ms:.1f}x (calls interleaved, {args.rounds} "
          f"and {len(theirs)} of them)")
    print(f"`calsync extract` fresh process: median {statistics.median(walls):.2f} s "
          f"(min {min(walls):.2f} s over {len(walls)} runs)")


if __name__ == "__main__":
    main()
