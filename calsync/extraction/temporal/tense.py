"""Is the clause around an expression about the future or the past?

A small, fast heuristic: the closest tense marker in the same sentence wins, markers before
the expression counting more than markers after it. Future markers are modal and
arrangement phrases ("will", "is set to", "plans to", "is scheduled"); past markers are
reporting verbs, past auxiliaries and ``-ed`` forms.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator
from typing import Literal

from calsync.extraction.gate import matches_as_ignorecase
from calsync.extraction.lazy import once, prime
from calsync.extraction.temporal.patterns import trie as _trie

Tense = Literal["future", "past"] | None

_MARKERS = re.compile(
    r"(?P<f>\b(?:will|shall|won['’]t|going\s+to|(?:is|are|was|were)\s+(?:set|due|slated|"
    r"scheduled|expected|poised|planning|preparing)\s+to|(?:is|are)\s+to|scheduled\s+(?:to|for)"
    r"|plan(?:s|ned)?\s+to|intends?\s+to|expects?\s+to|upcoming|to\s+be\s+held|until"
    r"|as\s+soon\s+as|set\s+to|effective|(?:postponed|delayed|moved|pushed\s+back|rescheduled"
    r"|brought\s+forward|put\s+off)\s+(?:to|until|till))\b"
    r"|\bto\s+(?:acquire|buy|purchase|pay|sell|complete|close|begin|start|launch|hold|meet|visit"
    r"|open|build|release|issue|raise|resume|finish|deliver|ship|redeem|repay|file|expire"
    r"|take\s+effect)\b|\bwould\b(?!\s+have\b|n)"
    r"|\b(?:opens|begins|starts|meets|arrives|leaves|takes\s+place|resumes|convenes|departs"
    r"|kicks\s+off|gets\s+under\s+way|travels|flies|heads\s+to|faces|hosts|visits|attends|tours"
    r"|lands|inaugurates|addresses"
    r"|returns\s+to|begin|(?:has|have)\s+(?:a|an)(?=\s+\w+\s+(?:meeting|signing|hearing|"
    r"conference|briefing|appointment|event|call|interview|session)\b))\b"
    r"|['’]ll\b)"
    r"|(?P<p>\b(?:said|says|say|told|was|were|had|did|didn['’]t|wasn['’]t|met|went|came|"
    r"began|took|made|gave|saw|left|held|won|lost|fell|rose|ago|earlier|last|brought|bought|"
    r"sold|thought|found|became|paid|kept|struck|spent|sent|built|wrote|spoke|chose|grew|knew|"
    r"fought|caught|sought|felt|dealt|stood|"
    r"since|yesterday|has\s+been|have\s+been"
    r"|(?!(?:succe|exce|proce|ne|inde|spe|fe|se|bre|gre|ble|hundr|kindr|sh|sa|mo)ed\b)"
    r"[a-z]{2,}ed)\b)",
    re.IGNORECASE,
)
#: ``_MARKERS`` for lower-cased text, without IGNORECASE: the same matches there, 2.5 times
#: faster (it has no upper-case letter to fold).
_MARKERS_LOW = re.compile(_MARKERS.pattern)
_REPORTING = re.compile(r"said|says|say|told", re.IGNORECASE)
#: Words before an "-ed" form that make it no past tense: "will be inaugurated", "as planned",
#: "a televised debate" (an adjective after a determiner).
_NOT_A_MARKER = re.compile(
    r"\b(?:be|been|being|as|a|an|the|its|their|his|her|our|this|that)\s+$", re.IGNORECASE)
#: "is planned for", "are held on", "have scheduled": arrangements in the present, no past tense
_PRESENT_PASSIVE = re.compile(r"\b(?:is|are|has|have)\s+$", re.IGNORECASE)
_ARRANGED = frozenset({"planned", "scheduled", "expected", "held", "slated", "set",
                       "organised", "organized", "timed"})
#: A period after these ends no sentence: "at 3 p.m. Paris time", "Dr. Costa", "U.S. Army".
_ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Jan|Feb|Aug|Sept|Sep|Oct|Nov|Dec|No|vs"
    r"|Lt|Col|Capt|Sgt|Jr|Prof|Rev|Mt|Ft))\.$")
#: "had been due to expire", "had planned to": a plan seen from the past, so past
_HAD_BEFORE = re.compile(r"\bhad\b[^,.;]*$", re.IGNORECASE)
#: A sentence ends at "[.!?] " before a capital, or at a line break; written to begin with a
#: character class, which ``re`` skips to quickly.
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])[\"”’)]?\s+(?=[A-Z“\"(])|(?<=\n))")


#: words a tense marker can begin with (besides "-ed" forms and "'ll" contractions)
_MARKER_FIRST = frozenset("""
will shall won going is are was were scheduled plan plans planned intends intend expects expect
upcoming to until as set effective postponed delayed moved pushed rescheduled brought put would
opens begins starts meets arrives leaves takes resumes convenes departs kicks gets said says say
travels flies heads faces hosts visits attends returns holds begin tours lands inaugurates addresses
told had did didn wasn met went came began took made gave saw left held won lost fell rose ago
earlier last bought sold thought found became paid kept struck spent sent built wrote spoke chose
grew knew fought caught sought felt dealt stood since yesterday has have
""".split())
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


def _scan_markers(text: str, lo: int, hi: int, low: str | None = None,
                  foldless: bool | None = None) -> list[re.Match[str]]:
    """The matches of ``_MARKERS`` in ``text[lo:hi]``, trying it only where one can begin.

    Same result as ``_MARKERS.finditer`` at a fraction of the cost: the big alternation is
    slow when tried at every character. The words (``_WORD``) where one can begin are found
    by ``_CANDIDATE`` in one pass over ``low`` (``text.lower()``); Python looks only at those.
    """
    low = text.lower() if low is None else low
    if foldless is None:
        foldless = matches_as_ignorecase(text, low)
    if (lo and _ASCII_LETTER.match(text, lo - 1)) or not foldless:
        # a window opening inside a word, or a text whose lower case moves offsets or that
        # holds a character IGNORECASE takes for an ASCII letter: word by word
        return _scan_markers_by_word(text, lo, hi)
    out: list[re.Match[str]] = []
    done = lo
    for c in _CANDIDATE.finditer(low, lo, hi):
        start = c.start()
        if start < done:
            continue
        w = _WORD.match(text, start, hi)
        assert w is not None  # ``low`` has the letters of ``text`` where they are ASCII
        m = _marker_at(text, w, hi, low)
        if m is not None:
            out.append(m)
            done = m.end()
    return out


def _marker_at(text: str, w: re.Match[str], hi: int,
               low: str | None = None) -> re.Match[str] | None:
    """The ``_MARKERS`` match that word ``w`` begins, if it can begin one."""
    word = w.group().lower()
    pos = w.start()
    if "'" in word or "’" in word:
        head, _, tail = word.replace("’", "'").partition("'")
        if tail == "ll":
            pos = w.start() + len(head)
        elif head not in _MARKER_FIRST:
            return None
    elif word not in _MARKER_FIRST and (not word.endswith("ed") or word.startswith("un")):
        return None  # "unchanged", "unexpected": adjectives, no past tense
    if low is not None:
        return _MARKERS_LOW.match(low, pos, hi)  # (a match in ``low``, at the same offsets)
    return _MARKERS.match(text, pos, hi)


def _scan_markers_by_word(text: str, lo: int, hi: int) -> list[re.Match[str]]:
    """``_scan_markers`` word by word: the plain form, for the rare window it cannot take."""
    out: list[re.Match[str]] = []
    done = lo
    for w in _WORD.finditer(text, lo, hi):
        if w.start() < done:
            continue
        m = _marker_at(text, w, hi)
        if m is not None:
            out.append(m)
            done = m.end()
    return out


_ASCII_LETTER = re.compile(r"[A-Za-z]")
#: Where a word that may begin a marker starts, in lower-cased text: an "-ed" form (taken
#: whole, possessively: no backtracking), a word of ``_MARKER_FIRST``, or a word with an
#: apostrophe ("won't", "she'll"). A superset: ``_marker_at`` decides. Each match takes the
#: whole of its ``_WORD``, apostrophe part included, so matches start where words start.
_CANDIDATE = re.compile(
    r"(?<![a-z])(?:[a-z]++(?<=ed)|(?:" + _trie(sorted(_MARKER_FIRST)) + r")(?![a-z])"
    r"|[a-z]++(?=['’][a-z]))(?:['’][a-z]++)?")


#: How far (in characters) from an expression its sentence's tense markers are read
_REACH = 1000


class TenseIndex:
    """Sentence bounds and tense markers of one text, computed lazily and once."""

    def __init__(self, text: str, low: str | None = None,
                 markers: Callable[[str, int, int], list[tuple[int, int, bool]]] | None = None,
                 sentence_end: re.Pattern[str] | None = None) -> None:
        self.text = text
        #: another language's marker scan and sentence ends (None: English)
        self._scan = markers
        self._sentence_end = sentence_end or _SENTENCE_END
        if low is not None:
            prime(self, "low", low)  # the caller's ``text.lower()``: computed once, shared
        #: sentence ends read so far, in order; ``_unread`` gives the rest (None: all read)
        self._bounds: list[int] = []
        self._unread: Iterator[int] | None = self._ends()
        self._markers: dict[int, list[tuple[int, int, bool]]] = {}

    @once
    def low(self) -> str:
        """The text lower-cased, once for all its sentences."""
        return self.text.lower()

    @once
    def foldless(self) -> bool:
        """Whether ``low`` is the text letter for letter (see ``_scan_markers``), once."""
        return matches_as_ignorecase(self.text, self.low)

    def _ends(self) -> Iterator[int]:
        """Where each sentence ends, in text order."""
        text = self.text
        for m in self._sentence_end.finditer(text):
            s = m.start()
            # an abbreviation ends in "." (or ".\n"): a "!", "?" or bare line break is none
            if text[s] == ".":
                dot = s
            elif text[s - 1:s + 1] == ".\n":
                dot = s - 1
            else:
                yield m.end()
                continue
            # (and it is a word of at most four letters: five letters before the dot rule one
            # out, as they do in most sentences, without the search)
            if (dot >= 5 and text[dot - 5:dot].isalpha()) or not _ABBREVIATION.search(
                    text, max(0, s - 6), s + 1):
                yield m.end()

    def sentence(self, start: int) -> tuple[int, int]:
        """Bounds of the sentence holding offset ``start``.

        The ends are read from the text only as far as the first one past ``start``: a
        sentence early in a long text costs the scan of what comes before it, not all of it.
        """
        bounds = self._bounds
        if self._unread is not None and (not bounds or bounds[-1] <= start):
            for end in self._unread:
                bounds.append(end)
                if end > start:
                    break
            else:
                self._unread = None
        i = bisect_right(bounds, start)
        lo = bounds[i - 1] if i else 0
        hi = bounds[i] if i < len(bounds) else len(self.text)
        return lo, hi

    def tense(self, start: int, end: int, near: int | None = None) -> Tense:
        """The tense of the clause around ``text[start:end]``, or None when nothing says.

        ``near`` ignores markers farther than that many characters from the expression.
        """
        lo, hi = self.sentence(start)
        markers = self._markers.get(lo)
        if markers is None and self._scan is not None:
            markers = self._markers[lo] = self._scan(self.text, lo, hi)
        if markers is None:
            markers = []
            for m in _scan_markers(self.text, lo, hi, self.low, self.foldless):
                if m.lastgroup == "f":
                    markers.append((m.start(), m.end(), not _HAD_BEFORE.search(
                        self.text, max(lo, m.start() - 20), m.start())))
                elif m.group().lower() in _ARRANGED and _PRESENT_PASSIVE.search(
                        self.text, max(lo, m.start() - 5), m.start()):
                    # "a rally is planned ... on Wednesday": an arrangement, so the future
                    markers.append((m.start(), m.end(), True))
                elif not _NOT_A_MARKER.search(self.text, max(lo, m.start() - 12), m.start()):
                    markers.append((m.start(), m.end(), False))
            self._markers[lo] = markers
        best: tuple[float, bool] | None = None
        # Only markers within reach are read (a long sentence of many dates read them all
        # for each date: quadratic); one farther off decides only when none is nearer, so
        # the nearest on each side beyond the reach are read too.
        first = bisect_left(markers, (start - _REACH,))
        last = bisect_left(markers, (end + _REACH,))
        window = markers[max(0, first - 1):last + 1]
        for ms, me, fut in window:
            if start <= ms < end:
                continue  # a marker inside the expression itself ("last", "next")
            dist = (start - me) if me <= start else 2.0 * (ms - end) + 5
            if not fut and self._scan is None and _REPORTING.fullmatch(self.text, ms, me):
                # "said" governs the whole sentence, not the clause the date is in
                dist = dist * 3 + 30
            if ms >= end and "," in self.text[end:ms]:
                dist += 40  # a marker after a comma belongs to another clause
            if (best is None or dist < best[0]) and (near is None or dist <= near):
                best = (dist, fut)
        if best is None:
            return None
        return "future" if best[1] else "past"
