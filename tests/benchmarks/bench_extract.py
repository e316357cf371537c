"""Benchmark: calsync extraction vs dateparser.search.search_dates on the seed article.

Run: ``python -m tests.benchmarks.bench_extract [--rounds N]``. Prints ms per article for
both, warm (after one call) and for the first call, and the wall time of ``calsync extract``
as a fresh process. Two of ours: the whole extraction (events, what ``calsync extract``
does) and the temporal tagger alone (expressions with resolved values, what
``search_dates`` does), each interleaved with dateparser in a run of its own. Per-call times
are process CPU time (``time.process_time``), so other work on the machine does not inflate
them; the fresh-process figure is wall time. Not a test: numbers are printed, not asserted.
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
from functools import partial
from zoneinfo import ZoneInfo

from calsync.extraction.settings import ExtractionSettings
from calsync.model import Article
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


def _row(name: str, first: float, times: list[float]) -> str:
    return (f"{name:34}{first:>9.1f} ms{statistics.median(times):>13.2f} ms"
            f"{min(times):>10.2f} ms")


def _case_articles() -> list[tuple[Article, ExtractionSettings]]:
    """The golden cases' articles (our own text, varied styles), as their test reads them."""
    from tests.extraction.test_cases import _cases, case_input

    return [case_input(case) for case in _cases()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=50)
    args = parser.parse_args()
    text = SEED.read_text(encoding="utf-8")
    published = datetime(2021, 11, 5, 12, tzinfo=ZoneInfo("Europe/Paris"))

    from calsync.extraction.events import extract_events
    from calsync.extraction.temporal import tag

    article = Article(text, published, str(SEED))

    import dateparser.search

    settings = {"RELATIVE_BASE": published.replace(tzinfo=None), "PREFER_DATES_FROM": "future"}

    def ours() -> object:
        return extract_events(article)

    def peer() -> object:
        return dateparser.search.search_dates(text, languages=["en"], settings=settings)

    def dates() -> object:  # the like-for-like peer of search_dates: expressions, resolved
        return tag(text, published)

    ours_first, peer_first = _cpu_ms(ours), _cpu_ms(peer)
    mine, theirs = _interleaved(ours, peer, args.rounds)
    tagged, theirs_too = _interleaved(dates, peer, args.rounds)
    ours_ms, peer_ms = statistics.median(mine), statistics.median(theirs)
    tag_ms, peer_too_ms = statistics.median(tagged), statistics.median(theirs_too)

    cases = _case_articles()
    for case_article, case_settings in cases:
        extract_events(case_article, case_settings)
    per_case = [min(_cpu_ms(partial(extract_events, a, s)) for _ in range(5)) for a, s in cases]

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

    print(f"seed article: {len(text)} characters, {len(extract_events(article))} events, "
          f"{len(tag(text, published))} temporal expressions")
    print(f"{'CPU ms per article':34}{'first call':>12}{'warm (median)':>16}{'(min)':>13}")
    print(_row("calsync extract_events (events)", ours_first, mine))
    print(_row("calsync tag (dates only)", _cpu_ms(dates), tagged))
    print(_row("dateparser.search.search_dates", peer_first, theirs + theirs_too))
    print(f"speed-up once warm (medians, calls interleaved, {args.rounds} of ours and "
          f"{len(theirs)} of dateparser each): events {peer_ms / ours_ms:.1f}x, "
          f"dates only {peer_too_ms / tag_ms:.1f}x")
    print(f"our {len(cases)} golden-case articles (tests/extraction/cases), warm, best of 5: "
          f"mean {statistics.mean(per_case):.2f} ms, median {statistics.median(per_case):.2f} ms,"
          f" max {max(per_case):.2f} ms per article")
    print(f"`calsync extract` fresh process: median {statistics.median(walls):.2f} s "
          f"(min {min(walls):.2f} s over {len(walls)} runs)")


if __name__ == "__main__":
    main()
