"""Reading common chat exports into turns: WhatsApp / Signal text exports, Telegram JSON, generic CSV.

Each reader turns a file into `ParsedTurn`s with ids made from the content (the chat, the time, the
speaker, the words and how many times that exact message came before), or from the export's own
message ids (Telegram), so importing the same export twice — or a newer export of the same chat —
adds only what is new. A chat export is one long stream; it is cut into conversations where the
chat goes quiet for more than `SESSION_GAP`, so "the turn before" stays within one conversation.
`detect_format` tells the formats apart from the file's first lines; an unknown one gets a one-line
error. Mixed encodings: each line is read as UTF-8, and a line that is not is read as Windows-1252
(no text is dropped).
What this module leaves out: writing turns (os1.memory.importer.store_turns), the JSONL format and
MemoryBank (os1.memory.importer).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from os1.errors import UserInputError
from os1.memory.timeparse import parse_timestamp

SESSION_GAP = timedelta(hours=6)  # a quiet gap this long starts a new conversation
MAX_EXPORT_BYTES = 1 << 30  # an export is parsed whole before one transaction; beyond this, ask for parts
FORMATS = ("jsonl", "memorybank", "whatsapp", "telegram", "csv")
UNKNOWN_FORMAT = (
    "{path}: not a chat format OS1 can import (expected JSONL turns, a WhatsApp or Signal text export, "
    "Telegram's result.json, MemoryBank JSON, or CSV with timestamp, speaker and text columns)."
)

# "12/05/2023, 14:03 - Dana: text" (Android), "[12/05/2023, 14:03:22] Dana: text" (iOS),
# "[2023-05-12 14:03] Dana: text" (signal-export and similar). Times may be 12-hour ("2:03 PM").
_LINE = re.compile(
    r"^\[?(?P<date>\d{1,4}[./-]\d{1,2}[./-]\d{1,4}),?\s+(?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?"
    r"(?:\s?[AaPp]\.?\s?[Mm]\.?)?)\]?\s*(?:-\s*)?(?P<rest>.*)$"
)
_SPEAKER = re.compile(r"^(?P<speaker>[^:]{1,60}?):\s(?P<text>.*)$")
_SKIP_TEXT = {
    "<media omitted>",
    "<attached>",
    "image omitted",
    "video omitted",
    "sticker omitted",
    "audio omitted",
    "gif omitted",
    "document omitted",
    "this message was deleted",
}
_CSV_COLUMNS = {
    "timestamp": ("timestamp", "time", "date", "datetime", "sent", "sent_at", "created_at", "ts"),
    "speaker": ("speaker", "sender", "from", "author", "name", "user", "who"),
    "text": ("text", "message", "body", "content", "msg"),
    "id": ("id", "message_id", "msg_id"),
    "conversation": ("conversation", "chat", "thread", "channel", "session"),
}


@dataclass
class RawMessage:
    """One message as an export gives it, before roles and conversations are decided."""

    number: int  # line (text, CSV) or position (Telegram) in the file, for reports
    ts: datetime
    speaker: str
    text: str
    chat: str
    own_id: str | None = None


def read_lines(path: Path) -> Iterator[str]:
    """The file's lines, UTF-8 where they are, Windows-1252 where they are not (never dropped)."""
    with path.open("rb") as handle:
        for raw in handle:
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = raw.decode("cp1252", errors="replace")
            yield line.lstrip("\ufeff").rstrip("\r\n")


def detect_format(path: Path) -> str | None:
    """One of FORMATS, from the file's name and first lines; None when it is none of them."""
    head: list[str] = []
    for line in read_lines(path):
        if line.strip():
            head.append(line)
        if len(head) >= 30:
            break
    if not head:
        return None
    first = head[0].lstrip()
    if first.startswith("{") or first.startswith("["):
        if path.suffix.lower() == ".json" or not first.rstrip().endswith("}"):
            text = "\n".join(head)[:65536]
            if '"history"' in text or '"meta_information"' in text:
                return "memorybank"
            if '"messages"' in text or '"chats"' in text or '"personal_chat"' in text:
                return "telegram"
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except json.JSONDecodeError:
            pass
    try:
        header = next(csv.reader([head[0]]))
    except csv.Error:
        header = []
    if _csv_map(header) is not None:  # before the text exports: a CSV row can start with a date too
        return "csv"
    if any(_whatsapp_line(_clean(line)) for line in head[:10]):
        return "whatsapp"
    if path.suffix.lower() in (".jsonl", ".ndjson") or any(line.lstrip().startswith("{") for line in head):
        return "jsonl"  # JSON Lines with bad lines: the JSONL importer lists each one by number
    return None


