"""Mentions of happenings inside sentences: clauses, predicates, titles and places.

A sentence such as "X will meet Y next Wednesday before delivering remarks at Z and
participating in W" holds three happenings. This module splits it into clauses, finds in each
the verb or noun that names a happening, and builds a concise title and a place for it. It does
not date anything: that is ``events.py``'s job.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import compress, count, pairwise
from operator import attrgetter, itemgetter

from calsync.extraction.gate import (
    Gated,
    matches_as_ignorecase,
    matches_at,
    without_ignorecase,
)
from calsync.extraction.lazy import once, prime
from calsync.extraction.lexicon import IRREGULAR, NOUNS, PHRASE_STOPS, REPORTING, VERBS
from calsync.extraction.text import CAMEL_WORD, Sentence, lower_in_place, slices_lower
from calsync.frozen import direct_init
from calsync.model import Timex

#: Patterns used once each below, compiled at import.
_SPACE_THEN_LOWER = re.compile(r"\s+[a-z]")
_SPACE_THEN_LINK = re.compile(r"\s+(?:on|and|in|at|for|to|with|from|near|outside)\b")
_OPENING_ADJUNCT = re.compile(
    r"\s*(?:To\s+\w+[^,]{0,60}|(?P<after>(?:[Aa]fter|[Ff]ollowing)\s+(?:a|an)\s+"
    # (a phrase, no clause: "Following an invitation the president will visit ..." is one)
    r"(?:(?!\b(?:will|shall|would|is|are|was|were|has|have|had)\b)[^,]){3,90})),\s*")
#: The words an ``_OPENING_ADJUNCT`` begins with, after white space
_ADJUNCT_OPENERS = ("To", "After", "after", "Following", "following")
_DATELINE_DASH = re.compile(r"\s[-–—]\s")
_TRAILING_AUX = re.compile(
    r"(?:\s+(?:will|would|shall|is|are|was|were|to|be|been|being|has|have|then|also|now|"
    r"first|due|set|scheduled|expected|slated|planned|officially|formally|plans?|wants?|"
    r"hopes?|intends?|aims?|expects?|vows?|promises?|threatens?))+\s*$", re.IGNORECASE)
#: The words ``_TRAILING_AUX`` ends with (an ASCII word: IGNORECASE reads some other letters
#: as ASCII ones, "ſ" as "s")
_TRAILING_AUX_WORDS = frozenset(
    """will would shall is are was were to be been being has have then also now first due set
    scheduled expected slated planned officially formally plan plans want wants hope hopes
    intend intends aim aims expect expects vow vows promise promises threaten threatens""".split())
_REPORTED_THAT = re.compile(r"\b(?:that|said|says|confirmed|announced|added|when|where|as)\s+")
_WHOSE_PREP = re.compile(r"\s(?:in|for|at|of|to|on)\s+(?:a|an|the)\s+")
_WHICH_AT_END = re.compile(r",?\s+which\s*$")
_RELATIVE_PREP = re.compile(r"\s(?:at|on|in|of|to|from|with|for|by)\s+")
_LEADING_ADVERBIAL = re.compile(
    r"^\s*(?:(?:on|by|before|after|later|next|then|meanwhile|according\s+to|for)\b[^,]*,\s*)",
    re.IGNORECASE)
_SUBJECT_END = re.compile(r",|\s(?:which|who|linking|connecting|including)\s|\s[a-z]\w*ing\s")
#: A purpose after a move's object: " to inaugurate", " for Arafat to perform"
_TO_DESTINATION = re.compile(r"(?:\s+for\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})?"
                             r"\s+to\s+\w+")
_PREP_OBJECT = re.compile(r"(?:with|in|at|on|by|from|for|after|before|during|until|through)\b")
_ANY_AUX = re.compile(r"\s(?:will|would|is|are|has|have)\s")
_IN_EVENT = re.compile(r"\b(?:in|for|at)\s+(?:a|an|the)\s")
_IN_EVENT_TAIL = re.compile(r"\b(?:in|for|at)\s+((?:a|an|the)\s+.*)$")
_TEMPLATE_ONE_WORD = re.compile(r"^\w+ \{obj\}$")
_LEADING_PREP = re.compile(
    r"^\s*(?:(?:starting|beginning|commencing|effective)\s+)?(?:on|from|by|until|in|at)?\s*,?\s*",
    re.IGNORECASE)
_BE_BEFORE_WORD = re.compile(r"\b(?:be|been)\s+(?=\w)")
_DANGLING_WORD = re.compile(r"\b(?:be|on|at|from|by|until|in)\s*(?=[,.]|$)")
_TITLE_END = re.compile(r",|;|\s—\s|\s(?:the\s+\w+\s+)?said\b|\s(?:according|officials)\b")
_HEAD_SPLIT = re.compile(r"\s(?:of|for|with|on|at|in|to|from|about|against|between|over|by)\s")

#: A quoted name ("Run, walk; rest") is one token: its punctuation splits nothing.
#: (Words as "\w+(?:[’'-.]+\w+)*" rather than "\w[\w’'-.]*\w|\w": the same tokens, with the
#: runs of letters matched as one category, not character by character against a set.)
_TOKEN = re.compile(r"\w+(?:[’'\-.]+\w+)*|\"[^\"\n]{1,60}\"|“[^”\n]{1,60}”|[^\w\s]")
#: Where a token (word, start, end) starts: the key that bisects a clause's tokens
_token_start = itemgetter(1)
#: A token's word (mapped over a clause's tokens in C)
_word_of = itemgetter(0)
#: ``_TOKEN`` for text without quotation marks
_UNQUOTED_TOKEN = re.compile(r"\w+(?:[’'\-.]+\w+)*|[^\w\s]")
_QUOTED = re.compile(r"\"[^\"\n]{1,60}\"|“[^”\n]{1,60}”")
_AUX = frozenset(
    """will would shall should can could may might must to 'll ’ll also then later first
    and before after while not again both either is are be being""".split()
)
_DETERMINERS = frozenset(
    """a an the this that these those his her their its our your my whose each every another
    no some any""".split()
)
_STOPWORDS = frozenset(
    """a an the of on in at for with to and or by from as into about this that these those
    his her their its our other others more""".split()
)
_SPEECH_NOUNS = frozenset("remarks speech address keynote lecture talk statement".split())
_SUBJECT_PRONOUNS = frozenset("he she they we i it".split())
_OBJECT_PRONOUNS = frozenset("him her them us me it you".split())
_CONNECTIVES = ("before", "after", "following", "while")
_RELATIVE_ANCHOR = Gated(re.compile(
    r"\b(after|following|before|ahead\s+of|during|at\s+the\s+end\s+of|on\s+the\s+day\s+of)\s+"
    r"(?:the|her|his|their|its|our|this|that)\s+([\w\-]+(?:\s+[\w\-]+)?)"
    r"|\bon\s+the\s+(first|second|third|last|final|opening|closing)\s+"
    r"(?:day|morning|afternoon|evening|night)\b(?!\s+of\b(?!\s+(?:the|their|his|her|its)\s+"
    r"(?:\w+\s+)?(?:tour|visit|trip|stay|summit|festival|conference|congress)\b))"
    # "On his return from Horse Guards": after what happens there
    r"|\b(?:on|upon|after)\s+(?:his|her|their|its)\s+return\s+from\s+(?:the\s+)?"
    r"((?-i:[A-Z])[\w\-]+(?:\s+(?-i:[A-Z])[\w\-]+){0,3})",
    re.IGNORECASE,
), ("after", "following", "before", "ahead", "during", "return"),
    # "on the day of", "at the end of", "on the first day": cheaper than "day" alone, which
    # every weekday holds
    re.compile(r"the\s+(?:day|end|first|second|third|last|final|opening|closing)\b"))
#: Where a match of ``_RELATIVE_ANCHOR`` can start, in lower-cased text: each of its
#: alternatives, cut after the word that follows its connective. A pattern that begins with
#: letters lets ``re`` skip to them; the IGNORECASE one that begins with "\b" is tried at
#: every character ("a(?<!\wa)" is "\ba", the boundary checked behind the letter).
_ANCHOR_START = re.compile(
    r"(?:a(?<!\wa)(?:fter|head\s+of|t\s+the\s+end\s+of)|f(?<!\wf)ollowing|b(?<!\wb)efore"
    r"|d(?<!\wd)uring|o(?<!\wo)n(?:\s+the\s+day\s+of)?|u(?<!\wu)pon)"
    r"\s+(?:the|her|his|their|its|our|this|that)\s")


def _anchor_in(text: str, low: str) -> re.Match[str] | None:
    """``_RELATIVE_ANCHOR.search_lower(text, low)``: the pattern tried only where
    ``_ANCHOR_START`` finds, in ``low``, that a match can start (the first that matches is
    the first match: every match starts where ``_ANCHOR_START`` matches)."""
    if not _RELATIVE_ANCHOR.possible(low):
        return None
    pattern = _RELATIVE_ANCHOR.pattern
    if not matches_as_ignorecase(text, low):
        return pattern.search(text)
    start = _ANCHOR_START.search(low)
    while start is not None:
        m = pattern.match(text, start.start())
        if m is not None:
            return m
        start = _ANCHOR_START.search(low, start.start() + 1)
    return None
#: "[\w’'\-.]*" as runs of letters between runs of those marks: the same text, the letters
#: matched as one category rather than each against a set
_NAME_TAIL = r"\w*(?:[’'\-.]+\w*)*"
#: "at|in|inside|outside|on" after a word boundary, the boundary checked behind the first
#: letter ("a(?<!\wa)t"): a pattern that begins with letters lets ``re`` skip to them.
_PLACE = re.compile(
    r"(?:a(?<!\wa)t|i(?<!\wi)n|i(?<!\wi)nside|o(?<!\wo)utside|o(?<!\wo)n"
    r"(?=\s+(?:the\s+)?(?:Place|Avenue|Rue|Quai|Boulevard|Plaza|"
    r"Piazza|Via|Unter|Champs|Capitol)\b))\s+((?:the\s+)?(?:[A-ZÀ-Ý]" + _NAME_TAIL + r")"
    r"(?:\s+(?:(?:of|de|du|des|la|le|and|&)\s+)?[A-ZÀ-Ý]" + _NAME_TAIL + r")*)"
)
_VENUE_NOUNS = (
    "hall", "palace", "stadium", "square", "church", "cathedral", "museum", "university", "centre",
    "center", "hotel", "arena", "park", "embassy", "residence", "headquarters", "parliament",
    "ministry", "court", "courthouse", "house", "airport", "station", "theatre", "theater",
    "memorial", "cemetery", "chamber", "auditorium", "promenade", "campus")
_VENUE = re.compile(
    r"\b(?:at|in)\s+the\s+((?:[\w\-]+\s+){0,3}(?:" + "|".join(_VENUE_NOUNS) + r"))\b",
    re.IGNORECASE)
_VENUE_LOWER = without_ignorecase(_VENUE) or _VENUE  # (for lower-cased text)
_VENUE_TAIL = re.compile(
    r"(?:\s+[a-z][\w\-]*){0,2}\s+(?:campus|hall|centre|center|arena|stadium|park|square|"
    r"building|headquarters|museum|theatre|theater|hotel|palace)\b"
)
#: Job titles dropped before a full name ("Finance Minister Ana Ruiz")
_ROLES = (
    "Vice", "Deputy", "Prime", "Foreign", "Defence", "Defense", "Finance", "Interior", "Crown",
    "Secretary-General", "Secretary", "General", "President", "Minister", "Chancellor", "King",
    "Queen", "Prince", "Princess", "Pope", "Governor", "Mayor", "Senator", "Sen.", "Rep.",
    "Representative", "CEO", "Chairman", "Chairwoman", "Leader", "Premier", "Ambassador",
    "Commissioner", "Director", "Emperor", "Sheikh", "State", "Health", "Trade", "Economy",
    "Labor", "Labour", "Opposition", "Party",
)
_ROLE_PREFIX = re.compile(
    r"\b(?:[A-Z][a-z]+(?:an|ish|ese|ch|i|ic)\s+)?"
    # a portfolio before a core role ("Pensions Minister", "Paris Mayor")
    r"(?:[A-Z][a-z]+\s+(?=(?:Minister|Secretary|Mayor|Commissioner|Director|Governor)\s))?"
    r"(?:(?:" + "|".join(re.escape(role) for role in _ROLES) + r")\s+)+"
    r"(?=[A-Z][\w\-’']+\s+[A-Z])"
)
#: A job title and the space after it, which every ``_ROLE_PREFIX`` match holds; capitals
#: begin it, so ``re`` skips straight to them.
_ROLE_WORD = re.compile(r"(?:" + "|".join(re.escape(role) for role in _ROLES) + r")\s")
_FINITE = frozenset(
    """is are was were will would has have had can could should shall may might must does do
    did""".split()
)
_MODIFIER_SUFFIXES = ("al", "ial", "ary", "ic", "ive", "ual", "ern", "ese", "ish", "ian")
_NEEDS_PARTICLE = frozenset({"take", "sit", "lay", "play", "walk", "stand", "step", "lie",
                             "process", "continue", "gather", "proceed"})
#: A place right after "continue on to": a name or "the" + words
_PLACE_AHEAD = re.compile(r"\s*(?:the\s+)?(?:\w+\s+){0,2}[A-Z]")
_MONTHS = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)


@direct_init
@dataclass(frozen=True)
class Clause:
    """A stretch of a sentence that can hold one happening."""

    start: int
    end: int
    text: str
    connective: str | None

    @once
    def low(self) -> str:
        """The clause lower-cased (offsets kept), for the gated patterns."""
        return lower_in_place(self.text)

    @once
    def anchor(self) -> re.Match[str] | None:
        """An event anchor in the clause ("after her arrival"), looked for once."""
        return _anchor_in(self.text, self.low)

    @once
    def tokens(self) -> tuple[tuple[str, int, int], ...]:
        """Words and punctuation with absolute offsets, computed once per clause."""
        return _tokens(self.text, self.start)


@direct_init
@dataclass(frozen=True)
class Mention:
    """One mention of a happening: a title, where it stands, and what might date it."""

    sentence: Sentence
    clause: Clause
    title: str
    head: str
    tokens: frozenset[str]
    proper: frozenset[str]
    location: str | None
    #: The verb lemma when a verb names the happening ("arrive"), else "".
    lemma: str
    #: True when the object holds an event noun ("participate in a ceremony").
    has_event_noun: bool
    past: bool
    #: (relation, noun) for "after her arrival", "following the forum".
    relative: tuple[str, str] | None
    #: Offsets of the words the title was made from; a date inside them is part of the name
    #: ("an Armistice Day ceremony"), not the happening's date.
    name_span: tuple[int, int] = (0, 0)


@lru_cache(maxsize=4096)
def lemma(word: str) -> str | None:
    """The event-verb lemma of ``word``, or None when it is not an event verb form."""
    w = word.lower()
    if w in IRREGULAR:
        return IRREGULAR[w] if IRREGULAR[w] in VERBS else None
    if w in VERBS:
        return w
    candidates = []
    if w.endswith("ing"):
        stem = w[:-3]
        candidates += [stem, stem + "e"]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            candidates.append(stem[:-1])
    if w.endswith("ies"):
        candidates.append(w[:-3] + "y")
    if w.endswith("es"):
        candidates.append(w[:-2])
    if w.endswith("s"):
        candidates.append(w[:-1])
    if w.endswith("ed"):
        stem = w[:-2]
        candidates += [stem, stem + "e", w[:-1]]
        if len(stem) > 2 and stem[-1] == stem[-2]:
            candidates.append(stem[:-1])
    return next((c for c in candidates if c in VERBS), None)


def _is_past_form(word: str) -> bool:
    w = word.lower()
    return (w.endswith("ed") and not w.endswith("eed")) or w in {
        "met", "sat", "gave", "held", "led", "took", "flew", "left", "spoke", "heard", "began",
        "laid", "came", "struck", "ran",
    }


#: "\s*(?:;|\s—\s|\s–\s)\s*", written to begin with a character class (``re`` skips to it)
_HARD_CUT = re.compile(r"[\s;](?:(?<=;)\s*|\s*(?:;|(?<=\s)[—–]\s)\s*)")
#: ",?\s+(and|but|...)\s+..." written to begin with a character class, which ``re`` skips to
#: quickly (the lookbehind keeps the whitespace after a comma required). A match never starts
#: on white space after white space ("(?<!\s\s)"): one starting a character earlier would have
#: been found first, and without that, each space of a long run was the start of a scan over
#: the rest of the run (a sentence with 10,000 spaces: 1.3 s).
_CONJUNCTION = re.compile(
    r"[,\s](?<!\s\s)\s*(?<=\s)(and|but|then|before|after|following|while|where)\s+"
    r"(\w+(?:[’']+\w*)*)"
    r"(?:\s+(\w+(?:[’']+\w*)*))?")


_CONNECTIVE_WORDS = ("and", "but", "then", "before", "after", "following", "while", "where")


def _conjunctions(text: str) -> list[re.Match[str]]:
    """``_CONJUNCTION.finditer(text)``'s matches, the pattern tried only where one can start.

    Each holds one of ``_CONNECTIVE_WORDS`` after white space, and starts at the comma
    before that white space, or else at its first character: ``str.find`` finds the words
    (the pattern, tried at every space and comma, took a tenth of the mention finder's time).
    """
    starts = []
    for word in _CONNECTIVE_WORDS:
        i = text.find(word, 1)
        while i >= 0:
            if text[i - 1].isspace():
                start = i - 1
                while start > 0 and text[start - 1].isspace():
                    start -= 1
                if start > 0 and text[start - 1] == ",":
                    start -= 1
                starts.append(start)
            i = text.find(word, i + 1)
    # (no match ends on white space or a comma: one ends before the start of the next)
    return matches_at(_CONJUNCTION, text, starts)


def _clause(start: int, end: int, text: str, connective: str | None, low: str | None,
            offset: int) -> Clause:
    """A clause at ``offset`` in its sentence; its lower case a slice of ``low``, the
    sentence's, when that one maps character to character (see ``text.lowered``), else None."""
    clause = Clause(start, end, text, connective)
    if low is not None:
        prime(clause, "low", low[offset:offset + len(text)])
    return clause


def split_clauses(sentence: Sentence, timexes: list[Timex]) -> list[Clause]:
    """Split a sentence where a new predicate starts: "and <verb>", "before <verb>ing", ";"."""
    text = sentence.text
    base = sentence.start
    protected = [(t.start - base, t.end - base) for t in timexes]

    if "\"" in text or "“" in text:
        protected += [(m.start(), m.end()) for m in _QUOTED.finditer(text)]

    inside_timex = inside_any(protected)
    cuts: list[tuple[int, int, str | None]] = []  # (cut position, skip length, connective)
    for m in (_HARD_CUT.finditer(text) if ";" in text or "—" in text or "–" in text else ()):
        if not inside_timex(m.start()) and not _only_label_before(text, m.start(), protected) \
                and not _only_timing_after(text, m.end(), protected):
            cuts.append((m.start(), m.end() - m.start(), None))
    asides: list[tuple[int, int]] = []
    dates = [ts for ts, _te in protected[:len(timexes)]]  # (sorted, as the timexes)

    def dated(s: int, e: int) -> bool:
        return bisect_left(dates, s) < bisect_left(dates, e)  # an expression starts in s..e

    if len(cuts) >= 2:
        cuts, asides = _without_asides(text, cuts, dated)
    for m in _conjunctions(text):
        conj, nxt, nxt2 = m.group(1).lower(), m.group(2), (m.group(3) or "")
        if inside_timex(m.start(1)):
            continue
        if conj == "while" and m.group(0).startswith(",") and nxt.lower() in _DETERMINERS \
                and _WILL_AHEAD.match(text, m.end(2)):
            pass  # "..., while the written exams will be held from July 9": a second subject
        elif conj in _CONNECTIVES:
            if not nxt.lower().endswith("ing") or (lemma(nxt) is None and nxt.lower() not in (
                "attending", "having", "making", "going", "heading", "spending"
            )):
                continue
        elif conj == "where":
            # ", where he will address the summit": a happening of its own, when a verb of
            # ours names it (not "where they will be greeted")
            after = text[m.end(2):m.end(2) + 60].split()
            if not (m.group(0).startswith(",") and nxt.lower() in _SUBJECT_PRONOUNS
                    and nxt2.lower() == "will" and len(after) > 1 and (
                        lemma(after[1]) is not None
                        # "where he will have a working dinner"
                        or (after[1].lower() in ("have", "be") and _has_event_noun(
                            " ".join(after[2:10]))))):
                continue
        else:
            starts_predicate = (
                (m.group(0).startswith(",") and conj == "and"
                 and nxt.lower() in _DETERMINERS and nxt.lower() != "that")
                or
                (lemma(nxt) is not None and not nxt[0].isupper())
                or nxt.lower() in {"will", "then", "also", "later", "would", "is", "are"}
                or (nxt.lower() in _SUBJECT_PRONOUNS and nxt2.lower() in {"will", "would"})
                or (nxt[0].isupper() and nxt2.lower() in {"will", "would", "is", "are"}
                    # not "Galway and Mayo will close": two names, one subject
                    and not (m.start() > 0 and text[:m.start()].split()[-1][:1].isupper()
                             and not m.group(0).startswith(",")))
            )
            if not starts_predicate:
                continue
        cuts.append((m.start(), m.start(2) - m.start(), conj))
    if "(" in text:
        # "A tour of the plant (the press release issued on it called it ...)": what the
        # parentheses say aside is no part of the happening (but "(14h45)" times it)
        asides += [m.span() for m in _PARENTHESIS_ASIDE.finditer(text)
                   if len(m.group().split()) >= 4 and not dated(m.start(), m.end())]
    clauses = clauses_at(sentence, cuts)
    return [_blanked(c, asides, base) for c in clauses] if asides else clauses


#: Words in parentheses (four or more make an aside)
_PARENTHESIS_ASIDE = re.compile(r"\([^()]*\)")


def _blanked(clause: Clause, asides: list[tuple[int, int]], base: int) -> Clause:
    """``clause`` with the asides inside it (offsets in its sentence) made white space: what
    they say is no part of the clause's happening, and every offset stays where it was."""
    text = clause.text
    for s, e in asides:
        a, b = base + s - clause.start, base + e - clause.start
        if 0 <= a < b <= len(text):
            text = text[:a] + " " * (b - a) + text[b:]
    return clause if text == clause.text else Clause(clause.start, clause.end, text,
                                                     clause.connective)


#: How long (in characters) an aside between two dashes may be
_ASIDE_REACH = 120


def _without_asides(text: str, cuts: list[tuple[int, int, str | None]],
                    dated: Callable[[int, int], bool]
                    ) -> tuple[list[tuple[int, int, str | None]], list[tuple[int, int]]]:
    """``cuts`` less the pairs of dashes around an aside after a date ("On Friday — the first
    day of Eid — pilgrims will return to Mina"): neither the aside nor the date before it has
    a predicate of its own; both belong to the clause after them."""
    ordered = sorted(cuts)
    dropped: set[int] = set()
    asides: list[tuple[int, int]] = []
    starts = [0] + [c[0] + c[1] for c in ordered]
    for i, (first, second) in enumerate(pairwise(ordered)):
        if not _is_dash(text, first) or not _is_dash(text, second) \
                or second[0] - first[0] > _ASIDE_REACH:
            continue
        lead = text[starts[i]:first[0]]
        aside = text[first[0] + first[1]:second[0]]
        if dated(starts[i], first[0]) and _ANY_AUX.search(f" {lead} ") is None \
                and ";" not in aside and _ANY_AUX.search(f" {aside} ") is None:
            dropped.update((first[0], second[0]))
            asides.append((first[0], second[0] + second[1]))
    return ([c for c in cuts if c[0] not in dropped], asides) if dropped else (cuts, [])


def _is_dash(text: str, cut: tuple[int, int, str | None]) -> bool:
    piece = text[cut[0]:cut[0] + cut[1]]
    return "—" in piece or "–" in piece


def clauses_at(sentence: Sentence, cuts: list[tuple[int, int, str | None]]) -> list[Clause]:
    """The clauses of ``sentence`` between its cuts: (offset, length cut out, the connective
    that opens the next clause), in any order; a cut inside the one before is ignored."""
    text = sentence.text
    base = sentence.start
    # (asked once for the sentence, not for each clause)
    low = sentence.low if slices_lower(text, sentence.low) else None
    clauses: list[Clause] = []
    pos, connective = 0, None
    for cut, skip, conj in sorted(cuts):
        if cut < pos:
            continue
        piece = text[pos:cut]
        if piece.strip():
            clauses.append(_clause(base + pos, base + cut, piece, connective, low, pos))
        pos, connective = cut + skip, conj
    if text[pos:].strip():
        clauses.append(_clause(base + pos, base + len(text), text[pos:], connective, low, pos))
    return clauses


#: A subject's verb group ahead: "the written exams will", "the final is to"
_WILL_AHEAD = re.compile(r"(?:\s+[\w'’-]+){0,4}?\s+(?:will|is\s+to|are\s+to)\b")


def inside_any(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether a position lies inside one of ``spans``, asked in logarithmic time: the spans
    are joined and bisected (one sentence of many dates asked every span at every cut)."""
    joined = _disjoint(spans)
    starts = [s for s, _e in joined]

    def inside(pos: int) -> bool:
        i = bisect_right(starts, pos) - 1
        return i >= 0 and pos < joined[i][1]

    return inside


def _disjoint(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``spans`` sorted and joined where they overlap."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _only_label_before(text: str, end: int, protected: list[tuple[int, int]]) -> bool:
    """Whether ``text[:end]`` is only a day or time ("5:45 p.m. – Arrival"): a programme
    line's label, which the dash joins to its item rather than cutting a clause off."""
    if end > 60:
        return False
    covered = [any(s <= i < e for s, e in protected) for i in range(end)]
    rest = _PARENTHESES.sub("", "".join(" " if hidden else c
                                         for c, hidden in zip(text[:end], covered, strict=True)))
    return not any(c.isalnum() for c in rest)


_PARENTHESES = re.compile(r"\([^()]*\)")


def _only_timing_after(text: str, start: int, protected: list[tuple[int, int]]) -> bool:
    """Whether ``text[start:]`` only times what the dash follows: "Home vs Away – Kick-off
    8pm", "... – 10 a.m.": a label of at most two words beside expressions."""
    if len(text) - start > 40 or not any(s >= start for s, _e in protected):
        return False
    words = [m for m in _WORD_RUN.finditer(text, start)
             if not any(s <= m.start() < e for s, e in protected)]
    return len(words) <= 2


_WORD_RUN = re.compile(r"[A-Za-z][\w'’-]*")
#: Expressions that date from where the text stands: no part of any name
_DEICTIC = re.compile(r"(?:this|next|last|tonight|tomorrow|today|yesterday)\b", re.IGNORECASE)
#: Titles written with a period before a name
_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "St",
                         "Sr", "Jr", "Rev", "Capt", "Lt", "Col"})


