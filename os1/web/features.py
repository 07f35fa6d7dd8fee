"""The web app's door to the optional parts: memory search, people, letters, reminders and agenda.

Each function here calls one library function of another OS1 package. When that package (or the one
function) is not there yet, `FeatureMissing` is raised and the API answers 501 with a plain message,
so the page can say "not yet" instead of breaking. Wiring a feature in means editing only this file.
What this module leaves out: the features themselves (os1.memory, os1.people, os1.letters, os1.life).
"""

from __future__ import annotations

import importlib
import sqlite3
from pathlib import Path
from typing import Any


class FeatureMissing(Exception):
    """An optional OS1 part is not installed or not wired into the web app yet (HTTP 501)."""

    def __init__(self, feature: str, module: str) -> None:
        super().__init__(f"{feature} is not available in this OS1 yet ({module} is not installed).")
        self.feature = feature
        self.module = module


FEATURES = {
    "memory": ("Memory search", "os1.memory"),
    "people": ("People and connections", "os1.people"),
    "letters": ("Letters", "os1.letters"),
    "life": ("Reminders and agenda", "os1.life"),
}


def _function(feature: str, attribute: str) -> Any:
    """`attribute` of the feature's module, or FeatureMissing."""
    label, module_name = FEATURES[feature]
    module_path, _, name = f"{module_name}.{attribute}".rpartition(".")
    try:
        module = importlib.import_module(module_path)
        return getattr(module, name)
    except (ImportError, AttributeError):
        raise FeatureMissing(label, module_path) from None


def available() -> dict[str, bool]:
    """Which optional parts are importable (for the page to grey out what is missing)."""
    import importlib.util

    out: dict[str, bool] = {}
    for key, (_label, module) in FEATURES.items():
        try:
            out[key] = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):
            out[key] = False
    return out


# --- memory -------------------------------------------------------------------------------------

def memory_search(conn: sqlite3.Connection, query: str, k: int) -> list[dict[str, Any]]:
    """Ranked memories for `query`: [{"id", "text", "ts", "speaker", "score"}]."""
    search = _function("memory", "search")
    return [_as_dict(hit) for hit in search(conn, query, k=k)]


def memory_edit(conn: sqlite3.Connection, turn_id: str, text: str) -> dict[str, Any]:
    """Correct what a memory says (the memory layer keeps its index in step)."""
    edit = _function("memory", "edit")
    return _as_dict(edit(conn, turn_id, text))


# --- people -------------------------------------------------------------------------------------

def people(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    list_people = _function("people", "list_people")
    return [_as_dict(p) for p in list_people(conn)]


def connections(conn: sqlite3.Connection) -> dict[str, Any]:
    """The connection dashboard: goals, progress, who has drifted."""
    dashboard = _function("people", "dashboard")
    return _as_dict(dashboard(conn))


# --- letters ------------------------------------------------------------------------------------

def letters(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    list_letters = _function("letters", "list_letters")
    return [_as_dict(letter) for letter in list_letters(conn)]


def letter_draft(conn: sqlite3.Connection, home: Path, to: str, body: str) -> dict[str, Any]:
    draft = _function("letters", "draft")
    return _as_dict(draft(conn, to=to, body=body, home=home))


def letter_preview_png(conn: sqlite3.Connection, home: Path, letter_id: str) -> bytes:
    """The handwritten card as a PNG image."""
    preview = _function("letters", "preview_png")
    return bytes(preview(conn, letter_id, home=home))


def letter_pdf(conn: sqlite3.Connection, home: Path, letter_id: str) -> bytes:
    render = _function("letters", "render_pdf")
    return bytes(render(conn, letter_id, home=home))


def letter_send(conn: sqlite3.Connection, home: Path, letter_id: str) -> dict[str, Any]:
    send = _function("letters", "send")
    return _as_dict(send(conn, letter_id, home=home))


# --- reminders and agenda -----------------------------------------------------------------------

def reminders(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    list_reminders = _function("life", "list_reminders")
    return [_as_dict(r) for r in list_reminders(conn)]


def reminder_add(conn: sqlite3.Connection, text: str, due: str) -> dict[str, Any]:
    add = _function("life", "add_reminder")
    return _as_dict(add(conn, text=text, due=due))


def agenda(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    today = _function("life", "agenda")
    return [_as_dict(item) for item in today(conn)]


def _as_dict(value: Any) -> Any:
    """Dataclasses and rows to JSON-ready dicts; datetimes to ISO strings."""
    import dataclasses
    from datetime import datetime

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if isinstance(value, sqlite3.Row):
        value = dict(value)
    if isinstance(value, dict):
        return {str(k): _as_dict(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_as_dict(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    return value
