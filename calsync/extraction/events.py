"""Events from an article: one per real-world happening, dated, titled, with evidence.

The steps, all pure:
1. blank out boilerplate lines (``text.clean``) and tag temporal expressions on what is left;
2. find mentions of happenings clause by clause (``mentions``) and give each the day its own
   clause states;
3. fold continuations ("... after her arrival and meet with scientists") into the happening
   they continue, merge later mentions of the same happening (a conference named undated in
   paragraph one and dated in paragraph ten is one event), resolve event-relative anchors
   ("after her arrival" takes the arrival's day);
4. drop what is past, dateless or cancelled, and build ``Event`` objects with deterministic
   UIDs (source + title, not the date: a corrected date keeps its UID).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import TypeVar
from zoneinfo import ZoneInfo

from calsync.extraction import text as textmod
from calsync.extraction.gate import (
    Gated,
    found_near,
    holds_any,
    matches_as_ignorecase,
    matches_at,
)
from calsync.extraction.lexicon import CANCEL, NOUNS, RESCHEDULE
from calsync.extraction.lexicon_fr import RESCHEDULE as RESCHEDULE_FR
from calsync.extraction.mentions import (
    ENGLISH,
    Clause,
    Finder,
    Mention,
    finder,
    is_field_line,
    item_mention,
    within,
)
from calsync.extraction.settings import ExtractionSettings, base_date
from calsync.extraction.temporal.tagger import later_clause
from calsync.model import Article, Event, Evidence, Timex
from calsync.names import codes_disagree, identifiers

#: Patterns used once each below, compiled at import.
_TO_BEFORE = re.compile(r"\b(?:to|until|till|for|au|à)\s*$")
_ORIGINALLY_BEFORE = re.compile(
    r"\b(?:originally|initially|previously|first|initialement|d['’]abord|précédemment)\b[^,.]*$")
#: Words that move a happening, in every language we read
_MOVED = RESCHEDULE + RESCHEDULE_FR
#: The verbs of ``RESCHEDULE_FR`` ("reportée au"), one of which each of its words holds: its
#: thirty-two words are looked for only in a text that holds one
_MOVED_FR_VERBS = ("report", "repouss", "avanc", "décal")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_UID_WORD = re.compile(r"[a-z0-9]+")

_REPORTING_VERBS = ("said", "says", "told", "announced", "confirmed", "added", "reported",
                    "stated", "wrote")
_REPORTED_ON = Gated(re.compile(
    r"\b(?:" + "|".join(_REPORTING_VERBS) + r")\s+(?:\w+\s+){0,2}(?:on\s+)?$", re.IGNORECASE),
    _REPORTING_VERBS)
_PAST_VERB_BEFORE = re.compile(r"\b(?!un)[a-z]{3,}ed\s+(?:on\s+)?$")
#: A clause that only supposes: "the first stop ... maybe eliminated", "could be held"
_HEDGED = re.compile(r"\b(?:maybe|may\s+be|might(?:\s+not)?\s+be|could(?:\s+not)?\s+be|"
                     r"possibly|perhaps|unless|in\s+(?:the\s+)?event\s+of|in\s+case\s+of|"
                     # "If it rains, ...", "..., if needed, ...": a condition opens its clause
                     # (not "to see if", nor a club's "IF")
                     r"(?-i:(?:^|(?<=[,;:(]\s)|(?<=[,;:(]))[Ii]f))\b", re.IGNORECASE)
#: Advice to readers, no happening: "should arrive no later than 11.45am"
_ADVISED = re.compile(r"\b(?:(?:should|must)\s+(?:arrive|come|queue|register|book)|are\s+"
                      r"(?:advised|urged|asked)\s+to|no\s+later\s+than)\b", re.IGNORECASE)
#: Every match of ``_HEDGED`` or ``_ADVISED`` holds one of these, lower-cased, or a "may be"
#: (not the month: ``_may_be``), or an "if" where a condition opens (``_opens_if``): the two
#: patterns, tried at every character of a clause, run only where one is
_HEDGE_NEEDS = ("might", "could", "possibly", "perhaps", "unless", "event", "case",
                "should", "must", "advised", "urged", "asked", "later")


def _hedged(clause: Clause) -> bool:
    """Whether ``clause`` only supposes or advises (``_HEDGED``, ``_ADVISED``)."""
    text, low = clause.text, clause.low
    if matches_as_ignorecase(text, low) and not holds_any(low, _HEDGE_NEEDS) and \
            not _opens_if(low) and not _may_be(low):
        return False  # (letter for letter: a match's words are in ``low``)
    return _HEDGED.search(text) is not None or _ADVISED.search(text) is not None


def _opens_if(low: str) -> bool:
    """Whether ``low`` holds an "if" where ``_HEDGED`` reads one: at its start, or after one of
    ",;:(" and at most one space ("if" in "specific" or "life" opens nothing)."""
    i = low.find("if")
    while i >= 0:
        if i == 0 or low[i - 1] in ",;:(" or (
                i > 1 and low[i - 1].isspace() and low[i - 2] in ",;:("):
            return True
        i = low.find("if", i + 1)
    return False


def _may_be(low: str) -> bool:
    """Whether ``low`` holds "maybe" or "may be" (spaces between as ``\\s+`` reads them)."""
    i = low.find("may")
    while i >= 0:
        j = i + 3
        while j < len(low) and low[j].isspace():
            j += 1
        if low.startswith("be", j):
            return True
        i = low.find("may", i + 1)
    return False


def _day_label(sentence: textmod.Sentence, stimexes: list[Timex]) -> Timex | None:
    """The day that heads a programme line ("Saturday, September 21: ..."), if any."""
    first = None
    for t in stimexes:
        if t.start >= sentence.start:
            first = t
            break
    if first is None or first.start - sentence.start > 2 or first.first_day is None or \
            first.first_day != first.last_day:
        return None
    return first if _LABEL_AFTER.match(sentence.text, first.end - sentence.start) else None


#: A day named with its number or month ("September 21", "the 21st"), not a relative word
_EXPLICIT_DAY = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
                           re.IGNORECASE)
_TO_BE_REPORTED = re.compile(r"\b(?:will|to)\s+be\s+announced\s+(?:on\s+)?$", re.IGNORECASE)
_PAST_VERB_AFTER = re.compile(r"\s+(?:\w+ly\s+)?(?!un)[a-z]{3,}ed\b")
_CANCELLED = Gated(re.compile(r"\b(?:" + "|".join(re.escape(w) for w in CANCEL) + r")\b"), CANCEL)

#: Length of a timed event when the article gives only its start.
DEFAULT_DURATION = timedelta(hours=1)
_ONE_DAY = timedelta(days=1)

_CATEGORIES = {
    "meeting": "Meeting", "talks": "Meeting", "meet": "Meeting", "sit": "Meeting",
    "talk": "Meeting", "dine": "Meeting", "dinner": "Meeting", "lunch": "Meeting",
    "visit": "Visit", "tour": "Visit", "arrive": "Travel", "land": "Travel",
    "return": "Travel", "travel": "Travel", "fly": "Travel", "head": "Travel",
    "depart": "Travel", "leave": "Travel", "trip": "Travel", "ceremony": "Ceremony",
    "commemoration": "Ceremony", "vigil": "Ceremony", "funeral": "Ceremony",
    "memorial": "Ceremony", "conference": "Conference", "summit": "Conference",
    "forum": "Conference", "congress": "Conference", "remarks": "Speech", "speech": "Speech",
    "address": "Speech", "speak": "Speech", "vote": "Vote", "election": "Vote",
    "elections": "Vote", "referendum": "Vote", "strike": "Strike", "walkout": "Strike",
    "march": "Protest", "protest": "Protest", "rally": "Protest", "hearing": "Hearing",
    "trial": "Hearing", "testify": "Hearing", "match": "Sport", "game": "Sport",
    "final": "Sport", "race": "Sport", "play": "Sport", "face": "Sport",
}


@dataclass(eq=False)  # a working record: one is itself, never equal to another by value
class _Dated:
    """A mention with the day(s) and time its own clause gives, if any."""

    mention: Mention
    timex: Timex | None
    first_day: date | None
    last_day: date | None
    clock: str | None
    clock_end: str | None
    zone: str | None
    rescheduled: bool = False
    cancelled: bool = False
    expression: str = ""
    resolution: str = ""
    confidence: float = 0.0
    #: for a move ("moved from February 18 to February 25"): every day its sentence names
    moved_from: frozenset[date] = frozenset()
    #: a line of a programme under a day heading: each line is an item of its own
    line_item: bool = False
    #: a day only carried from the happening it follows ("avant de prononcer un discours"):
    #: it yields to a day the text gives that happening elsewhere
    inferred: bool = False


@dataclass(eq=False)  # (``in`` and ``index`` find this one, not a field-by-field twin)
class _Happening:
    """One real-world happening: the mentions that speak of it."""

    parts: list[_Dated] = field(default_factory=list)
    tokens: frozenset[str] = frozenset()
    proper: frozenset[str] = frozenset()
    #: the first days its mentions give (``refresh`` after dating a part anew)
    days: set[date] = field(default_factory=set)
    kinds: frozenset[str] = frozenset()
    #: whether it is named only by its kind's noun ("the vote")
    bare: bool = True
    lemmas: frozenset[str] = frozenset()
    #: the codes its titles carry ("Working Group 12"): read when first asked, then kept
    #: as parts come in (None: not read yet)
    _codes: frozenset[tuple[str, str]] | None = None
    _keys: frozenset[str] | None = None
    #: (how many parts were read, their title marks) for ``_marks``: a happening told a
    #: thousand times was read whole at each telling
    _title_marks: tuple[int, frozenset[str]] | None = None
    #: (day, clock) of its timed parts, and the programme lines its parts are items of: what
    #: ``_apart`` compares, kept as parts come in (a happening told a thousand times was read
    #: whole at every comparison)
    clock_marks: set[tuple[date, str]] = field(default_factory=set)
    line_ids: set[int] = field(default_factory=set)
    #: of its dated parts: the days their moves name, and how many are dated by the text
    #: itself (not only carried): what ``_merge`` compares, kept as parts come in (a
    #: happening told thousands of times was read whole at every comparison)
    moved: frozenset[date] = frozenset()
    stated: int = 0

    def __post_init__(self) -> None:
        self._index(self.parts)

    def absorb(self, other: _Happening) -> None:
        self.parts.extend(other.parts)
        self._index(other.parts)

    def _index(self, parts: list[_Dated]) -> None:
        # One pass over the parts (a happening is made for every mention, mostly of one part:
        # a generator per field cost more than the reading)
        kinds, lemmas = set(self.kinds), set(self.lemmas)
        bare = self.bare
        for d in parts:
            mention = d.mention
            lemmas.add(mention.lemma)
            kind = _kind_of(mention)
            if kind is not None:
                kinds.add(kind)
            if bare and (mention.proper or len(mention.title.split()) > 2):
                bare = False
            if d.first_day is not None:
                self._note_day(d, d.first_day)
            if d.line_item:
                self.line_ids.add(id(mention.sentence))
        if len(parts) == 1 and not self.tokens and not self.proper:
            # (made for one mention, as every happening is: its words are the mention's own
            # sets, shared, not copied into new ones)
            self.tokens, self.proper = parts[0].mention.tokens, parts[0].mention.proper
        else:
            self.tokens = self.tokens.union(*(d.mention.tokens for d in parts))
            self.proper = self.proper.union(*(d.mention.proper for d in parts))
        self.kinds, self.lemmas = frozenset(kinds), frozenset(lemmas)
        self.bare = bare
        if self._codes is not None:
            self._codes = self._codes.union(*(identifiers(d.mention.title) for d in parts))
        if self._keys is not None:
            self._keys = self._keys.union(_uid_key(d.mention.title) for d in parts)

    @property
    def title_keys(self) -> frozenset[str]:
        """Its titles' comparison keys, read when first asked, kept as parts come in."""
        if self._keys is None:
            self._keys = frozenset(_uid_key(d.mention.title) for d in self.parts)
        return self._keys

    @property
    def codes(self) -> frozenset[tuple[str, str]]:
        if self._codes is None:
            self._codes = frozenset().union(*(identifiers(d.mention.title) for d in self.parts))
        return self._codes

    def refresh(self) -> None:
        """Read the days again: anchors ("after her arrival") date parts after indexing."""
        self.days, self.clock_marks = set(), set()
        self.moved, self.stated = frozenset(), 0
        for d in self.parts:
            if d.first_day is not None:
                self._note_day(d, d.first_day)

    def _note_day(self, d: _Dated, day: date) -> None:
        """Keep what a dated part adds: its day, its clock, the days its move names, and
        whether the text states its day (``_index`` and ``refresh``)."""
        self.days.add(day)
        if d.clock:
            self.clock_marks.add((day, d.clock))
        if d.moved_from:
            self.moved |= d.moved_from
        if not d.inferred:
            self.stated += 1

    @property
    def kind(self) -> str | None:
        """The one kind its nouns name ("vote" for an election), if one."""
        return next(iter(self.kinds)) if len(self.kinds) == 1 else None

    @property
    def dated(self) -> list[_Dated]:
        return [d for d in self.parts if d.first_day is not None]

    @property
    def best(self) -> _Dated:
        return _best(self.parts, self.dated)


