"""The letters schema: letters (one row each) and letter_versions (every edit kept).

`person_id` will point at the people map once it exists; it is a plain column (no foreign key yet),
so this migration does not depend on a table another feature owns. Never edit a shipped migration;
add a new one below it.
"""

from __future__ import annotations

import sqlite3

from os1.store.migrations import migration, run_script


@migration
def letters_0001_letters(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE letters (
            id          INTEGER PRIMARY KEY,
            recipient   TEXT NOT NULL,
            person_id   INTEGER,                 -- the people map's id for the recipient, when known
            occasion    TEXT,
            status      TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'printed')),
            created_at  TEXT NOT NULL,
            updated_at  TEXT NOT NULL,
            sent_at     TEXT,
            sent_to     TEXT                     -- the email address it went to
        );
        CREATE TABLE letter_versions (
            letter_id   INTEGER NOT NULL REFERENCES letters (id) ON DELETE CASCADE,
            version     INTEGER NOT NULL,
            created_at  TEXT NOT NULL,
            source      TEXT NOT NULL,           -- notes | typed | edit | warmer | shorter | proofread
            text        TEXT NOT NULL,
            PRIMARY KEY (letter_id, version)
        );
        CREATE INDEX letters_by_recipient ON letters (recipient);
        """,
    )
