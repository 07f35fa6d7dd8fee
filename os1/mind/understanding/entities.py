"""People (with their relation to the speaker), places and organisations in a parsed message.

What it holds: `find_people(doc)`, `find_places(doc)`, `find_orgs(doc)` over a spaCy `Doc`, and the
relation vocabulary. A person is found three ways:
  - "my sister Anna" / "my friend Tom" / "Anna, my sister": a relation word owned by "my"/"our" next to
    a proper noun (the parser links them as apposition or compound; we also accept plain adjacency,
    because the small model often tags lower-cased names oddly);
  - "my mum", "my boss": the relation alone (name None);
  - a PERSON entity with no relation, unless "from work|the office|school|uni|the gym" follows it,
    which gives colleague / classmate / gym friend.

What it leaves out: coreference ("she" -> Anna), people named in the second or third person without a
relation ("Anna's brother"), and dates (see `dates`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# Words a person uses for someone in their life -> the relation we store (normalised spelling).
RELATIONS: dict[str, str] = {
    "mum": "mother", "mom": "mother", "mother": "mother", "mommy": "mother", "mummy": "mother",
    "ma": "mother",
    "dad": "father", "father": "father", "daddy": "father", "papa": "father",
    "sister": "sister", "sis": "sister", "brother": "brother", "bro": "brother",
    "wife": "wife", "husband": "husband", "partner": "partner", "spouse": "partner",
    "boyfriend": "boyfriend", "girlfriend": "girlfriend", "fiance": "fiancé", "fiancé": "fiancé",
    "fiancee": "fiancée", "fiancée": "fiancée", "ex": "ex",
    "son": "son", "daughter": "daughter", "kid": "child", "child": "child", "baby": "child",
    "grandma": "grandmother", "granny": "grandmother", "grandmother": "grandmother", "nan": "grandmother",
    "grandpa": "grandfather", "grandad": "grandfather", "granddad": "grandfather",
    "grandfather": "grandfather",
    "aunt": "aunt", "auntie": "aunt", "aunty": "aunt", "uncle": "uncle", "cousin": "cousin",
    "niece": "niece", "nephew": "nephew", "stepmom": "stepmother", "stepmum": "stepmother",
    "stepdad": "stepfather", "stepsister": "stepsister", "stepbrother": "stepbrother",
    "friend": "friend", "bestie": "best friend", "buddy": "friend", "pal": "friend", "mate": "friend",
    "boss": "boss", "manager": "boss", "colleague": "colleague", "coworker": "colleague",
    "co-worker": "colleague", "workmate": "colleague", "teammate": "teammate",
    "roommate": "roommate", "flatmate": "roommate", "housemate": "roommate",
    "neighbour": "neighbour", "neighbor": "neighbour", "therapist": "therapist", "doctor": "doctor",
    "teacher": "teacher", "coach": "coach", "mentor": "mentor", "classmate": "classmate",
    "landlord": "landlord", "landlady": "landlord",
}  # fmt: skip
_FROM_PLACE = {"work": "colleague", "the office": "colleague", "office": "colleague", "school": "classmate",
               "uni": "classmate", "university": "classmate", "college": "classmate", "class": "classmate",
               "the gym": "gym friend", "gym": "gym friend", "church": "church friend"}  # fmt: skip
_MY = {"my", "our"}
_NOT_NAMES = {"i", "me", "you", "he", "she", "they", "we", "it", "today", "tomorrow", "yesterday"}


@dataclass
class Person:
    name: str | None
    relation: str | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "relation": self.relation, "text": self.text}


def _relation_of(token: Any) -> str | None:
    """The normalised relation if `token` is a relation word owned by the speaker ("my ..")."""
    rel = RELATIONS.get(token.lower_)
    if rel is None:
        return None
    # "best friend", "older sister", "little brother": look through adjectives to the possessive.
    left = [t for t in token.doc[max(0, token.i - 3) : token.i]]
    owned = any(t.lower_ in _MY for t in left) or any(c.lower_ in _MY for c in token.children)
    if not owned:
        return None
    if rel == "friend" and any(t.lower_ == "best" for t in left):
        return "best friend"
    return rel


def _name_after(token: Any) -> Any:
    """The proper-noun span right after a relation word ("sister Anna Lee"), or None."""
    doc = token.doc
    i = token.i + 1
    if i < len(doc) and doc[i].text == ",":
        i += 1
    j = i
    while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].is_alpha and doc[j].lower_ not in _NOT_NAMES:
        j += 1
    if j > i and doc[i].text[:1].isupper():
        return doc[i:j]
    return None


def _name_before(token: Any) -> Any:
    """ "Anna, my sister": the PERSON/PROPN span just before ", my <relation>"."""
    doc = token.doc
    k = token.i - 1
    while k >= 0 and doc[k].lower_ not in _MY:
        k -= 1
    if k >= 2 and doc[k - 1].text == ",":
        end = k - 1
        start = end
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
            start -= 1
        if start < end:
            return doc[start:end]
    return None


def find_people(doc: Any) -> list[Person]:
    """People the speaker mentions, each with name and/or relation."""
    people: list[Person] = []
    named: set[int] = set()
    for token in doc:
        rel = _relation_of(token)
        if rel is None:
            continue
        span = _name_after(token) or _name_before(token)
        # The mention starts at the possessive ("my little brother Jake"), a few tokens back at most.
        owner = next((t.i for t in doc[max(0, token.i - 3) : token.i] if t.lower_ in _MY), token.i)
        if span is not None:
            named.update(range(span.start, span.end))
            start, end = min(span.start, owner), max(span.end, token.i + 1)
            people.append(Person(span.text, rel, doc[start:end].text))
        else:
            people.append(Person(None, rel, doc[owner : token.i + 1].text))
    for ent in doc.ents:
        if ent.label_ != "PERSON" or any(i in named for i in range(ent.start, ent.end)):
            continue
        if ent.text.lower() in _NOT_NAMES:
            continue
        rel = None
        after = doc[ent.end : ent.end + 3].text.lower()
        for place, relation in _FROM_PLACE.items():
            if after.startswith(f"from {place}"):
                rel = relation
                break
        text = ent.text if rel is None else doc[ent.start : ent.end + 1 + len(after.split()[1:2])].text
        people.append(Person(ent.text, rel, text))
        named.update(range(ent.start, ent.end))
    # Proper nouns after "with"/"and" that NER missed ("lunch with Priya"), only when capitalised.
    return _dedupe(people)


def _dedupe(people: list[Person]) -> list[Person]:
    seen: set[tuple[str | None, str | None]] = set()
    out = []
    for p in people:
        key = (p.name, p.relation)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def find_places(doc: Any) -> list[str]:
    return _unique(ent.text for ent in doc.ents if ent.label_ in ("GPE", "LOC", "FAC"))


def find_orgs(doc: Any) -> list[str]:
    return _unique(ent.text for ent in doc.ents if ent.label_ == "ORG")


def _unique(items: Any) -> list[str]:
    out: list[str] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out
