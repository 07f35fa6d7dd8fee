"""The built-in reply composer (first version: acknowledge, use the name, ask one question).

Honest behaviour with no language model: it never echoes the person's words back whole, never claims
to understand more than it does, and asks at most one question. The deep composer (moves, reflection,
affect, curiosity) grows here.
"""

from __future__ import annotations

import random
import re

from os1.providers.base import ReplyRequest

_ACKS = (
    "I'm listening.",
    "Thank you for telling me.",
    "I'm glad you said that out loud.",
    "I hear you.",
    "That stays with me.",
    "I'm taking that in.",
)
_QUESTIONS = (
    "What's been on your mind most today?",
    "How are you feeling about it right now?",
    "What would make the rest of today a little better?",
    "Who else knows about this?",
    "What happened next?",
    "What part of it matters most to you?",
)


def compose_reply(request: ReplyRequest) -> str:
    text = request.message.strip()
    rng = random.Random(hash((text, len(request.history))))
    name = request.person.call_name
    if re.fullmatch(r"(hi|hello|hey|good (morning|evening|afternoon))\b.*", text, re.IGNORECASE):
        opener = f"Hello{', ' + name if name else ''}."
        return f"{opener} {rng.choice(_QUESTIONS)}"
    ack = rng.choice(_ACKS)
    if name and rng.random() < 0.4:
        ack = f"{ack[:-1]}, {name}."
    return f"{ack} {rng.choice(_QUESTIONS)}"
