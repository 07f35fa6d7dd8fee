"""Letters and the people map: who a letter is for, and the contact a sent letter counts as.

A recipient is looked up in the people map (os1.people.tracker.find: a name, 'Name Surname', a relation
such as 'mum', or 'Anna (sister)'). Someone unknown is added only when the person agrees (`add=True`);
otherwise the letter is kept without a link and the caller gets a notice offering to add them.
What this module leaves out: the people map itself.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from os1.clock import utcnow
from os1.errors import UserInputError


@dataclass(frozen=True)
class Recipient:
    name: str  # as the letter shows it ("Anna", "Mum")
    person_id: int | None
    notice: str | None = None
    unknown: bool = False


def display_name(ref: str) -> str:
    """'Anna (sister)' -> 'Anna'; a relation alone is capitalised: 'mum' -> 'Mum'."""
    name = " ".join(ref.partition("(")[0].split())
    return name[:1].upper() + name[1:] if name.islower() else name


def link_recipient(conn: sqlite3.Connection, ref: str, *, add: bool = False) -> Recipient:
    """Find `ref` in the people map; add them when unknown and `add` is set.

    Raises UserInputError when `ref` could be several people (the message lists them).
    """
    from os1.people.extract import Mention
    from os1.people.relations import canonical
    from os1.people.tracker import find, resolve

    name = display_name(ref)
    if not name:
        raise UserInputError("A letter needs someone to write to.", "Pass --to NAME.")
    try:
        return Recipient(name, find(conn, ref).id)
    except UserInputError as exc:
        if "could be several" in exc.message:
            raise
    if not add:
        return Recipient(name, None, f"{name} is not in your people yet; add them with --add-person.", unknown=True)
    relation = canonical(name.lower()) if " " not in name else None
    first, _, surname = name.partition(" ")
    mention = Mention(None if relation else first, relation, surname or None)
    person_id = resolve(conn, mention, create=True)
    return Recipient(name, person_id, f"Added {name} to your people.")


def record_letter_sent(conn: sqlite3.Connection, person_id: int | None, letter_id: int) -> None:
    """A sent letter is real contact with that person: it counts for stay-in-touch and goals."""
    if person_id is None:
        return
    from os1.people.tracker import record_contact

    record_contact(conn, person_id, utcnow(), "letter", "letter", note=f"letter #{letter_id}")
