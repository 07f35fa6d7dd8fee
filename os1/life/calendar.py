"""The calendar: .ics files imported or followed, expanded into an agenda.

RFC 5545 recurrence (RRULE, RDATE, EXDATE, RECURRENCE-ID exceptions) and time zones are handled by
`recurring_ical_events` over `icalendar`; OS1 keeps each calendar's source text (imported) or its path
(followed, re-read when it changes) and expands on demand, so a recurring event is never stored as a
thousand rows. Event descriptions are outside text: they are shown as data and never obeyed.

Every event is checked before it can reach an agenda (`check_events`): one without a readable start,
with a broken date, EXDATE, RDATE or RRULE, or repeating more often than hourly (FREQ=SECONDLY or
MINUTELY, or BYHOUR/BYMINUTE/BYSECOND lists that multiply to more than 24 a day, would make a month's
agenda millions of rows) is reported with the line
it starts on and skipped; the rest import. A followed file is checked the same way each time it is
read. Expansion is bounded per query: at most `MAX_OCCURRENCES` events and `EXPAND_SECONDS` of work,
with a note when the agenda was cut short.
What this module leaves out: printing (os1.cli.calendar) and agenda answers in chat (os1.life.chat).
"""

from __future__ import annotations

import re
import sqlite3
import time as _time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from os1.clock import to_iso, utcnow, zone
from os1.errors import UserInputError
from os1.store.db import transaction

MAX_ICS_BYTES = 20 * 1024 * 1024
# One agenda query expands at most this many occurrences, in at most this much time.
MAX_OCCURRENCES = 5_000
EXPAND_SECONDS = 2.0
# Faster than hourly is refused: nobody's calendar holds an event every minute, and it would explode.
REFUSED_FREQ = frozenset({"SECONDLY", "MINUTELY"})
_BEGIN_EVENT = re.compile(r"^BEGIN:VEVENT\s*$", re.I | re.M)


@dataclass(frozen=True)
class Event:
    summary: str
    start: datetime          # aware
    end: datetime | None
    all_day: bool
    location: str | None
    description: str | None  # untrusted outside text
    calendar: str


def _read(path: Path) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_ICS_BYTES:
            raise UserInputError(f"{path} is {size // 1_000_000} MB; that is too big for a calendar file.",
                                 "Export a smaller range of your calendar.")
        raw = path.read_bytes()
    except OSError as exc:
        raise UserInputError(f"Cannot read {path} ({exc.strerror}).", "Check the path.") from exc
    if b"\x00" in raw[:4096]:
        raise UserInputError(f"{path} is not a text file.", "Export your calendar as an .ics file.")
    return raw.decode("utf-8", errors="replace")


def parse_calendar(text: str, name: str) -> Any:
    """Parse iCalendar text; a clear error when it is not a calendar at all."""
    import icalendar

    if "BEGIN:VCALENDAR" not in text.upper():
        raise UserInputError(f"{name} is not an iCalendar file (no BEGIN:VCALENDAR).",
                             "Export your calendar as an .ics file.")
    try:
        return icalendar.Calendar.from_ical(text)
    except ValueError as exc:
        raise UserInputError(f"{name} has lines I can't read ({str(exc)[:120]}).",
                             "Re-export the calendar; broken lines usually come from hand edits.") from exc


@dataclass
class CalendarImport:
    """What an import kept (`count` events) and what it skipped: one line per bad event."""

    count: int
    problems: list[str] = field(default_factory=list)


def _event_problem(event: Any) -> str | None:
    """Why one VEVENT cannot be shown, or None when it can."""
    import recurring_ical_events

    broken = [name for name, _ in getattr(event, "errors", [])]
    if broken:
        return f"unreadable {', '.join(sorted(set(broken)))}"
    start = event.get("DTSTART")
    if start is None:
        return "no start (DTSTART)"
    try:
        value = start.dt
    except Exception:  # icalendar raises its own error types for broken values
        return "unreadable DTSTART"
    if not isinstance(value, date):
        return "DTSTART is not a date"
    too_often = _too_frequent(event)
    if too_often:
        return too_often
    # A trial expansion of just this event around its start catches what the checks above miss.
    import icalendar

    alone = icalendar.Calendar()
    alone.add_component(event)
    try:
        first = value if isinstance(value, datetime) else datetime.combine(value, time(0, 0))
        first = first if first.tzinfo else first.replace(tzinfo=UTC)
        query = recurring_ical_events.of(alone)
        for series in query.series:
            for _ in series.between(first - timedelta(days=1), first + timedelta(days=2)):
                break
    except Exception as exc:  # any library error here means the agenda would fail on it later
        return f"cannot be expanded ({type(exc).__name__})"
    return None


_PER_DAY = {"SECONDLY": 86_400, "MINUTELY": 1_440, "HOURLY": 24}


def _too_frequent(event: Any) -> str | None:
    """Why `event` repeats more than hourly (24 times a day), counting what BYHOUR, BYMINUTE and
    BYSECOND multiply a rule by; None when it does not. Cheap: it reads the rule, it expands nothing
    (dateutil builds a whole span's list at once, so a secondly rule must be stopped before that)."""
    rule = event.get("RRULE")
    if rule is None:
        return None
    for one in rule if isinstance(rule, list) else [rule]:
        if not hasattr(one, "get"):
            return "an RRULE that cannot be read"
        freq = [str(f).upper() for f in (one.get("FREQ") or [])]
        if not freq:
            return "an RRULE without FREQ"
        if freq[0] in REFUSED_FREQ:
            return f"repeats {freq[0].lower()} (more often than hourly)"
        per_day = _PER_DAY.get(freq[0], 1)
        for part, most in (("BYHOUR", 24), ("BYMINUTE", 60), ("BYSECOND", 60)):
            values = one.get(part) or []
            per_day *= min(len(values), most) if values else 1
        if per_day > 24:
            return f"repeats {per_day:,} times a day (more often than hourly)"
    return None