def _tokens(text: str, offset: int = 0) -> tuple[tuple[str, int, int], ...]:
    """``_TOKEN``'s matches in ``text`` as (word, start, end), ``offset`` added.

    A quoted name is one token, found where ``_TOKEN`` finds it (no word holds a quotation
    mark, so ``_TOKEN`` tries one at every mark, as ``_QUOTED`` does); the text between the
    quotations is read as text without them.
    """
    if '"' not in text and "“" not in text:
        return tuple(_unquoted_tokens(text, offset))
    out: list[tuple[str, int, int]] = []
    pos = 0
    for m in _QUOTED.finditer(text):
        out += _unquoted_tokens(text[pos:m.start()], offset + pos)
        out.append((m[0], offset + m.start(), offset + m.end()))
        pos = m.end()
    out += _unquoted_tokens(text[pos:], offset + pos)
    return tuple(out)


def _unquoted_tokens(text: str, offset: int) -> list[tuple[str, int, int]]:
    """``_tokens`` of a text without a quoted name.

    No token holds white space, so the text is cut where ``str.split`` cuts (the pattern's
    white space) and a run of letters and digits is a token as it stands; ``re`` reads only
    the runs with marks in them. Same tokens, in half the time of a match object per word.
    """
    chunks = text.split()
    out: list[tuple[str, int, int]] = []
    if not chunks:
        return out
    # one space between chunks (most clauses): each starts a space after the one before;
    # else ``str.find`` places it. Offsets are kept absolute (``offset`` added once).
    spaced = " ".join(chunks) == text.strip()
    find = text.find
    pos = offset + find(chunks[0])
    for chunk in chunks:
        if not spaced:
            pos = offset + find(chunk, pos - offset)
        end = pos + len(chunk)
        if chunk.isalnum():  # (what ``\w+`` matches, but for "_", which the pattern reads)
            out.append((chunk, pos, end))
        elif chunk[:-1].isalnum() and chunk[-1] != "_":
            # "Paris," "Paris.": a word, then a mark (no word follows the mark to join)
            out += ((chunk[:-1], pos, end - 1), (chunk[-1], end - 1, end))
        else:
            out += [(m[0], pos + m.start(), pos + m.end()) for m in _UNQUOTED_TOKEN.finditer(chunk)]
        pos = end + 1
    return out


