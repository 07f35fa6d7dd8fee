"""Sentence splitting for speech: whole text at once, or streamed text as it arrives.

Speech starts sooner when the first sentence is synthesised while the mind is still writing the rest,
so `SentenceStream` hands out each sentence as soon as the text after it shows that it is finished.
What this module leaves out: synthesis (os1.voice.tts) and any language other than English-like
punctuation.
"""

from __future__ import annotations

import re

# Words that end in a full stop without ending the sentence ("Dr. Smith", "e.g. this").
ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "a.m", "p.m", "no", "approx",
    "dept", "est", "fig", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "mon", "tue", "wed", "thu", "fri", "sat", "sun",
})
# A sentence longer than this is spoken in clauses, so a run-on reply does not delay the first audio.
MAX_SENTENCE_CHARS = 220

_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the single full stop at `dot` belongs to an abbreviation or an initial ("J.")."""
    start = dot
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    word = text[start:dot].lower().lstrip("\"'“(")
    return word in ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _cut_points(text: str) -> list[int]:
    """Offsets just after each sentence end that is followed by whitespace."""
    points = []
    for match in _END.finditer(text):
        if match.group(0).startswith(".") and not match.group(0).startswith("..") \
                and _is_abbreviation(text, match.start()):
            continue
        points.append(match.end())
    return points


def _clause_cut(text: str) -> int:
    """Where to cut an over-long sentence: after the last comma/semicolon/dash, else the last space."""
    window = text[:MAX_SENTENCE_CHARS]
    for mark in (";", ",", " —", " -"):
        index = window.rfind(mark)
        if index > MAX_SENTENCE_CHARS // 3:
            return index + len(mark)
    index = window.rfind(" ")
    return index if index > 0 else MAX_SENTENCE_CHARS


def split_sentences(text: str) -> list[str]:
    """Split finished text into sentences (and over-long sentences into clauses).

    Example: split_sentences("Hi Dr. Lee. How are you?") -> ["Hi Dr. Lee.", "How are you?"]
    """
    stream = SentenceStream()
    return [*stream.feed(text), *stream.flush()]


class SentenceStream:
    """Feed streamed text chunks; get back each sentence once it is known to be complete."""

    def __init__(self) -> None:
        self._buffer = ""

    def feed(self, chunk: str) -> list[str]:
        """Add `chunk`; return the sentences it completed (possibly none)."""
        self._buffer += chunk
        out: list[str] = []
        while True:
            points = _cut_points(self._buffer)
            if points:
                cut = points[0]
            elif len(self._buffer) > MAX_SENTENCE_CHARS:
                cut = _clause_cut(self._buffer)
            else:
                break
            sentence = self._buffer[:cut].strip()
            self._buffer = self._buffer[cut:].lstrip()
            if sentence:
                out.extend(_long_pieces(sentence))
        return out

    def flush(self) -> list[str]:
        """The text still held (the last sentence, which had nothing after it)."""
        rest = self._buffer.strip()
        self._buffer = ""
        return _long_pieces(rest) if rest else []


def _long_pieces(sentence: str) -> list[str]:
    pieces: list[str] = []
    while len(sentence) > MAX_SENTENCE_CHARS:
        cut = _clause_cut(sentence)
        pieces.append(sentence[:cut].strip())
        sentence = sentence[cut:].strip()
    if sentence:
        pieces.append(sentence)
    return pieces
