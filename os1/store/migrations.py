"""Named, ordered schema migrations recorded in the `_migrations` table.

Each feature that owns tables writes its migrations in its own module with the `@migration` decorator;
`MIGRATION_MODULES` lists those modules in the order they must run (later modules may reference earlier
tables). A migration runs once, inside one transaction, and is never edited after it ships: change the
schema by adding a new one. Tables that can be rebuilt from others (search indexes) are declared with
`derived_table()` so export skips them and import rebuilds them.
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from os1.clock import to_iso, utcnow

MigrationFn = Callable[[sqlite3.Connection], None]

# Modules holding migrations, in the order they run. Add a feature's schema module here.
MIGRATION_MODULES: tuple[str, ...] = (
    "os1.store.schema",
    "os1.memory.schema",
    "os1.people.schema",
    "os1.life.schema",
    "os1.letters.schema",
    "os1.safety.plan_store",
    "os1.mind.schema",
)


@dataclass(frozen=True)
class Migration:
    name: str
    apply: MigrationFn


_REGISTRY: dict[str, list[Migration]] = {}
_DERIVED: dict[str, Callable[[sqlite3.Connection], None] | None] = {}


def migration(fn: MigrationFn) -> MigrationFn:
    """Register `fn` as the next migration of its module; its name is the function's name."""
    _REGISTRY.setdefault(fn.__module__, []).append(Migration(fn.__name__, fn))
    return fn


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run several SQL statements inside the caller's transaction.

    Why not `executescript`: it commits any open transaction first, which would make a migration
    half-applied if a later statement failed.
    """
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            conn.execute(pending)
            pending = ""
    if pending.strip():
        conn.execute(pending)


def derived_table(name: str, rebuild: Callable[[sqlite3.Connection], None] | None = None) -> None:
    """Declare a table (or a prefix of shadow tables) that export skips and import rebuilds."""
    _DERIVED[name] = rebuild


def derived_tables() -> dict[str, Callable[[sqlite3.Connection], None] | None]:
    """Derived tables declared so far (after `all_migrations()` has imported every module)."""
    all_migrations()
    return dict(_DERIVED)


def all_migrations() -> list[Migration]:
    """Every known migration, in the order it must run."""
    ordered: list[Migration] = []
    for module in MIGRATION_MODULES:
        importlib.import_module(module)
        ordered.extend(_REGISTRY.get(module, []))
    return ordered


def applied_migrations(conn: sqlite3.Connection) -> list[str]:
    """Names of the migrations already recorded in this database."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrations'"
    ).fetchone()
    if not exists:
        return []
    return [row[0] for row in conn.execute("SELECT name FROM _migrations ORDER BY rowid")]


def apply_migrations(conn: sqlite3.Connection, *, upto: str | None = None) -> list[str]:
    """Apply every pending migration (or those up to and including `upto`); return their names."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = set(applied_migrations(conn))
    newly: list[str] = []
    for item in all_migrations():
        if item.name not in done:
            conn.execute("BEGIN IMMEDIATE")
            try:
                # Re-check under the write lock: another process may have just applied it.
                if conn.execute("SELECT 1 FROM _migrations WHERE name = ?", (item.name,)).fetchone():
                    conn.execute("ROLLBACK")
                else:
                    item.apply(conn)
                    conn.execute(
                        "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
                        (item.name, to_iso(utcnow())),
                    )
                    conn.execute("COMMIT")
                    newly.append(item.name)
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        if upto is not None and item.name == upto:
            break
    return newly
