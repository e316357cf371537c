"""Scoring extracted events against a gold calendar (the ``wikinews-events`` format).

A gold event matches one predicted event of the same article, each used once, when both start
on the same local day, the predicted local start time equals the gold ``time`` where the gold
has one, and the gold's ``keywords`` regex finds the predicted title or location. Matching is a
maximum bipartite matching per article, so the order of events never changes a score.

Pure: the caller reads the gold file and the texts and runs the extractor.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from calsync.model import Event


class GoldError(ValueError):
    """The gold file does not have the expected shape (the message names the article)."""


@dataclass(frozen=True)
class GoldEvent:
    """One event a careful reader lists."""

    day: date
    end_day: date | None
    time: str | None
    title: str
    keywords: re.Pattern[str]

    def describe(self) -> str:
        span = f"{self.day}" + (f"..{self.end_day}" if self.end_day else "")
        return f"{span}{' ' + self.time if self.time else ''}  {self.title}"


@dataclass(frozen=True)
class GoldArticle:
    """An article of the gold file: where to find its text and what it announces."""

    slug: str
    published: date
    timezone: str
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True)
class Predicted:
    """A predicted event read as the scorer needs it: local day and time in the gold's zone."""

    day: date
    time: str | None
    title: str
    location: str | None
    evidence: str

    def describe(self) -> str:
        where = f" @ {self.location}" if self.location else ""
        return f"{self.day}{' ' + self.time if self.time else ''}  {self.title}{where}"


@dataclass
class ArticleScore:
    """One article's matches, misses and spurious events."""

    slug: str
    gold: int
    predicted: int
    matched: int
    missed: list[GoldEvent] = field(default_factory=list)
    spurious: list[Predicted] = field(default_factory=list)
    skipped: str | None = None


@dataclass
class Report:
    """Precision, recall and F1 over a gold file, with the per-article detail."""

    articles: list[ArticleScore]

    @property
    def gold(self) -> int:
        return sum(a.gold for a in self.articles if a.skipped is None)

    @property
    def predicted(self) -> int:
        return sum(a.predicted for a in self.articles if a.skipped is None)

    @property
    def matched(self) -> int:
        return sum(a.matched for a in self.articles if a.skipped is None)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self, n_errors: int) -> dict[str, Any]:
        return {
            "articles": len([a for a in self.articles if a.skipped is None]),
            "skipped": {a.slug: a.skipped for a in self.articles if a.skipped is not None},
            "gold": self.gold, "predicted": self.predicted, "matched": self.matched,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "per_article": [
                {"slug": a.slug, "gold": a.gold, "predicted": a.predicted, "matched": a.matched,
                 "missed": [m.describe() for m in a.missed[:n_errors]],
                 "spurious": [s.describe() + "  ⟨" + s.evidence + "⟩"
                              for s in a.spurious[:n_errors]]}
                for a in self.articles if a.skipped is None
            ],
        }


def parse_gold(data: Mapping[str, Any]) -> list[GoldArticle]:
    """The articles of a gold file, checked; a problem names the article and the key."""
    raw = data.get("articles") if isinstance(data, Mapping) else None
    if not isinstance(raw, list):
        raise GoldError('the top level must be an object with an "articles" list')
    out: list[GoldArticle] = []
    for i, art in enumerate(raw):
        where = f"articles[{i}]"
        try:
            slug = str(art["slug"])
            where = slug
            published = date.fromisoformat(str(art["published"])[:10])
            zone = str(art.get("timezone") or "Europe/Paris")
            ZoneInfo(zone)
            events = tuple(_gold_event(e) for e in art.get("events") or ())
        except (KeyError, TypeError) as exc:
            raise GoldError(f"{where}: missing or malformed key {exc}") from exc
        except (ValueError, re.error, ZoneInfoNotFoundError) as exc:
            raise GoldError(f"{where}: {exc}") from exc
        out.append(GoldArticle(slug, published, zone, events))
    return out


def _gold_event(raw: Mapping[str, Any]) -> GoldEvent:
    end = raw.get("end_date")
    clock = raw.get("time")
    if clock is not None and not re.fullmatch(r"\d{2}:\d{2}", str(clock)):
        raise ValueError(f"time {clock!r} is not HH:MM")
    return GoldEvent(
        day=date.fromisoformat(str(raw["date"])),
        end_day=date.fromisoformat(str(end)) if end else None,
        time=str(clock) if clock else None,
        title=str(raw.get("title") or ""),
        keywords=re.compile(str(raw["keywords"]), re.IGNORECASE),
    )


def predicted_view(events: Iterable[Event], timezone: str) -> list[Predicted]:
    """Events as local days and times in ``timezone`` (the zone the gold reads clocks in)."""
    zone = ZoneInfo(timezone)
    out = []
    for e in events:
        if isinstance(e.start, datetime):
            local = e.start.astimezone(zone)
            day, clock = local.date(), local.strftime("%H:%M")
        else:
            day, clock = e.start, None
        evidence = e.evidence[0].expression if e.evidence else ""
        out.append(Predicted(day, clock, e.title, e.location, evidence))
    return out


def _matches(gold: GoldEvent, pred: Predicted) -> bool:
    if pred.day != gold.day:
        return False
    if gold.time is not None and pred.time != gold.time:
        return False
    return any(gold.keywords.search(s) for s in (pred.title, pred.location or "") if s)


def score_article(gold: GoldArticle, predicted: list[Predicted]) -> ArticleScore:
    """A maximum matching of gold to predicted events (each used once)."""
    edges = [[j for j, p in enumerate(predicted) if _matches(g, p)] for g in gold.events]
    owner: dict[int, int] = {}  # predicted index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold.events)):
        augment(i, set())
    matched_gold = set(owner.values())
    return ArticleScore(
        slug=gold.slug, gold=len(gold.events), predicted=len(predicted), matched=len(owner),
        missed=[g for i, g in enumerate(gold.events) if i not in matched_gold],
        spurious=[p for j, p in enumerate(predicted) if j not in owner],
    )


def evaluate(
    gold: list[GoldArticle],
    extract: Callable[[GoldArticle], list[Event] | None],
) -> Report:
    """Score ``extract`` (None: the article's text is missing) over every gold article."""
    scores = []
    for art in gold:
        events = extract(art)
        if events is None:
            scores.append(ArticleScore(art.slug, len(art.events), 0, 0, skipped="no text"))
            continue
        scores.append(score_article(art, predicted_view(events, art.timezone)))
    return Report(scores)
