"""Time in memory: timestamps in imported files, and time expressions inside search queries.

`parse_timestamp` reads ISO 8601 and the common human forms ("1:56 pm on 8 May, 2023", "May 8, 2023");
it never guesses relative words ("yesterday") in a file, because a file has no "now".
`query_window` finds one time expression in a question ("last weekend", "in May", "on May 4th",
"3 weeks ago") and turns it into a window relative to the moment of asking.
Windows stay inside years 2-9998, timestamps inside 1-9999 (os1.timebounds): a timestamp or a window
beyond them ("4,500 years ago", "in 99999999999 days", "31 December 9999 at 23:59 +05:00" moved to
UTC) is None, never an error.
What this module leaves out: how windows change ranking (os1.memory.search).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from os1.timebounds import add_moment, in_range, read_count

_FORMATS = (
    "%I:%M %p on %d %B, %Y",
    "%I:%M %p on %d %b, %Y",
    "%I:%M %p on %B %d, %Y",
    "%I:%M%p on %d %B, %Y",
    "%H:%M on %d %B, %Y",
    "%d %B, %Y",
    "%d %B %Y",
    "%B %d, %Y",
    "%B %d %Y",
    "%d %b %Y",
    "%b %d, %Y",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
    "%a, %d %b %Y %H:%M:%S %z",
    "%A, %B %d, %Y",
)

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def parse_timestamp(text: str) -> datetime | None:
    """A timestamp from an import file as aware UTC, or None when the form is unknown or lies beyond
    years 1-9999 (a file's "0000-12-31" or "10000 BC" is a bad line, not a crash)."""
    try:
        return _parse_timestamp(text)
    except (OverflowError, ValueError):
        return None


def _parse_timestamp(text: str) -> datetime | None:
    raw = " ".join(str(text).strip().split())
    if len(raw) > 200:  # no timestamp is this long; dateparser would only be slow on it
        return None
    if not raw:
        return None
    try:
        return _utc(datetime.fromisoformat(raw.replace("Z", "+00:00")))
    except ValueError:
        pass
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", raw, flags=re.I)
    cleaned = re.sub(r"\b(a\.m\.|p\.m\.)", lambda m: m.group(1).replace(".", ""), cleaned, flags=re.I)
    for fmt in _FORMATS:
        try:
            return _utc(datetime.strptime(cleaned, fmt))
        except ValueError:
            continue
    if re.fullmatch(r"\d{9,10}(\.\d+)?", raw):  # unix seconds
        return datetime.fromtimestamp(float(raw), UTC)
    return _dateparser(cleaned)


def _dateparser(text: str) -> datetime | None:
    """Last resort for rarer absolute forms; relative words are refused (a file has no 'now')."""
    if re.search(r"\b(ago|yesterday|today|tomorrow|last|next|now)\b", text, re.I):
        return None
    import dateparser

    found = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "REQUIRE_PARTS": ["day", "month", "year"],
            "RETURN_AS_TIMEZONE_AWARE": True,
            "TO_TIMEZONE": "UTC",
        },
    )
    return _utc(found) if found else None


@dataclass(frozen=True)
class TimeWindow:
    """[start, end) in UTC, the words that named it, and whether it is one day (a date question)."""

    start: datetime
    end: datetime
    phrase: str


def _day(moment: datetime) -> datetime:
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def _month_window(year: int, month: int) -> tuple[datetime, datetime]:
    start = datetime(year, month, 1, tzinfo=UTC)
    end = datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=UTC)
    return start, end


_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_ORD = r"(\d{1,2})(?:st|nd|rd|th)?"
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "couple of": 2,
    "few": 3,
}


def query_window(query: str, now: datetime) -> TimeWindow | None:
    """The time a question is about, relative to `now` (UTC), or None when it names no time or one
    beyond years 1-9999 (then the question is searched without a window)."""
    try:
        window = _query_window(query, now)
    except (OverflowError, ValueError):  # a window at the calendar's edges ("tomorrow" on 9999-12-31)
        return None
    # A year inside the calendar's ends: search widens a window by hours and days.
    if window is None or not (in_range(window.start) and in_range(window.end)):
        return None
    return window


