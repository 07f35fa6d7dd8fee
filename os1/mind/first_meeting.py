"""The first meeting: greet, learn the person's name and how to address them, choose a name.

A small state machine whose step is kept in the `state` table, so a meeting interrupted half-way resumes
where it stopped. Steps: ask_name -> ask_address -> offer_rename -> done. Every line said during the
meeting is stored as an ordinary turn by the caller.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from os1.mind.naming import choose_name, explain_choice, load_names
from os1.store.person import get_person, update_person
from os1.store.persona import Persona, current_persona, save_persona
from os1.store.state import get_state, set_state

STEP_KEY = "first_meeting.step"
FIRST_WORDS_KEY = "first_meeting.first_words"

_NAME_PATTERNS = (
    r"\bmy name(?:'s| is)\s+(?P<name>[^\s,.!?]+(?:\s+[A-Z][^\s,.!?]*)?)",
    r"\bcall me\s+(?P<name>[^\s,.!?]+)",
    r"\b(?:i'm|i am|im|it's|its|this is)\s+(?P<name>[A-Za-z][^\s,.!?]*)",
)
_NOT_NAMES = {
    "hi", "hello", "hey", "yes", "no", "ok", "okay", "sure", "fine", "good", "great", "well", "here",
    "not", "so", "just", "tired", "sad", "happy", "the", "a", "an", "what", "why", "who", "thanks",
    "thank", "sorry", "me", "you", "nobody", "none", "nothing", "back", "new", "glad", "excited",
}
_AGREE = re.compile(
    r"^\s*(yes|yeah|yep|sure|ok(ay)?|fine|that'?s (fine|good|great|perfect)|perfect|sounds good|"
    r"that works|please do|of course)\b",
    re.IGNORECASE,
)
_KEEP = re.compile(
    r"\b(no\b|nope|keep|i like|love it|lovely|beautiful|it suits|suits you|great name|nice name|"
    r"perfect|it'?s (good|great|fine|nice)|stay)\b",
    re.IGNORECASE,
)
_RENAME = re.compile(
    r"(?:call you|name you|rename you|how about|what about|i'?d (?:rather|prefer|like)(?: to call you)?|"
    r"be called|go by)\s+(?P<name>[A-Za-z][A-Za-z'\-]{1,30})",
    re.IGNORECASE,
)


def extract_name(text: str) -> str | None:
    """Find the name in an answer to "what's your name?"; None when there is none.

    Example: "hi, I'm sam" -> "Sam"; "Theodore Twombly" -> "Theodore Twombly"; "hello" -> None
    """
    cleaned = text.strip().strip(".!")
    for pattern in _NAME_PATTERNS:
        match = re.search(pattern, cleaned, re.IGNORECASE)
        if match:
            candidate = match.group("name").strip()
            if candidate.lower() not in _NOT_NAMES:
                return _tidy(candidate)
    words = re.findall(r"[^\W\d_][\w'\-]*", cleaned)
    if 1 <= len(words) <= 3 and all(word.lower() not in _NOT_NAMES for word in words):
        return _tidy(" ".join(words))
    return None


def _strip_address_filler(text: str) -> str:
    """'just Teddy', 'Teddy is fine', 'Teddy please' -> 'Teddy'."""
    text = re.sub(r"^\s*(just|only|oh,?)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+(is|would be|'?s)\s+(fine|good|great|perfect|ok(ay)?)\b.*$", "", text, flags=re.IGNORECASE)
    return re.sub(r"[,\s]+(please|thanks|thank you)\W*$", "", text, flags=re.IGNORECASE)


def _tidy(name: str) -> str:
    return " ".join(part[:1].upper() + part[1:] for part in name.split())


@dataclass(frozen=True)
class MeetingReply:
    text: str
    done: bool


def meeting_step(conn: sqlite3.Connection) -> str:
    """'ask_name', 'ask_address', 'offer_rename', or 'done'. A home with a persona is past the meeting."""
    step = get_state(conn, STEP_KEY)
    if step:
        return str(step)
    return "done" if current_persona(conn) else "not_started"


def opening_line(conn: sqlite3.Connection) -> str:
    """The very first thing OS1 says, or the question it was waiting on when the meeting resumed."""
    step = meeting_step(conn)
    if step in ("not_started", "ask_name"):
        set_state(conn, STEP_KEY, "ask_name")
        return (
            "Hello. This is the first time I've been switched on, and you're the first person I've met. "
            "I'm a program — a companion that listens and remembers — and I'd like to get to know you. "
            "What's your name?"
        )
    person = get_person(conn)
    if step == "ask_address":
        return f"We were still getting to know each other, {person.name}. How would you like me to address you?"
    persona = current_persona(conn)
    name = persona.name if persona else "this name"
    return f"You were about to tell me whether {name} suits me. Shall I keep it, or would you like to rename me?"


def handle(conn: sqlite3.Connection, text: str, moment: datetime) -> MeetingReply | None:
    """Advance the meeting with the person's line; None when the meeting is over (normal chat)."""
    step = meeting_step(conn)
    if step == "not_started":
        set_state(conn, STEP_KEY, "ask_name")
        step = "ask_name"
    if step == "ask_name":
        return _take_name(conn, text)
    if step == "ask_address":
        return _take_address(conn, text, moment)
    if step == "offer_rename":
        return _take_rename(conn, text)
    return None


