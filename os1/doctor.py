"""`os1 doctor`: is the database healthy, and which optional parts are present?

Each check returns a `Finding` with what to do when something is missing. Checks never modify
anything: a damaged database is reported, not repaired.
"""

from __future__ import annotations

import importlib.util
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from os1.store.db import SQLITE_HEADER


@dataclass(frozen=True)
class Finding:
    name: str
    ok: bool
    detail: str
    fix: str | None = None
    required: bool = False


def check_database(path: Path) -> Finding:
    if not path.exists():
        return Finding("database", True, f"{path} does not exist yet (created on first use)", required=True)
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) not in (SQLITE_HEADER, b""):
            return Finding("database", False, f"{path} is not an SQLite file",
                           "Move it aside (it may belong to another program) and run `os1` again.", True)
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchall()
            has_migrations = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = '_migrations'").fetchone() is not None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return Finding("database", False, f"{path} cannot be read: {exc}",
                       "`os1 doctor --salvage FILE` exports what can be read; then `os1 import FILE` into a new "
                       "OS1_HOME.", True)
    verdict = ", ".join(row[0] for row in result)
    if verdict != "ok":
        return Finding("database", False, f"integrity_check: {verdict[:200]}",
                       "`os1 doctor --salvage FILE` exports what can be read; then `os1 import FILE` into a new "
                       "OS1_HOME.", True)
    if not has_migrations:
        return Finding("database", False, f"{path} is SQLite but not an OS1 database",
                       "Move it aside and run `os1` again.", True)
    return Finding("database", True, f"{path}: integrity_check ok", required=True)


def _module(name: str, label: str, fix: str) -> Callable[[], Finding]:
    def check() -> Finding:
        present = importlib.util.find_spec(name) is not None
        return Finding(label, present, "installed" if present else "not installed", None if present else fix)
    return check


def _binary(name: str, label: str, fix: str) -> Callable[[], Finding]:
    def check() -> Finding:
        where = shutil.which(name)
        return Finding(label, where is not None, where or "not found", None if where else fix)
    return check


OPTIONAL_CHECKS: tuple[Callable[[], Finding], ...] = (
    _module("spacy", "language understanding (spaCy)", "Run `make chat` again to reinstall OS1's dependencies."),
    _module("piper", "voice: speaking (piper)", "pip install 'os1[voice]'"),
    _module("faster_whisper", "voice: listening (faster-whisper)", "pip install 'os1[voice]'"),
    _module("uvicorn", "web app (os1 serve)", "pip install 'os1[web]'"),
    _binary("espeak-ng", "voice: fallback speech (espeak-ng)", "sudo apt-get install espeak-ng"),
    _module("llama_cpp", "local models in-process (llama-cpp-python)",
            "pip install 'os1[llamacpp]' (builds for ~4 minutes)"),
    _binary("chromium", "browser for web tests (chromium)", "sudo apt-get install chromium"),
    _binary("pdftoppm", "letter previews (poppler-utils)", "sudo apt-get install poppler-utils"),
)


def run_checks(db: Path) -> list[Finding]:
    return [check_database(db)] + [check() for check in OPTIONAL_CHECKS]
