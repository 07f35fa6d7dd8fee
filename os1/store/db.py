"""Opening the database safely and running transactions.

Why the checks: a person's history is irreplaceable, so a file that is damaged or belongs to something
else is refused with a clear message and never written to. Why WAL + synchronous=FULL: every committed
turn must survive a crash (even power loss) and readers must not block the writer. Why secure_delete:
a forgotten memory's bytes must not linger in freed pages. Why 0600: the database is the person's
diary; SQLite gives the WAL and shared-memory files the database file's own mode, so creating (or
tightening) the database 0600 keeps all three private.
What this module leaves out: the schema (os1.store.migrations and the modules it lists).
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from os1.errors import DatabaseBusy, DatabaseCorrupt, ForeignDatabase, HomeError, StoreError
from os1.home import PRIVATE_FILE, make_private

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def _check_header(path: Path) -> None:
    """Refuse a non-empty file that is not SQLite at all."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise HomeError(f"OS1 cannot read {path} ({exc.strerror}).", "Check the file's permissions.") from exc
    if head and head != SQLITE_HEADER:
        raise ForeignDatabase(
            f"{path} is not an OS1 database (it is not SQLite). OS1 left it untouched.",
            "Move it aside or set OS1_HOME to another directory; `os1 doctor` explains more.",
        )


def translate_sqlite_error(exc: sqlite3.Error, path: Path | str) -> StoreError | HomeError:
    """Turn a raw sqlite3 error into the OS1 error a person can act on."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return DatabaseBusy(
            "The database is busy: another os1 process kept it locked.",
            "Wait a moment and try again; close other os1 windows if this keeps happening.",
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return HomeError(
            f"OS1 cannot write to {path}: the directory or file is read-only.",
            "Make it writable, or set OS1_HOME to a writable directory.",
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return DatabaseCorrupt(
            f"The database {path} is damaged ({exc}). OS1 left it untouched.",
            "Run `os1 doctor` for a check; restore from `os1 export` if you have one.",
        )
    return StoreError(f"Database error: {exc}", "Run `os1 doctor` to check the database.")


def connect(path: Path) -> sqlite3.Connection:
    """Open `path` with OS1's pragmas, without touching the schema.

    The connection is in autocommit mode: use `transaction()` for every write so each commit is explicit.
    """
    if path.exists():
        _check_header(path)
        for part in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if part.exists():
                make_private(part)
    else:
        _create_private(path)
    try:
        conn = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
        )
        conn.row_factory = sqlite3.Row
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        _refuse_foreign(conn)  # before any pragma that writes (WAL mode rewrites the file header)
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, path) from exc
    except ForeignDatabase:
        conn.close()
        raise
    return conn


def _create_private(path: Path) -> None:
    """Create the empty database file 0600 before SQLite does (SQLite would use 0644 under umask 022)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        pass
    except OSError:
        return  # a read-only directory and the like: SQLite's own error says it better


def _refuse_foreign(conn: sqlite3.Connection) -> None:
    """A database with tables but no `_migrations` belongs to something else: never touch it."""
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if names and "_migrations" not in names:
        raise ForeignDatabase(
            "This SQLite file was not made by OS1 (it has tables but no OS1 migrations). "
            "OS1 left it untouched.",
            "Move it aside or set OS1_HOME to another directory; `os1 doctor` explains more.",
        )


def open_store(path: Path | None = None, *, migrate: bool = True) -> sqlite3.Connection:
    """Open the home's database (or `path`) and bring its schema up to date."""
    from os1.home import db_path
    from os1.store.migrations import apply_migrations

    target = path or db_path()
    conn = connect(target)
    try:
        problem = quick_check(conn)
    except sqlite3.Error as exc:
        conn.close()
        raise translate_sqlite_error(exc, target) from exc
    if problem:
        conn.close()
        raise DatabaseCorrupt(
            f"The database {target} is damaged ({problem[:160]}). OS1 will not write to it.",
            "Run `os1 doctor --salvage FILE` to export what can still be read, then `os1 import FILE` "
            "with OS1_HOME set to a new directory.",
        )
    if migrate:
        try:
            apply_migrations(conn)
            from os1.store.bundle import finish_pending_import

            finish_pending_import(conn, target.parent)  # an import killed after its commit
        except sqlite3.Error as exc:
            conn.close()
            raise translate_sqlite_error(exc, target) from exc
        except Exception:
            conn.close()
            raise
    return conn


def quick_check(conn: sqlite3.Connection) -> str | None:
    """SQLite's quick_check (every page and record, without cross-checking indexes: ~0.4 s per 100 MB
    on a busy machine): None when the file is sound, else the first problems found. Run at every open,
    because a damaged file written to only gets worse and then cannot be exported."""
    rows = [str(row[0]) for row in conn.execute("PRAGMA quick_check(5)").fetchall()]
    return None if rows == ["ok"] else "; ".join(rows)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE … COMMIT, rolling back on any error.

    IMMEDIATE takes the write lock up front, so two writers wait on the busy timeout instead of
    failing half-way through.
    """
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, _db_file(conn)) from exc
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK")
        raise translate_sqlite_error(exc, _db_file(conn)) from exc


def _db_file(conn: sqlite3.Connection) -> str:
    row = conn.execute("PRAGMA database_list").fetchone()
    return str(row[2]) if row else "the database"
