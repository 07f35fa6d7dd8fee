"""The mind's own tables: its affect log, the open threads it means to follow up, what it knows.

Never edit a migration that has shipped; add a new one below it.
What this module leaves out: reading and writing those tables (os1.mind.affect, os1.mind.threads,
os1.mind.curiosity).
"""

from __future__ import annotations

import sqlite3

from os1.store.migrations import migration, run_script


@migration
def mind_0001_affect(conn: sqlite3.Connection) -> None:
    # One row per change of the companion's own state; the latest row is the current state and every
    # row says why it changed (shown by `os1 mood`).
    run_script(
        conn,
        """
        CREATE TABLE affect_log (
            id          INTEGER PRIMARY KEY,
            at          TEXT NOT NULL,
            valence     REAL NOT NULL,
            arousal     REAL NOT NULL,
            feelings    TEXT NOT NULL,          -- JSON {name: 0..1}
            label       TEXT NOT NULL,
            reasons     TEXT NOT NULL DEFAULT '[]',  -- JSON [{"feeling", "delta", "because"}]
            turn_id     TEXT
        );
        CREATE INDEX affect_log_by_time ON affect_log (at);
        """,
    )


@migration
def mind_0002_threads(conn: sqlite3.Connection) -> None:
    # Things the person will live through later ("my interview is on Friday") or left unresolved,
    # followed up once their time has passed, in a later session.
    run_script(
        conn,
        """
        CREATE TABLE open_threads (
            id          TEXT PRIMARY KEY,
            created_at  TEXT NOT NULL,
            session_id  INTEGER,
            turn_id     TEXT,
            kind        TEXT NOT NULL,          -- event | worry
            subject     TEXT NOT NULL,          -- "interview", "talk with your sister"
            said        TEXT NOT NULL,          -- the person's words, perspective turned
            event_at    TEXT,                   -- when it happens (ISO), if known
            due         TEXT NOT NULL,          -- not followed up before this moment
            status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'asked', 'closed')),
            asked_at    TEXT,
            closed_at   TEXT
        );
        CREATE INDEX open_threads_by_due ON open_threads (status, due);
        """,
    )


@migration
def mind_0003_known_topics(conn: sqlite3.Connection) -> None:
    # What the companion has learnt about each area of its person's life, so it never asks what it
    # already knows and can be curious about what it does not.
    run_script(
        conn,
        """
        CREATE TABLE known_topics (
            topic       TEXT NOT NULL,          -- work | family | friends | home | health | hobbies ...
            detail      TEXT NOT NULL,
            first_at    TEXT NOT NULL,
            last_at     TEXT NOT NULL,
            turn_id     TEXT,
            PRIMARY KEY (topic, detail)
        );
        CREATE TABLE asked_topics (
            topic       TEXT PRIMARY KEY,
            asked_at    TEXT NOT NULL,
            times       INTEGER NOT NULL DEFAULT 1
        );
        """,
    )
