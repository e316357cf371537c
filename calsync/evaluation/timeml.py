"""TimeML reading and TempEval-3 scoring of temporal expressions.

Pure: parsing works on strings, scoring on spans and values; reading files and printing
belong to the CLI. Scoring follows TempEval-3 (UzZaman et al., SemEval 2013): strict match
(same offsets) and relaxed match (overlap) precision/recall/F1, and attribute F1 for value
and type: a relaxed match whose attribute is also right counts, over all system and all gold
expressions (so value F1 = value accuracy on matches x relaxed F1).
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
_ATTR = re.compile(r'([A-Za-z_]+)="([^"]*)"')
_DCT = re.compile(r"<TIMEX3\b([^>]*functionInDocument=\"CREATION_TIME\"[^>]*)>")
TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True)
class Span:
    """One temporal expression, gold or system: offsets into the plain text, type, value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class Document:
    name: str
    dct: str
    text: str
    gold: tuple[Span, ...]


class TimeMLError(ValueError):
    """A file that is not the TimeML we can read (no TEXT, no creation time)."""


def parse(content: str, name: str) -> Document:
    """Read one TimeML document: its creation time, the plain text of <TEXT>, its TIMEX3s.

    Offsets are into the text with every tag removed and entities decoded.
    """
    dct_m = _DCT.search(content)
    if dct_m is None:
        raise TimeMLError(f"{name}: no TIMEX3 with functionInDocument=\"CREATION_TIME\"")
    dct = dict(_ATTR.findall(dct_m.group(1))).get("value", "")
    if not re.match(r"\d{4}-\d\d-\d\d", dct):
        raise TimeMLError(f"{name}: creation time {dct!r} is not a date")
    lo = content.find("<TEXT>")
    hi = content.find("</TEXT>")
    if lo < 0 or hi < lo:
        raise TimeMLError(f"{name}: no <TEXT> element")
    body = content[lo + len("<TEXT>"):hi]
    parts: list[str] = []
    length = 0
    gold: list[Span] = []
    open_attrs: dict[str, str] | None = None
    open_at = 0
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos:m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, tag, attrs = m.group(1), m.group(2), m.group(3)
        if tag != "TIMEX3":
            continue
        if not closing:
            open_attrs = dict(_ATTR.findall(attrs))
            open_at = length
        elif open_attrs is not None:
            text = "".join(parts)[open_at:length]
            gold.append(Span(open_at, length, text, open_attrs.get("type", ""),
                             open_attrs.get("value", "")))
            open_attrs = None
    tail = html.unescape(body[pos:])
    parts.append(tail)
    return Document(name=name, dct=dct[:10], text="".join(parts), gold=tuple(gold))


@dataclass
class PRF:
    """True positives against the system and gold totals."""

    tp: int = 0
    system: int = 0
    gold: int = 0
    tp_gold: int | None = None  # when recall counts differently (per-type tables)

    @property
    def precision(self) -> float:
        return self.tp / self.system if self.system else 0.0

    @property
    def recall(self) -> float:
        tp = self.tp if self.tp_gold is None else self.tp_gold
        return tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"precision": round(100 * self.precision, 2), "recall": round(100 * self.recall, 2),
                "f1": round(100 * self.f1, 2), "system": self.system, "gold": self.gold}


@dataclass(frozen=True)
class ErrorCase:
    kind: str  # "missed", "spurious", "wrong value", "wrong type"
    document: str
    text: str
    gold_value: str | None
    system_value: str | None
    context: str