def _best(parts: list[_Dated], dated: list[_Dated]) -> _Dated:
    """The part that dates a happening best, of its ``parts`` and their ``dated`` ones."""
    own = [d for d in dated if not d.inferred] or dated
    for d in reversed(own):
        if d.rescheduled:
            return d  # (the last move)
    for d in own:
        if d.clock:
            return d  # the most precise mention names it best
    return own[0] if own else parts[0]


def extract_events(
    article: Article, settings: ExtractionSettings | None = None
) -> list[Event]:
    """The scheduled happenings ``article`` announces, in order of their dates."""
    from calsync.extraction.language import choose
    from calsync.extraction.temporal import tag

    settings = settings or ExtractionSettings()
    cleaned, low = textmod.clean_lowered(article.text)
    today = base_date(article.published)
    language = choose(settings.language, article.language, cleaned, low)
    tagged = tag(cleaned, article.published, settings, low=low, language=language)
    stamps: list[Timex] = []
    timexes: list[Timex] = []
    for t in tagged:
        (stamps if _is_dateline(cleaned, t, today) else timexes).append(t)
    stamp_lines = [(start, end) for t in stamps
                   if _only_a_stamp(cleaned, start := textmod.line_start(cleaned, t.start,
                                                                         _LINE_REACH),
                                    end := textmod.line_end(cleaned, t.end, _LINE_REACH))]
    # (the stamps head the page: the sentences past the last are not tested one by one)
    stamps_end = max((end for _start, end in stamp_lines), default=0)
    happenings: list[_Happening] = []
    starts = [t.start for t in timexes]  # in order: the tagger returns them sorted
    mentions = finder(language)  # the language's words; the rules below are every language's
    focus = _Focus(today=today, text=cleaned, mentions=mentions)
    calendar: _Dated | None = None  # the strike a calendar lists (``Finder.calendar_heads``)
    for sentence in textmod.sentences(cleaned, low):
        if sentence.start < stamps_end and any(a <= sentence.start < b for a, b in stamp_lines):
            continue  # "April 30, 2026, 08:10": the page's stamp, no item of a programme
        stimexes = timexes[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]
        # (a field has its colon: the pattern is tried only where one is)
        if happenings and ":" in sentence.text and _TIME_FIELD.match(sentence.text) and \
                _time_the_last(happenings[-1], stimexes):
            continue  # "July 26 - Opening ceremony" then "- Time: 19:30 CEST": its time
        if not mentions.could_hold(sentence, stimexes):
            # (``carry``'s first test, read here: most sentences are out of a day's reach)
            if focus.day is not None and sentence.start - focus.end <= _FOCUS_REACH and \
                    focus.day >= today:
                carried = focus.carry(sentence, stimexes)
                if carried is not None:
                    happenings.extend(_Happening([d]) for d in carried)
            if calendar is not None:
                listed = _calendar_days(calendar, sentence, stimexes, [], today)
                happenings.extend(_Happening([d]) for d in listed)
                calendar = listed[-1] if listed else calendar
            continue
        focus.note(sentence, stimexes)
        if _plan_headline(sentence, stimexes):
            continue
        previous: _Dated | None = None
        start_at = len(happenings)
        low_sentence = sentence.low
        plain = matches_as_ignorecase(sentence.text, low_sentence)
        sequenced = _goes_on(sentence.text, low_sentence, plain)
        doubtful: bool | None = None  # (the two patterns' words: read at the first mention)
        # "X will meet Y on Tuesday ..., and join the carriage procession": a happening an
        # attendance verb coordinates is one more of that day
        # (the verbs first: ``_WILL`` is tried at every character of the sentence)
        coordinated = not sequenced and _attends(sentence.text, low_sentence, plain) and \
            _WILL.search_lower(sentence.text, low_sentence) is not None
        for mention in mentions.find(sentence, stimexes,
                                     only_dated=not (sequenced or coordinated)):
            if doubtful is None:
                doubtful = holds_any(low_sentence, _DOUBT_WORDS)
            if doubtful and _hedged(mention.clause):
                continue  # "may be eliminated", "could be held", "should arrive no later
                # than 11.45": not (yet) scheduled, or advice
            if _DEADLINE.match(mention.title) or _BY_WHICH.search(
                    mention.clause.text, mention.clause.low, 0, 80):
                continue  # "Last date for filing nominations", "Date before which election
                # shall be completed": a limit, no happening
            dated = _date_mention(mention, stimexes)
            if mention.past and mention.lemma and dated.first_day is not None and \
                    dated.first_day > today:
                other = mentions.noun_mention(mention, stimexes)  # a future day: not the news's
                if other is not None:
                    dated = _date_mention(other, stimexes)
                elif mention.lemma in _MADE_PUBLIC:
                    continue  # "released the programme for May 21": done; the day is its object's
            if dated.first_day is None and not sequenced and mention.relative is None:
                if previous is None or previous.first_day is None or mention.past or not (
                        mention.lemma in _ATTENDS
                        and any(w.lower() in NOUNS for w in mention.title.split())
                        and mention.clause.connective == "and"):
                    continue
                _carry_day(dated, previous.first_day, previous.timex, previous.expression,
                           previous.confidence, "and")
            elif dated.first_day is None and sequenced and mention.relative is None:
                # "..., and then lead an assembly", "... and begin with a meeting": the next
                # happening of the day before it; any other undated clause is not dated here
                marker = _SEQUENCE_IN.search(mention.clause.text, mention.clause.low, 0, 20)
                sequence = mention.clause.connective in ("then", "where") or marker is not None
                if previous is not None and previous.first_day is None and sequence and \
                        previous.mention.relative is not None and not mention.past:
                    # "On his return from X, the King will host a lunch and then invite him
                    # to view an exhibition": the next happening after the anchored one
                    dated.mention = replace(mention, relative=previous.mention.relative)
                elif previous is None or previous.first_day is None or mention.past or not (
                        sequence or (
                            mention.lemma in _OPENERS and mention.has_event_noun)):
                    continue
                else:
                    _carry_day(dated, previous.first_day, previous.timex, previous.expression,
                               previous.confidence,
                               marker.group(0) if marker else mention.clause.connective
                               or mention.clause.text.split()[0])
            if _is_continuation(dated, previous):
                continue  # part of the previous happening ("... and meet with scientists")
            if previous is not None and previous.clock and not previous.clock_end and \
                    dated.mention.lemma in ("close", "end", "finish") and dated.clock and \
                    dated.first_day == previous.first_day:
                # "Polling stations open at 8 a.m. and close at 8 p.m.": one span of time
                previous.clock_end = dated.clock
                previous.resolution += f"; until {dated.timex.text if dated.timex else ''}"
                continue
            if _refers_back(dated, happenings) or _extends_back(dated, happenings):
                continue  # "The event will start at 10 a.m.", "The trial will last until ..."
            happenings.append(_Happening([dated]))
            previous = dated
            happenings.extend(_Happening([d]) for d in _listed_days(dated, stimexes))
            second = _second_happening(dated, stimexes, today, mentions)
            if second is not None:
                happenings.append(_Happening([second]))
            happenings.extend(_Happening([d]) for d in _chained(dated, stimexes, mentions))
        if previous is not None and previous.clock and not previous.clock_end:
            _find_end(previous, sentence.text, sentence.start, stimexes)
        if mentions.calendar_heads:
            calendar = _calendar_update(calendar, happenings, start_at, sentence, stimexes,
                                        today, mentions.calendar_heads)
    _name_references(happenings, cleaned)
    happenings = _merge(happenings)
    _resolve_relative(happenings)
    happenings = _merge(happenings)
    return _build(article, happenings, settings)


#: How far (in characters) a calendar of strikes stays in force for sentences that only list
#: days
_CALENDAR_REACH = 800
#: A listed day's value: a date, not a week-end ("le week-end de Pâques est épargné")
_LISTED_DAY = re.compile(r"\d{4}-\d\d-\d\d")


#: A limit, not a happening (the guidelines' decision C): "Last date for withdrawal",
#: "Deadline for entries", "Expiration du mandat", "Date limite de dépôt"
_DEADLINE = re.compile(r"(?:last|final|closing)\s+(?:date|day)\s+(?:for|of|to)\b|deadlines?\b"
                       r"|expir|date\s+limite|dernier\s+délai|arrivée\s+à\s+expiration",
                       re.IGNORECASE)
#: A date that only bounds: "Date before which election shall be completed: October 27"
_BY_WHICH = Gated(re.compile(
    r"\bdate\s+(?:before|by)\s+which\b|\bdate\s+avant\s+laquelle\b", re.IGNORECASE), ("date",))
#: Verbs of taking part in a happening named by its noun: "and join the procession"
_ATTENDS = frozenset({"join", "attend", "host", "watch", "view"})
_ATTEND_WORDS = re.compile(r"\band\s+(?:then\s+)?(?:" + "|".join(sorted(_ATTENDS)) + r")\b",
                           re.IGNORECASE)
#: Every match of ``_ATTEND_WORDS`` holds one of these (``found_near``'s ``needs``)
_ATTEND_NEEDS = tuple(sorted(_ATTENDS))


def _goes_on(text: str, low: str, plain: bool) -> bool:
    """Whether ``_GOES_ON`` matches ``text`` (``low`` its lower case, ``plain`` whether that
    is ``text`` letter for letter: ``matches_as_ignorecase``)."""
    return (not plain or _stands(low, _GOES_ON_NEEDS)) and found_near(
        _GOES_ON, text, low, _GOES_ON_WORDS, 40, 20, _GOES_ON_NEEDS)


def _attends(text: str, low: str, plain: bool) -> bool:
    """Whether ``_ATTEND_WORDS`` matches ``text`` (as ``_goes_on``)."""
    return " and " in text and (not plain or _stands(low, _ATTEND_NEEDS, whole=True)) and \
        found_near(_ATTEND_WORDS, text, low, ("and",), 0, 40, _ATTEND_NEEDS)


