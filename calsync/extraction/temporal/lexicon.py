"""Words of time: months, weekdays, numbers, units, parts of day, seasons and zone names.

Plain tables only; the regular expressions built from them live in ``patterns``.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
FULL_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "tues": 1, "wed": 2, "thurs": 3, "thu": 3, "fri": 4,
}
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

UNITS_19 = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
)
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
#: Vague quantities: TimeML writes them as "X" ("PXY" for "years", "several years").
VAGUE_NUMBERS = frozenset({
    "a few", "few", "several", "many", "some", "a number of", "numerous", "dozens of",
    "hundreds of", "the next few", "the past few", "the last few",
})

#: Unit word -> (TimeML duration letter, is a time unit written after "T").
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "weekend": ("WE", False),
    "fortnight": ("W", False), "month": ("M", False), "quarter": ("Q", False),
    "year": ("Y", False), "decade": ("DE", False), "century": ("CE", False),
}

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI",
}

SEASONS: dict[str, tuple[str, int, int]] = {
    # code, first month, last month (winter spans the year end: Dec..Feb)
    "spring": ("SP", 3, 5), "summer": ("SU", 6, 8), "fall": ("FA", 9, 11),
    "autumn": ("FA", 9, 11), "winter": ("WI", 12, 2),
}

#: Stated zones. GMT/UTC are fixed offsets (a writer saying "GMT" means the offset, not
#: London's summer time); "London time" and BST mean Europe/London.
ZONES: dict[str, str] = {
    "et": "America/New_York", "est": "America/New_York", "edt": "America/New_York",
    "eastern": "America/New_York", "eastern time": "America/New_York",
    "eastern standard time": "America/New_York", "eastern daylight time": "America/New_York",
    "ct": "America/Chicago", "cst": "America/Chicago", "cdt": "America/Chicago",
    "central time": "America/Chicago", "mt": "America/Denver", "mst": "America/Denver",
    "mdt": "America/Denver", "mountain time": "America/Denver",
    "pt": "America/Los_Angeles", "pst": "America/Los_Angeles", "pdt": "America/Los_Angeles",
    "pacific time": "America/Los_Angeles", "pacific": "America/Los_Angeles",
    "gmt": "Etc/GMT", "utc": "Etc/UTC", "bst": "Europe/London", "wet": "Europe/Lisbon",
    "cet": "Europe/Paris", "cest": "Europe/Paris", "eet": "Europe/Athens",
    "eest": "Europe/Athens", "msk": "Europe/Moscow", "jst": "Asia/Tokyo",
    "kst": "Asia/Seoul", "hkt": "Asia/Hong_Kong", "sgt": "Asia/Singapore",
    "aest": "Australia/Sydney", "aedt": "Australia/Sydney",
    "paris": "Europe/Paris", "london": "Europe/London", "berlin": "Europe/Berlin",
    "brussels": "Europe/Brussels", "rome": "Europe/Rome", "madrid": "Europe/Madrid",
    "new york": "America/New_York", "washington": "America/New_York",
    "moscow": "Europe/Moscow", "tokyo": "Asia/Tokyo", "beijing": "Asia/Shanghai",
    "hong kong": "Asia/Hong_Kong", "sydney": "Australia/Sydney", "geneva": "Europe/Zurich",
}


def number_value(word: str) -> float | None:
    """The value of a number written in digits or words; None for vague ones ("several")."""
    w = " ".join(word.lower().replace("-", " ").split())
    if w in VAGUE_NUMBERS:
        return None
    if w.endswith(" 1/2") and w[:-4].isdigit():
        return int(w[:-4]) + 0.5
    try:
        return float(w.replace(",", ""))
    except ValueError:
        pass
    simple = {
        "a": 1, "an": 1, "one": 1, "a couple of": 2, "couple of": 2, "a dozen": 12,
        "dozen": 12, "half a": 0.5, "half an": 0.5, "a half": 0.5, "a hundred": 100,
        "one hundred": 100, "hundred": 100, "a thousand": 1000,
    }
    if w in simple:
        return float(simple[w])
    total = 0
    for part in w.split():
        if part in UNITS_19:
            total += UNITS_19.index(part)
        elif part in TENS:
            total += TENS[part]
        else:
            return None
    return float(total)


def ordinal_value(word: str) -> int | None:
    w = word.lower().strip()
    if w[:-2].isdigit() and w[-2:] in ("st", "nd", "rd", "th"):
        return int(w[:-2])
    if w.isdigit():
        return int(w)
    if w in ORDINAL_WORDS:
        return ORDINAL_WORDS[w]
    parts = w.replace("-", " ").split()
    if len(parts) == 2 and parts[0] in TENS and parts[1] in ORDINAL_WORDS:
        return TENS[parts[0]] + ORDINAL_WORDS[parts[1]]
    return None


def spoken_year(words: str) -> int | None:
    """ "nineteen ninety-six" -> 1996, "two thousand" -> 2000."""
    w = " ".join(words.lower().replace("-", " ").split())
    if w.startswith("two thousand"):
        rest = w.removeprefix("two thousand").removeprefix(" and").strip()
        n = number_value(rest) if rest else 0.0
        return None if n is None else 2000 + int(n)
    if w.startswith("nineteen "):
        rest = w.removeprefix("nineteen ")
        if rest == "hundred":
            return 1900
        n = number_value(rest)
        return None if n is None else 1900 + int(n)
    return None
