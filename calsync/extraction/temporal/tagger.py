"""Find temporal expressions in a text and resolve them to calendar values.

One pass from left to right over the word starts where a rule may begin
(``Grammar.dispatch``); each match goes to the handler of its rule, which resolves it
against the publication date or against the last day the text mentioned (discourse
anchoring: the anchor is never reset per paragraph, since news paragraphs keep talking about
the day last named; holiday names used as modifiers, "an Armistice Day ceremony", do not move
it). Afterwards adjacent day + time
expressions are joined ("Tuesday at 3 p.m.") and day ranges are merged ("from Tuesday to
Saturday", "Nov. 9-13").

Pure: no clock, no I/O; the ``holidays`` package is imported only when a holiday is named.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from functools import cache, lru_cache

from calsync.extraction.gate import AS_ASCII, folds_to_ascii
from calsync.extraction.language import choose
from calsync.extraction.settings import ExtractionSettings, base_date
from calsync.extraction.temporal import holidays as hol
from calsync.extraction.temporal import resolve as R
from calsync.extraction.temporal.lang import LANGUAGES, Grammar, grammar
from calsync.extraction.temporal.lexicon import (
    MONTHS,
    PARTS_OF_DAY,
    SEASONS,
    TENS,
    UNITS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    ZONES,
    number_value,
    ordinal_value,
    spoken_year,
)
from calsync.extraction.temporal.patterns import (
    AFTER_THE,
    KEY_WORDS,
    RULES,
    WORD_AFTER_THE,
    WORDS,
    may_follow_digits,
)
from calsync.extraction.temporal.tense import Tense, TenseIndex
from calsync.extraction.text import line_end, line_start, lower_in_place
from calsync.model import Timex, TimexType

#: Patterns used once each below, compiled at import.
_FOR_OF_ON_AFTER = re.compile(r"\s+(?:for|of|on)\s")
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_POSSESSIVE_END = re.compile(r"['’]s$")
_CAPITALISED_BEFORE = re.compile(r"[A-Z]\w*\s+$")
_ENDED_AFTER = re.compile(r"\s+(?:ended|ending|that\s+ended|to)\b")
_OF_AFTER = re.compile(r"\s+of\b")
_DURATION_LEAD = re.compile(r"\b(?:for|in|over|within|took|take|takes|after|lasted)\s+$")

_MOD_WORDS = {
    "early": "START", "beginning of": "START", "start of": "START", "the beginning of": "START",
    "the start of": "START", "late": "END", "end of": "END", "the end of": "END",
    "the close of": "END", "mid": "MID", "middle": "MID", "middle of": "MID",
    "the middle of": "MID", "the first half of": "START", "the second half of": "END",
    "the turn of": "START",
}
_Q_MODS = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "barely": "LESS_THAN",
    "more than": "MORE_THAN", "over": "MORE_THAN", "well over": "MORE_THAN",
    "less than": "LESS_THAN", "fewer than": "LESS_THAN", "under": "LESS_THAN",
    "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
}
_MAY_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|until|of|during|from|before|after|through|last|next|this|early|late"
    r"|mid|and|or|to|between|on|that|each|every)\s*-?|[,(])\s*$",
    re.IGNORECASE,
)
_YEAR_NOUN_AFTER = re.compile(
    r"\s+(?:people|persons|workers|troops|votes|shares|tons|acres|feet|miles|meters|yards"
    r"|points|units|jobs|cars|homes|students|members|employees|soldiers|square|metres)\b",
    re.IGNORECASE,
)
_DOM_AFTER = re.compile(
    r"\s*(?:[.,;:)!?—–]|$|\s(?:at|and|or|when|to|for|in|on|with|after|before|until|as|from"
    r"|is|was|will|would|the|but)\b)",
)
_PRICE_BEFORE = re.compile(
    r"(?:\d|dollars?|cents?|percent|%|million|billion|euros?|pounds?|yen|francs?)\W*\w*\W*$",
    re.IGNORECASE,
)
_GENERIC_AFTER_TODAY = re.compile(
    r"['’]s\s+(?:world|youth|society|generation|children|young|kids|culture|economy|computers"
    r"|technology|standards|terms|families|women|men|people|students|workers)\b",
    re.IGNORECASE)
_COUNT_BEFORE = re.compile(
    r"(?:\d|%|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|dozen|percent|times))"
    r"\W+(?:\w+\W+){0,2}$", re.IGNORECASE)
#: "holds a news conference on Friday": a timetable's present (TimeBank's news reads it as
#: the past week's, so only calendars take it)
_HOLDS = re.compile(r"\bholds\s+(?:a|an|its|his|her|their)\s[^.;]*$")
#: A sentence that tells the reader what to do: its day is to come
_IMPERATIVE = re.compile(
    r"\s*(?:Set|Mark|Join|Come|Watch|Tune\s+in|Save|Book|Get\s+ready|Don['’]t\s+miss|Head)\b")
#: A weekday that is part of a name: "Super Sunday", "Black Friday", "Cyber Monday".
_NAMED_WEEKDAY = re.compile(r"\b(?:Super|Black|Bloody|Cyber|Manic|Blue)\s+$")
#: "a Sunday service", "a Friday prayer": a weekday used as an adjective
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an)\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(
    r"\s+(?!morning|afternoon|evening|night|and|or|at|in|on|to|the)[a-z]{3,}\b")
_ANY_DIGIT = re.compile(r"\d")
#: What follows a weekday that heads a line of a programme ("Saturday: ...", "Monday –").
_PROGRAMME_LABEL = re.compile(r"[ \t]*(?:[:–—]|-\s|$)", re.MULTILINE)
#: The clause of a later happening, up to its day: "before handing over ... on Sunday",
#: "avant de lui passer le flambeau dimanche"
LATER_CLAUSE = re.compile(r"\b(?:before\s+\w+ing|avant\s+d[e'’])\b[^,;.]*$", re.IGNORECASE)


def later_clause(text: str, lo: int, hi: int) -> bool:
    """Whether ``text[lo:hi]`` ends in a clause of what comes later (``LATER_CLAUSE``).

    Every match holds "before" or "avant" (in any case): looked for first in the lower-cased
    window, the pattern runs only where it can match.
    """
    window = text[lo:hi].lower()
    return ("before" in window or "avant" in window) and \
        LATER_CLAUSE.search(text, lo, hi) is not None
#: A sentence that opens by going on with a programme: "Then Lausanne on Thursday", "Puis
#: Lausanne et Genève jeudi", "Ensuite, ..."
_THEN_OPENS = re.compile(r"\s*(?:then|afterwards|after\s+that|puis|ensuite|après\s+quoi)\b",
                         re.IGNORECASE)
_SAID_BEFORE = re.compile(
    r"\b(?:said|announced|told|reported|added|confirmed|disclosed|declared|stated)\s+(?:on\s+)?$",
    re.IGNORECASE)
_YEAR_MONTH = re.compile(r"(\d{4})(?:-(\d\d)\b|$)")
_DAY_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_QUARTER_VALUE = re.compile(r"\d{4}-Q\d")
_YEARISH_VALUE = re.compile(r"\d{4}|\d{4}-H\d|P\d+M|P1Y")
_ATTRIBUTIVE_BEFORE = re.compile(r"\ban?\s+$", re.IGNORECASE)
_WORD_AFTER = re.compile(r" ([a-z]+)\b")
_FUNCTION_WORDS = frozenset("""
and or but nor when while as at in on to for of with by from after before until since the a an
this that these those will would is was are were be been has had have can could may might
must shall should he she it they we you i his her its their our my your which who whom whose
where then than so if because though although also not no only just still even
""".split())


def _norm(s: str | None) -> str:
    return " ".join(s.lower().split()) if s else ""  # (str.split splits at runs of \s)


@dataclass
class _Ctx:
    """Everything a handler may look at: the text, the reference dates, the anchors so far."""

    text: str
    dct: date
    settings: ExtractionSettings
    tenses: TenseIndex
    #: the language the text is read in
    grammar: Grammar = field(default_factory=lambda: grammar("en"))
    last_day: date | None = None
    last_day_text: str = ""
    #: first day of the last expression that set ``last_day`` (a span's start)
    focus_first: date | None = None
    #: where the expression that set the focus ends
    focus_end: int = 0
    #: whether the focus comes from a dated weekday ("Thursday, September 16"), directly or
    #: through anaphora ("That afternoon"): the text then names its days by weekday
    focus_by_weekday: bool = False
    #: weekday -> (day, where it was named) of the days named with their weekday and date
    #: ("Tuesday, February 7th and Saturday, February 11th")
    named_days: dict[int, tuple[date, int]] = field(default_factory=dict)
    #: the month (year, month) of the last expression naming one (or a year: month 1)
    last_month: tuple[int, int] | None = None
    #: quarters named so far, with how often (insertion order kept)
    quarters: dict[tuple[int, int], int] = field(default_factory=dict)
    #: granularity of the last period named: "Q" (a quarter), "Y" (a year or months of it)
    last_period: str = ""
    #: The first plain year named in a sentence, by the sentence's start offset
    sentence_year: dict[int, tuple[int, str]] = field(default_factory=dict)
    #: TimeML conventions (for evaluation) instead of calendar days where they differ
    timeml: bool = False
    #: False when the expression just found must not become the anchor of later anaphora
    anchor_ok: bool = True
    #: a page's stamp line ("28 juin 2019, 17:24" under the headline): where it ends, and the
    #: anchor before it, which comes back after it (the story does not count from its stamp)
    stamp_end: int = -1
    before_stamp: tuple[date | None, str, date | None, int] | None = None

    @property
    def last_quarter(self) -> tuple[int, int] | None:
        """The quarter the text is about: the one named most often so far, the first on ties.

        Earnings news names its quarter, then others in passing ("a flat second quarter");
        "the year-earlier period" still means the quarter of the story.
        """
        if not self.quarters:
            return None
        return max(self.quarters.items(), key=lambda kv: kv[1])[0]

    def note_quarter(self, yq: tuple[int, int]) -> None:
        self.quarters[yq] = self.quarters.get(yq, 0) + 1

    def anchor(self) -> tuple[date, str, str]:
        """The day anaphora count from: (day, anchor kind, words for people)."""
        if self.last_day is not None:
            label = f"{self.last_day.isoformat()} ({self.last_day_text})"
            return self.last_day, "previous", label
        return self.dct, "publication", f"publication date {self.dct.isoformat()}"


_G = dict[str, str]
_Handler = Callable[[_G, int, int, _Ctx], "Timex | None"]


def _tx(
    ctx: _Ctx, start: int, end: int, type_: TimexType, value: str, **kw: object
) -> Timex:
    return Timex(start=start, end=end, text=ctx.text[start:end], type=type_, value=value,
                 **kw)  # type: ignore[arg-type]


def _day(ctx: _Ctx, start: int, end: int, d: date, resolution: str, anchor: str,
         conf: float, *, last: date | None = None, mod: str | None = None,
         pod: str | None = None) -> Timex:
    value = d.isoformat()
    type_: TimexType = "DATE"
    if pod:
        value += "T" + PARTS_OF_DAY[pod.lower()]
        type_ = "TIME"
    # (made here rather than by ``_tx``: most expressions are days, and its keywords, packed
    # and unpacked, cost as much as the object)
    return Timex(start=start, end=end, text=ctx.text[start:end], type=type_, value=value,
                 mod=mod, first_day=d, last_day=last or d, resolution=resolution,
                 anchor=anchor, confidence=conf)


def _mod(word: str | None) -> str | None:
    return _MOD_WORDS.get(_norm(word).replace("-", " ")) if word else None


# --- absolute dates -------------------------------------------------------------------------

def _pick_year(ctx: _Ctx, month: int, day: int, tense: Callable[[], Tense],
               weekday: int | None) -> int | None:
    """Year of a month-day written without one: the occurrence nearest the publication date.

    A weekday written beside it ("Thursday, Nov. 11") picks the year where it fits; a future
    clause moves a date more than two weeks past to the next year. ``tense`` is asked only
    then (it reads the sentence's markers; a date near publication needs none). None when the
    day is in none of the three years around publication ("Feb. 29" in 2026): which leap year
    the writer meant is a guess, so the date is left unresolved.
    """
    ref = ctx.dct
    # (the days themselves, each made once)
    days = [d for y in (ref.year - 1, ref.year, ref.year + 1)
            if (d := R.safe_date(y, month, day)) is not None]
    if not days:
        return None
    if weekday is not None:
        fits = [d for d in days if d.weekday() == weekday]
        if fits:
            days = fits
    best = min(days, key=lambda d: abs((d - ref).days))
    if best < ref - timedelta(days=14):
        if R.safe_date(best.year + 1, month, day) and tense() == "future":
            return best.year + 1
    elif best > ref + timedelta(days=90) \
            and R.safe_date(best.year - 1, month, day) and weekday is None and tense() == "past":
        return best.year - 1
    return best.year


def _pick_month_year(dct: date, month: int, tense: Tense) -> int:
    """Year of a month named alone: the occurrence nearest the publication date.

    A clause in the past moves a month more than three months ahead to the year before and
    keeps one more than six months back in the same year; a future clause does the converse.
    """
    diff = month - dct.month  # in months, -11..11
    if (diff > 6 and tense != "future") or (diff > 3 and tense == "past"):
        return dct.year - 1
    if (diff < -6 and tense != "past") or (diff < -3 and tense == "future"):
        return dct.year + 1
    return dct.year


def _year4(s: str) -> int:
    y = int(s)
    return y if len(s) == 4 else (1900 + y if y >= 50 else 2000 + y)


def _h_iso(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    d = R.safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
    if d is None:
        return None
    if g.get("hh") and not (int(g["hh"]) <= 23 and int(g["mm"]) <= 59):
        e = s + 10  # "2021-11-05 24:00": the day as written, but no such time of day
    elif g.get("hh"):
        clock = f"{g['hh']}:{g['mm']}"
        return _tx(ctx, s, e, "TIME", f"{d.isoformat()}T{clock}", first_day=d, last_day=d,
                   clock=clock, resolution=f"{d.isoformat()} at {clock} as written",
                   anchor="absolute", confidence=0.97)
    return _day(ctx, s, e, d, f"{d.isoformat()} as written", "absolute", 0.97)


def _h_numeric(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    d = R.safe_date(_year4(g["y"]), int(g["a"]), int(g["b"]))
    if d is None:
        return None
    return _day(ctx, s, e, d, f"{d.isoformat()} (month/day/year)", "absolute", 0.8)


def _year_tense(ctx: _Ctx, s: int, e: int) -> Tense:
    """The tense that picks a month-day's year: its clause's near the date; in calendar mode a
    future a little farther off counts too ("The tour will kick off at Bristol's Ashton Gate
    Stadium on May 29": next May)."""
    near = ctx.tenses.tense(s, e, near=40)
    if near is None and not ctx.timeml and ctx.tenses.tense(s, e, near=80) == "future":
        return "future"
    return near


def _h_wd_numeric(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    """"Wednesday 17/10": day/month or month/day, whichever falls on the weekday, in the year
    nearest the publication date; nothing when neither or both do."""
    wd = WEEKDAYS[g["wd"].lower()]
    a, b = int(g["a"]), int(g["b"])
    fits = []
    for day, month in {(a, b), (b, a)}:
        if 1 <= month <= 12 and R.safe_date(2000, month, day):
            year = _pick_year(ctx, month, day, lambda: None, wd)
            if year is not None and date(year, month, day).weekday() == wd:
                fits.append(date(year, month, day))
    if len(fits) != 1:
        return None
    d = fits[0]
    return _day(ctx, s, e, d, f"{d.isoformat()} (day and month in figures, on a "
                f"{WEEKDAY_NAMES[wd]})", "absolute", 0.85)


def _h_mdy(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    month = MONTHS[g["mon"].lower().rstrip(".")]
    day = ordinal_value(g["d"]) or 0
    wd = WEEKDAYS[g["wd"].lower()] if g.get("wd") else None
    if g.get("y"):
        year = int(g["y"])
        how = "as written"
        anchor, conf = "absolute", 0.97
    else:
        if not R.safe_date(2000, month, day):
            return None
        # (no year named at a sentence's start yet: no need to find the sentence)
        named = ctx.sentence_year.get(ctx.tenses.sentence(s)[0]) if ctx.sentence_year else None
        if named is not None and R.safe_date(named[0], month, day):
            # "Last year, the launch was on Sept. 12": the year the sentence named first
            year = named[0]
            how = f"year {year} from “{named[1]}” earlier in the sentence"
        else:
            said: Tense = g.get("tense")  # type: ignore[assignment]
            picked = _pick_year(ctx, month, day, (lambda: said) if said else
                                lambda: _year_tense(ctx, s, e), wd)
            if picked is None:
                return None
            year = picked
            how = f"year {year} from publication date {ctx.dct.isoformat()}"
        anchor, conf = "publication", 0.93
    d = R.safe_date(year, month, day)
    if d is None:
        return None
    last = d
    if g.get("d2"):
        d2 = R.safe_date(year, month, ordinal_value(g["d2"]) or 0)
        if d2 is None or d2 <= d:
            return None
        last = d2
    res = f"{d.isoformat()}" + (f" to {last.isoformat()}" if last != d else "") + f", {how}"
    return _day(ctx, s, e, d, res, anchor, conf, last=last)


def _year_of(g: _G, ctx: _Ctx) -> int | None:
    """The year written in a match: digits, "'89", "this/last/next year" or words."""
    if g.get("y"):
        return int(g["y"])
    if g.get("y2"):
        return _year4(g["y2"])
    if g.get("ry"):
        return ctx.dct.year + {"this": 0, "last": -1, "next": 1}[g["ry"].lower()]
    if g.get("yw"):
        return spoken_year(g["yw"])
    return None


def _h_month_year(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    month = MONTHS[g["mon"].lower().rstrip(".")]
    year = _year_of(g, ctx)
    if year is None:
        return None
    return _tx(ctx, s, e, "DATE", f"{year:04d}-{month:02d}", mod=_mod(g.get("mod")),
               resolution=f"{year:04d}-{month:02d} as written", anchor="absolute",
               confidence=0.95)


def _h_month(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    name = g["mon"]
    if _FOR_OF_ON_AFTER.match(ctx.text[e:e + 5]) and _THE_BEFORE.search(ctx.text[max(0, s - 5):s]):
        return None  # "the March for Life": a name
    if name.lower() == "may" and not g.get("mod") and ctx.grammar.code == "en":
        if not _MAY_BEFORE.search(ctx.text, max(0, s - 20), s):
            return None
        if name == "MAY" or (name == "May" and s > 0 and ctx.text[s - 1] not in " \t\n(-"):
            return None
    month = MONTHS[name.lower()]
    tense = ctx.tenses.tense(s, e)
    year = _pick_month_year(ctx.dct, month, tense)
    return _tx(ctx, s, e, "DATE", f"{year:04d}-{month:02d}", mod=_mod(g.get("mod")),
               resolution=f"{name} {year} ({tense or 'no'} tense, publication year "
                          f"{ctx.dct.year})", anchor="publication", confidence=0.85)


def _h_year(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    y = int(g["y"])
    if _YEAR_NOUN_AFTER.match(ctx.text, e) or y > ctx.dct.year + 50:
        return None
    if ctx.text[e:e + 1] in ("%",) or ctx.text[max(0, s - 1):s] in ("$",):
        return None
    mod = _norm(g.get("mod"))
    if mod.endswith("half of"):
        half = "H1" if "first" in mod else "H2"
        return _tx(ctx, s, e, "DATE", f"{y:04d}-{half}", resolution=f"{half} of {y}",
                   anchor="absolute", confidence=0.9)
    return _tx(ctx, s, e, "DATE", f"{y:04d}", mod=_mod(g.get("mod")),
               resolution=f"the year {y}", anchor="absolute", confidence=0.9)


def _h_fiscal(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    y = _year4(g["y"].lstrip("'’"))
    return _tx(ctx, s, e, "DATE", f"{y:04d}", resolution=f"fiscal year {y}",
               anchor="absolute", confidence=0.9)


def _h_decade(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    if g.get("decw"):
        tens = TENS[g["decw"].lower()[:-3] + "y"] // 10
        century = ctx.dct.year // 100 - (1 if tens > (ctx.dct.year // 10) % 10 else 0)
        v = f"{century}{tens}"
    elif g.get("dec"):
        v = g["dec"]
    else:
        century = ctx.dct.year // 100
        if int(g["dec2"]) > (ctx.dct.year // 10) % 10:
            century -= 1
        v = f"{century}{g['dec2']}"
    return _tx(ctx, s, e, "DATE", v, mod=_mod(g.get("mod")), resolution=f"the {v}0s",
               anchor="absolute", confidence=0.9)


def _h_season(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    code = SEASONS[g["s"].lower()][0]
    year = _year_of(g, ctx)
    if year is None:
        return None
    return _tx(ctx, s, e, "DATE", f"{year:04d}-{code}", mod=_mod(g.get("mod")),
               resolution=f"{g['s']} {year}", anchor="absolute", confidence=0.9)


def _h_season_alone(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    """"the summer", "over the summer": this year's, or last year's if still ahead."""
    code, first, _last = SEASONS[g["s"].lower()]
    year = ctx.dct.year
    if ctx.dct.month < first and code != "WI" and ctx.tenses.tense(s, e) == "past":
        year -= 1
    return _tx(ctx, s, e, "DATE", f"{year:04d}-{code}", mod=_mod(g.get("mod")),
               resolution=f"{g['s']} {year}", anchor="publication", confidence=0.7)


def _h_year_end(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    year = ctx.dct.year - (1 if ctx.tenses.tense(s, e) == "past" else 0)
    return _tx(ctx, s, e, "DATE", f"{year:04d}-12-31", first_day=date(year, 12, 31),
               last_day=date(year, 12, 31), resolution=f"the end of {year}",
               anchor="publication", confidence=0.7)


def _h_year_words(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    year = _year_of(g, ctx)
    if year is None:
        return None
    return _tx(ctx, s, e, "DATE", f"{year:04d}", resolution=f"the year {year}",
               anchor="absolute", confidence=0.8)


def _h_year_quarter(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    """"the 1988 quarter": the quarter last spoken of, in that year."""
    y = int(g["y"])
    if ctx.last_quarter:
        return _tx(ctx, s, e, "DATE", f"{y:04d}-Q{ctx.last_quarter[1]}",
                   resolution=f"quarter {ctx.last_quarter[1]} of {y}", anchor="previous",
                   confidence=0.6)
    return _tx(ctx, s, e, "DATE", f"{y:04d}", resolution=f"the year {y}", anchor="absolute",
               confidence=0.6)


def _h_dom(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    if not _DOM_AFTER.match(ctx.text, e):
        return None
    day = ordinal_value(g["d"]) or 0
    base, anchor, _ = ctx.anchor()
    d = R.safe_date(base.year, base.month, day)
    if d is not None and d < ctx.dct and ctx.tenses.tense(s, e) == "future":
        following = R.add_months(base.replace(day=1), 1)
        d = R.safe_date(following.year, following.month, day)
    if d is None:
        return None
    return _day(ctx, s, e, d, f"day {day} of the month of {base.isoformat()}", anchor, 0.75)


def _h_daylist(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    """A pair of days listed in a calendar ("13 et 14"): days of the month in force.

    Calendars only (TimeML leaves such bare numbers untagged); a language's rules say which
    lists these are (French "daylist"); English has none.
    """
    if ctx.timeml or ctx.last_month is None:
        return None
    year, month = ctx.last_month
    first = R.safe_date(year, month, ordinal_value(g["d"]) or 0)
    last = R.safe_date(year, month, ordinal_value(g["d2"]) or 0)
    if first is None or last is None or not 0 < (last - first).days <= 3:
        return None
    return _day(ctx, s, e, first, f"{first.isoformat()} to {last.isoformat()}, days of the month"
                f" in force ({year}-{month:02d})", "previous", 0.7, last=last)


# --- holidays -------------------------------------------------------------------------------

_WEEKDAY_ALT = "|".join(n.lower() for n in WEEKDAY_NAMES)
_WEEKDAY_WORD = re.compile(rf"\b({_WEEKDAY_ALT})\b", re.I)
_WEEKDAY_BEFORE = re.compile(rf"\b({_WEEKDAY_ALT})\b[,\s]*(?:the\s+)?$", re.I)
#: Where the clause of a holiday's name ends: a sentence end ("p.m." is none), a comma, a
#: new predicate ("and ...", "said ..."), so that "on Bastille Day, city hall said on Monday"
#: does not give Bastille Day the day it was announced.
_CLAUSE_END = re.compile(
    r"[!?;,\n]|\.\s+(?-i:[A-Z])|\b(?:and|but|while|said|says|told|announced)\b", re.I)
_WEEKDAY_APPOSITION = re.compile(rf"\s*[,(]\s*(?:on\s+)?({_WEEKDAY_ALT})\b", re.I)


def _stated_weekday(ctx: _Ctx, s: int, e: int) -> int | None:
    """A weekday written beside the holiday named at ``s:e``, in the same clause.

    "Monday, Labor Day", "Labor Day (Monday)", "Labor Day fireworks at 9:15 p.m. on Monday":
    the holiday meant is one that falls on that weekday.
    """
    match = _WEEKDAY_APPOSITION.match(ctx.text, e) or _WEEKDAY_BEFORE.search(
        ctx.text, max(0, s - 16), s)
    if match is None:
        after = ctx.text[e:e + 48]
        end = _CLAUSE_END.search(after)
        match = _WEEKDAY_WORD.search(after[:end.start()] if end else after)
    return WEEKDAYS[match.group(1).lower()] if match else None


def _holiday(ctx: _Ctx, name: str, s: int, tense: Callable[[], Tense],
             weekday: int | None = None) -> tuple[date, str, int] | None:
    """Find the holiday in ``name`` (leading words may not belong to it): (date, name, skip).

    Countries can name different days alike; the order of the configured countries does not
    decide when the text does: with ``weekday`` (a weekday stated beside the name) only the
    countries whose holiday falls on it count, and among those the first configured one wins.
    ``tense`` is asked only when the nearest occurrence is past, or over a month ahead.
    """
    words = name.split()
    for i in range(len(words)):
        cand = " ".join(words[i:])
        cand = _POSSESSIVE_END.sub("", cand) if cand.lower().endswith(("day's", "eve's")) else cand
        by_country: dict[str, list[date]] = {}
        for dy in (0, -1, 1):
            for day, _, country in hol.lookup_all(cand, ctx.dct.year + dy,
                                                  ctx.settings.countries,
                                                  ctx.grammar.holiday_language):
                by_country.setdefault(country, []).append(day)
        if not by_country:
            continue
        if weekday is not None:
            agreeing = {c: [d for d in days if d.weekday() == weekday]
                        for c, days in by_country.items()}
            agreeing = {c: days for c, days in agreeing.items() if days}
            by_country = agreeing or by_country
        options = next(days for c in ctx.settings.countries if (days := by_country.get(c)))
        best = min(options, key=lambda d: abs((d - ctx.dct).days))
        if best < ctx.dct:
            if tense() == "future":
                later = [d for d in options if d >= ctx.dct]
                best = min(later) if later else best
        elif best > ctx.dct + timedelta(days=31) and tense() == "past":
            earlier = [d for d in options if d <= ctx.dct]
            best = max(earlier) if earlier else best
        skip = name.find(words[i]) if i else 0  # leading words that are not part of the name
        return best, cand, skip
    return None


def _h_holiday(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    text = ctx.text[s:e]
    found = _holiday(ctx, text, s, lambda: ctx.tenses.tense(s, e), _stated_weekday(ctx, s, e))
    if found is None:
        return None
    d, name, skip = found
    if _ATTRIBUTIVE_BEFORE.search(ctx.text, max(0, s + skip - 4), s + skip) or (
            (after := _WORD_AFTER.match(ctx.text, e)) and after.group(1) not in _FUNCTION_WORDS):
        # "an Armistice Day ceremony": names a kind of event, not the day the text is on
        ctx.anchor_ok = False
    return _day(ctx, s + skip, e, d, f"{name} = {d.isoformat()} (holidays package)",
                "holiday", 0.9)


def _h_holiday_mod(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    hs = e - len(g["h"])
    found = _holiday(ctx, g["h"], hs, lambda: ctx.tenses.tense(s, e))
    if found is None:
        return None
    d, name, _ = found
    rel = _norm(g["rel"])
    res = f"{ctx.text[s:e]} = "
    if rel in ("eve", "day before", "night before"):
        day = d - timedelta(days=1)
        pod = "night" if rel == "night before" else None
        return _day(ctx, s, e, day, res + f"day before {d.isoformat()} ({name})", "holiday",
                    0.9, pod=pod)
    if rel == "day after":
        day = d + timedelta(days=1)
        return _day(ctx, s, e, day, res + f"day after {d.isoformat()} ({name})", "holiday", 0.9)
    if rel.endswith(" of") and rel.split()[0] in PARTS_OF_DAY:
        return _day(ctx, s, e, d, res + f"{d.isoformat()} ({name})", "holiday", 0.9,
                    pod=rel.split()[0])
    if rel.startswith(("weekend", "week")):
        shift = {"after": 7, "before": -7}.get(rel.split()[-1], 0)
        ref = d + timedelta(days=shift)
        if rel.startswith("weekend"):
            sat, sun = R.weekend_of(ref)
            return _tx(ctx, s, e, "DATE", R.week_value(sat) + "-WE", first_day=sat,
                       last_day=sun, resolution=res + f"weekend near {d} ({name})",
                       anchor="holiday", confidence=0.8)
        return _tx(ctx, s, e, "DATE", R.week_value(ref), resolution=res + f"week of {ref}",
                   anchor="holiday", confidence=0.8)
    return None


# --- relative to publication ----------------------------------------------------------------

def _h_reltime_day(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    w = g["w"].lower()
    if w == "today" and (_GENERIC_AFTER_TODAY.match(ctx.text, e) or (
            ctx.text[s] == "T" and _CAPITALISED_BEFORE.search(ctx.text[max(0, s - 12):s]))):
        return None  # "today's world" means nowadays; "VOA Today" is a title
    shift = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}[w]
    if g.get("dd"):
        shift += 1 if g["dd"].lower() == "after" else -1
    d = ctx.dct + timedelta(days=shift)
    pod = g.get("pod") or ("tonight" if w == "tonight" else None)
    words = {0: "publication date", 1: "day after publication date",
             -1: "day before publication date", 2: "two days after publication date",
             -2: "two days before publication date"}[shift]
    return _day(ctx, s, e, d, f"{ctx.text[s:e]} = {words} {ctx.dct.isoformat()}" if shift
                else f"{ctx.text[s:e]} = publication date {ctx.dct.isoformat()}",
                "publication", 0.95, mod=_mod(g.get("early")), pod=pod)


def _h_this_pod(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    rel = _norm(g["rel"])
    pod = g["pod"].lower()
    if rel == "this":
        d, anchor, how = ctx.dct, "publication", f"publication date {ctx.dct.isoformat()}"
    elif rel == "last":
        d = ctx.dct - timedelta(days=1) if pod in ("night", "evening") else ctx.dct
        anchor, how = "publication", f"before publication date {ctx.dct.isoformat()}"
    else:
        base, anchor, how = ctx.anchor()
        shift = {"the following": 1, "the next": 1, "the previous": -1}.get(rel, 0)
        d = base + timedelta(days=shift)
        how = ("same day as " if shift == 0 else "day after " if shift > 0
               else "day before ") + how
    return _day(ctx, s, e, d, f"{ctx.text[s:e]} = {how}", anchor, 0.85,
                mod=_mod(g.get("early")), pod=pod)


def _h_weekday(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    wd = WEEKDAYS[g["wd"].lower()]
    name = WEEKDAY_NAMES[wd]
    rel = _norm(g.get("rel"))
    pod = g.get("pod")
    if not rel and not g.get("nw") and not ctx.timeml and (
            _NAMED_WEEKDAY.search(ctx.text, max(0, s - 8), s)
            or (_ARTICLE_BEFORE.search(ctx.text, max(0, s - 4), s)
                and _NOUN_AFTER.match(ctx.text, e))):
        return None  # "a Super Sunday showdown", "a Sunday service": a name, not a day
    dct = ctx.dct
    anchor = "publication"
    conf = 0.85
    if g.get("nw"):
        which = _norm(g["nw"]).split()[0]
        monday = dct - timedelta(days=dct.weekday()) + timedelta(
            weeks={"next": 1, "last": -1, "this": 0}[which])
        d = monday + timedelta(days=wd)
        how = f"{name} of the week {which} publication date {dct.isoformat()}"
    elif rel in ("next", "this coming", "coming"):
        d = R.next_weekday(dct, wd)
        how = f"first {name} after publication date {dct.isoformat()}"
        conf = 0.9
    elif rel in ("last", "this past", "past", "previous"):
        d = R.last_weekday(dct, wd)
        how = f"last {name} before publication date {dct.isoformat()}"
        conf = 0.9
    elif rel in ("the following", "the next", "that"):
        base, anchor, label = ctx.anchor()
        d = R.next_weekday(base, wd) if rel != "that" else R.next_weekday(
            base - timedelta(days=1), wd)
        how = f"first {name} after {label}"
    elif rel in ("the previous", "the preceding"):
        base, anchor, label = ctx.anchor()
        d = R.last_weekday(base, wd)
        how = f"last {name} before {label}"
    elif rel == "the same":
        base, anchor, label = ctx.anchor()
        d = base
        how = f"same day as {label}"
    else:
        tense = ctx.tenses.tense(s, e)
        if tense is None and not ctx.timeml and (
                _HOLDS.search(ctx.text, max(0, s - 50), s)
                or _IMPERATIVE.match(ctx.text, ctx.tenses.sentence(s)[0], s)):
            # "the governor holds a news conference on Friday", "Set your alarm clock for
            # early Saturday morning": what is to come
            tense = "future"
        if tense is None and _PROGRAMME_LABEL.match(ctx.text, e) and (
                s == 0 or ctx.text[s - 1] == "\n"):
            tense = "future"  # "Saturday: leaders arrive": a programme's day, not the past's
        if _SAID_BEFORE.search(ctx.text, max(0, s - 30), s):
            tense = "past"  # "Paribas said Monday that it intends to bid": when it was said
        elif ctx.text[e:e + 2] in ("'s", "’s") and tense == "future":
            tense = None  # "ways to get around Wednesday's ruling": the ruling is news already
        if not rel and not ctx.timeml and tense != "past" and ctx.last_day is not None \
                and ctx.last_day >= dct and _THEN_OPENS.match(
                    ctx.text, ctx.tenses.sentence(s)[0], s):
            # "Berne on Wednesday for ... Then Lausanne and Geneva on Thursday": the
            # programme goes on, so the weekday comes after the day before it
            base, anchor, label = ctx.anchor()
            d = R.next_weekday(base, wd)
            how = f"first {name} after {label} (the programme goes on)"
        elif rel == "this":
            # "this Friday": that weekday of the publication's week, the next one only
            # when a future clause points past it
            monday = dct - timedelta(days=dct.weekday())
            d = monday + timedelta(days=wd)
            if d < dct and tense == "future":
                d += timedelta(days=7)
            how = f"{name} of the week of publication date {dct.isoformat()}"
        elif (framed := _in_frame(ctx, wd, tense, s)) is not None:
            d, how = framed
            anchor = "previous"
        elif tense == "future":
            d = R.last_weekday(dct + timedelta(days=6), wd, same_day=True)
            how = (f"{name} on or after publication date {dct.isoformat()} (future clause)")
        else:
            d = R.last_weekday(dct, wd, same_day=True)
            how = (f"{name} on or before publication date {dct.isoformat()} "
                   f"({'past' if tense else 'no'} tense)")
            conf = 0.8 if tense else 0.65
    # "Friday morning": TimeBank mostly gives the day alone; the part of the day stays in
    # the words
    keep = pod if pod and pod.lower() in ctx.grammar.weekday_pods else None
    said = f"{ctx.text[s:e].strip()} = {how}" + (f" ({pod})" if pod and not keep else "")
    return _day(ctx, s, e, d, said, anchor, conf, mod=_mod(g.get("early")), pod=keep)


#: How far a narrative carries its focus without naming a day again (about a paragraph).
_FOCUS_REACH = 500


def _in_frame(ctx: _Ctx, wd: int, tense: Tense, s: int) -> tuple[date, str] | None:
    """A bare weekday read inside the future day or span the narrative is about.

    "The tour runs March 3-7 ... she arrives on Monday", "On Friday, September 17 ... On
    Saturday": once the text has put its focus on a day later than the publication week, a
    weekday that is not said in the past names the first such day of that focus (within a
    span, or on or after its first day), as a reader keeps the focus. TimeML evaluation keeps
    the publication reading (its corpora are news about the week of publication).
    """
    named = ctx.named_days.get(wd)
    if not ctx.timeml and named is not None and named[0] > ctx.dct and \
            s - named[1] <= _FOCUS_REACH:
        # "strike days - Tuesday, February 7th and Saturday, February 11th ... Tuesday marks
        # the day that ... is presented": the Tuesday just named, whatever the tense says
        return named[0], f"{WEEKDAY_NAMES[wd]} = {named[0].isoformat()}, named just before, " \
                         "in focus"
    first, last = ctx.focus_first, ctx.last_day
    if ctx.timeml or tense == "past" or first is None or last is None or last < first \
            or s - ctx.focus_end > _FOCUS_REACH:
        return None
    if first <= ctx.dct + timedelta(days=13) or (first - ctx.dct).days > 400:
        return None  # a focus in the next fortnight: "Tuesday" is still this week's
    d = R.last_weekday(first + timedelta(days=6), wd, same_day=True)
    if not (ctx.focus_by_weekday or first < d <= last):
        return None  # a far date named in passing: "this week" still reads from publication
    name = WEEKDAY_NAMES[wd]
    if d <= last:
        how = f"{name} within {first.isoformat()}..{last.isoformat()} ({ctx.last_day_text})" \
            if last > first else f"{name} on or after {first.isoformat()} ({ctx.last_day_text})"
    else:
        how = f"{name} on or after {first.isoformat()} ({ctx.last_day_text})"
    return d, f"{how}, in focus"


_REL_SHIFT = {
    "this": 0, "current": 0, "the current": 0, "the present": 0, "last": -1, "past": -1,
    "previous": -1, "prior": -1, "the latest": -1, "next": 1, "coming": 1,
    "the following": 1, "the next": 1, "the same": 0, "that": 0, "the previous": -1,
    "the prior": -1, "the preceding": -1, "the past": -1, "the last": -1, "the coming": 1,
}
_ANAPHORIC = {"the following", "the same", "that", "the previous", "the prior", "the preceding"}


def _unit_value(unit: str, base: date, shift: int) -> tuple[str, date | None, date | None]:
    """TimeML value of the ``unit`` holding ``base``, moved by ``shift`` units."""
    if unit == "week":
        d = base + timedelta(weeks=shift)
        return R.week_value(d), None, None
    if unit == "weekend":
        sat, sun = R.weekend_of(base + timedelta(weeks=shift))
        if shift == 0 and base.weekday() == 6:
            sat, sun = base - timedelta(days=1), base
        return R.week_value(sat) + "-WE", sat, sun
    if unit == "month":
        d = R.add_months(base.replace(day=1), shift)
        return f"{d.year:04d}-{d.month:02d}", None, None
    if unit == "quarter":
        y, q = R.shift_quarter(base.year, R.quarter_of(base), shift)
        return f"{y:04d}-Q{q}", None, None
    if unit == "decade":
        return str(base.year // 10 + shift), None, None
    if unit == "century":
        return str(base.year // 100 + shift), None, None
    return f"{base.year + shift:04d}", None, None


def _h_rel_unit(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    if ctx.text[s:e] == "This Week":
        return None  # a title ("ABC's This Week"), not a week
    rel = _norm(g["rel"])
    unit = _norm(g["unit"])
    mod = _mod(g.get("mod"))
    shift = _REL_SHIFT[rel]
    if rel in _ANAPHORIC and unit in ("month", "year") and ctx.last_month is not None:
        # "the following month", "later that year": from the month or year last named
        y, m = ctx.last_month
        base, anchor, label = date(y, m, 1), "previous", f"{y:04d}-{m:02d}"
        if unit == "year":
            label = f"{y:04d}"
    elif rel in _ANAPHORIC:
        base, anchor, label = ctx.anchor()
    else:
        base, anchor, label = ctx.dct, "publication", f"publication date {ctx.dct}"
    what = f"{ctx.text[s:e]} = "
    if unit in MONTHS:
        month = MONTHS[unit]
        year = base.year
        if shift < 0 and month >= base.month:
            year -= 1
        elif shift > 0 and month <= base.month:
            year += 1
        return _tx(ctx, s, e, "DATE", f"{year:04d}-{month:02d}", mod=mod,
                   resolution=what + f"{unit.title()} {year} ({label})", anchor=anchor,
                   confidence=0.85)
    if unit in SEASONS or unit == "season":
        code, first, last = SEASONS.get(unit, SEASONS[_season_of(base)])
        year = base.year
        if shift < 0:
            ended = base.month > last if first <= last else 3 <= base.month < 12
            year = year if ended else year - 1
        elif shift > 0:
            year = year if base.month < first else year + 1
        return _tx(ctx, s, e, "DATE", f"{year:04d}-{code}", mod=mod,
                   resolution=what + f"{unit} {year} ({label})", anchor=anchor,
                   confidence=0.8)
    if unit == "fiscal year":
        unit = "year"
    if unit == "weekend" and shift == 0 and rel not in _ANAPHORIC:
        return _weekend(ctx, s, e, mod)
    if unit == "quarter":
        y, q = R.shift_quarter(base.year, R.quarter_of(base), shift)
        if rel in ("the same", "that") and ctx.last_quarter:
            y, q = ctx.last_quarter
        ctx.note_quarter((y, q))
    value, first_d, last_d = _unit_value(unit, base, shift)
    if g.get("mod") and _norm(g["mod"]) in ("the first half of", "the second half of") \
            and unit == "year":
        value += "-H1" if "first" in g["mod"] else "-H2"
        mod = None
    return _tx(ctx, s, e, "DATE", value, mod=mod, first_day=first_d, last_day=last_d,
               resolution=what + f"{value} ({label})", anchor=anchor, confidence=0.85)


def _weekend(ctx: _Ctx, s: int, e: int, mod: str | None) -> Timex:
    """"this weekend" / "the weekend": the coming one, or the last one in a past clause."""
    dct = ctx.dct
    if ctx.tenses.tense(s, e) == "past" or (dct.weekday() == 0 and
                                             ctx.tenses.tense(s, e) is None):
        sat = R.last_weekday(dct, 5, same_day=True)
    else:
        sat = dct - timedelta(days=1) if dct.weekday() == 6 else R.last_weekday(
            dct + timedelta(days=6), 5, same_day=True)
    sun = sat + timedelta(days=1)
    value = R.week_value(sat) + "-WE"
    return _tx(ctx, s, e, "DATE", value, mod=mod, first_day=sat, last_day=sun,
               resolution=f"{ctx.text[s:e]} = {sat.isoformat()} to {sun.isoformat()} "
                          f"(publication date {dct.isoformat()})",
               anchor="publication", confidence=0.8)


def _h_the_unit(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    unit = g["unit"].lower()
    if unit == "weekend":
        return _weekend(ctx, s, e, None)
    if _ENDED_AFTER.match(ctx.text[e:e + 20]):
        # "the year ended March 31": a span of a year, not a calendar year
        return _tx(ctx, s, e, "DURATION", f"P1{UNITS[unit][0]}",
                   resolution=f"a {unit}", anchor="absolute", confidence=0.6)
    value, _, _ = _unit_value(unit, ctx.dct, 0)
    return _tx(ctx, s, e, "DATE", value, resolution=f"{ctx.text[s:e]} = {value} (publication "
               f"date {ctx.dct.isoformat()})", anchor="publication", confidence=0.6)


def _h_year_earlier(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    if ctx.last_quarter and ctx.last_period == "Q":
        y, q = ctx.last_quarter
        return _tx(ctx, s, e, "DATE", f"{y - 1:04d}-Q{q}", resolution=f"quarter {y - 1}-Q{q}",
                   anchor="previous", confidence=0.6)
    return _tx(ctx, s, e, "DATE", f"{ctx.dct.year - 1:04d}", resolution="the year before",
               anchor="publication", confidence=0.6)


def _h_century(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    n = int(g["n"])
    return _tx(ctx, s, e, "DATE", f"{n - 1:02d}", mod=_mod(g.get("mod")),
               resolution=f"the years {n - 1}00-{n - 1}99", anchor="absolute", confidence=0.9)


def _season_of(d: date) -> str:
    return {12: "winter", 1: "winter", 2: "winter", 3: "spring", 4: "spring", 5: "spring",
            6: "summer", 7: "summer", 8: "summer"}.get(d.month, "fall")


def _h_mod_the_unit(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    unit = _norm(g["unit"])
    if unit == "day":
        return None
    value, _, _ = _unit_value(unit, ctx.dct, 0)
    return _tx(ctx, s, e, "DATE", value, mod=_mod(g["mod"]),
               resolution=f"{ctx.text[s:e]} = {value} (publication date {ctx.dct})",
               anchor="publication", confidence=0.8)


def _quarter_year(ctx: _Ctx, g: _G, q: int, s: int, e: int) -> int:
    for key in ("y0", "fy0", "y1"):
        if g.get(key):
            return int(g[key])
    for key in ("ry", "ry0"):
        if g.get(key):
            return ctx.dct.year + {"this": 0, "last": -1, "next": 1}[g[key].lower()]
    year = ctx.dct.year
    if q > R.quarter_of(ctx.dct) and ctx.tenses.tense(s, e) != "future":
        year -= 1
    return year


def _h_quarter(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    ordw = _norm(g["ord"])
    qh = g["qh"].lower()
    if qh == "quarters":
        return None
    cur = (ctx.dct.year, R.quarter_of(ctx.dct))
    prev = R.shift_quarter(*cur, -1)
    if qh == "half":
        n = {"first": 1, "1st": 1, "second": 2, "2nd": 2}.get(ordw)
        if n is None:
            return None
        year = int(g.get("y0") or g.get("fy0") or g.get("y1") or ctx.dct.year)
        if not (g.get("y0") or g.get("fy0") or g.get("y1")) and g.get("ry"):
            year = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[g["ry"].lower()]
        return _tx(ctx, s, e, "DATE", f"{year:04d}-H{n}", resolution=f"half {n} of {year}",
                   anchor="publication", confidence=0.85)
    ordinal = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
               "fourth": 4, "4th": 4, "final": 4}.get(ordw)
    if ordinal is not None:
        if qh == "period":
            return None
        yq = (_quarter_year(ctx, g, ordinal, s, e), ordinal)
    elif ordw in ("year-earlier", "year-ago"):
        ref = ctx.last_quarter or prev
        yq = (ref[0] - 1, ref[1])
    elif ordw in ("same",):
        yq = ctx.last_quarter or prev
    elif ordw == "current":
        yq = cur
    else:
        yq = prev
    if ordw not in ("year-earlier", "year-ago"):
        ctx.note_quarter(yq)
    value = f"{yq[0]:04d}-Q{yq[1]}"
    return _tx(ctx, s, e, "DATE", value, resolution=f"{ctx.text[s:e]} = {value}",
               anchor="publication", confidence=0.85)


def _h_the_quarter(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    yq = ctx.last_quarter or R.shift_quarter(ctx.dct.year, R.quarter_of(ctx.dct), -1)
    value = f"{yq[0]:04d}-Q{yq[1]}"
    return _tx(ctx, s, e, "DATE", value, resolution=f"the quarter = {value}",
               anchor="previous", confidence=0.7)


def _h_anaphora_day(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    rel = _norm(g.get("rel") or g.get("le") or g.get("ba"))
    shift = {"the following": 1, "the next": 1, "after": 1, "the previous": -1,
             "the preceding": -1, "the prior": -1, "before": -1, "the day after next": 2,
             "the day before the previous": -2}.get(rel, 0)
    base, anchor, label = ctx.anchor()
    d = base + timedelta(days=shift)
    how = {1: "day after ", -1: "day before ", 0: "same day as ", 2: "two days after ",
           -2: "two days before "}[shift] + label
    return _day(ctx, s, e, d, f"{ctx.text[s:e]} = {how}", anchor, 0.8)


def _unit_key(unit: str) -> str:
    u = unit.lower()
    if u == "centuries":
        return "century"
    return u[:-1] if u.endswith("s") and u[:-1] in UNITS else u


def _h_ago(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    unit = _unit_key(g["unit"])
    direction = _norm(g["dir"])
    n = number_value(g["n"])
    mod = _Q_MODS.get(_norm(g.get("q")))
    back = direction in ("ago", "earlier", "before")
    if n is None:
        return _tx(ctx, s, e, "DATE", "PAST_REF" if back else "FUTURE_REF", mod=mod,
                   resolution=ctx.text[s:e], anchor="publication", confidence=0.6)
    if direction in ("ago", "from now", "hence"):
        base, anchor, label = ctx.dct, "publication", f"publication date {ctx.dct}"
    else:
        base, anchor, label = ctx.anchor()
    sign = -1 if back else 1
    k = int(n) if n == int(n) else None
    letter, is_time = UNITS.get(unit, ("D", False))
    if k is None or is_time:
        dur = f"P{'T' if is_time else ''}{_num(n)}{letter}"
        return _tx(ctx, s, e, "DURATION", dur, mod=mod, resolution=ctx.text[s:e],
                   anchor=anchor, confidence=0.6)
    what = f"{ctx.text[s:e]} = "
    if ctx.timeml and direction in ("earlier", "later") and unit in ("day", "night", "week"):
        # TimeML annotates "three days later" as the duration that separates the two days
        return _tx(ctx, s, e, "DURATION", _dur_value(n, unit), mod=mod,
                   resolution=ctx.text[s:e], anchor=anchor, confidence=0.8)
    if unit in ("day", "night"):
        d = base + timedelta(days=sign * k)
        return _day(ctx, s, e, d, what + f"{k} day(s) {'before' if back else 'after'} "
                    f"{label}", anchor, 0.85, mod=mod)
    if unit == "week" and anchor == "previous":
        # "a runoff two weeks later": counted from the day last named, it is a day
        d = base + timedelta(weeks=sign * k)
        return _day(ctx, s, e, d, what + f"{k} week(s) {'before' if back else 'after'} {label}",
                    anchor, 0.8, mod=mod)
    if unit == "week":
        d = base + timedelta(weeks=sign * k)
        return _tx(ctx, s, e, "DATE", R.week_value(d), mod=mod,
                   resolution=what + f"week of {d} ({label})", anchor=anchor, confidence=0.8)
    if unit == "month":
        d = R.add_months(base, sign * k)
        return _tx(ctx, s, e, "DATE", f"{d.year:04d}-{d.month:02d}", mod=mod,
                   resolution=what + f"{d:%Y-%m} ({label})", anchor=anchor, confidence=0.8)
    if unit == "quarter":
        y, q = R.shift_quarter(base.year, R.quarter_of(base), sign * k)
        return _tx(ctx, s, e, "DATE", f"{y:04d}-Q{q}", mod=mod, resolution=what + f"{y}-Q{q}",
                   anchor=anchor, confidence=0.8)
    years = k * {"year": 1, "decade": 10, "century": 100}.get(unit, 1)
    if unit == "year" and direction in ("ago", "earlier") and ctx.last_quarter \
            and ctx.last_period == "Q" and ctx.last_quarter[0] >= ctx.dct.year - 1:
        y, q = ctx.last_quarter
        return _tx(ctx, s, e, "DATE", f"{y - years:04d}-Q{q}", mod=mod,
                   resolution=what + f"quarter {y - years}-Q{q}", anchor="previous",
                   confidence=0.6)
    if unit == "year" and direction == "earlier" and ctx.last_period == "D" \
            and ctx.last_day is not None:
        # "the quarter ended Sept. 30 ... up from $100 million a year earlier"
        d = R.add_years(ctx.last_day, -years)
        return _tx(ctx, s, e, "DATE", d.isoformat(), mod=mod,
                   resolution=what + f"{years} year(s) before {ctx.last_day}",
                   anchor="previous", confidence=0.6)
    y = base.year + sign * years
    value = f"{y:04d}"
    return _tx(ctx, s, e, "DATE", value, mod=mod, resolution=what + f"{y} ({label})",
               anchor=anchor, confidence=0.8)


def _num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _dur_value(n: float | None, unit: str) -> str:
    letter, is_time = UNITS.get(unit, ("D", False))
    t = "T" if is_time else ""
    if n is None:
        return f"P{t}X{letter}"
    if unit == "decade":
        return f"P{_num(n * 10)}Y"
    if unit == "century":
        return f"P{_num(n * 100)}Y"
    if unit == "fortnight":
        return f"P{_num(n * 2)}W"
    if unit == "weekend":
        return f"P{_num(n * 2)}D"
    if n != int(n) and n * 2 == int(n * 2):
        whole = f"{int(n)}{letter}" if int(n) else ""
        half = {"Y": "6M", "M": "15D", "D": "12H", "H": "30M", "W": "3DT12H",
                "M_t": "30S"}.get(letter if not (is_time and letter == "M") else "M_t")
        if half:
            if is_time or letter == "D":
                return ("PT" + whole + half) if is_time else f"P{whole}T{half}"
            return f"P{whole}{half}"
    return f"P{t}{_num(n)}{letter}"


def _h_in_dur(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    unit = _unit_key(g["unit"])
    n = number_value(g["n"])
    inner = s + ctx.text[s:e].lower().index(" ") + 1
    if g.get("in") or n is None or n != int(n) or UNITS.get(unit, ("D", True))[1] \
            or ctx.tenses.tense(s, e) == "past" \
            or _COUNT_BEFORE.search(ctx.text, max(0, s - 30), s):
        # "four games in eleven days", "rose 5% in two weeks": a length of time
        if unit == "second" and _norm(g["n"]) in ("a", "an"):
            return None
        return _tx(ctx, inner, e, "DURATION", _dur_value(n, unit),
                   resolution=ctx.text[inner:e], anchor="absolute", confidence=0.8)
    k = int(n)
    d = {"day": ctx.dct + timedelta(days=k), "night": ctx.dct + timedelta(days=k),
         "week": ctx.dct + timedelta(weeks=k), "weekend": ctx.dct + timedelta(weeks=k),
         "fortnight": ctx.dct + timedelta(weeks=2 * k)}.get(unit)
    if d is not None:
        return _day(ctx, s, e, d, f"{ctx.text[s:e]} = {k} {unit}(s) after publication date "
                    f"{ctx.dct}", "publication", 0.75)
    value, _, _ = _unit_value("month" if unit == "month" else "year", ctx.dct, 0)
    if unit == "month":
        m = R.add_months(ctx.dct, k)
        value = f"{m.year:04d}-{m.month:02d}"
    elif unit == "quarter":
        y, q = R.shift_quarter(ctx.dct.year, R.quarter_of(ctx.dct), k)
        value = f"{y:04d}-Q{q}"
    else:
        value = f"{ctx.dct.year + k * {'decade': 10, 'century': 100}.get(unit, 1):04d}"
    return _tx(ctx, s, e, "DATE", value, resolution=f"{ctx.text[s:e]} = {value}",
               anchor="publication", confidence=0.7)


def _h_duration(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    unit = _unit_key(g["unit"])
    nword = _norm(g["n"])
    if (unit == "second" and nword in ("a", "an")) or (unit == "second" and not g["unit"].endswith(
            "s") and nword in ("one",) and ctx.text[e:e + 1] == " "):
        return None
    if unit == "quarter" and _OF_AFTER.match(ctx.text[e:e + 4]):
        return None  # "three-quarters of its food": a fraction
    if g.get("old"):
        return None  # an age ("a 6-year-old", "37 years old") is not a time of the story
    n = number_value(nword)
    if g.get("half1") or g.get("half2"):
        n = (n or 0) + 0.5
    if nword in ("a", "an", "one") and not g.get("the") and not g.get("q") \
            and _PRICE_BEFORE.search(ctx.text, max(0, s - 30), s):
        return None  # a rate ("$1.76 a year", "24 hours a day"), not a time
    mod = _Q_MODS.get(_norm(g.get("q")))
    return _tx(ctx, s, e, "DURATION", _dur_value(n, unit), mod=mod,
               resolution=ctx.text[s:e], anchor="absolute", confidence=0.8)


def _h_vague(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    unit = _unit_key(g["unit"])
    rel = _norm(g.get("rel"))
    if not rel and not g.get("few"):
        # a bare plural unit ("years") is a duration only after words that make it one
        before = ctx.text[max(0, s - 12):s].lower()
        if not _DURATION_LEAD.search(before):
            return None
    if rel in ("recent", "past") and not g.get("few") and unit == "year":
        # "in recent years": TimeML's past reference rather than a length of time
        return _tx(ctx, s, e, "DATE", "PAST_REF", resolution=ctx.text[s:e],
                   anchor="publication", confidence=0.6)
    if rel in ("coming", "the coming", "future") and not g.get("few") \
            and unit not in ("day", "week"):
        return _tx(ctx, s, e, "DATE", "FUTURE_REF", resolution=ctx.text[s:e],
                   anchor="publication", confidence=0.6)
    return _tx(ctx, s, e, "DURATION", _dur_value(None, unit), resolution=ctx.text[s:e],
               anchor="absolute", confidence=0.6)


def _h_set(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    if g.get("adv"):
        adv = g["adv"].lower().replace("-", "")
        value = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
                 "yearly": "P1Y", "annual": "P1Y", "hourly": "PT1H", "nightly": "P1D",
                 "quarterly": "P3M", "biweekly": "P2W", "semiannually": "P6M",
                 "biannually": "P6M"}[adv]
        return _tx(ctx, s, e, "SET", value, resolution=g["adv"], anchor="absolute",
                   confidence=0.8)
    if g.get("wdpl"):
        wd = WEEKDAYS[g["wdpl"].lower()[:-1]] + 1
        return _tx(ctx, s, e, "SET", f"XXXX-WXX-{wd}", resolution=f"every {g['wdpl'][:-1]}",
                   anchor="absolute", confidence=0.7)
    unit_word = g.get("unit") or g.get("unit2") or ""
    if unit_word.lower() in WEEKDAYS:
        return _tx(ctx, s, e, "SET", f"XXXX-WXX-{WEEKDAYS[unit_word.lower()] + 1}",
                   resolution=f"every {unit_word}", anchor="absolute", confidence=0.8)
    if unit_word.lower() in MONTHS:
        return _tx(ctx, s, e, "SET", f"XXXX-{MONTHS[unit_word.lower()]:02d}",
                   resolution=f"every {unit_word}", anchor="absolute", confidence=0.8)
    if unit_word.lower() in SEASONS:
        return _tx(ctx, s, e, "SET", f"XXXX-{SEASONS[unit_word.lower()][0]}",
                   resolution=f"every {unit_word}", anchor="absolute", confidence=0.8)
    if unit_word.lower() in PARTS_OF_DAY:
        return _tx(ctx, s, e, "SET", f"XXXX-XX-XXT{PARTS_OF_DAY[unit_word.lower()]}",
                   resolution=f"every {unit_word}", anchor="absolute", confidence=0.8)
    unit = _unit_key(unit_word)
    n = number_value(g["n"]) if g.get("n") else 1.0
    if g.get("other"):
        n = 2.0
    return _tx(ctx, s, e, "SET", _dur_value(n, unit), resolution=ctx.text[s:e],
               anchor="absolute", confidence=0.8)


def _h_ref(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    value = "PRESENT_REF" if g.get("now") else "PAST_REF" if g.get("past") else "FUTURE_REF"
    if g.get("now") and _norm(g["now"]) == "the present" and ctx.text[e:e + 1] == "-":
        return None
    return _tx(ctx, s, e, "DATE", value, resolution=value.replace("_REF", "").lower(),
               anchor="publication", confidence=0.6)


def _h_pod_alone(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    low = ctx.text[s:e].lower()
    inner = s + low.index("the") if low.startswith(("in ", "during ")) else s
    base, anchor, label = ctx.anchor()
    return _day(ctx, inner, e, base, f"{ctx.text[inner:e]} of {label}", anchor, 0.7,
                pod=g["pod"])


# --- times of day ---------------------------------------------------------------------------

def _clock(g: _G, sfx: str, default_ap: str | None = None) -> str | None:
    if g.get("named" + sfx):
        return {"noon": "12:00", "midday": "12:00", "midnight": "00:00"}[g["named" + sfx].lower()]
    if g.get("hh" + sfx):
        return f"{int(g['hh' + sfx]):02d}:{g['mm' + sfx]}"
    if g.get("mh" + sfx):
        return f"{g['mh' + sfx]}:{g['mmh' + sfx]}"
    if g.get("oc" + sfx):
        w = g["oc" + sfx].lower()
        h = int(w) if w.isdigit() else int(number_value(w) or 0)
        return f"{h:02d}:00" if 0 < h <= 12 else None
    h = int(g["h" + sfx])
    mi = int(g.get("mi" + sfx) or 0)
    ap = (g.get("ap" + sfx) or default_ap or "").lower().replace(".", "").replace(" ", "")
    if not 1 <= h <= 12:
        return None
    if ap == "pm" and h != 12:
        h += 12
    elif ap == "am" and h == 12:
        h = 0
    return f"{h:02d}:{mi:02d}"


def _zone(g: _G) -> str | None:
    z = _norm(g.get("zone"))
    if not z:
        return None
    z = z.removesuffix(" time") if z not in ZONES else z
    return ZONES.get(z)


def _time_tx(ctx: _Ctx, s: int, e: int, clock: str, clock_end: str | None,
             zone: str | None, mod: str | None = None) -> Timex:
    base, anchor, label = ctx.anchor()
    zone_words = f" {zone}" if zone else ""
    rng = f"-{clock_end}" if clock_end else ""
    return _tx(ctx, s, e, "TIME", f"{base.isoformat()}T{clock}", first_day=base, last_day=base,
               clock=clock, clock_end=clock_end, zone=zone, mod=mod,
               resolution=f"{clock}{rng}{zone_words} on {label}", anchor=anchor,
               confidence=0.8)


def _h_time(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    if g.get("hw"):  # "4 in the morning"
        w = g["hw"].lower()
        clock: str | None = f"{int(w) if w.isdigit() else int(number_value(w) or 0):02d}:00"
    else:
        clock = _clock(g, "")
    if clock is None:
        return None
    if g.get("hh") and not g.get("zone") and ctx.text[max(0, s - 1):s].isdigit():
        return None
    if g.get("inpod") and not g.get("ap"):
        h = int(clock[:2])
        if "afternoon" in g["inpod"] or "evening" in g["inpod"] or "night" in g["inpod"]:
            h = h + 12 if h < 12 else h
        clock = f"{h % 24:02d}{clock[2:]}"
    return _time_tx(ctx, s, e, clock, None, _zone(g),
                    mod=_Q_MODS.get(_norm(g.get("q"))) if g.get("q") else None)


def _h_time_range(g: _G, s: int, e: int, ctx: _Ctx) -> Timex | None:
    ap2 = g.get("ap2")
    if g.get("hb1"):  # "from 2 to 4 p.m.": the first hour takes the second's half of the day
        if not ap2:
            return None
        g = {**g, "h1": g["hb1"]}
    c1 = _clock(g, "1", ap2)
    c2 = _clock(g, "2")
    if c1 is None or c2 is None:
        return None
    if ap2 and not g.get("ap1") and c1 > c2:  # "11 to 1 p.m.": the start is in the morning
        if c1 < "12:00":
            return None  # "between 10 and 9 a.m.": no morning hour before it; unresolved
        c1 = f"{int(c1[:2]) - 12:02d}{c1[2:]}"
    return _time_tx(ctx, s, e, c1, c2, _zone(g))


_HANDLERS: dict[str, _Handler] = {
    "iso": _h_iso, "numeric": _h_numeric, "wd_numeric": _h_wd_numeric,
    "time_range": _h_time_range, "time": _h_time,
    "holiday_mod": _h_holiday_mod, "mdy": _h_mdy, "dmy": _h_mdy,
    "month_year": _h_month_year, "reltime_day": _h_reltime_day, "this_pod": _h_this_pod,
    "weekday": _h_weekday, "quarter": _h_quarter, "the_quarter": _h_the_quarter,
    "rel_unit": _h_rel_unit, "the_unit": _h_the_unit, "year_earlier": _h_year_earlier,
    "century": _h_century, "year_words": _h_year_words, "season_alone": _h_season_alone,
    "year_end": _h_year_end, "year_quarter": _h_year_quarter,
    "mod_the_unit": _h_mod_the_unit,
    "anaphora_day": _h_anaphora_day, "ago": _h_ago, "in_dur": _h_in_dur, "set": _h_set,
    "duration": _h_duration, "vague": _h_vague, "ref": _h_ref, "decade": _h_decade,
    "fiscal": _h_fiscal, "season": _h_season, "month": _h_month, "year": _h_year,
    "dom": _h_dom, "pod_alone": _h_pod_alone, "holiday": _h_holiday,
}
assert set(_HANDLERS) == {name for name, _ in RULES}
#: Handlers for rules only other languages have ("daylist": French calendars' "13 et 14")
_HANDLERS["daylist"] = _h_daylist


@cache
def _handlers(gr: Grammar) -> dict[str, _Handler]:
    """Rule -> the handler that resolves its matches, for the rules of ``gr``."""
    return {name: _HANDLERS[gr.handler_of.get(name, name)] for name, _ in gr.rules}


@cache
def _allowed(rules: tuple[str, ...], classes: frozenset[str], gr: Grammar) -> tuple[str, ...]:
    """The ``rules`` that need one of the key ``classes`` found ahead (a small, closed set)."""
    needs = gr.rule_classes
    return tuple(r for r in rules if needs[r] & classes)


def _holiday_rules(text: str, ws: int) -> tuple[str, ...]:
    """The holiday rules that can begin at word ``ws`` of a window before a holiday's name.

    A name ("Veterans Day", "Christmas") begins with a capital; a modifier with the first
    letter of "the", "eve", "day", "night", "week(end)", "morning" or "evening"
    (``tests/unit/test_fast_patterns.py`` holds the two rules to that).
    """
    modifier = text[ws].lower() in _HOLIDAY_MOD_FIRST
    name = "A" <= text[ws] <= "Z"
    if modifier:
        return ("holiday_mod", "holiday") if name else ("holiday_mod",)
    return ("holiday",) if name else ()


_HOLIDAY_MOD_FIRST = frozenset("tednwm")
#: ``_holiday_rules`` by the first character of the word: those of an ASCII letter (no other
#: character begins any, ``tests/unit/test_speed_tag.py`` holds the table to that)
_HOLIDAY_RULES_AT = {c: rules for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                     if (rules := _holiday_rules(c, 0))}
_ALNUM_RUN = re.compile(r"[^\W_]*")  # str.isalnum() characters, as ``re`` defines them


_DIGIT_RUN = re.compile(r"\d\d*")  # not "\d+": ``re`` skips to a digit only for this form
#: bytes -> themselves for a-z, a space for every other byte: the runs of a-z of a UTF-8 text
#: are those of the str (every other character encodes to bytes outside a-z)
_LETTERS_ONLY = bytes(c if 97 <= c <= 122 else 32 for c in range(256))
_KEY_WORDS_UTF8 = frozenset(word.encode() for word in KEY_WORDS)


def _keys(low: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of what ``KEYS.finditer(low)`` finds, in order, found faster.

    A key word always stands alone, between characters other than a-z: it is one of the
    text's runs of a-z. Those runs, read off the UTF-8 bytes by ``bytes.translate`` and
    ``split`` (C loops, a few µs), tell which key words occur at all; ``str.find`` places
    those few. The regex alternative, tried at every character, costs five times as much.
    Runs of digits are placed alike (``_numbers``).
    """
    utf8 = low.encode("utf-8", "surrogatepass")
    found = _numbers(low, utf8)
    runs = utf8.translate(_LETTERS_ONLY).split()
    for word in [key.decode() for key in _KEY_WORDS_UTF8.intersection(runs)]:
        _place_whole(low, word, "a", "z", found)
    found.sort()
    return found


def _place_whole(low: str, word: str, first: str, last: str,
                 found: list[tuple[int, int, str]]) -> None:
    """Add to ``found`` each place of ``word`` in ``low`` with no character of
    ``first``..``last`` (a-z for a word, 0-9 for a number) right before or after it."""
    n = len(word)
    i = low.find(word)
    while i >= 0:
        if not (i and first <= low[i - 1] <= last) and not first <= low[i + n:i + n + 1] <= last:
            found.append((i, i + n, word))
        i = low.find(word, i + n)


def _numbers(low: str, utf8: bytes) -> list[tuple[int, int, str]]:
    """(start, end, digits) of each run of ``_DIGIT_RUN`` in ``low`` (``utf8``: its UTF-8).

    ``_DIGIT_RUN`` tests every character for a digit of any script; most texts have only
    0-9, and few digits: when no byte of ``utf8`` can begin a digit outside 0-9
    (``_OTHER_DIGIT_LEADS``), each of 0-9 is placed by ``str.find`` (a ``memchr``, unlike
    a search for a word) and the runs are read off the sorted places. Failing that, the
    numbers are read off the bytes as the runs of a-z are, and placed by ``str.find``. A
    text with a digit outside 0-9, or with more than ``_FIND_NUMBERS`` different numbers
    (a pass over the text each), is left to the pattern.
    """
    if not any(lead in utf8 for lead in _OTHER_DIGIT_LEADS):
        places = _digit_places(low)
        if places is not None:
            return places
    numbers = set(utf8.translate(_DIGITS_ONLY).split())
    if len(numbers) > _FIND_NUMBERS or _DIGIT.search(
            utf8.translate(None, _ASCII).decode("utf-8", "surrogatepass")):
        return [(m.start(), m.end(), m.group()) for m in _DIGIT_RUN.finditer(low)]
    found: list[tuple[int, int, str]] = []
    for number in [n.decode() for n in numbers]:
        _place_whole(low, number, "0", "9", found)
    return found


def _digit_places(low: str) -> list[tuple[int, int, str]] | None:
    """The runs of 0-9 in ``low``, from the places of each digit; None past ``_FIND_DIGITS``
    digits (a text of figures: a loop per digit would cost more than the pattern)."""
    places: list[int] = []
    for digit in "0123456789":
        i = low.find(digit)
        while i >= 0:
            places.append(i)
            if len(places) > _FIND_DIGITS:
                return None
            i = low.find(digit, i + 1)
    places.sort()
    found = []
    start = end = -1
    for i in places:
        if i != end:
            if start >= 0:
                found.append((start, end, low[start:end]))
            start = i
        end = i + 1
    if start >= 0:
        found.append((start, end, low[start:end]))
    return found


#: The first byte of the UTF-8 of every character other than 0-9 that ``\d`` matches
#: (``str.isdecimal``; ``tests/unit/test_fast_patterns.py`` holds the list to that)
_OTHER_DIGIT_LEADS = (0xD9, 0xDB, 0xDF, 0xE0, 0xE1, 0xEA, 0xEF, 0xF0)
_FIND_DIGITS = 64
#: bytes -> themselves for 0-9, a space for every other byte
_DIGITS_ONLY = bytes(c if 48 <= c <= 57 else 32 for c in range(256))
_ASCII = bytes(range(128))
_DIGIT = re.compile(r"\d")
_FIND_NUMBERS = 16


def _keys_by_word(low: str, gr: Grammar) -> list[tuple[int, int, str]]:
    """``_keys`` for languages whose key words are not all a-z: word by word."""
    keys = gr.key_words
    return [(m.start(), m.end(), w) for m in gr.words.finditer(low)
            if (w := m.group())[0].isdigit() or w in keys]


def _candidates(text: str, low: str, gr: Grammar) -> list[tuple[int, tuple[str, ...]]]:
    """Word starts where some rule may begin, with the rules to try there, in text order.

    Only the words shortly before a key word (a month, a unit, a digit...) are looked at:
    ``_keys`` finds those in one pass, and most of the text is never touched again. A rule
    is tried at a word only if a key it needs follows (``RULE_CLASSES``).
    """
    classes: dict[int, frozenset[str]] = {}
    first: dict[int, tuple[str, ...]] = {}
    with_holidays: set[int] = set()
    dispatch = gr.dispatch
    get = dispatch.get
    key_classes = gr.key_classes
    holiday_key = gr.holiday_key
    lookback = gr.lookback
    words = gr.words
    keys = _keys(low) if gr.code == "en" else _keys_by_word(low, gr)
    starters = _starters(gr) if _letters_alike(text, low) else None
    english = gr.code == "en"
    # where each run of digits ends (English: for ``_after_digits``), and where they start
    digit_ends = {ks: kend for ks, kend, key in keys if key[0].isdigit()} \
        if english or starters else {}
    digit_runs = list(digit_ends) if starters else []
    # (with the letters alike, a key is the whole run of letters the text has there)
    holiday_words = gr.holiday_key_words if starters is not None else None
    # the window last met, read once the next one does not join it
    plo = phi = -1
    pcls = _NO_CLASSES
    for ks, kend, key in keys:
        kcls = key_classes.get("#" if key[0].isdigit() else key, _NO_CLASSES)
        holiday = holiday_key is not None and text[ks].isupper() and (
            holiday_words is None or key in holiday_words) and holiday_key.match(
            text, ks) is not None
        if holiday:
            kcls = kcls | _HOLIDAY_CLASS
        lo = max(0, ks - lookback)
        if lo and text[lo - 1].isalnum():  # the window starts on a whole word, never inside
            lo = min(_ALNUM_RUN.match(text, lo).end(), ks)  # type: ignore[union-attr]
        if starters is not None and not holiday:
            if lo <= phi and kcls == pcls and low[lo - 1] not in "'’":
                # Overlapping windows of keys of the same classes are read as one: every
                # word gets those classes either way (but a window that begins right after
                # an apostrophe begins a word there: "'80s")
                phi = kend
                continue
            if phi >= 0:
                _starting_words(low, plo, phi, starters, digit_runs, dispatch, pcls, first,
                                classes)
            plo, phi, pcls = lo, kend, kcls
            continue
        for w in words.finditer(text, lo, kend):
            ws = w.start()
            known = first.get(ws)
            if known is None:
                c = text[ws]
                rules = get("#" if c.isdigit() else "'" if c in "'’" else low[ws:w.end()])
                if holiday:
                    rules = (*_HOLIDAY_RULES_AT.get(c, ()), *(rules or ()))
                    with_holidays.add(ws)
                if not rules:
                    continue
                first[ws] = rules
                classes[ws] = kcls
            else:
                if holiday and ws not in with_holidays:
                    first[ws] = (*_HOLIDAY_RULES_AT.get(text[ws], ()), *known)
                    with_holidays.add(ws)
                classes[ws] = classes[ws] | kcls
    # (English: a rule that begins with digits is tried only where what follows them fits)
    # and one that begins with "the" only where the word after it fits
    if phi >= 0 and starters is not None:
        _starting_words(low, plo, phi, starters, digit_runs, dispatch, pcls, first, classes)
    the = get("the") if english else None
    digits = get("#") if english else None
    out = []
    for ws in sorted(first):
        starting = first[ws]
        if starting is the:
            rules = _allowed_after_the(classes[ws], _word_after_the(low, ws + 3), gr)
        elif starting is digits and (end := digit_ends.get(ws)) is not None:
            after = text[end:end + 1]
            rules = _allowed_after_digits(classes[ws], min(end - ws, 5), after,
                                          _first_after_space(text, end) if after.isspace()
                                          else text[end:end + 2], gr)
        else:
            rules = _allowed(starting, classes[ws], gr)
        if rules:
            out.append((ws, rules))
    return out


@lru_cache(maxsize=1024)
def _allowed_after_digits(classes: frozenset[str], length: int, after: str, first: str | None,
                          gr: Grammar) -> tuple[str, ...]:
    """``_allowed`` for the rules that begin with digits, less those that cannot begin with
    a run of digits so followed (``patterns.may_follow_digits``; ``length`` capped at 5,
    where it stops mattering). English only."""
    return tuple(r for r in _allowed(gr.dispatch["#"], classes, gr)
                 if may_follow_digits(r, length, after, first))


def _word_after_the(low: str, i: int) -> str | None:
    """What follows "the" at ``low[i]`` as ``AFTER_THE`` names it: a word listed there, "#"
    (a digit), "'", "" (nothing a rule reads there), or None (a word not all a-z: unknown)."""
    m = WORD_AFTER_THE.match(low, i)
    if m is None:
        return ""
    if m.group(1):
        return "#"
    word = m.group(2)
    if word is None:
        return "'"
    if not word.isascii():
        return None
    return word if word in _AFTER_THE_WORDS else ""


_AFTER_THE_WORDS = frozenset().union(*AFTER_THE.values())


@cache
def _allowed_after_the(classes: frozenset[str], word: str | None,
                       gr: Grammar) -> tuple[str, ...]:
    """``_allowed`` for the rules that begin with "the", less those that cannot have
    ``word`` after it (``_word_after_the``; None: any). English only."""
    return tuple(r for r in _allowed(gr.dispatch["the"], classes, gr)
                 if _may_follow_the(r, word))


def _may_follow_the(rule: str, word: str | None) -> bool:
    """Whether a match of ``rule`` can begin with "the" and then ``word`` (``AFTER_THE``;
    None: any word)."""
    return word is None or rule not in AFTER_THE or word in AFTER_THE[rule]


def _first_after_space(text: str, i: int) -> str | None:
    """The two first characters past the white space at ``text[i]`` (fewer at the text's
    end), None when more white space than is worth reading (16 characters) comes first."""
    rest = text[i:i + 16].lstrip()
    return rest[:2] if rest or i + 16 >= len(text) else None


def _letters_alike(text: str, low: str) -> bool:
    """Whether ``low`` has a-z exactly where ``text`` has A-Z or a-z (so the same words).

    True when ``low`` is ``text.lower()`` character for character, but for the Kelvin sign
    and "İ", the characters other than A-Z whose lower case is (or, in ``lower_in_place``,
    begins with) a-z.
    """
    return len(low) == len(text) and "\u212a" not in text and "\u0130" not in text


#: a starting word as UTF-8 -> (itself as UTF-8 between two spaces, its length, the rules
#: that may begin with it)
_Starters = dict[bytes, tuple[bytes, int, tuple[str, ...]]]


@cache
def _starters(gr: Grammar) -> _Starters | None:
    """The words some rule of ``gr`` begins with, as UTF-8 (for ``_starting_words``).

    None unless its words are ``WORDS`` (runs of a-z or of digits) and every run of digits
    begins some rule, with or without an apostrophe before it: English.
    """
    dispatch = gr.dispatch
    if gr.words is not WORDS or gr.first_words is None or not {"#", "'"} <= dispatch.keys():
        return None
    return {w.encode(): (b" " + w.encode() + b" ", len(w), rules)
            for w, rules in dispatch.items() if _A_TO_Z.fullmatch(w)}


_A_TO_Z = re.compile(r"[a-z]+")


def _starting_words(low: str, lo: int, hi: int, starters: _Starters,
                    digit_runs: list[int], dispatch: Mapping[str, tuple[str, ...]],
                    kcls: frozenset[str], first: dict[int, tuple[str, ...]],
                    classes: dict[int, frozenset[str]]) -> None:
    """The words of ``WORDS`` in ``low[lo:hi]`` some rule begins with, put in ``first``
    (start -> rules) and ``classes`` (start -> key classes, ``kcls`` added) as
    ``_candidates`` does for each word of a key's window.

    What the loop over ``WORDS`` finds, without handing each word of the window to Python:
    its runs of a-z, read off the UTF-8 bytes as in ``_keys``, say which starters it holds
    (most words start no rule), ``bytes.find`` places those: each between spaces in those
    runs, a space added at each end, so found exactly where it is a whole run, with no test
    around it. Its runs of digits are keys already (``digit_runs``, their starts), each a
    word (from the apostrophe before it, if any: "'80s"). ``lo`` and ``hi`` are word
    boundaries (no a-z or digit on their other side).
    """
    window = low[lo:hi].encode("utf-8", "surrogatepass")
    letters = window.translate(_LETTERS_ONLY)
    found = starters.keys() & letters.split()
    if found:
        padded = b" " + letters + b" "
        ascii_only = len(window) == hi - lo  # then a byte is a character
        for key in found:
            needle, n, rules = starters[key]
            i = padded.find(needle)
            while i >= 0:
                # (the space before it is its place in ``window``; the bytes before it are
                # at most those of the ``lookback`` characters before the window's key)
                ws = lo + (i if ascii_only else len(window[:i].decode("utf-8", "surrogatepass")))
                if ws in first:
                    classes[ws] = classes[ws] | kcls
                else:
                    first[ws] = rules
                    classes[ws] = kcls
                i = padded.find(needle, i + n + 1)
    for d in range(bisect_left(digit_runs, lo), len(digit_runs)):
        ds = digit_runs[d]
        if ds >= hi:
            break
        if ds > lo and low[ds - 1] in "'’":
            ds -= 1
            rules = dispatch["'"]
        else:
            rules = dispatch["#"]
        if ds in first:
            classes[ds] = classes[ds] | kcls
        else:
            first[ds] = rules
            classes[ds] = kcls


_NO_CLASSES: frozenset[str] = frozenset()
_HOLIDAY_CLASS = frozenset({"holiday"})


_PLAIN_YEAR = re.compile(r"\d{4}")
_TOPIC_YEAR = re.compile(r"\W*(?:(?:in|during|by|since|back\s+in)\s+)?", re.IGNORECASE)
_REPORTED_ON = re.compile(
    r"\b(?:said|says|told|announced|confirmed|added|reported|stated|wrote)\s+(?:\w+\s+){0,3}"
    r"(?:on\s+)?$"
    # "released the programme for May 21, on Thursday, April 30": when it was done
    r"|\b(?:released|published|unveiled|announced|presented|issued|revealed)\s[^.;!?\n]{0,50},"
    r"\s*(?:on\s+)?$", re.IGNORECASE)


#: A calendar value whose year is not one of 1-9999: negative ("-974") or of five digits
_OUTSIDE_YEARS = re.compile(r"-|\d{5}")


def _resolve(handler: _Handler, g: _G, start: int, end: int, ctx: _Ctx) -> Timex | None:
    """The handler's expression for match ``m``; None where it leaves the calendar.

    Handlers count with numbers read from the text ("3000 years earlier", "in 900000 days",
    "0000-01-01"), and ``date`` arithmetic raises past its years 1-9999. Such an expression
    is left unresolved here, once, rather than guarded at every sum in every handler; so is
    a day so near the calendar's ends (``R.FIRST_DAY``, ``R.LAST_DAY``) that the next day or
    another zone would leave it.
    """
    try:
        tx = handler(g, start, end, ctx)
    except (OverflowError, ValueError):
        return None
    if tx is None:
        return None
    if tx.first_day is not None and (
            tx.first_day < R.FIRST_DAY or (tx.last_day or tx.first_day) > R.LAST_DAY):
        return None
    # (a match begins "-" or with five digits: the fifth character tested first)
    if tx.type in ("DATE", "TIME") and (tx.value[:1] == "-" or tx.value[4:5].isdecimal()) \
            and _OUTSIDE_YEARS.match(tx.value):
        return None
    return tx


def _scan(text: str, ctx: _Ctx) -> list[Timex]:
    out: list[Timex] = []
    pos = 0
    gr = ctx.grammar
    compiled = gr.compiled
    handlers = _handlers(gr)
    normalize = gr.normalize
    for start, rules in _candidates(text, ctx.tenses.low, gr):
        if start < pos:
            continue
        if ctx.before_stamp is not None and start > ctx.stamp_end:
            ctx.last_day, ctx.last_day_text, ctx.focus_first, ctx.focus_end = ctx.before_stamp
            ctx.before_stamp = None
        for rule in rules:
            m = compiled[rule].match(text, start)
            if m is None:
                continue
            # Unmatched groups are None, as ``g.get`` gives for absent ones: handlers only get
            g = m.groupdict()
            if normalize is not None:
                # the language's words -> the engine's: "mardi prochain" -> next tuesday
                g = normalize(rule, g, text, start, m.end())  # type: ignore[assignment]
                if g is None:
                    continue
            tx = _resolve(handlers[rule], g, start, m.end(), ctx)
            if tx is None:
                continue
            out.append(tx)
            pos = m.end()
            if tx.first_day == ctx.dct and ctx.last_day is not None and \
                    ctx.before_stamp is None and _alone_on_line(text, start, m.end()):
                # "28 June 2019, 17:24" under a headline: the page's stamp
                ctx.before_stamp = (ctx.last_day, ctx.last_day_text, ctx.focus_first,
                                    ctx.focus_end)
                end_of_line = text.find("\n", m.end())
                ctx.stamp_end = len(text) if end_of_line < 0 else end_of_line
            # (a value's length, a cheap test, before each pattern it must fit whole)
            value = tx.value
            if len(value) == 7 and _QUARTER_VALUE.fullmatch(value):
                ctx.last_period = "Q"
            elif (len(value) in (4, 7) or value[:1] == "P") and _YEARISH_VALUE.fullmatch(value):
                ctx.last_period = "Y"
            elif rule in ("mdy", "dmy", "iso", "numeric") and len(value) == 10 \
                    and _DAY_VALUE.fullmatch(value):
                ctx.last_period = "D"
            if tx.type in ("DATE", "TIME") and (ym := _YEAR_MONTH.match(value)):
                ctx.last_month = (int(ym.group(1)), int(ym.group(2) or 1))
            if tx.type == "DATE" and len(value) == 4 and _PLAIN_YEAR.fullmatch(value) \
                    and _TOPIC_YEAR.fullmatch(
                    text, (sentence_start := ctx.tenses.sentence(start)[0]), start):
                # A year that opens the sentence ("Last year, ...", "In 2019, ...") sets it
                ctx.sentence_year.setdefault(sentence_start, (int(tx.value), tx.text))
            if tx.first_day == ctx.dct and (gr.reported_on or _REPORTED_ON).search(
                    text, max(0, start - 70), start):
                ctx.anchor_ok = False  # "officials said on Sunday": when it was said, no anchor
            elif not ctx.timeml and later_clause(text, max(0, start - 60), start):
                ctx.anchor_ok = False  # "..., before handing over the keys on Sunday. At 9.30,
                # the ministers meet": the day of what comes later is no anchor
            if tx.first_day is not None and ctx.anchor_ok:
                ctx.last_day = tx.last_day or tx.first_day
                ctx.last_day_text = tx.text
                ctx.focus_first = tx.first_day
                ctx.focus_end = tx.end
                if tx.anchor != "previous" or not (
                        tx.type == "TIME" or "in focus" in tx.resolution):
                    # (kept through "That afternoon" and the weekdays read in the focus)
                    ctx.focus_by_weekday = _ANY_DIGIT.search(tx.text) is not None and any(
                        w in gr.weekday_words for w in _norm(tx.text).replace(",", " ").split())
                    if ctx.focus_by_weekday and tx.first_day == tx.last_day:
                        ctx.named_days[tx.first_day.weekday()] = (tx.first_day, tx.end)
            ctx.anchor_ok = True
            break
    return out


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is all its line holds (punctuation aside, 30 characters
    at most): the line's ends are looked for no farther than that (a text of one long line
    read back to its start at every date was quadratic)."""
    line = text[line_start(text, start, 30):start] + text[end:line_end(text, end, 30)]
    return len(line) < 30 and not any(c.isalpha() for c in line)


def _join_day_time(text: str, items: list[Timex], gr: Grammar) -> list[Timex]:
    """Join "Tuesday at 3 p.m." and "3 p.m. on Tuesday" into one timed expression."""
    out: list[Timex] = []
    i = 0
    link = gr.day_time_link
    while i < len(items):
        a = items[i]
        b = items[i + 1] if i + 1 < len(items) else None
        # (the gap's length first: items may be far apart, and a slice copies them)
        if b is not None and b.start - a.end <= 6 and link.fullmatch(text[a.end:b.start]):
            day, tm = (a, b) if a.clock is None else (b, a)
            if day.type == "DATE" and day.first_day and day.first_day == day.last_day \
                    and tm.clock and tm.type == "TIME" and day.clock is None:
                d = day.first_day
                out.append(replace(
                    tm, start=a.start, end=b.end, text=text[a.start:b.end],
                    value=f"{d.isoformat()}T{tm.clock}", first_day=d, last_day=d,
                    resolution=f"{tm.clock}{'-' + tm.clock_end if tm.clock_end else ''}"
                               f"{' ' + tm.zone if tm.zone else ''} on {day.resolution}",
                    anchor=day.anchor, confidence=min(day.confidence, tm.confidence)))
                i += 2
                continue
            pod = _POD_VALUE.search(a.value)
            if pod and a.clock is None and b.type == "DATE" and b.first_day \
                    and b.first_day == b.last_day and text[a.end:b.start].strip() == "":
                # "mid-afternoon yesterday": the part of the day named, on that day
                d = b.first_day
                out.append(replace(
                    a, end=b.end, text=text[a.start:b.end], value=f"{d.isoformat()}{pod.group()}",
                    first_day=d, last_day=d, resolution=f"{a.text} of {b.resolution}",
                    anchor=b.anchor, confidence=min(a.confidence, b.confidence)))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


_POD_VALUE = re.compile(r"T(?:MO|AF|EV|NI)$")


def _merge_ranges(text: str, items: list[Timex], gr: Grammar) -> list[Timex]:
    """Merge "from Tuesday to Saturday" / "between March 3 and March 5" into one span."""
    out: list[Timex] = []
    i = 0
    while i < len(items):
        a = items[i]
        b = items[i + 1] if i + 1 < len(items) else None
        if b is not None and a.first_day and b.first_day and a.type == b.type == "DATE" and (
                # (the gap read in place, the opener looked for only past it: most pairs of
                # days are far apart, with no "to" or "and" between them)
                (mid := gr.range_mid.fullmatch(text, a.end, b.start)) is not None
                or gr.range_mid_and.fullmatch(text, a.end, b.start) is not None):
            opener = gr.range_open.search(text, max(0, a.start - 9), a.start)
            if mid is not None or (opener and gr.range_between in opener.group().lower()):
                first, last = a.first_day, b.last_day or b.first_day
                if last < first and b.text.strip().lower() in gr.weekday_words:
                    last = R.next_weekday(first, last.weekday())
                if last > first and (last - first).days <= 366:
                    start = opener.start() if opener else a.start
                    out.append(replace(
                        a, start=start, end=b.end, text=text[start:b.end], last_day=last,
                        resolution=f"{first.isoformat()} to {last.isoformat()}: "
                                   f"{a.resolution}; {b.resolution}",
                        confidence=min(a.confidence, b.confidence)))
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def tag(text: str, published: datetime, settings: ExtractionSettings | None = None, *,
        timeml: bool = False, low: str | None = None,
        language: str | None = None) -> list[Timex]:
    """Every temporal expression in ``text``, resolved, sorted by offset, not overlapping.

    ``published`` gives the reference day (``base_date``); ``settings.countries`` the holiday
    calendars. ``timeml`` follows TimeML annotation where it differs from what a calendar
    needs: the two ends of a range stay separate expressions, and "three days later" is the
    duration P3D rather than the day it lands on. ``low`` is ``text.lower()`` when the caller
    has it already. ``language`` ("en", "fr", "auto") overrides ``settings.language``;
    "auto" reads the text's language off its commonest words (``language.choose``).
    """
    settings = settings or ExtractionSettings()
    original = text
    if folds_to_ascii(text):
        # "SİXTİES", "JUİN", "ſamedi": IGNORECASE reads these letters as ASCII ones, but the
        # lookups after a match lower-case them otherwise (a KeyError, or a date lost). The
        # rules read the text with them made ASCII, letter for letter; the expressions keep
        # the text's own words (below).
        text, low = text.translate(AS_ASCII), None
    if low is None or len(low) != len(text):
        low = lower_in_place(text)  # (offsets in it are the text's)
    code = choose(language or settings.language, None, text, low)
    if code not in LANGUAGES:
        from calsync.extraction.temporal.other import tag_other  # (dateparser: loaded here)

        return tag_other(original, published, code)
    gr = grammar(code)
    ctx = _Ctx(text=text, dct=base_date(published), settings=settings,
               tenses=TenseIndex(text, low, gr.markers, gr.sentence_end), timeml=timeml,
               grammar=gr)
    items = _scan(text, ctx)
    if gr.timeml_joins or not timeml:
        items = _join_day_time(text, items, gr)
    if not timeml:
        items = _merge_ranges(text, items, gr)
        items = _shift_from(text, items)
    if text is not original:
        items = [replace(t, text=original[t.start:t.end]) for t in items]
    return items


#: "a week from Monday", "two days from today": a length, "from", a day
_FROM_BETWEEN = re.compile(r"\s+from\s+", re.IGNORECASE)
_LENGTH = re.compile(r"P(\d+)([DW])")


def _shift_from(text: str, items: list[Timex]) -> list[Timex]:
    """Join "a week from Monday" into the day it names (calendar reading: TimeML keeps the
    duration and the day apart)."""
    if all(t.type != "DURATION" for t in items[:-1]):
        return items  # (most texts: no length before another expression)
    out: list[Timex] = []
    i = 0
    while i < len(items):
        a = items[i]
        b = items[i + 1] if i + 1 < len(items) else None
        m = _LENGTH.fullmatch(a.value) if a.type == "DURATION" else None
        if m and b is not None and b.first_day is not None and b.first_day == b.last_day \
                and _FROM_BETWEEN.fullmatch(text[a.end:b.start]) is not None:
            days = int(m.group(1)) * (7 if m.group(2) == "W" else 1)
            d = b.first_day + timedelta(days=days)
            out.append(replace(b, start=a.start, text=text[a.start:b.end], value=d.isoformat()
                               if b.type == "DATE" else b.value, first_day=d, last_day=d,
                               resolution=f"{text[a.start:b.end]} = {days} days after "
                                          f"{b.first_day} ({b.text})"))
            i += 2
            continue
        out.append(a)
        i += 1
    return out