def _title_tokens(title: str) -> tuple[frozenset[str], frozenset[str]]:
    """The title's content words, and those of them capitalised after the first (names)."""
    tokens: set[str] = set()
    proper: set[str] = set()
    for i, word in enumerate(_TITLE_WORD.findall(title)):
        low = word.lower()
        if low in _STOPWORDS:
            continue
        if len(word) > 1:
            tokens.add(low)
        if i and word[0].isupper():
            proper.add(low)
    return frozenset(tokens), frozenset(proper)


_TITLE_WORD = re.compile(r"\w[\w’'\-]*")


def strip_roles(title: str) -> str:
    """Drop job titles before a full name: "Finance Minister Ana Ruiz" -> the name."""
    if _ROLE_WORD.search(title) is None:
        return title  # no job title at all: the full pattern, tried at every word, can't match
    return _ROLE_PREFIX.sub("", title)


_SPACES = re.compile(r"\s+")
_SPACE_RUN = re.compile(r"\s*")  # what ``str.lstrip`` strips
_SMALL_WORDS = ("and", "or", "but", "of", "to", "in", "with", "at", "on", "for", "the", "a", "an",
                "by", "from", "until", "than")
_TRAILING_SMALL_WORD = re.compile(r"\s+(?:" + "|".join(_SMALL_WORDS) + r")$")
_LEADING_ARTICLE = re.compile(r"^(?:a|an|the|some|its|his|her|their|our|this|that)\s+",
                              re.IGNORECASE)
_ARTICLE_INITIALS = frozenset("aAtTsShHiIoO")
_SPEECH_OBJECT = re.compile(r"(?:\w+\s+){0,2}(?:remarks|speech|address|statement)",
                            re.IGNORECASE)


def _clean_phrase(phrase: str) -> str:
    # " ".join(split()) folds white space as _SPACES.sub(" ", ...) would; ends stripped below
    phrase = " ".join(phrase.split()).strip(" ,;:—–-\"“”‘’'")
    return _drop_small_word(phrase)


def _drop_small_word(phrase: str) -> str:
    """``_TRAILING_SMALL_WORD.sub("", phrase)``, tried only when the phrase can end so."""
    if phrase.endswith("\n"):  # "$" also matches before a final line break
        return _TRAILING_SMALL_WORD.sub("", phrase)
    parts = phrase.rsplit(None, 1)
    word = parts[-1] if parts else ""
    if word in _SMALL_WORDS and len(phrase) > len(word) and phrase.endswith(word) and \
            phrase[-len(word) - 1].isspace():
        return _TRAILING_SMALL_WORD.sub("", phrase)
    return phrase


def _capitalize(title: str) -> str:
    if "a" <= title[:1] <= "z" and CAMEL_WORD.match(title):  # (it begins with a-z)
        return title  # "iAd goes live", "eBay auction": a brand keeps its letters
    return title[:1].upper() + title[1:] if title else title



def _drop_article(phrase: str) -> str:
    # (every article begins with one of these letters; a letter outside ASCII may be one
    # IGNORECASE takes for one of them: "ſ" for "s")
    if phrase[:1] not in _ARTICLE_INITIALS and phrase[:1].isascii():
        return phrase
    rest = _LEADING_ARTICLE.sub("", phrase)
    if rest != phrase and " " not in rest and rest[:1].isupper() and phrase[:4].lower() == "the ":
        return phrase  # "the Games", "the Proms": a one-word name keeps its article
    return rest


def _object_phrase(
    clause: Clause, start: int, timexes: list[Timex], speech_like: bool = False,
    keep_for: bool = False,
) -> tuple[str, int]:
    """The noun phrase starting at absolute offset ``start``; returns (phrase, end offset).

    It ends at punctuation, a date, the start of an adjunct ("alongside", "following") or a
    place phrase ("at the Élysée Palace"), which is the location rather than the title.
    """
    rel = start - clause.start
    first = bisect_left(clause.tokens, start, key=_token_start)
    # The loop stops at the 15th word and looks 4 ahead, unless that word is a date it
    # skips: a slice of the whole rest of the clause, copied at every call, took time growing
    # with the square of a clause of many event nouns
    words = clause.tokens[first:first + 20]
    if len(words) == 20 and _timex_at(words[14][1], timexes) is not None:
        words = clause.tokens[first:]
    if len(timexes) > 8 and words:  # a clause of many dates: those among these words
        timexes = timexes[bisect_right(timexes, start, key=_end_of):
                          bisect_right(timexes, words[-1][1], key=_start_of)]
    out_end = start
    # the expression at each word by a pointer that moves with the words (both in order, the
    # expressions apart): ``_timex_at`` at every word read the list from its start
    ti, tn = 0, len(timexes)
    for i, (word, wstart, wend) in enumerate(words):
        low = word.lower()
        while ti < tn and timexes[ti].end <= wstart:
            ti += 1
        tmx = timexes[ti] if ti < tn and timexes[ti].start <= wstart else None
        if tmx is not None:
            # A holiday name used as a modifier ("an Armistice Day ceremony") is part of it.
            # (the words after it, not a copy of the rest of the clause at each date)
            lead = _SPACE_RUN.match(clause.text, tmx.end - clause.start).end()  # type: ignore[union-attr]
            after = clause.text[lead:lead + 40]
            if after[:2] in ("'s", "’s"):
                continue  # "this year's Nobel Peace Prize laureate": a date that qualifies
            if _YEAR_ONLY.fullmatch(tmx.value) and after[:1].isupper() and i > 0 \
                    and words[i - 1][0].lower() in _DETERMINERS:
                continue  # "the 2019 Climate Action Summit": a year inside a name
            if not (after[:1].islower() and not _PREPOSITION.match(after)) or \
                    _DEICTIC.match(tmx.text):
                break  # a date before a preposition or a name is the clause's, not the name's
                # ("this evening", "tomorrow" never are a name's)
        elif low not in _OBJECT_STOPS and word[:1].isalnum() and not low.endswith("ed"):
            # a word no test below reads: one test, not twenty, for most words of a name
            out_end = wend
            if i >= 14:
                break
            continue
        if low in {"on", "in", "at", "by"} and _PART_OF_DAY.match(
                clause.text, wend - clause.start):
            break  # "on the evening of August 6" dates the happening; it is no part of its name
        if word == "." and i > 0 and words[i - 1][0] in _HONORIFICS and words[i - 1][2] == wstart:
            continue  # "Mr. Yasuyuki Yoshinaga": the name goes on
        if word in {",", ";", ":", "—", "–", "(", ")", "“", "”", "\"", "."}:
            break
        if low in ("back", "home") and i + 1 < len(words) and words[i + 1][0].lower() == "to":
            break  # "the carriage procession back to the palace": where it goes
        destination = (low == "to" and i + 1 < len(words) and (
            words[i + 1][0][:1].isupper() or (
                words[i + 1][0] == "the" and i + 2 < len(words)
                and words[i + 2][0][:1].isupper()))
            and any(w[0].lower() in _DESTINATION_NOUNS for w in words[:i]))
        if (low in PHRASE_STOPS or (low in REPORTING and i > 0 and word[0].islower())) \
                and not destination:  # but "a state visit to Canada" keeps where it goes
            break
        if i == 0 and low in _ADVERBS:
            break  # "will meet again tonight": no object
        if i == 0 and low in {"in", "at", "on"} and len(words) > 1 and (
                words[1][0][:1].isupper() or words[1][0].lower() == "the"):
            break  # no object, a place: "will meet in Luxembourg"
        if i > 1 and low.endswith("ed") and any(w[0].lower() in NOUNS for w in words[:i]) \
                and words[i - 1][0].lower() not in _PREPOSITIONS_OF:  # (not "of disabled")
            break  # a finite verb after the head noun: "a strike by crews forced ..."
        if low in {"itself", "themselves", "himself", "herself"}:
            break
        if low in {"at", "in", "inside"} and i > 0 and not speech_like:
            nxt = words[i + 1][0] if i + 1 < len(words) else ""
            nxt2 = words[i + 2][0] if i + 2 < len(words) else ""
            if nxt[:1].isupper() or (nxt.lower() == "the" and nxt2[:1].isupper()):
                break
            if low == "at" and any(w[0].lower() in NOUNS for w in words[:i]):
                break  # "a ceremony at the town hall": the rest is the place
        if low in {"at", "during", "on"} and i > 0 and not speech_like and not _has_event_noun(
                " ".join(w[0] for w in words[:i])) and _has_event_noun(
                " ".join(w[0] for w in words[i + 1:i + 5])):
            break  # "present targets at an investor day": the happening follows
        if low == "for" and i > 0 and not (keep_for and i + 1 < len(words)
                                            and words[i + 1][0][:1].islower()
                                            and words[i + 1][0].lower() not in _DETERMINERS):
            break
        if low in _FINITE or (i == 0 and low == "to") or (i > 0 and low in _THIRD_PERSON):
            break
        if low == "and" and i + 1 < len(words) and not words[i + 1][0][0].isupper() and (
                lemma(words[i + 1][0]) or _PAST_CLAUSE.fullmatch(words[i + 1][0].lower())):
            break
        out_end = wend
        if i >= 14:
            break
    return _clean_phrase(clause.text[rel:out_end - clause.start]), out_end


