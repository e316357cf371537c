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
def extract(paths: tuple[str, ...], published: str | None, tz: str, countries: tuple[str, ...],
            keep_past: bool, fmt: str) -> None:
    """Extract the scheduled events of article files (PATH... or - for stdin).

    Each file is one article; all share the publication date given.
    """
    from calsync.extraction.events import extract_events
    from calsync.extraction.language import choose
    from calsync.serialize import event_to_dict

    when, settings = reading(published, tz, countries, keep_past)
    events: list[Event] = []
    languages: list[str] = []  # the language each event's article was read in
    for article in load_articles(paths, when, settings.zone):
        found = extract_events(article, settings)
        events.extend(found)
        languages.extend([choose(settings.language, article.language, article.text)] * len(found))
    rows = [{**event_to_dict(e), "language": lang} for e, lang in zip(events, languages,
                                                                       strict=True)]
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
        click.echo(f"{day}  {clock:<11}  {e.title}" + (f"  @ {place}" if place else "")
                   + f"  [“{expr}”]")
