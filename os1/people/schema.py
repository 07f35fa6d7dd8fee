"""Tables of the people map: people, their dates, what was shared about them, contacts, goals, nudges."""

from __future__ import annotations

import sqlite3

from os1.store.migrations import migration, run_script


@migration
def people_0001_initial(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE people (
            id           INTEGER PRIMARY KEY,
            name         TEXT,                 -- first name or full name as the person says it
            surname      TEXT,
            nickname     TEXT,
            relation     TEXT,                 -- sister, mum, friend, colleague, partner ...
            cadence_days INTEGER,              -- how often the person wants to be in touch (NULL: default)
            important    INTEGER NOT NULL DEFAULT 0,
            emails       TEXT NOT NULL DEFAULT '[]',
            phones       TEXT NOT NULL DEFAULT '[]',
            source       TEXT NOT NULL DEFAULT 'conversation',   -- conversation | vcard | manual
            created_at   TEXT NOT NULL,
            updated_at   TEXT NOT NULL,
            CHECK (name IS NOT NULL OR relation IS NOT NULL)
        );
        CREATE INDEX people_by_name ON people (name COLLATE NOCASE);
        CREATE TABLE person_dates (
            id          INTEGER PRIMARY KEY,
            person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            kind        TEXT NOT NULL,           -- birthday | anniversary
            month       INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
            day         INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
            year        INTEGER,
            UNIQUE (person_id, kind)
        );
        CREATE TABLE person_notes (
            id          INTEGER PRIMARY KEY,
            person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            text        TEXT NOT NULL,
            turn_id     TEXT,
            at          TEXT NOT NULL
        );
        CREATE TABLE contacts (
            id          INTEGER PRIMARY KEY,
            person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
            at          TEXT NOT NULL,           -- when the contact happened (UTC ISO)
            kind        TEXT NOT NULL,           -- met | call | message | letter | email | said
            source      TEXT NOT NULL,           -- conversation | letter | email | manual
            turn_id     TEXT,
            note        TEXT
        );
        CREATE INDEX contacts_by_person ON contacts (person_id, at);
        CREATE TABLE connection_goals (
            id          INTEGER PRIMARY KEY,
            text        TEXT NOT NULL,
            target      INTEGER NOT NULL,        -- contacts per period
            period_days INTEGER NOT NULL,
            relation    TEXT,                    -- any person of this relation group counts (friend, family)
            person_id   INTEGER REFERENCES people(id) ON DELETE CASCADE,
            weekday     INTEGER,                 -- 0=Monday … for "on Sundays"
            kinds       TEXT NOT NULL DEFAULT 'met,call,message,letter,email',  -- contact kinds that count
            created_at  TEXT NOT NULL,
            active      INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE nudges (
            id          INTEGER PRIMARY KEY,
            person_id   INTEGER REFERENCES people(id) ON DELETE CASCADE,
            kind        TEXT NOT NULL,           -- drift | birthday | lonely
            text        TEXT NOT NULL,
            created_at  TEXT NOT NULL,
            status      TEXT NOT NULL DEFAULT 'open',   -- open | snoozed | dismissed | acted
            snooze_until TEXT,
            key         TEXT NOT NULL               -- what it is about, so it is never repeated
        );
        CREATE INDEX nudges_by_key ON nudges (key);
        """,
    )
