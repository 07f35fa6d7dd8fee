"""What a message looks like before what it means: emoji only, punctuation only, another language,
ALL CAPS, code, links, very long.

The composer answers these kindly instead of pretending to understand them. Pure functions, no models
(the spelling dictionary of pyspellchecker tells keyboard mash from words).
What this module leaves out: meaning (os1.mind.perceive) and the replies themselves (os1.mind.moves).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

LONG_WORDS = 180
_URL = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)
_CODE_HINTS = re.compile(
    r"(```|^\s*(def|class|import|from|return|function|const|let|var|public|#include|SELECT|INSERT)\b|"
    r"[{};]\s*$|=>|\)\s*\{|</?[a-z]+[^>]*>|\b\w+\(.*\)\s*[;:]?\s*$)",
    re.IGNORECASE | re.MULTILINE,
)
# Common English function words: a message of several words with none of these is probably not English.
ENGLISH_WORDS = frozenset(
    [
        "i",
        "you",
        "he",
        "she",
        "it",
        "we",
        "they",
        "me",
        "my",
        "your",
        "our",
        "the",
        "a",
        "an",
        "and",
        "or",
        "but",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "with",
        "is",
        "am",
        "are",
        "was",
        "were",
        "be",
        "been",
        "have",
        "has",
        "had",
        "do",
        "did",
        "does",
        "not",
        "no",
        "yes",
        "so",
        "this",
        "that",
        "what",
        "how",
        "why",
        "when",
        "where",
        "who",
        "just",
        "can",
        "will",
        "would",
        "could",
        "should",
        "there",
        "here",
        "up",
        "out",
        "about",
        "all",
        "im",
        "i'm",
        "dont",
        "don't",
        "its",
        "it's",
        "feel",
        "like",
        "today",
        "got",
        "go",
    ]
)


@dataclass(frozen=True)
class Surface:
    """Flags about the form of one message."""

    emoji_only: bool = False
    punctuation_only: bool = False
    not_english: bool = False
    shouting: bool = False
    code: bool = False
    urls: tuple[str, ...] = ()
    long: bool = False
    words: int = 0
    gibberish: bool = False
    emoji_feeling: str | None = None  # "sad", "happy", "angry", "anxious", "ok", "warm" for emoji that say one

    @property
    def unreadable(self) -> bool:
        """Nothing in it the mind can read as English words."""
        return self.emoji_only or self.punctuation_only or self.not_english

    def kind(self) -> str | None:
        """The single most important oddity, or None for an ordinary message."""
        for name in ("emoji_only", "punctuation_only", "code", "not_english", "gibberish"):
            if getattr(self, name):
                return name
        if self.urls and self.words <= len(self.urls) + 3:
            return "url"
        return None


# Emoji that say a feeling plainly; a message of only these is answered as that feeling.
_EMOJI_FEELINGS = {
    "sad": "😭😢😞💔🥺☹🙁😔😿😪😥",
    "happy": "😊😀😄😁🥳🎉😍😃😆🤩💃🙌✨",
    "ok": "👍👌✅🆗",
    "warm": "❤💕💗💖🥰😘🫶🙏🤗",
    "angry": "😡😠🤬👿💢😤",
    "anxious": "😬😰😟😨😱😧😓",
}


def _emoji_feeling(visible: list[str]) -> str | None:
    found = {name for c in visible for name, chars in _EMOJI_FEELINGS.items() if c in chars}
    return found.pop() if len(found) == 1 else None


# Chat shorthand that no dictionary holds but every texter reads.
_SHORTHAND = frozenset(
    [
        "idk", "tbh", "lol", "lmao", "rofl", "omg", "brb", "ngl", "imo", "imho", "smh", "ffs", "wtf", "btw", "ty",
        "thx", "np", "rn", "fr", "irl", "ikr", "jk", "tho", "ur", "u", "r", "ya", "yea", "nah", "nope", "yup",
        "ok", "okay", "kk", "hmm", "hm", "mm", "mhm", "ugh", "meh", "aww", "aw", "haha", "hahaha", "hehe", "xd",
        "xx", "xo", "gn", "gm", "hbu", "wbu", "wyd", "hru", "bc", "cuz", "gonna", "wanna", "gotta", "dunno",
        "lemme",
    ]
)


def _looks_like_gibberish(words: list[str]) -> bool:
    """Keyboard mash ("asdkjh qwe zxcv"): no word of it is English, chat shorthand or a known first name."""
    if not words or sum(len(w) for w in words) < 5:
        return False
    from os1.mind.understanding.names import first_names

    known, names = _dictionary(), first_names()
    return not any(
        w.lower() in ENGLISH_WORDS or w.lower() in _SHORTHAND or w.lower() in known or w.lower() in names
        for w in words
    )


@lru_cache(maxsize=1)
def _dictionary() -> Any:
    from spellchecker import SpellChecker

    return SpellChecker().word_frequency.dictionary


def _is_emoji(char: str) -> bool:
    category = unicodedata.category(char)
    return category in ("So", "Sk") or 0x1F000 <= ord(char) <= 0x1FAFF or char in "\u200d\ufe0f"


def read_surface(text: str) -> Surface:
    """Classify the form of `text`.

    Example: read_surface("😢😢") -> emoji_only; read_surface("?!...") -> punctuation_only
    """
    stripped = text.strip()
    visible = [c for c in stripped if not c.isspace()]
    urls = tuple(_URL.findall(stripped) and [m.group(0) for m in _URL.finditer(stripped)])
    without_urls = _URL.sub(" ", stripped)
    words = re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", without_urls)
    letters = [c for c in without_urls if c.isalpha()]
    emoji_only = (
        bool(visible)
        and not letters
        and any(_is_emoji(c) for c in visible)
        and all(_is_emoji(c) or not c.isalnum() for c in visible)
    )
    punctuation_only = bool(visible) and not emoji_only and not any(c.isalnum() for c in visible)
    latin = sum(1 for c in letters if c.isascii())
    english_hits = sum(1 for w in words if w.lower() in ENGLISH_WORDS)
    not_english = bool(letters) and (latin < 0.5 * len(letters) or (len(words) >= 4 and english_hits == 0))
    upper = [c for c in letters if c.isupper()]
    shouting = len(letters) >= 8 and len(upper) >= 0.8 * len(letters)
    code_lines = sum(1 for line in stripped.splitlines() if _CODE_HINTS.search(line))
    code = (
        "```" in stripped
        or code_lines >= max(2, len(stripped.splitlines()) // 2 + 1)
        or (code_lines >= 1 and len(words) <= 8 and bool(re.search(r"[(){};=<>]", stripped)))
    )
    unknown_words = bool(letters) and not not_english and not code and not urls and _looks_like_gibberish(words)
    # Unknown words with accents are another language ("Hola, ¿cómo estás?"), not a keyboard mash.
    accented = any(not c.isascii() for c in letters)
    return Surface(
        gibberish=unknown_words and not accented,
        emoji_feeling=_emoji_feeling(visible) if emoji_only else None,
        emoji_only=emoji_only,
        punctuation_only=punctuation_only,
        not_english=(not_english or (unknown_words and accented)) and not code,
        shouting=shouting,
        code=code,
        urls=urls,
        long=len(words) > LONG_WORDS,
        words=len(words),
    )
