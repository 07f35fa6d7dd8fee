"""Dates and times in a message, resolved to absolute ISO values against the message's own time.

What it holds: `find_dates(text, now)` -> list of `DateMention` (the words, an ISO date or date-time,
and a granularity). Our own small resolver handles the forms people use in chat: today / tonight /
tomorrow / yesterday, weekdays ("on Friday", "next Friday", "last Monday"), "this weekend",
"next/last week|month|year", "in 3 days", "in two weeks", "at 6", "6pm", "18:30", and combinations
("tomorrow at 6"). Anything else that looks like a calendar date ("8 May", "May 8th", "2026-12-01",
"December 3") goes to `dateparser`, relative to `now`, preferring the future.

Conventions (chosen, documented here because they are judgement calls):
- a bare weekday ("on Friday") is the next one after today; today's own weekday means a week ahead
  unless the verb is past ("I saw her on Friday" -> the last one);
- "next Friday" is the Friday of next week; "this Friday" the one in the current week (or today);
- "next week" is the Monday starting next week (granularity "week"); "next month" its 1st ("month");
- an hour from 1 to 7 with no am/pm ("at 6") is read as the evening, as people mean in chat.

Bounds: every result lies in years 2-9998 (a year inside Python's calendar, so a caller's arithmetic
on it cannot overflow either) and no phrase moves a date by more than ~10,000 years
(os1.timebounds). A mention beyond that ("4,500 years ago", "in 99999999999 days") is kept with
granularity "far", an empty value and the note "a very long time", never an error.

What it leaves out: durations ("for two weeks"), recurring events ("every Monday"), time zones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from os1.timebounds import FAR, add_days, add_months, add_years, in_range, read_count, safe_date

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "couple of": 2, "few": 3}  # fmt: skip
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december"
           "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")  # fmt: skip
_PAST_HINT = re.compile(
    r"\b(was|were|did|had|went|saw|met|came|(?<!'ve )(?<!have )(?<!has )(?<!'s )got(?! to\b)|last|ago|yesterday)\b|"
    r"\b(?!(?:need|bed|red|feed|seed|speed|weed|indeed|shed|wed|led|fed up|excited|scared|tired|worried|"
    r"booked|scheduled|planned|supposed|interested|related|promised|agreed|invited|arranged)\b)\w+ed\b",
    re.I,
)


@dataclass
class DateMention:
    """One resolved mention: `value` is YYYY-MM-DD or YYYY-MM-DDTHH:MM; `granularity` day|week|month|
    year|time."""

    text: str
    value: str
    granularity: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "value": self.value, "granularity": self.granularity}
        if self.granularity == "far":
            out["note"] = FAR
        return out


_NUM = r"(\d{1,3}(?:,\d{3})+(?!\d)|\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|a couple of|a few)"
_WD = "|".join(WEEKDAYS)
_TIME = r"(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?"
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "rel_day",
        re.compile(
            r"\b(the day after tomorrow|the day before yesterday|today|tonight|"
            r"this (?:morning|afternoon|evening)|tomorrow|yesterday)\b",
            re.I,
        ),
    ),
    ("weekday", re.compile(rf"\b(?:(next|this|last|coming)\s+)?({_WD})s?\b", re.I)),
    ("weekend", re.compile(r"\b(this|next|last)\s+weekend\b|\bthe weekend\b", re.I)),
    ("rel_unit", re.compile(r"\b(next|last|this)\s+(week|month|year)\b", re.I)),
    ("in_n", re.compile(rf"\bin\s+{_NUM}\s+(day|week|month|year)s?\b", re.I)),
    ("ago_n", re.compile(rf"\b{_NUM}\s+(day|week|month|year)s?\s+ago\b", re.I)),
    (
        "calendar",
        re.compile(
            rf"\b(\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b"
            rf"(?:,?\s+\d{{4}})?|(?:{_MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?)",
            re.I,
        ),
    ),
]
# A clock time counts only with "at", am/pm or minutes, so "I have 2 cats" is not 2 pm.
_CLOCK = re.compile(
    r"\b(?:at\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?"
    r"|(\d{1,2}):(\d{2})\s*(am|pm)?|(\d{1,2})\s*(am|pm|a\.m\.|p\.m\.))(?!\w)",
    re.I,
)
_NOON = re.compile(r"\b(noon|midday|midnight)\b", re.I)


def _count(word: str) -> int | None:
    """The count of "in N days"; None when it is too big to be a date ("99999999999")."""
    word = word.lower().removeprefix("a ") if word.lower() in ("a couple of", "a few") else word.lower()
    return read_count(word, _NUMBER_WORDS)


# What _resolve returns for a phrase beyond years 1-9999: found, but "a very long time".
_FAR: tuple[None, str] = (None, "far")


def _resolve(kind: str, m: re.Match[str], today: date, past: bool) -> tuple[date | None, str] | None:
    """The date a phrase names, `_FAR` when it lies beyond the bounds, None when it names none."""
    try:
        found = _resolve_unbounded(kind, m, today, past)
    except (OverflowError, ValueError):  # an edge of the calendar ("next week" on 9999-12-30)
        return _FAR
    if found is not None and (found[0] is None or not in_range(found[0])):
        return _FAR
    return found


def _resolve_unbounded(kind: str, m: re.Match[str], today: date, past: bool) -> tuple[date | None, str] | None:
    g = [x.lower() if x else x for x in m.groups()]
    if kind == "rel_day":
        word = g[0]
        offsets = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1,
                   "the day after tomorrow": 2, "the day before yesterday": -2}  # fmt: skip
        return add_days(today, offsets.get(word, 0)), "day"
    if kind == "weekday":
        mod, wd = g[0], WEEKDAYS.index(g[1])
        ahead = (wd - today.weekday()) % 7
        if mod == "last" or (mod is None and past):
            back = (today.weekday() - wd) % 7 or 7
            return today - timedelta(days=back), "day"
        if mod == "this":
            return today + timedelta(days=wd - today.weekday()), "day"
        if mod == "next":
            monday_next = today + timedelta(days=7 - today.weekday())
            return monday_next + timedelta(days=wd), "day"
        return today + timedelta(days=ahead or 7), "day"
    if kind == "weekend":
        mod = g[0] or "this"
        saturday = today + timedelta(days=(5 - today.weekday()) % 7)
        shift = {"this": 0, "next": 7, "last": -7}[mod]
        if mod == "last":
            saturday = today - timedelta(days=(today.weekday() - 5) % 7 or 7)
            shift = 0
        return saturday + timedelta(days=shift), "day"
    if kind == "rel_unit":
        mod, unit = g
        step = {"next": 1, "last": -1, "this": 0}[mod]
        if unit == "week":
            monday = today - timedelta(days=today.weekday())
            return monday + timedelta(weeks=step), "week"
        if unit == "month":
            return add_months(today, step, keep_day=False), "month"
        return safe_date(today.year + step, 1, 1), "year"
    if kind in ("in_n", "ago_n"):
        count = _count(g[0])
        if count is None:
            return _FAR
        n = count * (1 if kind == "in_n" else -1)
        unit = g[1]
        if unit == "day":
            return add_days(today, n), "day"
        if unit == "week":
            return add_days(today, 7 * n), "day"
        if unit == "month":
            return add_months(today, n), "day"
        return add_years(today, n), "day"
    return None


def _calendar(text: str, now: datetime, past: bool) -> tuple[date | None, str] | None:
    """A calendar date through dateparser: (date, "day"), `_FAR` beyond the bounds, None if none."""
    import dateparser

    settings: Any = {"RELATIVE_BASE": now, "PREFER_DATES_FROM": "past" if past else "future",
                     "REQUIRE_PARTS": ["day", "month"]}  # fmt: skip
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (OverflowError, ValueError):  # dateparser's own arithmetic at the calendar's edges
        return _FAR
    if parsed is None:
        return None
    return (parsed.date(), "day") if in_range(parsed) else _FAR


def _clock(m: re.Match[str]) -> tuple[int, int] | None:
    hour_s, minute_s, mer = (m.group(1), m.group(2), m.group(3))
    if hour_s is None:
        hour_s, minute_s, mer = (m.group(4), m.group(5), m.group(6))
    if hour_s is None:
        hour_s, minute_s, mer = (m.group(7), None, m.group(8))
    hour, minute = int(hour_s), int(minute_s or 0)
    mer = (mer or "").replace(".", "").lower()
    if hour > 23 or minute > 59:
        return None
    if mer == "pm" and hour < 12:
        hour += 12
    elif mer == "am" and hour == 12:
        hour = 0
    elif not mer and 1 <= hour <= 7:
        hour += 12  # "at 6" in chat nearly always means the evening
    return hour, minute


def find_dates(text: str, now: datetime) -> list[DateMention]:
    """Every date/time mention in `text`, in order of appearance, resolved against `now`."""
    today = now.date()
    past = bool(_PAST_HINT.search(text))
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if not free(m.start(), m.end()):
                continue
            resolved = _calendar(m.group(0), now, past) if kind == "calendar" else _resolve(kind, m, today, past)
            if resolved is None:
                continue
            taken.append((m.start(), m.end()))
            value = resolved[0].isoformat() if resolved[0] is not None else ""
            found.append(DateMention(m.group(0), value, resolved[1], m.start(), m.end()))
    found.sort(key=lambda d: d.start)
    clocks = [(m, _clock(m)) for m in _CLOCK.finditer(text) if free(m.start(), m.end())]
    clocks += [(m, {"noon": (12, 0), "midday": (12, 0), "midnight": (0, 0)}[m.group(1).lower()])
               for m in _NOON.finditer(text) if free(m.start(), m.end())]  # fmt: skip
    for m, hm in clocks:
        if hm is None:
            continue
        # A time joins the nearest day mention next to it ("tomorrow at 6", "at noon tomorrow");
        # alone it means today.
        near = [d for d in found if d.granularity in ("day", "far")
                and (0 <= m.start() - d.end < 12 or 0 <= d.start - m.end() < 4)]  # fmt: skip
        if near and near[-1].granularity == "far":  # "on 31 December 9999 at 23:59": still far
            d = near[-1]
            d.start, d.end = min(d.start, m.start()), max(d.end, m.end())
            d.text = text[d.start : d.end]
        elif near:
            d = near[-1]
            d.value = f"{d.value}T{hm[0]:02d}:{hm[1]:02d}"
            d.start, d.end = min(d.start, m.start()), max(d.end, m.end())
            d.text = text[d.start : d.end]
            d.granularity = "time"
        else:
            value = f"{today.isoformat()}T{hm[0]:02d}:{hm[1]:02d}"
            found.append(DateMention(m.group(0).strip(), value, "time",
                                     m.start(), m.end()))  # fmt: skip
    found.sort(key=lambda d: d.start)
    return found
