"""Nudges outward: when someone who matters drifts past their cadence, a birthday is close, or the
person sounds lonely, suggest one concrete step — and offer a draft.

Restraint is the feature: at most one nudge a day, never in quiet hours, never twice about the same
situation, "not now" snoozes, "stop" dismisses. A nudge about someone contacted within their cadence
is a false nudge; the simulation in bench/connection_sim.py counts them (target 0).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from os1.clock import from_iso, in_quiet_hours, local_time, to_iso
from os1.people.tracker import PersonRecord, dates_of, list_people
from os1.store.db import transaction

BIRTHDAY_HORIZON_DAYS = 7       # mention a birthday up to a week ahead…
BIRTHDAY_LATEST_DAYS = 3        # …and at the latest three days ahead, so a card can still arrive
MIN_HOURS_BETWEEN_NUDGES = 20
SNOOZE_DAYS = 7


# One step outward, with someone from the people map, or with anyone.
_OUTWARD_TO = (
    "When you feel ready, a short message to {who} might be one small step; I can help you write it.",
    "If you'd like, a few lines to {who} could be a gentle first step; I'm happy to help with the words.",
    "It might help to reach out to {who}, even just to say hello; I can help you draft something.",
    "When it feels right, {who} might be glad to hear from you; I can help you find the words.",
    "A quick note to {who} could be one small step out of the quiet; I can help you write it.",
)
_ANYONE = "one person — an old friend, a neighbour, someone from work —"
_OUTWARD_ANYONE = (
    f"When you feel ready, reaching out to {_ANYONE} might be one small step; I can help you write it.",
    f"When it feels right, a short hello to {_ANYONE} could be a first step; I can help with the words.",
    f"It might help to get in touch with {_ANYONE} even briefly; I can help you draft something.",
)


@dataclass(frozen=True)
class Nudge:
    id: int
    person_id: int | None
    kind: str
    text: str
    key: str


@dataclass(frozen=True)
class Drift:
    person: PersonRecord
    days_since: int
    cadence: int


def drifting(conn: sqlite3.Connection, now: datetime) -> list[Drift]:
    """People past their cadence, most overdue (relative to cadence) first."""
    found = []
    for person in list_people(conn):
        cadence = person.cadence
        if not cadence:
            continue
        if person.last_contact is not None:
            since = (now - person.last_contact).days
        else:
            created = conn.execute("SELECT created_at FROM people WHERE id = ?", (person.id,)).fetchone()[0]
            since = (now - from_iso(created)).days
        if since > cadence:
            found.append(Drift(person, since, cadence))
    return sorted(found, key=lambda d: d.days_since / d.cadence, reverse=True)


def next_birthday(month: int, day: int, today: date) -> date:
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:  # 29 February in a common year: celebrate on the 28th
            candidate = date(year, month, 28)
        if candidate >= today:
            return candidate
    return date(today.year + 1, month, min(day, 28))


def upcoming_birthdays(conn: sqlite3.Connection, now: datetime, tz_name: str | None = None,
                       within_days: int = BIRTHDAY_HORIZON_DAYS) -> list[tuple[PersonRecord, date, int]]:
    today = local_time(now, tz_name).date()
    found = []
    for person in list_people(conn):
        birthday = dates_of(conn, person.id).get("birthday")
        if birthday:
            when = next_birthday(birthday[0], birthday[1], today)
            days = (when - today).days
            if days <= within_days:
                found.append((person, when, days))
    return sorted(found, key=lambda item: item[2])


def _already(conn: sqlite3.Connection, key: str) -> bool:
    return conn.execute("SELECT 1 FROM nudges WHERE key = ?", (key,)).fetchone() is not None


def _snoozed(conn: sqlite3.Connection, person_id: int, now: datetime) -> bool:
    row = conn.execute(
        "SELECT 1 FROM nudges WHERE person_id = ? AND ((status = 'snoozed' AND snooze_until > ?) "
        "OR status = 'dismissed')", (person_id, to_iso(now))).fetchone()
    return row is not None


def _recent_nudge(conn: sqlite3.Connection, now: datetime) -> bool:
    row = conn.execute("SELECT max(created_at) FROM nudges").fetchone()
    return bool(row[0]) and now - from_iso(row[0]) < timedelta(hours=MIN_HOURS_BETWEEN_NUDGES)


def _who(person: PersonRecord) -> str:
    if person.name and person.relation:
        return f"your {person.relation} {person.name}"
    return person.name or f"your {person.relation}"


def _pronoun(person: PersonRecord) -> str:
    female = {"mother", "sister", "daughter", "grandmother", "aunt", "niece", "wife", "girlfriend", "fiancée"}
    male = {"father", "brother", "son", "grandfather", "uncle", "nephew", "husband", "boyfriend"}
    return "her" if person.relation in female else "him" if person.relation in male else "them"


def _ref(person: PersonRecord) -> str:
    return person.name or person.relation or str(person.id)


def candidate(conn: sqlite3.Connection, now: datetime, tz_name: str | None = None,
              lonely: bool = False) -> tuple[str, PersonRecord | None, str, str] | None:
    """The most useful nudge right now as (kind, person, text, key), ignoring rate limits."""
    for person, when, days in upcoming_birthdays(conn, now, tz_name):
        key = f"birthday:{person.id}:{when.isoformat()}"
        if days < BIRTHDAY_LATEST_DAYS or _already(conn, key) or _snoozed(conn, person.id, now):
            continue
        weekday = when.strftime("%A")
        text = (f"{_who(person).capitalize()}'s birthday is on {weekday} — {days} days from now. "
                f"Would you like to send {_pronoun(person)} a card? I can start one with you: "
                f"`os1 letter new --to \"{_ref(person)}\" --occasion birthday`.")
        return "birthday", person, text, key
    for drift in drifting(conn, now):
        person = drift.person
        last = person.last_contact.date().isoformat() if person.last_contact else "never"
        key = f"drift:{person.id}:{last}"
        if _already(conn, key) or _snoozed(conn, person.id, now):
            continue
        if person.last_contact:
            since = f"since {person.last_contact.strftime('%B')}" if drift.days_since > 45 \
                else f"for {drift.days_since} days"
            opening = f"You haven't mentioned being in touch with {_who(person)} {since}."
        else:
            opening = f"You haven't told me about being in touch with {_who(person)} yet."
        greeting = f"Hi {person.name}," if person.name else "Hi,"
        text = (f"{opening} Want to reach out? Even a short message counts — something like "
                f"\"{greeting} I was thinking of you. How are you?\"")
        return "drift", person, text, key
    if lonely:
        key = f"lonely:{now.date().isoformat()}"
        if not _already(conn, key):
            closest = next((p for p in list_people(conn) if p.cadence), None)
            who = f" {_who(closest)}" if closest else " someone you trust"
            text = f"It sounds lonely right now. Is there someone you could call or see this week —{who}, maybe?"
            return "lonely", closest, text, key
    return None


def next_nudge(conn: sqlite3.Connection, now: datetime, tz_name: str | None = None, *, lonely: bool = False,
               quiet_start: int = 22, quiet_end: int = 8) -> Nudge | None:
    """The nudge to make now, recorded so it is never repeated — or None (quiet hours, rate limit)."""
    if in_quiet_hours(now, tz_name, quiet_start, quiet_end) or _recent_nudge(conn, now):
        return None
    found = candidate(conn, now, tz_name, lonely)
    if found is None:
        return None
    kind, person, text, key = found
    with transaction(conn):
        cur = conn.execute(
            "INSERT INTO nudges (person_id, kind, text, created_at, key) VALUES (?, ?, ?, ?, ?)",
            (person.id if person else None, kind, text, to_iso(now), key))
    return Nudge(int(cur.lastrowid or 0), person.id if person else None, kind, text, key)


def snooze(conn: sqlite3.Connection, nudge_id: int, now: datetime, days: int = SNOOZE_DAYS) -> None:
    with transaction(conn):
        conn.execute("UPDATE nudges SET status = 'snoozed', snooze_until = ? WHERE id = ?",
                     (to_iso(now + timedelta(days=days)), nudge_id))


def dismiss(conn: sqlite3.Connection, nudge_id: int) -> None:
    with transaction(conn):
        conn.execute("UPDATE nudges SET status = 'dismissed' WHERE id = ?", (nudge_id,))


def outward_suggestion(conn: sqlite3.Connection, now: datetime, lead: str | None = None,
                       reason: str = "lonely") -> str | None:
    """One step outward to add to a reply when the person sounds lonely or says OS1 is all they have:
    a named person when the map has one, at most once a day for each reason (recorded like any nudge)."""
    key = f"outward:{reason}:{now.date().isoformat()}"
    if _already(conn, key):
        return None
    people = [p for p in list_people(conn) if p.cadence and not _snoozed(conn, p.id, now)]
    drifting_people = [d.person for d in drifting(conn, now)]
    choice = next((p for p in drifting_people if p in people), people[0] if people else None)
    # A suggestion, never a question: the person may be venting, and then the mind asks nothing. The
    # wording turns over with each suggestion made, so days in a row never hear the same sentence.
    made = conn.execute("SELECT count(*) FROM nudges WHERE kind = 'outward'").fetchone()[0]
    if choice:
        step = _OUTWARD_TO[made % len(_OUTWARD_TO)].format(who=_who(choice))
    else:
        step = _OUTWARD_ANYONE[made % len(_OUTWARD_ANYONE)]
    text = (lead + " " if lead else "") + step
    with transaction(conn):
        conn.execute("INSERT INTO nudges (person_id, kind, text, created_at, key) VALUES (?, 'outward', ?, ?, ?)",
                     (choice.id if choice else None, text, to_iso(now), key))
    return text
