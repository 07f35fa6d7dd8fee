"""Helpers shared by the provider tests: a store whose first meeting is done, and a companion on it."""

from __future__ import annotations

import sqlite3

from tests.conftest import met_companion

__all__ = ["met_companion", "stored_reply"]


def stored_reply(conn: sqlite3.Connection, turn_id: str) -> sqlite3.Row:
    row = conn.execute("SELECT text, meta FROM turns WHERE id = ?", (turn_id,)).fetchone()
    assert row is not None
    return row
