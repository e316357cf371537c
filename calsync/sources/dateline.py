"""The publication date an article states on a line of its own at its top.

Plain-text articles saved from a site or a wire often start with their date: a line that is
only "Wednesday, November 28, 2007", or a paragraph opening "March 3, 2022 — The council...".
That date is the article's, whatever day the article is read on, so a folder exported every
day keeps its dates. Only a full date with its year counts, only on the first few lines, and
only when it begins the line (after an optional "Published"/"Posted"/"Date:"): a date in the
body is what the article is about, not when it was written. "Updated ..." lines are not taken.

Pure: no clock, no I/O.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = (r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?")
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_LEAD = r"^[ \t]*(?:(?:published|posted|date)(?:[ \t]+on)?[ \t]*:?[ \t]+)?" + _WEEKDAY
#: After the date: the end of the line, a dash or bar before the text, or a time of day.
_TAIL = r"(?=[ \t]*(?:$|[—–|:(]|-|\d{1,2}[:.]\d\d|at\b))"
_PATTERNS = (
    re.compile(_LEAD + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + _TAIL, re.I | re.M),
    re.compile(_LEAD + _DAY + r"\s+" + _MONTH + r",?\s+" + _YEAR + _TAIL, re.I | re.M),
    re.compile(_LEAD + r"(?P<iso>" + _YEAR + r"-[01]\d-[0-3]\d)" + _TAIL, re.I | re.M),
)
#: How many non-empty lines at the top may hold the date (a title may come first).
TOP_LINES = 3


def dateline(text: str) -> date | None:
    """The date stated at the top of ``text``, or None."""
    lines = [line for line in text.lstrip("\ufeff").splitlines() if line.strip()][:TOP_LINES]
    for line in lines:
        for pattern in _PATTERNS:
            match = pattern.match(line)
            if match is None:
                continue
            try:
                if match.groupdict().get("iso"):
                    return date.fromisoformat(match.group("iso"))
                return date(int(match.group("year")), _MONTHS[match.group("month").lower()],
                            int(match.group("day")))
            except ValueError:  # "February 30": not a date, so not a dateline
                continue
    return None


def dateline_published(text: str, zone: ZoneInfo) -> datetime | None:
    """The dateline as a publication instant: noon in ``zone``, so no conversion moves its day."""
    day = dateline(text)
    return None if day is None else datetime.combine(day, time(12, 0), tzinfo=zone)
