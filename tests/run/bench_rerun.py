"""Time a re-run with nothing changed: 50 cached articles from files and 50 from a feed.

    python3 -m tests.run.bench_rerun

Prints the first run's time (extraction of every article) and the re-run's time, measured
in-process (``calsync.pipeline.run``) and as the command cron runs (``calsync run``, a new
Python process each time, imports included). The target is a re-run under 1 s.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from calsync.config import load_config
from calsync.pipeline import run
from tests.httpserver import TestServer, html_page, rss

PLACES = ["the harbour", "the old market hall", "the north library", "the river promenade",
          "the town hall", "the sports centre", "the botanical garden", "the east station"]
KINDS = ["concert", "public meeting", "book fair", "charity run", "film screening",
         "craft market", "lecture", "open day"]
MONTHS = ["April", "May", "June", "July", "September", "October"]
N = 50


def article(i: int) -> str:
    kind, place = KINDS[i % len(KINDS)], PLACES[i % len(PLACES)]
    month, day = MONTHS[i % len(MONTHS)], 1 + i % 27
    return (f"The {kind} number {i + 1} of the spring programme will take place at {place} on "
            f"{month} {day}, the organisers said. Entry is free, and volunteers are still "
            f"needed for the set-up.")


def main() -> None:
    server = TestServer().start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            arts = folder / "articles"
            arts.mkdir()
            for i in range(N):
                (arts / f"a{i:02}.txt").write_text(article(i), encoding="utf-8")
                (arts / f"a{i:02}.meta.toml").write_text("published = 2026-03-02\n")
            items = []
            for i in range(N):
                server.set(f"/p{i}", html_page(f"Programme {i}", [article(i)]))
                items.append((f"Programme {i}", server.url(f"/p{i}"),
                              "Mon, 02 Mar 2026 09:00:00 +0100"))
            server.set("/rss", rss(items), "application/rss+xml")
            config_path = folder / "calsync.toml"
            config_path.write_text(f"""
state = "state"
[[source]]
name = "files"
type = "folder"
path = "articles"
glob = "*.txt"
[[source]]
name = "feed"
type = "feed"
url = "{server.url('/rss')}"
[[target]]
name = "cal"
type = "ics"
path = "out/cal.ics"
""")
            config = load_config(config_path)
            now = datetime(2026, 3, 3, 8, 0, tzinfo=ZoneInfo("Europe/Paris"))
            t0 = time.perf_counter()
            first = run(config, now=now)
            t1 = time.perf_counter()
            server.clear_log()
            again = run(config, now=now)
            t2 = time.perf_counter()
            requests = len(server.hits())
            base_env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
            base_env.pop("PYTHONDONTWRITEBYTECODE", None)
            # As installed (pip compiles bytecode), kept outside the checkout; and without any.
            cached = {**base_env, "PYTHONPYCACHEPREFIX": str(folder / "pycache")}
            uncached = {**base_env, "PYTHONDONTWRITEBYTECODE": "1"}
            command = [sys.executable, "-m", "calsync", "-q", "run", "--config",
                       str(config_path)]
            subprocess.run(command, env=cached, check=True)  # writes the bytecode
            walls: dict[str, list[float]] = {"cached": [], "uncached": []}
            for _ in range(3):
                for kind, env in (("cached", cached), ("uncached", uncached)):
                    t3 = time.perf_counter()
                    proc = subprocess.run(command, env=env, capture_output=True, text=True,
                                          check=False)
                    walls[kind].append(time.perf_counter() - t3)
                    assert proc.returncode == 0, proc.stderr
            assert first.ok and again.ok
            totals = again.totals()
            print(f"articles: {N} files + {N} feed entries; events: {len(again.events)}")
            print(f"first run (extract all):       {t1 - t0:.2f} s, "
                  f"{first.totals()['extracted']} articles extracted")
            print(f"re-run, in process:            {t2 - t1:.3f} s, "
                  f"{totals['extracted']} extracted, {totals['unchanged']} unchanged, "
                  f"{requests} HTTP request(s)")
            for kind, label in (("cached", "bytecode cached, as installed"),
                                ("uncached", "no bytecode cache")):
                times = walls[kind]
                print(f"re-run, `calsync run` process ({label}): {min(times):.3f} s best of 3 "
                      f"({', '.join(f'{w:.3f}' for w in times)})")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
