"""Benchmark: updating a large .ics file the way ``calsync run`` does (plan, then write).

Run: ``python3 -m tests.benchmarks.bench_ics_update [--events N] [--rounds R]``. Writes a
calendar of N events (default 5,000: all-day and timed, in two zones, with evidence), then
times, best of R, what a run with one changed event costs: ``IcsFileTarget.plan`` followed by
``write`` on the same target object (the pipeline's ``IcsAdapter`` path, file read, parse,
render, atomic write). Also the first write and a run with nothing changed. Wall time; not a
test: numbers are printed, not asserted.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from calsync.model import Event, Evidence
from calsync.targets.ics_file import IcsFileTarget

NOW = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=1)


def events(count: int) -> list[Event]:
    """``count`` distinct events over two years: every third timed, some in New York."""
    out: list[Event] = []
    for i in range(count):
        day = date(2026, 1, 1) + timedelta(days=i % 700)
        ev = Evidence(source=f"articles/a{i // 3}.txt",
                      sentence=f"The meeting number {i} will take place on {day:%B %d}.",
                      expression=f"{day:%B %d}", resolution="month-day after publication")
        if i % 3 == 0:
            zone = "America/New_York" if i % 2 else "Europe/Paris"
            start = datetime.combine(day, datetime.min.time(), ZoneInfo(zone)) + timedelta(
                hours=9 + i % 8)
            out.append(Event(uid=f"bench-{i}@calsync", title=f"Council meeting {i}",
                             start=start, end=start + timedelta(hours=1), timezone=zone,
                             location="Town hall" if i % 5 == 0 else None, evidence=(ev,)))
        else:
            out.append(Event(uid=f"bench-{i}@calsync", title=f"Festival day {i}", start=day,
                             end=day + timedelta(days=1), timezone="Europe/Paris",
                             evidence=(ev,)))
    return out


def run_once(path: Path, evs: list[Event], now: datetime) -> float:
    t0 = time.perf_counter()
    target = IcsFileTarget(path, name="bench", timezone="Europe/Paris")
    target.plan(evs)
    target.write(evs, now)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    evs = events(args.events)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cal.ics"
        first = run_once(path, evs, NOW)
        size = path.stat().st_size
        same: list[float] = []
        changed: list[float] = []
        for r in range(args.rounds):
            same.append(run_once(path, evs, LATER))
            moved = list(evs)
            moved[r] = replace(moved[r], title=f"{moved[r].title} (moved {r})")
            changed.append(run_once(path, moved, LATER + timedelta(minutes=r)))
            evs = moved
    print(f"{args.events} events, {size / 1e6:.1f} MB .ics")
    print(f"first write:               {first:.2f} s")
    print(f"re-run, nothing changed:   best {min(same):.2f} s (of {args.rounds})")
    print(f"update, one event changed: best {min(changed):.2f} s, worst {max(changed):.2f} s "
          f"(of {args.rounds}); target: under 2 s")


if __name__ == "__main__":
    main()