def _location(clause: Clause, exclude: tuple[int, int], timexes: list[Timex]) -> str | None:
    for m in _PLACE.finditer(clause.text):
        s, e = clause.start + m.start(1), clause.start + m.end(1)
        if exclude[0] <= s < exclude[1]:
            continue
        if any(t.start <= s < t.end or s <= t.start < e for t in timexes):
            continue
        tail = m.end(1)  # (matched in place: a copy of the rest of the clause cost its length)
        place = _drop_article(m.group(1)).strip().rstrip(".")
        dated_next = any(t.start - clause.start - m.end(1) in range(0, 3) for t in timexes)
        if _SPACE_THEN_LOWER.match(clause.text, tail) and not dated_next \
                and not _SPACE_THEN_LINK.match(clause.text, tail):
            venue = _VENUE_TAIL.match(clause.text, tail)
            if not venue:
                continue  # a modifier, not the place: "at the British ambassador's residence"
            place = place + venue.group(0).rstrip()  # "the Station F start-up campus"
        if place.split()[0].lower() in _MONTHS:
            continue
        return place
    for start, end in _venues(clause):
        if not exclude[0] <= clause.start + start < exclude[1]:
            return clause.text[start:end]
    return None


def _venues(clause: Clause) -> Iterator[tuple[int, int]]:
    """Where ``_VENUE`` finds its group in the clause, as ``finditer`` would.

    Every match holds "at the" or "in the": the pattern is tried only before the "the"s
    ``str.find`` finds, on the lower-cased clause where that is the text letter for letter
    (same offsets, and no IGNORECASE, which makes ``re`` 2.5 times slower); gating it by its
    thirty nouns and searching every character cost more than the rest of ``_location``.
    """
    low = clause.low
    if not matches_as_ignorecase(clause.text, low):
        for whole in _VENUE.finditer(clause.text):
            yield whole.start(1), whole.end(1)
        return
    done = 0  # (matches do not overlap: none starts inside the one before)
    i = low.find("the")
    while i >= 0:
        j = i
        while j > 0 and low[j - 1].isspace():
            j -= 1
        if j < i and j - 2 >= done and low[j - 2:j] in ("at", "in"):
            m = _VENUE_LOWER.match(low, j - 2)
            if m is not None:
                yield m.start(1), m.end(1)
                done = m.end()
        i = low.find("the", max(i + 1, done))


def _relative(clause: Clause) -> tuple[str, str] | None:
    m = clause.anchor
    if not m:
        return None
    if m.group(3):  # "On the first day": of the span named before
        return "day", m.group(3).lower()
    if (m.lastindex or 0) >= 4:  # "On his return from Horse Guards": after what happened there
        return "after", "@" + m.group(4).lower()  # ("@": a place, matched as one)
    words = m.group(2).lower().split()
    for word in words:
        noun = word.rstrip(".,")
        if noun in NOUNS or noun in {"arrival", "departure", "return", "landing"}:
            lead = m.group(1).lower()
            relation = ("before" if lead == "before" or "ahead" in lead
                        else "on" if lead.startswith("on") else "after")
            return relation, noun
    return None


#: (read by ``map`` in C: ``any(t.first_day or t.clock for t in ...)`` ran a generator)
_first_day_of = attrgetter("first_day")
_clock_of = attrgetter("clock")


def could_hold_mentions(sentence: Sentence, timexes: list[Timex]) -> bool:
    """Whether a sentence can add anything: a day, or an anchor such as "after her arrival".

    A sentence with neither can only name happenings it does not date; those never become
    events, so the (costly) clause analysis is skipped for it.
    """
    return any(map(_first_day_of, timexes)) or any(map(_clock_of, timexes)) or \
        _anchor_in(sentence.text, sentence.low) is not None


def find_mentions(sentence: Sentence, timexes: list[Timex], *,
                  only_dated: bool = False) -> list[Mention]:
    """All mentions of happenings in ``sentence`` (``timexes`` are the sentence's own).

    ``only_dated`` skips clauses with neither a date nor an event anchor: what they name
    can only become an event through another clause that dates it.
    """
    dashed = "–" in sentence.text or "—" in sentence.text
    labelled = _labelled_dates(sentence, timexes) if ":" in sentence.text or dashed else []
    if not labelled and dashed:
        labelled = _dated_items(sentence, timexes)
    if labelled:
        return labelled
    mentions: list[Mention] = []
    # "On the second day of their tour the couple will ... and meet ...": every clause
    lead = _LEADING_DAY.match(sentence.text) if "On the" in sentence.text[:12] else None
    lead_anchor = _relative(Clause(sentence.start, sentence.end, sentence.text, None)) \
        if lead else None
    for clause in split_clauses(sentence, timexes):
        adjunct = _OPENING_ADJUNCT.match(clause.text) if clause.text.lstrip().startswith(
            _ADJUNCT_OPENERS) else None
        if adjunct and adjunct.group("after") and any(
                _names_a_day(t) for t in within(timexes, clause.start,
                                                 clause.start + adjunct.end())):
            adjunct = None  # "After a meeting on Monday, she will fly": the day is the clause's
        if adjunct:
            clause = Clause(clause.start + adjunct.end(), clause.end,
                            clause.text[adjunct.end():], clause.connective)
        ctimexes = within(timexes, clause.start, clause.end)
        if only_dated and not any(map(_first_day_of, ctimexes)) \
                and not any(map(_clock_of, ctimexes)) and \
                clause.anchor is None and lead_anchor is None:
            # A clause with no date and no anchor ("before delivering remarks at X") can only
            # name a happening that another clause dates; that clause names it too.
            continue
        mention = (
            _listing_mention(sentence, clause, ctimexes)
            or _subject_mention(sentence, clause, ctimexes)
            or _verb_mention(sentence, clause, ctimexes)
            or _noun_mention(sentence, clause, ctimexes)
            or _future_mention(sentence, clause, ctimexes)
        )
        if mention and mention.relative is None and lead_anchor is not None:
            mention = replace(mention, relative=lead_anchor)
        if mention:
            mentions.append(mention)
    return mentions


_LEADING_DAY = re.compile(r"\s*On\s+the\s+(?:first|second|third|fourth|fifth|last|final)\s+day\b")


#: "Phase 1 voting: April 11", "Counting of votes: May 23": a name, a colon, its day.
_LABEL_COLON = re.compile(
    r"(?:^|(?<=[).;\]]))\s*[“\"]?([A-Z][\w'’&/ ,-]{1,140}?)(?:\s*\([^()\n]{1,12}\))?"
    r"\s*(?::|\s[–—]\s)\s*")
#: A venue between a label and its day: "Second Test: Adelaide Oval, December 11"
_VENUE_BEFORE_DAY = re.compile(r"((?:The\s+)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,5}),\s*")
#: Labels that say what the value is, not what happens: "Time: 19:30", "Venue: ...".
_FIELD_LABELS = frozenset(
    """time times date dates day days venue venues location locations where when deadline
    updated published posted edited timing schedule""".split())


#: The marks a ``_LABEL_COLON`` match can start after (or at the start of the text)
_LABEL_OPENERS = (")", ".", ";", "]")


def _label_colons(text: str) -> list[re.Match[str]]:
    """``_LABEL_COLON.finditer(text)``'s matches, the pattern tried only where one can start.

    Each starts at the start of the text or just after one of ``_LABEL_OPENERS``
    (``str.find`` finds them): tried at every character, the pattern cost a tenth of a
    sentence's mentions wherever a colon or a dash let it run.
    """
    starts = [0]
    for mark in _LABEL_OPENERS:
        i = text.find(mark)
        while i >= 0:
            starts.append(i + 1)
            i = text.find(mark, i + 1)
    return matches_at(_LABEL_COLON, text, starts)


def _after_label_mark(text: str, pos: int) -> bool:
    """Whether ``text[:pos]`` ends with a colon, a dash or a comma and white space: where a
    day ``_labelled_dates`` reads must start (right after a ``_LABEL_COLON`` match, or after
    the venue and comma of ``_VENUE_BEFORE_DAY``)."""
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos > 0 and text[pos - 1] in ":–—,"


def _labelled_dates(sentence: Sentence, timexes: list[Timex]) -> list[Mention]:
    """Each "Name: DATE" of a sentence that lists them, as one mention dated by its day.

    A scraped table flattens to "Phase 1 voting: April 11 (...)Phase 2 voting: April 18
    (...)": each label names the happening on the day that follows it.
    """
    by_start = {t.start: t for t in timexes if t.first_day is not None}
    base = sentence.start
    if not any(_after_label_mark(sentence.text, start - base) for start in by_start):
        return []  # (no day for a label to name, none after a colon, a dash or a venue)
    found: list[tuple[int, int, str | None]] = []
    for m in _label_colons(sentence.text):
        t = by_start.get(sentence.start + m.end())
        venue = None
        colon = m.group(0).rstrip().endswith(":")
        if t is None and colon and (v := _VENUE_BEFORE_DAY.match(sentence.text, m.end())) \
                and not v.group(1).isupper() and not m.group(1).strip().isupper():
            # (not a dateline: "UPDATE: LONDON, June 8 (Reuters) -")
            t = by_start.get(sentence.start + v.end())
            venue = v.group(1)
        label = m.group(1).strip()
        limit = 6 if colon else 20  # ("Name – DATE": longer names)
        if t is None or len(label.split()) > limit or label.lower() in _FIELD_LABELS:
            continue
        found.append((sentence.start + m.start(1), sentence.start + m.end(1), venue))
    out = []
    for i, (start, end, venue) in enumerate(found):
        stop = found[i + 1][0] if i + 1 < len(found) else sentence.end
        text = sentence.text[start - sentence.start:stop - sentence.start]
        clause = Clause(start, stop, text, None)
        label = sentence.text[start - sentence.start:end - sentence.start]
        mention = _make(sentence, clause, label, _item_head(label), venue, "",
                        True, False, (start, end))
        if mention is not None:
            out.append(mention)
    return out


_UNTIL_AFTER = re.compile(r"[^.;]{0,40}?\b(?:until|till|through)\b", re.IGNORECASE)
_BRACKETED = re.compile(r"\s*\[[^\]]*\]")


def item_mention(sentence: Sentence) -> Mention | None:
    """A programme's line under a day heading, named by its own words when no verb or event
    noun names it ("Scholz greets leaders of partner countries.")."""
    line = _ITEM_BULLET.sub("", sentence.text, count=1)
    if _FIELD_LINE.match(line):
        return None  # "Location: ...", "Highlights: ...": what an item has, no item
    title, location = _item_title(line)
    if len(title.split()) < 2 or not title[:1].isupper():
        return None  # ("- and digital order": the rest of the line before)
    clause = Clause(sentence.start, sentence.end, sentence.text, None)
    return _make(sentence, clause, title, _item_head(title), location, "", True, False,
                 (sentence.start, sentence.end))


def is_field_line(text: str) -> bool:
    """A programme's line that describes the item above ("- Location: ...", "Highlights: ...")."""
    if ":" not in text:
        return False  # (every field line has its colon)
    return _FIELD_LINE.match(_ITEM_BULLET.sub("", text, count=1)) is not None


_FIELD_LINE = re.compile(
    r"(?:location|locations|venue|venues|time|times|date|dates|highlights?|events?|"
    r"tickets?|price|prices|where|when|details)\s*:", re.IGNORECASE)
_ITEM_BULLET = re.compile(r"^[\s•*·–—-]+")
#: A dash after a day that opens a table row's item: "Tuesday, February 28 – Northern, ..."
_DASH_AFTER = re.compile(r"\s*[–—]\s+")


def _dated_items(sentence: Sentence, timexes: list[Timex]) -> list[Mention]:
    """Each "DAY – item" of a line that lists them ("... strike dates Tuesday, February 28 –
    Northern, North West ... Wednesday, March 1 – East Midlands"), as one mention named by
    its item (the words up to the next day): a table flattened into a line."""
    out: list[Mention] = []
    rows = [(t, dash) for t in timexes if t.first_day is not None and not t.clock
            and (dash := _DASH_AFTER.match(sentence.text, t.end - sentence.start)) is not None]
    row_starts = [t.start for t, _dash in rows]
    starts = [t.start for t in timexes]  # (sorted: the next one found by bisection)
    for t, dash in rows:
        start = sentence.start + dash.end()
        k = bisect_left(starts, start)
        stop = starts[k] if k < len(starts) else sentence.end
        item = sentence.text[start - sentence.start:stop - sentence.start]
        k = bisect_left(row_starts, start)
        row_end = row_starts[k] if k < len(row_starts) else sentence.end
        if _FUTURE_MARKER.search(item) or len(item.split()) > 14 or _FUTURE_MARKER.search(
                sentence.text, stop - sentence.start, row_end - sentence.start):
            return []  # prose after the dash (or after its aside): read as prose
        title, location = _item_title(item)
        clause = Clause(t.start, stop, sentence.text[t.start - sentence.start:
                                                     stop - sentence.start], None)
        mention = _make(sentence, clause, title, _item_head(title), location, "", True, False,
                        (start, start + len(item.rstrip())))
        if mention is not None:
            out.append(mention)
    return out


