"""Drafting a letter with the person: the questions to ask, and turning their answers into a stored draft.

This is the clean entry point for the chat (guided drafting) and the CLI (`letter new --from-notes`).
The chat asks `QUESTIONS` one at a time, in its own words if it likes, and passes the answers here;
answers are the person's own words and are used as they are (os1.letters.compose edits lightly and
invents nothing). With a language model the chat may draft differently; that is not handled here.
What this module leaves out: the conversation itself, and bringing in memories (the chat's retrieval
can add them to the answers, quoted, with the person's agreement).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass

from os1.letters.compose import compose_letter
from os1.letters.library import Letter, create_letter


@dataclass(frozen=True)
class Question:
    key: str
    text: str


# In the order a letter is told: who they are to you, a memory, what you want them to know, a hope.
QUESTIONS: tuple[Question, ...] = (
    Question("who", "Who is {name} to you?"),
    Question("memory", "Is there a memory you share with {name} that you'd like to bring in?"),
    Question("feeling", "What do you most want {name} to know?"),
    Question("wish", "Is there something you hope for, for {name} or for the two of you?"),
)


def questions_for(name: str) -> list[str]:
    """The guided questions with the recipient's name filled in."""
    return [q.text.format(name=name) for q in QUESTIONS]


def draft_from_answers(
    conn: sqlite3.Connection,
    recipient: str,
    answers: Mapping[str, str],
    *,
    occasion: str | None = None,
    sender: str | None = None,
    person_id: int | None = None,
) -> Letter:
    """Compose a draft from the answers (keys of QUESTIONS; 'who' frames, it is not quoted) and store it."""
    parts = [answers.get(key, "").strip() for key in ("memory", "feeling", "wish")]
    notes = "\n".join(part for part in parts if part)
    return draft_from_notes(conn, recipient, notes, occasion=occasion, sender=sender, person_id=person_id)


def draft_from_notes(
    conn: sqlite3.Connection,
    recipient: str,
    notes: str,
    *,
    occasion: str | None = None,
    sender: str | None = None,
    person_id: int | None = None,
) -> Letter:
    """Compose a draft from free notes and store it as version 1 (source 'notes')."""
    text = compose_letter(recipient, notes, occasion=occasion, sender=sender)
    return create_letter(conn, recipient, text, occasion=occasion, person_id=person_id, source="notes")
