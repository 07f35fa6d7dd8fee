"""The web app's door to the optional parts: memory search, people, letters, reminders and agenda.

Each function here calls one library function of another OS1 package. When that package (or the one
function) is not there yet, `FeatureMissing` is raised and the API answers 501 with a plain message,
so the page can say "not yet" instead of breaking. Wiring a feature in means editing only this file.
What this module leaves out: the features themselves (os1.memory, os1.people, os1.letters, os1.life).
"""

from __future__ import annotations

import importlib
import importlib.util
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
    if importlib.util.find_spec(module_name) is None:
        raise FeatureMissing(label, module_name)
    try:
        module = importlib.import_module(module_path)
        return getattr(module, name)
    except (ImportError, AttributeError):
        raise FeatureMissing(label, module_path) from None


def available() -> dict[str, bool]:
    """Which optional parts are importable (for the page to grey out what is missing)."""
    out: dict[str, bool] = {}
    for key, (_label, module) in FEATURES.items():
        try:
            out[key] = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):
            out[key] = False
    return out


# --- memory (os1.memory) -------------------------------------------------------------------------

def memory_search(conn: sqlite3.Connection, query: str, k: int) -> list[dict[str, Any]]:
    """Ranked memories for `query`: [{"id", "text", "ts", "speaker", "role", "score", "why"}]."""
    search = _function("memory", "search.search")
    return [_as_dict(hit) for hit in search(conn, query, k=k)]


def memory_edit(conn: sqlite3.Connection, turn_id: str, text: str) -> dict[str, Any]:
    """Correct what a memory says (the memory layer keeps its indexes and facts in step)."""
    edit = _function("memory", "manage.edit_turn")
    return _as_dict(edit(conn, turn_id, text))


def memory_forget(conn: sqlite3.Connection, turn_id: str) -> int:
    """Forget one turn: through os1.memory when present (it also drops what was derived from it and
    cleans its vector index), else by deleting the turn from the store. Returns how many were deleted."""
    from os1.store.conversation import delete_turns, get_turn

    if get_turn(conn, turn_id) is None:
        return 0
    try:
        forget = _function("memory", "manage.forget_turns")
    except FeatureMissing:
        return delete_turns(conn, [turn_id])
    return int(forget(conn, [turn_id]).turns)


# --- people (os1.people) ---------------------------------------------------------------------------

