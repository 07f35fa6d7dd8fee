"""Helpers shared by the provider tests: a store whose first meeting is done, and a companion on it."""

from __future__ import annotations

import sqlite3

from os1.companion import Companion
from os1.providers.base import Provider
from os1.store import open_store

MEETING_LINES = ("Theodore", "Teddy is fine", "I like it")


def met_companion(provider: Provider | None = None) -> tuple[Companion, sqlite3.Connection]:
    """A companion in the test's OS1_HOME, past the first meeting, answering with `provider`."""
    conn = open_store()
    companion = Companion(conn, provider)
    for line in MEETING_LINES:
        reply = companion.reply(line)
        assert reply.kind == "meeting"
    return companion, conn


def stored_reply(conn: sqlite3.Connection, turn_id: str) -> sqlite3.Row:
    row = conn.execute("SELECT text, meta FROM turns WHERE id = ?", (turn_id,)).fetchone()
    assert row is not None
    return row
