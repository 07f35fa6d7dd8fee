"""Reflection: say back one clause of what the person said, with the perspective turned.

Built on spaCy's dependency parse: it picks the clause that says most about the person (a first-person
subject, someone of theirs, a feeling), trims modifiers until it is short, and turns the perspective
token by token (I -> you, my -> your, am -> are, was -> were; and you -> I for things said about the
companion). It never returns the whole of a longer message: a reflection is a short paraphrase.
What this module leaves out: the framing sentence around it (os1.mind.moves).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from os1.mind.nlp import parse

MAX_TOKENS = 13
# First person -> second person, by lower-cased token.
_TO_YOU = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "we": "you",
    "us": "you",
    "our": "your",
    "ours": "yours",
    "ourselves": "yourselves",
}
# Second person -> first person (the person talking about the companion).
_TO_ME = {"your": "my", "yours": "mine", "yourself": "myself"}
# Finite verbs that must agree with a turned subject.
_AGREE_YOU = {"am": "are", "'m": "'re", "m": "'re", "was": "were"}
_AGREE_ME = {"are": "am", "'re": "'m", "were": "was"}
# Children dropped first when a clause is too long, then the rest in this order.
_TRIM_ORDER = ("advcl", "conj", "cc", "parataxis", "npadvmod", "prep", "advmod", "ccomp", "xcomp", "dobj")
# Modifiers of the head that are cut whole when anything inside them is cut.
_WHOLE_MODIFIERS = frozenset({"prep", "advcl", "npadvmod", "advmod", "conj", "cc", "parataxis"})
_SKIP_LEADING = {"cc", "mark", "intj", "discourse", "punct", "advmod"}
_FILLERS = {"well", "so", "honestly", "like", "um", "uh", "basically", "actually", "anyway", "ok", "okay"}
_CLAUSE_DEPS = {"ROOT", "conj", "ccomp", "advcl", "xcomp"}


@dataclass(frozen=True)
class Reflection:
    """One clause said back with the perspective turned."""

    text: str  # "your sister Anna is moving to Berlin"
    about_person: bool  # the clause is about the person (I/my) rather than the companion
    people: tuple[str, ...] = ()  # people named in it, e.g. ("your sister Anna",)


def turn_perspective(text: str) -> str:
    """Turn the perspective of a whole short text (used for reasons and threads).

    Example: "I haven't slept for three nights" -> "you haven't slept for three nights"
    """
    doc = parse(text)
    return _render([t for t in doc if not (t.is_punct and t.i == len(doc) - 1)])


def reflect(text: str, max_tokens: int = MAX_TOKENS) -> Reflection | None:
    """The best short clause of `text`, perspective turned; None when nothing is worth saying back."""
    doc = parse(text[:1500])
    words = sum(1 for t in doc if not t.is_punct)
    # A longer message is summarised, never handed back whole: at most three quarters of it.
    limit = min(max_tokens, max(5, int(words * 0.75))) if words > 8 else max_tokens
    best: tuple[float, list[Any]] | None = None
    for sent in doc.sents:
        if sent.text.rstrip().endswith("?"):
            continue
        for head in sent:
            if head.dep_ not in _CLAUSE_DEPS or head.pos_ not in ("VERB", "AUX"):
                continue
            tokens = _trimmed(head, limit)
            if not tokens:
                continue
            # The main clause first: a subordinate one ("that I would fail") is not what was meant.
            base = _score(tokens)
            score = base + (1.5 if base > 0 and head.dep_ in ("ROOT", "conj") else 0)
            if score > 0 and (best is None or score > best[0]):
                best = (score, tokens)
    if best is None:
        return None
    tokens = best[1]
    if words > 8 and len(tokens) >= words:  # never the whole message back
        return None
    rendered = _render(tokens)
    if len(rendered.split()) < 3:
        return None
    # About the person when they are in it, unless it is really about the companion ("you are kind to me").
    about_person = any(t.lower_ in _TO_YOU for t in tokens) and not any(
        t.lower_ in ("you", "u") and t.dep_ in ("nsubj", "nsubjpass") for t in tokens
    )
    return Reflection(rendered, about_person, _people(tokens))


def _clause_tokens(head: Any) -> list[Any]:
    """The head's subtree without the other clauses hanging off it."""
    tokens = [head]
    for child in head.children:
        if child.dep_ in ("conj", "parataxis") and child.pos_ in ("VERB", "AUX"):
            continue
        if child.dep_ == "cc" or (child.dep_ == "punct" and child.i > head.i):
            continue
        tokens.extend(child.subtree)
    return sorted(tokens, key=lambda t: t.i)


