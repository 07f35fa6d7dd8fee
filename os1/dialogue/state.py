"""Dialogue state: what the conversation is in the middle of, kept in SQLite so it survives a restart.

One record per home (one person): the active skill and its slots, the last question OS1 asked and the
kind of answer it expects, a confirmation waiting for a yes, and when all that goes stale. Every
question OS1 asks records what it expects, so the next message is first read as a possible answer to it.
What this module leaves out: deciding what to do with a message (os1.dialogue.policy).
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from os1.clock import from_iso, to_iso
from os1.store.state import get_state, set_state

STATE_KEY = "dialogue"
# An unfinished task or question goes stale after this long without a word about it; the first meeting
# never does (it waits for the person however long they are away).
STALE_AFTER = timedelta(hours=6)
NEVER_STALE = frozenset({"meeting"})


@dataclass(frozen=True)
class DialogueState:
    """What the conversation is in the middle of.

    skill:     the active skill's name ("letter", "meeting"), or None
    slots:     what the active skill has gathered so far
    expects:   the kind of answer the last question expects ("name", "yes_no", "when", "free"), or None
    question:  the last question OS1 asked, as said
    asked:     how many times that kind of answer was asked for (so nothing is asked a third time)
    pending:   an action waiting for the person's yes ({"skill", "action", "args"}), or None
    listening: the session in which the person asked OS1 just to listen (no questions, no advice), or None
    updated:   when this state last changed (ISO)
    """

    skill: str | None = None
    slots: dict[str, Any] = field(default_factory=dict)
    expects: str | None = None
    question: str | None = None
    asked: int = 0
    pending: dict[str, Any] | None = None
    listening: int | None = None
    updated: str | None = None

    def stale(self, now: datetime) -> bool:
        if self.updated is None or self.skill in NEVER_STALE:
            return False
        return now - from_iso(self.updated) > STALE_AFTER

    def asking(self, expects: str, question: str) -> DialogueState:
        """This state with a new question asked (the count goes up when the same kind is asked again)."""
        again = self.asked + 1 if self.expects == expects else 1
        return replace(self, expects=expects, question=question, asked=again)

    def answered(self) -> DialogueState:
        return replace(self, expects=None, question=None, asked=0)

    def with_slots(self, **slots: Any) -> DialogueState:
        return replace(self, slots={**self.slots, **slots})


IDLE = DialogueState()


def load_state(conn: sqlite3.Connection, now: datetime) -> DialogueState:
    """The current state; a stale one is dropped (an old unfinished question is not held against a new day)."""
    raw = get_state(conn, STATE_KEY)
    if not isinstance(raw, dict):
        return IDLE
    known = {k: v for k, v in raw.items() if k in DialogueState.__dataclass_fields__}
    try:
        state = DialogueState(**known)
    except TypeError:
        return IDLE
    return IDLE if state.stale(now) else state


def save_state(conn: sqlite3.Connection, state: DialogueState, now: datetime) -> None:
    set_state(conn, STATE_KEY, asdict(replace(state, updated=to_iso(now))))


def listen_only(state: DialogueState, text: str, session_id: int) -> DialogueState:
    """The state after `text`: "just listen" holds for the rest of this conversation, until the person
    asks for OS1's view again ("what do you think?")."""
    from os1.mind.understanding.acts import asks_for_input, wants_only_listening

    if wants_only_listening(text):
        return replace(state, listening=session_id)
    if state.listening is not None and (state.listening != session_id or asks_for_input(text)):
        return replace(state, listening=None)
    return state

