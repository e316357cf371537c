"""Fixtures of the review tests: a workspace served on 127.0.0.1, and one headless Chromium
for the whole session (Debian's ``chromium`` package driven by Playwright, never a
downloaded browser). Browser tests skip, saying why, where either is missing; ``.ci/run``
installs both."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from calsync.extraction.settings import ExtractionSettings
from calsync.review.workspace import Workspace, workspace

CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-quic",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CALSYNC_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


class Served:
    """A review app on a free port of 127.0.0.1, in a thread of the test process."""

    def __init__(self, ws: Workspace) -> None:
        from werkzeug.serving import make_server

        from calsync.review.app import create_app

        self.ws = ws
        self.app = create_app(ws)
        self.server = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def serve() -> Iterator[Callable[[Workspace], Served]]:
    started: list[Served] = []

    def start(ws: Workspace) -> Served:
        served = Served(ws)
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium installed (apt-get install chromium; .ci/run does it)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install -e '.[test]')")
    manager = sync_playwright().start()
    try:
        chromium = manager.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
    except Exception as exc:  # a broken browser install: say so instead of erroring
        manager.stop()
        pytest.skip(f"Chromium at {executable} does not start: {exc}")
    try:
        yield chromium
    finally:
        chromium.close()
        manager.stop()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    try:
        yield tab
    finally:
        context.close()


def seed_workspace(seed: str, folder: Path, state: Path, *extra: tuple[str, str]) -> Workspace:
    """The seed (and ``extra`` (name, text) articles) read as ``calsync review`` reads files."""
    from calsync.cli._common import load_articles, parse_published

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "seed.txt").write_text(seed, encoding="utf-8")
    for name, text in extra:
        (folder / name).write_text(text, encoding="utf-8")
    settings = ExtractionSettings()
    zone = settings.zone
    paths = tuple(sorted(str(p) for p in folder.glob("*.txt")))
    when = parse_published("2021-11-05", zone)
    return workspace(load_articles(paths, when, zone), settings, state)


def desk(root: Path, name: str, text: str, published: str, calendar: str,
         key: Path, api: str) -> Path:
    """A desk's configuration in ``root``: one article in a folder source, a personal ``.ics``
    that needs no review and a shared Google calendar (the emulator at ``api``) that does."""
    from tests.settle import settled

    news = root / "news"
    news.mkdir(parents=True, exist_ok=True)
    article, meta = news / f"{name}.txt", news / f"{name}.meta.toml"
    article.write_text(text, encoding="utf-8")
    meta.write_text(f"published = {published}\n", encoding="utf-8")
    settled(article, meta)
    config = root / "calsync.toml"
    config.write_text(f"""
state = "state"

[[source]]
name = "news"
type = "folder"
path = "news"
glob = "*.txt"

[[target]]
name = "file"
type = "ics"
path = "out/desk.ics"

[[target]]
name = "shared"
type = "google"
calendar = "{calendar}"
credentials = "{key}"
api_endpoint = "{api}"
review = true
""", encoding="utf-8")
    return config
