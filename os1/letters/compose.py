"""Composing a letter from the person's own words, without a language model.

The built-in composer never invents a fact. It takes the person's notes (sentences about the recipient,
a memory, what they feel, what they hope), sorts them into the parts of a letter (opening, shared memory,
feeling, wish, closing) and edits lightly: the recipient's name and, when no one else is named, "she"/"he"
become "you" with the verb agreeing; sentences get a capital and an end mark; repeated sentences and
doubled words go. Revisions ("warmer", "shorter") are deterministic transforms of a draft.
What this module leaves out: spelling (os1.letters.proofread), drafting with an LLM, storage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from os1.errors import UserInputError

REVISIONS = ("warmer", "shorter")

_MEMORY_CUES = re.compile(
    r"\b(remember|remembered|when (we|you|i)|that (time|day|summer|winter|night)|used to|taught|"
    r"years? ago|as kids|back then|first time|last (year|summer|time)|we went|we were)\b",
    re.IGNORECASE,
)
_WISH_CUES = re.compile(
    r"\b(hope|wish|want you to|can't wait|cannot wait|looking forward|let's|let us|next (time|year|week)|"
    r"soon|one day|someday|will you|i'll|we'll|promise)\b",
    re.IGNORECASE,
)
_FEELING_CUES = re.compile(
    r"\b(feel|felt|love|miss|grateful|thank|thanks|proud|sorry|mean[s]? (so much|a lot|the world)|"
    r"glad|happy|lucky|admire|appreciate)\b",
    re.IGNORECASE,
)
OCCASION_LINES = {
    "birthday": "Happy birthday!",
    "anniversary": "Happy anniversary!",
    "christmas": "Merry Christmas!",
    "new year": "Happy New Year!",
    "wedding": "Congratulations on your wedding!",
    "graduation": "Congratulations on your graduation!",
}
_SUBJECT_VERBS = {"is": "are", "was": "were", "has": "have", "does": "do", "doesn't": "don't",
                  "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't"}
_NOT_NAMES = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
    "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "Christmas", "Easter", "English", "God", "OK",
}
# Words ending in -s that are not third-person verbs.
_NOT_VERBS = {"always", "sometimes", "perhaps", "was", "has", "is", "does", "this", "us", "as", "yes", "less",
              "across", "plus", "thus", "its", "nevertheless", "afterwards", "towards"}
_HEDGES = re.compile(r"\b(just|really|very|actually|kind of|sort of|basically|I think that)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Parts:
    """The person's sentences, sorted into the parts of a letter."""

    memory: tuple[str, ...]
    feeling: tuple[str, ...]
    wish: tuple[str, ...]


def split_sentences(notes: str) -> list[str]:
    """Sentences and note lines ("- she taught me to swim") as plain strings."""
    pieces: list[str] = []
    for raw in notes.splitlines():
        line = re.sub(r"^\s*([-*•]|\d+[.)])\s*", "", raw).strip()
        if line:
            pieces.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", line) if s.strip())
    return pieces


def tidy(sentence: str) -> str:
    """Capital first letter, 'i' -> 'I', single spaces, no doubled words, an end mark."""
    sentence = re.sub(r"\s+", " ", sentence).strip()
    sentence = re.sub(r"\s+([,.;:!?])", r"\1", sentence)
    sentence = re.sub(r"\bi\b(?=('m|'ve|'ll|'d|\s|$|[,.!?]))", "I", sentence)
    sentence = re.sub(r"\b(\w+)(\s+\1\b)+", r"\1", sentence, flags=re.IGNORECASE)
    if sentence and sentence[0].islower():
        sentence = sentence[0].upper() + sentence[1:]
    if sentence and sentence[-1] not in ".!?\"”')":
        sentence += "."
    return sentence


def _other_names(notes: str, recipient: str) -> set[str]:
    """Capitalised words not at a sentence start, other than the recipient's names and 'I'."""
    own = {part.lower() for part in recipient.split()}
    found = set()
    for match in re.finditer(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+)\b", notes, flags=re.MULTILINE):
        word = match.group(1)
        if word.lower() not in own and word not in _NOT_NAMES:
            found.add(word)
    return found