def _make(
    sentence: Sentence, clause: Clause, title: str, head: str, location: str | None,
    lemma_: str, has_noun: bool, past: bool, name_span: tuple[int, int] = (0, 0),
) -> Mention | None:
    if "[" in title:
        title = _BRACKETED.sub(" ", title)  # "the election [ on the ] 28th": an editor's words
    if title[:3].lower() in ("dat", "day"):  # (the only starts _DATE_OF matches)
        title = _DATE_OF.sub("", title, count=1)
    title = _capitalize(strip_roles(_clean_phrase(title)))
    if len(title) > 90:
        title = title[:90].rsplit(" ", 1)[0]
    title = _drop_small_word(title)
    if len(title) < 3:
        return None
    tokens, proper = _title_tokens(title)
    return Mention(
        sentence=sentence, clause=clause, title=title, head=head, tokens=tokens,
        proper=proper, location=location, lemma=lemma_, has_event_noun=has_noun, past=past,
        relative=_relative(clause), name_span=name_span,
    )


_PARTICIPLES = frozenset(
    """held given taken led met laid begun flown spoken heard struck sat left run""".split()
)
_NOUN_MODIFIERS = frozenset(
    "press status gala awards award shareholder shareholders investor state budget peace trade "
    "book film music jazz rock food wine street farmers pension climate energy security "
    "leadership consultation funeral memorial news joint emergency extraordinary weekly "
    "monthly opening closing charity fundraising bill treaty contract agreement accord "
    "photo discussion working first second third fourth fifth sixth seventh eighth ninth tenth "
    "final public ceremonial official birthday garden launch farewell cocktail soft grand "
    "private formal town hall city".split()
)
_DAY_COMPOUNDS = frozenset(
    "investor open media election polling match race launch markets action strike press "
    "awareness remembrance".split()
)
_TRAVEL = frozenset({"travel", "fly", "head", "go"})
#: Moves whose purpose, told after them, is the happening: "fly to Vilnius to inaugurate
#: ...", "return to the square to attend the vigil"
_PURPOSED = _TRAVEL | {"return", "proceed", "gather", "depart", "leave"}
_ADVERB_LY = re.compile(r"\s+\w+ly\b")
#: A place right after a verb of travel: "travel Europe", "head home", "fly Dublin-Boston"
_PLACE_START = re.compile(r"\s+(?:[A-Z]|home\b|abroad\b|overseas\b)")
_MEET_LIKE = frozenset({"meet", "join", "brief", "host", "welcome", "receive", "dine", "talk",
                        "interview", "sit"})
_SUBJECT_VERBS = frozenset({"walk", "meet", "open", "begin", "start", "close", "resume",
                            "convene", "strike", "march", "rally", "protest", "vote", "debate",
                            "reopen", "end", "conclude", "launch", "stand", "step",
                            "commence"})
_WEAK_STARTS = frozenset(
    """and but or so if when as with i we you it there this that these those he she they what
    off up out down over according through free after for from by in on at during
    who how why while although though because""".split()
)
_PAST_CLAUSE = re.compile(
    r"\b(?:was|were|had|did|began|came|went|took|held|met|gave|made|said|drew|won|lost|saw|"
    r"became|brought|bought|sold|told|wrote|rose|fell|grew|drove|paid|kept|found|got|stood|"
    r"built|sent|spent|fought|caught|led|left|ran|\w{3,}ed)\b")
_FUTURE_MARKER = re.compile(
    r"\b(?:will|’ll|'ll|shall|is\s+(?:set|due|scheduled|expected|slated|planned)\s+to|"
    r"are\s+(?:set|due|scheduled|expected|slated|planned)\s+to|(?:is|are)\s+to)\b",
    re.IGNORECASE,
)
#: Whether ``_FUTURE_MARKER`` matches, asked of lower-cased text: without IGNORECASE, and each
#: alternative begun with its letter ("w(?<!\ww)ill" is "\bwill"), which ``re`` skips to
_FUTURE_IN_LOW = re.compile(
    r"(?:w(?<!\ww)ill|’(?<=\w’)ll|'(?<=\w')ll|s(?<!\ws)hall"
    r"|i(?<!\wi)s\s+(?:(?:set|due|scheduled|expected|slated|planned)\s+)?to"
    r"|a(?<!\wa)re\s+(?:(?:set|due|scheduled|expected|slated|planned)\s+)?to)\b")


def _future_in(text: str, low: str) -> bool:
    """Whether ``_FUTURE_MARKER`` matches ``text``; ``low`` is ``lower_in_place(text)``."""
    if matches_as_ignorecase(text, low):
        return _FUTURE_IN_LOW.search(low) is not None
    return _FUTURE_MARKER.search(text) is not None
#: Verbs of moving somewhere, whose place may follow the date ("arrive on Monday in Rome").
_MOVES = frozenset({"arrive", "land", "return", "travel", "fly", "head", "depart", "leave"})
_MOVE_NOUNS = {"arrive": "Arrival", "land": "Arrival", "depart": "Departure",
               "leave": "Departure", "return": "Return"}
_FOR_AFTER = re.compile(r"\s*for\s+", re.IGNORECASE)
_FROM_PARTICIPLES = frozenset({"starting", "beginning", "commencing", "effective"})
_ON_DATE = re.compile(r"\s+(?:on|from|at|in)\b")
_CLOSED_TAIL = re.compile(r"\s+(?:remain\s+|stay\s+)?(?:closed|shut|suspended)$")
_UNTIL_NEXT = re.compile(r"\s*(?:until|till)\b", re.IGNORECASE)
_TAKE_TRANSPORT = re.compile(
    r"\s+(?:a|an|the)\s+(?:\w+\s+)?(?:ferry|train|flight|plane|boat|bus|helicopter|coach)\s+"
    r"(?:back\s+)?to\b", re.IGNORECASE)
_AT_EVENT = re.compile(r"\b(?:with|at)\s+((?:a|an|the)\s)", re.IGNORECASE)
_WITH_PARTNER = re.compile(r"\bwith\s+")
_WITH_EVENT = re.compile(r"\bwith\s+((?:a|an|the)\s)", re.IGNORECASE)
#: Acts named by their template wherever they happen, an event noun's place included ("lay a
#: wreath at the war memorial": "Wreath-laying at the war memorial")
_RITES = frozenset({"lay", "plant"})
_EVENT_AFTER = re.compile(r"\b(?:for|at|in|during|on|(?<!followed\s)by)\s+(?=(?:a|an|the)\s)")


