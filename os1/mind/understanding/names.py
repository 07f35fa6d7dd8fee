"""Finding a person's own name in what they say, and how they like to be called.

The first meeting asks for a name, but people answer in sentences: "I'm Theo", "call me Bea",
"Josephine, but Jo to friends", "I'm Lucia but everyone calls me Lu", or they say something else
entirely ("I'm exhausted from the night shift"). A word counts as a name when it stands where names
stand (after "my name is", "I'm", "call me", or alone as the answer) AND it looks like a name: a known
first name (the US census lists of the `names` package plus our own list of others), or a capitalised
word that spaCy reads as a person or that is no common English word. A feeling, a verb or a sentence is
never a name. What this module leaves out: names of other people (os1.mind.understanding.entities).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

# A lowercase word this common in English is a word, not a name, unless it stands alone as the answer.
COMMON_WORD_FREQUENCY = 8000
_WORD = r"[^\W\d_][\w'\-]*"
_NAME_SLOTS = (
    rf"\bmy name(?:'s| is)\s+(?P<name>{_WORD}(?:\s+{_WORD})?)",
    rf"\bname'?s\s+(?P<name>{_WORD})",
    rf"\b(?:i'?m|i am|im|it'?s|its|this is)\s+(?P<name>{_WORD}(?:\s+[A-Z][\w'\-]+)?)",
)
_CALL_SLOTS = (
    rf"\b(?:just\s+)?call me\s+(?P<name>{_WORD})",
    rf"\b(?:everyone|everybody|people|friends|most people|my friends|they all)\s+(?:just\s+)?calls?\s+me\s+"
    rf"(?P<name>{_WORD})",
    rf"\bgo(?:es)? by\s+(?P<name>{_WORD})",
    rf"\b(?P<name>{_WORD})\s+(?:to|for)\s+(?:my\s+)?(?:friends|short|most people|everyone)\b",
    rf"\b(?P<name>{_WORD})\s+is\s+(?:fine|good|great|perfect|ok(?:ay)?)\b",
    rf"^\s*(?:just|only)\s+(?P<name>{_WORD})\s*[.!]?\s*$",
    rf"\b(?P<name>{_WORD})\s+is\s+(?:easier|shorter|simpler|what (?:people|everyone|most people) (?:use|call me))\b",
)
_DECLINE = re.compile(
    r"\b(rather not|prefer not|not telling|won'?t say|don'?t want to (?:say|tell)|none of your business|"
    r"doesn'?t matter|skip (?:it|that|this)|no name|not important|i'?ll keep that to myself|pass|do i have to|"
    r"(?:tell you|say) (?:it |my name )?later|get used to (?:this|you|it)|not yet|maybe later)\b",
    re.I,
)
# Words that stand in name slots but are never names ("I'm back", "it's me", "call me later").
_NEVER = frozenset([
    "a", "an", "the", "and", "but", "or", "so", "just", "only", "not", "no", "yes", "yeah", "yep", "nope", "ok",
    "okay", "sure", "fine", "good", "great", "well", "here", "there", "back", "home", "new", "glad", "sorry", "me",
    "you", "it", "this", "that", "what", "who", "why", "how", "hi", "hello", "hey", "thanks", "thank", "please",
    "nobody", "none", "nothing", "someone", "somebody", "anyone", "everyone", "later", "soon", "tomorrow", "today",
    "tonight", "now", "again", "still", "really", "very", "quite", "pretty", "kind", "sort", "bit", "little",
    "lot", "always", "never", "also", "too", "hola", "bonjour", "salut", "ciao", "hallo", "hej", "hei", "ola",
    "olá", "namaste", "konnichiwa", "merhaba", "salaam", "shalom", "privet", "aloha",
])


@dataclass(frozen=True)
class NameAnswer:
    """What a message says about the person's own name."""

    name: str | None = None  # the name they gave ("Lucia", "Theodore Twombly")
    call: str | None = None  # how they like to be called, when they said ("Lu")
    declined: bool = False  # "I'd rather not say"
    span: tuple[int, int] | None = None  # where the name phrase stands, to read the rest apart

    @property
    def found(self) -> bool:
        return self.name is not None or self.call is not None


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Known first names, lowercased."""
    import names as census

    found: set[str] = set()
    for list_name in ("dist.male.first", "dist.female.first"):
        text = resources.files(census).joinpath(list_name).read_text(encoding="utf-8")
        found.update(line.split()[0].lower() for line in text.splitlines() if line.strip())
    extra = resources.files("os1.mind").joinpath("data/first_names_extra.txt").read_text(encoding="utf-8")
    found.update(line.strip().lower() for line in extra.splitlines() if line.strip() and not line.startswith("#"))
    return frozenset(found)


@lru_cache(maxsize=4096)
def _frequency(word: str) -> int:
    return int(_spell().word_frequency[word.lower()])


@lru_cache(maxsize=1)
def _spell() -> Any:
    from spellchecker import SpellChecker

    return SpellChecker()


def looks_like_name(word: str, *, alone: bool = False) -> bool:
    """Could `word` be a first name where a name is expected?

    Example: "Theo" -> True; "sam" -> True; "exhausted" -> False; "Grace" -> True; "grace" -> True only
    `alone` (the whole answer); "Back" -> False
    """
    low = word.lower().strip("'-")
    if len(low) < 2 or low in _NEVER or not re.fullmatch(r"[^\W\d_][\w'\-]*", word):
        return False
    from os1.mind.said_feeling import is_feeling_word

    if is_feeling_word(low):
        return False
    known = low in first_names()
    common = _frequency(low) >= COMMON_WORD_FREQUENCY
    if word[:1].isupper():
        return known or not common
    return (known and (alone or not common)) or (alone and not common and not _is_word(low))


def _is_word(low: str) -> bool:
    """A lowercase word that is in the English dictionary at all (a rare word, not a name)."""
    return _frequency(low) > 0 and low not in first_names()


def read_name(text: str, *, expecting: bool = False) -> NameAnswer:
    """The person's name and call name in `text`; `expecting` when OS1 has just asked for their name.

    Example: "I'm Lucia but everyone calls me Lu" -> NameAnswer("Lucia", "Lu");
    "Josephine, but Jo to friends" -> NameAnswer("Josephine", "Jo"); "I'm exhausted" -> NameAnswer()
    """
    cleaned = text.strip()
    call, call_span = _slot(cleaned, _CALL_SLOTS)
    name, span = _slot(cleaned, _NAME_SLOTS, alone=expecting)
    if name is None and expecting:
        name, span = _bare(cleaned, call_span)
    if name is None and expecting:
        name, span = _person_entity(cleaned)
    if name is None and call is None:
        return NameAnswer(declined=bool(expecting and _DECLINE.search(cleaned)))
    if name is None:
        name = call  # "call me Bea": the name they go by is the one to use
    spans = [s for s in (span, call_span) if s]
    whole = (min(s[0] for s in spans), max(s[1] for s in spans)) if spans else None
    return NameAnswer(name=name, call=call, span=whole)


def _slot(
    text: str, patterns: tuple[str, ...], *, alone: bool = False
) -> tuple[str | None, tuple[int, int] | None]:
    """The name standing in one of `patterns`; `alone` when OS1 has just asked for a name, so a known first
    name that is also a word ("i'm grace") counts."""
    for pattern in patterns:
        for match in re.finditer(pattern, text, re.I):
            words = match.group("name").split()
            kept = [w for w in words[:1] if looks_like_name(w, alone=alone and w.lower() in first_names())]
            if not kept:
                continue
            kept += [w for w in words[1:2] if w[:1].isupper() and looks_like_name(w)]
            return tidy(" ".join(kept)), match.span()
    return None, None


def _bare(text: str, skip: tuple[int, int] | None) -> tuple[str | None, tuple[int, int] | None]:
    """A name given alone as the answer: "Amy", "theodore twombly", "Josephine, but …"."""
    head = re.match(
        rf"^\W*(?:(?:ok(?:ay)?|well|um+|so|sure|fine|right|oh|hi|hey|hello)\W+)*(?P<name>{_WORD}(?:\s+{_WORD}){{0,2}})"
        rf"\W*(?:$|,|\bbut\b|-|—)",
        text,
        re.I,
    )
    if not head:
        return None, None
    words = head.group("name").split()
    if skip and head.start("name") >= skip[0]:
        return None, None
    if all(looks_like_name(w, alone=True) for w in words):
        return tidy(" ".join(words)), head.span("name")
    return None, None


def _person_entity(text: str) -> tuple[str | None, tuple[int, int] | None]:
    """spaCy's PERSON reading, for a name inside a longer answer ("oh hi, Maximilian here")."""
    from os1.mind.nlp import get_nlp

    doc = get_nlp()(text[:300])
    for ent in doc.ents:
        if ent.label_ == "PERSON" and all(looks_like_name(t.text) for t in ent):
            return tidy(ent.text), (ent.start_char, ent.end_char)
    return None, None


def tidy(name: str) -> str:
    """Capitalised as a name: "sam" -> "Sam"; keeps inner capitals ("McKenzie")."""
    return " ".join(part[:1].upper() + part[1:] for part in name.split())
