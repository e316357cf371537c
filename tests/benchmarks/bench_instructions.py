"""Instructions one extraction of the seed article takes, counted by callgrind.

Run: ``python -m tests.benchmarks.bench_instructions [--rounds N]`` (needs valgrind:
``apt-get install valgrind``). Runs the extraction N times and 0 times under
``valgrind --tool=callgrind`` and prints the difference per extraction. Unlike timings, the
count hardly moves with the load of this shared machine (within about 0.5%, from hash
randomisation), so it shows the effect of a small change that timings drown in noise. Not a
test: the number is printed, not asserted.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.conftest import SEED

_LOOP = """
import sys
from datetime import datetime
from zoneinfo import ZoneInfo
from calsync.extraction.events import extract_events
from calsync.model import Article
article = Article(open({seed!r}, encoding="utf-8").read(),
                  datetime(2021, 11, 5, 12, tzinfo=ZoneInfo("Europe/Paris")), "seed")
for _ in range(3):
    extract_events(article)  # warm: patterns compiled, holiday tables loaded
for _ in range(int(sys.argv[1])):
    extract_events(article)
"""


def _total(out: Path) -> int:
    report = subprocess.run(["callgrind_annotate", str(out)], capture_output=True, text=True,
                            check=True).stdout
    m = re.search(r"([\d,]+) \(100\.0%\)\s+PROGRAM TOTALS", report)
    if m is None:
        raise SystemExit(f"no total in the callgrind report of {out}")
    return int(m.group(1).replace(",", ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=60)
    args = parser.parse_args()
    if shutil.which("valgrind") is None or shutil.which("callgrind_annotate") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    repo = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(repo)}
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "loop.py"
        script.write_text(_LOOP.format(seed=str(SEED)), encoding="utf-8")
        totals = []
        for rounds in (0, args.rounds):
            out = Path(tmp) / f"callgrind.{rounds}"
            subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                            sys.executable, str(script), str(rounds)],
                           check=True, capture_output=True, env=env)
            totals.append(_total(out))
    per = (totals[1] - totals[0]) / args.rounds
    print(f"seed article: {per / 1e6:.2f} million instructions per extraction "
          f"(callgrind, {args.rounds} extractions less none)")


if __name__ == "__main__":
    main()