def drop_too_frequent(calendar: Any) -> int:
    """Remove events repeating more than hourly from a parsed calendar; returns how many."""
    doomed = [event for event in calendar.walk("VEVENT") if _too_frequent(event)]
    for event in doomed:
        _remove(calendar, event)
    return len(doomed)


def check_events(calendar: Any, text: str, name: str) -> list[str]:
    """Remove the events that cannot be shown from `calendar` (in place); one message per event,
    with the line of `text` its BEGIN:VEVENT is on."""
    lines = [text.count("\n", 0, m.start()) + 1 for m in _BEGIN_EVENT.finditer(text)]
    problems = []
    events = list(calendar.walk("VEVENT"))
    for index, event in enumerate(events):
        why = _event_problem(event)
        if why is None:
            continue
        line = f"line {lines[index]}" if index < len(lines) else f"event {index + 1}"
        summary = " ".join(str(event.get("SUMMARY", "")).split())[:60]
        label = f" ({summary})" if summary else ""
        problems.append(f"{name}, {line}{label}: {why}; skipped.")
        _remove(calendar, event)
    return problems


def _remove(root: Any, event: Any) -> None:
    for component in [root, *root.walk()]:
        if event in getattr(component, "subcomponents", []):
            component.subcomponents.remove(event)
            return


def import_calendar(conn: sqlite3.Connection, path: Path, *, follow: bool) -> CalendarImport:
    """Import (copy the checked text now) or follow (re-read and check on use) an .ics file."""
    text = _read(path)
    calendar = parse_calendar(text, str(path))
    problems = check_events(calendar, text, path.name)
    count = sum(1 for _ in calendar.walk("VEVENT"))
    kept = calendar.to_ical().decode("utf-8", errors="replace") if problems else text
    with transaction(conn):
        conn.execute(
            "INSERT INTO calendars (name, path, content, followed, added_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (path) DO UPDATE SET content = excluded.content, followed = excluded.followed",
            (path.stem, str(path.resolve()), None if follow else kept, int(follow), to_iso(utcnow())),
        )
    return CalendarImport(count, problems)


def add_calendar(conn: sqlite3.Connection, path: Path, *, follow: bool) -> int:
    """Import or follow an .ics file; returns how many events were kept (see `import_calendar`)."""
    return import_calendar(conn, path, follow=follow).count


def _as_aware(value: date | datetime, tz_name: str | None) -> tuple[datetime, bool]:
    if isinstance(value, datetime):
        if value.tzinfo is None:  # "floating" time: the person's own zone
            tz = zone(tz_name)
            value = value.replace(tzinfo=tz) if tz else value.astimezone()
        return value, False
    tz = zone(tz_name)
    local = datetime.combine(value, time(0, 0))
    return (local.replace(tzinfo=tz) if tz else local.astimezone()), True


def agenda(conn: sqlite3.Connection, start: datetime, days: int = 7, tz_name: str | None = None,
           notes: list[str] | None = None) -> list[Event]:
    """Every event overlapping [start, start + days), recurrences expanded, in time order; bounded by
    MAX_OCCURRENCES and EXPAND_SECONDS (a note goes to `notes` when the agenda was cut short)."""
    import recurring_ical_events

    end = start + timedelta(days=days)
    deadline = _time.monotonic() + EXPAND_SECONDS
    events: list[Event] = []
    cut = False
    for name, path, content, followed in conn.execute("SELECT name, path, content, followed FROM calendars"):
        try:
            text = _read(Path(path)) if followed else content
            calendar = parse_calendar(text, name)
        except UserInputError:
            continue  # a followed file that vanished or broke: skipped, `os1 calendar` reports it
        if followed:  # an imported calendar was checked when it came in; a followed file may have changed
            check_events(calendar, text, name)
        else:  # one stored before imports were checked: at least nothing that repeats every second
            drop_too_frequent(calendar)
        for series in recurring_ical_events.of(calendar).series:
            try:
                for occurrence in series.between(start, end):
                    if len(events) >= MAX_OCCURRENCES or _time.monotonic() > deadline:
                        cut = True
                        break
                    event = _event(occurrence.as_component(False), name, tz_name)
                    if event is not None:
                        events.append(event)
            except Exception:  # one series the checks let through fails to expand: the others still show
                continue
            if cut:
                break
        if cut:
            break
    if cut and notes is not None:
        notes.append(f"The agenda was cut short at {len(events)} events; look at fewer days.")
    return sorted(events, key=lambda e: e.start.astimezone(UTC))


def _event(item: Any, name: str, tz_name: str | None) -> Event | None:
    try:
        begin, all_day = _as_aware(item.get("DTSTART").dt, tz_name)
        finish = item.get("DTEND")
        return Event(
            summary=str(item.get("SUMMARY", "(no title)")),
            start=begin,
            end=_as_aware(finish.dt, tz_name)[0] if finish else None,
            all_day=all_day,
            location=str(item.get("LOCATION")) if item.get("LOCATION") else None,
            description=str(item.get("DESCRIPTION")) if item.get("DESCRIPTION") else None,
            calendar=name,
        )
    except Exception:  # a broken DTEND and the like: that one event is left out
        return None


def broken_calendars(conn: sqlite3.Connection) -> list[str]:
    """Followed calendars that can no longer be read, and bad events in them, with why."""
    problems = []
    for name, path in conn.execute("SELECT name, path FROM calendars WHERE followed = 1"):
        try:
            text = _read(Path(path))
            problems.extend(check_events(parse_calendar(text, name), text, name))
        except UserInputError as exc:
            problems.append(exc.message)
    return problems