def _trimmed(head: Any, limit: int) -> list[Any]:
    tokens = _clause_tokens(head)
    # A comma usually starts another thought ("I'm angry at Tom, he lied"): keep the head's part. The
    # comma may hang off the head itself and so not be among the tokens: look in the sentence.
    commas = [t.i for t in head.doc[tokens[0].i : tokens[-1].i + 1] if t.text in (",", ";", "-", "—")]
    if commas:
        for start, end in pairwise([-1, *commas, len(head.doc)]):
            part = [t for t in tokens if start < t.i < end]
            if head in part and len(part) >= 3:
                tokens = part
                break
    for dep in _TRIM_ORDER:
        if len(tokens) <= limit:
            break
        # Drop the modifiers farthest from the head first, wherever they hang in the clause.
        for child in sorted((t for t in tokens if t.dep_ == dep and t != head), key=lambda c: -abs(c.i - head.i)):
            if child.pos_ == "ADP" and not list(child.children):
                continue  # a lone preposition: cutting it leaves a hole ("learn more a podcast")
            if _completes_the_verb(child, head):
                continue  # "getting into pottery" is not "getting"
            if len(tokens) > limit and child in tokens:
                # Cut the whole modifier the token belongs to, never half of it ("in front" of what?).
                top = child
                while top.head != head and top.head != top:
                    top = top.head
                if top.dep_ not in _WHOLE_MODIFIERS or _completes_the_verb(top, head):
                    top = child
                dropped = {t.i for t in top.subtree}
                tokens = [t for t in tokens if t.i not in dropped]
    while tokens and ((tokens[0].dep_ in _SKIP_LEADING and tokens[0] != head) or tokens[0].lower_ in _FILLERS):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or _dangling(tokens[-1])):
        tokens = tokens[:-1]
    if len(tokens) > limit or not any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in tokens):
        return []
    if _splits_a_phrase(tokens):
        return []
    return tokens


def _completes_the_verb(child: Any, head: Any) -> bool:
    """Is `child` the prepositional phrase right after a verb with no object, the verb's complement?"""
    if child.dep_ != "prep" or child.head != head or head.pos_ != "VERB":
        return False
    if any(c.dep_ in ("dobj", "attr", "acomp", "oprd", "xcomp", "ccomp") for c in head.children):
        return False
    between = head.doc[head.i + 1 : child.i]
    return all(t.dep_ == "prt" for t in between)


def _dangling(token: Any) -> bool:
    """A last word left hanging by a cut: "and", "that", "the", "my", or a preposition that lost its object.
    A stranded preposition that never had one is English ("the flat I applied for") and stays."""
    if token.dep_ == "prep":
        return bool(list(token.children))
    return token.dep_ in ("cc", "mark", "det", "poss")


def _splits_a_phrase(tokens: list[Any]) -> bool:
    """Does the clause end inside a noun phrase whose noun was cut ("the kitchen a pale" | green)?"""
    last = tokens[-1]
    if last.pos_ not in ("ADJ", "DET", "NUM") or last.i + 1 >= len(last.doc):
        return False
    following = last.doc[last.i + 1]
    return following.pos_ in ("NOUN", "PROPN") and following not in tokens


def _score(tokens: list[Any]) -> float:
    score = 0.0
    for t in tokens:
        if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in ("i", "we"):
            score += 3
        elif t.dep_ in ("nsubj", "nsubjpass") and any(c.lower_ in ("my", "our") for c in t.children):
            score += 3.5  # someone of theirs doing or undergoing something: what matters most
        elif t.lower_ in ("my", "our", "me"):
            score += 1.5
        if t.ent_type_ == "PERSON":
            score += 1
        if t.pos_ == "ADJ" and t.dep_ in ("acomp", "amod"):
            score += 0.5
    if not any(t.lower_ in _TO_YOU or t.lower_ in ("you", "your") or t.ent_type_ == "PERSON" for t in tokens):
        return 0.0  # a clause about nobody in particular is not worth saying back
    return score + min(len(tokens), 10) / 10


