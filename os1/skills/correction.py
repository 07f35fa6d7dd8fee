"""Corrections: "sorry, it's Mira, not Mia", "no — she moved to Porto, not Lyon".

The correction is taken at its word: a person in the people map called by the wrong name is renamed, and
the corrected words stay in memory as the latest thing said, so recall answers with them from now on
(os1.skills.recall prefers what was said later). The reply says back what changed, briefly.
What this module leaves out: corrections with no "X, not Y" in them ("that's wrong").
"""

from __future__ import annotations

import re

from os1.skills.base import Outcome, Skill, TurnContext

_WORDS = r"[A-Za-z0-9][\w'\-]*(?: [A-Za-z0-9][\w'\-]*){0,3}"
_CORRECTION = re.compile(
    rf"^\W*(?:(?:no|nope|sorry|oops|wait|actually|correction|my bad|i mean)\b[\s,.!—-]*)+"
    rf"(?:(?:it'?s|it is|he'?s|she'?s|they'?re|her name is|his name is|that'?s)\s+)?"
    rf"(?P<lead>.*?\b)?(?P<new>{_WORDS})\s*,?\s+not\s+(?P<old>{_WORDS})\s*[.!]*\s*$",
    re.IGNORECASE,
)


def read_correction(text: str) -> tuple[str, str] | None:
    """(new, old) in a correction, else None. Example: "sorry, it's Mira, not Mia" -> ("Mira", "Mia")"""
    if len(text) > 200:
        return None
    first = re.split(r"(?<=[.!?])\s+", text.strip())[0]  # "…, not Lisbon. I always mix them up"
    match = _CORRECTION.match(first)
    if match is None:
        return None
    new, old = match.group("new").strip(), match.group("old").strip()
    # "Porto, not Lyon" after "she moved to": keep the same number of words on both sides.
    width = len(old.split())
    new = " ".join(new.split()[-width:])
    return (new, old) if new.lower() != old.lower() else None


class CorrectionSkill(Skill):
    name = "correction"
    priority = 70

    def triggered(self, turn: TurnContext) -> bool:
        return read_correction(turn.text) is not None

    def step(self, turn: TurnContext) -> Outcome | None:
        found = read_correction(turn.text)
        if found is None:
            return None
        new, old = found
        renamed = _rename_person(turn, new, old)
        corrected = _corrected_sentence(turn, new, old)
        # The corrected sentence is said back in full: it is what recall answers with from now on.
        said = f"Got it — {corrected}." if corrected else f"Got it — {new}, not {old}."
        tail = " I've put that right." if renamed else " Thank you for putting me right."
        return Outcome(said + tail, turn.state, kind="reply", acts=["correction", *(["renamed"] if renamed else [])])


def _corrected_sentence(turn: TurnContext, new: str, old: str) -> str | None:
    """The latest sentence the person said with `old` in it, with `new` in its place, said back to them
    ("my daughter just turned 5" + "6, not 5" -> "your daughter just turned 6")."""
    from os1.mind.reflect import turn_perspective
    from os1.store.conversation import recent_turns

    word = re.compile(rf"\b{re.escape(old)}\b", re.IGNORECASE)
    for said in reversed(recent_turns(turn.conn, 60)):
        if said.role != "person" or said.id == turn.turn_id:
            continue
        for sentence in reversed(re.split(r"(?<=[.!?])\s+", said.text.strip())):
            if word.search(sentence) and not _CORRECTION.match(sentence):
                fixed = word.sub(new, sentence).strip().rstrip(".!?")
                turned = turn_perspective(fixed)
                return turned[:1].lower() + turned[1:] if not turned[:2].isupper() else turned
    return None


def _rename_person(turn: TurnContext, new: str, old: str) -> bool:
    """Rename the person in the people map called `old` (a single name) to `new`; True when one was."""
    from os1.people.tracker import edit, list_people

    if len(old.split()) != 1 or len(new.split()) != 1 or not new[:1].isupper():
        return False
    for person in list_people(turn.conn):
        if person.name and person.name.lower() == old.lower():
            edit(turn.conn, person.id, name=new)
            return True
    return False
