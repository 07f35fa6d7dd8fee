"""The store: pragmas, named migrations, upgrades, and refusing files that are not ours."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from os1.errors import DatabaseBusy, ForeignDatabase
from os1.store import connect, open_store, transaction
from os1.store.conversation import add_turn, recent_turns, start_session
from os1.store.migrations import all_migrations, applied_migrations, apply_migrations


def test_open_store_sets_pragmas_and_records_migrations(tmp_path: Path) -> None:
    conn = open_store(tmp_path / "os1.db")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 1000
    assert applied_migrations(conn) == [m.name for m in all_migrations()]
    # Opening again applies nothing new.
    assert apply_migrations(conn) == []


def test_upgrade_from_the_first_schema_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "os1.db"
    conn = connect(path)
    first = all_migrations()[0].name
    assert apply_migrations(conn, upto=first) == [first]
    # Write data the way the first schema allowed, then upgrade.
    with transaction(conn):
        conn.execute("INSERT INTO sessions (id, started_at) VALUES (1, '2026-01-01T00:00:00.000+00:00')")
        conn.execute(
            "INSERT INTO turns (id, session_id, ts, speaker, role, text) "
            "VALUES ('t1', 1, '2026-01-01T00:00:01.000+00:00', 'Sam', 'person', 'hello from the past')"
        )
    conn.close()
    upgraded = open_store(path)
    assert applied_migrations(upgraded) == [m.name for m in all_migrations()]
    assert [t.text for t in recent_turns(upgraded)] == ["hello from the past"]
    assert upgraded.execute("SELECT count(*) FROM state").fetchone()[0] == 0


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    conn = open_store(tmp_path / "os1.db")
    with pytest.raises(sqlite3.IntegrityError):
        add_turn(conn, 999, "person", "Sam", "no such session")


def test_a_non_sqlite_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "os1.db"
    path.write_bytes(b"these are my tax notes, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(ForeignDatabase) as caught:
        open_store(path)
    assert "os1 doctor" in str(caught.value)
    assert path.read_bytes() == before


def test_a_foreign_sqlite_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "os1.db"
    other = sqlite3.connect(path)
    other.execute("CREATE TABLE recipes (name TEXT)")
    other.execute("INSERT INTO recipes VALUES ('soup')")
    other.commit()
    other.close()
    before = path.read_bytes()
    with pytest.raises(ForeignDatabase):
        open_store(path)
    assert path.read_bytes() == before


def test_a_held_write_lock_becomes_database_busy(tmp_path: Path) -> None:
    path = tmp_path / "os1.db"
    writer = open_store(path)
    session = start_session(writer)
    writer.execute("BEGIN IMMEDIATE")
    try:
        waiting = open_store(path)
        waiting.execute("PRAGMA busy_timeout = 100")
        with pytest.raises(DatabaseBusy) as caught:
            add_turn(waiting, session, "person", "Sam", "blocked")
        assert "try again" in str(caught.value).lower()
    finally:
        writer.execute("ROLLBACK")
    # Once the lock is released the same write succeeds: nothing was lost or half-written.
    add_turn(waiting, session, "person", "Sam", "now it works")
    assert [t.text for t in recent_turns(waiting)] == ["now it works"]
