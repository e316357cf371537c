"""``calsync eval timeml``: score the temporal tagger on TimeML corpora (TempEval-3 style)."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from calsync.cli import main
from calsync.errors import InputError
from calsync.wording import plural


@main.group(name="eval", short_help="Measure calsync on annotated corpora.")
def eval_group() -> None:
    """Measure calsync on annotated corpora."""


@eval_group.command(name="timeml", short_help="Score the temporal tagger on TimeML files.")
@click.argument("dirs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.option("--errors", "n_errors", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many of the commonest kinds of error to list.")
@click.option("--lang", type=click.Choice(["en", "fr", "de", "es", "it", "auto"]), default="auto",
              show_default=True,
              help="Language of the documents; auto: each one's, from its words.")
def timeml(dirs: tuple[str, ...], fmt: str, n_errors: int, lang: str) -> None:
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
                 for t in tag(doc.text, when, settings, timeml=True, language=lang)]
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


@eval_group.command(name="events", short_help="Score extracted events against a gold file.")
@click.argument("gold_file", type=click.Path(dir_okay=False))
@click.argument("texts_dir", type=click.Path(file_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.option("--errors", "n_errors", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many misses and spurious events to list per article.")
def events(gold_file: str, texts_dir: str, fmt: str, n_errors: int) -> None:
    """Extract the events of every article of GOLD_FILE (its text: TEXTS_DIR/<slug>.txt) and
    score them.

    Each article is read with its gold publication date (noon) and zone. A gold event matches
    one extracted event with the same first day, the same local start time when the gold
    gives one, and a title or location its keywords regex finds. Prints precision, recall and
    F1, a row per article, and the misses and spurious events with their evidence. Articles
    whose text is missing are skipped and named.
    """
    from calsync.evaluation.events import GoldArticle, GoldError, evaluate, parse_gold
    from calsync.extraction.events import extract_events
    from calsync.extraction.settings import ExtractionSettings
    from calsync.model import Article, Event

    try:
        raw = json.loads(Path(gold_file).read_text(encoding="utf-8"))
        gold = parse_gold(raw)
    except FileNotFoundError as exc:
        raise InputError(f"{gold_file}: no such file") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{gold_file}: not a JSON file: {exc}") from exc
    except GoldError as exc:
        raise InputError(f"{gold_file}: {exc}") from exc
    folder = Path(texts_dir)
    if not folder.is_dir():
        raise InputError(f"{texts_dir}: no such folder")

    def run(art: GoldArticle) -> list[Event] | None:
        path = folder / f"{art.slug}.txt"
        if not path.is_file():
            return None
        text = path.read_text(encoding="utf-8-sig")
        zone = ZoneInfo(art.timezone)
        published = datetime.combine(art.published, time(12, 0), tzinfo=zone)
        return extract_events(Article(text, published, path.name),
                              ExtractionSettings(timezone=art.timezone))

    report = evaluate(gold, run)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(n_errors), indent=2, ensure_ascii=False))
        return
    scored = [a for a in report.articles if a.skipped is None]
    click.echo(f"{plural(len(scored), 'article')}, {plural(report.gold, 'gold event')}, "
               f"{report.predicted} found, "
               f"{report.matched} matched")
    click.echo(f"precision {report.precision:.3f}  recall {report.recall:.3f}  "
               f"F1 {report.f1:.3f}")
    skipped = [a.slug for a in report.articles if a.skipped is not None]
    if skipped:
        click.echo(f"skipped (no text in {texts_dir}): {', '.join(skipped)}")
    click.echo("")
    click.echo(f"{'gold':>5}{'found':>6}{'match':>6}  article")
    for a in scored:
        click.echo(f"{a.gold:>5}{a.predicted:>6}{a.matched:>6}  {a.slug}")
    if not n_errors:
        return
    for a in scored:
        if not a.missed and not a.spurious:
            continue
        click.echo("")
        click.echo(f"{a.slug}:")
        for g in a.missed[:n_errors]:
            click.echo(f"  missed    {g.describe()}")
        for p in a.spurious[:n_errors]:
            click.echo(f"  spurious  {p.describe()}  [“{p.evidence}”]")
