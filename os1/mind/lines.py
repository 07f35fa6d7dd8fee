"""The authored lines (data/lines.toml) and a writer that picks them without repeating itself.

`Writer.pick` fills a line's placeholders and skips any sentence said in the last 50 replies (and any
already used in the reply being written), so the companion never says the same sentence twice in a
while. A line with placeholders is a *frame* ("As I understand it, {r}."): its sentence is new each time,
so the frame's own words are checked too, and a frame said lately is passed over while another is free.
Among a few lines that pass, the one sharing the fewest word pairs ("you don't", "right now") with the
last few replies is taken, the way a person avoids the same turn of phrase twice in a minute.
Feeling words are chosen by emotion family and intensity ("annoyed" / "angry" / "furious").
What this module leaves out: which lines a reply needs (os1.mind.compose).
"""

from __future__ import annotations

import random
import re
import tomllib
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from itertools import pairwise

RECENT_REPLIES = 50
# Word pairs are compared with this many of the latest replies, among this many candidate lines.
NEARBY_REPLIES = 10
CANDIDATES = 3
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_SLOT = re.compile(r"\{\w+\}")
_WORD = re.compile(r"[a-z']+|\|")
# family -> (mild, clear, strong) feeling phrases used in validation lines.
FEEL: dict[str, tuple[str, str, str]] = {
    "sadness": ("down", "sad", "really low"),
    "grief": ("sad", "heartbroken", "devastated"),
    "lonely": ("a bit lonely", "lonely", "very alone"),
    "fear": ("uneasy", "anxious", "really scared"),
    "anger": ("annoyed", "angry", "furious"),
    "disappointment": ("let down", "disappointed", "crushed"),
    "remorse": ("a bit guilty", "guilty", "really guilty"),  # phrases that read after "feel" and "be"
    "joy": ("happy", "really happy", "over the moon"),
    "pride": ("pleased", "proud", "incredibly proud"),
    "relief": ("relieved", "so relieved", "hugely relieved"),
    "gratitude": ("grateful", "really grateful", "deeply grateful"),
    "love": ("full of warmth", "full of love", "so full of love"),
    "surprise": ("surprised", "taken aback", "stunned"),
    "confusion": ("unsure", "confused", "completely lost"),
    "hope": ("hopeful", "really hopeful", "full of hope"),
}


@lru_cache(maxsize=1)
def lines() -> dict[str, tuple[str, ...]]:
    """Every authored line, by move name."""
    text = resources.files("os1.mind").joinpath("data/lines.toml").read_text(encoding="utf-8")
    return {key: tuple(value) for key, value in tomllib.loads(text).items()}


def feeling_word(family: str, intensity: float) -> str | None:
    words = FEEL.get(family)
    if words is None:
        return None
    return words[0] if intensity < 0.35 else words[1] if intensity < 0.7 else words[2]


@lru_cache(maxsize=4096)
def frame_words(template: str) -> tuple[str, ...]:
    """The authored wording around a line's placeholders, pieces of two words or more (one-word pieces
    like "So" are too common to count as a frame)."""
    if "{" not in template:
        return ()
    parts = (normalise(part) for part in _SLOT.split(template))
    return tuple(part for part in parts if len(part.split()) >= 2)


@lru_cache(maxsize=4096)
def authored_pairs(template: str) -> frozenset[tuple[str, str]]:
    """The word pairs of a line's own wording, placeholders left out."""
    words = _WORD.findall(_SLOT.sub(" | ", template.lower()))
    return frozenset((a, b) for a, b in pairwise(words) if "|" not in (a, b))


def word_pairs(text: str) -> set[tuple[str, str]]:
    return set(pairwise(_WORD.findall(text.lower())))


def sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE.split(text.strip()) if part]


def normalise(sentence: str) -> str:
    return " ".join(sentence.lower().split()).strip()


class Writer:
    """Picks and fills lines for one reply, never reusing a recent sentence."""

    def __init__(self, recent_replies: Iterable[str], rng: random.Random) -> None:
        replies = list(recent_replies)
        self.recent = {normalise(s) for reply in replies for s in sentences(reply)}
        self.recent_text = normalise(" ".join(replies))
        self.nearby = {pair for reply in replies[-NEARBY_REPLIES:] for pair in word_pairs(reply)}
        self.rng = rng
        self.used: set[str] = set()

    def said_lately(self, phrase: str) -> bool:
        """Was this phrase (not just this sentence) part of a recent reply?"""
        return normalise(phrase) in self.recent_text

    def fresh(self, sentence: str) -> bool:
        return all(normalise(s) not in self.recent | self.used for s in sentences(sentence))

    def worn(self, template: str) -> bool:
        """Was this frame's own wording ("as i understand it,") part of a recent reply?"""
        return any(self.said_lately(part) for part in frame_words(template))

    def pick(
        self, move: str | tuple[str, ...], *, question: bool | None = None, must: bool = False, **fill: str
    ) -> str | None:
        """A filled line of `move` (or of any of several) not said lately; `question` True/False keeps only
        questions/statements.

        A fresh line in a frame not said lately comes first (of a few such, the one whose wording echoes
        the last replies least), then a fresh line in a worn frame. With `must`, an answer that has to be
        given (its name, that it is not human) is given even when every variant was said lately: honesty
        beats variety.
        """
        moves = (move,) if isinstance(move, str) else move
        pool = [line for name in moves for line in lines().get(name, ())]
        self.rng.shuffle(pool)
        good: list[tuple[int, str]] = []
        worn: list[str] = []
        filled: list[str] = []
        for template in pool:
            if question is not None and template.rstrip().endswith("?") != question:
                continue
            try:
                text = template.format(**fill)
            except (KeyError, IndexError):
                continue
            if not self.fresh(text):
                filled.append(text)
            elif self.worn(template):
                worn.append(text)
            else:
                good.append((len(authored_pairs(template) & self.nearby), text))
                if len(good) == CANDIDATES:
                    break
        chosen = (
            min(good, key=lambda g: g[0])[1] if good else worn[0] if worn else filled[0] if must and filled else None
        )
        if chosen is not None:
            self.take(chosen)
        return chosen

    def take(self, text: str) -> None:
        self.used.update(normalise(s) for s in sentences(text))
