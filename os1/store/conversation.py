"""Sessions and turns: every word said, committed before anything is shown in reply.

A turn's `role` says who spoke from OS1's point of view (the person, the companion, or someone else in
an imported conversation); `speaker` keeps the name as given. What this module leaves out: indexing
and retrieval of turns (os1.memory).
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from os1.clock import from_iso, to_iso, utcnow
from os1.store.db import transaction

Role = Literal["person", "companion", "other"]


@dataclass(frozen=True)
class Turn:
    id: str
    session_id: int
    ts: datetime
    speaker: str
    role: Role
    text: str
    meta: dict[str, Any] = field(default_factory=dict)


def new_turn_id() -> str:
    return uuid.uuid4().hex


def _turn(row: sqlite3.Row) -> Turn:
    return Turn(
        id=row["id"],
        session_id=row["session_id"],
        ts=from_iso(row["ts"]),
        speaker=row["speaker"],
        role=row["role"],
        text=row["text"],
        meta=json.loads(row["meta"] or "{}"),
    )


def start_session(
    conn: sqlite3.Connection,
    *,
    provider: str | None = None,
    source: str = "chat",
    external_id: str | None = None,
    at: datetime | None = None,
) -> int:
    with transaction(conn):
        cur = conn.execute(
            "INSERT INTO sessions (started_at, provider, source, external_id) VALUES (?, ?, ?, ?)",
            (to_iso(at or utcnow()), provider, source, external_id),
        )
    return int(cur.lastrowid or 0)


def end_session(conn: sqlite3.Connection, session_id: int, at: datetime | None = None) -> None:
    with transaction(conn):
        conn.execute(
            "UPDATE sessions SET ended_at = ? WHERE id = ?", (to_iso(at or utcnow()), session_id)
        )


def add_turn(
    conn: sqlite3.Connection,
    session_id: int,
    role: Role,
    speaker: str,
    text: str,
    *,
    at: datetime | None = None,
    meta: dict[str, Any] | None = None,
    turn_id: str | None = None,
) -> Turn:
    """Store one turn and commit it before returning (the never-lose-a-word promise)."""
    turn = Turn(
        id=turn_id or new_turn_id(),
        session_id=session_id,
        ts=at or utcnow(),
        speaker=speaker,
        role=role,
        text=text,
        meta=meta or {},
    )
    with transaction(conn):
        conn.execute(
            "INSERT INTO turns (id, session_id, ts, speaker, role, text, meta) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (turn.id, session_id, to_iso(turn.ts), speaker, role, text, json.dumps(turn.meta)),
        )
    return turn


def update_turn_meta(conn: sqlite3.Connection, turn_id: str, meta: dict[str, Any]) -> None:
    with transaction(conn):
        conn.execute("UPDATE turns SET meta = ? WHERE id = ?", (json.dumps(meta), turn_id))


def recent_turns(conn: sqlite3.Connection, limit: int = 20, session_id: int | None = None) -> list[Turn]:
    """The last `limit` turns (of one session, or across all), oldest first."""
    if session_id is None:
        rows = conn.execute("SELECT * FROM turns ORDER BY ts DESC, rowid DESC LIMIT ?", (limit,))
    else:
        rows = conn.execute(
            "SELECT * FROM turns WHERE session_id = ? ORDER BY ts DESC, rowid DESC LIMIT ?",
            (session_id, limit),
        )
    return [_turn(row) for row in reversed(rows.fetchall())]


def get_turn(conn: sqlite3.Connection, turn_id: str) -> Turn | None:
    row = conn.execute("SELECT * FROM turns WHERE id = ?", (turn_id,)).fetchone()
    return _turn(row) if row else None


def delete_turns(conn: sqlite3.Connection, turn_ids: list[str]) -> int:
    with transaction(conn):
        cur = conn.executemany("DELETE FROM turns WHERE id = ?", [(tid,) for tid in turn_ids])
    return cur.rowcount


@dataclass(frozen=True)
class LastContact:
    """When the person last spoke with OS1 (before the current session) and what they said last."""

    at: datetime
    last_person_text: str | None


def last_contact(conn: sqlite3.Connection, before_session: int | None = None) -> LastContact | None:
    """When the person last spoke (outside `before_session`), and the last thing of substance they said."""
    sql = "SELECT ts, text FROM turns WHERE role = 'person'"
    args: tuple[Any, ...] = ()
    if before_session is not None:
        sql += " AND session_id != ?"
        args = (before_session,)
    rows = conn.execute(sql + " ORDER BY ts DESC, rowid DESC LIMIT 20", args).fetchall()
    if not rows:
        return None
    # "ok", "bye" and the like are not what a conversation was about: prefer a line with some substance.
    substantive = next((row[1] for row in rows if len(row[1].split()) >= 4), None)
    return LastContact(at=from_iso(rows[0][0]), last_person_text=substantive)


def count_turns(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM turns").fetchone()[0])
