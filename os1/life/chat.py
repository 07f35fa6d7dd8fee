"""Answering "anything important in my email?" and "what's on my calendar?" in conversation.

Outside text (senders' words, event titles) is quoted as data inside the reply, attributed to its
source; nothing in it is ever followed. What this leaves out: writing or sending mail.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime

_MAIL_QUESTION = re.compile(
    r"\b(?:check|any(?:thing)?|what'?s|whats|read|show|sort|important|new)\b.{0,30}\b(?:e-?mails?|mail|inbox)\b"
    r"|\b(?:e-?mails?|mail|inbox)\b.{0,20}\b(?:today|anything|important|new)\b",
    re.IGNORECASE,
)
_CALENDAR_QUESTION = re.compile(
    r"\b(?:what'?s|whats|anything|show|check)\b.{0,25}\b(?:calendar|agenda|schedule|diary)\b"
    r"|\bwhat(?:'s| is| do i have)\b.{0,20}\b(?:on|coming up|planned)\b.{0,15}\b(?:today|tomorrow|this week)\b",
    re.IGNORECASE,
)


def is_mail_question(text: str) -> bool:
    return bool(_MAIL_QUESTION.search(text)) and len(text) < 300


def is_calendar_question(text: str) -> bool:
    return bool(_CALENDAR_QUESTION.search(text)) and len(text) < 300


def mail_answer(conn: sqlite3.Connection) -> str:
    from os1.errors import UserInputError
    from os1.life.mail.mailbox import account, digest

    try:
        name, _ = account(None)
    except UserInputError as exc:
        return f"{exc.message} {exc.hint or ''}".strip()
    result = digest(conn, name, limit=3)
    if not result.total:
        return "Nothing synced yet — run `os1 mail sync` and ask me again."
    keep = result.counts.get("important", 0) + result.counts.get("people", 0)
    lines = [f"Of {result.total:,} emails, {keep:,} look worth your time."]
    for sender, subject, summary in result.important:
        quoted = f" — it says: “{summary}”" if summary else ""
        lines.append(f"{sender} wrote about “{subject}”{quoted}")
    lines.append("I only read mail; I won't act on anything a message asks. `os1 mail` has the full digest.")
    return " ".join(lines)


def calendar_answer(conn: sqlite3.Connection, now: datetime, tz_name: str | None) -> str:
    from os1.life.calendar import agenda

    events = agenda(conn, now, 7, tz_name)
    if not events:
        return "Your calendar is clear for the next seven days (`os1 calendar import FILE.ics` if I'm missing one)."
    parts = [f"{e.start:%A %H:%M}" + (" (all day)" if e.all_day else "") + f": “{e.summary}”" for e in events[:5]]
    more = f" — and {len(events) - 5} more" if len(events) > 5 else ""
    return "Coming up: " + "; ".join(parts) + more + ". Is there one you'd like to get ready for?"


def outside_text(conn: sqlite3.Connection, text: str, now: datetime, tz_name: str | None) -> list[dict[str, str]]:
    """The outside text a language model needs to answer a mail or calendar question, as untrusted items."""
    from os1.errors import UserInputError
    from os1.life.calendar import agenda
    from os1.life.mail.mailbox import account

    items: list[dict[str, str]] = []
    if is_mail_question(text):
        try:
            name, _ = account(None)
        except UserInputError:
            return items
        rows = conn.execute(
            "SELECT from_name, subject, snippet, category FROM mail_messages WHERE account = ? AND state = 'inbox' "
            "AND category IN ('important', 'people') ORDER BY sent_at DESC LIMIT 8", (name,)).fetchall()
        items += [{"source": f"email from {sender} ({category}), subject: {subject}", "text": snippet or ""}
                  for sender, subject, snippet, category in rows]
    if is_calendar_question(text):
        for event in agenda(conn, now, 7, tz_name)[:10]:
            items.append({"source": f"calendar event {event.start:%a %d %b %H:%M}: {event.summary}",
                          "text": event.description or ""})
    return items