@lru_cache(maxsize=256)
def _particles(particles: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a verb's particles, longest first ("down for" before "down")."""
    alternatives = "|".join(re.escape(p) for p in sorted(particles, key=len, reverse=True))
    return re.compile(rf"\s+(?:{alternatives})\b", re.IGNORECASE)


_PART_OF_DAY = re.compile(
    r"\s+the\s+(?:(?:first|second|third|last|final|opening|closing)\s+)?"
    r"(?:morning|afternoon|evening|night|eve|day|weekend|sidelines)\b", re.IGNORECASE)
_PREPOSITION = re.compile(
    r"(?:and|or|to|at|in|on|for|with|by|from|of|after|before|as|until|during|when|while)\b")
#: "reports quarterly earnings": a results release, not speech being reported
_RESULTS_AFTER = re.compile(
    r"\s+(?:its\s+|their\s+)?(?:\w+\s+){0,2}(?:earnings|results|figures|decision|verdict|"
    r"ruling|winners?|nominations|line-up|lineup|budget|shortlist|laureates?|prizes?|awards?)\b",
    re.IGNORECASE)
#: "the Apple Design Awards will be announced": what an announcement makes a happening of
_RESULTS_BEFORE = re.compile(
    r"\b(?:earnings|results|figures|decision|verdict|ruling|winners?|nominations|line-?up|"
    r"budget|shortlist|laureates?|prizes?|awards?)\s+(?:will|is|are|to)\s+(?:be\s+)?$",
    re.IGNORECASE)
_CAPITAL_DETERMINERS = frozenset(
    "The A An This That These Those Its Their His Her Our All Some Many Most Both Several Few "
    "Other".split())


def _common_start(phrase: str) -> str:
    """Lower-case a capitalised determiner that starts a phrase: "The new line" -> "the".

    Other capitalised words may be names ("Portugal next month"), so they are kept.
    """
    first = phrase.split(" ", 1)[0]
    if first in _CAPITAL_DETERMINERS:
        return first.lower() + phrase[len(first):]
    return phrase


#: (groups 1, 2, 3: live, available, purpose; numbered, not named: the "P" of "(?P<" would
#: keep ``search_lower`` from dropping IGNORECASE and reading the lower case)
_ON_SALE = Gated(re.compile(
    r"\b(?:go|goes|will\s+go|are\s+to\s+go)\s+on\s+(?:general\s+)?sale\b"
    r"|\b(?:go|goes|will\s+go|is\s+to\s+go|are\s+to\s+go)\s+(live)\b"
    r"|\b(?:will|is\s+to|are\s+to)\s+be\s+(?:made\s+)?(available)\b"
    r"(?:\s+(?:for|to)\s+(pre-?orders?|purchase|download|order))?",
    re.IGNORECASE), ("sale", "live", "available"))
#: Verbs in the third person that end a noun phrase: "A banquet follows the same evening".
_THIRD_PERSON = frozenset(
    "follows precedes begins starts ends opens closes takes runs continues marks comes goes "
    "returns resumes".split())
_ADVERBS = frozenset(
    "again also later soon then there here together today tomorrow tonight briefly privately "
    "jointly separately first next once twice".split())
#: Every word ``_object_phrase``'s loop tests for (lower-cased), but those ending in "ed"
_OBJECT_STOPS = frozenset(
    {"on", "in", "at", "by", "back", "home", "to", "itself", "themselves", "himself", "herself",
     "inside", "during", "for", "and"}
) | PHRASE_STOPS | REPORTING | _ADVERBS | _FINITE | _THIRD_PERSON
_PREPOSITION_START = re.compile(
    r"(?:by|from|of|over|through|into|onto|via|about|around|off|up|out|down|back)\b",
    re.IGNORECASE)
_TARGET_OBJECT = re.compile(
    r"\b(?:criteria|requirements?|targets?|demands?|deadlines?|expectations|standards|needs|"
    r"obligations|goals?|costs|estimates|forecasts?)\b", re.IGNORECASE)
#: What "will close" can be said of as a happening: places and services.
_CLOSABLE = re.compile(
    r"\b(?:schools?|offices?|shops?|stores?|museums?|airports?|roads?|borders?|markets?|polls|"
    r"polling|stations?|bridges?|parks?|librar(?:y|ies)|embass(?:y|ies)|lines?|tunnels?|"
    r"hospitals?|universit(?:y|ies)|courts?|ports?|factor(?:y|ies)|plants?|mines?)\b",
    re.IGNORECASE)
_TO_VERB = re.compile(r"\s+to\s+(?:be\s+)?[a-z]+")
_DESTINATION_NOUNS = frozenset({"visit", "trip", "tour", "mission", "journey", "delegation"})
_HAPPENS = Gated(re.compile(
    r"\b(?:will|to|would|is\s+(?:now\s+)?(?:set|due|scheduled)\s+to)\s+(?:take\s+place|be\s+held"
    r"|go\s+ahead|happen|occur|be\s+staged|be\s+played|kick\s+off|get\s+under\s*way|be\s+run)\b"
    r"|\b(?:takes\s+place|take\s+place|is\s+held|are\s+held|kicks\s+off|gets\s+under\s*way)\b",
    re.IGNORECASE),
    ("place", "held", "ahead", "happen", "occur", "staged", "played", "kick", "under", "run"))


def _subject_mention(sentence: Sentence, clause: Clause, timexes: list[Timex]) -> Mention | None:
    """"A street festival ... will take place on Sunday": the subject names the happening."""
    on_sale = _ON_SALE.search_lower(clause.text, clause.low)  # (where it is, nothing more)
    m = on_sale or _HAPPENS.search_lower(clause.text, clause.low)
    if not m:
        return None
    subject = _subject(clause, clause.start + m.start())
    if not on_sale and not _has_event_noun(subject):
        # "Live 8, a set of free concerts to be held ...": the apposition names it
        tail = _without_trailing_aux(clause.text[:m.start()].rsplit(",", 1)[-1]).strip()
        subject = tail if _has_event_noun(tail) and len(tail.split()) <= 10 else ""
    if not subject or not (on_sale or _has_event_noun(subject)):
        return None
    if on_sale and _UNTIL_AFTER.match(clause.text, m.end()):
        return None  # "available until January 30": how long it lasts, no happening
    span = (clause.start, clause.start + m.start())
    what = "" if not on_sale else " goes live" if on_sale.group(1) else \
        f" {on_sale.group(3).lower()}" if on_sale.group(3) else \
        " release" if on_sale.group(2) else " on sale"
    title = f"{_drop_article(subject)}{what}"
    return _make(sentence, clause, title, "sale" if on_sale else "event",
                 _location(clause, span, timexes), "", True, False, span)


def _without_trailing_aux(text: str) -> str:
    """``_TRAILING_AUX.sub("", text)``, tried only when the last word is one it can drop."""
    last = text.rsplit(None, 1)[-1:]
    if last and (not last[0].isascii() or last[0].lower() in _TRAILING_AUX_WORDS):
        return _TRAILING_AUX.sub("", text)
    return text


def _subject(clause: Clause, verb_start: int) -> str:
    """The noun phrase before the verb group: "The panel" in "The panel will then meet"."""
    head = clause.text[: verb_start - clause.start]
    # Punctuation inside a quoted name ("Run, walk; rest") splits nothing: mask it meanwhile.
    # (each pattern below tried only where the words or marks it needs are)
    if '"' in head or "“" in head:
        head = _QUOTED.sub(lambda m: m.group(0).replace(",", "\x00").replace(";", "\x01"),
                           head)
    if "-" in head or "–" in head or "—" in head:
        head = _DATELINE_DASH.split(head)[-1]  # after a dateline: "PARIS (AFP) - "
    if "To" in head or "fter" in head or "ollowing" in head:
        head = _OPENING_ADJUNCT.sub("", head, count=1)  # "To help with this, ..."
    head = _without_trailing_aux(head)
    head = _REPORTED_THAT.split(head)[-1]
    if " whose " in head:  # "a leadership election whose first round will be held"
        head = _WHOSE_PREP.split(head.split(" whose ")[0])[-1]
    relative = _WHICH_AT_END.search(head)
    if relative:  # "... the fan zone, which opens at noon": the noun before "which"
        head = _RELATIVE_PREP.split(head[: relative.start()])[-1]
        head = head.split(",")[-1]
    head = _LEADING_ADVERBIAL.sub("", head)
    head = _SUBJECT_END.split(head)[0]
    words = head.split()
    if not words or len(words) > 16 or words[0].lower() in _SUBJECT_PRONOUNS:
        return ""
    return _clean_phrase(head).replace("\x00", ",").replace("\x01", ";")


def _verb_mention(sentence: Sentence, clause: Clause, timexes: list[Timex]) -> Mention | None:
    when = _WHEN_SUBJECT.search(clause.text) if " when " in clause.text else None
    if when is not None:
        # "X will be discussed when she meets Y": the meeting is the happening
        found = _verb_mention_from(sentence, clause, timexes, clause.start + when.end())
        if found is not None:
            return found
    return _verb_mention_from(sentence, clause, timexes, clause.start)


_WHEN_SUBJECT = re.compile(r"\bwhen\s+(?:he|she|they|we|it|the\s+\w+|[A-Z][\w'’-]+)\s+")


def _verb_mention_from(sentence: Sentence, clause: Clause, timexes: list[Timex],
                       start: int) -> Mention | None:
    """The first event verb of ``clause`` at or after offset ``start``, as a mention."""
    words = clause.tokens
    first = 0 if start <= clause.start else bisect_left(words, start, key=_token_start)
    # (the verb forms picked in C: ``lemma`` is a cache and no lemma is empty)
    for i in compress(count(), map(lemma, map(_word_of, words))):
        if i < first:
            continue
        word, wstart, wend = words[i]
        lem = lemma(word)
        if lem is None or (word.lower() in REPORTING and not _RESULTS_AFTER.match(
                clause.text, wend - clause.start) and not (
                    i > 1 and words[i - 1][0].lower() == "be"
                    and _RESULTS_BEFORE.search(clause.text, 0, wstart - clause.start))):
            continue  # (but "the Design Awards will be announced": a results day)
        low = word.lower()
        prev = words[i - 1][0].lower() if i > 0 else ""
        if word[0].isupper() and (i > 0 or (len(words) > 1 and words[1][0][:1].isupper())):
            continue  # a name or a title word, not a verb: "Met Éireann has issued ..."
        if prev in _DETERMINERS or prev.endswith(("’s", "'s")) or prev in {"’", "'"}:
            continue
        passive = low.endswith("ed") or low in _PARTICIPLES
        passive = passive and prev in {"be", "been", "is", "are", "was", "were", "being"}
        if low in _FROM_PARTICIPLES and _ON_DATE.match(clause.text, wend - clause.start):
            continue  # "starting on October 1, regulators will ...": from when, not what
        if low.endswith("ing") and not (
            prev in _AUX or prev in {"is", "are", "was", "were", "be", "by", "of"} or i == 0
        ):
            continue
        if not low.endswith("ing") and not passive and not (
            prev in _AUX or prev in _SUBJECT_PRONOUNS or (prev[:1].isupper() and i > 0)
            or prev in {"officially", "formally", "briefly", "jointly", "personally"}
            or i == 0
            # a finite form after a noun subject: "the minister visited", "the team flies",
            # "polling stations open"
            or ((_is_past_form(low) or low.endswith("s") or (prev.endswith("s") and len(prev) > 3))
                and prev.isalpha() and prev not in _DETERMINERS and prev not in _STOPWORDS)
        ):
            continue
        if passive and _TO_VERB.match(clause.text, wend - clause.start):
            continue  # "is scheduled to deliver the keynote": the next verb says what happens
        template, particles = VERBS[lem]
        rest = wend - clause.start  # (matched in place, not in a copy of the rest)
        skip = 0
        m = _particles(particles).match(clause.text, rest) if particles else None
        if m is None and particles and lem in _TRAVEL:
            adverb = _ADVERB_LY.match(clause.text, rest)  # "fly directly to Sydney"
            m = _particles(particles).match(clause.text, adverb.end()) if adverb else None
        if m:
            skip = m.end() - rest
            if template and m.group(0).split()[0].lower() == "back":
                template = "Return to {obj}"  # "fly back to Rome"
            elif lem in _RITES and template and \
                    m.group(0).split()[-1].lower() in ("at", "on", "in"):
                # "lay a wreath at the memorial": "Wreath-laying at the memorial"
                template = template.replace("{obj}", f"{m.group(0).split()[-1].lower()} {{obj}}")
        if not skip and lem == "take" and (ride := _TAKE_TRANSPORT.match(clause.text, rest)):
            skip, template = ride.end() - rest, "Trip to {obj}"  # "take the ferry to Tallinn"
        if not skip and lem in _NEEDS_PARTICLE:
            continue
        if lem == "gather" and _has_event_noun(clause.text[rest:]):
            continue  # "gathered in Bonn for climate talks": the talks are the happening
        if lem == "perform" and not skip:
            template = "{obj}"  # "perform the evening prayers": the rite is the happening
        if lem in ("continue", "proceed") and not _PLACE_AHEAD.match(
                clause.text, wend - clause.start + skip):
            continue  # "continue to grow": no journey; "continue on to London": one
        if not skip and lem in _TRAVEL and not _PLACE_START.match(clause.text, rest):
            continue  # "go on display", "go live": no journey
        obj_start = wend + skip
        while obj_start < clause.end and clause.text[obj_start - clause.start].isspace():
            obj_start += 1
        speech = bool(_SPEECH_OBJECT.match(clause.text, obj_start - clause.start))
        obj, obj_end = ("", obj_start) if passive else _object_phrase(
            clause, obj_start, timexes, speech_like=speech, keep_for=True)
        if not obj and lem in _MEET_LIKE and not passive:
            # "meets later in the day with the Secretary of State": whom, past the date
            partner = _WITH_PARTNER.search(clause.text, obj_start - clause.start,
                                           obj_start - clause.start + 60)
            if partner:
                obj, obj_end = _object_phrase(clause, clause.start + partner.end(), timexes)
        purpose = _TO_DESTINATION.match(clause.text, obj_end - clause.start) \
            if lem in _PURPOSED else None
        if purpose is not None:
            after = clause.text[purpose.end() - len(purpose.group(0).split()[-1]):].split()
            if after and lemma(after[0]) is not None:
                continue  # "fly to Vilnius to inaugurate ...": the purpose is the happening
        opening = ""
        if lem in _SUBJECT_VERBS and _PREP_OBJECT.match(obj):
            if obj.startswith("with ") and lem in {"begin", "start", "open", "close", "end",
                                                   "conclude"}:
                opening = obj  # "will begin with the lighting of the tree": say how
            obj, obj_end = "", (obj_end if opening else obj_start)  # no object: a subject
        if obj and _PREPOSITION_START.match(obj) and not passive:
            obj = ""  # "talks with by the party", "fly over New York": no object after all
        closed = _CLOSED_TAIL.search(obj) if lem in {"hold", "keep"} else None
        if closed and _UNTIL_NEXT.match(clause.text, obj_end - clause.start):
            # "hold all stock markets closed until Friday": they reopen on Friday
            obj, template, lem = obj[:closed.start()], "Reopening of {obj}", "reopen"
        if lem == "meet" and _TARGET_OBJECT.search(obj):
            continue  # "meet the capital criteria": a target met, not a meeting
        if passive or (not obj and lem in _SUBJECT_VERBS):
            subject = _subject(clause, wstart)
            aux = _ANY_AUX.search(sentence.text)
            if not subject and aux is not None:  # "..., and a judge will be sentencing him"
                subject = _subject(Clause(sentence.start, sentence.end, sentence.text, None),
                                   sentence.start + aux.start() + 1)
            if lem in ("close", "reopen") and not _CLOSABLE.search(subject):
                continue  # "shares closed at $12": markets close, happenings do not
            if subject and lem in {"begin", "start", "open", "resume", "commence"} and \
                    {w.lower() for w in subject.split()} & NOUNS:
                template = None
            if subject and lem in ("stand", "step"):
                template = "{obj} steps down"  # "Akerson plans to stand down on January 15"
            if subject and "{obj}" in (template or "{obj}"):
                obj = subject
                if template and lem in _SUBJECT_VERBS and not passive:
                    template = {"meet": "Meeting of {obj}", "strike": "Strike by {obj}",
                                "vote": "Vote by {obj}", "debate": "Debate in {obj}",
                                "march": "March by {obj}", "rally": "Rally by {obj}",
                                "protest": "Protest by {obj}"}.get(lem, template)
        has_noun = _head_is_event(obj) or (
            _IN_EVENT.search(obj) is not None and _has_event_noun(obj))
        event_np = ""
        if not has_noun:
            # (past the time when there is no object: "arrive at 11 a.m. for the ceremony")
            limit = min([t.start for t in timexes if t.start > obj_end or (
                t.start == obj_end and obj)] + [clause.end])
            for m in _EVENT_AFTER.finditer(clause.text, obj_end - clause.start,
                                          limit - clause.start):
                np, np_end = _object_phrase(clause, clause.start + m.end(), timexes)
                if _has_event_noun(np):
                    event_np, obj_end = _drop_article(np), np_end
                    if m.group(0).startswith("by"):
                        # "he will be received by a welcoming ceremony": the ceremony is it
                        obj = "" if passive else obj
                    break
                if m.group(0).startswith("by"):
                    continue  # (only an event is what a happening is "by")
        past = _is_past_form(word) and prev not in {"to", "will", "would", "be"} and not (
            prev in {"is", "are"} and low in _ARRANGED_FORMS)  # "is scheduled for 3 p.m."
        location = _location(clause, (obj_start, obj_end), timexes)
        if event_np:
            if obj and lem in _MEET_LIKE and obj.lower() not in _OBJECT_PRONOUNS:
                title = f"{event_np} with {obj}"  # (but "host her at a lunch": the lunch)
            elif obj and template and "{obj}" in template:
                action = template.format(obj=_drop_article(obj))
                title = f"{event_np}: {action[:1].lower()}{action[1:]}"
            else:
                title = event_np
            head = next((w for w in reversed(event_np.lower().split()) if w in NOUNS), "event")
            has_noun = True
        elif has_noun or template is None:
            if not obj:
                continue
            inner = _IN_EVENT_TAIL.search(obj)
            if inner and _has_event_noun(inner.group(1)) \
                    and not _has_event_noun(obj[: inner.start()]):
                before = _clean_phrase(obj[: inner.start()])
                obj = inner.group(1)
                if template and "{obj}" in template and before:
                    action = template.format(obj=_drop_article(before))
                    obj = f"{_drop_article(obj)}: {action[:1].lower()}{action[1:]}"
            title = _drop_article(obj)
            if template and (template.endswith(" of {obj}") or lem in _RITES) \
                    and ":" not in obj:
                # (and "lay a wreath at the war memorial": the wreath-laying, there)
                # "will open the new session of Parliament": its opening, not the session
                title = template.format(obj=_common_start(obj))
            head = next((w for w in reversed(obj.lower().split()) if w in NOUNS), lem)
        else:
            if not obj and "{obj}" in template and lem in _MOVES:
                # "will arrive on Thursday in Scotland": the place after the date is where
                place = _location(clause, (obj_start, obj_start), timexes)
                if place:
                    obj, location = place, location or place
                elif lem in _MOVE_NOUNS:
                    template = _MOVE_NOUNS[lem]  # "will arrive on Monday": an arrival
            if not obj and "{obj}" in template:
                continue
            if lem in ("depart", "leave") and _FOR_AFTER.match(clause.text, wend - clause.start):
                template = "Departure for {obj}"  # "will leave for the US"
                obj = _FOR_AFTER.sub("", obj, count=1) if obj.lower().startswith("for ") \
                    else obj
            if skip and _TEMPLATE_ONE_WORD.search(template):
                particle = clause.text[wend - clause.start:wend - clause.start + skip].split()[-1]
                template = template.replace("{obj}", particle + " {obj}")
            title = template.format(obj=_common_start(obj))
            head = lem
        if not opening and lem in {"begin", "start", "open", "end", "conclude"}:
            # "The visit ends on Thursday with a round table", "The day ends at the
            # residence, where they attend a garden party"
            finder = _AT_EVENT if lem in {"end", "conclude"} else _WITH_EVENT
            for later in finder.finditer(clause.text, obj_end - clause.start):
                np, _np_end = _object_phrase(clause, clause.start + later.start(1), timexes)
                if np and _has_event_noun(np):
                    opening = f"with {np}"
                    break
        if lem in {"end", "conclude"} and not (opening and _has_event_noun(opening)):
            continue  # "the term ends on June 3": the end of a state, not a happening
        if opening and _has_event_noun(opening):
            # "the visit ends with a round table", "the day will begin with a meeting": the
            # happening is what it begins or ends with
            title, head, has_noun = _drop_article(opening[5:]), "event", True
        elif opening:
            title = f"{title} {opening}"
        if lem in {"return", "arrive"}:
            subject = _subject(clause, wstart)
            if subject and _head_is_event(subject):
                # "The Glastonbury Festival will return to Worthy Farm": the festival, there
                title, head, has_noun = _drop_article(subject), "event", True
                location = location or (_drop_article(obj) if obj[:1].isupper() else None)
        if lem in {"visit", "tour", "arrive", "land", "return", "travel", "fly", "head"} and \
                _drop_article(obj)[:1].isupper() and not location:
            location = _drop_article(obj)
        return _make(sentence, clause, title, head, location, lem, has_noun, past,
                     (obj_start, obj_end))
    return None


_FIXTURE = re.compile(
    r"([A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,4})\s+(?:v|vs\.?|versus)\s+"
    r"([A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,4})"
)


#: What every fixture holds ("Home v Away"): far cheaper to look for than ``_FIXTURE`` itself.
#: ("\sv(?:s\.?|ersus)?\s", begun at the "v", which ``re`` skips to: only whether it is there
#: is asked)
_FIXTURE_SEP = re.compile(r"v(?<=\sv)(?:s\.?|ersus)?\s")


def _listing_mention(sentence: Sentence, clause: Clause, timexes: list[Timex]) -> Mention | None:
    """Schedule lines: "Saturday, December 21: Home v Away, 3pm", "Tuesday: arrival in Rome"."""
    fixture = _FIXTURE.search(clause.text) if _FIXTURE_SEP.search(clause.text) else None
    if fixture:
        title = f"{fixture.group(1)} v {fixture.group(2)}"
        span = (clause.start + fixture.start(), clause.start + fixture.end())
        return _make(sentence, clause, title, "match", None, "", True, False, span)
    label_end = _item_label_end(clause, timexes)
    m = _ITEM_SEPARATOR.match(clause.text, label_end - clause.start) if label_end else None
    if m is None:
        return None
    rest = clause.text[m.end():]
    if _future_in(rest, lower_in_place(rest)) or not rest.strip():
        return None  # "Monday: the minister will fly to Oslo": its verb names it
    if not m.group(0).strip() and not (rest[:1].isupper() and (
            _has_event_noun(rest) or _TIMED_LINE_ITEM.fullmatch(rest))):
        return None  # "Friday 3 p.m. the council meets": prose, not a programme line
        # (but "19:00 Arrival of leaders", a line of its own, is one)
    title, location = _item_title(rest)
    if not title:
        return None
    start = clause.start + m.end()
    # a programme's line names a happening by being there: as good as an event noun
    return _make(sentence, clause, title, _item_head(title), location, "",
                 True, False, (start, start + len(rest.rstrip())))


#: A programme's item after a time, on a line of its own: capitalised words, no verb of a
#: sentence ("Arrival of leaders", "Group photo")
_TIMED_LINE_ITEM = re.compile(r"[A-Z][\w'’-]*(?:[ \t]+(?!(?:is|are|will|was|were|has|have)\b)"
                              r"[\w'’&-]+){0,8}[ \t.]*")
#: What separates a programme line's day or time from its item: "5:45 p.m. – ",
#: "Saturday: ", "July 26, 2024 - ", "5:45 p.m. (Rome time) – ".
_ITEM_SEPARATOR = re.compile(r"(?:\s*\([^()]{1,30}\))?\s*(?:[:–—|]|-\s)?\s*")
_BULLET = re.compile(r"[\s•*·–—-]*")
_BULLET_MARKS = "•*·–—-"


def _bullet_end(text: str) -> int:
    """``_BULLET.match(text).end()``: a line opens with a letter or a digit far more often
    than with a bullet, and a test of one character is cheaper than a call into ``re``."""
    pos, n = 0, len(text)
    while pos < n and (text[pos].isspace() or text[pos] in _BULLET_MARKS):
        pos += 1
    return pos


def _item_label_end(clause: Clause, timexes: list[Timex]) -> int:
    """Where the day or time that opens a programme line ends (0: the clause opens otherwise).

    The label is the run of expressions at the clause's start, after any bullet, joined by
    commas or spaces ("Saturday, 10 a.m.").
    """
    if not timexes:
        return 0
    pos = clause.start + _bullet_end(clause.text)
    end = 0
    for t in timexes:
        if t.start < pos:
            continue
        if t.start - pos > 2 or clause.text[pos - clause.start:t.start - clause.start].strip(
                " ,"):
            break
        end = pos = t.end
    return end


#: Where a programme line's name ends and its place begins: "Joe Samba, Tripoli Stage",
#: "Three Saints Jeopardy — Holy Rosary Shrine".
_ITEM_PLACE = re.compile(r"\s[—–]\s|,\s|\s-\s|\s\|\s|;\s")


def _item_title(rest: str) -> tuple[str, str | None]:
    """The name and place of a programme line's item (its words as written)."""
    rest = " ".join(rest.split()).rstrip(" .;,")
    cut = _ITEM_PLACE.search(rest)
    title, place = (rest[:cut.start()], rest[cut.end():]) if cut else (rest, "")
    words = title.split()
    if len(words) > 14:
        title = " ".join(words[:14])
    place = place.strip()
    location = place if place and len(place.split()) <= 8 and place[:1].isupper() else None
    return title.strip(" .,;:"), location


#: "Date of poll": the poll is the item ("Date of the wedding", "Day of the vote")
_DATE_OF = re.compile(r"^(?:date\s+of\s+(?:the\s+)?|day\s+of\s+the\s+(?=(?:vote|poll|election"
                      r"|ballot)\b))(?=\w)", re.IGNORECASE)


def _item_head(title: str) -> str:
    """The event noun of an item's name, else its last word (what merging compares)."""
    words = title.lower().split()
    return next((w for w in reversed(words) if w in NOUNS), words[-1] if words else "")


_DAY_NAMED = re.compile(
    r"\d{1,2}(?:st|nd|rd|th)?\b(?!\s*[ap]\.?m)|day\b|\b(?:today|tonight|tomorrow|jan|feb|mar|apr|"
    r"may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)


def without_timexes(text: str, base: int, timexes: list[Timex]) -> str:
    """``text`` (at offset ``base``) with the expressions ``timexes`` taken out."""
    for t in sorted(timexes, key=lambda t: -t.start):
        text = text[:t.start - base] + text[t.end - base:]
    return text


def _names_a_day(t: Timex) -> bool:
    """Whether ``t`` gives a day of its own, not only a clock that inherits one ("at 5 a.m.")."""
    return bool(t.first_day) and not (t.clock and not _DAY_NAMED.search(t.text))


def _future_mention(sentence: Sentence, clause: Clause, timexes: list[Timex]) -> Mention | None:
    """Last resort for a future clause with a day but no known predicate: its own words."""
    if not any(_names_a_day(t) for t in timexes) or not _future_in(clause.text, clause.low):
        return None  # (a bare "from 5 a.m." only inherits a day: too little to go on)
    tokens = clause.tokens
    if any((lem := lemma(word)) is not None and lem not in _NEEDS_PARTICLE
           and word[:1].islower() and i and tokens[i - 1][0] in _AUX
           for i, (word, _s, _e) in enumerate(tokens)):
        return None  # the event verb here ("expected to close") was weighed and found empty
    text = without_timexes(clause.text, clause.start, timexes)
    text = _LEADING_PREP.sub("", text)
    text = _FUTURE_MARKER.sub(" ", text)
    text = _BE_BEFORE_WORD.sub("", text)  # "packages will be available"
    for _ in range(2):  # "will be at , followed": drop "at", then the "be" it leaves
        text = _DANGLING_WORD.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _TITLE_END.split(text)[0]
    words = text.split()
    if (len(words) < 3 or words[0].lower() in _WEAK_STARTS
            or any(q in clause.text for q in "\"“”`") or not any(len(w) > 4 for w in words)):
        return None  # speech, a pronoun or a connective: not a name for a happening
    title = " ".join(words[:12]).rstrip(" .,;:")
    return _make(sentence, clause, title, "", None, "", False, False, (clause.start, clause.start))


_PREPOSITIONS_OF = frozenset("of for with by from to".split())
_ARRANGED_FORMS = frozenset("scheduled planned set slated expected due timed".split())
_YEAR_ONLY = re.compile(r"\d{4}")
_PARTY_KINDS = frozenset("birthday garden street launch dinner tea cocktail farewell christmas "
                         "wrap block beach".split())
_BEFORE_VERB = frozenset("which that who it he she also".split())


#: Every word (lower-cased) a rule of ``_is_event_noun`` can take for an event noun
_NOUN_RULE_WORDS = NOUNS | {"mass", "table", "tables", "party", "parties", "day", "final",
                            "semi-final", "semifinal", "quarter-final"}


@lru_cache(maxsize=4096)
def _noun_like(word: str) -> bool:
    """Whether ``_is_event_noun(word, previous)`` holds for some ``previous``.

    Most words are no event noun after any word: one look in a cache, mapped over a clause's
    words in C, spares them the rules (which read the word before).
    """
    low = word.lower().strip(".,;:")
    return low in _NOUN_RULE_WORDS or ("-" in low and low.rsplit("-", 1)[1] in NOUNS) or (
        low.endswith("s") and len(low) > 4 and (
            low[:-1] in NOUNS or (low.endswith("es") and low[:-2] in NOUNS)
            or (low.endswith("ies") and low[:-3] + "y" in NOUNS)))


def _is_event_noun(word: str, previous: str = "") -> bool:
    return _noun_like(word) and _event_noun_after(word, previous)


def _event_noun_after(word: str, previous: str) -> bool:
    """``_is_event_noun`` for a ``_noun_like`` word: the rules that read the word before."""
    low = word.lower().strip(".,;:")
    if word == "March" and previous.lower() not in ("the", "a", "women's", "women’s"):
        return False  # the month ("March 2, 2026"); the protest is "a march", "the March for ..."
    if low == "mass":
        return word[:1] == "M" and previous[:1] != ""  # "celebrate Mass"; not "mass waves"
    if low in ("table", "tables") and previous.lower() == "round":
        return True  # "a round table on shipping"
    if low in ("party", "parties"):
        return previous.lower() in _PARTY_KINDS  # "a birthday party", not "the Labour Party"
    if low == "day" and previous.lower() in _DAY_COMPOUNDS:
        return True  # "investor day", "open day", "polling day"
    if low in ("final", "semi-final", "semifinal", "quarter-final") and previous[:1].isupper():
        return True  # "the Champions League final", not "the final version"
    if low in NOUNS or ("-" in low and low.rsplit("-", 1)[1] in NOUNS):
        return True
    # plurals: "concerts", "matches", "ceremonies"; not a verb's "-s" ("which launches")
    return low.endswith("s") and len(low) > 4 and previous.lower() not in _BEFORE_VERB and (
        low[:-1] in NOUNS or (low.endswith("es") and low[:-2] in NOUNS)
        or (low.endswith("ies") and low[:-3] + "y" in NOUNS))


def _head_is_event(phrase: str) -> bool:
    """True when the phrase's head noun names a happening ("a bilateral meeting with X")."""
    chunk = _HEAD_SPLIT.split(phrase)[0].split()
    return bool(chunk) and _is_event_noun(chunk[-1], chunk[-2] if len(chunk) > 1 else "")


def _has_event_noun(phrase: str) -> bool:
    previous = ""
    for word in phrase.split():
        if _is_event_noun(word, previous):
            return True
        previous = word
    return False


def _timex_at(pos: int, timexes: list[Timex]) -> Timex | None:
    """The first expression covering offset ``pos``; a plain loop, called once per word.

    ``timexes`` are in order and do not overlap, as the tagger gives them: a long list (a
    clause of many dates) is bisected instead, or the calls, one per word, would take time
    growing with the product of the words and the dates.
    """
    if len(timexes) > 8:
        i = bisect_right(timexes, pos, key=_start_of) - 1
        return timexes[i] if i >= 0 and pos < timexes[i].end else None
    for t in timexes:
        if t.start <= pos < t.end:
            return t
    return None


#: A clause's happening named one way (by an event noun, by its subject), in one language
ClauseFinder = Callable[[Sentence, Clause, list[Timex]], "Mention | None"]


def noun_mention(mention: Mention, timexes: list[Timex],
                 nouns: ClauseFinder | None = None) -> Mention | None:
    """The happening a noun names in ``mention``'s clause, other than ``mention`` itself.

    "The Vatican has released the itinerary of his visit from January 15 to 19": the release
    is news; the future days belong to the visit. ``nouns``: another language's noun finder.
    """
    clause = mention.clause
    found = (nouns or _noun_mention)(mention.sentence, clause,
                                     [t for t in timexes if clause.start <= t.start < clause.end])
    return found if found is not None and found.title != mention.title else None


def mention_between(sentence: Sentence, start: int, end: int, timexes: list[Timex],
                    subjects: ClauseFinder | None = None,
                    nouns: ClauseFinder | None = None) -> Mention | None:
    """A happening a subject or noun names in ``sentence[start:end]`` (absolute offsets).

    For the day a clause's main happening leaves unused: "... announced Live 8, a set of
    concerts to be held in five cities on July 2". ``subjects``, ``nouns``: another
    language's finders.
    """
    piece = sentence.text[start - sentence.start:end - sentence.start]
    lead = len(piece) - len(piece.lstrip(" ,;:"))
    clause = Clause(start + lead, end, piece[lead:], None)
    inside = within(timexes, clause.start, end)
    return (subjects or _subject_mention)(sentence, clause, inside) or (
        nouns or _noun_mention)(sentence, clause, inside)


#: (attribute getters run in C: a bisect calls them a dozen times)
_start_of = attrgetter("start")
_end_of = attrgetter("end")


def within(timexes: list[Timex], start: int, end: int) -> list[Timex]:
    """The expressions (sorted by start) that start in ``[start, end)``, found by bisection:
    a clause's own, without reading every expression of a long sentence for each clause."""
    return timexes[bisect_left(timexes, start, key=_start_of):
                   bisect_left(timexes, end, key=_start_of)]


def _noun_mention(sentence: Sentence, clause: Clause, timexes: list[Timex]) -> Mention | None:
    words = clause.tokens
    candidates = [
        i for i in compress(count(), map(_noun_like, map(_word_of, words)))
        if _event_noun_after(words[i][0], words[i - 1][0] if i else "")
        and not (i > 0 and words[i - 1][0].lower() in {"will", "would", "to", "shall", "’ll",
                                                        "'ll", "can", "could", "may", "might",
                                                        "must", "should"})  # "will address"
    ]
    shared = _Walks()  # (by the phrases: see ``_noun_phrase``)
    phrases = [p for p in (_noun_phrase(clause, words, i, timexes, shared) for i in candidates)
               if p and not _JUDGED.match(clause.text, p[2] - clause.start)]
    if not phrases:
        return None
    phrase, start, end, _head_at, low = dated_phrase(phrases, timexes)
    named = _APPOSED_NAME.match(clause.text, end - clause.start) \
        if len(phrase.split()) <= 6 else None
    if named is not None and not _timex_at(clause.start + named.start(1), timexes):
        # "an open-air service and celebration, Church in the Park, hosted by ...": its name
        phrase, end = named.group(1), clause.start + named.end(1)
    location = _location(clause, (start, end), timexes)
    past = bool(_PAST_CLAUSE.search(clause.text)) and not _future_in(clause.text, clause.low)
    return _make(sentence, clause, phrase, low, location, "", True, past, (start, end))


#: The name of a happening set off by commas after its noun: ", Church in the Park,"
_APPOSED_NAME = re.compile(
    r",\s+[“\"]?([A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|the|in|on|at|and|for|by)){1,6})"
    r"[”\"]?\s*(?:,|\.|$)")


def dated_phrase(phrases: list[tuple[str, int, int, int, str]],
                 timexes: list[Timex]) -> tuple[str, int, int, int, str]:
    """Of the event nouns' phrases (phrase, start, end, head offset, head) of one clause, the
    one its date dates.

    The noun nearest the date names the happening it dates, unless an earlier phrase holds
    it: "remarks at the Paris Peace Forum on November 11" is the remarks.
    """
    days = [t for t in timexes if t.first_day is not None]
    if not days:
        return phrases[0]
    anchor = days[0].start
    nearest = min(phrases, key=lambda p: abs(p[3] - anchor))
    return next(p for p in phrases if p[1] <= nearest[3] < p[2])


#: "the protests would be peaceful": a hope about a happening, which this clause does not date
_JUDGED = re.compile(
    r"\s+(?:would|could|might|may|should|will)\s+(?:not\s+)?(?:be|remain|stay)\s+"
    r"(?!held|staged|played|run|opened|launched|broadcast|televised|screened)[a-z]+(?<!ed)\b")


@dataclass
class _Walks:
    """What the noun phrases of one clause share (``_noun_phrase``)."""

    #: word -> where the walk left over modifiers ends from it
    reach: dict[int, int] = field(default_factory=dict)
    #: (start, speech-like) -> the object phrase read from there
    phrases: dict[tuple[int, bool], tuple[str, int]] = field(default_factory=dict)


def _noun_phrase(clause: Clause, words: tuple[tuple[str, int, int], ...], i: int,
                 timexes: list[Timex], shared: _Walks | None = None,
                 ) -> tuple[str, int, int, int, str] | None:
    """(phrase, start, end, head offset, head) of the noun phrase around event noun ``i``.

    ``shared`` holds, for the calls on one clause, where walks left over modifiers end and
    the phrases read from where they end. Past the first three words the walk depends on the
    words alone, not on ``i``; without it, each noun of a run of them ("summit summit ...")
    walked back over the whole run, in time growing with the square of the run, and read
    the same phrase again.
    """
    reach = shared.reach if shared is not None else None
    low = words[i][0].lower()
    # Extend left over modifiers (adjectives, names) up to a determiner or possessive.
    j = i
    walked: list[int] = []
    while j > 0:
        if reach is not None and i - j >= 3:
            if j in reach:
                j = reach[j]
                break
            walked.append(j)
        prev = words[j - 1][0]
        pl = prev.lower()
        if pl in _DETERMINERS or pl in _STOPWORDS or pl in REPORTING or prev in {
            ",", "’", "'", "“", "”", "—", "(", ")", "\""
        } or pl.endswith(("’s", "'s")) or lemma(prev) is not None:
            break
        if _timex_at(words[j - 1][1], timexes) is not None:
            break
        if not (prev[:1].isupper() or prev[:1].isdigit() or "-" in prev
                or (len(prev) > 2 and prev[0] in "\"“")
                or pl.endswith(_MODIFIER_SUFFIXES) or pl in NOUNS or pl in _NOUN_MODIFIERS
                or (i - j < 3 and pl.isalpha() and pl.endswith(("er", "ers", "or", "ors"))
                    and pl not in _FINITE and pl not in _AUX)):
            break  # a noun modifier such as "developer" in "the developer conference" goes on
        j -= 1
    if reach is not None:
        reach.update(dict.fromkeys(walked, j))
    start = words[j][1]
    key = (start, low in _SPEECH_NOUNS)
    if shared is not None and key in shared.phrases:
        phrase, end = shared.phrases[key]
    else:
        phrase, end = _object_phrase(clause, start, timexes, speech_like=key[1], keep_for=True)
        if shared is not None:
            shared.phrases[key] = phrase, end
    return (phrase, start, max(end, words[i][2]), words[i][1], low) if phrase else None


@dataclass(frozen=True)
class Finder:
    """How one language finds mentions: the calls ``events`` makes, English's by default.

    A language with words of its own (``mentions_fr``) gives its own functions, built on
    this module's ``Clause``, ``Mention`` and helpers; ``events`` reads every language alike.
    """

    could_hold: Callable[[Sentence, list[Timex]], bool]
    #: (sentence, timexes, *, only_dated) -> mentions
    find: Callable[..., list[Mention]]
    noun_mention: Callable[[Mention, list[Timex]], Mention | None]
    between: Callable[[Sentence, int, int, list[Timex]], Mention | None]
    #: Heads of the happenings a calendar lists day by day ("grève"): a later sentence that
    #: only lists days ("Suivront les 8 et 9 avril, 13 et 14") gives one more of each
    calendar_heads: frozenset[str] = frozenset()
    #: Words that go on with the narrative's day ("ensuite"), beside English's (None: only
    #: English's)
    sequence: re.Pattern[str] | None = None
    #: A clause about what is to come ("se rendra"), beside English's "will"
    future: re.Pattern[str] | None = None
    #: A phrase after a happening that names one more in sequence: ", followed by a
    #: reception", "before a working lunch"; the noun phrase starts where it ends
    chained: Gated | None = None


#: ", followed by a reception", "will be followed by the banquet", "before a working lunch"
#: (an indefinite noun phrase only: "before the summit" is more often an anchor)
_CHAINED = Gated(re.compile(
    r"(?<!\w)(?:followed\s+by\s+(?:a|an|the)|(?<!days\s)(?<!hours\s)(?<!weeks\s)"
    r"(?<!shortly\s)(?<!just\s)(?<!\bday\s)before\s+(?:a|an|(?:attending|joining|hosting|"
    r"holding|chairing|watching|viewing|addressing|opening)\s+(?:a|an|the))"
    # "After a working breakfast with the minister at 8:30 a.m., ...": the one before
    # (between commas, before the clause it precedes; a trailing ", following a strike by
    # drivers." gives a cause, no happening)
    r"|(?:^|(?<=,))\s*(?:after|following)\s+(?:a|an)(?=[^,;]{3,90},))\s+(?=\w)",
    re.IGNORECASE), ("followed", "before", "after", "following"))

ENGLISH = Finder(could_hold=could_hold_mentions, find=find_mentions, noun_mention=noun_mention,
                 between=mention_between, chained=_CHAINED)


def _sentence_mentions(sentence: Sentence, timexes: list[Timex], *,
                       only_dated: bool = False) -> list[Mention]:
    """A language with no words of ours (German, Spanish...): a sentence with a day names
    one happening, titled by its own words without its dates (tentative: no verb read)."""
    if not any(t.first_day is not None for t in timexes):
        return []
    text = without_timexes(sentence.text, sentence.start, timexes)
    words = text.split()
    if len(words) < 2:
        return []
    clause = Clause(sentence.start, sentence.end, sentence.text, None)
    mention = _make(sentence, clause, " ".join(words[:10]).rstrip(" .,;:"), "", None, "",
                    False, False, (sentence.start, sentence.start))
    return [mention] if mention is not None else []


#: For the languages read by dateparser (``temporal.other``)
OTHER = Finder(could_hold=lambda sentence, timexes: any(t.first_day for t in timexes),
               find=_sentence_mentions, noun_mention=lambda mention, timexes: None,
               between=lambda sentence, start, end, timexes: None)


def finder(language: str) -> Finder:
    """The mention finder for ``language``: English's, French's, or a sentence's own words for
    a language we have no words for."""
    if language == "fr":
        from calsync.extraction.mentions_fr import FRENCH  # (loaded for French texts only)

        return FRENCH
    return ENGLISH if language == "en" else OTHER
