"""The people map as stored: resolving mentions to people, recording contacts, dates and notes,
and the edits the person makes (edit, merge, forget).

Resolution rules, in order: a mention with name and relation matches a person with both (or fills in
the missing half of a person who had only one); a name alone matches the person of that name most
recently in touch (two Annas stay apart by relation or surname); a relation alone matches the only
person with that relation, or the most recent one. A new person is created only when nothing matches.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime

from os1.clock import from_iso, to_iso, utcnow
from os1.errors import UserInputError
from os1.people.extract import Mention, observe
from os1.people.relations import relation_info
from os1.people.vcard import Card
from os1.store.db import transaction


@dataclass(frozen=True)
class PersonRecord:
    id: int
    name: str | None
    surname: str | None
    nickname: str | None
    relation: str | None
    cadence_days: int | None
    emails: list[str]
    phones: list[str]
    source: str
    last_contact: datetime | None

    @property
    def label(self) -> str:
        """How OS1 speaks of them: 'Anna (sister)', 'your mother'."""
        if self.name:
            full = f"{self.name} {self.surname}" if self.surname else self.name
            return f"{full} ({self.relation})" if self.relation else full
        return f"your {self.relation}"

    @property
    def cadence(self) -> int | None:
        """Days between contacts the person wants: their own setting, else the relation's default."""
        if self.cadence_days:
            return self.cadence_days
        info = relation_info(self.relation)
        return info.default_cadence_days if info else None


_SELECT = """
    SELECT p.*, (SELECT max(at) FROM contacts c WHERE c.person_id = p.id) AS last_contact
    FROM people p
"""


def _record(row: sqlite3.Row) -> PersonRecord:
    return PersonRecord(
        id=row["id"], name=row["name"], surname=row["surname"], nickname=row["nickname"],
        relation=row["relation"], cadence_days=row["cadence_days"], emails=json.loads(row["emails"]),
        phones=json.loads(row["phones"]), source=row["source"],
        last_contact=from_iso(row["last_contact"]) if row["last_contact"] else None,
    )


def list_people(conn: sqlite3.Connection) -> list[PersonRecord]:
    rows = conn.execute(_SELECT + " ORDER BY coalesce(last_contact, '') DESC, p.name COLLATE NOCASE")
    return [_record(row) for row in rows]


def get(conn: sqlite3.Connection, person_id: int) -> PersonRecord | None:
    row = conn.execute(_SELECT + " WHERE p.id = ?", (person_id,)).fetchone()
    return _record(row) if row else None


def find(conn: sqlite3.Connection, ref: str) -> PersonRecord:
    """The one person `ref` names: an id, 'Anna', 'Anna Lee', 'mum', or 'Anna (sister)'."""
    from os1.people.relations import canonical

    text = " ".join(ref.split())
    if text.isdigit():
        found = get(conn, int(text))
        if found:
            return found
    name, _, rest = text.partition("(")
    wanted_relation = canonical(rest.rstrip(")")) if rest else canonical(name)
    first, _, surname = name.strip().partition(" ")
    candidates = []
    for person in list_people(conn):
        if rest or not canonical(name):
            same_name = bool(person.name and person.name.lower() == first.lower()) and (
                not surname or (person.surname or "").lower() == surname.lower()
            ) and (not rest or person.relation == wanted_relation)
            same_nickname = bool(person.nickname and person.nickname.lower() == text.lower())
            if same_name or same_nickname:
                candidates.append(person)
        elif person.relation == wanted_relation:
            candidates.append(person)
    if not candidates:
        raise UserInputError(
            f"I don't know anyone called '{ref}' yet.",
            "See everyone with `os1 people`, or add them by talking about them or `os1 people import FILE.vcf`.",
        )
    if len(candidates) > 1:
        options = ", ".join(f"{p.id}: {p.label}" for p in candidates)
        raise UserInputError(f"'{ref}' could be several people ({options}).", "Use the number or 'Name (relation)'.")
    return candidates[0]


# --- resolution -----------------------------------------------------------------------------------

def _candidates(conn: sqlite3.Connection, mention: Mention) -> list[PersonRecord]:
    people = list_people(conn)  # most recently in touch first
    if mention.name:
        named = [p for p in people if p.name and p.name.lower() == mention.name.lower()]
        if mention.surname:
            exact = [p for p in named if (p.surname or "").lower() == mention.surname.lower()]
            named = exact or [p for p in named if not p.surname]
        if mention.relation:
            same = [p for p in named if p.relation == mention.relation]
            if same:
                return same
            # Fill in a relation we did not know, unless that person already has a different one.
            unknown = [p for p in named if p.relation is None]
            if unknown:
                return unknown
            # A nameless person with this relation ("my sister", before we knew her name).
            nameless = [p for p in people if p.name is None and p.relation == mention.relation]
            return nameless
        return named
    return [p for p in people if p.relation == mention.relation]


