"""Facts about the person and the people in their life, read from what the person says.

The built-in mind reads facts with patterns ("my sister Anna", "I work at X", "I live in Y", "my
birthday is ...", "we call her Annie"). A fact keeps its first and last mention, the turns it came
from and a confidence. Facts change: for single-valued relations (where you live, where you work) the
newest statement wins and the old value is kept as history (`current = 0`). Known facts also expand
search queries: "my sister" finds turns that only say "Anna", and the other way round.
What this module leaves out: language-model extraction (a provider may add facts through `record_fact`).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from os1.clock import from_iso, to_iso

KIN = (
    "best friend",
    "sister",
    "brother",
    "mother",
    "mom",
    "mum",
    "father",
    "dad",
    "wife",
    "husband",
    "partner",
    "girlfriend",
    "boyfriend",
    "fiancee",
    "fiance",
    "son",
    "daughter",
    "friend",
    "boss",
    "cousin",
    "aunt",
    "uncle",
    "grandma",
    "grandmother",
    "grandpa",
    "grandfather",
    "roommate",
    "colleague",
    "coworker",
    "neighbor",
    "neighbour",
    "niece",
    "nephew",
    "therapist",
    "dog",
    "cat",
    "mentor",
    "teacher",
    "manager",
)
CANONICAL = {
    "mom": "mother",
    "mum": "mother",
    "dad": "father",
    "grandma": "grandmother",
    "grandpa": "grandfather",
    "neighbour": "neighbor",
    "coworker": "colleague",
    "fiance": "fiancee",
}
# Everyday short forms a person uses for a relation (query side).
NICKNAMES = {
    "sis": "sister",
    "bro": "brother",
    "hubby": "husband",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "mom": "mother",
    "mum": "mother",
    "mommy": "mother",
    "dad": "father",
    "daddy": "father",
    "grandma": "grandmother",
    "granny": "grandmother",
    "grandpa": "grandfather",
}
# Words in a question that point at a relation ("where do I live" -> lives_in).
RELATION_CUES = {
    "lives_in": {"live", "lives", "living", "home", "moved", "city", "town", "reside", "flat", "apartment"},
    "works_at": {"work", "works", "working", "job", "company", "employer", "office", "joined"},
    "job": {"job", "profession", "career", "living", "occupation", "work"},
    "birthday": {"birthday", "born"},
    "name": {"name", "called"},
    "age": {"old", "age"},
    "nickname": {"nickname", "call"},
}
SINGLE_VALUED = {
    "works_at",
    "lives_in",
    "job",
    "birthday",
    "name",
    "age",
    "wife",
    "husband",
    "partner",
    "girlfriend",
    "boyfriend",
    "mother",
    "father",
    "boss",
    "fiancee",
    "manager",
}
_NAME = r"([A-Z][a-z]+(?:\s[A-Z][a-z]+)?)"
_PLACE = r"([A-Z][\w&'.-]*(?:\s(?:of\s|de\s|the\s)?[A-Z][\w&'.-]*){0,3})"
_KIN_RE = "|".join(sorted(KIN, key=len, reverse=True))
_NOT_NAMES = {
    "I",
    "The",
    "He",
    "She",
    "They",
    "We",
    "It",
    "And",
    "But",
    "So",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
}


@dataclass(frozen=True)
class FactCandidate:
    subject: str
    relation: str
    object: str
    confidence: float


def _kin(word: str) -> str:
    word = word.lower()
    return CANONICAL.get(word, word).replace(" ", "_")


def extract_facts(text: str) -> list[FactCandidate]:
    """Facts stated in one person's turn (first person: 'my', 'I')."""
    found: list[FactCandidate] = []
    for match in re.finditer(
        rf"\b[Mm]y\s+(?:(?:older|younger|little|big|baby|twin|new|old)\s+)?({_KIN_RE})"
        rf"(?:'s name is|,| is called| called| named)?\s+{_NAME}",
        text,
    ):
        name = match.group(2).split()[0] if match.group(2).split()[-1] in _NOT_NAMES else match.group(2)
        if name not in _NOT_NAMES:
            found.append(FactCandidate("person", _kin(match.group(1)), name, 0.9))
    for match in re.finditer(rf"\b{_NAME},?\s+(?:is\s+)?my\s+({_KIN_RE})\b", text):
        if match.group(1) not in _NOT_NAMES:
            found.append(FactCandidate("person", _kin(match.group(2)), match.group(1), 0.7))
    patterns: list[tuple[str, str, float]] = [
        (
            rf"\bI(?:'m| am)?\s+(?:now\s+|still\s+|currently\s+)?"
            rf"(?:work(?:ing)?|start(?:ed|ing)?(?: a new job| working)?|got a job)\s+(?:at|for)\s+{_PLACE}",
            "works_at",
            0.85,
        ),
        (rf"\b(?:[Ff]irst day at|[Ss]tarted) my new job (?:at|with)\s+{_PLACE}", "works_at", 0.85),
        (
            rf"\b(?:I|[Ww]e)(?:'ve| have)?\s+(?:now\s+|currently\s+|still\s+|just\s+|finally\s+)?"
            rf"(?:live|living|moved|relocated)\s+(?:in|to)\s+{_PLACE}",
            "lives_in",
            0.85,
        ),
        (r"\bI(?:'m| am)\s+(?:now\s+)?an?\s+([a-z]+(?:\s[a-z]+)?)\s+(?:by profession|by trade)", "job", 0.8),
        (r"\b(?:I work as|my job is|I'm working as)\s+an?\s+([a-z]+(?:\s[a-z]+)?)", "job", 0.85),
        (r"\bmy name is\s+([A-Z][a-z]+)", "name", 0.9),
        (r"\bI(?:'m| am)\s+(\d{1,3})\s+years old", "age", 0.9),
    ]
    for pattern, relation, confidence in patterns:
        for match in re.finditer(pattern, text, flags=re.I if relation == "job" else 0):
            value = match.group(1).strip().rstrip(".")
            if value and value.split()[0] not in _NOT_NAMES:
                found.append(FactCandidate("person", relation, value, confidence))
    for match in re.finditer(r"\bmy favou?rite\s+([a-z]+)\s+is\s+([\w' -]+?)(?:[.,!?;]|$)", text, re.I):
        found.append(FactCandidate("person", f"favorite_{match.group(1).lower()}", match.group(2).strip(), 0.8))
    for match in re.finditer(r"\b[Mm]y birthday is (?:on\s+)?([A-Za-z0-9 ,]+?\d[A-Za-z0-9 ,]*?)(?:[.!?;]|$)", text):
        found.append(FactCandidate("person", "birthday", match.group(1).strip(" ,"), 0.9))
    for match in re.finditer(
        rf"\b{_NAME}'s birthday is (?:on\s+)?([A-Za-z0-9 ,]+?\d[A-Za-z0-9 ,]*?)(?:[.!?;]|$)", text
    ):
        if match.group(1) not in _NOT_NAMES:
            found.append(FactCandidate(match.group(1), "birthday", match.group(2).strip(" ,"), 0.85))
    for match in re.finditer(
        rf"\b(?:[Ww]e|I|[Ee]veryone)\s+(?:all\s+)?calls?\s+(?:her|him|them|{_NAME})\s+\"?([A-Z][a-z]+)", text
    ):
        if match.group(2) and match.group(2) not in _NOT_NAMES:
            found.append(FactCandidate(match.group(1) or "?", "nickname", match.group(2), 0.7))
    return found


