"""Drafting a letter with a language model, in the person's own voice.

The model gets the person's notes (the only source of facts), the occasion and a few of their earlier
letters as examples of how they write — and is told to invent nothing. What comes back is stored like
any draft; with no model, or when the model fails, the built-in composer drafts from the same notes.
What this leaves out: the conversation that gathers the notes (os1.letters.conversation).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from os1.letters.library import Letter, create_letter, list_letters

STYLE_EXAMPLES = 3
MAX_EXAMPLE_CHARS = 1500


def style_examples(conn: sqlite3.Connection, limit: int = STYLE_EXAMPLES) -> list[str]:
    """The person's own earlier letters (newest first), the best evidence of their voice."""
    return [letter.text[:MAX_EXAMPLE_CHARS] for letter in list_letters(conn)[:limit]]


def messages_for(recipient: str, notes: str, occasion: str | None, sender: str | None,
                 examples: list[str]) -> list[dict[str, str]]:
    """The chat messages asking a model for the draft."""
    voice = "\n\n---\n\n".join(examples) if examples else "(no earlier letters yet: write plainly and warmly)"
    system = (
        f"You help {sender or 'the person'} write a personal letter to {recipient}"
        f"{f' for their {occasion}' if occasion else ''}. Write in the person's own voice, first person, "
        "as they would write it. Use ONLY the facts in their notes; never invent events, names or details. "
        "Keep their words where you can. Output only the letter: a greeting, the body, a sign-off"
        f"{f' with the name {sender}' if sender else ''}.\n\nHow they write (their earlier letters):\n{voice}"
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": f"My notes:\n{notes}"}]


def draft_in_voice(conn: sqlite3.Connection, provider: Any, recipient: str, notes: str, *,
                   occasion: str | None = None, sender: str | None = None,
                   person_id: int | None = None) -> Letter | None:
    """A draft written by the model; None when the model cannot give one (the caller falls back)."""
    from os1.errors import ProviderError
    from os1.providers.base import CancelToken

    chat = getattr(provider, "chat", None)
    if chat is None or not notes.strip():
        return None
    messages = messages_for(recipient, notes, occasion, sender, style_examples(conn))
    try:
        text = "".join(event for event in chat(messages, None, CancelToken()) if isinstance(event, str)).strip()
    except ProviderError:
        return None
    if len(text.split()) < 5:
        return None
    return create_letter(conn, recipient, text, occasion=occasion, person_id=person_id, source="model")