def _stands(low: str, words: tuple[str, ...], whole: bool = False) -> bool:
    """Whether one of ``words`` stands in ``low`` after white space (and, if ``whole``, ends
    before a character no word goes on with, or at the end).

    Every match of ``_GOES_ON`` holds one of ``_GOES_ON_NEEDS`` so, and every match of
    ``_ATTEND_WORDS`` a whole one of ``_ATTEND_NEEDS`` (each after ``\\s+``, and these before
    ``\\b``), as ``found_near`` reads the lowered patterns in ``low``. Its own test, for the
    words anywhere, passed "later" of "bilateral" and "host" of "Macron-hosted", and then
    searched the windows around every "with" or "and" of the sentence.
    """
    for word in words:
        if word not in low:
            continue  # (``in``: the common case, and faster than a call of ``find``)
        i = low.find(word, 1)
        while i >= 0:
            if low[i - 1].isspace():
                j = i + len(word)
                if not whole or j == len(low) or not (low[j].isalnum() or low[j] == "_"):
                    return True
            i = low.find(word, i + 1)
    return False


#: What a past act that made something public did: the day after it is its object's
_MADE_PUBLIC = frozenset({"release", "publish", "unveil", "announce", "present"})
#: A headline about a plan made public: "Sept 9: the diocese unveils the Pope's day", "14
#: octobre : la préfecture publie le programme de la visite"
_PLAN_NEWS = re.compile(
    r"\s*:\s*[^.:;!?]{0,60}?\b(?:unveils?|reveals?|publish(?:es)?|releases?|details|outlines?|"
    r"announces?|dévoilen?t?|publien?t?|présenten?t?|annoncen?t?|révèlen?t?|détaillen?t?)\s+"
    r"(?:[\w'’]+\s+){0,3}(?:programmes?|programs?|agenda|schedule|itinerary|timetable|plans|"
    r"day|calendrier|journée|itinéraire|horaires?|déroulé)\b", re.IGNORECASE)


def _plan_headline(sentence: textmod.Sentence, stimexes: list[Timex]) -> bool:
    """Whether ``sentence`` is a headline, labelled with a day, about a plan made public:
    the day is the plan's, and the publishing no happening of that day."""
    first = stimexes[0] if stimexes else None
    return first is not None and not sentence.text[:first.start - sentence.start].strip() \
        and _PLAN_NEWS.match(sentence.text, first.end - sentence.start) is not None


def _calendar_update(calendar: _Dated | None, happenings: list[_Happening], start_at: int,
                     sentence: textmod.Sentence, stimexes: list[Timex], today: date,
                     heads: frozenset[str]) -> _Dated | None:
    """The calendar in force after ``sentence`` (whose happenings start at ``start_at``).

    A sentence's strike ("une grève ... à partir du mardi 3 avril") opens a calendar; the days
    of the sentence no happening used are more of its days ("Suivront les 8 et 9 avril, 13 et
    14"), each appended as one more strike.
    """
    mine = [p for h in happenings[start_at:] for p in h.parts]
    for dated in mine:
        if dated.mention.head.lower() in heads and dated.first_day is not None \
                and not dated.mention.past:
            calendar = dated
    if calendar is None or calendar.mention.sentence.start == sentence.start:
        return calendar
    used = [d.timex for d in mine if d.timex is not None]
    listed = _calendar_days(calendar, sentence, stimexes, used, today)
    happenings.extend(_Happening([d]) for d in listed)
    return listed[-1] if listed else calendar


def _calendar_days(calendar: _Dated, sentence: textmod.Sentence, stimexes: list[Timex],
                   used: list[Timex], today: date) -> list[_Dated]:
    """More days of ``calendar``'s happening that ``sentence`` lists: its unused spans of two
    to four days ("13 et 14"), near enough to the calendar's last day."""
    last = calendar.timex.end if calendar.timex is not None else calendar.mention.sentence.end
    if sentence.start - last > _CALENDAR_REACH:
        return []
    out: list[_Dated] = []
    for t in stimexes:
        if t in used or t.first_day is None or t.last_day is None or t.clock \
                or not _LISTED_DAY.fullmatch(t.value) or t.first_day <= today \
                or not 0 < (t.last_day - t.first_day).days <= 3:
            continue
        dated = _Dated(calendar.mention, t, t.first_day, t.last_day, None, None, calendar.zone,
                       expression=t.text, confidence=t.confidence * 0.85,
                       resolution=f"a day of the calendar of “{calendar.mention.title}”: "
                                  f"{t.first_day} to {t.last_day} ({t.text})")
        out.append(dated)
    return out


#: Words that go on with the narrative's day: "Then he will ...", "Later, ...".
_SEQUENCE = re.compile(
    r"\s*(?:and\s+)?(?:then|later|afterwards?|after\s+that|following\s+that|next|finally|"
    r"subsequently|thereafter)\b", re.IGNORECASE)
#: (Gated by pieces of its words with no "i", "k" or "s": IGNORECASE matches those letters to
#: characters that ``lower()`` keeps apart, "ı", "ſ", so a match lower-cased always holds one.)
_SEQUENCE_IN = Gated(re.compile(
    r"\b(?:then|later|afterwards?|after\s+that|following\s+that|finally|subsequently|"
    r"thereafter|from\s+there|after\s+(?:sunset|nightfall|dark))\b", re.IGNORECASE),
    ("then", "later", "after", "follow", "nally", "equently", "from"))
#: A clause that goes on with the day of the one before it: "and then ...", "begin with".
_GOES_ON = re.compile(
    r"(?:\band|[,;])\s+(?:(?:he|she|they|it|we)\s+)?(?:will\s+)?(?:then|later|afterwards?|"
    r"(?:begin|start|open)s?\s+with)\b"
    r"|,\s+where\s+(?:he|she|they|it|we)\s+will\b"
    r"|,?\s+puis\b", re.IGNORECASE)  # (French: "..., puis une visite au CERN")
_OPENERS = frozenset({"begin", "start", "open"})
#: A line in the past is no programme's: "The draw took place on Monday."
_PAST_LINE = re.compile(r"\b(?:was|were|had|did|took|held|\w{3,}ed)\b")
_GOES_ON_WORDS = ("then", "later", "afterward", "with", "where", "puis")
#: Every match of ``_GOES_ON`` holds one of these: "with" only after an opener ("begins
#: with"), and "with" is too common a word to look near
_GOES_ON_NEEDS = ("then", "later", "afterward", "where", "puis", "begin", "start", "open")
#: Every match of ``_HEDGED`` or ``_ADVISED`` holds one of these
_DOUBT_WORDS = ("may", "might", "could", "possibly", "perhaps", "unless", "should", "must",
                "advised", "urged", "asked", "later than", "event of", "case of", "if")
#: A schedule told in the present after a sequence word: "It then meets the mayor"
_PRESENT_SCHEDULE = re.compile(
    r"\b(?:meets|visits|tours|travels|flies|heads|attends|hosts|holds|opens|lands|returns|"
    r"leaves|departs|arrives|addresses|inaugurates|joins)\b", re.IGNORECASE)
#: "il rencontrera également ...": one more happening of the day in force (a verb of its
#: own: "seront également déterminants" says nothing happens; English "will also" more
#: often adds to a happening than names another)
_ALSO = Gated(re.compile(r"\b(?!(?:se|au)r)\w+(?:ra|ront)\s+également\b", re.IGNORECASE),
              ("également",))
#: A sentence that closes the narrative's day: "His last official activity will be ...",
#: "The day will end with ...".
_DAY_CLOSER = re.compile(
    r"\s*(?:(?:his|her|their|its|the)\s+(?:last|final|next|first)\s+(?:\w+\s+){0,2}"
    r"(?:activity|engagement|stop|event|appointment|duty)(?:\s+of\s+the\s+day)?|the\s+day\s+(?:will\s+)?"
    r"(?:ends?|closes?|concludes?|begins?|starts?)\s+(?:with|at|in)|on\s+the\s+same\s+day)\b",
    re.IGNORECASE)
#: The letters ``_DAY_CLOSER`` can open with, after white space ("his", "her", "their",
#: "its", "the", "on"; "ı" and "İ" read as "i"): the pattern is tried on those lines only
_CLOSER_INITIALS = frozenset("hHtTiIoO\u0131\u0130")
#: (read with ``search_lower``: its gate passes nearly every sentence, but the pattern runs
#: faster on lower-cased text without IGNORECASE)
_WILL = Gated(re.compile(
    r"\b(?:will|’ll|'ll|shall|(?:is|are)\s+(?:set\s+|due\s+|scheduled\s+)?to)\b",
    re.IGNORECASE), ("ll", "to"))
#: How far (in characters) a day stays in force without being named again.
_FOCUS_REACH = 600


