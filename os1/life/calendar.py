"""The calendar: .ics files imported or followed, expanded into an agenda.

RFC 5545 recurrence (RRULE, RDATE, EXDATE, RECURRENCE-ID exceptions) and time zones are handled by
`recurring_ical_events` over `icalendar`; OS1 keeps each calendar's source text (imported) or its path
(followed, re-read when it changes) and expands on demand, so a recurring event is never stored as a
thousand rows. Event descriptions are outside text: they are shown as data and never obeyed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from os1.clock import to_iso, utcnow, zone
from os1.errors import UserInputError
from os1.store.db import transaction

MAX_ICS_BYTES = 20 * 1024 * 1024


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


def add_calendar(conn: sqlite3.Connection, path: Path, *, follow: bool) -> int:
    """Import (copy the text now) or follow (re-read on use) an .ics file; returns the event count."""
    text = _read(path)
    calendar = parse_calendar(text, str(path))
    count = sum(1 for _ in calendar.walk("VEVENT"))
    with transaction(conn):
        conn.execute(
            "INSERT INTO calendars (name, path, content, followed, added_at) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (path) DO UPDATE SET content = excluded.content, followed = excluded.followed",
            (path.stem, str(path.resolve()), None if follow else text, int(follow), to_iso(utcnow())),
        )
    return count


def _as_aware(value: date | datetime, tz_name: str | None) -> tuple[datetime, bool]:
    if isinstance(value, datetime):
        if value.tzinfo is None:  # "floating" time: the person's own zone
            tz = zone(tz_name)
            value = value.replace(tzinfo=tz) if tz else value.astimezone()
        return value, False
    tz = zone(tz_name)
    local = datetime.combine(value, time(0, 0))
    return (local.replace(tzinfo=tz) if tz else local.astimezone()), True


def agenda(conn: sqlite3.Connection, start: datetime, days: int = 7, tz_name: str | None = None) -> list[Event]:
    """Every event overlapping [start, start + days), recurrences expanded, in time order."""
    import recurring_ical_events

    end = start + timedelta(days=days)
    events: list[Event] = []
    for name, path, content, followed in conn.execute("SELECT name, path, content, followed FROM calendars"):
        try:
            text = _read(Path(path)) if followed else content
            calendar = parse_calendar(text, name)
        except UserInputError:
            continue  # a followed file that vanished or broke: skipped, `os1 calendar` reports it
        for item in recurring_ical_events.of(calendar).between(start, end):
            begin, all_day = _as_aware(item.get("DTSTART").dt, tz_name)
            finish = item.get("DTEND")
            events.append(Event(
                summary=str(item.get("SUMMARY", "(no title)")),
                start=begin,
                end=_as_aware(finish.dt, tz_name)[0] if finish else None,
                all_day=all_day,
                location=str(item.get("LOCATION")) if item.get("LOCATION") else None,
                description=str(item.get("DESCRIPTION")) if item.get("DESCRIPTION") else None,
                calendar=name,
            ))
    return sorted(events, key=lambda e: e.start.astimezone(UTC))


def broken_calendars(conn: sqlite3.Connection) -> list[str]:
    """Followed calendars that can no longer be read, with why."""
    problems = []
    for name, path in conn.execute("SELECT name, path FROM calendars WHERE followed = 1"):
        try:
            parse_calendar(_read(Path(path)), name)
        except UserInputError as exc:
            problems.append(exc.message)
    return problems
