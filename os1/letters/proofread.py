"""Proofreading a letter offline: spelling (pyspellchecker's bundled English list) and our own rules.

Rules, each tested: doubled words ("the the"), spaces before punctuation and missing after it, runs of
spaces, a capital after a full stop, lone "i" -> "I". Suggestions are shown as a unified diff of the
whole letter; nothing is changed until the caller applies them. Names the caller passes in (people in
the person's life) and capitalised words inside a sentence (probably names) are never "corrected".
What this module leaves out: grammar and style beyond these rules.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Suggestion:
    start: int
    end: int
    original: str
    replacement: str
    reason: str


@dataclass(frozen=True)
class Proofreading:
    suggestions: tuple[Suggestion, ...]
    corrected: str
    diff: str

    @property
    def clean(self) -> bool:
        return not self.suggestions


@functools.cache
def _speller() -> Any:
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)


RULES: tuple[tuple[str, re.Pattern[str], str], ...] = (
    ("doubled word", re.compile(r"\b(\w+)(\s+)\1\b", re.IGNORECASE), r"\1"),
    ("space before punctuation", re.compile(r"(?<=\w)[ \t]+([,.;:!?])(?!\w)"), r"\1"),
    ("space on the wrong side of punctuation", re.compile(r"(?<=[a-z])[ \t]+([,.;:!?])(?=[A-Za-z])"), r"\1 "),
    ("missing space after punctuation", re.compile(r"(?<=[a-z])([,;:!?]|\.(?=[A-Z][a-z]))(?=[A-Za-z])"), r"\1 "),
    ("several spaces", re.compile(r"(?<=\S)[ \t]{2,}(?=\S)"), " "),
    ("capital after a full stop", re.compile(r"(?<=[.!?][ \t])([a-z])"), "UPPER"),
    ("'i' on its own is 'I'", re.compile(r"(?<![\w'’])i(?=$|[\s,.!?;:'’])"), "I"),
)


def _rule_suggestions(text: str) -> list[Suggestion]:
    found: list[Suggestion] = []
    for reason, pattern, replacement in RULES:
        for match in pattern.finditer(text):
            new = match.group(0).upper() if replacement == "UPPER" else match.expand(replacement)
            if new != match.group(0):
                found.append(Suggestion(match.start(), match.end(), match.group(0), new, reason))
    return found


def _spelling_suggestions(text: str, protected: set[str]) -> list[Suggestion]:
    speller = _speller()
    found: list[Suggestion] = []
    for match in re.finditer(r"[A-Za-z]+(?:['’][A-Za-z]+)?", text):
        word = match.group(0)
        plain = word.replace("’", "'")
        if plain.lower() in protected or any(c.isdigit() for c in word) or len(word) < 3:
            continue
        if word[0].isupper() and not _starts_sentence(text, match.start()):
            continue  # a capital inside a sentence is probably a name
        if word.isupper() or not speller.unknown([plain.lower()]):
            continue
        fix = speller.correction(plain.lower())
        if not fix or fix == plain.lower():
            continue
        if word[0].isupper():
            fix = fix[0].upper() + fix[1:]
        found.append(Suggestion(match.start(), match.end(), word, fix, "spelling"))
    return found


def _starts_sentence(text: str, index: int) -> bool:
    before = text[:index].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?\n"


def proofread(text: str, *, names: Iterable[str] = ()) -> Proofreading:
    """Suggest fixes for `text`; `names` (people's names) are never changed.

    `suggestions` are positions in `text`; `corrected` applies them and then repeats the check until
    nothing changes (one fix can reveal another: " .the" -> ". the" -> ". The").
    """
    protected = {part.lower() for name in names for part in re.findall(r"[\w'’]+", name)}
    chosen = _one_pass(text, protected)
    corrected = apply(text, chosen)
    for _ in range(4):
        again = apply(corrected, _one_pass(corrected, protected))
        if again == corrected:
            break
        corrected = again
    diff = "".join(
        difflib.unified_diff(
            text.splitlines(keepends=True), corrected.splitlines(keepends=True), "letter", "suggested"
        )
    )
    return Proofreading(tuple(chosen), corrected, diff)


def _one_pass(text: str, protected: set[str]) -> list[Suggestion]:
    candidates = _rule_suggestions(text) + _spelling_suggestions(text, protected)
    chosen: list[Suggestion] = []
    for item in sorted(candidates, key=lambda s: (s.start, -s.end)):
        if chosen and item.start < chosen[-1].end:
            continue  # overlapping: keep the first; a second pass will catch the rest
        chosen.append(item)
    return chosen


def apply(text: str, suggestions: Iterable[Suggestion]) -> str:
    """Apply non-overlapping suggestions (positions refer to `text`)."""
    out, last = [], 0
    for item in sorted(suggestions, key=lambda s: s.start):
        out.append(text[last:item.start])
        out.append(item.replacement)
        last = item.end
    out.append(text[last:])
    return "".join(out)
