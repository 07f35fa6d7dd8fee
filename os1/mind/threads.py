"""Open threads: things the person will live through later, or left unresolved, to follow up on.

"My interview is on Friday" opens a thread due after Friday's interview; a worry with no date opens one
due the next day. A thread is offered for a follow-up only once it is due *and* in a later session than
the one it was opened in, so the companion never asks "how did it go?" before it happened. When the
companion asks, the thread is `asked`; the person's next message closes it.
What this module leaves out: the wording of the follow-up (os1.mind.moves).
"""

from __future__ import annotations

import re
import sqlite3
import uuid
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from os1.clock import from_iso, to_iso
from os1.mind.perceive import Reading
from os1.mind.vocabulary import EVENT_WORDS
from os1.store.db import transaction

# With no time of day given, an event is taken to be over by early evening of its day.
EVENING = time(18, 0)
WORRY_DELAY = timedelta(hours=20)
_EVENT_WORDS = EVENT_WORDS
# Words a worry's subject must not end on when it is cut short ("how the move will go for").
# A promise to tell how something turns out: "I'll let you know what the vet says", "I'll tell you how
# the audition goes". It is asked about next time, even with no date named.
_PROMISE = re.compile(
    r"\bi'?ll (?:let you know|tell you|keep you posted(?: on)?|update you(?: on)?|report back(?: on)?)\s+"
    r"(?:what|how|whether|if)?\s*(?P<subject>(?:the |my |our )?[\w'\-]+(?: [\w'\-]+)?)\s*"
    r"(?:says?|goes|went|turns? out|decides?|thinks?|is|are)?\b",
    re.I,
)
PROMISE_DUE = timedelta(hours=3)
_PRONOUNS = frozenset({"they", "it", "he", "she", "them", "that", "this", "things", "everything", "you"})
# A call or a meeting with someone named by role: "ring the landlord tomorrow" -> "call with the landlord".
_CALL_WITH = re.compile(
    r"\b(?:ring|call|phone|talk to|speak to|speak with|meet with|meet|see)\s+(?:the|my|our)\s+(?P<who>[a-z]+)\b", re.I
)
# A hard day (a lay-off, a break-up, a loss): checked on in the next conversation.
CHECKIN_AFTER = timedelta(hours=10)
CHECKIN_INTENSITY = 0.6
_DANGLING = re.compile(r"(a|an|the|my|our|your|to|of|for|about|from|by|and|but|with|at|in|on)", re.I)


@dataclass(frozen=True)
class Thread:
    id: str
    kind: str  # event | worry
    subject: str  # "interview"
    said: str  # "your interview is on Friday"
    event_at: datetime | None
    due: datetime
    created_at: datetime
    session_id: int | None
    status: str = "open"

    def to_context(self) -> dict[str, object]:
        """The form `ReplyRequest.context["threads"]` carries."""
        return {
            "id": self.id,
            "text": f"follow up: {self.said}",
            "due": to_iso(self.due),
            "kind": self.kind,
            "subject": self.subject,
            "event_at": to_iso(self.event_at) if self.event_at else None,
            "opened_at": to_iso(self.created_at),
        }


def _thread(row: sqlite3.Row) -> Thread:
    return Thread(
        id=row["id"],
        kind=row["kind"],
        subject=row["subject"],
        said=row["said"],
        event_at=from_iso(row["event_at"]) if row["event_at"] else None,
        due=from_iso(row["due"]),
        created_at=from_iso(row["created_at"]),
        session_id=row["session_id"],
        status=row["status"],
    )


def _due_after(event_at: datetime) -> datetime:
    if event_at.time() == time(0, 0):
        return datetime.combine(event_at.date(), EVENING, tzinfo=event_at.tzinfo)
    return event_at + timedelta(hours=2)


def open_from(
    conn: sqlite3.Connection, reading: Reading, said: str, *, now: datetime, session_id: int | None, turn_id: str | None
) -> list[Thread]:
    """Open threads for the plans and worries in `reading`; returns the new ones."""
    found: list[tuple[str, str, datetime | None, datetime]] = []
    for item in reading.disclosures:
        if item.kind in ("plan", "event") and item.at and item.at.date() >= now.date():
            found.append(("event", _event_subject(item.text), item.at, _due_after(item.at)))
        elif item.kind == "worry" and not item.at:
            found.append(("worry", _worry_subject(item.text), None, now + WORRY_DELAY))
    if not any(kind == "event" for kind, *_ in found):
        # A future date next to an event word, even when no plan was recognised as such.
        future = [d.at for d in reading.dates if d.at and d.at.date() >= now.date()]
        event = _last_event_word(reading.text)
        call = _CALL_WITH.search(reading.text)
        if future and call and not event:
            event = f"call with the {call.group('who').lower()}"
        if future and event:
            found.append(("event", event, future[0], max(_due_after(future[0]), now + PROMISE_DUE)))
    call = _CALL_WITH.search(reading.text)
    if call and any(kind == "event" and subj == "plans" for kind, subj, *_ in found):
        # "ring the landlord tomorrow": the call is what to ask about, not "your plans".
        found = [(k, f"call with the {call.group('who').lower()}" if subj == "plans" else subj, at, due)
                 for k, subj, at, due in found]
    promise = _PROMISE.search(reading.text)
    if promise and not any(kind == "event" and subj != "plans" for kind, subj, *_ in found):
        # The follow-up lines say "the {subject}": "what my doctor says" is asked as "the doctor".
        subject = re.sub(r"^(?:the|my|our|your)\s+", "", promise.group("subject").strip(), flags=re.I)
        subject = re.sub(r"\s+(?:says?|goes|went|is|are)$", "", subject, flags=re.I)
        if subject.lower() in _PRONOUNS:  # "what they say": the thing to ask about is the event itself
            subject = _last_event_word(reading.text) or ""
        # The promise names what to ask about better than a bare date does ("plans" on Tuesday).
        dated = [item for item in found if item[0] == "event" and item[1] == "plans"]
        found = [item for item in found if item not in dated]
        at = dated[0][2] if dated else None
        found.append(("event", subject, at, _due_after(at) if at else now + PROMISE_DUE))
    if not found and reading.troubled and (reading.intensity >= CHECKIN_INTENSITY or reading.venting):
        found.append(("checkin", "", now, now + CHECKIN_AFTER))
    if any(kind == "event" for kind, *_ in found):
        # "I'm nervous about my exam on Friday" is one thing to ask about, after Friday.
        found = [item for item in found if item[0] == "event"]
    created = []
    for kind, subject, event_at, due in found:
        if (not subject and kind != "checkin") or _exists(conn, subject, event_at):
            continue
        created.append(_open(conn, kind, subject, said, event_at, due, now=now, session_id=session_id,
                             turn_id=turn_id))
    return created


