"""``calsync tag``: every temporal expression of an article, with offsets and TimeML values."""

from __future__ import annotations

import json

import click

from calsync.cli import main
from calsync.cli._common import load_articles, reading, reading_options


@main.command(short_help="List the temporal expressions of an article.")
@click.argument("path")
@reading_options(keep_past=False)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def tag(path: str, published: str | None, tz: str, countries: tuple[str, ...], fmt: str) -> None:
    """List the temporal expressions of PATH (or - for stdin).

    Offsets are Python string indices into the file decoded as UTF-8.
    """
    from calsync.extraction.language import choose
    from calsync.extraction.temporal import tag as tag_text

    when, settings = reading(published, tz, countries)
    article = load_articles((path,), when, settings.zone)[0]
    text = article.text
    language = choose(settings.language, article.language, text)
    found = tag_text(text, article.published, settings, language=language)
    if fmt == "json":
        rows = [{
            "start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
            "mod": t.mod,
            "first_day": t.first_day.isoformat() if t.first_day else None,
            "last_day": t.last_day.isoformat() if t.last_day else None,
            "clock": t.clock, "clock_end": t.clock_end, "zone": t.zone,
            "anchor": t.anchor, "confidence": t.confidence, "resolution": t.resolution,
            "language": language,
        } for t in found]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    if not found:
        click.echo("no temporal expressions found")
        return
    width = min(32, max(len(t.text) for t in found))
    header = f"{'start':>6} {'end':>6}  {'text':<{width}}  {'type':<8}  {'value':<16}"
    click.echo(header + "  resolution")
    for t in found:
        text = t.text if len(t.text) <= width else t.text[:width - 1] + "…"
        value = t.value + (f" ({t.mod})" if t.mod else "")
        click.echo(f"{t.start:>6} {t.end:>6}  {text:<{width}}  {t.type:<8}  {value:<16}  "
                   f"{t.resolution}")
