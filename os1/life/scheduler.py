"""The scheduler: how OS1 speaks first, exactly once.

Firing an item means writing it into the `inbox` in the same transaction that advances the item (to
its next occurrence, or to done). The inbox row is unique per (item, due time), so a crash at any point
can neither lose a firing nor deliver it twice; front ends then show unseen inbox messages (the open TUI
or web page, a desktop notification when one is available, or "While you were away…" at the next
start). Items OS1 initiates itself (follow-ups, nudges, check-ins) wait out quiet hours; a reminder the
person set for a time fires at that time.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import datetime

from os1.clock import from_iso, in_quiet_hours, to_iso, zone
from os1.life.when import next_occurrence
from os1.store.db import transaction


@dataclass(frozen=True)
class Delivery:
    id: int
    kind: str
    text: str
    due_at: datetime


def fire_due(conn: sqlite3.Connection, now: datetime, *, tz_name: str | None = None,
             quiet_start: int = 22, quiet_end: int = 8) -> list[Delivery]:
    """Move every due item into the inbox; return what was delivered now."""
    delivered: list[Delivery] = []
    quiet = in_quiet_hours(now, tz_name, quiet_start, quiet_end)
    rows = conn.execute(
        "SELECT id, kind, text, due_at, every, tz, respects_quiet_hours FROM scheduled "
        "WHERE status = 'pending' AND due_at <= ? ORDER BY due_at", (to_iso(now),)).fetchall()
    for item_id, kind, text, due_text, every, item_tz, respects_quiet in rows:
        if respects_quiet and quiet:
            continue
        due = from_iso(due_text)
        with transaction(conn):
            cur = conn.execute(
                "INSERT OR IGNORE INTO inbox (scheduled_id, due_at, kind, text, delivered_at) VALUES (?, ?, ?, ?, ?)",
                (item_id, due_text, kind, text, to_iso(now)))
            if every:
                tz = zone(item_tz)
                local_due = due.astimezone(tz) if tz else due.astimezone()
                following = next_occurrence(local_due, every, now.astimezone(local_due.tzinfo))
                conn.execute("UPDATE scheduled SET due_at = ? WHERE id = ?", (to_iso(following), item_id))
            else:
                conn.execute("UPDATE scheduled SET status = 'done' WHERE id = ?", (item_id,))
        if cur.rowcount:
            delivered.append(Delivery(int(cur.lastrowid or 0), kind, text, due))
    return delivered


def unseen(conn: sqlite3.Connection) -> list[Delivery]:
    rows = conn.execute("SELECT id, kind, text, due_at FROM inbox WHERE seen_at IS NULL ORDER BY due_at")
    return [Delivery(r[0], r[1], r[2], from_iso(r[3])) for r in rows]


def mark_seen(conn: sqlite3.Connection, ids: list[int], now: datetime) -> None:
    with transaction(conn):
        conn.executemany("UPDATE inbox SET seen_at = ? WHERE id = ?", [(to_iso(now), i) for i in ids])


def while_you_were_away(conn: sqlite3.Connection, now: datetime) -> str | None:
    """One paragraph of what fired while no window was open, marking it seen."""
    items = unseen(conn)
    if not items:
        return None
    lines = [f"{item.due_at.astimezone():%a %H:%M} — {item.text}" for item in items[:10]]
    more = f" (and {len(items) - 10} more)" if len(items) > 10 else ""
    mark_seen(conn, [item.id for item in items], now)
    return "While you were away: " + "; ".join(lines) + more + "."


def notify_desktop(delivery: Delivery) -> bool:
    """Show a desktop notification when `notify-send` exists; False when there is no desktop."""
    if not shutil.which("notify-send"):
        return False
    try:
        subprocess.run(["notify-send", "OS1", delivery.text], timeout=5, check=False, capture_output=True)
    except (OSError, subprocess.SubprocessError):
        return False
    return True


def seconds_until_next(conn: sqlite3.Connection, now: datetime, cap: float = 60.0) -> float:
    row = conn.execute("SELECT min(due_at) FROM scheduled WHERE status = 'pending'").fetchone()
    if not row or not row[0]:
        return cap
    return max(0.5, min(cap, (from_iso(row[0]) - now).total_seconds()))

