"""Time as OS1 stores and speaks it: aware UTC datetimes in, ISO 8601 strings in the database.

Every stored timestamp is UTC with millisecond precision and an explicit offset, so that text order is
time order. Also the person's local time and quiet hours. What this module leaves out: parsing human time
expressions (os1.life.when, os1.mind, os1.memory).
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# OS1_NOW=ISO-8601 makes every command take that moment as now (scripts and tests of follow-ups). Time
# still moves on from it at the real pace, so turns keep their order within one run.
NOW_ENV = "OS1_NOW"
_started = time.monotonic()


def utcnow() -> datetime:
    """The current moment as an aware UTC datetime (from OS1_NOW when it is set)."""
    pinned = os.environ.get(NOW_ENV)
    if pinned:
        return pinned_now(pinned) + timedelta(seconds=time.monotonic() - _started)
    return datetime.now(UTC)


def pinned_now(text: str) -> datetime:
    """The moment OS1_NOW names; a clear error when it is not ISO 8601."""
    from os1.errors import ConfigError

    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ConfigError(
            f"OS1_NOW={text!r} is not an ISO 8601 moment.", "Use a form like 2026-03-06T09:00 or unset OS1_NOW."
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.now().astimezone().tzinfo)
    return moment.astimezone(UTC)


def to_iso(moment: datetime) -> str:
    """Store form: '2026-11-25T11:30:00.123+00:00' (naive datetimes are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def from_iso(text: str) -> datetime:
    """Parse a stored timestamp back into an aware UTC datetime."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def zone(name: str | None) -> ZoneInfo | None:
    """The time zone called `name` ("Europe/London"), or None when unset or unknown."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_time(moment: datetime, tz_name: str | None) -> datetime:
    """`moment` in the person's zone, or in this machine's zone when theirs is unknown."""
    tz = zone(tz_name)
    return moment.astimezone(tz) if tz else moment.astimezone()


def in_quiet_hours(moment: datetime, tz_name: str | None, start_hour: int = 22, end_hour: int = 8) -> bool:
    """Whether `moment` falls in the person's quiet hours (a span that may cross midnight)."""
    hour = local_time(moment, tz_name).hour
    return (hour >= start_hour or hour < end_hour) if start_hour > end_hour else start_hour <= hour < end_hour


def humanize_gap(gap: timedelta) -> str:
    """Say a gap the way a friend would: 'a few minutes', 'yesterday', '3 weeks'.

    Example: timedelta(days=2, hours=3) -> '2 days'
    """
    seconds = max(gap.total_seconds(), 0)
    minutes, hours, days = seconds / 60, seconds / 3600, seconds / 86400
    if minutes < 2:
        return "a moment"
    if minutes < 50:
        return "a few minutes" if minutes < 10 else f"{int(minutes)} minutes"
    if hours < 20:
        return "an hour" if hours < 1.5 else f"{round(hours)} hours"
    if days < 1.5:
        return "a day"
    if days < 14:
        return f"{round(days)} days"
    if days < 60:
        return f"{round(days / 7)} weeks"
    if days < 365 * 1.5:
        return f"{round(days / 30)} months"
    return f"{round(days / 365)} years"
