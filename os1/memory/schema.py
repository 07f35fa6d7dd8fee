"""The memory tables: full-text and vector indexes over turns, facts, session summaries, important dates.

Full text (from memory_0002): `memory_fts` over each turn's words and speaker, `memory_fts_context`
over the words of the turn it answers (the one before it in its session), and `memory_speakers`
(every speaker and their number of turns), all kept by triggers on `turns`.

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


# The turn a turn answers: the one before it in its session (by time, then insertion order), so
# "Paddington 2." is found by "favourite film". Only this view knows it; `turns` has no such column.
_FTS_SOURCE = """
CREATE VIEW memory_fts_source AS
SELECT t.rowid AS rid,
       coalesce((SELECT substr(p.text, 1, 1000) FROM turns p
                 WHERE p.session_id = t.session_id AND p.ts <= t.ts AND p.rowid != t.rowid
                   AND (p.ts < t.ts OR p.rowid < t.rowid)
                 ORDER BY p.ts DESC, p.rowid DESC LIMIT 1), '') AS context
FROM turns t;
"""
# The turn after a given one in its session: its context is the given turn's words.
_NEXT = """(SELECT n.rowid FROM turns n
            WHERE n.session_id = {t}.session_id AND n.ts >= {t}.ts AND n.rowid != {t}.rowid
              AND (n.ts > {t}.ts OR n.rowid > {t}.rowid)
            ORDER BY n.ts, n.rowid LIMIT 1)"""
_RECONTEXT = """
    DELETE FROM memory_fts_context WHERE rowid = {rid};
    INSERT INTO memory_fts_context (rowid, context)
        SELECT rid, context FROM memory_fts_source WHERE rid = {rid} AND context != '';"""


@migration
def memory_0002_speaker_context(conn: sqlite3.Connection) -> None:
    """The speaker in the full-text index, the turn each turn answers in an index of its own, speakers.

    `memory_fts` becomes (text, speaker), still external content over `turns`. The words of the turn
    before go into `memory_fts_context`, a second FTS5 table with its own copy (no table holds them
    as a column, and SQLite 3.40 has no contentless delete): a table of its own, because FTS5 counts
    a word's documents over whole rows, whatever the column filter, so a context column would
    double every word's document count and blur which words are rare. Deleting or editing a turn
    re-indexes the context of the turn after it, so forgotten words leave that index too. Vectors
    are re-made: the other people of an imported chat now have their name in front of their words.
    """
    run_script(
        conn,
        """
        DROP TRIGGER memory_turns_ai;
        DROP TRIGGER memory_turns_ad;
        DROP TRIGGER memory_turns_au;
        DROP TABLE memory_fts;
        CREATE VIRTUAL TABLE memory_fts USING fts5(
            text, speaker, content='turns', content_rowid='rowid',
            tokenize='porter unicode61 remove_diacritics 2'
        );
        CREATE VIRTUAL TABLE memory_fts_context USING fts5(
            context, tokenize='porter unicode61 remove_diacritics 2'
        );
        -- Who speaks in memory, and in how many turns: a question that names one is about their turns.
        CREATE TABLE memory_speakers (name TEXT PRIMARY KEY, turns INTEGER NOT NULL);
        """
        + _FTS_SOURCE
        + f"""
        CREATE TRIGGER memory_turns_ai AFTER INSERT ON turns BEGIN
            INSERT INTO memory_fts (rowid, text, speaker) VALUES (new.rowid, new.text, new.speaker);
            {_RECONTEXT.format(rid="new.rowid")}
            {_RECONTEXT.format(rid=_NEXT.format(t="new"))}
            INSERT OR IGNORE INTO memory_pending (turn_id) VALUES (new.id);
            INSERT INTO memory_speakers (name, turns) VALUES (new.speaker, 1)
                ON CONFLICT (name) DO UPDATE SET turns = turns + 1;
        END;
        CREATE TRIGGER memory_turns_ad AFTER DELETE ON turns BEGIN
            INSERT INTO memory_fts (memory_fts, rowid, text, speaker)
                VALUES ('delete', old.rowid, old.text, old.speaker);
            DELETE FROM memory_fts_context WHERE rowid = old.rowid;
            {_RECONTEXT.format(rid=_NEXT.format(t="old"))}
            UPDATE memory_speakers SET turns = turns - 1 WHERE name = old.speaker;
            DELETE FROM memory_speakers WHERE name = old.speaker AND turns <= 0;
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
        CREATE TRIGGER memory_turns_au AFTER UPDATE OF text, speaker ON turns BEGIN
            INSERT INTO memory_fts (memory_fts, rowid, text, speaker)
                VALUES ('delete', old.rowid, old.text, old.speaker);
            INSERT INTO memory_fts (rowid, text, speaker) VALUES (new.rowid, new.text, new.speaker);
            {_RECONTEXT.format(rid=_NEXT.format(t="new"))}
            UPDATE memory_speakers SET turns = turns - 1 WHERE name = old.speaker;
            DELETE FROM memory_speakers WHERE name = old.speaker AND turns <= 0;
            INSERT INTO memory_speakers (name, turns) VALUES (new.speaker, 1)
                ON CONFLICT (name) DO UPDATE SET turns = turns + 1;
            INSERT OR IGNORE INTO memory_vector_tombstones (vid)
                SELECT vid FROM memory_vectors WHERE turn_id = old.id;
            DELETE FROM memory_vectors WHERE turn_id = old.id;
            INSERT OR IGNORE INTO memory_pending (turn_id) VALUES (new.id);
            DELETE FROM memory_summaries WHERE session_id = old.session_id;
        END;
        """,
    )
    rebuild_fts(conn)
    rebuild_speakers(conn)
    rebuild_vectors(conn)


def rebuild_fts(conn: sqlite3.Connection) -> None:
    """Re-read every turn into the full-text indexes (also fixes rowids moved by VACUUM)."""
    conn.execute("INSERT INTO memory_fts (memory_fts) VALUES ('rebuild')")
    has_context = conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'memory_fts_context'").fetchone()
    if has_context:  # from memory_0002 on
        conn.execute("DELETE FROM memory_fts_context")
        conn.execute(
            "INSERT INTO memory_fts_context (rowid, context) "
            "SELECT rid, context FROM memory_fts_source WHERE context != ''"
        )


def rebuild_speakers(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM memory_speakers")
    conn.execute("INSERT INTO memory_speakers (name, turns) SELECT speaker, count(*) FROM turns GROUP BY speaker")


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
derived_table("memory_speakers", rebuild_speakers)
