from __future__ import annotations

from pathlib import Path

from tests.httpserver import http_server
from tests.settle import settled

__all__ = ["http_server"]


def folder_config(tmp_path: Path, body: str = "", *, files: int = 3, extra: str = "",
                  text: str = "The fair number {i} will open on March {day}.") -> Path:
    """A config reading ``articles/*.txt`` (``files`` of them, each ``text`` with its number
    and a day of March, dated by the source) into out/cal.ics."""
    articles = tmp_path / "articles"
    articles.mkdir(exist_ok=True)
    for i in range(files):
        (articles / f"a{i}.txt").write_text(text.format(i=i, day=10 + i), encoding="utf-8")
        settled(articles / f"a{i}.txt")
    path = tmp_path / "calsync.toml"
    path.write_text(f"""
state = "state"
{body}

[[source]]
name = "local"
type = "folder"
path = "articles"
glob = "*.txt"
published = 2026-03-02
{extra}

[[target]]
name = "cal"
type = "ics"
path = "out/cal.ics"
""", encoding="utf-8")
    return path
