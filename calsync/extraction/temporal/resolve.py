"""Calendar arithmetic for the tagger: weekdays, months, weeks, quarters and TimeML values.

Pure functions on ``datetime.date``; no clock, no text.
"""

from __future__ import annotations

import calendar
from datetime import MAXYEAR, MINYEAR, date, timedelta

#: The days an expression may resolve to: the calendar ``date`` can hold, less a year at each
#: end, so that what later steps do with a day (the next day, a week or a month on, the same
#: instant in another zone) cannot leave the calendar. "3000 years earlier" or "in 900000
#: days" lands outside it and is left unresolved.
FIRST_DAY = date(MINYEAR + 1, 1, 1)
LAST_DAY = date(MAXYEAR - 1, 12, 31)


def next_weekday(after: date, weekday: int) -> date:
    """The first ``weekday`` strictly after ``after``."""
    delta = (weekday - after.weekday()) % 7
    return after + timedelta(days=delta or 7)


def last_weekday(before: date, weekday: int, *, same_day: bool = False) -> date:
    """The last ``weekday`` strictly before ``before`` (or on it, if ``same_day``)."""
    delta = (before.weekday() - weekday) % 7
    if delta == 0 and not same_day:
        delta = 7
    return before - timedelta(days=delta)


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clamped to the target month's length."""
    idx = d.year * 12 + d.month - 1 + months
    year, month = divmod(idx, 12)
    day = min(d.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day)


def add_years(d: date, years: int) -> date:
    return add_months(d, 12 * years)


def month_days(year: int, month: int) -> int:
    """Days in ``month`` of ``year`` (``calendar.monthrange``'s count, without its weekday)."""
    if month == 2:
        return 29 if calendar.isleap(year) else 28
    if 1 <= month <= 12:
        return _MONTH_DAYS[month]
    return calendar.monthrange(year, month)[1]  # (raises, as it always did)


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def week_value(d: date) -> str:
    """The ISO week of ``d`` as TimeML writes it: ``2021-W45``."""
    iso = d.isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}"


def weekend_of(d: date) -> tuple[date, date]:
    """Saturday and Sunday of the ISO week that holds ``d``."""
    sat = d + timedelta(days=5 - d.weekday())
    return sat, sat + timedelta(days=1)


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    first = date(year, 3 * quarter - 2, 1)
    last_month = 3 * quarter
    return first, date(year, last_month, month_days(year, last_month))


def shift_quarter(year: int, quarter: int, by: int) -> tuple[int, int]:
    idx = year * 4 + quarter - 1 + by
    return idx // 4, idx % 4 + 1


def day_value(d: date) -> str:
    return d.isoformat()


def safe_date(year: int, month: int, day: int) -> date | None:
    """A date, or None when the day does not exist in that month (or the year in ``date``).

    Years come from the text ("0000-01-01") or from arithmetic on it, so any is possible.
    """
    if not MINYEAR <= year <= MAXYEAR or not 1 <= month <= 12 \
            or not 1 <= day <= month_days(year, month):
        return None
    return date(year, month, day)


def nearest_year_for(month: int, day: int | None, ref: date, tense: str | None) -> int:
    """The year of a month (and day) written without one.

    Future clauses take the next occurrence, past clauses the last one; without tense the
    reference year is kept, except that a date more than about eight months away is taken in
    the neighbouring year (news in December speaking of "January 5" means the coming one).
    """
    d = day or (1 if tense != "past" else month_days(ref.year, month))
    candidate = safe_date(ref.year, month, min(d, month_days(ref.year, month))) or ref
    if tense == "future" and candidate < ref and (day is not None or month < ref.month):
        return ref.year + 1
    if tense == "past" and candidate > ref and (day is not None or month > ref.month):
        return ref.year - 1
    if tense is None:
        diff = (candidate - ref).days
        if diff > 245:
            return ref.year - 1
        if diff < -245:
            return ref.year + 1
    return ref.year