def resolve(
    conn: sqlite3.Connection, mention: Mention, *, create: bool = True, at: datetime | None = None
) -> int | None:
    """The id of the person `mention` refers to, creating them when new (as of `at`)."""
    found = _candidates(conn, mention)
    now = to_iso(at or utcnow())
    if found:
        person = found[0]
        updates = {}
        if mention.name and not person.name:
            updates["name"] = mention.name
        if mention.relation and not person.relation:
            updates["relation"] = mention.relation
        if mention.surname and not person.surname:
            updates["surname"] = mention.surname
        if updates:
            sets = ", ".join(f"{key} = ?" for key in updates)
            with transaction(conn):
                conn.execute(f"UPDATE people SET {sets}, updated_at = ? WHERE id = ?",
                             (*updates.values(), now, person.id))
        return person.id
    if not create:
        return None
    with transaction(conn):
        cur = conn.execute(
            "INSERT INTO people (name, surname, relation, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            (mention.name, mention.surname, mention.relation, now, now),
        )
    return int(cur.lastrowid or 0)


def record_contact(
    conn: sqlite3.Connection, person_id: int, at: datetime, kind: str, source: str,
    turn_id: str | None = None, note: str | None = None,
) -> None:
    with transaction(conn):
        conn.execute(
            "INSERT INTO contacts (person_id, at, kind, source, turn_id, note) VALUES (?, ?, ?, ?, ?, ?)",
            (person_id, to_iso(at), kind, source, turn_id, note),
        )


def set_date(conn: sqlite3.Connection, person_id: int, kind: str, month: int, day: int,
             year: int | None = None) -> None:
    with transaction(conn):
        conn.execute(
            "INSERT INTO person_dates (person_id, kind, month, day, year) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (person_id, kind) DO UPDATE SET month = excluded.month, day = excluded.day, "
            "year = coalesce(excluded.year, year)",
            (person_id, kind, month, day, year),
        )


def dates_of(conn: sqlite3.Connection, person_id: int) -> dict[str, tuple[int, int, int | None]]:
    rows = conn.execute("SELECT kind, month, day, year FROM person_dates WHERE person_id = ?", (person_id,))
    return {row[0]: (row[1], row[2], row[3]) for row in rows}


def notes_of(conn: sqlite3.Connection, person_id: int, limit: int = 20) -> list[tuple[datetime, str]]:
    rows = conn.execute(
        "SELECT at, text FROM person_notes WHERE person_id = ? ORDER BY at DESC LIMIT ?", (person_id, limit))
    return [(from_iso(row[0]), row[1]) for row in rows]


def contacts_of(conn: sqlite3.Connection, person_id: int, limit: int = 20) -> list[tuple[datetime, str, str]]:
    rows = conn.execute(
        "SELECT at, kind, source FROM contacts WHERE person_id = ? ORDER BY at DESC LIMIT ?", (person_id, limit))
    return [(from_iso(row[0]), row[1], row[2]) for row in rows]


def observe_turn(conn: sqlite3.Connection, text: str, at: datetime, turn_id: str | None = None) -> list[int]:
    """Update the map from one thing the person said; return the ids of the people it touched."""
    observation = observe(text, at)
    touched: dict[Mention, int] = {}
    for mention in observation.mentions:
        person_id = resolve(conn, mention, at=at)
        if person_id:
            touched[mention] = person_id
    for mention, kind, when in observation.contacts:
        if mention in touched:
            record_contact(conn, touched[mention], when, kind, "conversation", turn_id)
    for mention, month, day in observation.birthdays:
        if mention in touched:
            set_date(conn, touched[mention], "birthday", month, day)
    if observation.notes:
        with transaction(conn):
            for mention, sentence in observation.notes:
                if mention in touched:
                    conn.execute(
                        "INSERT INTO person_notes (person_id, text, turn_id, at) VALUES (?, ?, ?, ?)",
                        (touched[mention], sentence, turn_id, to_iso(at)),
                    )
    return sorted(set(touched.values()))


# --- the person's own edits -----------------------------------------------------------------------

EDITABLE = ("name", "surname", "nickname", "relation", "cadence_days")


def edit(conn: sqlite3.Connection, person_id: int, **fields: object) -> None:
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise UserInputError(f"Unknown field(s): {', '.join(sorted(unknown))}.", f"Editable: {', '.join(EDITABLE)}.")
    if not fields:
        return
    sets = ", ".join(f"{key} = ?" for key in fields)
    with transaction(conn):
        conn.execute(f"UPDATE people SET {sets}, updated_at = ? WHERE id = ?",
                     (*fields.values(), to_iso(utcnow()), person_id))