@dataclass(eq=False)
class _Focus:
    """The day the narrative is about, as a reader keeps it from sentence to sentence.

    Set by a sentence that names one day; read by the sentences after it that go on with it
    ("Then he will preside at Mass", "His last engagement will be a dinner") and by the lines
    of a programme under a day heading ("Saturday 9 June" then "• Visit to the museum").
    """

    today: date
    text: str
    day: date | None = None
    timex: Timex | None = None
    end: int = 0
    heading: bool = False
    #: the day of the last heading, while no sentence has named another day since: the
    #: paragraphs under "Sept 22, 2015 (local time)" are that day's
    section: date | None = None
    mentions: Finder = ENGLISH
    #: the programme in force is a list a sentence opened ("..., in order:"): only its
    #: bulleted lines are items
    bullets_only: bool = False
    #: the heading in force is a time alone ("| 8:30 a.m. JST |"): its line takes the time
    timed: bool = False
    #: the last line carried was a sentence of its own ("The Prime Minister will ...")
    prose_item: bool = False

    def note(self, sentence: textmod.Sentence, stimexes: list[Timex]) -> None:
        days: list[Timex] = []
        named: list[Timex] = []
        for t in stimexes:
            if t.first_day is not None and _day_granular(t):
                days.append(t)
                if not _only_a_time_timex(t):
                    named.append(t)
        days = named or days  # (not "at noon")
        # (not a day of what comes later: "..., before handing over the keys on Sunday")
        later = [t for t in days if later_clause(
            sentence.text, max(0, t.start - sentence.start - 60), t.start - sentence.start)]
        if later:
            days = [t for t in days if t not in later]
        if not days:
            if later and self.day is not None:
                self.end = sentence.end  # the sentence goes on with the day in focus
            return
        t = days[-1]
        self.day, self.timex, self.end = t.first_day, t, sentence.end
        self.bullets_only = False
        # a time alone on its line heads the lines under it, until the next one (what is
        # left of the line is read only for a line of one day)
        rest = (sentence.text[:t.start - sentence.start] + sentence.text[t.end - sentence.start:]
                if len(days) == 1 else "")
        self.timed = len(days) == 1 and _only_a_time_timex(t) and not _WORDS.search(rest)
        # a heading: the line holds its date and little else ("Day two – Thursday 9th")
        one_day = len(days) == 1 and t.first_day == t.last_day and "\n" not in sentence.text
        few = one_day and _at_most_four_words(rest)
        self.heading = few or (one_day and t.start == sentence.start and _LABEL_AFTER.match(
            sentence.text, t.end - sentence.start) is not None)
        if self.heading and few:
            self.section = t.first_day
        elif t.first_day != self.section:
            self.section = None

    def _listed(self, sentence: textmod.Sentence) -> bool:
        """Whether ``sentence`` is a line of the programme under the day heading."""
        # (a line past 300 characters is no programme's: its ends are looked for no farther)
        line = self.text[textmod.line_start(self.text, sentence.start, 300):
                         textmod.line_end(self.text, sentence.end, 300)]
        if self.bullets_only and not _BULLET_LINE.match(line):
            return False
        return len(line) <= 300 and _ITEM_LINE.match(line) is not None and (
            _BLANK_LINE.search(self.text, self.end, sentence.start) is None
            or not _PROSE_LINE.search(line)
            or _WILL.search_lower(sentence.text, sentence.low) is not None)

    def _future(self, sentence: textmod.Sentence) -> bool:
        """Whether ``sentence`` tells what is to come, in English or the finder's language."""
        own = self.mentions.future
        return _WILL.search_lower(sentence.text, sentence.low) is not None or (
            own is not None and own.search(sentence.text) is not None)

    def carry(self, sentence: textmod.Sentence, stimexes: list[Timex]) -> list[_Dated] | None:
        if self.day is None or self.timex is None or sentence.start - self.end > _FOCUS_REACH \
                or self.day < self.today:
            return None  # (a dateline is no programme's day)
        text = sentence.text
        if ":" in text and is_field_line(text):  # (a field has its colon)
            return None  # "- Highlights: Boat parade ...": about the item above, no item
        if text.rstrip().endswith(":") and "\n" not in text.strip() and not stimexes:
            # "Between these two times there will be, in order:": the bulleted list it opens
            # is the day's programme, as under a day heading
            self.heading, self.end, self.bullets_only = True, sentence.end, True
            return []
        # (a day heading of today is a dateline's: only the narrative goes on with today)
        listed = self.heading and self.day > self.today and self._listed(sentence)
        own = self.mentions.sequence
        closer = _DAY_CLOSER.match(text) if text.lstrip()[:1] in _CLOSER_INITIALS else None
        # (the sequence words looked for in the 40 characters searched, not the sentence)
        marker = _SEQUENCE_IN.search(text, text[:40].lower(), 0, 40) or closer or (
            own.search(text, 0, 60) if own is not None else None) or _ALSO.search(
            text, sentence.low, 0, 90)
        # "Xi will meet ..." under "Sept 22, 2015"
        sectioned = self.section is not None and self.section == self.day and \
            _WILL.search_lower(text, sentence.low) is not None
        if not listed and not sectioned and not marker and self.mentions.chained is not None \
                and self.mentions.chained.possible(sentence.low) and self._future(sentence):
            # "The opening ceremony will be followed by a concert": the concert, that day
            chained = []
            for other, phrase, _s, _e in _chain_links(sentence, 0, len(text), stimexes,
                                                      self.mentions):
                dated = _Dated(other, None, None, None, None, None, None)
                _carry_day(dated, self.day, self.timex, self.timex.text,
                           self.timex.confidence, phrase)
                chained.append(dated)
            if chained:
                self.end = sentence.end
                return chained
        if not listed and not sectioned and not (marker and (
                self._future(sentence) or _PRESENT_SCHEDULE.search(text) is not None
                or closer is not None)):
            return None  # (a past closer, "Her last engagement was ...", names no event)
        out: list[_Dated] = []
        for mention in self.mentions.find(sentence, stimexes, only_dated=False):
            if mention.past or mention.relative is not None:
                continue
            if out and not listed and not (
                    mention.has_event_noun or _SEQUENCE.match(mention.clause.text)
                    or _DAY_CLOSER.search(mention.clause.text)):
                continue  # "..., and meet the staff": part of the happening before it
            dated = _Dated(mention, None, None, None, None, None, None, line_item=listed)
            _carry_day(dated, self.day, self.timex, self.timex.text, self.timex.confidence,
                       marker.group(0).strip() if marker else "")
            if listed and self.timed and not out:
                # "| 8:30 a.m. JST |" on a line of its own, then what happens at that time
                dated.clock, dated.zone = self.timex.clock, self.timex.zone
            out.append(dated)
        if not out and listed and self.prose_item and _NAME_LINE.fullmatch(text.strip()):
            self.end = sentence.end
            return []  # "The Prime Minister will hold a media availability." then "Hotel New
            # Otani Tokyo": where the item above happens, no item
        self.prose_item = bool(out) and text.rstrip().endswith(".")
        if not out and listed and (item := item_mention(sentence)) is not None \
                and not _PAST_LINE.search(text):
            dated = _Dated(item, None, None, None, None, None, None, line_item=True)
            _carry_day(dated, self.day, self.timex, self.timex.text, self.timex.confidence, "")
            out.append(dated)
        chained = [c for dated in out for c in _chained(dated, stimexes, self.mentions)]
        if chained:
            # "Cette visite sera suivie d'un déjeuner": a bare noun before the phrase is the
            # happening told before; what follows it is the new one
            out = [d for d in out if " " in d.mention.title.strip()] + chained
        if out:
            self.end = sentence.end
        return out


#: The end of a programme line's day label: "Sunday: ...", "Day 2 – ...".
_LABEL_AFTER = re.compile(r"\s*(?:[:–—]|-\s)")
#: A line of prose, not a programme's: two sentences ("Entry is free. Last year ...").
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_PROSE_LINE = re.compile(r"[a-z]{2}[.!?]\s+[A-Z][a-z]+\s+[a-z]")
_WORDS = re.compile(r"[^\W\d_]{2,}")


#: A fifth word (``_WORDS``): a run of two letters or more, from the start of its run, then
#: four more, each after letters no more (and runs of one letter between). One search, not a
#: match object for each word; and each run is tried from its start only (in linear time).
_FIFTH_WORD = re.compile(
    r"(?<![^\W\d_])(?:[^\W\d_]{2,}[\W\d_]+(?:[^\W\d_][\W\d_]+)*){4}[^\W\d_]{2}")
#: ``_FIFTH_WORD`` for ASCII text, whose letters are [A-Za-z] (a class ``re`` reads faster)
_FIFTH_WORD_ASCII = re.compile(
    r"(?<![A-Za-z])(?:[A-Za-z]{2,}[^A-Za-z]+(?:[A-Za-z][^A-Za-z]+)*){4}[A-Za-z]{2}")


def _at_most_four_words(text: str) -> bool:
    """Whether ``text`` holds at most four words (``_WORDS``)."""
    return (_FIFTH_WORD_ASCII if text.isascii() else _FIFTH_WORD).search(text) is None

#: A line of a programme under a day heading: a bullet, or a short line of a name.
#: A line that is only a name: "Hotel New Otani Tokyo", "Grand Hall"
_NAME_LINE = re.compile(r"(?:[A-Z][\w'’.&-]*|of|the|de|du|la|le)(?:\s+(?:[A-Z][\w'’.&-]*|of|the|de"
                        r"|du|la|le|and|et)){0,5}")
_BULLET_LINE = re.compile(r"\s*[•*·–—-]\s*\S")
_ITEM_LINE = re.compile(r"\s*(?:[•*·–—-]\s*\S|[A-Z0-9“\"][^.!?\n]{2,200}(?:[.!?\n]|$))")


_YEAR = re.compile(r"\b\d{4}\b")


