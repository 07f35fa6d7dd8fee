"""The core schema: persona versions, the person, sessions and turns, small key-value state.

Never edit a migration that has shipped; add a new one below it.
"""

from __future__ import annotations

import sqlite3

from os1.store.migrations import migration, run_script


@migration
def core_0001_initial(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE persona_versions (
            version     INTEGER PRIMARY KEY,
            created_at  TEXT NOT NULL,
            reason      TEXT NOT NULL,
            data        TEXT NOT NULL          -- JSON: name, traits, values, voice, why the name
        );
        CREATE TABLE person (
            id          INTEGER PRIMARY KEY CHECK (id = 1),
            name        TEXT,
            address_as  TEXT,
            country     TEXT,
            timezone    TEXT,
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        );
        CREATE TABLE sessions (
            id          INTEGER PRIMARY KEY,
            started_at  TEXT NOT NULL,
            ended_at    TEXT,
            provider    TEXT,
            source      TEXT NOT NULL DEFAULT 'chat',   -- chat | import | web | voice
            external_id TEXT                             -- e.g. an imported conversation's id
        );
        CREATE TABLE turns (
            id          TEXT PRIMARY KEY,
            session_id  INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            ts          TEXT NOT NULL,
            speaker     TEXT NOT NULL,
            role        TEXT NOT NULL CHECK (role IN ('person', 'companion', 'other')),
            text        TEXT NOT NULL,
            meta        TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX turns_by_session ON turns (session_id, ts);
        CREATE INDEX turns_by_time ON turns (ts);
        """
    )


@migration
def core_0002_state(conn: sqlite3.Connection) -> None:
    # Small named state that must survive restarts (the first meeting's progress, last greeting...).
    run_script(
        conn,
        """
        CREATE TABLE state (
            key         TEXT PRIMARY KEY,
            value       TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        );
        CREATE INDEX sessions_by_external_id ON sessions (source, external_id);
        """
    )
