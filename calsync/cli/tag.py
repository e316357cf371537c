"""``calsync tag``: every temporal expression of an article, with offsets and TimeML values."""

from __future__ import annotations

import json

import click

from calsync.cli import main
from calsync.cli._common import parse_published, parse_zone, read_text
from calsync.extraction.settings import DEFAULT_TIMEZONE, ExtractionSettings


@main.command()
@click.argument("path")
@click.option("--published", required=True,
              help="Publication date: YYYY-MM-DD[THH:MM[+hh:mm]] (a bare date means noon).")
@click.option("--tz", "tz", default=DEFAULT_TIMEZONE, show_default=True,
              help="Zone of the publication date when it has no offset.")
@click.option("--country", "countries", multiple=True,
              help="Holiday country (ISO code), repeatable. Default: US, FR, GB.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def tag(path: str, published: str, tz: str, countries: tuple[str, ...], fmt: str) -> None:
    """List the temporal expressions of PATH (or - for stdin).

    Offsets are Python string indices into the file decoded as UTF-8.
    """
    from calsync.extraction.temporal import tag as tag_text

    zone = parse_zone(tz)
    when = parse_published(published, zone)
    chosen = tuple(c.upper() for c in countries) or ExtractionSettings().countries
    _, text = read_text(path)
    found = tag_text(text, when, ExtractionSettings(timezone=tz, countries=chosen))
    if fmt == "json":
        rows = [{
            "start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value,
            "mod": t.mod,
            "first_day": t.first_day.isoformat() if t.first_day else None,
            "last_day": t.last_day.isoformat() if t.last_day else None,
            "clock": t.clock, "clock_end": t.clock_end, "zone": t.zone,
            "anchor": t.anchor, "confidence": t.confidence, "resolution": t.resolution,
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
