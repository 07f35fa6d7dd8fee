"""Shared helpers for the memory tests: a real store in tmp_path and JSONL files written on the fly."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from os1.store import open_store


def open_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str = "home") -> sqlite3.Connection:
    home = tmp_path / name
    home.mkdir(parents=True, exist_ok=True)
    monkeypatch.setenv("OS1_HOME", str(home))
    return open_store()


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows), encoding="utf-8"
    )
    return path


STORY = [
    {
        "id": "a1",
        "conversation": "c1",
        "timestamp": "2023-04-20T19:00:00Z",
        "speaker": "Ana",
        "role": "person",
        "text": "My sister Bea moved to Lisbon for her new job.",
    },
    {
        "id": "a2",
        "conversation": "c1",
        "timestamp": "2023-04-20T19:01:00Z",
        "speaker": "Sam",
        "role": "companion",
        "text": "Lisbon is lovely. Do you miss your sister already?",
    },
    {
        "id": "a3",
        "conversation": "c2",
        "timestamp": "2023-05-06T10:00:00Z",
        "speaker": "Ana",
        "role": "person",
        "text": "This weekend I went kayaking on the river with Carl.",
    },
    {
        "id": "a4",
        "conversation": "c2",
        "timestamp": "2023-04-29T10:00:00Z",
        "speaker": "Ana",
        "role": "person",
        "text": "This weekend I stayed home and baked sourdough bread.",
    },
    {
        "id": "a5",
        "conversation": "c3",
        "timestamp": "2023-05-04T18:00:00Z",
        "speaker": "Ana",
        "role": "person",
        "text": "Today I had my dentist appointment, it went fine.",
    },
    {
        "id": "a6",
        "conversation": "c3",
        "timestamp": "2023-05-09T18:00:00Z",
        "speaker": "Ana",
        "role": "person",
        "text": "Bea sent me photos of the tiled houses, it looks sunny there.",
    },
    {
        "id": "a7",
        "conversation": "c3",
        "timestamp": "2023-05-09T18:01:00Z",
        "speaker": "Sam",
        "role": "companion",
        "text": "You told me the dentist appointment went fine, I'm glad.",
    },
]