def people(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """The people map: [{"id", "label", "name", "relation", "last_contact", "cadence_days", ...}]."""
    list_people = _function("people", "tracker.list_people")
    out = []
    for record in list_people(conn):
        item = _as_dict(record)
        item["label"] = record.label
        item["cadence_days"] = record.cadence
        out.append(item)
    return out


def connections(conn: sqlite3.Connection) -> dict[str, Any]:
    """The connection dashboard: human contacts per week, goals and progress, who is drifting."""
    from os1.clock import utcnow

    build_report = _function("people", "dashboard.build_report")
    report = build_report(conn, utcnow())
    return {
        "weeks": _as_dict(report.weeks),
        "goals": [{"text": g.goal.text, "done": g.done, "target": g.goal.target, "met": g.met,
                   "period_days": g.goal.period_days} for g in report.goals],
        "drifting": [{"label": d.person.label, "days_since": d.days_since, "cadence": d.cadence}
                     for d in report.drifting],
    }


def connections_svg(conn: sqlite3.Connection) -> str:
    """The dashboard's chart (human contact per week, time with OS1 beside it) as SVG."""
    from os1.clock import utcnow

    build_report = _function("people", "dashboard.build_report")
    render_svg = _function("people", "dashboard.render_svg")
    return str(render_svg(build_report(conn, utcnow())))


# --- letters (os1.letters) -----------------------------------------------------------------------

def _letter_id(letter_id: str) -> int:
    from os1.errors import UserInputError

    if not letter_id.isdigit():
        raise UserInputError(f"'{letter_id[:40]}' is not a letter number.", "Letters are numbered 1, 2, 3…")
    return int(letter_id)


def letters(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Every letter, newest first: [{"id", "recipient", "status", "text", "created_at", ...}]."""
    list_letters = _function("letters", "library.list_letters")
    return [_as_dict(letter) for letter in list_letters(conn)]


def letter_draft(conn: sqlite3.Connection, to: str, body: str) -> dict[str, Any]:
    create = _function("letters", "library.create_letter")
    return _as_dict(create(conn, to, body, source="web"))


def _render(conn: sqlite3.Connection, letter_id: str, fmt: str) -> bytes:
    import tempfile

    get_letter = _function("letters", "library.get_letter")
    render_letter = _function("letters", "render.render_letter")
    letter = get_letter(conn, _letter_id(letter_id))
    with tempfile.TemporaryDirectory(prefix="os1-letter-") as folder:
        out = Path(folder) / f"letter-{letter.id}.{fmt}"
        # The same settings as `os1 letter send` attaches: a card, seeded by the id so re-renders match.
        result = render_letter(letter.text, out, fmt=fmt, layout="card", size="a5", seed=letter.id)
        return Path(result.files[0]).read_bytes()


def letter_preview_png(conn: sqlite3.Connection, letter_id: str) -> bytes:
    """The handwritten card's first page as a PNG image."""
    return _render(conn, letter_id, "png")


def letter_pdf(conn: sqlite3.Connection, letter_id: str) -> bytes:
    return _render(conn, letter_id, "pdf")


def letter_send(conn: sqlite3.Connection, letter_id: str, address: str, config: dict[str, Any]) -> dict[str, Any]:
    """Email the letter (text in the body, the card attached) with the [mail] account; mark it sent."""
    import os

    get_letter = _function("letters", "library.get_letter")
    mark_sent = _function("letters", "library.mark_sent")
    account_from_config = _function("letters", "send.account_from_config")
    send_letter = _function("letters", "send.send_letter")
    letter = get_letter(conn, _letter_id(letter_id))
    account = account_from_config(config.get("mail") or {}, os.environ)
    card = _render(conn, letter_id, "pdf")
    import tempfile

    with tempfile.TemporaryDirectory(prefix="os1-letter-") as folder:
        path = Path(folder) / f"letter-{letter.id}.pdf"
        path.write_bytes(card)
        person = conn.execute("SELECT name FROM person WHERE id = 1").fetchone()
        sender = person[0] if person and person[0] else "a friend"
        send_letter(account, address, f"A letter from {sender}", letter.text, path)
    sent = mark_sent(conn, letter.id, address)
    try:
        record = _function("letters", "recipients.record_letter_sent")
        record(conn, letter.person_id, letter.id)
    except FeatureMissing:
        pass
    return _as_dict(sent)


# --- reminders and agenda (os1.life) --------------------------------------------------------------

def _timezone(conn: sqlite3.Connection, config: dict[str, Any]) -> str | None:
    from os1.store.person import get_person

    return get_person(conn).timezone or (config.get("person") or {}).get("timezone")


def reminders(conn: sqlite3.Connection) -> list[dict[str, Any]]:
    """Pending reminders and follow-ups, soonest first."""
    list_items = _function("life", "reminders.list_items")
    return [_as_dict(item) for item in list_items(conn)]


def reminder_add(conn: sqlite3.Connection, text: str, due: str, config: dict[str, Any]) -> dict[str, Any]:
    """Add a reminder; `due` in plain words ("friday 6pm", "in 20 minutes", "every day at 8")."""
    from os1.clock import utcnow

    add = _function("life", "reminders.add_reminder")
    return _as_dict(add(conn, due, text, utcnow(), _timezone(conn, config)))


def agenda(conn: sqlite3.Connection, config: dict[str, Any], days: int = 7) -> list[dict[str, Any]]:
    """Calendar events of the coming `days`, recurrences expanded, in time order."""
    from os1.clock import utcnow

    events = _function("life", "calendar.agenda")
    return [_as_dict(event) for event in events(conn, utcnow(), days=days, tz_name=_timezone(conn, config))]


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
