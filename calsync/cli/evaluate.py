"""``calsync eval timeml``: score the temporal tagger on TimeML corpora (TempEval-3 style)."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, time
from pathlib import Path

import click

from calsync.cli import main
from calsync.errors import InputError


@main.group(name="eval")
def eval_group() -> None:
    """Measure calsync on annotated corpora."""


@eval_group.command(name="timeml")
@click.argument("dirs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.option("--errors", "n_errors", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many of the commonest kinds of error to list.")
def timeml(dirs: tuple[str, ...], fmt: str, n_errors: int) -> None:
    """Tag the <TEXT> of every .tml file in DIRS (or given as files) and score it.

    The publication date is the document's creation time (the TIMEX3 with
    functionInDocument="CREATION_TIME"). Prints strict and relaxed span P/R/F1, value and
    type F1, per-type figures and the commonest errors.
    """
    from calsync.evaluation.timeml import Document, Span, TimeMLError, parse, score
    from calsync.extraction.settings import ExtractionSettings
    from calsync.extraction.temporal import tag

    files: list[Path] = []
    for d in dirs:
        p = Path(d)
        if p.is_dir():
            found = sorted(p.glob("*.tml"))
            if not found:
                raise InputError(f"{d}: no .tml files in this folder")
            files.extend(found)
        elif p.is_file():
            files.append(p)
        else:
            raise InputError(f"{d}: no such file or folder")
    docs: list[Document] = []
    for f in files:
        try:
            docs.append(parse(f.read_text(encoding="utf-8"), f.name))
        except (TimeMLError, UnicodeDecodeError) as exc:
            raise InputError(f"{f}: {exc}") from exc
    settings = ExtractionSettings()

    def run(doc: Document) -> tuple[Document, list[Span]]:
        day = datetime.fromisoformat(doc.dct).date()
        when = datetime.combine(day, time(12, 0), tzinfo=UTC)
        spans = [Span(t.start, t.end, t.text, t.type, t.value)
                 for t in tag(doc.text, when, settings, timeml=True)]
        return doc, spans

    if sys.stderr.isatty():
        with click.progressbar(docs, label="tagging", file=sys.stderr) as bar:
            results = [run(d) for d in bar]
    else:
        results = [run(d) for d in docs]
    report = score(results)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(n_errors), indent=2, ensure_ascii=False))
        return
    click.echo(f"{report.documents} documents, {report.relaxed.gold} gold TIMEX3, "
               f"{report.relaxed.system} found")
    click.echo(f"{'':<16}{'P':>7}{'R':>7}{'F1':>7}")
    for label, prf in (("strict span", report.strict), ("relaxed span", report.relaxed),
                       ("value", report.value), ("type", report.type)):
        click.echo(f"{label:<16}{100 * prf.precision:>7.1f}{100 * prf.recall:>7.1f}"
                   f"{100 * prf.f1:>7.1f}")
    click.echo("")
    click.echo(f"{'type':<10}{'gold':>6}{'found':>7}{'rel F1':>8}{'value F1':>10}")
    for t, prf in report.per_type.items():
        v = report.per_type_value[t]
        click.echo(f"{t:<10}{prf.gold:>6}{prf.system:>7}{100 * prf.f1:>8.1f}{100 * v.f1:>10.1f}")
    if n_errors:
        classes = report.error_classes()
        click.echo("")
        click.echo("errors: " + ", ".join(f"{k} {v}" for k, v in sorted(classes.items())))
        for label, count, cases in report.error_kinds(n_errors):
            click.echo(f"{count:>5}  {label}")
            for c in cases:
                click.echo(f"         {c.document}: gold={c.gold_value} system={c.system_value}"
                           f"  {c.context}")
