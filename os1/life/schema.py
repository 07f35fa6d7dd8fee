"""Tables for scheduled items and the inbox they are delivered into."""

from __future__ import annotations

import sqlite3

from os1.store.migrations import migration, run_script


@migration
def life_0001_schedule(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE scheduled (
            id           INTEGER PRIMARY KEY,
            kind         TEXT NOT NULL,          -- reminder | follow_up | nudge | checkin
            text         TEXT NOT NULL,
            due_at       TEXT NOT NULL,          -- next firing, UTC ISO
            local_time   TEXT,                   -- wall-clock HH:MM for recurring items
            tz           TEXT,                   -- the person's zone when it was set
            every        TEXT,                   -- NULL | day | week | weekday | month
            status       TEXT NOT NULL DEFAULT 'pending',   -- pending | done | cancelled
            respects_quiet_hours INTEGER NOT NULL DEFAULT 0,
            created_at   TEXT NOT NULL,
            source_turn  TEXT,
            payload      TEXT NOT NULL DEFAULT '{}'
        );
        CREATE INDEX scheduled_due ON scheduled (status, due_at);
        CREATE TABLE inbox (
            id           INTEGER PRIMARY KEY,
            scheduled_id INTEGER REFERENCES scheduled(id) ON DELETE SET NULL,
            due_at       TEXT NOT NULL,
            kind         TEXT NOT NULL,
            text         TEXT NOT NULL,
            delivered_at TEXT NOT NULL,
            seen_at      TEXT,
            UNIQUE (scheduled_id, due_at)        -- one delivery per firing, even across crashes
        );
        """,
    )


@migration
def life_0002_calendars(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE calendars (
            id        INTEGER PRIMARY KEY,
            name      TEXT NOT NULL,
            path      TEXT NOT NULL UNIQUE,
            content   TEXT,                 -- the imported text; NULL when the file is followed
            followed  INTEGER NOT NULL DEFAULT 0,
            added_at  TEXT NOT NULL
        );
        """,
    )


@migration
def life_0003_mail(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE mail_messages (
            id          INTEGER PRIMARY KEY,
            account     TEXT NOT NULL,
            folder      TEXT NOT NULL,
            uid         TEXT NOT NULL,
            message_id  TEXT,
            from_addr   TEXT,
            from_name   TEXT,
            to_addrs    TEXT,
            subject     TEXT,
            sent_at     TEXT,
            size        INTEGER,
            headers     TEXT NOT NULL DEFAULT '{}',   -- the few headers triage reads
            snippet     TEXT,                          -- untrusted outside text
            category    TEXT,                          -- important | people | newsletters | promotions | junk
            reasons     TEXT NOT NULL DEFAULT '[]',
            state       TEXT NOT NULL DEFAULT 'inbox', -- inbox | archived | deleted
            UNIQUE (account, folder, uid)
        );
        CREATE INDEX mail_by_category ON mail_messages (account, category);
        """,
    )
