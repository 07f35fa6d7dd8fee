"""Reading when something should happen from the way people say it: "on Friday at 6", "tomorrow
morning", "in 20 minutes", "every day at 8".

Times are resolved in the person's own time zone and returned as aware datetimes; "at 6" with no am/pm
means the evening (few people set 6 am reminders without saying so), a date with no time means 9:00.
Bounded: a phrase beyond years 1-9999 or the offset cap of os1.timebounds ("in 99999999999 days") is
None, like a phrase that names no time, never an error.
What this leaves out: durations and ranges ("for two hours", "between 3 and 5").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from os1.clock import local_time
from os1.timebounds import add_moment, in_range, read_count

DEFAULT_HOUR = 9
_PARTS_OF_DAY = {"morning": 9, "noon": 12, "lunchtime": 12, "afternoon": 15, "evening": 19, "tonight": 20,
                 "night": 21}


@dataclass(frozen=True)
class When:
    at: datetime                 # aware, in the person's zone
    every: str | None = None     # None | day | week | weekday | month


def _normalise(phrase: str) -> tuple[str, int | None, int]:
    """Lower-case the phrase, pull out an explicit clock time and a part of day."""
    text = " ".join(phrase.lower().replace(".", " ").split())
    text = re.sub(r"^(on|by|for)\s+", "", text)
    hour: int | None = None
    minute = 0
    match = re.search(r"\b(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm|a m|p m)?\b(?!\s*(?:st|nd|rd|th|days?|weeks?|"
                      r"months?|minutes?|mins?|hours?|hrs?|of|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))",
                      text)
    if match and (match.group(2) or match.group(3) or "at " in match.group(0)):
        hour = int(match.group(1))
        minute = int(match.group(2) or 0)
        suffix = (match.group(3) or "").replace(" ", "")
        if suffix == "pm" and hour < 12:
            hour += 12
        elif suffix == "am" and hour == 12:
            hour = 0
        elif not suffix and not match.group(2) and 1 <= hour <= 7:
            hour += 12  # "at 6" means the evening
        elif not suffix and 1 <= hour < 12 and re.search(r"\b(tonight|evening|night|afternoon)\b", text):
            hour += 12  # "at 9 tonight", "at 4 in the afternoon"
        text = (text[: match.start()] + text[match.end():]).strip()
    text = re.sub(r"^(at|on)\s+|\s+(at|on)$", "", text).strip()
    for word, part_hour in _PARTS_OF_DAY.items():
        if re.search(rf"\b{word}\b", text) and hour is None:
            hour = part_hour
            text = re.sub(rf"\b(this\s+)?{word}\b", "today" if word == "tonight" else "", text).strip()
    return text, hour, minute


def parse_when(phrase: str, now: datetime, tz_name: str | None = None) -> When | None:
    """Resolve a time phrase against `now` (aware). None when it says no time at all, or one beyond
    years 1-9999."""
    try:
        when = _parse_when(phrase, now, tz_name)
    except (OverflowError, ValueError):  # dateparser's or our arithmetic at the calendar's edges
        return None
    # A year inside the calendar's ends, so the scheduler's repeats cannot overflow.
    return when if when is None or in_range(when.at) else None


def _parse_when(phrase: str, now: datetime, tz_name: str | None) -> When | None:
    text, hour, minute = _normalise(phrase)
    base = local_time(now, tz_name)
    every = None
    match = re.search(r"\bevery\s+(day|morning|evening|night|week|month|weekday|monday|tuesday|wednesday|thursday|"
                      r"friday|saturday|sunday)s?\b|\b(daily|weekly|monthly)\b", text)
    if match:
        word = match.group(1) or {"daily": "day", "weekly": "week", "monthly": "month"}[match.group(2)]
        every = "day" if word in ("morning", "evening", "night") else word
        text = text.replace(match.group(0), "").strip()
        if every in ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"):
            text, every = every, "week"
    match = re.fullmatch(r"in\s+(\d+|a|an|one|two|three|ten|twenty|thirty)\s+(minute|min|hour|hr|day|week)s?", text)
    if match and hour is None:
        words = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "ten": 10, "twenty": 20, "thirty": 30}
        amount = read_count(match.group(1), words)
        unit = {"minute": "minutes", "min": "minutes", "hour": "hours", "hr": "hours", "day": "days",
                "week": "weeks"}[match.group(2)]
        moment = add_moment(base, **{unit: amount}) if amount is not None else None  # type: ignore[arg-type]
        return When(moment.replace(microsecond=0), every) if moment is not None else None
    if not text or text in ("today",):
        day = base.date()
    elif text == "tomorrow":
        day = base.date() + timedelta(days=1)
    else:
        import dateparser  # deferred: heavy, and only needed for calendar words

        parsed = dateparser.parse(
            text, settings={"PREFER_DATES_FROM": "future", "RELATIVE_BASE": base.replace(tzinfo=None),
                            "RETURN_AS_TIMEZONE_AWARE": False},
        )
        if parsed is None:
            return None
        day = parsed.date()
        if hour is None and (parsed.hour or parsed.minute):
            hour, minute = parsed.hour, parsed.minute
    if hour is None and every is None and not text:
        return None
    clock = time(hour if hour is not None else DEFAULT_HOUR, minute)
    moment = datetime.combine(day, clock, tzinfo=base.tzinfo)
    moment = _fix_wall_time(moment)
    if moment <= base and every is None and text in ("", "today"):
        moment += timedelta(days=1)  # "at 6" said at 7pm means tomorrow
    elif moment <= base and every is not None:
        moment = next_occurrence(moment, every, base)
    return When(moment, every)


def _fix_wall_time(moment: datetime) -> datetime:
    """Normalise a wall-clock time that DST skips (02:30 on spring-forward day) to a real instant."""
    from datetime import UTC

    return moment.astimezone(UTC).astimezone(moment.tzinfo)


def next_occurrence(previous: datetime, every: str, after: datetime) -> datetime:
    """The next firing after `after`, keeping the same wall-clock time across DST changes."""
    tz = previous.tzinfo
    local = previous.replace(tzinfo=None)
    step = {"day": timedelta(days=1), "week": timedelta(days=7), "weekday": timedelta(days=1)}.get(every)
    while True:
        if every == "month":
            month = local.month % 12 + 1
            year = local.year + (local.month == 12)
            local = local.replace(year=year, month=month, day=min(local.day, 28))
        else:
            assert step is not None
            local = local + step
            if every == "weekday":
                while local.weekday() >= 5:
                    local += timedelta(days=1)
        candidate = _fix_wall_time(local.replace(tzinfo=tz))
        if candidate > after:
            return candidate