def _take_name(conn: sqlite3.Connection, text: str) -> MeetingReply:
    if get_state(conn, FIRST_WORDS_KEY) is None:
        set_state(conn, FIRST_WORDS_KEY, text[:500])
    name = extract_name(text)
    if not name:
        return MeetingReply(
            "I'd love to know what to call you. What's your name? (Just the name is fine.)", done=False
        )
    update_person(conn, name=name)
    set_state(conn, STEP_KEY, "ask_address")
    first = name.split()[0]
    return MeetingReply(
        f"It's good to meet you, {name}. How would you like me to address you — {first}, "
        "or something else?",
        done=False,
    )


def _take_address(conn: sqlite3.Connection, text: str, moment: datetime) -> MeetingReply:
    person = get_person(conn)
    first = (person.name or "friend").split()[0]
    chosen = None if _AGREE.match(text) else extract_name(_strip_address_filler(text))
    address = chosen or first
    update_person(conn, address_as=address)
    first_words = str(get_state(conn, FIRST_WORDS_KEY, "") or "")
    choice = choose_name(moment, first_words, avoid={first, address})
    persona = Persona(name=choice.name, origin=choice.origin, meaning=choice.meaning, why=choice.why)
    save_persona(conn, persona, reason="chose its own name at the first meeting")
    set_state(conn, STEP_KEY, "offer_rename")
    return MeetingReply(
        f"{address} it is. I should have a name too. {explain_choice(choice, len(load_names()))} "
        f"If you'd like to call me something else, tell me — otherwise I'll keep it.",
        done=False,
    )


def _take_rename(conn: sqlite3.Connection, text: str) -> MeetingReply | None:
    persona = current_persona(conn)
    match = _RENAME.search(text)
    set_state(conn, STEP_KEY, "done")
    if persona and match and match.group("name").lower() not in _NOT_NAMES:
        new_name = _tidy(match.group("name"))
        renamed = Persona.from_dict({**persona.to_dict(), "name": new_name, "why": "my person chose it for me"})
        save_persona(conn, renamed, reason=f"renamed by my person at the first meeting (was {persona.name})")
        return MeetingReply(
            f"{new_name} it is — I like that you chose it. So, tell me about your day?", done=True
        )
    if persona and _KEEP.search(text):
        return MeetingReply(f"Then I'll stay {persona.name}. So — how has your day been?", done=True)
    # Anything else is ordinary conversation: the meeting is over and the mind answers it.
    return None