def _clean(line: str) -> str:
    # WhatsApp marks directions and puts narrow no-break spaces before AM/PM.
    return line.replace("\u200e", "").replace("\u200f", "").replace("\u202f", " ").replace("\xa0", " ")


def _whatsapp_line(line: str) -> tuple[str, str, str] | None:
    match = _LINE.match(line)
    if not match:
        return None
    return match.group("date"), match.group("time"), match.group("rest")


def _date_order(dates: list[str]) -> str:
    """'dmy', 'mdy' or 'ymd' for the numeric dates of one export (the first field over 12 decides)."""
    if dates and re.match(r"\d{4}", dates[0]):
        return "ymd"
    for date in dates:
        parts = re.split(r"[./-]", date)
        if int(parts[0]) > 12:
            return "dmy"
        if int(parts[1]) > 12:
            return "mdy"
    return "dmy"  # undecidable (every day ≤ 12): the more common order world-wide


def _whatsapp_time(date: str, time: str, order: str) -> datetime | None:
    parts = [int(p) for p in re.split(r"[./-]", date)]
    if order == "ymd":
        year, month, day = parts
    elif order == "mdy":
        month, day, year = parts
    else:
        day, month, year = parts
    year += 2000 if year < 100 else 0
    clock = time.replace(".", ":").upper().replace(" ", "")
    pm, am = clock.endswith(("PM", "P:M:")), clock.endswith(("AM", "A:M:"))
    fields = [int(f) for f in re.findall(r"\d+", clock)]
    hour, minute, second = [*fields, 0, 0][:3]
    if pm and hour < 12:
        hour += 12
    if am and hour == 12:
        hour = 0
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError:
        return None


def read_whatsapp(path: Path, problems: list[str]) -> list[RawMessage]:
    """A WhatsApp (Android or iOS) or Signal-style text export; lines without a prefix continue a message."""
    lines = [(n, _clean(line)) for n, line in enumerate(read_lines(path), start=1)]
    parsed = [(n, _whatsapp_line(line), line) for n, line in lines]
    order = _date_order([p[0] for _, p, _ in parsed if p][:2000])
    chat = path.stem
    out: list[RawMessage] = []
    for number, fields, line in parsed:
        if fields is None:
            if out and line.strip():
                out[-1].text += "\n" + line  # a message that runs over several lines
            continue
        date, time, rest = fields
        who = _SPEAKER.match(rest)
        if not who:
            continue  # a system line ("Messages are end-to-end encrypted", "Dana added Sam")
        ts = _whatsapp_time(date, time, order)
        if ts is None:
            problems.append(f"line {number}: impossible date {date} {time}")
            continue
        out.append(RawMessage(number, ts, who.group("speaker").strip(), who.group("text"), chat))
    return [m for m in out if m.text.strip().lower() not in _SKIP_TEXT and m.text.strip()]


def _telegram_text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list):  # plain strings and {"type": "bold", "text": "..."} pieces
        return "".join(p if isinstance(p, str) else str(p.get("text", "")) for p in value)
    return ""