@dataclass
class Report:
    documents: int = 0
    strict: PRF = field(default_factory=PRF)
    relaxed: PRF = field(default_factory=PRF)
    value: PRF = field(default_factory=PRF)
    type: PRF = field(default_factory=PRF)
    per_type: dict[str, PRF] = field(default_factory=dict)
    per_type_value: dict[str, PRF] = field(default_factory=dict)
    errors: list[ErrorCase] = field(default_factory=list)

    def error_kinds(self, n: int) -> list[tuple[str, int, list[ErrorCase]]]:
        """The ``n`` commonest kinds of error: (label, count, up to three examples).

        A kind is the error class with the expression's words, digits folded ("missed
        'friday'", "wrong value 'last week'"), so that repeated misreadings add up.
        """
        groups: dict[str, list[ErrorCase]] = defaultdict(list)
        for err in self.errors:
            words = re.sub(r"\d", "9", " ".join(err.text.lower().split()))
            groups[f"{err.kind} {words!r}"].append(err)
        ranked = sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:n]
        return [(label, len(cases), cases[:3]) for label, cases in ranked]

    def error_classes(self) -> dict[str, int]:
        return dict(Counter(e.kind for e in self.errors))

    def as_dict(self, n_errors: int = 0) -> dict[str, object]:
        return {
            "documents": self.documents,
            "strict": self.strict.as_dict(),
            "relaxed": self.relaxed.as_dict(),
            "value": self.value.as_dict(),
            "type": self.type.as_dict(),
            "per_type": {t: {"relaxed": self.per_type[t].as_dict(),
                             "value": self.per_type_value[t].as_dict()}
                         for t in self.per_type},
            "error_classes": self.error_classes(),
            "errors": [
                {"kind": label, "count": count,
                 "examples": [{"document": c.document, "text": c.text, "gold": c.gold_value,
                               "system": c.system_value, "context": c.context}
                              for c in cases]}
                for label, count, cases in self.error_kinds(n_errors)
            ],
        }


def _match(gold: Sequence[Span], system: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one relaxed matching: each gold span with the first unused overlapping one."""
    pairs: list[tuple[int, int]] = []
    used: set[int] = set()
    j0 = 0
    for i, g in enumerate(gold):
        while j0 < len(system) and system[j0].end <= g.start:
            j0 += 1
        j = j0
        while j < len(system) and system[j].start < g.end:
            if j not in used and system[j].end > g.start:
                pairs.append((i, j))
                used.add(j)
                break
            j += 1
    return pairs


def _context(text: str, start: int, end: int) -> str:
    lo, hi = max(0, start - 40), min(len(text), end + 40)
    return " ".join((text[lo:start] + "[" + text[start:end] + "]" + text[end:hi]).split())


def score(pairs: Iterable[tuple[Document, Sequence[Span]]]) -> Report:
    """Score system spans against each document's gold, accumulated over documents."""
    rep = Report()
    for t in TYPES:
        rep.per_type[t] = PRF(tp_gold=0)
        rep.per_type_value[t] = PRF(tp_gold=0)
    for doc, sys_spans in pairs:
        rep.documents += 1
        gold = sorted(doc.gold, key=lambda s: s.start)
        system = sorted(sys_spans, key=lambda s: s.start)
        for prf in (rep.strict, rep.relaxed, rep.value, rep.type):
            prf.system += len(system)
            prf.gold += len(gold)
        for g in gold:
            if g.type in rep.per_type:
                rep.per_type[g.type].gold += 1
                rep.per_type_value[g.type].gold += 1
        for s in system:
            if s.type in rep.per_type:
                rep.per_type[s.type].system += 1
                rep.per_type_value[s.type].system += 1
        matched = _match(gold, system)
        matched_g = {i for i, _ in matched}
        matched_s = {j for _, j in matched}
        for i, j in matched:
            g, s = gold[i], system[j]
            rep.relaxed.tp += 1
            if (g.start, g.end) == (s.start, s.end):
                rep.strict.tp += 1
            if g.type == s.type:
                rep.type.tp += 1
            ok_value = g.value == s.value
            if ok_value:
                rep.value.tp += 1
            if g.type in rep.per_type:
                gt = rep.per_type[g.type]
                gt.tp_gold = (gt.tp_gold or 0) + 1
                if ok_value:
                    gv = rep.per_type_value[g.type]
                    gv.tp_gold = (gv.tp_gold or 0) + 1
            if s.type in rep.per_type:
                rep.per_type[s.type].tp += 1
                if ok_value:
                    rep.per_type_value[s.type].tp += 1
            if not ok_value:
                rep.errors.append(ErrorCase("wrong value", doc.name, g.text, g.value, s.value,
                                            _context(doc.text, g.start, g.end)))
        for i, g in enumerate(gold):
            if i not in matched_g:
                rep.errors.append(ErrorCase("missed", doc.name, g.text, g.value, None,
                                            _context(doc.text, g.start, g.end)))
        for j, s in enumerate(system):
            if j not in matched_s:
                rep.errors.append(ErrorCase("spurious", doc.name, s.text, None, s.value,
                                            _context(doc.text, s.start, s.end)))
    return rep