def _query_window(query: str, now: datetime) -> TimeWindow | None:
    now = _utc(now)
    text = query.lower()
    today = _day(now)
    match = re.search(
        rf"\b(?:on\s+)?(?:the\s+)?(?:({_MONTH_RE})\.?\s+{_ORD}|{_ORD}\s+(?:of\s+)?({_MONTH_RE}))\b(?:,?\s+(\d{{4}}))?",
        text,
    )
    if match:
        month = MONTHS[match.group(1) or match.group(4)]
        day = int(match.group(2) or match.group(3))
        year = int(match.group(5)) if match.group(5) else _latest_year(now, month, day)
        try:
            start = datetime(year, month, day, tzinfo=UTC)
        except ValueError:
            return None
        return TimeWindow(start, start + timedelta(days=1), match.group(0).strip())
    simple = _simple_window(text, now, today)
    if simple:
        return simple
    match = re.search(rf"\b(?:in|during|since|back in|early|late)\s+({_MONTH_RE})\b(?:\s+(\d{{4}}))?", text)
    if match:
        month = MONTHS[match.group(1)]
        year = int(match.group(2)) if match.group(2) else (now.year if month <= now.month else now.year - 1)
        start, end = _month_window(year, month)
        return TimeWindow(start, end, match.group(0))
    match = re.search(r"\bin\s+((?:19|20)\d{2})\b", text)
    if match:
        year = int(match.group(1))
        return TimeWindow(
            datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC), match.group(0)
        )
    return _ago_window(text, today)


def _latest_year(now: datetime, month: int, day: int) -> int:
    """A date without a year means the latest one not after now."""
    try:
        this_year = datetime(now.year, month, day, tzinfo=UTC)
    except ValueError:
        return now.year - 1
    return now.year if this_year <= now else now.year - 1


def _simple_window(text: str, now: datetime, today: datetime) -> TimeWindow | None:
    day = timedelta(days=1)
    monday = today - timedelta(days=today.weekday())
    table: list[tuple[str, datetime, datetime]] = [
        (r"\blast night\b", today - day + timedelta(hours=17), today + timedelta(hours=6)),
        (r"\b(this morning|this afternoon|this evening|tonight|today)\b", today, today + day),
        (r"\b(yesterday)\b", today - day, today),
        (r"\b(day before yesterday)\b", today - 2 * day, today - day),
        (r"\blast weekend\b", _last_weekend(today), _last_weekend(today) + 2 * day),
        (r"\bthis weekend\b", monday + 5 * day, monday + 7 * day),
        (r"\blast week\b", monday - 7 * day, monday),
        (r"\bthis week\b", monday, monday + 7 * day),
        (
            r"\blast month\b",
            *_month_window(*((now.year, now.month - 1) if now.month > 1 else (now.year - 1, 12))),
        ),
        (r"\bthis month\b", *_month_window(now.year, now.month)),
        (r"\blast year\b", datetime(now.year - 1, 1, 1, tzinfo=UTC), datetime(now.year, 1, 1, tzinfo=UTC)),
        (r"\b(recently|lately|these days)\b", today - 30 * day, now + day),
    ]
    for pattern, start, end in table:
        match = re.search(pattern, text)
        if match:
            return TimeWindow(start, end, match.group(0))
    match = re.search(r"\b(?:last|on)\s+(" + "|".join(WEEKDAYS) + r")\b", text)
    if match:
        back = (today.weekday() - WEEKDAYS.index(match.group(1))) % 7 or 7
        start = today - timedelta(days=back)
        return TimeWindow(start, start + day, match.group(0))
    return None


def _last_weekend(today: datetime) -> datetime:
    """Saturday of the most recent weekend that has fully begun before today."""
    back = (today.weekday() - 5) % 7
    saturday = today - timedelta(days=back)
    return saturday - timedelta(days=7) if back < 2 else saturday


def _ago_window(text: str, today: datetime) -> TimeWindow | None:
    words = "|".join(_NUMBERS)
    match = re.search(rf"\b(\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+|{words})\s+(day|week|month|year)s?\s+ago\b", text)
    if not match:
        return None
    amount = read_count(match.group(1), _NUMBERS)
    if amount is None:  # more than 12 digits: a very long time ago, no window
        return None
    unit = {"day": 1, "week": 7, "month": 30, "year": 365}[match.group(2)]
    centre = add_moment(today, days=-amount * unit)
    slack = timedelta(days=max(1, unit * amount // 4))
    start = add_moment(centre, -slack) if centre else None
    end = add_moment(centre, slack + timedelta(days=1)) if centre else None
    if start is None or end is None:
        return None
    return TimeWindow(start, end, match.group(0))
