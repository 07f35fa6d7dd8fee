"""Writing a letter together, in the conversation: "help me write to my mum".

A small state machine kept in the `state` table (so it survives a restart): it asks the drafting
questions one at a time, offers what OS1 already knows about the recipient ("You told me on 3 May
that…") for the shared memory, drafts from the person's own words, then takes "warmer" or "shorter" and
points to rendering and sending. "stop" leaves at any point; "skip" passes a question.
What this leaves out: composing (os1.letters.compose) and the letter library itself.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime
from typing import Any

from os1.letters.drafting import QUESTIONS
from os1.store.state import get_state, set_state

STATE_KEY = "letters.conversation"
_START = re.compile(
    r"\b(?:help me|i want to|i'd like to|i would like to|can you help me|let's|could you help me)\s+"
    r"(?:to\s+)?write\s+(?:a\s+|an\s+)?(?:(?P<kind>letter|card|note|thank[- ]you(?: note| card)?|birthday card)\s+)?"
    r"(?:to|for)\s+(?P<who>(?:my\s+)?[\w'\- ]{2,40}?)(?:\s+(?:for|about|on)\s+(?:her|his|their|the)?\s*"
    r"(?P<occasion>[\w'\- ]{3,30}))?\s*[.!?]*$",
    re.IGNORECASE,
)
# Any request to write to someone, in other words than _START knows ("put a note together for my uncle").
_ASKS_TO_WRITE = re.compile(
    r"\b(?:help me|can you|could you|would you|let'?s|i'?d like to|i want to|i need to)\b.{0,30}"
    r"\b(?:write|send|make|put together|draft)\b.{0,40}\b(?:letter|card|note|thank[- ]?you|message)\b",
    re.IGNORECASE,
)
_STOP = re.compile(r"^\s*(stop|cancel|never ?mind|not now|forget it|let's stop)\b", re.IGNORECASE)
_SKIP = re.compile(r"^\s*(skip|pass|no|nothing|none|not really|i don't know|dunno)\W*$", re.IGNORECASE)
_YES = re.compile(r"^\s*(yes|yeah|yep|please|sure|ok(ay)?|that one|use that)\b", re.IGNORECASE)
_REVISE = re.compile(r"\b(warmer|shorter)\b", re.IGNORECASE)


def _recipient(conn: sqlite3.Connection, words: str) -> tuple[str, int | None]:
    from os1.errors import UserInputError
    from os1.letters.recipients import display_name
    from os1.people.relations import canonical
    from os1.people.tracker import find

    ref = re.sub(r"^my\s+", "", words.strip(), flags=re.IGNORECASE)
    try:
        person = find(conn, ref)
    except UserInputError:
        return display_name(ref), None
    if person.name:
        return person.name, person.id
    return display_name((canonical(ref) and ref) or ref), person.id


def _memory_offer(conn: sqlite3.Connection, person_id: int | None, request: str = "") -> str | None:
    """Something the person told OS1 about the recipient, with when, to offer as the shared memory (never the
    request to write itself, nor another request like it)."""
    if person_id is None:
        return None
    from os1.people.tracker import notes_of

    notes = [text for _, text in notes_of(conn, person_id, 20)
             if len(text.split()) >= 5 and text.strip() not in request and not is_request(text)
             and not _ASKS_TO_WRITE.search(text)]
    dated = notes_of(conn, person_id, 20)
    if not notes:
        return None
    when, text = next((at, t) for at, t in dated if t == notes[-1])
    return f"You told me on {when:%-d %B} that “{text}” — shall we bring that in? (yes, or tell me another)"


def start(conn: sqlite3.Connection, text: str, now: datetime) -> str | None:
    """Begin a letter if `text` asks for one in the words the pattern knows; the first question, or None."""
    match = _START.search(text.strip())
    if not match:
        return None
    kind = (match.group("kind") or "letter").lower()
    occasion = match.group("occasion") or ("birthday" if "birthday" in kind else
                                            "thanks" if "thank" in kind else None)
    return start_for(conn, match.group("who"), occasion, request=text)


def start_for(conn: sqlite3.Connection, who: str, occasion: str | None, *, request: str = "") -> str:
    """Begin a letter to `who` ("my sister", "Anna", "old English teacher"); the first question."""
    name, person_id = _recipient(conn, who)
    from os1.people.relations import canonical

    # "Who is Mum to you?" answers itself: start with the shared memory.
    first_step = 1 if canonical(name.lower()) else 0
    state: dict[str, Any] = {"name": name, "person_id": person_id, "occasion": occasion, "answers": {},
                             "step": first_step}
    first = QUESTIONS[first_step].text.format(name=name)
    if QUESTIONS[first_step].key == "memory":
        offer = _memory_offer(conn, person_id, request)
        if offer:
            state["offered"] = offer.split("“", 1)[1].split("”", 1)[0]
            first = f"{first} {offer}"
    set_state(conn, STATE_KEY, state)
    unknown = "" if person_id or first_step else f" (I don't know {name} yet — tell me a little.)"
    return f"I'd love to help you write to {name}. We'll go one question at a time, in your words.{unknown} {first}"


def is_request(text: str) -> bool:
    """Does `text` ask to write a letter together ("help me write a letter to my sister")?"""
    return bool(_START.search(text))


def stop(conn: sqlite3.Connection) -> None:
    """Leave the letter under way (what was said stays in the conversation)."""
    set_state(conn, STATE_KEY, None)


def active(conn: sqlite3.Connection) -> bool:
    return bool(get_state(conn, STATE_KEY))


def step(conn: sqlite3.Connection, text: str, sender: str | None, provider: Any = None) -> str:
    """Take the person's answer and say what comes next."""
    state = get_state(conn, STATE_KEY)
    if _STOP.match(text):
        set_state(conn, STATE_KEY, None)
        return "Of course — we'll leave it there. Whatever you wrote so far is kept in our conversation."
    if "letter_id" in state:
        return _revise(conn, state, text)
    index = state["step"]
    question = QUESTIONS[index]
    if question.key == "memory" and state.get("offered") and _YES.match(text):
        state["answers"]["memory"] = state["offered"]
    elif not _SKIP.match(text):
        # "that I'm proud of her" answers "what do you want her to know?": the "that" belongs to the question
        answer = re.sub(r"^\s*that\s+", "", text.strip(), flags=re.IGNORECASE)
        if question.key == "memory" and re.match(r"(when|the time|that time)\b", answer, re.IGNORECASE):
            answer = "I remember " + answer[0].lower() + answer[1:]  # a memory, not a fragment
        state["answers"][question.key] = answer
    index += 1
    state["step"] = index
    state.pop("offered", None)
    if index < len(QUESTIONS):
        nxt = QUESTIONS[index]
        prompt = nxt.text.format(name=state["name"])
        if nxt.key == "memory":
            offer = _memory_offer(conn, state.get("person_id"))
            if offer:
                state["offered"] = offer.split("“", 1)[1].split("”", 1)[0]
                prompt = f"{prompt} {offer}"
        set_state(conn, STATE_KEY, state)
        return prompt
    return _draft(conn, state, sender, provider)


