"""The person OS1 belongs to: their name, how they like to be addressed, country and time zone."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from os1.clock import to_iso, utcnow
from os1.store.db import transaction


@dataclass(frozen=True)
class Person:
    name: str | None = None
    address_as: str | None = None
    country: str | None = None
    timezone: str | None = None

    @property
    def call_name(self) -> str | None:
        """What to call them in conversation: their preferred form, else their name."""
        return self.address_as or self.name


def get_person(conn: sqlite3.Connection) -> Person:
    row = conn.execute("SELECT name, address_as, country, timezone FROM person WHERE id = 1").fetchone()
    return Person(*row) if row else Person()


def update_person(conn: sqlite3.Connection, **fields: str | None) -> Person:
    """Set some of name, address_as, country, timezone (others unchanged)."""
    allowed = {"name", "address_as", "country", "timezone"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"unknown person fields: {sorted(unknown)}")
    now = to_iso(utcnow())
    with transaction(conn):
        conn.execute(
            "INSERT INTO person (id, created_at, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO NOTHING",
            (now, now),
        )
        for key, value in fields.items():
            conn.execute(f"UPDATE person SET {key} = ?, updated_at = ? WHERE id = 1", (value, now))
    return get_person(conn)
