"""Writing a letter together in the conversation, through the real pipeline and store."""

from __future__ import annotations

from pathlib import Path

from os1.companion import Companion
from os1.letters.library import get_letter, versions
from os1.store import open_store
from tests.conftest import MEETING


def test_guided_letter_uses_what_it_remembers_and_only_the_persons_words(os1_home: Path) -> None:
    conn = open_store()
    companion = Companion(conn)
    companion.opening()
    for line in MEETING.splitlines():
        companion.reply(line)
    companion.reply("My sister Anna taught me to swim in the cold lake behind our house.")
    first = companion.reply("can you help me write a letter to my sister?")
    assert "Anna" in first.text and "Who is Anna to you?" in first.text
    memory_question = companion.reply("she's my big sister")
    assert "You told me on" in memory_question.text and "taught me to swim" in memory_question.text
    companion.reply("yes")
    companion.reply("that I'm proud of her and I miss her every day")
    draft = companion.reply("I hope we can go back to the lake this summer")
    assert "letter 1" in draft.text
    letter = get_letter(conn, 1)
    assert letter.recipient == "Anna" and letter.person_id is not None
    assert "You taught me to swim" in letter.text and "miss you every day" in letter.text
    assert "Anna taught" not in letter.text and "My sister" not in letter.text
    companion.reply("make it warmer")
    assert len(versions(conn, 1)) == 2
    done = companion.reply("done")
    assert "os1 letter render 1" in done.text
    assert companion.reply("I had a nice day").meta.get("kind") != "task"  # the letter flow has ended


def test_stop_leaves_the_letter_flow(os1_home: Path) -> None:
    conn = open_store()
    companion = Companion(conn)
    companion.opening()
    for line in MEETING.splitlines():
        companion.reply(line)
    assert "Mum" in companion.reply("help me write a birthday card to my mum").text
    assert "leave it there" in companion.reply("stop").text
    assert conn.execute("SELECT count(*) FROM letters").fetchone()[0] == 0
