"""Option parsing shared by several commands: publication dates, zones, article files."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import click

from calsync.errors import InputError, SourceError, UsageError
from calsync.extraction.settings import DEFAULT_COUNTRIES, DEFAULT_TIMEZONE, ExtractionSettings
from calsync.model import Article

if TYPE_CHECKING:
    from calsync.model import Event
    from calsync.sources.files import ArticleFile

F = TypeVar("F", bound=Callable[..., Any])


def reading_options(*, keep_past: bool = True) -> Callable[[F], F]:
    """``--published``, ``--tz``, ``--country`` (and ``--keep-past``): how articles are read.

    Every command that reads articles takes the same options, with the same meaning.
    """
    def wrap(func: F) -> F:
        options = [
            click.option("--published", default=None, metavar="DATE",
                         help="Publication date of articles that state none (a sidecar "
                              ".meta.toml, HTML metadata or a date line at the top come "
                              "first): YYYY-MM-DD[THH:MM[+hh:mm]]; a bare date means noon."),
            click.option("--tz", "tz", default=DEFAULT_TIMEZONE, show_default=True,
                         help="Zone for times of day without one, and for showing events."),
            click.option("--lang", type=click.Choice(["en", "fr", "de", "es", "it", "auto"]),
                         default="auto",
                         show_default=True, expose_value=False, callback=_remember_lang,
                         help="Language of the articles; auto: each article's own (its "
                              "sidecar's language), else the one its words show."),
            click.option("--country", "countries", multiple=True,
                         help="Holiday country (ISO code), repeatable; the first decides "
                              "between holidays of the same name. Default: "
                              + ", ".join(DEFAULT_COUNTRIES) + "."),
        ]
        if keep_past:
            options.append(click.option("--keep-past", is_flag=True,
                                        help="Also keep happenings before publication."))
        for option in reversed(options):
            func = option(func)
        return func
    return wrap


_LANG_KEY = "calsync.lang"


def _remember_lang(ctx: click.Context, _param: click.Parameter, value: str) -> str:
    """``--lang`` is read by ``reading`` (every command that reads articles), not passed on."""
    ctx.meta[_LANG_KEY] = value
    return value


def reading(published: str | None, tz: str, countries: tuple[str, ...] = (),
            keep_past: bool = False) -> tuple[datetime | None, ExtractionSettings]:
    """The fallback publication instant and the extraction settings those options give."""
    from calsync.config import countries_problem

    zone = parse_zone(tz)
    problem = countries_problem(countries) if countries else None
    if problem:
        raise UsageError(f"--country: {problem}")
    chosen = tuple(c.upper() for c in countries) or DEFAULT_COUNTRIES
    when = parse_published(published, zone) if published is not None else None
    current = click.get_current_context(silent=True)
    lang = current.meta.get(_LANG_KEY, "auto") if current is not None else "auto"
    return when, ExtractionSettings(timezone=tz, countries=chosen, keep_past=keep_past,
                                    language=lang)


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


def read_article(path: str, zone: ZoneInfo) -> tuple[str, ArticleFile]:
    """Read one article as ``calsync run`` reads a file: (its id, what it says about itself).

    ``-`` is standard input (HTML when it starts as HTML). A file's HTML is reduced to its
    text by suffix (.html, .htm, .xhtml) or, for other names, when it starts as HTML. The id is
    ``article_id`` against ``cli_base()``: the same whatever the spelling of the path or the
    current folder, and the same as ``calsync run`` gives the file.
    """
    from calsync.sources.files import (
        article_id,
        cli_base,
        decode_article,
        load_article_file,
        looks_like_html,
        parse_article,
    )

    try:
        if path == "-":
            raw = decode_article(sys.stdin.buffer.read(), "<stdin>")
            return "<stdin>", parse_article(raw, "<stdin>", zone, is_html=looks_like_html(raw))
        p = Path(path)
        if not p.exists():
            raise InputError(f"{path}: no such file")
        if p.is_dir():
            raise InputError(f"{path}: is a folder, not an article file")
        return article_id(p, cli_base()), load_article_file(p, zone)
    except SourceError as exc:
        raise InputError(str(exc)) from exc


def load_articles(paths: tuple[str, ...], fallback: datetime | None,
                  zone: ZoneInfo) -> list[Article]:
    """The articles of ``paths``, each dated by itself, else by ``fallback`` (``--published``).

    An article with no date of its own and no fallback is an input error naming every such
    file: its relative dates ("next Friday") would otherwise be resolved against a guess.
    """
    if not paths:
        raise UsageError("no article given", hint="pass one or more files, or - for stdin")
    articles = []
    undated = []
    for path in paths:
        ident, parsed = read_article(path, zone)
        published = parsed.own_published or fallback
        if published is None:
            undated.append(path)
            continue
        articles.append(parsed.article(ident, published))
    if undated:
        raise InputError(
            f"no publication date for {', '.join(undated)}",
            hint="start the article with its date line (\"March 3, 2022\"), add a sidecar "
                 "<name>.meta.toml with published = 2022-03-03, or pass --published DATE "
                 "for articles that state none")
    return articles


def article_events(paths: tuple[str, ...], published: str | None, tz: str,
                   countries: tuple[str, ...] = (), keep_past: bool = False, *,
                   state_path: str | None = None, decided: bool = False) -> list[Event]:
    """The merged events of article files, as every command that reads them sees them
    (``calsync.assemble``: the same road ``calsync run`` takes).

    ``decided``: with the review decisions stored in ``state_path`` (default: the state file
    of ``default_state_path``) applied, as ``export`` and ``sync`` write them.
    """
    from calsync.assemble import assemble

    when, settings = reading(published, tz, countries, keep_past)
    decisions = None
    if decided:
        from calsync.sync.state import default_state_path, read_decisions

        decisions = read_decisions(Path(state_path) if state_path else default_state_path())
    return assemble(load_articles(paths, when, settings.zone), settings, decisions=decisions)
