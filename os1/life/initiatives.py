"""What OS1 may say first without being asked, gathered for the scheduler: connection nudges and
opt-in check-ins. Each is rate-limited and respects quiet hours where it is decided (os1.people.nudges
for nudges; `respects_quiet_hours` on check-in items).

Check-ins are opt-in: `os1 config set checkins.morning 08:30` (or `checkins.evening`) creates one
recurring item; removing the setting cancels it.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from os1.clock import to_iso
from os1.home import get_setting
from os1.life.reminders import add_item
from os1.life.when import parse_when
from os1.store.db import transaction

CHECKIN_TEXT = {
    "morning": "Good morning. Anything on your mind for today — or anyone you'd like to get in touch with?",
    "evening": "How was today? I'm here if you'd like to tell me about it.",
}


def sync_checkins(conn: sqlite3.Connection, now: datetime, tz_name: str | None) -> None:
    """Make the recurring check-in items match config.toml."""
    for part, text in CHECKIN_TEXT.items():
        wanted = get_setting(f"checkins.{part}")
        row = conn.execute(
            "SELECT id, local_time FROM scheduled WHERE kind = 'checkin' AND status = 'pending' AND payload = ?",
            (f'{{"part": "{part}"}}',)).fetchone()
        if row and (not wanted or row[1] != str(wanted)):
            with transaction(conn):
                conn.execute("UPDATE scheduled SET status = 'cancelled' WHERE id = ?", (row[0],))
            row = None
        if wanted and row is None:
            when = parse_when(f"every day at {wanted}", now, tz_name)
            if when is not None:
                add_item(conn, "checkin", text, when, tz_name=tz_name, now=now, respects_quiet_hours=True,
                         payload={"part": part})


def deliver_nudge(conn: sqlite3.Connection, now: datetime, tz_name: str | None,
                  quiet_start: int, quiet_end: int) -> str | None:
    """Put today's connection nudge (if any) into the inbox; return its text."""
    from os1.people.nudges import next_nudge

    nudge = next_nudge(conn, now, tz_name, quiet_start=quiet_start, quiet_end=quiet_end)
    if nudge is None:
        return None
    with transaction(conn):
        conn.execute(
            "INSERT OR IGNORE INTO inbox (scheduled_id, due_at, kind, text, delivered_at) VALUES (NULL, ?, ?, ?, ?)",
            (to_iso(now), "nudge", nudge.text, to_iso(now)))
    return nudge.text
