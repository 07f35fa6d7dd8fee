"""Who answers a message: the dialogue policy, the same for every mind.

In order: the safety layer has already had the message (os1.safety.guard, run by os1.companion); then
the first meeting while it is under way; then the active skill — "never mind" leaves it, a question
about something else is answered as an aside and the skill waits, anything else is its answer; then a
skill whose trigger fires; otherwise None, and the conversation itself answers (the built-in composer
or a language model). A question OS1 asked that the message did not answer is dropped, not held
against the next message. What this module leaves out: the skills' own steps (os1.skills).
"""

from __future__ import annotations

from dataclasses import replace

from os1.dialogue.state import IDLE
from os1.mind.understanding.acts import is_cancel
from os1.skills.base import Outcome, Skill, TurnContext
from os1.skills.registry import skills

# Skills whose trigger may interrupt another skill as an aside (a question; a quick reminder).
ASIDES = frozenset({"recall", "about_me", "reminder", "agenda"})


def route(turn: TurnContext) -> Outcome | None:
    """The skill's answer to this message, or None when the conversation answers it."""
    available = [s for s in skills().values() if not turn.language_model or s.handles_for_language_models()]
    active = next((s for s in available if s.active(turn)), None)
    if active is not None:
        outcome = _continue(active, available, turn)
        if outcome is not None:
            return outcome
    elif is_cancel(turn.text) and turn.state.expects:
        return Outcome("Of course — let's leave it.", IDLE, kind="reply", acts=["cancel"])
    for skill in available:
        if skill is not active and skill.triggered(turn):
            outcome = skill.step(turn)
            if outcome is not None:
                return outcome
    return None


def _continue(active: Skill, available: list[Skill], turn: TurnContext) -> Outcome | None:
    if active.name == "meeting":
        return active.step(turn)
    if is_cancel(turn.text):
        active.cancel(turn)
        return Outcome("Of course — we'll leave it there. It's all still here if you want to come back to it.",
                       IDLE, kind="reply", acts=["cancel", active.name])
    aside = next((s for s in available if s.name in ASIDES and s is not active and s.triggered(turn)), None)
    if aside is not None:
        outcome = aside.step(turn)
        if outcome is not None:
            back = f" Shall we go back to the {active.name}?" if active.name == "letter" else ""
            return Outcome(outcome.text + back, replace(turn.state, skill=active.name), kind=outcome.kind,
                           acts=[*outcome.acts, "aside"])
    return active.step(turn)
