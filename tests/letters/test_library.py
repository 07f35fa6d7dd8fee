"""The letter library on a real SQLite file: migration, versions, status, and the chat's drafting entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from os1.errors import UserInputError
from os1.letters.drafting import draft_from_answers, questions_for
from os1.letters.library import add_version, create_letter, get_letter, list_letters, mark_printed, mark_sent, versions
from os1.store import open_store
from os1.store.migrations import applied_migrations


def test_versions_and_status(tmp_path: Path) -> None:
    conn = open_store(tmp_path / "os1.db")
    assert "letters_0001_letters" in applied_migrations(conn)
    letter = create_letter(conn, "Jo", "Dear Jo,\n\nHello.", occasion="thanks")
    assert (letter.status, letter.version, letter.sent_at) == ("draft", 1, None)
    assert add_version(conn, letter.id, letter.text, "edit").version == 1  # unchanged: no new version
    edited = add_version(conn, letter.id, "Dear Jo,\n\nHello again.", "edit")
    assert edited.version == 2 and edited.text.endswith("again.")
    assert [(v.version, v.source) for v in versions(conn, letter.id)] == [(1, "typed"), (2, "edit")]
    assert mark_printed(conn, letter.id).status == "printed"
    sent = mark_sent(conn, letter.id, "jo@example.org")
    assert sent.status == "sent" and sent.sent_to == "jo@example.org" and sent.sent_at
    assert mark_printed(conn, letter.id).status == "sent"  # printing later does not undo "sent"
    other = create_letter(conn, "Ana", "Querida Ana")
    assert [item.id for item in list_letters(conn)] == [other.id, letter.id]
    with pytest.raises(UserInputError, match="no letter #99"):
        get_letter(conn, 99)
    conn.close()
    reopened = open_store(tmp_path / "os1.db")  # survives a reopen, nothing re-applied
    assert get_letter(reopened, letter.id).version == 2
    reopened.close()


def test_guided_drafting_entry_point(tmp_path: Path) -> None:
    conn = open_store(tmp_path / "os1.db")
    assert questions_for("Mum")[1] == "Is there a memory you share with Mum that you'd like to bring in?"
    letter = draft_from_answers(conn, "Mum", {
        "who": "my mum", "memory": "Mum taught me to swim.", "feeling": "I am grateful.", "wish": "I hope you rest."},
        occasion="birthday", sender="Sam")
    assert letter.text == (
        "Dear Mum,\n\nHappy birthday!\n\nYou taught me to swim.\n\nI am grateful.\n\n"
        "I hope you rest.\n\nWith love,\nSam"
    )
    assert versions(conn, letter.id)[0].source == "notes"
    conn.close()