def _render(tokens: list[Any]) -> str:
    turned_subjects = [t for t in tokens if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in ("i", "we", "you")]
    agree: dict[int, dict[str, str]] = {}
    for subject in turned_subjects:
        table = _AGREE_ME if subject.lower_ == "you" else _AGREE_YOU
        verb = subject.head
        for candidate in [*sorted((c for c in verb.children if c.dep_ in ("aux", "auxpass")), key=lambda c: c.i), verb]:
            if candidate.lower_ in table:
                agree[candidate.i] = table
                break
    out: list[str] = []
    for index, t in enumerate(tokens):
        low = t.lower_
        if t.i in agree:
            word = agree[t.i][low]
        elif low in _TO_YOU and t.tag_ in ("PRP", "PRP$"):
            word = _TO_YOU[low]
        elif low == "you" and t.tag_ == "PRP":
            word = "I" if t.dep_ in ("nsubj", "nsubjpass") else "me"
        elif low in _TO_ME and t.tag_ in ("PRP", "PRP$"):
            word = _TO_ME[low]
        elif low == "u" and t.tag_ == "PRP":
            word = "I" if t.dep_ in ("nsubj", "nsubjpass") else "me"
        else:
            word = t.text if (t.pos_ == "PROPN" or index > 0 or t.text == "I") else t.text.lower()
        if index == 0 and word not in ("I",) and t.pos_ != "PROPN":
            word = word[:1].lower() + word[1:]
        out.append(word + _space_after(tokens, index))
    text = "".join(out)
    return " ".join(text.split())


def _space_after(tokens: list[Any], index: int) -> str:
    """The space after a word; a word whose neighbour was cut ("tomorrow" before a dropped comma) keeps one."""
    if index == len(tokens) - 1:
        return ""
    t = tokens[index]
    return t.whitespace_ or ("" if tokens[index + 1].i == t.i + 1 else " ")


def _people(tokens: list[Any]) -> tuple[str, ...]:
    people = []
    for t in tokens:
        if t.ent_type_ == "PERSON" and t.ent_iob_ == "B":
            span = t.doc[t.i : t.i + 1]
            for ent in t.doc.ents:
                if ent.start == t.i:
                    span = ent
            owner = (
                [c for c in span.root.head.children if c.lower_ in ("my", "our")] if span.root.dep_ == "appos" else []
            )
            people.append(("your " + span.root.head.text + " " if owner else "") + span.text)
    return tuple(people)


# --- the topic of a message ------------------------------------------------------------------------

# Nouns too general to name what a message is about.
_VAGUE = frozenset({
    "thing", "things", "lot", "day", "days", "time", "times", "today", "tonight", "week", "weekend", "morning",
    "evening", "night", "year", "stuff", "bit", "way", "everything", "something", "anything", "nothing", "everyone",
    "someone", "anyone", "nobody", "people", "person", "one", "kind", "sort",
})
_DEPS = {"dobj": 3.0, "pobj": 2.0, "attr": 1.5, "nsubj": 1.0, "nsubjpass": 1.0, "appos": 1.0, "conj": 0.5}


def topic_of(text: str) -> str | None:
    """The thing a message is about, as a short noun phrase said back to the person ("a really good lasagna",
    "the M25", "your idea"), or None when it names no thing (people are named by the people map).

    Example: "just made a really good lasagna, first time it hasn't collapsed" -> "a really good lasagna"
    """
    doc = parse(text[:400])
    best, best_score = None, 0.0
    for chunk in doc.noun_chunks:
        root = chunk.root
        if root.pos_ == "PRON" or root.lower_ in _VAGUE or root.ent_type_ in ("PERSON", "DATE", "TIME", "CARDINAL", "GPE", "LOC", "FAC"):
            continue
        from os1.people.relations import canonical

        if canonical(root.lower_):
            continue  # "my sister": a person, asked about by name elsewhere
        if any(child.dep_ == "neg" for child in root.head.children):
            continue  # "I don't speak to a soul": what is denied is not the topic
        score = _DEPS.get(root.dep_, 0.3) + 0.5 * sum(1 for t in chunk if t.pos_ == "ADJ") + 0.2 * root.i / len(doc)
        if score > best_score and len(chunk) <= 5:
            best, best_score = chunk, score
    if best is None:
        return None
    tokens = [t for t in best]
    # "credit" says little alone: "credit for your idea" says it, when the phrase that follows is short.
    for child in best.root.children:
        if child.dep_ == "prep" and child.i > best.end - 1 and len(list(child.subtree)) <= 4:
            tokens += list(child.subtree)
            break
    return _render(tokens)
