"""The mind's layers for one turn, run by the companion before any provider answers.

    perceive (understanding + form)  ->  affect update (with its reason)  ->  threads (close the
    answered, open new ones, find the due)  ->  curiosity (what it has learnt, what it may ask)

`prepare` returns the entries of `ReplyRequest.context` these layers own: analysis, affect, threads,
curious_about and recent_replies. `settle` runs after the reply and records what the reply did (a
follow-up asked, a topic asked about). What this module leaves out: safety, memory retrieval and the
reply itself.
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime
from typing import Any

from os1.mind import affect, curiosity, threads
from os1.mind.perceive import Reading, perceive

RECENT_REPLIES = 50


def load() -> None:
    """Load everything a turn needs (spaCy, the understanding, the authored lines) in this thread."""
    from os1.mind.lines import lines
    from os1.mind.nlp import get_nlp
    from os1.mind.perceive import analyzer

    get_nlp()
    # A message with a date makes the understanding load its date parser too.
    analyzer()("hello, see you on Friday", datetime.now().astimezone())
    lines()
    from os1.safety.model import warm_up as warm_risk_model

    warm_risk_model()
    from os1.skills.registry import warm_up as warm_skills

    warm_skills()


def warm_up() -> threading.Thread:
    """`load()` on a daemon thread, so the first reply after a cold start does not wait for it."""
    thread = threading.Thread(target=load, name="os1-mind-warm-up", daemon=True)
    thread.start()
    return thread


def prepare(
    conn: sqlite3.Connection,
    text: str,
    *,
    now: datetime,
    session_id: int,
    turn_id: str,
    facts: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Run the layers on the person's message; return their part of the reply context."""
    reading = perceive(text, now)
    because = reason_for(reading)
    state = affect.update(conn, reading, because, now, turn_id)
    answering = threads.asked_threads(conn)  # what OS1 asked about last: this message is the answer
    threads.close_answered(conn, now)
    said = _said(reading)
    threads.open_from(conn, reading, said, now=now, session_id=session_id, turn_id=turn_id)
    due = [] if reading.venting else threads.due_threads(conn, now, session_id)
    curiosity.learn(conn, reading, now, turn_id, facts)
    topic = None if reading.venting else curiosity.next_topic(conn, now)
    return {
        "analysis": reading.to_dict(),
        "affect": state.to_dict(),
        "threads": [t.to_context() for t in due[:3]],
        "answering": [t.to_context() for t in answering[:1]],
        "curious_about": topic,
        "recent_replies": recent_replies(conn),
    }


def feel(conn: sqlite3.Connection, text: str, *, now: datetime, turn_id: str) -> affect.AffectState:
    """Only the affect layer: used when the safety layer answers and the rest of the mind stands aside."""
    reading = perceive(text, now)
    return affect.update(conn, reading, reason_for(reading), now, turn_id)


def settle(conn: sqlite3.Connection, context: dict[str, Any], now: datetime) -> None:
    """Record what the reply did: a thread followed up is asked; a topic asked about waits a while."""
    composed = context.get("composed") or {}
    if composed.get("thread"):
        threads.mark_asked(conn, str(composed["thread"]), now)
    if composed.get("topic"):
        curiosity.mark_asked(conn, str(composed["topic"]), now)


def recent_replies(conn: sqlite3.Connection, limit: int = RECENT_REPLIES) -> list[str]:
    """The companion's last `limit` replies, newest last (so the composer never repeats a sentence)."""
    rows = conn.execute(
        "SELECT text FROM turns WHERE role = 'companion' ORDER BY ts DESC, rowid DESC LIMIT ?", (limit,)
    ).fetchall()
    return [row[0] for row in reversed(rows)]


def reason_for(reading: Reading) -> str:
    """Why this turn moves the companion's feelings, in its own words ("you said you haven't slept")."""
    said = _said(reading)
    if reading.intent == "greeting":
        return "you came by to say hello"
    if reading.intent == "thanks":
        return "you thanked me"
    return f"you said {said}"


def _said(reading: Reading) -> str:
    from os1.mind.reflect import reflect, turn_perspective

    try:
        found = reflect(reading.text)
        if found is not None:
            return found.text
        words = reading.text.split()
        gist = " ".join(words[:10]).rstrip(".!?,")
        return turn_perspective(gist) + ("…" if len(words) > 10 else "")
    except Exception:  # the reason is a courtesy; a parser hiccup must not stop the turn
        return "something that mattered to you"