def merge(conn: sqlite3.Connection, keep_id: int, other_id: int) -> None:
    """Fold `other` into `keep`: contacts, dates, notes, goals and nudges move; blanks are filled."""
    if keep_id == other_id:
        raise UserInputError("Those are the same person.", "Name two different people to merge.")
    keep, other = get(conn, keep_id), get(conn, other_id)
    if keep is None or other is None:
        raise UserInputError("One of those people does not exist.", "See `os1 people` for their numbers.")
    with transaction(conn):
        for table in ("contacts", "person_notes", "nudges", "connection_goals"):
            conn.execute(f"UPDATE {table} SET person_id = ? WHERE person_id = ?", (keep_id, other_id))
        conn.execute(
            "INSERT OR IGNORE INTO person_dates (person_id, kind, month, day, year) "
            "SELECT ?, kind, month, day, year FROM person_dates WHERE person_id = ?", (keep_id, other_id))
        emails = sorted(set(keep.emails) | set(other.emails))
        phones = sorted(set(keep.phones) | set(other.phones))
        conn.execute(
            "UPDATE people SET name = coalesce(name, ?), surname = coalesce(surname, ?), "
            "nickname = coalesce(nickname, ?), relation = coalesce(relation, ?), "
            "cadence_days = coalesce(cadence_days, ?), emails = ?, phones = ?, updated_at = ? WHERE id = ?",
            (other.name, other.surname, other.nickname, other.relation, other.cadence_days,
             json.dumps(emails), json.dumps(phones), to_iso(utcnow()), keep_id),
        )
        conn.execute("DELETE FROM people WHERE id = ?", (other_id,))


def forget(conn: sqlite3.Connection, person_id: int) -> None:
    """Remove a person and everything about them from the map (dates, notes, contacts, goals, nudges)."""
    with transaction(conn):
        conn.execute("DELETE FROM people WHERE id = ?", (person_id,))


def duplicates(conn: sqlite3.Connection) -> list[tuple[PersonRecord, PersonRecord]]:
    """Pairs that look like one person (same name and no conflicting relation or surname)."""
    people = list_people(conn)
    pairs = []
    for index, first in enumerate(people):
        for second in people[index + 1:]:
            if not first.name or not second.name or first.name.lower() != second.name.lower():
                continue
            if first.relation and second.relation and first.relation != second.relation:
                continue
            if first.surname and second.surname and first.surname.lower() != second.surname.lower():
                continue
            pairs.append((first, second))
    return pairs


# --- contacts from a phone or address book -------------------------------------------------------

@dataclass(frozen=True)
class ImportReport:
    added: list[PersonRecord]
    skipped_known: list[str]
    suggested_merges: list[tuple[PersonRecord, PersonRecord]]


def import_cards(conn: sqlite3.Connection, cards: list[Card]) -> ImportReport:
    """Add vCard contacts. A card identical to someone already imported is skipped; one that looks like
    someone OS1 already knows is added separately with a merge suggested — never merged silently.

    Linear in the number of cards: the people already known are read once and looked up by key
    (identical card, e-mail, first name), and every card goes in within one transaction (one fsync,
    not one per card)."""
    existing = list_people(conn)
    same_card: set[tuple[str, str, frozenset[str]]] = {
        ((p.name or ""), (p.surname or ""), frozenset(p.emails)) for p in existing if p.source == "vcard"}
    by_email: dict[str, list[PersonRecord]] = {}
    by_name: dict[str, list[PersonRecord]] = {}
    for person in existing:
        for email in person.emails:
            by_email.setdefault(email, []).append(person)
        if person.name:
            by_name.setdefault(person.name.lower(), []).append(person)
    skipped: list[str] = []
    new_ids: list[tuple[int, Card]] = []
    now = to_iso(utcnow())
    with transaction(conn):
        for card in cards:
            label = " ".join(part for part in (card.name, card.surname) if part) or card.nickname or "?"
            key = ((card.name or ""), (card.surname or ""), frozenset(card.emails))
            if key in same_card:
                skipped.append(label)
                continue
            same_card.add(key)  # a file holding the same card twice adds it once
            cur = conn.execute(
                "INSERT INTO people (name, surname, nickname, relation, emails, phones, source, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, 'vcard', ?, ?)",
                (card.name or card.nickname, card.surname, card.nickname, card.relation, json.dumps(card.emails),
                 json.dumps(card.phones), now, now),
            )
            person_id = int(cur.lastrowid or 0)
            for kind, value in (("birthday", card.birthday), ("anniversary", card.anniversary)):
                if value:
                    conn.execute(
                        "INSERT OR IGNORE INTO person_dates (person_id, kind, month, day, year) VALUES (?, ?, ?, ?, ?)",
                        (person_id, kind, *value),
                    )
            new_ids.append((person_id, card))
    added: list[PersonRecord] = []
    suggestions: list[tuple[PersonRecord, PersonRecord]] = []
    for person_id, card in new_ids:
        record = get(conn, person_id)
        assert record is not None
        added.append(record)
        candidates = {p.id: p for email in card.emails for p in by_email.get(email, [])}
        for other in by_name.get((card.name or "").lower(), []) if card.name else []:
            if not other.surname or not card.surname or other.surname.lower() == card.surname.lower():
                candidates[other.id] = other
        suggestions.extend((other, record) for other in candidates.values())
    return ImportReport(added, skipped, suggestions)
