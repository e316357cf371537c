"""Option parsing shared by several commands: publication dates, zones, article files."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from calsync.errors import InputError, UsageError
from calsync.extraction.settings import DEFAULT_COUNTRIES, DEFAULT_TIMEZONE, ExtractionSettings
from calsync.model import Article

F = TypeVar("F", bound=Callable[..., Any])


def reading_options(*, keep_past: bool = True) -> Callable[[F], F]:
    """``--published``, ``--tz``, ``--country`` (and ``--keep-past``): how articles are read.

    Every command that reads articles takes the same options, with the same meaning.
    """
    def wrap(func: F) -> F:
        options = [
            click.option("--published", required=True,
                         help="Publication date: YYYY-MM-DD[THH:MM[+hh:mm]] (a bare date "
                              "means noon)."),
            click.option("--tz", "tz", default=DEFAULT_TIMEZONE, show_default=True,
                         help="Zone for times of day without one, and for showing events."),
            click.option("--country", "countries", multiple=True,
                         help="Holiday country (ISO code), repeatable. Default: "
                              + ", ".join(DEFAULT_COUNTRIES) + "."),
        ]
        if keep_past:
            options.append(click.option("--keep-past", is_flag=True,
                                        help="Also keep happenings before publication."))
        for option in reversed(options):
            func = option(func)
        return func
    return wrap


def reading(published: str, tz: str, countries: tuple[str, ...] = (),
            keep_past: bool = False) -> tuple[datetime, ExtractionSettings]:
    """The publication instant and the extraction settings those options give."""
    zone = parse_zone(tz)
    chosen = tuple(c.upper() for c in countries) or DEFAULT_COUNTRIES
    return parse_published(published, zone), ExtractionSettings(
        timezone=tz, countries=chosen, keep_past=keep_past)


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
