"""The letter library: letters with every version kept, their recipient and status, in SQLite.

Plain functions over a connection, like the other repositories. A letter's text is its latest version;
`add_version` never overwrites (an unchanged text adds nothing). Status moves draft -> sent or printed.
What this module leaves out: composing, rendering and sending (the other os1.letters modules) and the
people map (only `person_id` links to it).
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from typing import Any

from os1.clock import to_iso, utcnow
from os1.errors import UserInputError
from os1.store.db import transaction

STATUSES = ("draft", "sent", "printed")


@dataclass(frozen=True)
class Letter:
    id: int
    recipient: str
    person_id: int | None
    occasion: str | None
    status: str
    created_at: str
    updated_at: str
    sent_at: str | None
    sent_to: str | None
    version: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Version:
    version: int
    created_at: str
    source: str
    text: str


_SELECT = """
    SELECT l.id, l.recipient, l.person_id, l.occasion, l.status, l.created_at, l.updated_at, l.sent_at,
           l.sent_to, v.version, v.text
    FROM letters l
    JOIN letter_versions v ON v.letter_id = l.id
        AND v.version = (SELECT max(version) FROM letter_versions WHERE letter_id = l.id)
"""


def _letter(row: sqlite3.Row) -> Letter:
    return Letter(*tuple(row))


def create_letter(
    conn: sqlite3.Connection,
    recipient: str,
    text: str,
    *,
    occasion: str | None = None,
    person_id: int | None = None,
    source: str = "typed",
) -> Letter:
    """Store a new draft with its first version."""
    if not recipient.strip():
        raise UserInputError("A letter needs someone to write to.", "Pass --to NAME.")
    now = to_iso(utcnow())
    with transaction(conn):
        cursor = conn.execute(
            "INSERT INTO letters (recipient, person_id, occasion, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            (recipient.strip(), person_id, occasion, now, now),
        )
        letter_id = int(cursor.lastrowid or 0)
        conn.execute(
            "INSERT INTO letter_versions (letter_id, version, created_at, source, text) VALUES (?, 1, ?, ?, ?)",
            (letter_id, now, source, text),
        )
    return get_letter(conn, letter_id)


def get_letter(conn: sqlite3.Connection, letter_id: int) -> Letter:
    row = conn.execute(_SELECT + " WHERE l.id = ?", (letter_id,)).fetchone()
    if row is None:
        raise UserInputError(f"There is no letter #{letter_id}.", "See your letters with `os1 letter list`.")
    return _letter(row)


def list_letters(conn: sqlite3.Connection, *, status: str | None = None) -> list[Letter]:
    """All letters, newest first (optionally only those with `status`)."""
    if status is not None:
        rows = conn.execute(_SELECT + " WHERE l.status = ? ORDER BY l.id DESC", (status,)).fetchall()
    else:
        rows = conn.execute(_SELECT + " ORDER BY l.id DESC").fetchall()
    return [_letter(row) for row in rows]


def add_version(conn: sqlite3.Connection, letter_id: int, text: str, source: str) -> Letter:
    """Keep `text` as the letter's newest version (nothing is added when it is unchanged)."""
    current = get_letter(conn, letter_id)
    if text == current.text:
        return current
    now = to_iso(utcnow())
    with transaction(conn):
        conn.execute(
            "INSERT INTO letter_versions (letter_id, version, created_at, source, text) VALUES (?, ?, ?, ?, ?)",
            (letter_id, current.version + 1, now, source, text),
        )
        conn.execute("UPDATE letters SET updated_at = ? WHERE id = ?", (now, letter_id))
    return get_letter(conn, letter_id)


def versions(conn: sqlite3.Connection, letter_id: int) -> list[Version]:
    get_letter(conn, letter_id)
    rows = conn.execute(
        "SELECT version, created_at, source, text FROM letter_versions WHERE letter_id = ? ORDER BY version",
        (letter_id,),
    ).fetchall()
    return [Version(*tuple(row)) for row in rows]


def mark_sent(conn: sqlite3.Connection, letter_id: int, to: str) -> Letter:
    """Record that the letter went to `to` (call only after the mail server accepted it)."""
    get_letter(conn, letter_id)
    now = to_iso(utcnow())
    with transaction(conn):
        conn.execute(
            "UPDATE letters SET status = 'sent', sent_at = ?, sent_to = ?, updated_at = ? WHERE id = ?",
            (now, to, now, letter_id),
        )
    return get_letter(conn, letter_id)


def mark_printed(conn: sqlite3.Connection, letter_id: int) -> Letter:
    """Record that a print-ready PDF was made for posting (a sent letter stays 'sent')."""
    now = to_iso(utcnow())
    with transaction(conn):
        conn.execute(
            "UPDATE letters SET status = 'printed', updated_at = ? WHERE id = ? AND status = 'draft'",
            (now, letter_id),
        )
    return get_letter(conn, letter_id)
