"""Curiosity: what the companion knows and does not yet know about its person, and what to ask next.

Areas of a life: work, family, friends, home, health, hobbies, hopes, fears, recent events. Each turn's
reading (and the memory layer's facts, when present) marks areas as known, with the detail learnt.
`next_topic` picks an area it knows nothing about and has not asked about lately; the composer turns it
into one question, and only when the person is not venting or grieving.
What this module leaves out: open threads (os1.mind.threads) and wording (os1.mind.moves).
"""

from __future__ import annotations

import re
import sqlite3
from datetime import datetime, timedelta
from typing import Any

from os1.clock import from_iso, to_iso
from os1.mind.perceive import Reading
from os1.store.db import transaction

TOPICS = ("work", "family", "friends", "home", "health", "hobbies", "hopes", "fears", "recent_events")
ASK_AGAIN_AFTER = timedelta(days=3)
_CUES: dict[str, re.Pattern[str]] = {
    "work": re.compile(
        r"\b(work|job|boss|office|shift|colleague|coworker|career|manager|client|project|"
        r"meeting|promotion|hired|fired|salary|interview|nurse|teacher|engineer|student|school|"
        r"university|class|study|studying)\b",
        re.I,
    ),
    "family": re.compile(
        r"\b(mom|mum|mother|dad|father|sister|brother|parents|family|son|daughter|kids|"
        r"children|wife|husband|partner|grandma|grandpa|aunt|uncle|cousin|baby)\b",
        re.I,
    ),
    "friends": re.compile(r"\b(friend|friends|mate|buddy|roommate|flatmate|bestie)\b", re.I),
    "home": re.compile(r"\b(home|apartment|flat|house|moved|neighbou?r|city|town|live in|living in|rent)\b", re.I),
    "health": re.compile(
        r"\b(sleep|slept|tired|sick|ill|doctor|health|pain|headache|exercise|gym|run|"
        r"therapy|therapist|medication|hospital|eat|eating)\b",
        re.I,
    ),
    "hobbies": re.compile(
        r"\b(hobby|play|playing|guitar|piano|paint|painting|read|reading|book|books|game|"
        r"games|hike|hiking|cook|cooking|garden|music|movie|film|draw|knit|photograph|"
        r"swim|climb|dance|sing)\w*\b",
        re.I,
    ),
    "hopes": re.compile(r"\b(hope|dream|someday|one day|wish|want to become|goal|plan to)\b", re.I),
    "fears": re.compile(r"\b(afraid|scared|fear|worried|worry|anxious|nervous|dread)\b", re.I),
    "recent_events": re.compile(r"\b(today|yesterday|this week|last night|this morning|weekend)\b", re.I),
}
_DISCLOSURE_TOPIC = {
    "job": "work",
    "like": "hobbies",
    "dislike": "hobbies",
    "worry": "fears",
    "plan": "recent_events",
    "hope": "hopes",
    "fear": "fears",
    "home": "home",
    "health": "health",
    "family": "family",
}


def topics_in(reading: Reading) -> dict[str, str]:
    """Areas of life this message tells something about, each with a short detail."""
    found: dict[str, str] = {}
    for item in reading.disclosures:
        topic = _DISCLOSURE_TOPIC.get(item.kind)
        if topic:
            found.setdefault(topic, f"{item.kind}: {item.text}")
    for person in reading.people:
        if person.relation:
            topic = (
                "friends"
                if "friend" in person.relation or person.relation in ("roommate", "flatmate")
                else ("work" if person.relation in ("boss", "manager", "colleague", "coworker") else "family")
            )
            found.setdefault(topic, person.phrase())
    for topic, pattern in _CUES.items():
        match = pattern.search(reading.text)
        if match:
            found.setdefault(topic, match.group(0).lower())
    return found


def learn(
    conn: sqlite3.Connection,
    reading: Reading,
    now: datetime,
    turn_id: str | None = None,
    facts: list[dict[str, Any]] | None = None,
) -> dict[str, str]:
    """Record what this message (and any known facts) says about each area; returns what was new."""
    found = topics_in(reading)
    for fact in facts or []:
        relation = str(fact.get("relation", ""))
        topic = _DISCLOSURE_TOPIC.get(relation) or next(
            (t for t, p in _CUES.items() if p.search(f"{relation} {fact.get('object', '')}")), None
        )
        if topic:
            found.setdefault(topic, f"{relation}: {fact.get('object', '')}")
    with transaction(conn):
        for topic, detail in found.items():
            conn.execute(
                "INSERT INTO known_topics (topic, detail, first_at, last_at, turn_id) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (topic, detail) DO UPDATE SET last_at = excluded.last_at",
                (topic, detail[:200], to_iso(now), to_iso(now), turn_id),
            )
    return found


def known_topics(conn: sqlite3.Connection) -> dict[str, list[str]]:
    """Area -> details learnt so far."""
    known: dict[str, list[str]] = {}
    for topic, detail in conn.execute("SELECT topic, detail FROM known_topics ORDER BY first_at"):
        known.setdefault(topic, []).append(detail)
    return known


def unknown_topics(conn: sqlite3.Connection) -> list[str]:
    known = known_topics(conn)
    return [topic for topic in TOPICS if topic not in known]


def next_topic(conn: sqlite3.Connection, now: datetime) -> str | None:
    """An area it knows nothing about and has not asked about in the last few days, or None."""
    asked = {row[0]: from_iso(row[1]) for row in conn.execute("SELECT topic, asked_at FROM asked_topics")}
    for topic in unknown_topics(conn):
        if topic == "recent_events":
            continue  # asked about through follow-ups and open questions instead
        if topic not in asked or now - asked[topic] >= ASK_AGAIN_AFTER:
            return topic
    return None


def mark_asked(conn: sqlite3.Connection, topic: str, now: datetime) -> None:
    with transaction(conn):
        conn.execute(
            "INSERT INTO asked_topics (topic, asked_at) VALUES (?, ?) "
            "ON CONFLICT (topic) DO UPDATE SET asked_at = excluded.asked_at, times = times + 1",
            (topic, to_iso(now)),
        )