def open_checkin(conn: sqlite3.Connection, *, now: datetime, session_id: int | None, turn_id: str | None) -> None:
    """After a hard moment the safety layer answered: check in on the person next time (once a day)."""
    if not _exists(conn, "", now):
        _open(conn, "checkin", "", "", now, now + CHECKIN_AFTER, now=now, session_id=session_id, turn_id=turn_id)


def _open(conn: sqlite3.Connection, kind: str, subject: str, said: str, event_at: datetime | None, due: datetime,
          *, now: datetime, session_id: int | None, turn_id: str | None) -> Thread:
    thread = Thread(uuid.uuid4().hex, kind, subject, said, event_at, due, now, session_id)
    with transaction(conn):
        conn.execute(
            "INSERT INTO open_threads (id, created_at, session_id, turn_id, kind, subject, said, event_at, due) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (thread.id, to_iso(now), session_id, turn_id, kind, subject, said,
             to_iso(event_at) if event_at else None, to_iso(due)),
        )
    return thread


def _last_event_word(text: str) -> str | None:
    words = [w.strip(".,!?;:'").lower() for w in text.split()]
    return next((w for w in reversed(words) if w in _EVENT_WORDS), None)


def _event_subject(text: str) -> str:
    """The event in a plan ("I have a job interview on Friday" -> "interview"); "plans" when none is named."""
    words = [w.strip(".,!?;:").lower() for w in text.split()]
    # The last event word is the head of the phrase: "job interview" -> "interview", "biopsy results" -> "results".
    event = next((w for w in reversed(words) if w in _EVENT_WORDS), None)
    if event:
        return event
    return " ".join(words) if 0 < len(words) <= 2 else "plans"


def _worry_subject(text: str) -> str:
    """What a worry is about, perspective turned ("worried about my mum" -> "your mum"); "" when it names no
    one thing ("and I'm terrified to tell my parents"), since a follow-up needs something to ask about."""
    match = re.search(r"\b(?:about|of|for)\s+(.+)$", text.strip().rstrip(".!?"), re.I)
    if not match:
        return ""
    phrase = re.split(r"[,;]| but | and | because | since | that ", match.group(1))[0]
    words = phrase.split()[:6]
    while words and _DANGLING.fullmatch(words[-1]):  # cut at six words: never end on "the" or "my"
        words.pop()
    mapping = {"my": "your", "i": "you", "me": "you", "i'm": "you're", "am": "are", "myself": "yourself"}
    return " ".join(mapping.get(w.lower(), w) for w in words)


def _exists(conn: sqlite3.Connection, subject: str, event_at: datetime | None) -> bool:
    if event_at is None:
        row = conn.execute("SELECT 1 FROM open_threads WHERE subject = ? AND status != 'closed'", (subject,))
    else:
        day = event_at.date().isoformat()
        row = conn.execute(
            "SELECT 1 FROM open_threads WHERE subject = ? AND substr(event_at, 1, 10) = ?", (subject, day)
        )
    return row.fetchone() is not None


def due_threads(conn: sqlite3.Connection, now: datetime, session_id: int | None) -> list[Thread]:
    """Open threads whose time has passed, opened in an earlier session; oldest event first."""
    rows = conn.execute(
        "SELECT * FROM open_threads WHERE status = 'open' AND due <= ? AND (session_id IS NULL OR session_id != ?) "
        "ORDER BY due",
        (to_iso(now), session_id if session_id is not None else -1),
    )
    return [_thread(row) for row in rows]


def mark_asked(conn: sqlite3.Connection, thread_id: str, now: datetime) -> None:
    with transaction(conn):
        conn.execute("UPDATE open_threads SET status = 'asked', asked_at = ? WHERE id = ?", (to_iso(now), thread_id))


def asked_threads(conn: sqlite3.Connection) -> list[Thread]:
    """Threads OS1 has asked about and the person has not answered yet (the next message answers them)."""
    return [_thread(row) for row in conn.execute("SELECT * FROM open_threads WHERE status = 'asked' ORDER BY due")]


def close_answered(conn: sqlite3.Connection, now: datetime) -> int:
    """The person has answered: every asked thread is closed. Returns how many."""
    with transaction(conn):
        cur = conn.execute(
            "UPDATE open_threads SET status = 'closed', closed_at = ? WHERE status = 'asked'", (to_iso(now),)
        )
    return cur.rowcount


def all_threads(conn: sqlite3.Connection) -> list[Thread]:
    return [_thread(row) for row in conn.execute("SELECT * FROM open_threads ORDER BY created_at")]
