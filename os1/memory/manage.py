"""Looking at, correcting and forgetting single memories.

Forgetting is real: deleting the turn fires the schema's triggers, which remove it from the full-text
index, drop its vector, and delete facts, dates and summaries that rested on it; the ANN index file
then drops the vector too and is saved. `secure=True` also overwrites freed pages
(PRAGMA secure_delete) and runs VACUUM, then rebuilds the full-text index because VACUUM may renumber
the turns' rowids.
What this module leaves out: searching (os1.memory.search).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from os1.errors import UserInputError
from os1.memory.facts import remember_facts
from os1.store.conversation import Turn, get_turn
from os1.store.db import transaction


@dataclass(frozen=True)
class ForgetReport:
    turns: int
    facts: int


def require_turn(conn: sqlite3.Connection, turn_id: str) -> Turn:
    turn = get_turn(conn, turn_id)
    if turn is None:
        raise UserInputError(
            f"No memory has the id {turn_id!r}.", "Find ids with `os1 memory list` or `os1 memory search`."
        )
    return turn


def list_turns(
    conn: sqlite3.Connection, *, limit: int = 20, offset: int = 0, role: str | None = None
) -> list[sqlite3.Row]:
    """Most recent turns first."""
    sql = "SELECT id, ts, speaker, role, text FROM turns"
    args: list[Any] = []
    if role:
        sql += " WHERE role = ?"
        args.append(role)
    sql += " ORDER BY ts DESC, rowid DESC LIMIT ? OFFSET ?"
    return conn.execute(sql, [*args, limit, offset]).fetchall()


def facts_from_turn(conn: sqlite3.Connection, turn_id: str) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT f.id, f.subject, f.relation, f.object, f.current FROM memory_facts f "
        "JOIN memory_fact_sources s ON s.fact_id = f.id WHERE s.turn_id = ?",
        (turn_id,),
    ).fetchall()


def edit_turn(conn: sqlite3.Connection, turn_id: str, text: str) -> Turn:
    """Correct what a turn says; its indexes follow and its facts are read again."""
    turn = require_turn(conn, turn_id)
    if not text.strip():
        raise UserInputError("The new text is empty.", "To remove a memory use `os1 memory forget ID`.")
    with transaction(conn):
        conn.execute("UPDATE turns SET text = ? WHERE id = ?", (text, turn_id))
        # Facts that rested only on the old words go; the new words are read afresh.
        conn.execute(
            "DELETE FROM memory_facts "
            "WHERE id IN (SELECT fact_id FROM memory_fact_sources WHERE turn_id = ?) "
            "AND NOT EXISTS (SELECT 1 FROM memory_fact_sources s "
            "                WHERE s.fact_id = memory_facts.id AND s.turn_id != ?)",
            (turn_id, turn_id),
        )
        conn.execute("DELETE FROM memory_fact_sources WHERE turn_id = ?", (turn_id,))
        conn.execute("DELETE FROM memory_dates WHERE turn_id = ?", (turn_id,))
        if turn.role == "person":
            remember_facts(conn, turn_id, text, turn.ts)
    updated = get_turn(conn, turn_id)
    assert updated is not None
    return updated


def forget_turns(conn: sqlite3.Connection, turn_ids: list[str], *, secure: bool = False) -> ForgetReport:
    """Delete turns and everything derived from them, then make the ANN index file forget them too."""
    from os1.memory.vectors import vector_index

    for turn_id in turn_ids:
        require_turn(conn, turn_id)
    facts_before = int(conn.execute("SELECT count(*) FROM memory_facts").fetchone()[0])
    if secure:
        conn.execute("PRAGMA secure_delete = ON")
    with transaction(conn):
        deleted = 0
        for turn_id in turn_ids:
            deleted += conn.execute("DELETE FROM turns WHERE id = ?", (turn_id,)).rowcount
    facts_after = int(conn.execute("SELECT count(*) FROM memory_facts").fetchone()[0])
    ann = vector_index(conn)  # applies the tombstones
    ann.save(conn)
    if secure:
        from os1.memory.schema import rebuild_fts
        from os1.memory.vectors import drop_index_file

        # A rebuilt index file holds no trace of removed vectors (HNSW removal only marks them).
        drop_index_file(conn)
        vector_index(conn).save(conn)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")
        with transaction(conn):
            rebuild_fts(conn)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return ForgetReport(turns=deleted, facts=facts_before - facts_after)