def _only_a_stamp(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` holds a date stamp and nothing else: no word of two letters
    or more but a month's or a clock's ("April 30, 2026, 08:10")."""
    return end - start <= 80 and all(
        w.lower().rstrip(".")[:3] in _STAMP_WORDS or w.lower() in _STAMP_WORDS
        for w in _STAMP_WORD.findall(text, start, end))


_STAMP_WORD = re.compile(r"[^\W\d_]{2,}\.?")
_STAMP_WORDS = frozenset("""jan feb mar apr may jun jul aug sep oct nov dec janv févr fév avr
    mai juin juil aoû déc am pm a.m p.m h""".split())


#: How far the ends of a short line are looked for (a text of one long line was read back to
#: its start at every date)
_LINE_REACH = 200


def _is_dateline(text: str, t: Timex, today: date) -> bool:
    """The publication date stamped on a line of its own or at a line's start ("date
    2022-06-23 FACTBOX ...", "Published: March 3, 2022"): it dates the page, no happening."""
    if t.first_day != today or t.last_day != today or not _YEAR.search(t.text):
        return False
    return len(text[textmod.line_start(text, t.start, _LINE_REACH):t.start].split()) <= 2


#: A programme's line that only gives the time of the item above it
_TIME_FIELD = re.compile(r"[\s•*·–—-]*(?:time|times|starts?|start\s+time|kick-?off)\s*:\s*",
                         re.IGNORECASE)


def _time_the_last(hap: _Happening, stimexes: list[Timex]) -> bool:
    """Give the happening above a "Time: 19:30" line that time, when it has none."""
    clock = next((t for t in stimexes if t.clock), None)
    best = hap.best if hap.dated else None
    if clock is None or best is None or best.clock or best.first_day != best.last_day:
        return False
    best.clock, best.clock_end, best.zone = clock.clock, clock.clock_end, clock.zone
    best.expression = f"{best.expression} … {clock.text}"
    best.resolution = f"{best.resolution}; {clock.text} = {clock.clock}"
    return True


def _carry_day(dated: _Dated, day: date, timex: Timex | None, expression: str,
               confidence: float, word: str) -> None:
    """Give ``dated`` the day in force: "Then he will ...", a programme's line."""
    dated.timex = timex
    dated.first_day = dated.last_day = day
    dated.expression = word or expression
    dated.resolution = f"{word + ': ' if word else ''}the day in force, {day} ({expression})"
    dated.confidence = confidence * 0.85


#: "strike days - Tuesday, February 7th and Saturday, February 11th": one day after another
_DAY_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)(?:on\s+)?", re.IGNORECASE)
_PLURAL_HEADS = frozenset("days dates strikes walkouts rallies protests demonstrations marches "
                          "meetings sessions hearings matches".split())


def _listed_days(dated: _Dated, stimexes: list[Timex]) -> list[_Dated]:
    """One more happening for each day listed after the first when a plural names them
    ("fresh strike days - Tuesday, February 7th and Saturday, February 11th")."""
    t = dated.timex
    if t is None or dated.first_day is None or dated.last_day != dated.first_day:
        return []
    words = dated.mention.title.lower().split()
    if not words or words[-1] not in _PLURAL_HEADS:
        return []
    text, base = dated.mention.sentence.text, dated.mention.sentence.start
    out: list[_Dated] = []
    previous = t
    for nxt in stimexes:
        if nxt.start < previous.end:
            continue
        if nxt.first_day is None or nxt.first_day != nxt.last_day or not _DAY_LIST_GAP.fullmatch(
                text, previous.end - base, nxt.start - base):
            break
        out.append(replace(dated, timex=nxt, first_day=nxt.first_day, last_day=nxt.first_day,
                           clock=nxt.clock, clock_end=nxt.clock_end, zone=nxt.zone,
                           expression=nxt.text, resolution=nxt.resolution or nxt.value))
        previous = nxt
    return out


def _second_happening(dated: _Dated, stimexes: list[Timex], today: date,
                      mentions: Finder = ENGLISH) -> _Dated | None:
    """A happening dated by a later day of the clause that its main happening left unused.

    "Geldof announced Live 8, a set of concerts to be held ... on July 2": the announcement
    is news; July 2 is the concerts'. Only a future day after the main one's, with a noun
    phrase or a subject of its own between them.
    """
    mention, used = dated.mention, dated.timex
    if used is None or (dated.first_day is not None and dated.first_day >= today
                        and not mention.past):
        return None  # the main happening is to come: a later day is its own (a span)
    clause = mention.clause
    later = [t for t in within(stimexes, clause.start, clause.end) if t.start >= used.end
             and t.first_day is not None and t.first_day > today and _day_granular(t)
             and not _only_a_time_timex(t)]
    if not later:
        return None
    t = later[0]
    start = max(used.end, mention.name_span[1])
    other = mentions.between(mention.sentence, start, t.end, stimexes)
    if other is None or (other.past and not _WILL.search_lower(other.clause.text,
                                                               other.clause.low)):
        return None
    second = _date_mention(other, [t])
    return second if second.first_day is not None else None


def _chain_links(sentence: textmod.Sentence, begin: int, stop: int, stimexes: list[Timex],
                 mentions: Finder) -> list[tuple[Mention, str, int, int]]:
    """The happenings sequence phrases name in ``sentence`` between offsets ``begin`` and
    ``stop`` (``Finder.chained``): (mention, phrase, start, end) with the piece each reads.

    (Bounded by the caller's clause: every happening of a long sentence reading the whole of
    it was quadratic.)
    """
    chained = mentions.chained
    stop = min(stop, len(sentence.text))
    if chained is None or not chained.possible(sentence.low[begin:stop]):
        return []
    base = sentence.start
    # (the phrase is read from ``sentence.text`` by its offsets: a match may be one in ``low``)
    found = _chain_phrases(chained, sentence.text, sentence.low, begin, stop)
    out = []
    for k, m in enumerate(found):
        start = base + m.end()
        # the piece: to the next phrase, or a clause break (";", a dash), a few words on
        limit = min(found[k + 1].start() if k + 1 < len(found) else len(sentence.text),
                    m.end() + _CHAIN_REACH * 5)
        cut = _CLAUSE_BREAK.search(sentence.text, m.end(), limit)
        end = base + (cut.start() if cut else limit)
        other = mentions.between(sentence, start, end, stimexes)
        if other is not None and not other.past and other.name_span[0] <= start + _CHAIN_REACH:
            # (a noun far on is no object of the phrase: "before a crowd at the final")
            out.append((other, sentence.text[m.start():m.end()].strip(), start, end))
    return out


def _chain_phrases(chained: Gated, text: str, low: str, begin: int,
                   stop: int) -> list[re.Match[str]]:
    """``list(chained.finditer_lower(text, low, begin, stop))``, the pattern tried only where
    a sequence phrase can start: at one of its needed words, or in the white space right
    before one (", after a working breakfast"), as each language's ``Finder.chained`` does.
    (``re`` tried at every character of a sentence, the phrases held no literal to skip to:
    a fifth of ``_chained``'s time on the seed.)"""
    lowered = chained.lowered
    if lowered is None or chained.also is not None or not matches_as_ignorecase(text, low):
        return list(chained.finditer_lower(text, low, begin, stop))
    starts: set[int] = set()
    for word in chained.needs:
        i = low.find(word, begin, stop)
        while i >= 0:
            p = i
            while p > begin and low[p - 1].isspace():
                p -= 1
            starts.update(range(p, i + 1))
            i = low.find(word, i + 1, stop)
    return matches_at(lowered, low, starts, stop)


def _chained(dated: _Dated, stimexes: list[Timex], mentions: Finder) -> list[_Dated]:
    """The happenings a sequence phrase names after ``dated``'s.

    "..., followed by a reception for volunteers", "before a working lunch", "qui sera
    suivie d'une conférence de presse": each is one more calendar entry, on the day of the
    happening it follows unless its own words give a day, and untimed unless they give a
    time (the main happening's time is not the next one's).
    """
    mention = dated.mention
    if dated.first_day is None or mention.past or mentions.chained is None:
        return []
    sentence = mention.sentence
    # Its own clause only, and the head of the next ("..., before a working lunch" is a
    # clause of its own); the sentence's first clause from the start: an opening "After a
    # breakfast ...," is no part of the clause its verb heads.
    clause_start = mention.clause.start - sentence.start
    first = mention.clause.connective is None and \
        _CLAUSE_BREAK.search(sentence.text, 0, clause_start) is None
    begin = 0 if first else clause_start
    out: list[_Dated] = []
    stop = mention.clause.end - sentence.start + _CHAIN_HEAD
    for other, phrase, start, end in _chain_links(sentence, begin, stop, stimexes, mentions):
        if other.title.lower() in mention.title.lower():
            continue
        own = _date_mention(other, within(stimexes, start, end))
        if own.first_day is None:
            _carry_day(own, dated.first_day, dated.timex, dated.expression, dated.confidence,
                       phrase)
            own.inferred = True
        out.append(own)
    return out


#: How far (in characters) after "followed by a" the event noun may start: "a reception",
#: "a short working lunch with"
_CHAIN_REACH = 30
#: How far past its clause's end a happening's sequence phrase may start (the next clause's
#: head: "..., before attending a gala dinner")
_CHAIN_HEAD = 40
#: Where one clause of a sentence ends for good: a semicolon, a dash between spaces
_CLAUSE_BREAK = re.compile(r";|\s[–—]\s")


#: How far back the patterns that end where a date starts ("said on", "postponed to",
#: "originally ... on") look: each match is a few words long, so reading the whole sentence
#: before every date only made a long sentence of many dates quadratic.
_LOOK_BEHIND = 300


def _behind(end: int) -> int:
    return max(0, end - _LOOK_BEHIND)


def _past_verb_before(text: str, end: int) -> bool:
    """Whether ``text[:end]`` ends in a past form ("agreed Friday"): ``_PAST_VERB_BEFORE``.

    Every match ends in "ed" or "on" before trailing white space, which is cheap to check
    first; the pattern, searched from the sentence start, is not.
    """
    i = end
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i == end or text[i - 2:i] not in ("ed", "on"):
        return False
    return _PAST_VERB_BEFORE.search(text, _behind(end), end) is not None


def _sentence_marks(low: str) -> tuple[bool, bool, bool]:
    """Of a (lower-cased) sentence: whether it may report ("said"), move ("postponed") or
    cancel a happening. Read once per sentence, not once per mention (a sentence of a
    thousand clauses was read a thousand times): the last sentence's marks are kept, for
    the same string, as its mentions are dated one after another. (No cache of past
    sentences: it was hit almost only when an article was read again.)"""
    last = _LAST_MARKS[0]
    if last[0] is low:
        return last[1]
    moved = holds_any(low, RESCHEDULE) or (
        holds_any(low, _MOVED_FR_VERBS) and holds_any(low, RESCHEDULE_FR))  # (``_MOVED``)
    marks = _REPORTED_ON.possible(low), moved, _CANCELLED.search(low, low) is not None
    _LAST_MARKS[0] = (low, marks)  # (one tuple, replaced whole)
    return marks


#: (sentence, its ``_sentence_marks``) of the last sentence read
_LAST_MARKS: list[tuple[str, tuple[bool, bool, bool]]] = [("", (False, False, False))]


def _nearest(timexes: list[Timex], span: tuple[int, int]) -> Timex:
    """The expression nearest a happening's name (at ``span``), the first of two as near."""
    return min(timexes, key=lambda t: (min(abs(t.start - span[1]), abs(span[0] - t.end)),
                                       t.start))


def _date_mention(mention: Mention, stimexes: list[Timex]) -> _Dated:
    clause = mention.clause
    text, low, base = mention.sentence.text, mention.sentence.low, mention.sentence.start
    reports, rescheduled, cancelled = _sentence_marks(low)
    # The clause's expressions that can date it (``in_clause``), with its days and times,
    # read in one pass (a list, then a list of it, for each test cost more than the tests)
    in_clause: list[Timex] = []
    days: list[Timex] = []
    named: list[Timex] = []
    clocks: list[Timex] = []
    for t in within(stimexes, clause.start, clause.end):
        at = t.start - base
        # "..., the Vatican said on Tuesday": when it was said is not when it happens
        if reports and _REPORTED_ON.search_lower(text, low, _behind(at), at) \
                and not _TO_BE_REPORTED.search(text, _behind(at), at):
            continue  # (but "the prizes will be announced on Wednesday": the announcing's)
        # "The court agreed Friday to hear ...": that day is when it agreed
        if t.start < mention.name_span[0] and _past_verb_before(text, at):
            continue
        # "The board on Monday published the calendar": that day is when it published
        if not mention.past and _PAST_VERB_AFTER.match(text, t.end - base):
            continue
        only_a_time = _only_a_time_timex(t)
        # "... until 8 p.m.", "jusqu'à 20h": when it ends, not when it starts
        if only_a_time and _UNTIL_CLOCK.search(text, max(0, at - 12), at):
            continue
        in_clause.append(t)
        if t.clock:
            clocks.append(t)
        if t.first_day is not None and _day_granular(t):
            days.append(t)
            if not only_a_time:
                named.append(t)
    days = named or days  # "at 3:51 p.m. ... on July 13": the day is July 13's, not the clock's
    label = _day_label(mention.sentence, stimexes)
    if label is not None and all(t is label or (t.anchor == "publication" and not
                                                 _EXPLICIT_DAY.search(t.text)) for t in days):
        # "Saturday, September 21: Modi will depart ... tonight": a programme line's day
        # governs it; "tonight" is that day's night
        days = [label]
    chosen: Timex | None = None
    span = mention.name_span
    outside = [t for t in days if not span[0] <= t.start < span[1]]
    days = outside or days
    if days:  # the date nearest the happening's name is its date (in text order: the first)
        chosen = _nearest(days, span) if len(days) > 1 and span[1] > span[0] else days[0]
        if rescheduled:
            later = [
                t for t in days
                if _TO_BEFORE.search(text, _behind(t.start - base), t.start - base)
                and not _ORIGINALLY_BEFORE.search(text, _behind(t.start - base), t.start - base)
            ]
            chosen = later[-1] if later else days[-1]
    clock = clocks[0] if clocks else None
    if len(clocks) > 1 and span[1] > span[0]:
        # "After a breakfast at 8:30 a.m., the prime minister will fly to Oslo at 1:15 p.m.":
        # each time is the happening's nearest it
        clock = _nearest(clocks, span)
    if chosen is None and clock is not None and clock.first_day is not None:
        chosen = clock
    if chosen is None:
        return _Dated(mention, None, None, None, None, None, None, rescheduled, cancelled)
    expression = chosen.text
    resolution = chosen.resolution or chosen.value
    last_day = chosen.last_day or chosen.first_day
    first_day = chosen.first_day
    if rescheduled and first_day != last_day and chosen.text.lower().startswith("from"):
        first_day = last_day  # "moved the race from Saturday to Sunday": the new day
    opening = _range_start(chosen, days, text, base)
    if opening is not None:
        # "talks that opened on Monday and run until June 15": from the one to the other
        first_day = opening.first_day
        expression = f"{opening.text} … {chosen.text}"
        resolution = f"{opening.resolution or opening.value}; {resolution}"
    length = _length_of(mention, in_clause) if first_day == last_day else None
    if length is not None and first_day is not None:
        # "a three-day meeting ... on Sunday", "their five-day tour ... on Monday": the span
        last_day = first_day + timedelta(days=length - 1)
        resolution = f"{resolution}; {length} days from {first_day}"
    partner = _coordinated_day(chosen, days, text, base)
    if partner is not None and not chosen.clock:
        # "on Wednesday and Thursday next week": one happening over both days
        last_day = partner.last_day or partner.first_day
        expression = f"{chosen.text} and {partner.text}"
        resolution = f"{resolution}; {partner.resolution or partner.value}"
    if clock is not None and clock is not chosen:
        expression = f"{chosen.text} … {clock.text}"
        resolution = f"{resolution}; {clock.text} = {clock.clock}"
    return _Dated(
        mention=mention,
        timex=chosen,
        first_day=first_day,
        last_day=last_day,
        clock=(clock.clock if clock else chosen.clock),
        clock_end=(clock.clock_end if clock else chosen.clock_end),
        zone=clock.zone if clock else chosen.zone,  # (a clock's own zone, or none: local)
        rescheduled=rescheduled,
        cancelled=cancelled,
        expression=expression,
        resolution=resolution,
        confidence=chosen.confidence,
        moved_from=frozenset(t.first_day for t in days if t.first_day is not None)
        if rescheduled else frozenset(),
    )


_DAYS_VALUE = re.compile(r"P([2-9]|1[0-9])D")


def _length_of(mention: Mention, in_clause: list[Timex]) -> int | None:
    """The length in days a "three-day" before the happening's noun gives it, if any."""
    start, end = mention.name_span
    for t in in_clause:
        m = _DAYS_VALUE.fullmatch(t.value) if t.type == "DURATION" else None
        if m and start - 30 <= t.start <= end and t.text[-4:].lower() in ("-day", " day"):
            return int(m.group(1))
    return None


_UNTIL_CLOCK = re.compile(r"\b(?:until|till|jusqu['’]\s*(?:à|a))\s+$", re.IGNORECASE)
_UNTIL_BEFORE = re.compile(r"\b(?:until|till|through)\s+(?:at\s+least\s+)?$", re.IGNORECASE)


def _range_start(chosen: Timex, days: list[Timex], text: str, base: int) -> Timex | None:
    """For "... until June 15", the day named earlier in the sentence that opens the span."""
    end = chosen.start - base
    # (the words right before the day only: reading the whole sentence at every day of a
    # long one was quadratic)
    if chosen.first_day is None or not _UNTIL_BEFORE.search(text, max(0, end - 40), end):
        return None
    before = [t for t in days if t.end <= chosen.start and t.first_day is not None
              and t.first_day < chosen.first_day
              and (chosen.first_day - t.first_day).days <= 62]
    return before[-1] if before else None


_AND_BETWEEN = re.compile(r"\s*,?\s*(?:and|&)\s*(?:on\s+)?$")


def _coordinated_day(chosen: Timex, days: list[Timex], text: str, base: int) -> Timex | None:
    """The next day coordinated with ``chosen`` by "and", when it follows within a week."""
    after = [t for t in days if t.start >= chosen.end]
    if not after or chosen.first_day is None:
        return None
    nxt = min(after, key=lambda t: t.start)
    between = text[chosen.end - base: nxt.start - base]
    if nxt.first_day is None or not _AND_BETWEEN.fullmatch(between) or nxt.clock:
        return None
    gap = (nxt.first_day - (chosen.last_day or chosen.first_day)).days
    return nxt if 0 < gap <= 1 else None


_ENDS = re.compile(r"\b(?:finish|end|close|conclude|wrap\s+up)(?:s|es|ed|ing)?\b", re.IGNORECASE)


def _find_end(dated: _Dated, text: str, base: int, stimexes: list[Timex]) -> None:
    """"The race will start at 11 p.m. ... and finish at 4 a.m. on October 31": its end."""
    assert dated.timex is not None
    for m in _ENDS.finditer(text):
        if base + m.start() < dated.timex.end:
            continue
        end = next((t for t in stimexes if t.start >= base + m.end() and t.clock), None)
        if end is None or end.start - (base + m.end()) > 40:
            continue
        dated.clock_end = end.clock
        if end.first_day is not None and dated.first_day is not None and \
                end.first_day >= dated.first_day:
            dated.last_day = end.first_day
        dated.resolution += f"; ends {end.text} = {end.clock}"
        return


_DAY_WORDS = re.compile(
    r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
    r"oct|nov|dec)[a-z]*\.?\s+\d|\b(?:today|tonight|tomorrow|yesterday|day|week)\b",
    re.IGNORECASE)


#: A clause that only says when: "The elite start will be at 9:15 a.m."
_ONLY_WHEN = re.compile(r"\b(?:will\s+be|is|are|is\s+set\s+for|is\s+due)\s+(?:at\s+)?$",
                        re.IGNORECASE)


def _refers_back(dated: _Dated, happenings: list[_Happening]) -> bool:
    """Give "The event will start at 10 a.m." to the event named before, if it is that.

    Only a definite bare noun ("the event", "the ceremony") with a time of day and no day of
    its own refers back; it then sets the time of the last dated happening with that noun.
    """
    mention, timex = dated.mention, dated.timex
    if timex is None or not timex.clock or _DAY_WORDS.search(timex.text):
        return False
    head = mention.title.lower()
    # A clause with no name for a happening ("The elite start will be at 9:15") times the
    # happening of that day named just before; a definite bare noun times the one it names.
    nameless = not mention.lemma and not mention.has_event_noun and bool(_ONLY_WHEN.search(
        mention.sentence.text, _behind(timex.start - mention.sentence.start),
        timex.start - mention.sentence.start))
    if not nameless and (" " in head or not re.search(
            rf"\bthe\s+{re.escape(head)}\b", mention.clause.text, re.IGNORECASE)):
        return False
    for hap in reversed(happenings[-3:] if nameless else happenings):
        best = hap.best if hap.dated else None
        if nameless and best is not None and best.first_day != timex.first_day:
            continue
        if best is not None and (nameless or head in hap.tokens) and not best.clock:
            best.clock, best.clock_end, best.zone = timex.clock, timex.clock_end, timex.zone
            best.expression = f"{best.expression} … {timex.text}"
            best.resolution = f"{best.resolution}; {timex.text} = {timex.clock}"
            return True
    return False


_LASTS_UNTIL = re.compile(
    r"\b(?:last|lasts|run|runs|continue|continues|go\s+on)\s+(?:\w+\s+){0,2}"
    r"(?:until|till|through)\s+$", re.IGNORECASE)


def _extends_back(dated: _Dated, happenings: list[_Happening]) -> bool:
    """"The trial is scheduled to last until December 19": the end of the trial named before."""
    mention, timex = dated.mention, dated.timex
    head = mention.title.lower()
    if timex is None or timex.first_day is None or " " in head:
        return False
    text, end = mention.sentence.text, timex.start - mention.sentence.start
    # (read near the date only: a sentence of a thousand dates was read whole at each)
    if not _LASTS_UNTIL.search(text, max(0, end - 60), end) or not re.compile(
            rf"\bthe\s+{re.escape(head)}\b", re.IGNORECASE).search(text, _behind(end), end):
        return False
    for hap in reversed(happenings):
        best = hap.best if hap.dated else None
        if best is not None and head in hap.tokens and best.first_day is not None \
                and best.first_day < timex.first_day and not best.clock:
            best.last_day = timex.first_day
            best.expression = f"{best.expression} … {timex.text}"
            best.resolution = f"{best.resolution}; lasts until {timex.first_day}"
            return True
    return False


def _day_granular(t: Timex) -> bool:
    """A value naming one day or a span of days, not a week, month, year or duration."""
    if t.type not in ("DATE", "TIME"):
        return False
    return bool(_ISO_DAY.match(t.value)) or (t.last_day is not None and (
        t.last_day != t.first_day
    ))


def _is_continuation(current: _Dated, previous: _Dated | None) -> bool:
    """An undated "and <verb> ..." clause right after a dated (or anchored) happening."""
    if previous is None or current.first_day is not None:
        return False
    if current.mention.sentence is not previous.mention.sentence:
        return False
    if current.mention.clause.connective != "and" or current.mention.has_event_noun:
        return False
    if current.mention.lemma in _MEETS and _OWN_PLACE.search(current.mention.title):
        return False  # "... and meet volunteers at a community kitchen": somewhere else
    return previous.first_day is not None or previous.mention.relative is not None


_MEETS = frozenset({"meet", "visit", "tour", "attend", "host", "address"})
#: A place of its own in a title: "Meeting with volunteers at a community kitchen"
_OWN_PLACE = re.compile(r"\s(?:at|in)\s+(?:a|an|the)?\s*\w")


# (``_MergeIndex`` offers ``_merge`` only happenings that share a proper token or three
# tokens, or a day with the same kind, title or arrival (``_marks``), which this needs: a new
# way to be similar must be offered there too.)
def _similar(a: _Happening, b: _Happening) -> bool:
    """Whether two happenings are one, told twice (never when ``_apart`` keeps them apart)."""
    same_day = bool(a.days & b.days)
    return _alike(a, b, same_day) and not _apart(a, b)


def _alike(a: _Happening, b: _Happening, same_day: bool) -> bool:
    shared = a.tokens & b.tokens
    if same_day:
        kind_a, kind_b = _bare_kind(a), _bare_kind(b)
        if (kind_a is not None and kind_a == _kind(b)) or \
                (kind_b is not None and kind_b == _kind(a)):
            return True  # "the vote" and "the October 28 general elections": one polling day
        if shared and a.title_keys & b.title_keys:
            return True  # "the news conference" twice on one day: one news conference
        arrival_a, arrival_b = _arrival_untimed(a), _arrival_untimed(b)
        if arrival_a is not None and arrival_b is not None and arrival_a != arrival_b:
            return True  # "set to land in the US on Monday" and "due at JFK at 12:30": one
    if not shared:
        return False
    shared_proper = a.proper & b.proper
    score = len(shared) + len(shared_proper)
    if score >= 3 or (score >= 2 and shared_proper and not {
            d.mention.head for d in a.parts}.isdisjoint(d.mention.head for d in b.parts)):
        return True
    # Same day, a shared name, and one side only a noun ("the visit of Leiston on Saturday" and
    # the fixture line "Saturday, December 21: Wickham Vale v Leiston").
    if not same_day or not (any(not d.mention.lemma for d in a.parts)
                            or any(not d.mention.lemma for d in b.parts)):
        return False
    # (a one-word title is a name when the other side has it as one: "host Tottenham")
    return bool(shared_proper) or (
        any(_one_word(d.mention.title) for d in a.parts + b.parts)
        and bool(shared & (a.proper | b.proper)))


_ARRIVING = frozenset({"arrive", "land"})
_LEAVING = frozenset({"depart", "leave"})


def _apart(a: _Happening, b: _Happening) -> bool:
    """Two happenings a reader keeps apart whatever words they share: different times of
    one day ("9:30 – Arrival in Tacloban", "10:00 – Mass near Tacloban airport"), an
    arrival and a departure, or different codes ("Group B", "Group C")."""
    clocks_a, clocks_b = a.clock_marks, b.clock_marks
    if clocks_a and clocks_b and not clocks_a & clocks_b and \
            {c[0] for c in clocks_a} & {c[0] for c in clocks_b}:
        return True
    lines_a, lines_b = a.line_ids, b.line_ids
    if lines_a and lines_b and not lines_a & lines_b:
        return True  # two lines of a programme: two items, whatever words they share
    lemmas_a, lemmas_b = a.lemmas, b.lemmas
    if (lemmas_a & _ARRIVING and lemmas_b & _LEAVING) or \
            (lemmas_a & _LEAVING and lemmas_b & _ARRIVING):
        return True
    # "Working Group 12" and "Working Group 28": the same words, two groups (as across
    # articles, ``calsync.names``)
    return codes_disagree(a.codes, b.codes)


def _one_word(title: str) -> bool:
    """A title of one word, "The" aside ("Tottenham", "The Cottagers")."""
    words = title.split()
    return len(words) == 1 or (len(words) == 2 and words[0].lower() == "the")


def _arrival_untimed(hap: _Happening) -> bool | None:
    """For a happening that is only an arrival: whether it has no time (else None)."""
    if not hap.lemmas or not hap.lemmas <= _ARRIVING:
        return None
    return not hap.clock_marks


#: Kinds of happening a bare noun can stand for on its day ("the vote" for the election).
_KINDS = {"election": "vote", "elections": "vote", "vote": "vote", "votes": "vote",
          "poll": "vote", "polls": "vote", "polling": "vote", "ballot": "vote",
          "referendum": "vote", "strike": "strike", "walkout": "strike", "stoppage": "strike",
          "summit": "summit",
          "launch": "launch", "liftoff": "launch", "lift-off": "launch"}


def _kind_of(mention: Mention) -> str | None:
    """The kind of happening a mention names: its head's, or for "Polling stations will open"
    (a time of the vote) its subject's."""
    kind = _KINDS.get(mention.head)
    if kind is None and mention.lemma in ("open", "close"):
        kind = next((k for w in mention.title.lower().split() if (k := _KINDS.get(w))), None)
    return kind


def _kind(hap: _Happening) -> str | None:
    return hap.kind


def _bare_kind(hap: _Happening) -> str | None:
    """The kind of a happening named only by its kind's noun ("the vote", "the election")."""
    return hap.kind if hap.bare else None


def _merge(happenings: list[_Happening]) -> list[_Happening]:
    """Fold undated mentions into the dated happening they name; join same-day duplicates.

    Each happening goes to the first one before it that is similar and on a compatible day.
    Past a few dozen, only those the index (``_MergeIndex``) offers are compared: comparing
    every pair took time growing with the square of their number (a fixture list of 8,000
    lines: 16 s). Below that, keeping the index costs more than it saves.
    """
    merged: list[_Happening] = []
    index: _MergeIndex | None = None
    for hap in happenings:
        hap.refresh()
        if index is None and len(merged) >= _INDEX_FROM:
            index = _MergeIndex()
            for k, earlier in enumerate(merged):
                index.add(earlier, k)
        target = None
        tokens, days = hap.tokens, hap.days
        for other in merged if index is None else index.candidates(hap, merged):
            if tokens.isdisjoint(other.tokens) and days.isdisjoint(other.days):
                continue  # (what ``_alike`` turns down first, read without its calls)
            if not _similar(hap, other):
                continue
            a_days, b_days = hap.days, other.days
            # a move joins the happening on a day its own sentence names ("moved from
            # February 18 to February 25"), not any similar one on another day
            # (``moved`` and ``stated``: kept by each happening, exact here, where no part
            # is dated anew)
            if not a_days or not b_days or a_days & b_days or \
                    (a_days | b_days) <= hap.moved | other.moved or \
                    (hap.stated == 0) != (other.stated == 0):
                # (a day only carried over yields to a day the text gives it elsewhere; two
                # carried days, each from its own happening, are two happenings)
                target = other
                break
        if target is None:
            if index is not None:
                index.add(hap, len(merged))
            merged.append(hap)
        else:
            if index is not None:
                index.absorb(target, hap)
            target.absorb(hap)
    return merged


#: How many happenings ``_merge`` compares with every one before indexing them
_INDEX_FROM = 32


class _MergeIndex:
    """Which earlier happenings a happening can merge with, in ``_merge``'s order.

    What ``_similar`` needs: a name (a proper token) in common, or three tokens. What
    ``_merge`` needs besides, of a dated happening: a day in common with the other, unless
    the other is "open" (undated, or rescheduled: a reschedule lifts the day test) or it is
    rescheduled itself. So names and tokens are filed with each day of their happening, and
    apart for the open ones and for all. The candidates offered hold every happening that can
    merge (and some that cannot, which ``_merge``'s own tests turn down), in order: the first
    that merges is the one a loop over all of them finds. Offering every one that shares a
    token was not enough: copies of a story name the same weak happening ("Vote") on the same
    day, never similar, and each was compared with all the copies before it.
    It reads each happening's ``days``, which ``_merge`` refreshes before offering it.
    """

    def __init__(self) -> None:
        self.named: dict[str, set[int]] = {}  # proper token -> places
        self.worded: dict[str, set[int]] = {}  # token -> places
        self.named_on: dict[tuple[str, date], set[int]] = {}
        self.worded_on: dict[tuple[str, date], set[int]] = {}
        #: (mark, day) -> places: what makes two happenings of one day alike without
        #: sharing names (``_marks``: a kind, a title, an arrival)
        self.marked_on: dict[tuple[str, date], set[int]] = {}
        self.open_named: dict[str, set[int]] = {}
        self.open_worded: dict[str, set[int]] = {}
        self.place: dict[int, int] = {}  # id of a merged happening -> its place in the list
        self.days: list[set[date]] = []  # by place
        #: places of the happenings that are open, or were (a superset does no harm)
        self.open: set[int] = set()

    def candidates(self, hap: _Happening, merged: list[_Happening]) -> list[_Happening]:
        days = hap.days
        if not days or _rescheduled(hap):
            found = _union(self.named, hap.proper)
            if len(hap.tokens) >= 3:
                found |= _at_least(3, [[self.worded.get(t, _NONE)] for t in hap.tokens])
        else:
            found = _union(self.named_on, _on(hap.proper, days)) | _union(
                self.open_named, hap.proper)
            if len(hap.tokens) >= 3:
                found |= _at_least(3, [
                    [*(self.worded_on.get((t, d), _NONE) for d in days),
                     self.open_worded.get(t, _NONE)]
                    for t in hap.tokens])
        if days:
            found |= _union(self.marked_on, _on(_marks(hap), days))
            # a one-word title meets the names of others, and a name meets one-word titles
            found |= _union(self.marked_on, _on({"word:" + p for p in hap.proper}, days))
            if any(_one_word(d.mention.title) for d in hap.parts):
                found |= _union(self.named_on, _on(hap.tokens, days))
        return [merged[k] for k in sorted(found)]

    def add(self, hap: _Happening, k: int) -> None:
        self.place[id(hap)] = k
        self.days.append(set())
        self._file(k, hap, frozenset(), frozenset(), open_=not hap.dated or _rescheduled(hap))

    def absorb(self, target: _Happening, hap: _Happening) -> None:
        """File what ``hap`` brings to ``target``, the happening it merges into (before
        ``target.absorb(hap)``)."""
        k = self.place[id(target)]
        for key in _on(_marks(target) | _marks(hap), self.days[k] | hap.days):
            self.marked_on.setdefault(key, set()).add(k)
        if k in self.open:
            self._file(k, hap, target.proper, target.tokens, open_=True)
        elif _rescheduled(hap):  # (not open: dated, so only a reschedule opens it)
            self._file(k, hap, target.proper, target.tokens, open_=True)
            self._file(k, target, target.proper, target.tokens, open_=True)
        else:
            self._file(k, hap, target.proper, target.tokens, open_=False)

    def _file(self, k: int, hap: _Happening, names: frozenset[str], words: frozenset[str], *,
              open_: bool) -> None:
        """File ``hap``'s names, tokens and days under place ``k``, which had ``names`` and
        ``words`` and the days ``self.days[k]``: each (token, day) of the whole, once."""
        days = self.days[k]
        fresh = hap.days - days
        days |= fresh
        for key in _on(_marks(hap), days):
            self.marked_on.setdefault(key, set()).add(k)
        for index, on, new, old in ((self.named, self.named_on, hap.proper - names, names),
                                    (self.worded, self.worded_on, hap.tokens - words, words)):
            for word in new:
                index.setdefault(word, set()).add(k)
            for key in (*_on(new, days), *_on(old, fresh)):
                on.setdefault(key, set()).add(k)
        if open_:
            self.open.add(k)
            for index, tokens in ((self.open_named, hap.proper), (self.open_worded, hap.tokens)):
                for word in tokens:
                    index.setdefault(word, set()).add(k)


def _marks(hap: _Happening) -> set[str]:
    """What ``_alike`` compares on a shared day besides names: kind, title, arrival."""
    read, known = hap._title_marks or (0, frozenset())
    new = hap.parts[read:]  # (parts only grow while merging: the new ones are read)
    titles = known.union(["title:" + _uid_key(d.mention.title) for d in new],
                         ["word:" + t for d in new if _one_word(d.mention.title)
                          for t in d.mention.tokens])
    hap._title_marks = (len(hap.parts), titles)
    marks = set(titles)
    kind = _kind(hap)
    if kind is not None:
        marks.add("kind:" + kind)
    if _arrival_untimed(hap) is not None:
        marks.add("arrival")
    return marks


def _on(words: Iterable[str], days: set[date]) -> list[tuple[str, date]]:
    return [(w, d) for w in words for d in days]


def _rescheduled(hap: _Happening) -> bool:
    return any(d.rescheduled for d in hap.dated)


def _union(index: Mapping[_K, AbstractSet[int]], keys: Iterable[_K]) -> set[int]:
    found: set[int] = set()
    for key in keys:
        found |= index.get(key, _NONE)
    return found


def _at_least(n: int, groups: list[list[AbstractSet[int]]]) -> set[int]:
    """The members of at least ``n`` of ``groups`` (each group: the union of its sets).

    Such a member is in one of the ``len(groups) - n + 1`` smallest groups (else it could be
    in only ``n - 1`` of them, the largest), so only those are walked, and no group is copied
    into one set: a word every happening of a long list shares ("hall") is looked up, never
    walked or copied for each one (that was quadratic).
    """
    if len(groups) < n:
        return set()
    ordered = sorted(groups, key=lambda group: sum(len(members) for members in group))
    found: set[int] = set()
    for group in ordered[:len(groups) - n + 1]:
        for members in group:
            for k in members:
                if k not in found and sum(
                        any(k in part for part in other) for other in ordered) >= n:
                    found.add(k)
    return found


_K = TypeVar("_K")
_NONE: frozenset[int] = frozenset()


def _resolve_relative(happenings: list[_Happening]) -> None:
    """Give "after her arrival" the arrival's day, "following the forum" the forum's."""
    for _ in range(3):  # anchors may chain; three rounds is plenty for news prose
        changed = False
        for index, hap in enumerate(happenings):
            for part in hap.parts:
                if part.mention.relative is None or (hap.dated and not _only_a_time(part)):
                    continue
                relation, noun = part.mention.relative
                if part.mention.head == noun and relation != "day":
                    continue  # "before the tour commenced": the tour itself, no new happening
                if relation == "day":
                    # the span named before; else the tour, visit or summit it is a day of
                    before = happenings[max(0, index - _ANCHOR_REACH):index]
                    target = next((h for h in reversed(before) if h.dated
                                   and h.best.last_day != h.best.first_day), None) or next(
                        (h for h in reversed(before) if h.dated
                         and h.tokens & _SPANNING and not _dated_by_day(h)), None)
                else:
                    target = _find_target(happenings, hap, noun, index)
                if target is None:
                    continue
                anchor = target.best
                assert anchor.first_day is not None and anchor.last_day is not None
                day = anchor.first_day
                if relation == "day":
                    offset = {"second": 1, "third": 2}.get(noun, 0)
                    last = anchor.last_day if anchor.last_day > day else day + timedelta(
                        days=offset)  # (a one-day tour: its second day is the next)
                    day = (anchor.last_day if noun in ("last", "final", "closing")
                           else min(day + timedelta(days=offset), last))
                    part.expression = f"on the {noun} day"
                    how = f"{noun} day of “{anchor.mention.title}” ({day})"
                else:
                    part.expression = _anchor_phrase(part.mention, noun)
                    how = f"{relation} “{anchor.mention.title}” ({day}), same day"
                part.first_day = part.last_day = day
                part.resolution = f"{part.expression} = {how}" + (
                    f"; {part.timex.text} = {part.clock}" if part.clock and part.timex else "")
                part.confidence = anchor.confidence * 0.85
                if not part.clock:
                    part.timex = anchor.timex
                changed = True
                break
        if not changed:
            break  # a round that dates nothing leaves the next one the same to do


def _only_a_time_timex(t: Timex) -> bool:
    """A time of day whose day is only inherited ("at 3:51 p.m."), not named with it."""
    return bool(t.clock) and _DAY_WORDS.search(t.text) is None


def _only_a_time(part: _Dated) -> bool:
    """A time of day with no day of its own ("at noon"): an event anchor may give the day."""
    return bool(part.clock and part.timex and not _DAY_WORDS.search(part.timex.text))


@lru_cache(maxsize=256)  # (compiled once for each anchor noun, not built at each anchor)
def _anchor_pattern(noun: str) -> re.Pattern[str]:
    return re.compile(
        rf"\b(?:after|following|before|ahead\s+of|during|at\s+the\s+end\s+of|"
        rf"on\s+the\s+day\s+of)\s+\w+\s+"
        rf"(?:\w+\s+)?{re.escape(noun)}", re.IGNORECASE)


def _anchor_phrase(mention: Mention, noun: str) -> str:
    m = _anchor_pattern(noun).search(mention.clause.text)
    if m is None and mention.clause.anchor is not None:  # another language's ("après son
        return mention.clause.anchor.group(0)  # arrivée"): its finder primed it
    return m.group(0) if m else noun


def _find_target(happenings: list[_Happening], me: _Happening, noun: str,
                 mine: int) -> _Happening | None:
    """The happening an anchor of ``me`` (at ``mine``) names: "after the meeting"."""
    verbs = _ANCHOR_VERBS.get(noun, _NO_WORDS)
    # Named with the anchor's own word: the nearest before it ("after the meeting": the one
    # just mentioned), among the few told around it (every anchor of a long list reading
    # all the others was quadratic). Named otherwise ("the day of the match": a final): the
    # first one, the story's main happening.
    for hap in [*reversed(happenings[max(0, mine - _ANCHOR_REACH):mine]),
                *happenings[mine + 1:mine + 1 + _ANCHOR_REACH]]:
        # (its words before its days: most happenings around do not name the anchor)
        if (noun in hap.tokens or (verbs and any(d.mention.lemma in verbs for d in hap.parts))
                or (noun[:1] == "@" and any(
                    # "on his return from Belém": the happening there
                    noun[1:] in f"{d.mention.title} {d.mention.location or ''}".lower()
                    for d in hap.parts))) and hap.dated:
            return hap
    names = _SAME_KIND.get(noun, set())
    return next((h for h in happenings[:_ANCHOR_REACH]
                 if h is not me and h.dated and names & h.tokens), None)


#: How many happenings before and after an anchored one its anchor may name
_ANCHOR_REACH = 50
#: The verbs of the happening an anchor's noun names ("after her arrival": she arrives)
_ANCHOR_VERBS = {"arrival": frozenset({"arrive", "land"}),
                 "landing": frozenset({"arrive", "land"}),
                 "departure": frozenset({"depart", "leave"}), "return": frozenset({"return"})}
_NO_WORDS: frozenset[str] = frozenset()


def _dated_by_day(hap: _Happening) -> bool:
    """Dated itself by "on the second day": no tour to count from."""
    relative = hap.best.mention.relative
    return relative is not None and relative[0] == "day"


#: Happenings that last days: "on the second day" counts from theirs.
_SPANNING = frozenset("tour visit trip summit festival conference congress fair expo "
                      "championship tournament games pilgrimage".split())

#: Words an anchor may use for a happening named otherwise ("the day of the match": the final).
_SAME_KIND = {
    "match": {"match", "final", "game", "semi-final"}, "game": {"game", "match", "final"},
    "race": {"race", "marathon"}, "vote": {"vote", "election", "elections", "referendum"},
    "election": {"election", "elections", "vote", "ballot"},
    "talks": {"talks", "negotiations", "meeting"}, "meeting": {"meeting", "talks", "summit"},
}


def _build(
    article: Article, happenings: list[_Happening], settings: ExtractionSettings
) -> list[Event]:
    zone = settings.zone
    today = base_date(article.published)
    events: list[Event] = []
    used: dict[str, int] = {}
    # each sentence folded once for the evidence (a long one told by thousands of
    # happenings was folded for each: quadratic)
    folded = _Folded()
    for hap in happenings:
        dated = hap.dated
        if not dated:
            continue
        cancelled = any(d.cancelled for d in hap.parts) and not any(
            d.rescheduled for d in hap.parts)
        if cancelled and not settings.keep_cancelled:
            continue
        best = _best(hap.parts, dated)
        assert best.first_day is not None and best.last_day is not None
        if not settings.keep_past and (
            best.last_day < today or (best.last_day == today and best.mention.past)
        ):
            continue
        start: date | datetime
        end: date | datetime
        if best.clock:
            src_zone = ZoneInfo(best.zone) if best.zone else zone
            hh, mm = (int(x) for x in best.clock.split(":")[:2])
            start = datetime.combine(best.first_day, time(hh, mm), tzinfo=src_zone)
            if best.clock_end:
                eh, em = (int(x) for x in best.clock_end.split(":")[:2])
                end = datetime.combine(best.last_day, time(eh, em), tzinfo=src_zone)
                if end <= start:
                    end = start + DEFAULT_DURATION
            else:
                end = start + DEFAULT_DURATION
            start, end = start.astimezone(zone), end.astimezone(zone)
        else:
            start, end = best.first_day, best.last_day + _ONE_DAY
        title = _title_of(dated, best)
        key = _uid_key(title)
        used[key] = used.get(key, 0) + 1
        if used[key] > 1:
            key = f"{key}#{used[key]}"
        uid = _uid(article.source, key)
        location = best.mention.location or next(
            (d.mention.location for d in hap.parts if d.mention.location), None
        )
        # A verb names a happening best; an event noun nearly as well; a clause's own words
        # (the last-resort title) are shown as tentative.
        factor = 0.95 if best.mention.lemma else 0.9 if best.mention.has_event_noun else 0.55
        confidence = round(min(1.0, best.confidence) * factor, 2)
        evidence = tuple([
            Evidence(
                source=article.source,
                sentence=folded[d.mention.sentence.text],
                expression=d.expression,
                resolution=d.resolution,
                url=article.url,
            )
            for d in _evidence_parts(dated, best)
        ])
        category = _CATEGORIES.get(best.mention.lemma) or _CATEGORIES.get(best.mention.head)
        events.append(
            Event(
                uid=uid, title=title, start=start, end=end, timezone=settings.timezone,
                location=location, evidence=evidence, confidence=confidence,
                categories=(category,) if category else (),
                status="CANCELLED" if cancelled else "CONFIRMED",
            )
        )
    events.sort(key=lambda e: (_sort_key(e.start), e.title))
    return events


#: What names a happening only by reference: "The event kicks off at noon"
_REFERENCE_TITLES = frozenset({"event", "the event", "festival", "the festival", "fair",
                               "show", "celebration", "weekend", "the weekend"})
#: A named happening: "the Harbour Lights Weekend", "Three Saints Feast", "Fête de la Musique"
_NAMED_HAPPENING = re.compile(
    r"\b(?:[A-Z][\w'’&-]+\s+(?:(?:of|the|de|la|du|on|in)\s+)?){1,5}(?:Weekend|Festival|Fair|Feast"
    r"|Fest|Show|Games|Summit|Conference|Expo|Carnival|Gala|Parade|Marathon|Week|Open|Cup"
    r"|Championships?|Tournament|Fete|Fête|Jubilee|Congress|Forum)\b")
_THE = re.compile(r"^(?:The|This|Le|La|Les)\s+")
#: How far back (in characters) a reference looks for the name
_REFERENCE_REACH = 3000


def _name_references(happenings: list[_Happening], text: str) -> None:
    """Give a happening named only by reference ("The event kicks off at noon") the name
    of the happening the text named last before it ("The Harbour Lights Weekend is back")."""
    for hap in happenings:
        renamed = False
        for dated in hap.parts:
            mention = dated.mention
            if mention.title.lower() not in _REFERENCE_TITLES:
                continue
            start = mention.sentence.start
            names = list(_NAMED_HAPPENING.finditer(text, max(0, start - _REFERENCE_REACH),
                                                   start))
            if not names:
                continue
            name = _THE.sub("", names[-1].group(0).strip())
            head = mention.title.lower().split()[-1]
            if head not in ("event", "weekend") and head not in name.lower():
                continue  # "the festival" refers to a festival's name only
            tokens = frozenset(w.lower() for w in name.split() if len(w) > 1)
            dated.mention = replace(mention, title=name, tokens=tokens,
                                    proper=frozenset(w.lower() for w in name.split()[1:]
                                                     if w[:1].isupper()))
            renamed = True
        if not renamed:
            continue  # (its words and titles are those it was indexed with)
        hap.tokens = hap.tokens.union(*(d.mention.tokens for d in hap.parts))
        hap.proper = hap.proper.union(*(d.mention.proper for d in hap.parts))
        hap._codes = hap._keys = hap._title_marks = None  # (read again from the new titles)


class _Folded(dict[str, str]):
    """Sentences with their white space folded (``text.folded``), each folded when first
    asked."""

    def __missing__(self, text: str) -> str:
        self[text] = shown = textmod.folded(text)
        return shown


def _title_of(dated: list[_Dated], best: _Dated) -> str:
    """The title of the part that dates the happening best (of its ``dated`` parts), unless it
    is a bare word ("Vote") and another part of that day names it ("Premier tour de l'élection
    présidentielle")."""
    title = best.mention.title
    if len(title.split()) > 1 and best.mention.lemma not in ("open", "close"):
        return title  # ("Polling stations open at 8 a.m.": the hours of the vote named before)
    named = [d.mention.title for d in dated if d.first_day == best.first_day
             and d is not best and len(d.mention.title.split()) > 1 and d.mention.has_event_noun]
    return named[0] if named else title


def _evidence_parts(dated: list[_Dated], best: _Dated) -> list[_Dated]:
    """``best`` and the other ``dated`` parts of its day, one a sentence."""
    if len(dated) == 1:
        return dated  # (``best`` itself: most happenings are told once)
    parts = [best] + [d for d in dated if d is not best and d.first_day == best.first_day]
    seen: set[str] = set()
    out = []
    for d in parts:
        if d.mention.sentence.text not in seen:
            seen.add(d.mention.sentence.text)
            out.append(d)
    return out


def _sort_key(value: date | datetime) -> tuple[date, str]:
    if isinstance(value, datetime):
        return value.date(), value.isoformat()
    return value, ""


@lru_cache(maxsize=8192)  # (asked for every pair of happenings a merge compares)
def _uid_key(title: str) -> str:
    # Accents dropped ("Élysée" and "Elysee" give one key), then words of letters and digits.
    norm = title.lower()
    if not norm.isascii():  # (ASCII text is its own NFKD form)
        norm = unicodedata.normalize("NFKD", norm).encode("ascii", "ignore").decode()
    words = _UID_WORD.findall(norm)
    return " ".join(w for w in words if w not in {"a", "an", "the"})


def _uid(source: str, key: str) -> str:
    digest = hashlib.sha256(f"{source}\x1f{key}".encode()).hexdigest()[:24]
    return f"{digest}@calsync"
