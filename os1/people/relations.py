"""Relation words: what people call the people in their lives, and what that says about closeness.

`canonical("mom")` -> "mother". Groups ("family", "friend", "partner", "work", "care") let a goal such
as "see a friend twice a week" count any friend, and give a sensible default cadence for nudges when
the person has not set one. Work and care relations get no default cadence: OS1 does not nudge anyone
to keep up with their dentist.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Relation:
    name: str
    group: str
    default_cadence_days: int | None
    unique: bool = False  # most people have one mother; "my mum" then names her


_RELATIONS = (
    Relation("mother", "family", 14, True), Relation("father", "family", 14, True),
    Relation("sister", "family", 21), Relation("brother", "family", 21), Relation("sibling", "family", 21),
    Relation("daughter", "family", 14), Relation("son", "family", 14), Relation("child", "family", 14),
    Relation("grandmother", "family", 30), Relation("grandfather", "family", 30),
    Relation("aunt", "family", 90), Relation("uncle", "family", 90), Relation("cousin", "family", 90),
    Relation("niece", "family", 90), Relation("nephew", "family", 90),
    Relation("partner", "partner", 3, True), Relation("wife", "partner", 3, True),
    Relation("husband", "partner", 3, True), Relation("girlfriend", "partner", 3, True),
    Relation("boyfriend", "partner", 3, True), Relation("fiancée", "partner", 3, True),
    Relation("best friend", "friend", 14), Relation("friend", "friend", 30),
    Relation("roommate", "friend", 30), Relation("old roommate", "friend", 60),
    Relation("neighbour", "friend", 60), Relation("ex", "friend", None),
    Relation("colleague", "work", None), Relation("boss", "work", None, True),
    Relation("classmate", "friend", 60), Relation("mentor", "work", 90),
    Relation("therapist", "care", None), Relation("doctor", "care", None),
)
BY_NAME = {relation.name: relation for relation in _RELATIONS}

# Words people use -> canonical relation name.
SYNONYMS: dict[str, str] = {
    "mum": "mother", "mom": "mother", "mommy": "mother", "mummy": "mother", "mama": "mother", "ma": "mother",
    "mother": "mother", "dad": "father", "daddy": "father", "papa": "father", "pa": "father", "father": "father",
    "sister": "sister", "sis": "sister", "little sister": "sister", "big sister": "sister",
    "older sister": "sister", "younger sister": "sister",
    "brother": "brother", "bro": "brother", "little brother": "brother", "big brother": "brother",
    "older brother": "brother", "younger brother": "brother", "sibling": "sibling",
    "daughter": "daughter", "son": "son", "kid": "child", "child": "child",
    "grandma": "grandmother", "granny": "grandmother", "nan": "grandmother", "nana": "grandmother",
    "grandmother": "grandmother", "grandpa": "grandfather", "grandad": "grandfather", "granddad": "grandfather",
    "grandfather": "grandfather", "aunt": "aunt", "auntie": "aunt", "uncle": "uncle", "cousin": "cousin",
    "niece": "niece", "nephew": "nephew",
    "partner": "partner", "wife": "wife", "husband": "husband", "girlfriend": "girlfriend",
    "boyfriend": "boyfriend", "fiance": "fiancée", "fiancé": "fiancée", "fiancee": "fiancée", "fiancée": "fiancée",
    "best friend": "best friend", "bestie": "best friend", "friend": "friend", "buddy": "friend", "mate": "friend",
    "old friend": "friend", "close friend": "best friend", "childhood friend": "friend",
    "roommate": "roommate", "flatmate": "roommate", "housemate": "roommate", "old roommate": "old roommate",
    "neighbour": "neighbour", "neighbor": "neighbour", "ex": "ex",
    "colleague": "colleague", "coworker": "colleague", "co-worker": "colleague", "workmate": "colleague",
    "boss": "boss", "manager": "boss", "classmate": "classmate", "mentor": "mentor",
    "therapist": "therapist", "counsellor": "therapist", "counselor": "therapist", "doctor": "doctor",
}

# "Tom from work" -> colleague
FROM_PLACES: dict[str, str] = {
    "work": "colleague", "the office": "colleague", "my office": "colleague", "my team": "colleague",
    "school": "classmate", "college": "classmate", "uni": "classmate", "university": "classmate",
    "class": "classmate", "the gym": "friend", "church": "friend", "book club": "friend",
    "next door": "neighbour", "down the street": "neighbour",
}

GROUP_WORDS: dict[str, str] = {
    "friend": "friend", "friends": "friend", "family": "family", "relative": "family", "relatives": "family",
    "someone": "any", "somebody": "any", "anyone": "any", "people": "any", "a person": "any",
}


def canonical(word: str) -> str | None:
    """The canonical relation for a relation word, or None."""
    return SYNONYMS.get(" ".join(word.lower().split()))


def relation_info(name: str | None) -> Relation | None:
    return BY_NAME.get(name) if name else None


def group_of(name: str | None) -> str | None:
    info = relation_info(name)
    return info.group if info else None
