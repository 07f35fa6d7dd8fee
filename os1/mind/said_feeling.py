"""Feelings the person names in their own words: "I'm so angry", "I feel guilty", "I've been feeling down".

When someone says how they feel, that is the feeling to answer, whatever the classifier guessed: it reads
tone from examples and can miss a plain statement ("I'm grateful my colleague checked in on me" read as
neutral, "I'm furious at Sam" as sadness). Only first-person statements count, and a negation right after
("I'm not angry", "I'm never happy") cancels.
What this module leaves out: feelings implied but not named (the classifier in os1.mind.perceive reads those).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Feeling word (or two-word phrase) -> the family the composer answers to (see os1.mind.perceive.FAMILY).
_WORDS: dict[str, str] = {
    **dict.fromkeys(["angry", "furious", "livid", "mad", "annoyed", "irritated", "frustrated", "fuming"], "anger"),
    **dict.fromkeys(["fed up", "sick of", "tired of"], "anger"),
    **dict.fromkeys(["sad", "down", "low", "miserable", "heartbroken", "gutted", "upset", "awful"], "sadness"),
    **dict.fromkeys(["devastated", "depressed", "hopeless"], "sadness"),
    **dict.fromkeys(["lonely", "alone", "isolated", "left out", "left behind"], "lonely"),
    **dict.fromkeys(["scared", "afraid", "terrified", "nervous", "anxious", "worried", "frightened"], "fear"),
    **dict.fromkeys(["stressed", "panicking", "dreading"], "fear"),
    **dict.fromkeys(["disappointed", "let down"], "disappointment"),
    **dict.fromkeys(["guilty", "ashamed", "embarrassed"], "remorse"),
    **dict.fromkeys(["happy", "thrilled", "delighted", "excited", "ecstatic", "chuffed", "overjoyed"], "joy"),
    "proud": "pride",
    "relieved": "relief",
    **dict.fromkeys(["grateful", "thankful"], "gratitude"),
    **dict.fromkeys(["confused", "torn", "unsure"], "confusion"),
    **dict.fromkeys(["hopeful", "optimistic"], "hope"),
}
# "I'm", "I feel", "I've been feeling", "it made me" ... then up to a few words of degree before the feeling.
_LEAD = re.compile(
    r"\b(?:i'?m|i am|i feel|i felt|i was|i've been|i have been|i get|i got|makes me|made me|making me)"
    r"(?:\s+(?:feeling|so|really|very|pretty|a bit|a little|kind of|quite|just|absolutely|completely|"
    r"incredibly|super|too|totally|honestly|still|now|also|getting|more and more|a lot))*\s+"
    r"(?P<word>[a-z']+)(?:\s+(?P<next>[a-z']+))?",
    re.IGNORECASE,
)
# Words that name the family but read wrongly when said back ("You're allowed to be awful about it").
_NOT_SAID_BACK = frozenset({"awful", "sick of", "tired of", "dreading", "panicking", "depressed", "hopeless"})
_NEGATION = frozenset({"not", "never", "hardly", "barely", "no", "less"})
# Feeling words in phrases that are not feelings ("I'm down to my last euro", "I'm low on milk").
_NOT_FEELINGS = frozenset({"down to", "low on", "mad about", "upset stomach"})


def is_feeling_word(word: str) -> bool:
    """Is `word` one of the feeling words this module knows ("lonely", "furious")?"""
    return word.lower() in _WORDS


@dataclass(frozen=True)
class Said:
    """A feeling named in the person's words: its family, and the word to say it back with (None when
    their word does not read well in a validation line)."""

    family: str
    word: str | None


def said_feeling(text: str) -> Said | None:
    """The first feeling the person names about themselves, or None.

    Example: said_feeling("I snapped at Jess and now I feel guilty about it") -> Said("remorse", "guilty")
    """
    for match in _LEAD.finditer(text):
        word = match.group("word").lower()
        if word in _NEGATION:
            continue
        pair = f"{word} {(match.group('next') or '').lower()}"
        if pair in _NOT_FEELINGS:
            continue
        named = pair if pair in _WORDS else word
        family = _WORDS.get(named)
        if family:
            return Said(family, None if named in _NOT_SAID_BACK else named)
    return None