def address_directly(sentence: str, recipient: str, *, pronouns_safe: bool) -> str:
    """Turn talk *about* the recipient into talk *to* them: 'Mum taught me' -> 'you taught me'.

    Example: 'my sister Anna taught me to swim' (to Anna) -> 'you taught me to swim'
    """
    from os1.people.relations import SYNONYMS, canonical

    relation_words = "|".join(re.escape(w) for w in sorted(SYNONYMS, key=len, reverse=True))
    for name in recipient.split():  # "my sister Anna" -> "Anna": the relation is who they are, not a name
        sentence = re.sub(rf"\b(?:[Mm]y|[Oo]ur)\s+(?:{relation_words})\s*,?\s+(?={re.escape(name)}\b)", "",
                          sentence, flags=re.IGNORECASE)
    relation = canonical(recipient.lower())
    if relation:  # writing to "Mum": "my mum", "my mother" and "mum" all mean the recipient
        same = [w for w, c in SYNONYMS.items() if c == relation]
        words = "|".join(re.escape(w) for w in sorted(same, key=len, reverse=True))
        sentence = re.sub(rf"\b(?:my|our)\s+({words})\b", recipient, sentence, flags=re.IGNORECASE)
    for name in sorted({recipient, *recipient.split()}, key=len, reverse=True):
        escaped = re.escape(name)
        sentence = re.sub(rf"\b{escaped}'s\b", "your", sentence)
        sentence = re.sub(rf"\b{escaped}\b(\s+(\w+'?\w*))?", lambda m: _you_with_verb(m.group(2)), sentence)
    if pronouns_safe:
        contractions = {"'s": "'re", "'d": "'d", "'ll": "'ll", "’s": "’re", "’d": "’d", "’ll": "’ll"}
        sentence = re.sub(r"\b(?:[Ss]he|[Hh]e)(['’](?:s|d|ll))\b", lambda m: "you" + contractions[m.group(1)], sentence)
        sentence = re.sub(r"\b([Ss]he|[Hh]e)\b(\s+(\w+'?\w*))?", lambda m: _you_with_verb(m.group(3)), sentence)
        sentence = re.sub(r"\b(her|him)\b(?=\s*([,.!?;]|$|\s(and|or|to|for|with|at|in|on|so|because|when|every|"
                          r"too|very|a|the|today|again|more|back|already|always|dearly|lots|loads|terribly|"
                          r"much|there|here|now|tonight|all|about|from|after|before|since)\b))",
                          "you", sentence)
        sentence = re.sub(r"\b(her|his)\b", "your", sentence)
        sentence = re.sub(r"\bhim\b", "you", sentence)
        sentence = re.sub(r"\b(herself|himself)\b", "yourself", sentence)
    return sentence


def _you_with_verb(verb: str | None) -> str:
    if verb is None:
        return "you"
    if verb.lower() in _SUBJECT_VERBS:
        return "you " + _SUBJECT_VERBS[verb.lower()]
    return "you " + plain_verb(verb)


def plain_verb(word: str) -> str:
    """'knows' -> 'know', 'tries' -> 'try', 'misses' -> 'miss'; other words unchanged."""
    if not word.islower() or len(word) <= 3 or word in _NOT_VERBS or not word.endswith("s") or word.endswith("ss"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if re.search(r"(ss|sh|ch|x|z|o)es$", word):
        return word[:-2]
    return word[:-1]


def sort_parts(sentences: list[str]) -> Parts:
    memory, feeling, wish = [], [], []
    for sentence in sentences:
        if _WISH_CUES.search(sentence):
            wish.append(sentence)
        elif _MEMORY_CUES.search(sentence):
            memory.append(sentence)
        else:
            feeling.append(sentence)  # what they want the person to know
    return Parts(tuple(memory), tuple(feeling), tuple(wish))


def _capital_you(sentence: str) -> str:
    return sentence[0].upper() + sentence[1:] if sentence else sentence


def compose_letter(
    recipient: str, notes: str, *, occasion: str | None = None, sender: str | None = None
) -> str:
    """A letter to `recipient` made only from `notes` (plus a greeting, an occasion line and a sign-off).

    Raises UserInputError when the notes hold no sentence to build on.
    """
    recipient = recipient.strip()
    if not recipient:
        raise UserInputError("A letter needs someone to write to.", "Pass --to NAME.")
    sentences = split_sentences(notes)
    if not sentences:
        raise UserInputError(
            "The notes are empty, so there is nothing to build a letter from.",
            "Write a few lines: a memory you share, what you want them to know, what you hope.",
        )
    safe = not _other_names(notes, recipient)
    seen: set[str] = set()
    edited: list[str] = []
    for sentence in sentences:
        text = _capital_you(tidy(address_directly(sentence, recipient, pronouns_safe=safe)))
        key = re.sub(r"\W+", " ", text.lower()).strip()
        if key not in seen:
            seen.add(key)
            edited.append(text)
    parts = sort_parts(edited)
    paragraphs = [f"Dear {recipient},"]
    line = OCCASION_LINES.get((occasion or "").strip().lower())
    if line:
        paragraphs.append(line)
    paragraphs.extend(" ".join(group) for group in (parts.memory, parts.feeling, parts.wish) if group)
    paragraphs.append("With love," + (f"\n{sender.strip()}" if sender and sender.strip() else ""))
    return "\n\n".join(paragraphs)


def revise(text: str, how: str) -> str:
    """Apply a deterministic revision: 'warmer' or 'shorter'."""
    if how == "warmer":
        return warmer(text)
    if how == "shorter":
        return shorter(text)
    raise UserInputError(f"Unknown revision {how!r}.", f"Choose one of: {', '.join(REVISIONS)}.")


def warmer(text: str) -> str:
    """Warmer greeting and sign-off, and thanks said in full. Adds no new facts."""
    text = re.sub(r"^(Hi|Hello|Dear)\s+", "My dear ", text, count=1)
    text = re.sub(r"\b(With love|Love|Best wishes|Best|Regards|Kind regards|Cheers),", "With all my love,", text)
    text = re.sub(r"\bThanks\b(?! so much)", "Thank you so much", text)
    return text


def shorter(text: str) -> str:
    """Drop hedges, and keep the first two sentences of every body paragraph."""
    paragraphs = text.split("\n\n")
    out: list[str] = []
    for index, paragraph in enumerate(paragraphs):
        is_frame = index == 0 or index == len(paragraphs) - 1
        if is_frame:
            out.append(paragraph)
            continue
        paragraph = _HEDGES.sub("", paragraph)
        sentences = re.split(r"(?<=[.!?])\s+", paragraph.strip())
        kept = " ".join(sentences[:2])
        out.append(kept[0].upper() + kept[1:] if kept else kept)
    return "\n\n".join(p for p in out if p.strip())
