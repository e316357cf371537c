"""What names a happening in a title: its comparable words and its identifying codes.

"Working Group 12" and "Working Group 28" share their words but not their code, so they are
two happenings; "Group B" in two articles is one. Shared by the extraction engine (one
happening told twice in an article) and the merge across articles, so both agree. Pure.
"""

from __future__ import annotations

import functools
import re
import unicodedata

STOPWORDS = frozenset({
    "a", "an", "the", "of", "for", "to", "in", "on", "at", "and", "or", "by", "with", "from",
    "its", "his", "her", "their", "our", "new", "le", "la", "les", "l", "de", "des", "du", "d",
    "et", "en", "au", "aux", "un", "une", "pour", "sur",
})

#: Words that date a title ("Festival on June 20") rather than name the happening.
DATE_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "today", "tomorrow", "tonight", "week", "weekend", "next", "this",
    "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
    "octobre", "novembre", "decembre", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
    "samedi", "dimanche",
})

#: A noun, then what numbers or letters it ("Group B", "Stage 4", "Case 21-476", "Flight
#: No. 101", "Working Group XII"): the code is read only right after a word of letters.
_CODE = re.compile(
    r"\b([A-Za-z][a-z]+)\s+(?:[Nn]o\.?\s*|#\s*)?"
    r"(\d+(?:[-/.]\d+)*[A-Za-z]?|[A-Z]{1,3}-?\d+[A-Za-z]?|[IVX]{2,6}|[A-Z])(?![\w:])"
)


def _unaccented(title: str) -> str:
    """``title`` without its accents ("Élysée" -> "Elysee"): both spellings name one thing."""
    text = unicodedata.normalize("NFKD", title)
    return "".join(c for c in text if not unicodedata.combining(c))


def _singular(word: str) -> str:
    """A crude singular ("talks" -> "talk", not "press" or "bus"): plurals name the same."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


@functools.lru_cache(maxsize=4096)
def words(title: str) -> frozenset[str]:
    """The comparable words of a title."""
    out: set[str] = set()
    for word in re.findall(r"[a-z0-9]+", _unaccented(title).lower()):
        if word in STOPWORDS or word in DATE_WORDS or re.fullmatch(r"\d+(st|nd|rd|th)?", word):
            continue
        out.add(_singular(word))
    return frozenset(out)


@functools.lru_cache(maxsize=4096)
def identifiers(title: str) -> frozenset[tuple[str, str]]:
    """The (noun, code) pairs that name one thing among its like: "Group B" -> ("group",
    "B"). A number after a date word ("March 3", "Friday 20") dates the title instead, and
    one followed by a month ("Festival 20 June") too."""
    text = _unaccented(title)
    out: set[tuple[str, str]] = set()
    for match in _CODE.finditer(text):
        noun = match.group(1).lower()
        if noun in STOPWORDS or noun in DATE_WORDS:
            continue
        following = re.match(r"\W*([A-Za-z]+)", text[match.end():])
        if following and following.group(1).lower() in DATE_WORDS:
            continue
        out.add((_singular(noun), match.group(2).upper()))
    return frozenset(out)


def codes_disagree(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]]) -> bool:
    """True when both name a shared noun with different codes ("Stage 3" and "Stage 4")."""
    for noun in {n for n, _ in a} & {n for n, _ in b}:
        if {c for n, c in a if n == noun} != {c for n, c in b if n == noun}:
            return True
    return False
