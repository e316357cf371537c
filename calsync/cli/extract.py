"""``calsync extract``: print the events articles announce."""

from __future__ import annotations

import json
from datetime import datetime

import click

from calsync.cli import main
from calsync.cli._common import load_articles, reading, reading_options
from calsync.model import Event


@main.command(short_help="Print the scheduled events of articles.")
@click.argument("paths", nargs=-1)
@reading_options()
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table",
              show_default=True)
@click.option("--per-article", is_flag=True,
              help="Each article's own events (those it calls off too), in article order, "
                   "before the happenings several articles report are merged.")
def extract(paths: tuple[str, ...], published: str | None, tz: str, countries: tuple[str, ...],
            keep_past: bool, fmt: str, per_article: bool) -> None:
    """Extract the scheduled events of article files (PATH... or - for stdin).

    Each file is one article, dated by itself. The events are those export and sync write:
    one per happening, however many articles report it (with all their sources).
    """
    from calsync.extraction.language import choose
    from calsync.serialize import event_to_dict

    events: list[Event] = []
    when, settings = reading(published, tz, countries, keep_past)
    articles = load_articles(paths, when, settings.zone)
    # the language each article was read in, shown with its events
    language = {a.source: choose(settings.language, a.language, a.text) for a in articles}
    if per_article:
        from calsync.assemble import read_article

        for article in articles:
            events.extend(read_article(article, settings).events)
    else:
        from calsync.assemble import assemble

        events = assemble(articles, settings)
    rows = [{**event_to_dict(e), "language": language.get(e.sources[0], "en")
             if e.sources else "en"} for e in events]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    elif fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
    else:
        _table(events)


def _table(events: list[Event]) -> None:
    if not events:
        click.echo("no events found")
        return
    for e in events:
        if isinstance(e.start, datetime) and isinstance(e.end, datetime):
            day = e.start.date().isoformat()
            clock = f"{e.start:%H:%M}-{e.end:%H:%M}"
        else:
            day = e.start.isoformat()
            last = (e.end.toordinal() - e.start.toordinal())
            clock = "all day" if last == 1 else f"{last} days"
        place = e.location or ""
        expr = e.evidence[0].expression if e.evidence else ""
        sources = f"  ({', '.join(e.sources)})" if len(e.sources) > 1 else ""
        if e.status == "CANCELLED":
            sources += "  (called off)"
        click.echo(f"{day}  {clock:<11}  {e.title}" + (f"  @ {place}" if place else "")
                   + f"  [“{expr}”]{sources}")
