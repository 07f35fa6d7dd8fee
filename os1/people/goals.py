"""Connection goals the person sets ("see a friend twice a week", "call mum on Sundays") and how
they are going, counted from real contacts — never from time spent with OS1.

Periods are calendar periods in the person's time: a week runs Monday to Sunday, a month is the
calendar month, so "twice a week" resets on Monday as a person would expect.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from os1.clock import from_iso, to_iso, utcnow
from os1.errors import UserInputError
from os1.people.relations import GROUP_WORDS, canonical, group_of
from os1.store.db import transaction

_COUNTS = {"once": 1, "twice": 2, "three times": 3, "four times": 4, "five times": 5, "a couple of times": 2}
_PERIODS = {"day": 1, "week": 7, "fortnight": 14, "month": 30}
ALL_KINDS = ("met", "call", "message", "letter", "email")
# "see a friend" is met only by meeting; "talk to" by meeting or a call; "message" by anything.
_VERB_KINDS = (
    (r"see|meet|visit|have dinner with|have lunch with|spend time with", ("met",)),
    (r"call|phone|ring|talk to|talk with|catch up with", ("met", "call")),
)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@dataclass(frozen=True)
class Goal:
    id: int
    text: str
    target: int
    period_days: int
    relation: str | None      # a relation ("mother") or a group ("friend", "family", "any")
    person_id: int | None
    weekday: int | None
    kinds: tuple[str, ...] = ALL_KINDS


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    done: int
    period_start: datetime
    met: bool


@dataclass(frozen=True)
class ParsedGoal:
    target: int
    period_days: int
    who: str                  # the words naming who: "a friend", "mum", "Anna"
    relation: str | None
    weekday: int | None
    kinds: tuple[str, ...] = ALL_KINDS


def parse_goal(text: str) -> ParsedGoal:
    """Read a goal sentence. Raises UserInputError with an example when it can't.

    Example: "see a friend twice a week" -> target 2, period 7, relation "friend"
    """
    lower = " ".join(text.lower().split())
    weekday = None
    target, period = 1, 7
    match = re.search(r"\bon (" + "|".join(_WEEKDAYS) + r")s?\b", lower)
    if match:
        weekday = _WEEKDAYS.index(match.group(1))
    match = re.search(r"\b(once|twice|three times|four times|five times|a couple of times|(\d+) times)"
                      r" (?:a|per|every) (day|week|fortnight|month)\b", lower)
    if match:
        target = int(match.group(2)) if match.group(2) else _COUNTS[match.group(1)]
        period = _PERIODS[match.group(3)]
    else:
        match = re.search(r"\bevery (day|week|fortnight|month)\b|\b(daily|weekly|monthly)\b", lower)
        if match:
            word = match.group(1) or {"daily": "day", "weekly": "week", "monthly": "month"}[match.group(2)]
            period = _PERIODS[word]
        elif weekday is None:
            raise UserInputError(
                f"I couldn't tell how often from '{text}'.",
                'Say it like "see a friend twice a week" or "call mum on Sundays".',
            )
    match = re.search(r"\b(?:talk to|talk with|see|call|phone|ring|meet(?: up with)?|catch up with|message|text"
                      r"|visit|write to|have dinner with|have lunch with|spend time with)\s+(.+?)"
                      r"(?:\s+(?:once|twice|three|four|five|\d+|a couple|every|on|daily|weekly|monthly)\b|$)", lower)
    if not match:
        raise UserInputError(f"I couldn't tell who the goal is about in '{text}'.",
                             'Say it like "see a friend twice a week".')
    who = match.group(1).strip()
    words = re.sub(r"^(?:a|an|my|some|one of my|with)\s+", "", who)
    relation = GROUP_WORDS.get(words) or canonical(words) or canonical(words.rstrip("s"))
    verb = match.group(0)[: match.start(1) - match.start(0)].strip()
    kinds = next((k for pattern, k in _VERB_KINDS if re.fullmatch(pattern, verb)), ALL_KINDS)
    return ParsedGoal(target, period, who, relation, weekday, kinds)


def add_goal(conn: sqlite3.Connection, text: str, person_id: int | None = None) -> Goal:
    parsed = parse_goal(text)
    relation = parsed.relation
    if person_id is None and relation is None:
        from os1.people.tracker import find

        person_id = find(conn, parsed.who).id
    with transaction(conn):
        cur = conn.execute(
            "INSERT INTO connection_goals (text, target, period_days, relation, person_id, weekday, kinds, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (text.strip(), parsed.target, parsed.period_days, relation, person_id, parsed.weekday,
             ",".join(parsed.kinds), to_iso(utcnow())),
        )
    return Goal(int(cur.lastrowid or 0), text.strip(), parsed.target, parsed.period_days, relation, person_id,
                parsed.weekday, parsed.kinds)


def list_goals(conn: sqlite3.Connection) -> list[Goal]:
    rows = conn.execute(
        "SELECT id, text, target, period_days, relation, person_id, weekday, kinds FROM connection_goals "
        "WHERE active = 1 ORDER BY id")
    return [
        Goal(id=row[0], text=row[1], target=row[2], period_days=row[3], relation=row[4], person_id=row[5],
             weekday=row[6], kinds=tuple(row[7].split(",")))
        for row in rows
    ]


def remove_goal(conn: sqlite3.Connection, goal_id: int) -> None:
    with transaction(conn):
        if conn.execute("UPDATE connection_goals SET active = 0 WHERE id = ?", (goal_id,)).rowcount == 0:
            raise UserInputError(f"There is no goal {goal_id}.", "See your goals with `os1 connection`.")


def period_start(now: datetime, period_days: int) -> datetime:
    """Start of the calendar period containing `now` (day, Monday-based week, fortnight, month)."""
    day = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if period_days == 1:
        return day
    if period_days in (7, 14):
        start = day - timedelta(days=day.weekday())
        if period_days == 14 and start.isocalendar().week % 2:
            start -= timedelta(days=7)
        return start
    return day.replace(day=1)


def _matches(goal: Goal, person_id: int, relation: str | None) -> bool:
    if goal.person_id is not None:
        return goal.person_id == person_id
    if goal.relation in (None, "any"):
        return group_of(relation) not in ("work", "care")
    if goal.relation in ("friend", "family", "partner"):
        return group_of(relation) == goal.relation or relation == goal.relation
    return relation == goal.relation


def progress(conn: sqlite3.Connection, goal: Goal, now: datetime) -> GoalProgress:
    """How many qualifying contacts happened in the current period."""
    start = period_start(now, goal.period_days)
    rows = conn.execute(
        "SELECT c.at, c.person_id, p.relation, c.kind FROM contacts c JOIN people p ON p.id = c.person_id "
        "WHERE c.at >= ? AND c.at <= ?", (to_iso(start), to_iso(now)))
    done = 0
    days: set[str] = set()
    for at_text, person_id, relation, kind in rows:
        at = from_iso(at_text)
        if kind not in goal.kinds or not _matches(goal, person_id, relation):
            continue
        if goal.weekday is not None and at.weekday() != goal.weekday:
            continue
        key = f"{person_id}:{at.date()}"  # lunch and a text with one friend on one day is one contact
        if key not in days:
            days.add(key)
            done += 1
    return GoalProgress(goal, done, start, done >= goal.target)
