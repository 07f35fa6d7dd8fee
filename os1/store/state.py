"""Small named values that must survive restarts (the first meeting's progress, for example)."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from os1.clock import to_iso, utcnow
from os1.store.db import transaction


def get_state(conn: sqlite3.Connection, key: str, default: Any = None) -> Any:
    row = conn.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else default


def set_state(conn: sqlite3.Connection, key: str, value: Any) -> None:
    with transaction(conn):
        conn.execute(
            "INSERT INTO state (key, value, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            (key, json.dumps(value), to_iso(utcnow())),
        )
