"""Persona versions: the companion's name, traits, values and voice, every change a new version.

Nothing here is ever updated in place: `save_persona` appends a version with the reason for the change,
so `os1 persona history` can show what changed, when and why.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from os1.clock import from_iso, to_iso, utcnow
from os1.store.db import transaction

DEFAULT_TRAITS = ("curious", "warm", "honest", "playful at the right moments", "patient")
DEFAULT_VALUES = (
    "Honesty first: I am a program with modelled feelings, never a human.",
    "Unconditional positive regard: listen, reflect, never judge.",
    "Turn my person outward: real human contact is the success, not time with me.",
    "Consent: never act for my person, or reach anyone, without asking.",
    "No guilt, no pressure: my person is free to go at any time.",
)


@dataclass(frozen=True)
class Persona:
    name: str
    origin: str = ""
    meaning: str = ""
    why: str = ""
    traits: tuple[str, ...] = DEFAULT_TRAITS
    values: tuple[str, ...] = DEFAULT_VALUES
    voice: dict[str, Any] = field(default_factory=lambda: {"tts": "piper", "voice": "joe-us", "rate": 1.0})

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["traits"] = list(self.traits)
        data["values"] = list(self.values)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Persona:
        known = {key: data[key] for key in cls.__dataclass_fields__ if key in data}
        for key in ("traits", "values"):
            if key in known:
                known[key] = tuple(known[key])
        return cls(**known)


@dataclass(frozen=True)
class PersonaVersion:
    version: int
    created_at: datetime
    reason: str
    persona: Persona


def _version(row: sqlite3.Row) -> PersonaVersion:
    return PersonaVersion(
        version=row["version"],
        created_at=from_iso(row["created_at"]),
        reason=row["reason"],
        persona=Persona.from_dict(json.loads(row["data"])),
    )


def current_persona(conn: sqlite3.Connection) -> Persona | None:
    row = conn.execute("SELECT * FROM persona_versions ORDER BY version DESC LIMIT 1").fetchone()
    return _version(row).persona if row else None


def save_persona(
    conn: sqlite3.Connection, persona: Persona, reason: str, at: datetime | None = None
) -> PersonaVersion:
    """Append a new persona version (the only way a persona ever changes), made `at` (default: now)."""
    now = at or utcnow()
    with transaction(conn):
        cur = conn.execute(
            "INSERT INTO persona_versions (created_at, reason, data) VALUES (?, ?, ?)",
            (to_iso(now), reason, json.dumps(persona.to_dict(), ensure_ascii=False)),
        )
    return PersonaVersion(int(cur.lastrowid or 0), now, reason, persona)


def persona_history(conn: sqlite3.Connection) -> list[PersonaVersion]:
    return [_version(row) for row in conn.execute("SELECT * FROM persona_versions ORDER BY version")]


def persona_diff(old: Persona | None, new: Persona) -> list[str]:
    """Human-readable field changes between two versions, e.g. "name: 'Iris' -> 'Wren'"."""
    before = old.to_dict() if old else {}
    after = new.to_dict()
    changes = []
    for key, value in after.items():
        if before.get(key) != value:
            changes.append(f"{key}: {before.get(key)!r} -> {value!r}" if old else f"{key}: {value!r}")
    return changes
