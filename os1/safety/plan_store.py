"""The safety plan in SQLite: one row holding the plan as JSON, with its named migration.

What it holds: the `safety_0001_plan` migration (registered through `os1.store.migrations`) and
`load_plan()` / `save_plan()` over a connection. Why one JSON row: the plan is small, always read and
written whole, and its sections may grow; a row per entry would buy nothing.
What it leaves out: the plan's structure and edits (os1.safety.plan).
"""

from __future__ import annotations

import json
import sqlite3

from os1.clock import to_iso, utcnow
from os1.safety.plan import SafetyPlan
from os1.store.db import transaction
from os1.store.migrations import migration, run_script


@migration
def safety_0001_plan(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE safety_plan (
            id          INTEGER PRIMARY KEY CHECK (id = 1),
            data        TEXT NOT NULL,          -- JSON: one list per Stanley-Brown section
            updated_at  TEXT NOT NULL
        );
        """,
    )


def load_plan(conn: sqlite3.Connection) -> SafetyPlan:
    """The stored plan, or an empty one."""
    row = conn.execute("SELECT data FROM safety_plan WHERE id = 1").fetchone()
    if row is None:
        return SafetyPlan()
    return SafetyPlan.from_dict(json.loads(row[0]))


def save_plan(conn: sqlite3.Connection, plan: SafetyPlan) -> None:
    """Replace the stored plan with `plan` in one transaction."""
    data = json.dumps(plan.to_dict(), ensure_ascii=False)
    with transaction(conn):
        conn.execute(
            "INSERT INTO safety_plan (id, data, updated_at) VALUES (1, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
            (data, to_iso(utcnow())),
        )
