"""Remembering a turn, and the derived memories made from turns: facts, dates, session summaries.

`remember_turn` is what the turn pipeline calls after it stores a turn: the full-text index and the
embedding queue are filled by triggers, so all that is left is reading facts out of the person's words
(a few regexes, well under a millisecond). Embeddings are made in batches later
(`os1.memory.vectors.index_pending`, called before a search and at the end of an import).
What this module leaves out: importing files (os1.memory.importer), editing and forgetting (.manage).
"""

from __future__ import annotations

import re
import sqlite3

from os1.clock import to_iso, utcnow
from os1.memory.facts import remember_facts
from os1.store.conversation import Turn
from os1.store.db import transaction

SUMMARY_SENTENCES = 3


def remember_turn(conn: sqlite3.Connection, turn: Turn) -> int:
    """Derive memories from a stored turn; returns how many facts it stated."""
    if turn.role != "person":
        return 0
    with transaction(conn):
        return remember_facts(conn, turn.id, turn.text, turn.ts)


def summarise_session(conn: sqlite3.Connection, session_id: int) -> str | None:
    """An extractive summary of a session: its most informative sentences the person said, in order.

    A language-model provider may replace it (method 'llm'); the built-in mind picks sentences by the
    same importance measure search uses.
    """
    from os1.memory.search import importance

    rows = conn.execute(
        "SELECT text FROM turns WHERE session_id = ? AND role = 'person' ORDER BY ts, rowid", (session_id,)
    ).fetchall()
    sentences = [
        s.strip() for (text,) in rows for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 4
    ]
    if not sentences:
        return None
    ranked = sorted(range(len(sentences)), key=lambda i: importance(sentences[i], "person"), reverse=True)
    chosen = sorted(ranked[:SUMMARY_SENTENCES])
    summary = " ".join(sentences[i] for i in chosen)
    with transaction(conn):
        conn.execute(
            "INSERT OR REPLACE INTO memory_summaries (session_id, text, method, created_at) "
            "VALUES (?, ?, 'extractive', ?)",
            (session_id, summary, to_iso(utcnow())),
        )
    return summary


def upcoming_dates(conn: sqlite3.Connection, month: int, day: int, days: int = 14) -> list[dict[str, object]]:
    """Important dates (birthdays...) falling within `days` after month/day."""
    from datetime import date, timedelta

    start = date(2000, month, day)  # a leap year, so 29 February is representable
    wanted = {((start + timedelta(days=i)).month, (start + timedelta(days=i)).day) for i in range(days + 1)}
    rows = conn.execute("SELECT what, month, day, kind, turn_id FROM memory_dates").fetchall()
    return [
        {"what": r[0], "month": r[1], "day": r[2], "kind": r[3], "turn_id": r[4]}
        for r in rows
        if (r[1], r[2]) in wanted
    ]