def record_fact(conn: sqlite3.Connection, fact: FactCandidate, turn_id: str, said_at: datetime, text: str = "") -> int:
    """Store (or reinforce) one fact from `turn_id`; the caller holds the transaction. Returns its id."""
    subject, relation = fact.subject, fact.relation
    if subject == "?":  # "we call her Annie": her = the last person named in the turn
        names = [n for n in re.findall(_NAME, text) if n not in _NOT_NAMES and n != fact.object]
        if not names:
            return 0
        subject = names[-1]
    ts = to_iso(said_at)
    row = conn.execute(
        "SELECT id, first_said, last_said FROM memory_facts "
        "WHERE subject = ? AND relation = ? AND lower(object) = lower(?)",
        (subject, relation, fact.object),
    ).fetchone()
    if row:
        fact_id = int(row[0])
        conn.execute(
            "UPDATE memory_facts SET first_said = min(first_said, ?), last_said = max(last_said, ?), "
            "confidence = min(1.0, confidence + 0.05) WHERE id = ?",
            (ts, ts, fact_id),
        )
    else:
        cur = conn.execute(
            "INSERT INTO memory_facts (subject, relation, object, first_said, last_said, confidence) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (subject, relation, fact.object, ts, ts, fact.confidence),
        )
        fact_id = int(cur.lastrowid or 0)
    conn.execute("INSERT OR IGNORE INTO memory_fact_sources (fact_id, turn_id) VALUES (?, ?)", (fact_id, turn_id))
    if relation in SINGLE_VALUED:
        _newest_wins(conn, subject, relation)
    if relation == "birthday":
        _record_date(conn, subject, fact.object, turn_id)
    return fact_id


def _newest_wins(conn: sqlite3.Connection, subject: str, relation: str) -> None:
    """Of the values said for a single-valued relation, only the most recently said one is current."""
    rows = conn.execute(
        "SELECT id, last_said FROM memory_facts WHERE subject = ? AND relation = ? ORDER BY last_said DESC, id DESC",
        (subject, relation),
    ).fetchall()
    newest = rows[0]
    conn.execute("UPDATE memory_facts SET current = 1, replaced_at = NULL WHERE id = ?", (newest[0],))
    for row in rows[1:]:
        conn.execute(
            "UPDATE memory_facts SET current = 0, replaced_at = coalesce(replaced_at, ?) WHERE id = ?",
            (newest[1], row[0]),
        )


