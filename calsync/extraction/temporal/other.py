"""Dates in languages calsync has no rules for (German, Spanish, Italian...), by dateparser.

The lower ambition: ``dateparser.search.search_dates`` finds the expressions and resolves
them against the publication date; each becomes a ``Timex`` with its day (and its time of day
when the words give one), but with no TimeML type beyond DATE/TIME, no ranges, no anaphora
("am Tag darauf") and no tense: a weekday is read as the next one. dateparser is imported
here only, when an article is in such a language.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from calsync.model import Timex

#: The words of a time of day in an expression ("15 Uhr", "15:30", "a las 15.00"): without
#: one, a date is all-day whatever hour dateparser fills in
_CLOCK = re.compile(r"\d{1,2}\s*(?:[:.h]\s*\d{2}|uhr|h\b)", re.IGNORECASE)
#: Short words at an expression's edges that dateparser takes with it ("am", "in", "el")
_EDGE_WORDS = re.compile(r"^(?:[^\W\d]{1,3}\s+)+|(?:\s+[^\W\d]{1,3})+$")
#: Expressions too vague for a calendar: a bare number or year dateparser takes for a date
_BARE = re.compile(r"\d{1,4}")


def tag_other(text: str, published: datetime, language: str) -> list[Timex]:
    """The dates dateparser finds in ``text`` (language ``language``), in text order."""
    from dateparser.search import search_dates

    base = published.replace(tzinfo=None)
    try:
        found = search_dates(text, languages=[language], settings={
            "RELATIVE_BASE": base, "PREFER_DATES_FROM": "future",
            "RETURN_AS_TIMEZONE_AWARE": False}) or []
    except Exception:  # a library's surprise on odd text dates nothing
        return []
    out: list[Timex] = []
    pos = 0
    for found_words, when in found:
        start = text.find(found_words, pos)
        words = _EDGE_WORDS.sub("", found_words)  # "am 12. März 2026 in" -> "12. März 2026"
        if start < 0 or not words or _BARE.fullmatch(words) or (
                not any(c.isdigit() for c in words) and len(words) < 5):
            continue  # ("Die" read as Dienstag; a bare number)
        start += found_words.index(words)
        end = start + len(words)
        pos = end
        day: date = when.date()
        clock = f"{when:%H:%M}" if _CLOCK.search(words) and when.time() != time(0) else None
        value = day.isoformat() + (f"T{clock}" if clock else "")
        out.append(Timex(start=start, end=end, text=words, type="TIME" if clock else "DATE",
                         value=value, first_day=day, last_day=day, clock=clock,
                         resolution=f"{words} = {value} (dateparser, {language}, from "
                                    f"publication date {base.date().isoformat()})",
                         anchor="publication", confidence=0.6))
    return out
