"""The memory tables: full-text and vector indexes over turns, facts, session summaries, important dates.

Indexes follow the turns through triggers, so any code that deletes or edits a turn (the TUI's
/forget, `os1 memory forget`, a cascade from a deleted session) also removes it from full-text search,
drops its vector (leaving a tombstone the ANN index file consumes) and removes facts that only it
supported. Facts, summaries and dates are the person's data and are exported; the indexes are
derived and rebuilt on import.
What this module leaves out: filling the tables (os1.memory.ingest, .facts, .vectors).
"""

from __future__ import annotations

import sqlite3

from os1.store.migrations import derived_table, migration, run_script


@migration
def memory_0001_initial(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE VIRTUAL TABLE memory_fts USING fts5(
            text, content='turns', content_rowid='rowid', tokenize='porter unicode61 remove_diacritics 2'
        );
        -- Turns waiting for an embedding (filled by trigger; emptied by os1.memory.vectors.index_pending).
        CREATE TABLE memory_pending (turn_id TEXT PRIMARY KEY);
        -- One vector per turn. vid never reuses a number (AUTOINCREMENT), so an ANN index file that
        -- lags behind can never confuse a new turn with a forgotten one.
        CREATE TABLE memory_vectors (
            vid      INTEGER PRIMARY KEY AUTOINCREMENT,
            turn_id  TEXT NOT NULL UNIQUE,
            model    TEXT NOT NULL,
            vec      BLOB NOT NULL             -- int8[384], scaled so the largest component is ±127
        );
        -- Vectors deleted since the ANN index file was last saved; the index removes them, then clears these.
        CREATE TABLE memory_vector_tombstones (vid INTEGER PRIMARY KEY);

        CREATE TABLE memory_facts (
            id          INTEGER PRIMARY KEY,
            subject     TEXT NOT NULL,          -- 'person' (the one OS1 talks with) or a name
            relation    TEXT NOT NULL,          -- sister, works_at, lives_in, birthday, likes, ...
            object      TEXT NOT NULL,
            first_said  TEXT NOT NULL,
            last_said   TEXT NOT NULL,
            confidence  REAL NOT NULL,
            current     INTEGER NOT NULL DEFAULT 1,   -- 0 once a newer value replaced it (history kept)
            replaced_at TEXT
        );
        CREATE INDEX memory_facts_by_key ON memory_facts (subject, relation, current);
        CREATE TABLE memory_fact_sources (
            fact_id INTEGER NOT NULL REFERENCES memory_facts(id) ON DELETE CASCADE,
            turn_id TEXT NOT NULL,
            PRIMARY KEY (fact_id, turn_id)
        );
        CREATE INDEX memory_fact_sources_by_turn ON memory_fact_sources (turn_id);

        CREATE TABLE memory_summaries (
            session_id INTEGER PRIMARY KEY REFERENCES sessions(id) ON DELETE CASCADE,
            text       TEXT NOT NULL,
            method     TEXT NOT NULL,           -- extractive | llm
            created_at TEXT NOT NULL
        );
        CREATE TABLE memory_dates (
            id      INTEGER PRIMARY KEY,
            what    TEXT NOT NULL,              -- "Anna's birthday"
            month   INTEGER NOT NULL,
            day     INTEGER NOT NULL,
            year    INTEGER,                    -- NULL when it recurs every year
            kind    TEXT NOT NULL,              -- birthday | anniversary | event
            turn_id TEXT NOT NULL
        );
        CREATE INDEX memory_dates_by_turn ON memory_dates (turn_id);

        CREATE TRIGGER memory_turns_ai AFTER INSERT ON turns BEGIN
            INSERT INTO memory_fts (rowid, text) VALUES (new.rowid, new.text);
            INSERT OR IGNORE INTO memory_pending (turn_id) VALUES (new.id);
        END;
        CREATE TRIGGER memory_turns_ad AFTER DELETE ON turns BEGIN
            INSERT INTO memory_fts (memory_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
            DELETE FROM memory_pending WHERE turn_id = old.id;
            INSERT OR IGNORE INTO memory_vector_tombstones (vid)
                SELECT vid FROM memory_vectors WHERE turn_id = old.id;
            DELETE FROM memory_vectors WHERE turn_id = old.id;
            DELETE FROM memory_facts
                WHERE id IN (SELECT fact_id FROM memory_fact_sources WHERE turn_id = old.id)
                AND NOT EXISTS (SELECT 1 FROM memory_fact_sources s
                                WHERE s.fact_id = memory_facts.id AND s.turn_id != old.id);
            DELETE FROM memory_fact_sources WHERE turn_id = old.id;
            DELETE FROM memory_dates WHERE turn_id = old.id;
            DELETE FROM memory_summaries WHERE session_id = old.session_id;
        END;
        CREATE TRIGGER memory_turns_au AFTER UPDATE OF text ON turns BEGIN
            INSERT INTO memory_fts (memory_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
            INSERT INTO memory_fts (rowid, text) VALUES (new.rowid, new.text);
            INSERT OR IGNORE INTO memory_vector_tombstones (vid)
                SELECT vid FROM memory_vectors WHERE turn_id = old.id;
            DELETE FROM memory_vectors WHERE turn_id = old.id;
            INSERT OR IGNORE INTO memory_pending (turn_id) VALUES (new.id);
            DELETE FROM memory_summaries WHERE session_id = old.session_id;
        END;
        """,
    )
    # Turns stored before this migration (the foundation's chat) get indexed too.
    rebuild_fts(conn)
    rebuild_vectors(conn)


def rebuild_fts(conn: sqlite3.Connection) -> None:
    """Re-read every turn into the full-text index (also fixes rowids moved by VACUUM)."""
    conn.execute("INSERT INTO memory_fts (memory_fts) VALUES ('rebuild')")


def rebuild_vectors(conn: sqlite3.Connection) -> None:
    """Forget every vector and queue every turn for embedding; the ANN file is rebuilt on next use."""
    conn.execute("DELETE FROM memory_vectors")
    conn.execute("DELETE FROM memory_vector_tombstones")
    conn.execute("DELETE FROM memory_pending")
    conn.execute("INSERT INTO memory_pending (turn_id) SELECT id FROM turns")
    from os1.memory.vectors import drop_index_file

    drop_index_file(conn)


def _noop(conn: sqlite3.Connection) -> None:
    """Rebuilt together with memory_vectors."""


derived_table("memory_fts", rebuild_fts)
derived_table("memory_vectors", rebuild_vectors)
derived_table("memory_vector_tombstones", _noop)
derived_table("memory_pending", _noop)
