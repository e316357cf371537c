"""Languages of the tagger: each one is data (words, patterns, normalisation tables) that the
one engine in ``tagger`` reads.

A language module (``en``, ``fr``) builds a ``Grammar``: its rules (name -> regular
expression with the named groups the engine's handlers read), which handler resolves each
rule, where rules may begin, the key words every expression holds, and ``normalize``, which
turns the words a match captured into the engine's canonical (English) vocabulary ("mardi"
-> "tuesday", "prochain" -> "next"), so that French is resolved by the very rules that
resolve English: publication date, the day last mentioned, the tense of the clause. Adding a
language is adding a module here, not forking the engine.

Pure data and lazy compilation; no I/O, no clock.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache

#: The languages with rules of their own; other languages are read as English.
LANGUAGES: tuple[str, ...] = ("en", "fr")

#: (rule, groups, text, start, end) -> the groups in canonical words, or None to drop the match
Normalizer = Callable[[str, dict[str, str], str, int, int], "dict[str, str] | None"]
#: (text, lo, hi) -> tense markers of text[lo:hi]: (start, end, is_future)
MarkerScan = Callable[[str, int, int], list[tuple[int, int, bool]]]


class _AnyWord(dict[str, tuple[str, ...]]):
    """A dispatch table that lets every rule begin at every word (languages without a
    first-word table: each rule is tried; its own pattern says where it may begin)."""

    def __init__(self, rules: tuple[str, ...]) -> None:
        super().__init__()
        self.rules = rules

    def get(self, key: str, default: object = None) -> tuple[str, ...]:
        return self.rules


@dataclass(frozen=True, eq=False)
class Grammar:
    """One language as the engine reads it."""

    code: str
    #: (rule, pattern) in priority order: at one position the earlier rule wins
    rules: tuple[tuple[str, str], ...]
    #: rule -> the English rule whose handler resolves it (itself when absent)
    handler_of: Mapping[str, str]
    #: key words (lower case): every expression holds one, or a digit
    key_words: frozenset[str]
    #: key word ("#": digits) -> its classes; rule -> the classes one of which it needs
    key_classes: Mapping[str, frozenset[str]]
    rule_classes: Mapping[str, frozenset[str]]
    #: word starts
    words: re.Pattern[str]
    #: first word -> the rules that may begin there, in priority order (None: every rule)
    first_words: Mapping[str, frozenset[str]] | None = None
    #: capitalised holiday key words, searched backwards for the name (English only)
    holiday_key: re.Pattern[str] | None = None
    #: the key words (lower case) a match of ``holiday_key`` can begin at (None: any)
    holiday_key_words: frozenset[str] | None = None
    normalize: Normalizer | None = None
    #: tense markers of a sentence (None: the English scan of ``tense``)
    markers: MarkerScan | None = None
    #: where sentences end (None: the English rule of ``tense``)
    sentence_end: re.Pattern[str] | None = None
    #: parts of the day kept in the value after a weekday ("mardi soir" -> TEV)
    weekday_pods: frozenset[str] = frozenset({"evening"})
    #: the weekday names, lower case (a range "from Friday to Tuesday" runs over the weekend)
    weekday_words: frozenset[str] = frozenset(
        {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
    #: the ``holidays`` package language holiday names are looked up in
    holiday_language: str = "en"
    #: "to", "until", "-" between the two ends of a day range; "from", "between" before it
    range_mid: re.Pattern[str] = re.compile(
        r"\s*(?:-|–|—|to|until|till|through|thru)\s*$", re.IGNORECASE)
    range_mid_and: re.Pattern[str] = re.compile(r"\s+and\s+$", re.IGNORECASE)
    range_open: re.Pattern[str] = re.compile(r"\b(?:from|between)\s+$", re.IGNORECASE)
    range_between: str = "between"
    #: what may stand between a day and a clock time joined into one ("Tuesday at 3 p.m.")
    day_time_link: re.Pattern[str] = re.compile(
        r"[ \t]*(?:,[ \t]*)?(?:at\s+|on\s+|from\s+)?$", re.IGNORECASE)
    #: whether TimeML annotation joins a day and the clock time beside it into one TIMEX3
    #: (TimeBank: "Tuesday at 3 p.m."; the French TimeBank keeps them apart)
    timeml_joins: bool = True
    #: the words before a day that say when something was said ("a annoncé jeudi"): that day
    #: anchors no anaphora (None: the English rule of ``tagger``)
    reported_on: re.Pattern[str] | None = None
    #: how far before a key word an expression may start
    lookback: int = 48
    #: rule -> its compiled pattern, compiled on first use (one cache per language)
    compiled: dict[str, re.Pattern[str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compiled", LazyPatterns(dict(self.rules)))

    @property
    def dispatch(self) -> Mapping[str, tuple[str, ...]]:
        return _dispatch(self)


class LazyPatterns(dict[str, "re.Pattern[str]"]):
    """Rule name -> compiled pattern, compiled on first use: a short article needs only some
    rules, and compiling all of them is most of the cost of importing the tagger."""

    def __init__(self, sources: Mapping[str, str]) -> None:
        super().__init__()
        self.sources = sources

    def __missing__(self, name: str) -> re.Pattern[str]:
        pattern = re.compile(self.sources[name], re.IGNORECASE)
        self[name] = pattern
        return pattern


@cache
def _dispatch(gr: Grammar) -> Mapping[str, tuple[str, ...]]:
    if gr.first_words is None:
        return _AnyWord(tuple(name for name, _ in gr.rules))
    out: dict[str, tuple[str, ...]] = {}
    for name, _ in gr.rules:
        for w in gr.first_words[name]:
            out[w] = (*out.get(w, ()), name)
    return out


@cache
def grammar(code: str) -> Grammar:
    """The grammar of language ``code`` ("en", "fr"); English for any other."""
    if code not in LANGUAGES:
        code = "en"
    module = importlib.import_module(f"calsync.extraction.temporal.lang.{code}")
    gr: Grammar = module.GRAMMAR
    return gr
