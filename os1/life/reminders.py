"""Reminders: set in plain words ("remind me to call my sister on Friday at 6") or with
`os1 remind WHEN WHAT`; listed, cancelled and snoozed. Firing is the scheduler's job.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from os1.clock import from_iso, to_iso
from os1.errors import UserInputError
from os1.life.when import When, parse_when
from os1.store.db import transaction

MAX_TEXT = 500


@dataclass(frozen=True)
class Item:
    id: int
    kind: str
    text: str
    due_at: datetime
    every: str | None
    status: str


def add_item(
    conn: sqlite3.Connection, kind: str, text: str, when: When, *, tz_name: str | None, now: datetime,
    respects_quiet_hours: bool = False, source_turn: str | None = None, payload: dict[str, object] | None = None,
) -> Item:
    clean = " ".join(text.split())
    if not clean:
        raise UserInputError("A reminder needs something to remind you of.", 'e.g. os1 remind "friday 6pm" "call Anna"')
    if len(clean) > MAX_TEXT:
        raise UserInputError(f"That reminder is {len(clean)} characters long.", f"Keep it under {MAX_TEXT}.")
    if when.at <= now and when.every is None:
        raise UserInputError(f"{when.at:%a %d %b %H:%M} has already passed.", "Give a time in the future.")
    with transaction(conn):
        cur = conn.execute(
            "INSERT INTO scheduled (kind, text, due_at, local_time, tz, every, respects_quiet_hours, created_at, "
            "source_turn, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (kind, clean, to_iso(when.at), when.at.strftime("%H:%M"), tz_name, when.every,
             int(respects_quiet_hours), to_iso(now), source_turn, json.dumps(payload or {})),
        )
    return Item(int(cur.lastrowid or 0), kind, clean, when.at, when.every, "pending")


def add_reminder(conn: sqlite3.Connection, when_text: str, what: str, now: datetime,
                 tz_name: str | None = None) -> Item:
    when = parse_when(when_text, now, tz_name)
    if when is None:
        raise UserInputError(
            f"I couldn't tell when '{when_text}' is.",
            'Try "friday 6pm", "tomorrow morning", "in 20 minutes" or "every day at 8".',
        )
    return add_item(conn, "reminder", what, when, tz_name=tz_name, now=now)


def list_items(conn: sqlite3.Connection, include_done: bool = False) -> list[Item]:
    sql = "SELECT id, kind, text, due_at, every, status FROM scheduled"
    if not include_done:
        sql += " WHERE status = 'pending'"
    return [Item(r[0], r[1], r[2], from_iso(r[3]), r[4], r[5]) for r in conn.execute(sql + " ORDER BY due_at")]


def _pending(conn: sqlite3.Connection, item_id: int) -> None:
    row = conn.execute("SELECT status FROM scheduled WHERE id = ?", (item_id,)).fetchone()
    if row is None or row[0] != "pending":
        raise UserInputError(f"There is no pending reminder {item_id}.", "See them with `os1 remind list`.")


def cancel(conn: sqlite3.Connection, item_id: int) -> None:
    _pending(conn, item_id)
    with transaction(conn):
        conn.execute("UPDATE scheduled SET status = 'cancelled' WHERE id = ?", (item_id,))


def snooze(conn: sqlite3.Connection, item_id: int, minutes: int, now: datetime) -> datetime:
    _pending(conn, item_id)
    due = now + timedelta(minutes=minutes)
    with transaction(conn):
        conn.execute("UPDATE scheduled SET due_at = ? WHERE id = ?", (to_iso(due), item_id))
    return due
