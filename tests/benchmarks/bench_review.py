"""How fast the review page answers for a folder of 50 articles (issue 17: under 300 ms).

    python3 -m tests.benchmarks.bench_review

Fifty bulletins of ten meetings each (500 events over ten days, the road test's folder),
read once as ``calsync review`` reads files; then each page is requested through the real
HTTP server on 127.0.0.1 (the overview, the week and month views, an article) and the median
and worst of several loads printed. An article page is timed cold (tagged on first view)
and warm.
"""

from __future__ import annotations

import logging
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from calsync.extraction.settings import ExtractionSettings
from calsync.model import Article
from calsync.review.workspace import workspace
from tests.road.test_one_road import bulletin

LOADS = 7
TARGET_MS = 300.0


def _get(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:
        response.read()
        assert response.status == 200
    return (time.perf_counter() - started) * 1000


def main() -> int:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from werkzeug.serving import make_server

    from calsync.review.app import create_app

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    published = datetime(2022, 3, 1, 12, tzinfo=ZoneInfo("Europe/Paris"))
    articles = [Article(bulletin(n), published, f"news/bulletin-{n:02d}.txt")
                for n in range(50)]
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        ws = workspace(articles, ExtractionSettings(), Path(tmp) / "state.sqlite")
        ready = (time.perf_counter() - started) * 1000
        server = make_server("127.0.0.1", 0, create_app(ws), threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        base = f"http://127.0.0.1:{server.server_port}"
        print(f"{len(ws.articles)} articles, {len(ws.events)} events; read and extracted at "
              f"start-up in {ready:.0f} ms")
        cold = _get(base + "/articles/7")
        worst_median = 0.0
        for name, path in (("overview", "/"), ("week view", "/calendar?view=week"),
                           ("month view", "/calendar?view=month"),
                           ("article", "/articles/7")):
            times = [_get(base + path) for _ in range(LOADS)]
            median = statistics.median(times)
            worst_median = max(worst_median, median)
            print(f"  {name:<11} median {median:6.1f} ms, worst {max(times):6.1f} ms "
                  f"({LOADS} loads)")
        print(f"  article, first view (tagged then): {cold:.1f} ms")
        server.shutdown()
        server.server_close()
    verdict = "ok" if worst_median < TARGET_MS else "SLOW"
    print(f"slowest page median {worst_median:.1f} ms (target < {TARGET_MS:.0f} ms): {verdict}")
    return 0 if verdict == "ok" else 1


if __name__ == "__main__":
    sys.exit(main())