def _record_date(conn: sqlite3.Connection, subject: str, value: str, turn_id: str) -> None:
    from os1.memory.timeparse import MONTHS

    text = value.lower()
    month = next((num for name, num in MONTHS.items() if re.search(rf"\b{name}\b", text)), None)
    day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", text)
    if month is None or day is None or not 1 <= int(day.group(1)) <= 31:
        return
    what = "your birthday" if subject == "person" else f"{subject}'s birthday"
    conn.execute("DELETE FROM memory_dates WHERE what = ? AND kind = 'birthday'", (what,))
    conn.execute(
        "INSERT INTO memory_dates (what, month, day, year, kind, turn_id) VALUES (?, ?, ?, NULL, 'birthday', ?)",
        (what, month, int(day.group(1)), turn_id),
    )


def remember_facts(
    conn: sqlite3.Connection, turn_id: str, text: str, said_at: datetime, *, speaker: str | None = None
) -> int:
    """Extract and store the facts in one turn; the caller holds the transaction.

    The person's own turns give facts about 'person'. With `speaker` (someone else in an imported
    chat), what they say about themselves ("my sister Anna", "I work at X") is kept under their name,
    apart from the person's facts: "Dana, sister, Anna".
    """
    count = 0
    for fact in extract_facts(text):
        if speaker and fact.subject == "person":
            fact = FactCandidate(speaker, fact.relation, fact.object, fact.confidence)
        if record_fact(conn, fact, turn_id, said_at, text):
            count += 1
    return count


def facts(conn: sqlite3.Connection, *, include_history: bool = False, limit: int = 200) -> list[dict[str, Any]]:
    """Known facts, newest first, in the ReplyRequest `context["facts"]` shape."""
    where = "" if include_history else "WHERE current = 1"
    rows = conn.execute(
        f"SELECT id, subject, relation, object, first_said, last_said, confidence, current FROM memory_facts "
        f"{where} ORDER BY last_said DESC LIMIT ?",
        (limit,),
    ).fetchall()
    return [
        {
            "id": r[0],
            "subject": r[1],
            "relation": r[2],
            "object": r[3],
            "first_said": r[4],
            "last_said": r[5],
            "confidence": r[6],
            "current": bool(r[7]),
        }
        for r in rows
    ]


def fact_sources(conn: sqlite3.Connection, fact_id: int) -> list[str]:
    return [r[0] for r in conn.execute("SELECT turn_id FROM memory_fact_sources WHERE fact_id = ?", (fact_id,))]


@dataclass(frozen=True)
class Expansion:
    """Extra words for a query, and the turns behind the facts that matched (current and replaced)."""

    terms: list[str]
    current_turns: set[str]
    replaced_turns: set[str]


def expand_query(conn: sqlite3.Connection, query: str) -> Expansion:
    """Link relation words and names both ways using known facts ("my sister" <-> "Anna")."""
    lowered = query.lower()
    words = {w.removesuffix("'s").removesuffix("’s") for w in re.findall(r"[a-z'’]+", lowered)}
    relation_words = {NICKNAMES.get(w, w) for w in words}
    relation_words |= {w.replace(" ", "_") for w in KIN if " " in w and w in lowered}
    terms: list[str] = []
    current: set[str] = set()
    replaced: set[str] = set()
    speakers = {r[0] for r in conn.execute("SELECT name FROM memory_speakers LIMIT 500")}
    for row in conn.execute(
        "SELECT id, subject, relation, object, current FROM memory_facts WHERE confidence >= 0.5 "
        "ORDER BY last_said DESC LIMIT 500"
    ):
        fact_id, subject, relation, obj, is_current = row
        cues = RELATION_CUES.get(relation, set(relation.replace("favorite_", "favorite favourite ").split("_")))
        hit_relation = relation in relation_words or bool(cues & relation_words)
        hit_object = obj.lower() in lowered
        hit_subject = subject != "person" and subject.lower() in lowered
        if not (hit_relation or hit_object or hit_subject):
            continue
        if subject in speakers:
            # Someone else's own fact: only when the question names them and asks about it.
            if not (hit_subject and (hit_relation or hit_object)):
                continue
            if hit_relation and not hit_object:
                terms.append(obj)
        if hit_relation and subject == "person" and not hit_object:
            terms.append(obj)
        if hit_object and relation.replace("_", " ") in KIN:
            terms.append(relation.replace("_", " "))
        if relation == "nickname":
            terms.append(obj if hit_subject else subject)
        target = current if is_current else replaced
        target.update(fact_sources(conn, fact_id))
    seen: set[str] = set()
    unique = [t for t in terms if not (t.lower() in seen or seen.add(t.lower()))]  # type: ignore[func-returns-value]
    return Expansion(unique[:8], current, replaced)


def said_at_of(fact: dict[str, Any]) -> datetime:
    return from_iso(fact["last_said"])
