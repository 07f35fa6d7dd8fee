"""Connection goals said in conversation: "I want to actually see a friend at least twice a week".

The goal is kept as the person said it (os1.people.goals), and OS1 says what it will count: real
contact with people, never time spent talking to OS1. What this module leaves out: measuring progress
(os1.people.goals.progress) and nudges (os1.people.nudges).
"""

from __future__ import annotations

import re

from os1.skills.base import Outcome, Skill, TurnContext

_WANT = re.compile(
    r"\b(?:i want to|i'?d like to|i'?d love to|i should|i need to|my goal is to|i'?m going to try to|i'?ll try to|"
    r"i want to try to|help me)\s+(?:actually\s+|really\s+|at least\s+)?(?P<goal>(?:see|call|phone|ring|meet|"
    r"catch up with|text|message|visit|talk to|spend time with|have (?:dinner|lunch) with)\b.+)",
    re.IGNORECASE,
)
_OFTEN = re.compile(r"\b(?:once|twice|three times|\d+ times|a couple of times|every|daily|weekly|monthly|on \w+days)\b",
                    re.IGNORECASE)


def read_goal(text: str) -> str | None:
    """The goal sentence in `text` ("see a friend at least twice a week"), or None."""
    match = _WANT.search(text)
    if match is None or not _OFTEN.search(match.group("goal")):
        return None
    goal = re.split(r"[,.;!?]|\s+(?:but|because|since)\s+", match.group("goal"))[0]
    return re.sub(r"\bat least\s+", "", goal).strip()


class GoalSkill(Skill):
    name = "goal"
    priority = 35

    def triggered(self, turn: TurnContext) -> bool:
        return read_goal(turn.text) is not None

    def step(self, turn: TurnContext) -> Outcome | None:
        from os1.errors import UserInputError
        from os1.people.goals import add_goal

        goal = read_goal(turn.text)
        if goal is None:
            return None
        try:
            add_goal(turn.conn, goal)
        except UserInputError:
            return None  # not a goal OS1 can count ("see someone special"): the conversation answers
        return Outcome(
            f"I love that. I'll keep it as a goal — {goal} — and count every time you tell me you did, never the "
            "time you spend with me. `os1 connection` shows how it's going. Who comes to mind first?",
            turn.state, kind="reply", acts=["goal_set"],
        )