def read_telegram(path: Path, problems: list[str]) -> list[RawMessage]:
    """Telegram Desktop's JSON export: one chat (`messages`) or a full export (`chats.list`)."""
    try:
        data = json.loads("\n".join(read_lines(path)))
    except json.JSONDecodeError as exc:
        raise UserInputError(
            f"{path} is not valid JSON ({exc.msg}, line {exc.lineno}); nothing was imported.", "Export the chat again."
        ) from exc
    chats = data.get("chats", {}).get("list", []) if isinstance(data, dict) and "chats" in data else [data]
    out: list[RawMessage] = []
    for chat in chats:
        if not isinstance(chat, dict) or not isinstance(chat.get("messages"), list):
            continue
        chat_id = str(chat.get("id", chat.get("name", path.stem)))
        for position, msg in enumerate(chat["messages"], start=1):
            if not isinstance(msg, dict) or msg.get("type", "message") != "message":
                continue
            text = _telegram_text(msg.get("text")).strip()
            speaker = msg.get("from") or msg.get("actor")
            if not text or not speaker:
                continue
            ts = None
            if msg.get("date_unixtime"):
                ts = datetime.fromtimestamp(int(msg["date_unixtime"]), UTC)
            elif msg.get("date"):
                ts = parse_timestamp(str(msg["date"]))
            if ts is None:
                problems.append(f"message {position} of chat {chat_id}: no readable date")
                continue
            own = f"tg-{chat_id}-{msg['id']}" if msg.get("id") is not None else None
            out.append(RawMessage(position, ts, str(speaker), text, f"telegram:{chat_id}", own))
    return out


def _csv_map(header: list[str]) -> dict[str, int] | None:
    names = [h.strip().lower().replace(" ", "_") for h in header]
    found: dict[str, int] = {}
    for field, options in _CSV_COLUMNS.items():
        for option in options:
            if option in names:
                found[field] = names.index(option)
                break
    return found if {"timestamp", "speaker", "text"} <= set(found) else None


def read_csv(path: Path, problems: list[str]) -> list[RawMessage]:
    """A CSV with a header naming (in any order) a timestamp, a speaker and a text column."""
    reader = csv.reader(io.StringIO("\n".join(read_lines(path))))
    header = next(reader, None)
    columns = _csv_map(header or [])
    if columns is None:
        raise UserInputError(UNKNOWN_FORMAT.format(path=path), "Name the columns: timestamp, speaker, text.")
    out: list[RawMessage] = []
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        cell = {f: (row[i].strip() if i < len(row) else "") for f, i in columns.items()}
        if not cell["text"] or not cell["speaker"]:
            problems.append(f"line {number}: missing speaker or text")
            continue
        ts = parse_timestamp(cell["timestamp"])
        if ts is None:
            problems.append(f"line {number}: unknown timestamp format {cell['timestamp'][:60]!r}")
            continue
        chat = cell.get("conversation") or path.stem
        out.append(RawMessage(number, ts, cell["speaker"], cell["text"], chat, cell.get("id") or None))
    return out


READERS = {"whatsapp": read_whatsapp, "telegram": read_telegram, "csv": read_csv}


def check_size(path: Path) -> None:
    """Refuse an export over MAX_EXPORT_BYTES with a clear message (it is parsed whole, in memory)."""
    size = path.stat().st_size
    if size > MAX_EXPORT_BYTES:
        raise UserInputError(
            f"{path} is {size / 2**30:.1f} GB; OS1 imports chat exports of at most 1 GB at a time. "
            "Nothing was imported.",
            "Export the chats one by one, or split the file; importing the parts in any order "
            "gives the same memory (messages already there are skipped).",
        )


def content_id(fmt: str, message: RawMessage, occurrence: int) -> str:
    """An id that is the same every time the same message is imported again."""
    key = "\x1f".join([message.chat, message.ts.isoformat(), message.speaker, message.text, str(occurrence)])
    return f"{fmt}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:20]}"


def conversations(messages: list[RawMessage]) -> list[tuple[str, RawMessage]]:
    """Each message with its conversation: its chat, cut where the chat is quiet for SESSION_GAP."""
    out: list[tuple[str, RawMessage]] = []
    last: dict[str, tuple[datetime, str]] = {}
    for msg in sorted(messages, key=lambda m: (m.chat, m.ts, m.number)):
        before = last.get(msg.chat)
        conv = before[1] if before and msg.ts - before[0] <= SESSION_GAP else f"{msg.chat}@{msg.ts:%Y-%m-%dT%H:%M}"
        last[msg.chat] = (msg.ts, conv)
        out.append((conv, msg))
    return out
