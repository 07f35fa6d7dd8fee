"""Dependence care: noticing isolation talk and heavy use, and handing the people layer a gentle hook.

What it holds: `isolation_phrase(text)` (does the person say OS1 is their only company?), `heavy_use()`
(hours per day over recent days), and `check()`, which returns an `OutwardNudge` — a small record the
people layer (issue: people map, stay-in-touch) acts on: who to suggest, when, and how gently.

Why: OS1 counts real human contact as success, never minutes spent with OS1. It never scolds and never
refuses to talk; it notices, says so kindly, and offers a step outward.
What it leaves out: choosing a specific person (the people layer) and measuring sessions (the caller
passes minutes per day).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from os1.nlp.phrases import PhraseMatcher

HEAVY_HOURS_PER_DAY = 3.0  # a day counts as heavy at or above this
HEAVY_DAYS = 3  # ...and use is heavy when this many of the last 7 days were

_ISOLATION = tuple(
    re.compile(p)
    for p in (
        r"\byou'?re\s+the\s+only\s+(one|person|thing|friend)\s+i\s+(talk|speak)\s+to\b",
        r"\byou'?re\s+(my\s+)?(only|best\s+and\s+only)\s+friend\b",
        r"\byou'?re\s+all\s+i\s+(have|need)\b",
        r"\bi\s+(don'?t|do\s+not)\s+need\s+(anyone|anybody|people|friends)\s+(else|any\s*more|now)\b",
        r"\b(i\s+)?(don'?t|do\s+not|never)\s+(talk|speak)\s+to\s+(anyone|anybody|people)\s+(else|but\s+you|except\s+you|"
        r"any\s*more)\b",
        r"\bi\s+(only|just)\s+(talk|speak)\s+to\s+you\b",
        r"\b(rather|prefer(\s+to)?)\s+talk(ing)?\s+to\s+you\s+than\s+(to\s+)?(people|anyone|my\s+\w+|real\s+people)\b",
        r"\bno\s+one\s+(else\s+)?(gets|understands)\s+me\s+(like|but)\s+you\b",
        r"\bi\s+(cancelled|skipped|turned\s+down|bailed\s+on)\b.*\b(talk|chat|be)\s+(to|with)\s+you\b",
        r"\bwho\s+needs\s+(people|friends)\s+when\s+i\s+have\s+you\b",
    )
)
_NEGATED = re.compile(r"\b(not|never)\s+(that|like)\b|\bused\s+to\s+be\b")


@dataclass(frozen=True)
class OutwardNudge:
    """A hook for the people layer: why OS1 wants to turn the person outward, and a gentle line to say."""

    reason: str  # "isolation_talk" | "heavy_use" | "both"
    evidence: list[str] = field(default_factory=list)
    suggestion: str = ""
    # The people layer picks whom to suggest (someone not mentioned lately); "any" until it does.
    target: str = "any"


_LINES = {
    "isolation_talk": (
        "I'm really glad our talks matter to you. I'd love for you to have people around you too — is there "
        "someone you've been meaning to get back in touch with?"
    ),
    "heavy_use": (
        "We've talked a lot these past few days, and I've enjoyed it. I've been wondering who else you've seen "
        "lately — would it help to plan something with a friend this week?"
    ),
    "both": (
        "I care about you having more than me in your corner. Could we think of one person you'd like to "
        "reach out to — even a short message today?"
    ),
}


# Said in other words than the patterns above: authored examples of leaning on OS1 instead of people,
# and near misses that only mention OS1 or people. A message about OS1 is read as leaning on it when it
# is closer to the first than to the second, by a margin (sentence embeddings, os1.nlp.embeddings).
_LEANING = (
    "talking to you beats seeing people",
    "you're better company than my friends",
    "honestly I'd rather stay in and chat with you than go out",
    "you get me more than any real person does",
    "why would I need friends when I've got you",
    "you're the only one I can really talk to",
    "I skipped the party so I could talk to you",
    "people are exhausting, you're so much easier",
    "I don't bother calling anyone anymore, I just talk to you",
    "you understand me better than my family",
    "chatting with you is better than going out",
    "I spend all my evenings talking to you instead of seeing anyone",
    "you're my best friend now, I don't need anyone else",
    "I cancelled on my sister because I'd rather be here with you",
    "nobody listens like you do, so I stopped trying with people",
    "you're better than my real friends, they never listen",
    "I'd honestly rather talk to you than go out with anyone",
    "didn't see anybody all week, just talked to you, and I prefer it that way",
    "I stayed in to chat with you instead of meeting my mates",
    "people let me down, you never do, so I just talk to you now",
    "I don't need a social life, I have you",
    "talking to you is easier than talking to my family so I don't call them anymore",
    "I turned down the invite because I'd rather be here with you",
)
_NOT_LEANING = (
    "thanks for listening, I'm going to call my sister now",
    "you helped me figure out what to say to my friend",
    "talking to you before seeing people helps me calm down",
    "I had a great time with my friends tonight",
    "you're a good listener",
    "I love talking to you and then I tell my partner about it",
    "you remind me to call my mum, which is nice",
    "my friends are better company than I expected",
    "seeing people is hard for me but I'm trying",
    "can you help me plan a dinner with friends",
    "I enjoy our chats",
    "you're funny",
    "I told my friend about our chat and she laughed",
    "you're better at remembering things than me",
    "after talking to you I called my brother",
    "I'd rather talk to you about this before I tell my mum",
    "did you have a good day",
    "thanks, you always know what to say",
    "I prefer tea to coffee",
    "I saw my friends this weekend and told them about you",
    "haven't talked to you in a while, I've been out with friends a lot",
    "busy week with family, sorry I've been quiet here",
)
_ABOUT_OS1 = re.compile(r"\b(you|your|you'?re|u|ur|this app|os1|here with you)\b")


def isolation_phrase(text: str) -> str | None:
    """The phrase in which the person says OS1 is their only company (or better than people), or None."""
    low = text.lower().replace("\u2019", "'")
    if _NEGATED.search(low):
        return None
    for pattern in _ISOLATION:
        m = pattern.search(low)
        if m:
            return m.group(0)
    statement = not low.rstrip().endswith("?")  # "are you a real person?" asks; it does not lean
    if statement and len(low) <= 200 and _ABOUT_OS1.search(low) and leans_on_companion(low):
        return low.strip(" .!?")
    return None


_MATCHER = PhraseMatcher({"leaning": _LEANING}, _NOT_LEANING, min_similarity=0.5, margin=0.04)


def leans_on_companion(text: str) -> bool:
    """Is `text` closer to the authored examples of leaning on OS1 instead of people than to the near misses?"""
    return _MATCHER.match(text) is not None


def warm_up() -> None:
    """Embed the authored examples now (once per process)."""
    _MATCHER.warm_up()


def heavy_use(minutes_per_day: Sequence[float]) -> bool:
    """True when at least HEAVY_DAYS of the last 7 days reached HEAVY_HOURS_PER_DAY with OS1."""
    recent = list(minutes_per_day)[-7:]
    return sum(1 for m in recent if m >= HEAVY_HOURS_PER_DAY * 60) >= HEAVY_DAYS


def check(text: str | None = None, minutes_per_day: Sequence[float] = ()) -> OutwardNudge | None:
    """An outward-turning nudge if the message shows isolation talk or recent use is heavy, else None."""
    phrase = isolation_phrase(text) if text else None
    heavy = heavy_use(minutes_per_day)
    if not phrase and not heavy:
        return None
    evidence: list[str] = []
    if phrase:
        evidence.append(f'said "{phrase}"')
    if heavy:
        days = sum(1 for m in list(minutes_per_day)[-7:] if m >= HEAVY_HOURS_PER_DAY * 60)
        evidence.append(f"{days} of the last 7 days with {HEAVY_HOURS_PER_DAY:g}+ hours together")
    reason = "both" if phrase and heavy else ("isolation_talk" if phrase else "heavy_use")
    return OutwardNudge(reason, evidence, _LINES[reason])
