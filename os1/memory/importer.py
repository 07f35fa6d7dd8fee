"""Importing conversations into memory: the JSONL turn format, chat exports and the MemoryBank JSON.

JSONL (PRODUCT.md §5): one turn per line, `{"id", "conversation", "timestamp", "speaker", "text"}`,
`id` and `conversation` optional, an optional `role` (person | companion | other). A file is read
twice: first every line is checked (JSON, fields, timestamp, duplicate ids within the file and against
the store) and nothing is written if anything is wrong, unless `skip_bad`; then all good lines go in
within one transaction, so a search running meanwhile sees either none of the file or all of it.
Given ids are kept; missing ones are made up and reported. Chat exports (WhatsApp / Signal text,
Telegram JSON, CSV: os1.memory.chatformats) get ids from their content, and messages already stored
are left alone, so importing the same export again adds nothing and a newer export adds what is new.
What this module leaves out: embedding (done after the transaction, in batches: os1.memory.vectors).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from os1.clock import to_iso
from os1.errors import UserInputError
from os1.memory.facts import remember_facts
from os1.memory.timeparse import parse_timestamp
from os1.store.conversation import new_turn_id
from os1.store.db import transaction

PERSON_WORDS = {"user", "me", "person", "human", "i"}
COMPANION_WORDS = {"assistant", "companion", "ai", "bot", "os1", "ai companion", "system"}
MAX_REPORTED = 20


@dataclass
class ParsedTurn:
    line: int
    id: str
    id_given: bool
    conversation: str
    ts: datetime
    speaker: str
    role: str
    text: str


@dataclass
class ImportReport:
    file: str
    imported: int = 0
    sessions: int = 0
    facts: int = 0
    ids: list[tuple[int, str, bool]] = field(default_factory=list)  # (line, id, given)
    problems: list[str] = field(default_factory=list)
    unknown_timestamps: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    skipped: int = 0
    already: int = 0  # chat exports: messages already in memory from an earlier import (left alone)
    format: str = "jsonl"

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "imported": self.imported,
            "sessions": self.sessions,
            "facts": self.facts,
            "skipped": self.skipped,
            "already_in_memory": self.already,
            "format": self.format,
            "problems": self.problems,
            "duplicates": self.duplicates,
            "unknown_timestamps": self.unknown_timestamps,
            "ids": [{"line": line, "id": tid, "given": given} for line, tid, given in self.ids],
        }


class ImportProblems(UserInputError):
    """A file had bad lines and nothing was imported; `report` lists them."""

    def __init__(self, report: ImportReport) -> None:
        shown = report.problems[:MAX_REPORTED]
        more = len(report.problems) - len(shown)
        lines = "\n".join(f"  {p}" for p in shown) + (f"\n  … and {more} more" if more > 0 else "")
        formats = ""
        if report.unknown_timestamps:
            formats = "\nUnknown timestamp formats: " + ", ".join(repr(t) for t in report.unknown_timestamps[:10])
        super().__init__(
            f"{report.file}: {len(report.problems)} bad line(s); nothing was imported.\n{lines}{formats}",
            "Fix those lines (timestamps in ISO 8601 or like '1:56 pm on 8 May, 2023'), "
            "or add --skip-bad to import only the good lines.",
        )
        self.report = report


def role_for(speaker: str, given: Any, me: set[str], companion_names: set[str]) -> str:
    if isinstance(given, str) and given in ("person", "companion", "other"):
        return given
    name = speaker.strip().lower()
    if name in me or name in PERSON_WORDS:
        return "person"
    if name in companion_names or name in COMPANION_WORDS:
        return "companion"
    return "other"


def _check_line(
    number: int, raw: str, report: ImportReport, me: set[str], companion_names: set[str], default_conv: str
) -> ParsedTurn | None:
    from os1.jsonsafe import loads

    try:
        obj = loads(raw)
    except json.JSONDecodeError as exc:
        report.problems.append(f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})")
        return None
    except ValueError as exc:  # nested too deep, a number too long (os1.jsonsafe)
        report.problems.append(f"line {number}: not valid JSON ({exc})")
        return None
    if not isinstance(obj, dict):
        report.problems.append(f"line {number}: expected a JSON object, got {type(obj).__name__}")
        return None
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        report.problems.append(f'line {number}: missing or empty "text"')
        return None
    speaker = obj.get("speaker")
    if not isinstance(speaker, str) or not speaker.strip():
        report.problems.append(f'line {number}: missing "speaker"')
        return None
    stamp = obj.get("timestamp", obj.get("ts"))
    if stamp is None or (isinstance(stamp, str) and not stamp.strip()):
        report.problems.append(f'line {number}: missing "timestamp"')
        return None
    ts = parse_timestamp(str(stamp))
    if ts is None:
        report.problems.append(f"line {number}: unknown timestamp format {str(stamp)[:60]!r}")
        if str(stamp) not in report.unknown_timestamps:
            report.unknown_timestamps.append(str(stamp)[:60])
        return None
    given_id = obj.get("id")
    if given_id is not None and (not isinstance(given_id, (str, int)) or not str(given_id).strip()):
        report.problems.append(f'line {number}: "id" must be a non-empty string')
        return None
    conv = obj.get("conversation")
    return ParsedTurn(
        line=number,
        id=str(given_id) if given_id is not None else new_turn_id(),
        id_given=given_id is not None,
        conversation=str(conv) if conv not in (None, "") else default_conv,
        ts=ts,
        speaker=speaker.strip(),
        role=role_for(speaker, obj.get("role"), me, companion_names),
        text=text,
    )


def _read_jsonl(path: Path) -> Iterator[tuple[int, str]]:
    try:
        with path.open(encoding="utf-8-sig", errors="strict") as handle:  # a BOM is accepted
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    yield number, line
    except UnicodeDecodeError as exc:
        raise UserInputError(
            f"{path} is not UTF-8 text ({exc.reason}); nothing was imported.",
            "Save the file as UTF-8 and try again.",
        ) from exc
    except OSError as exc:
        raise UserInputError(f"OS1 cannot read {path} ({exc.strerror}).", "Check the path.") from exc


def validate_jsonl(
    conn: sqlite3.Connection, path: Path, *, me: set[str], companion_names: set[str]
) -> tuple[list[ParsedTurn], ImportReport]:
    """Check every line; return the good turns and a report of the bad ones."""
    report = ImportReport(file=str(path))
    good: list[ParsedTurn] = []
    first_line: dict[str, int] = {}
    for number, raw in _read_jsonl(path):
        turn = _check_line(number, raw, report, me, companion_names, default_conv=path.stem)
        if turn is None:
            continue
        if turn.id in first_line:
            report.problems.append(f"line {number}: duplicate id {turn.id!r} (first on line {first_line[turn.id]})")
            report.duplicates.append(turn.id)
            continue
        first_line[turn.id] = number
        good.append(turn)
    given = [t.id for t in good if t.id_given]
    stored: set[str] = set()
    for start in range(0, len(given), 900):
        chunk = given[start : start + 900]
        marks = ",".join("?" * len(chunk))
        for (tid,) in conn.execute(f"SELECT id FROM turns WHERE id IN ({marks})", chunk):
            report.problems.append(f"line {first_line[tid]}: id {tid!r} is already in memory")
            report.duplicates.append(tid)
            stored.add(tid)
    good = [t for t in good if t.id not in stored]
    return good, report


def store_turns(
    conn: sqlite3.Connection,
    turns: list[ParsedTurn],
    report: ImportReport,
    *,
    source: str = "import",
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Write parsed turns (and their facts) in one transaction: all of them or none."""
    sessions: dict[str, int] = {}
    with transaction(conn):
        for n, turn in enumerate(turns, start=1):
            session = sessions.get(turn.conversation)
            if session is None:
                row = conn.execute(
                    "SELECT id FROM sessions WHERE source = ? AND external_id = ?",
                    (source, turn.conversation),
                ).fetchone()
                if row:
                    session = int(row[0])
                else:
                    cur = conn.execute(
                        "INSERT INTO sessions (started_at, provider, source, external_id) VALUES (?, NULL, ?, ?)",
                        (to_iso(turn.ts), source, turn.conversation),
                    )
                    session = int(cur.lastrowid or 0)
                    report.sessions += 1
                sessions[turn.conversation] = session
            conn.execute(
                "INSERT INTO turns (id, session_id, ts, speaker, role, text, meta) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    turn.id,
                    session,
                    to_iso(turn.ts),
                    turn.speaker,
                    turn.role,
                    turn.text,
                    json.dumps({"imported_line": turn.line}),
                ),
            )
            if turn.role == "person":
                report.facts += remember_facts(conn, turn.id, turn.text, turn.ts)
            elif turn.role == "other":  # a named speaker of an imported chat: facts under their name
                report.facts += remember_facts(conn, turn.id, turn.text, turn.ts, speaker=turn.speaker)
            report.ids.append((turn.line, turn.id, turn.id_given))
            report.imported += 1
            if progress and n % 500 == 0:
                progress(500)
        for session in sessions.values():
            conn.execute(
                "UPDATE sessions SET started_at = (SELECT min(ts) FROM turns WHERE session_id = ?), "
                "ended_at = (SELECT max(ts) FROM turns WHERE session_id = ?) WHERE id = ?",
                (session, session, session),
            )
    if progress:
        progress(len(turns) % 500)
    return report


