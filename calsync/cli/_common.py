"""Option parsing shared by several commands: publication dates, zones, article files."""

from __future__ import annotations

import sys
from datetime import datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from calsync.errors import InputError, UsageError
from calsync.model import Article


def parse_zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UsageError(f"unknown timezone {name!r}", hint="use an IANA name such as "
                         "Europe/Paris or America/New_York") from exc


def parse_published(value: str, zone: ZoneInfo) -> datetime:
    """Parse ``DATE[THH:MM[+hh:mm]]``; a date alone means noon in ``zone``.

    Noon, not midnight: a date-only publication stamp converted to another zone must not move
    to the previous day.
    """
    try:
        if "T" in value or " " in value.strip():
            dt = datetime.fromisoformat(value.strip())
        else:
            dt = datetime.combine(datetime.fromisoformat(value.strip()).date(), time(12, 0))
    except ValueError as exc:
        raise UsageError(
            f"bad publication date {value!r}", hint="use YYYY-MM-DD or YYYY-MM-DDTHH:MM[+hh:mm]"
        ) from exc
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=zone)
    return dt


def read_text(path: str) -> tuple[str, str]:
    """Read an article as UTF-8 text; ``-`` is standard input. Returns (source, text)."""
    if path == "-":
        data = sys.stdin.buffer.read()
        source = "<stdin>"
    else:
        p = Path(path)
        if not p.exists():
            raise InputError(f"{path}: no such file")
        if p.is_dir():
            raise InputError(f"{path}: is a folder, not an article file")
        try:
            data = p.read_bytes()
        except OSError as exc:
            raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
        source = path
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{source}: not UTF-8 text (undecodable byte at offset {exc.start})"
        ) from exc
    if not text.strip():
        raise InputError(f"{source}: empty article")
    return source, text


def load_articles(paths: tuple[str, ...], published: datetime) -> list[Article]:
    if not paths:
        raise UsageError("no article given", hint="pass one or more files, or - for stdin")
    articles = []
    for path in paths:
        source, text = read_text(path)
        articles.append(Article(text=text, published=published, source=source))
    return articles
