"""Regular expressions behind a cheap test: searched only where a match is possible.

The big case-insensitive alternations of the extractor cost ``re`` about 50 ns a character
wherever they are searched, match or not, and most clauses hold none of them. Every match of
such a pattern contains one of a few plain words ("place", "held", "ahead" for "will take
place"...); ``str.__contains__`` looks for those at about 1 ns a character, so the pattern
runs only in the texts that hold one. Same results, a fraction of the cost. Where a caller
wants only where the match is (or its groups lower-cased), ``search_lower`` also drops
IGNORECASE and searches the lower-cased text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

#: Characters IGNORECASE matches to ASCII letters (K, s, i) though ``lower()`` keeps them
#: apart (and "İ", whose lower case is two characters long).
FOLDS_TO_ASCII = ("\u212a", "\u017f", "\u0131", "\u0130")
#: ``str.translate`` table: each of ``FOLDS_TO_ASCII`` as the ASCII letter IGNORECASE takes
#: it for
AS_ASCII = str.maketrans(dict(zip(FOLDS_TO_ASCII, "KsiI", strict=True)))


def folds_to_ascii(text: str) -> bool:
    """Whether ``text`` holds one of ``FOLDS_TO_ASCII``.

    Four substring tests (memchr-fast), written out: a generator would cost more than the
    tests on a clause, and a character class makes ``re`` test the set at every character.
    """
    return "\u212a" in text or "\u017f" in text or "\u0131" in text or "\u0130" in text


def matches_as_ignorecase(text: str, low: str) -> bool:
    """Whether a pattern with no capitals, run on ``low`` (``text.lower()``), finds what it
    finds with IGNORECASE on ``text``, at the same offsets: same length, and none of the
    characters IGNORECASE takes for an ASCII letter that ``lower()`` keeps apart."""
    return len(low) == len(text) and not folds_to_ascii(text)


def holds_any(low: str, words: tuple[str, ...]) -> bool:
    """Whether ``low`` holds one of ``words`` (a plain loop: cheaper than ``any()`` over a
    generator for the handful of words a gate needs)."""
    for word in words:  # noqa: SIM110
        if word in low:
            return True
    return False


def found_near(pattern: re.Pattern[str], text: str, low: str, words: tuple[str, ...],
               before: int, after: int, needs: tuple[str, ...] = ()) -> bool:
    """Whether ``pattern`` matches ``text`` around an occurrence of one of ``words``.

    For a pattern every match of which holds one of ``words`` (lower-cased) at the start of
    a word, and reaches at most ``before`` characters before it and ``after`` past its end:
    it is searched in those few windows only, not tried at every character of a long
    sentence. ``low`` is ``text.lower()``; where it is not ``text`` letter for letter, the
    whole text is searched. ``needs``, if given, are rarer words every match holds (lower
    case) beside ``words``: where ``low`` holds none of them, no window is searched (a
    common word such as "and" located a dozen windows in a long sentence).
    """
    if not matches_as_ignorecase(text, low):
        return pattern.search(text) is not None
    if needs and not holds_any(low, needs):
        return False
    # (``low`` read with the pattern without IGNORECASE where it has one: the same matches,
    # at 2.5 times the speed)
    lowered = _LOWERED.get(pattern)
    if lowered is None:
        lowered = _LOWERED[pattern] = without_ignorecase(pattern) or pattern
    searched = text if lowered is pattern else low
    for word in words:
        i = low.find(word)
        while i >= 0:
            if not (i and low[i - 1].isalnum()) and lowered.search(
                    searched, max(0, i - before), i + len(word) + after) is not None:
                return True
            i = low.find(word, i + 1)
    return False


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int],
               endpos: int | None = None) -> list[re.Match[str]]:
    """``pattern.finditer(text, min(starts), endpos)``'s matches, for a pattern every match of
    which starts at one of ``starts`` (the caller states that and a property test holds it).

    The pattern is tried at those places only, each past the end of the match before (as
    ``finditer`` goes on), in order: where a pattern holds no literal for ``re`` to skip to,
    it is otherwise tried at every character.
    """
    stop = len(text) if endpos is None else endpos
    found: list[re.Match[str]] = []
    end = 0
    for i in sorted(starts):
        if i < end:
            continue  # (inside the match before)
        m = pattern.match(text, i, stop)
        if m is not None:
            found.append(m)
            end = m.end()
    return found


def without_ignorecase(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """``pattern`` for lower-cased text: IGNORECASE folds every letter it compares, which
    makes ``re`` 2.5 times slower; a source with no upper-case letter (no ``\\S``, no
    ``[A-Z]``) means the same without it on text already lower-cased. None where it has no
    IGNORECASE to drop, or upper-case letters."""
    if pattern.flags & re.IGNORECASE and not any("A" <= c <= "Z" for c in pattern.pattern):
        return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
    return None


#: ``without_ignorecase`` of each pattern ``found_near`` was given (or the pattern itself)
_LOWERED: dict[re.Pattern[str], re.Pattern[str]] = {}


@dataclass(frozen=True)
class Gated:
    """``pattern`` searched only in texts that hold one of ``needs``.

    ``needs`` are lower-case words that every match of ``pattern`` contains (lower-cased),
    or else ``also`` finds in it: the caller states that invariant and
    ``tests/unit/test_gate.py`` checks it.
    """

    pattern: re.Pattern[str]
    needs: tuple[str, ...]
    #: For matches that hold none of ``needs``: a pattern each of them holds (lower-cased),
    #: which ``re`` finds quickly (it begins with a literal).
    also: re.Pattern[str] | None = None
    lowered: re.Pattern[str] | None = field(default=None, init=False, compare=False)

    def __post_init__(self) -> None:
        # The pattern for lower-cased text (``without_ignorecase``)
        object.__setattr__(self, "lowered", without_ignorecase(self.pattern))

    def possible(self, low: str) -> bool:
        """Whether ``low`` (a lower-cased text) can hold a match."""
        return holds_any(low, self.needs) or (
            self.also is not None and self.also.search(low) is not None)

    def search(self, text: str, low: str | None = None, pos: int = 0,
               endpos: int | None = None) -> re.Match[str] | None:
        """``pattern.search(text, pos, endpos)``; ``low`` is ``text.lower()`` if the caller has it.

        The test looks at the whole of ``low``: a word missing there is missing between
        ``pos`` and ``endpos`` too.
        """
        if not self.possible(text.lower() if low is None else low):
            return None
        return self.pattern.search(text, pos, len(text) if endpos is None else endpos)

    def search_lower(self, text: str, low: str | None = None, pos: int = 0,
                     endpos: int | None = None) -> re.Match[str] | None:
        """Like ``search``, but the match may be one in ``low`` (same offsets, lower case).

        For callers that want where a match is, or its groups lower-cased. ``low`` is used
        only where it is ``text`` letter for letter but for case: same length, and none of the
        characters IGNORECASE takes for an ASCII letter that ``lower()`` keeps apart.
        """
        if low is None:
            low = text.lower()
        end = len(text) if endpos is None else endpos
        # (``matches_as_ignorecase`` written out: a call of its own for every clause cost
        # more than its tests)
        if self.lowered is not None and len(low) == len(text) and not folds_to_ascii(text):
            if not self._possible_between(low, pos, end):
                return None
            return self.lowered.search(low, pos, end)
        if not self.possible(low):
            return None
        return self.pattern.search(text, pos, end)

    def finditer_lower(self, text: str, low: str, pos: int,
                       endpos: int) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text, pos, endpos)``, but the matches may be ones in ``low`` (same
        offsets, lower case), as with ``search_lower``."""
        if self.lowered is not None and matches_as_ignorecase(text, low):
            if not self._possible_between(low, pos, endpos):
                return iter(())
            return self.lowered.finditer(low, pos, endpos)
        if not self.possible(low):
            return iter(())
        return self.pattern.finditer(text, pos, endpos)

    def _possible_between(self, low: str, pos: int, end: int) -> bool:
        """``possible``, for matches between ``pos`` and ``end`` of ``low`` where ``low`` is the
        text letter for letter: a needed word is looked for there only (a date's few words
        before it, not its whole sentence)."""
        if pos == 0 and end >= len(low):
            return self.possible(low)  # (the whole text: ``in`` reads it faster than ``find``)
        for word in self.needs:
            if low.find(word, pos, end) >= 0:
                return True
        return self.also is not None and self.also.search(low) is not None

    def finditer(self, text: str, low: str | None = None) -> Iterator[re.Match[str]]:
        """``pattern.finditer(text)``, skipped where nothing can match."""
        if not self.possible(text.lower() if low is None else low):
            return iter(())
        return self.pattern.finditer(text)