def import_jsonl(
    conn: sqlite3.Connection,
    path: Path,
    *,
    skip_bad: bool = False,
    me: set[str] | None = None,
    companion_names: set[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import a JSONL file of turns; raise ImportProblems (nothing written) on bad lines unless skip_bad."""
    good, report = validate_jsonl(
        conn,
        path,
        me={m.lower() for m in me or set()},
        companion_names={c.lower() for c in companion_names or set()},
    )
    if report.problems and not skip_bad:
        raise ImportProblems(report)
    report.skipped = len(report.problems)
    return _summarise(conn, store_turns(conn, good, report, progress=progress))


def _summarise(conn: sqlite3.Connection, report: ImportReport) -> ImportReport:
    """Write an extractive summary for every conversation the import touched."""
    from os1.memory.ingest import summarise_session

    ids = [tid for _, tid, _ in report.ids]
    sessions: set[int] = set()
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        marks = ",".join("?" * len(chunk))
        sessions.update(
            r[0] for r in conn.execute(f"SELECT DISTINCT session_id FROM turns WHERE id IN ({marks})", chunk)
        )
    for session in sorted(sessions):
        summarise_session(conn, session)
    return report


# --- MemoryBank --------------------------------------------------------------------------------


def is_memorybank(path: Path) -> bool:
    if path.suffix.lower() != ".json":
        return False
    with path.open(encoding="utf-8") as handle:
        head = handle.read(4096)
    return '"history"' in head or '"meta_information"' in head


def memorybank_turns(path: Path, users: set[str] | None = None) -> tuple[list[ParsedTurn], ImportReport]:
    """MemoryBank's users -> query/response turn pairs with ids `mb-<user>-<date>-<n>-q|r`.

    Its turns carry only a date, so the n-th exchange of a day is placed at 09:00 + 2n minutes
    (the order is kept; the clock time is made up and documented as such).
    """
    report = ImportReport(file=str(path))
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise UserInputError(
            f"{path} is not readable JSON ({exc}); nothing was imported.",
            "Check that it is MemoryBank's memory_bank_en.json.",
        ) from exc
    if not isinstance(data, dict):
        raise UserInputError(f"{path} is not in the MemoryBank format.", "Expected an object keyed by user name.")
    turns: list[ParsedTurn] = []
    for raw_user, record in data.items():
        user = raw_user.strip()  # some keys carry stray spaces (" Jason ")
        if users and user.lower() not in users:
            continue
        history = record.get("history") if isinstance(record, dict) else None
        if not isinstance(history, dict):
            report.problems.append(f"user {user!r}: no history")
            continue
        slug = re.sub(r"[^a-z0-9]+", "_", user.lower()).strip("_")
        for day, exchanges in sorted(history.items()):
            base = parse_timestamp(day)
            if base is None:
                report.problems.append(f"user {user!r}: unknown date {day!r}")
                report.unknown_timestamps.append(day)
                continue
            base = base.replace(hour=9)
            for n, pair in enumerate(exchanges or []):
                at = base + timedelta(minutes=2 * n)
                conv = f"memorybank:{slug}:{day}"
                if pair.get("query"):
                    turns.append(
                        ParsedTurn(0, f"mb-{slug}-{day}-{n:02d}-q", True, conv, at, user, "person", pair["query"])
                    )
                if pair.get("response"):
                    turns.append(
                        ParsedTurn(
                            0,
                            f"mb-{slug}-{day}-{n:02d}-r",
                            True,
                            conv,
                            at + timedelta(minutes=1),
                            "AI companion",
                            "companion",
                            pair["response"],
                        )
                    )
    return turns, report


def import_memorybank(
    conn: sqlite3.Connection,
    path: Path,
    *,
    users: set[str] | None = None,
    skip_bad: bool = False,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    turns, report = memorybank_turns(path, {u.lower() for u in users} if users else None)
    ids = [t.id for t in turns]
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        marks = ",".join("?" * len(chunk))
        for (tid,) in conn.execute(f"SELECT id FROM turns WHERE id IN ({marks})", chunk):
            report.problems.append(f"id {tid!r} is already in memory")
            report.duplicates.append(tid)
    if report.problems and not skip_bad:
        raise ImportProblems(report)
    report.skipped = len(report.problems)
    dup = set(report.duplicates)
    return _summarise(conn, store_turns(conn, [t for t in turns if t.id not in dup], report, progress=progress))


# --- chat exports ---------------------------------------------------------------------------------


def stored_ids(conn: sqlite3.Connection, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in conn.execute(f"SELECT id FROM turns WHERE id IN ({marks})", chunk))
    return found


def import_chat_export(
    conn: sqlite3.Connection,
    path: Path,
    fmt: str,
    *,
    skip_bad: bool = False,
    me: set[str] | None = None,
    companion_names: set[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import a WhatsApp / Signal text export, a Telegram JSON export or a CSV (`fmt` from detect_format).

    `me` names the person (role person); `companion_names` the companion; everyone else is 'other'.
    Messages already in memory (same content id, or Telegram's own message id) are counted, not added.
    """
    from collections import Counter

    from os1.memory.chatformats import READERS, check_size, content_id, conversations

    check_size(path)
    report = ImportReport(file=str(path), format=fmt)
    messages = READERS[fmt](path, report.problems)
    if report.problems and not skip_bad:
        raise ImportProblems(report)
    report.skipped = len(report.problems)
    mine = {m.lower() for m in me or set()}
    companions = {c.lower() for c in companion_names or set()}
    seen: Counter[tuple[str, str, str, str]] = Counter()
    turns: list[ParsedTurn] = []
    ids: set[str] = set()
    for conv, msg in conversations(messages):
        key = (msg.chat, msg.ts.isoformat(), msg.speaker, msg.text)
        tid = msg.own_id or content_id(fmt, msg, seen[key])
        seen[key] += 1
        if tid in ids:  # an id given twice in one file (CSV): the first one stands
            report.duplicates.append(tid)
            continue
        ids.add(tid)
        role = role_for(msg.speaker, None, mine, companions)
        turns.append(ParsedTurn(msg.number, tid, msg.own_id is not None, conv, msg.ts, msg.speaker, role, msg.text))
    already = stored_ids(conn, [t.id for t in turns])
    report.already = len(already)
    fresh = [t for t in turns if t.id not in already]
    return _summarise(conn, store_turns(conn, fresh, report, progress=progress))
