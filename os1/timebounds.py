"""Bounded date arithmetic for every resolver of human time phrases.

People say "the pyramids were built 4,500 years ago", "not in 10,000 years", "in 99999999999 days".
Python's dates stop at years 1 and 9999, timedelta at 999,999,999 days, and int() refuses numbers of
more than 4,300 digits, so plain arithmetic raises on ordinary sentences. Everything here returns None
instead of raising, and callers read None as "a very long time" (`FAR`).
What this module holds: reading a count ("4,500", "ten"), shifting a date by days, months or years
inside years 1-9999, a safe `date()`. What it leaves out: finding phrases in text (os1.mind.understanding
.dates, os1.memory.timeparse, os1.life.when).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

MIN_YEAR = 1
MAX_YEAR = 9999
FAR = "a very long time"
# What a resolver hands on stays a year inside the calendar's ends, so code that adds a follow-up
# delay or a reminder's repeat to it (threads, the scheduler) cannot overflow either.
SAFE_FIRST = date(MIN_YEAR + 1, 1, 1)
SAFE_LAST = date(MAX_YEAR - 1, 12, 31)
# No phrase may move a date by more than this many days (~10,000 years); a bigger count is FAR.
MAX_OFFSET_DAYS = 3_660_000
# More digits than this is FAR without converting (int() of a 100,000-digit string raises or is slow).
_MAX_DIGITS = 12
_THOUSANDS = re.compile(r"^\d{1,3}(?:[,\u202f\u00a0 _]\d{3})+$")


def read_count(text: str, words: dict[str, int] | None = None) -> int | None:
    """A count as people write it: "12", "4,500", "10 000", or a word from `words`; None when it is too
    big to mean a date (more than 12 digits) or is not a count at all."""
    raw = text.strip().lower()
    if words and raw in words:
        return words[raw]
    if _THOUSANDS.match(raw):
        raw = re.sub(r"\D", "", raw)
    if not raw.isascii() or not raw.isdigit():
        return None
    raw = raw.lstrip("0") or "0"
    if len(raw) > _MAX_DIGITS:
        return None
    return int(raw)


def in_range(day: date | datetime) -> bool:
    """True when `day` lies between SAFE_FIRST and SAFE_LAST (what resolvers may return)."""
    value = day.date() if isinstance(day, datetime) else day
    return SAFE_FIRST <= value <= SAFE_LAST


def safe_date(year: int, month: int, day: int) -> date | None:
    """`date(year, month, day)`, or None when it does not exist (year 0, 31 June, year 10000)."""
    try:
        return date(year, month, day)
    except (ValueError, OverflowError):
        return None


def add_days(day: date, days: int) -> date | None:
    """`day` moved by `days`, or None when that leaves years 1-9999 or moves more than the cap."""
    if abs(days) > MAX_OFFSET_DAYS:
        return None
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def add_moment(moment: datetime, delta: timedelta | None = None, *, weeks: int = 0, days: int = 0,
               hours: int = 0, minutes: int = 0) -> datetime | None:
    """`moment + delta` (or + the given units), or None when it leaves years 1-9999 or the cap."""
    try:
        step = delta if delta is not None else timedelta(weeks=weeks, days=days, hours=hours, minutes=minutes)
    except OverflowError:
        return None
    if abs(step.days) > MAX_OFFSET_DAYS:
        return None
    try:
        return moment + step
    except OverflowError:
        return None


def add_months(day: date, months: int, *, keep_day: bool = True) -> date | None:
    """`day` moved by whole months (the day clipped to 28 so it always exists; with `keep_day=False`,
    the 1st), or None outside years 1-9999."""
    if abs(months) > MAX_OFFSET_DAYS // 28:
        return None
    years, month0 = divmod(day.month - 1 + months, 12)
    return safe_date(day.year + years, month0 + 1, min(day.day, 28) if keep_day else 1)


def add_years(day: date, years: int, *, keep_day: bool = True) -> date | None:
    """`day` moved by whole years (the day clipped to 28, as for months; with `keep_day=False`, the 1st),
    or None outside years 1-9999."""
    if abs(years) > MAX_YEAR:
        return None
    return safe_date(day.year + years, day.month, min(day.day, 28) if keep_day else 1)