def _draft(conn: sqlite3.Connection, state: dict[str, Any], sender: str | None, provider: Any = None) -> str:
    from os1.letters.drafting import draft_from_answers
    from os1.letters.voice_draft import draft_in_voice

    if not any(state["answers"].get(key) for key in ("memory", "feeling", "wish")):
        set_state(conn, STATE_KEY, None)
        return (f"There isn't anything in your words yet for me to shape into a letter to {state['name']} — "
                "that's all right. Whenever you're ready, tell me what you'd like them to know.")
    notes = "\n".join(state["answers"].get(key, "") for key in ("who", "memory", "feeling", "wish")).strip()
    letter = None
    if provider is not None and getattr(provider, "is_language_model", False):
        letter = draft_in_voice(conn, provider, state["name"], notes, occasion=state.get("occasion"),
                                sender=sender, person_id=state.get("person_id"))
    by_composer = letter is None
    if letter is None:
        letter = draft_from_answers(conn, state["name"], state["answers"], occasion=state.get("occasion"),
                                    sender=sender, person_id=state.get("person_id"))
    state["letter_id"] = letter.id
    set_state(conn, STATE_KEY, state)
    whose = "all in your words" if by_composer else "in your voice, from your notes"
    return (f"Here's a first draft, {whose} (letter {letter.id}):\n\n{letter.text}\n\n"
            "Shall I make it warmer or shorter? Or make it a handwritten card with "
            f"`os1 letter render {letter.id} --format pdf --out card.pdf`. Say “done” when you're happy.")


def _revise(conn: sqlite3.Connection, state: dict[str, Any], text: str) -> str:
    from os1.letters.compose import revise
    from os1.letters.library import add_version, get_letter

    letter_id = int(state["letter_id"])
    match = _REVISE.search(text)
    if not match:
        set_state(conn, STATE_KEY, None)
        return (f"Letter {letter_id} is saved as a draft. When you're ready: "
                f"`os1 letter render {letter_id} --format pdf --out card.pdf`, or "
                f"`os1 letter send {letter_id} --email ADDRESS`.")
    how = match.group(1).lower()
    letter = add_version(conn, letter_id, revise(get_letter(conn, letter_id).text, how), how)
    return (f"Here it is, {how} (version {letter.version}):\n\n{letter.text}\n\n"
            "Anything else — warmer, shorter, or done?")
