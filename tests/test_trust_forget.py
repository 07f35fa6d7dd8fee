"""Forget means forget: after `os1 memory forget` of one turn its words are in no file of the home
(database, WAL, vector index), no command's output and no new export; what else was said survives."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.conftest import MEETING, run_os1

SECRET = "my sister Zelda secretly loves Quentin Marchbanks and I am worried about her"
SECRET_WORDS = [b"quentin", b"marchbanks", b"secretly"]
OTHER = ["Zelda called me yesterday about the zeppelin", "my interview at Globex is on Friday and I am nervous"]


def _raw_hits(home: Path, words: list[bytes]) -> dict[str, list[str]]:
    """Every file under the home whose bytes hold one of `words` (case-insensitive)."""
    hits: dict[str, list[str]] = {}
    for path in home.rglob("*"):
        if path.is_file():
            data = path.read_bytes().lower()
            found = [w.decode() for w in words if w in data]
            if found:
                hits[str(path.relative_to(home))] = found
    return hits


def _turn_id(home: Path, text: str) -> str:
    conn = sqlite3.connect(home / "os1.db")
    try:
        return str(conn.execute("SELECT id FROM turns WHERE text = ?", (text,)).fetchone()[0])
    finally:
        conn.close()


def test_forgotten_words_are_in_no_byte_of_the_home(os1_home: Path, tmp_path: Path) -> None:
    chat = run_os1("chat", input=MEETING + SECRET + "\n" + "\n".join(OTHER) + "\n")
    assert chat.returncode == 0, chat.stderr
    # The words were everywhere: turns, FTS, the companion's reply, mood reasons, topics, notes.
    assert run_os1("memory", "search", "Quentin").stdout.count("Quentin") >= 1
    assert _raw_hits(os1_home, SECRET_WORDS)

    forgot = run_os1("memory", "forget", _turn_id(os1_home, SECRET))
    assert forgot.returncode == 0, forgot.stderr
    assert "Forgot 2 memory(ies)" in forgot.stdout  # the turn and the reply that quoted it
    assert "compacted" in forgot.stdout  # secure by default for one turn

    assert _raw_hits(os1_home, SECRET_WORDS) == {}
    for command in (["mood"], ["people"], ["memory", "list", "-n", "50"], ["memory", "facts", "--all"],
                    ["memory", "search", "Quentin"], ["memory", "search", "sister secretly loves"]):  # fmt: skip
        result = run_os1(*command)
        assert "quentin" not in result.stdout.lower() and "secretly" not in result.stdout.lower(), command
    bundle = tmp_path / "after.os1"
    exported = run_os1("export", str(bundle))
    assert exported.returncode == 0, exported.stderr
    assert b"quentin" not in bundle.read_bytes().lower()

    # What else was said is all still there, and still found.
    conn = sqlite3.connect(os1_home / "os1.db")
    said = [row[0] for row in conn.execute("SELECT text FROM turns WHERE role = 'person'")]
    people = [row[0] for row in conn.execute("SELECT name FROM people")]
    conn.close()
    assert all(text in said for text in OTHER) and SECRET not in said
    assert "Zelda" in people  # also named in a turn that stays
    assert "zeppelin" in run_os1("memory", "search", "zeppelin").stdout


def test_forget_follows_the_turn_into_every_derived_table(os1_home: Path) -> None:
    from os1.memory.manage import forget_turns, secret_words
    from os1.store import open_store

    chat = run_os1("chat", input=MEETING + SECRET + "\n" + "\n".join(OTHER) + "\n")
    assert chat.returncode == 0, chat.stderr
    conn = open_store()
    try:
        turn_id = _turn_id(os1_home, SECRET)
        assert {"quentin", "marchbanks", "secretly"} <= secret_words(conn, [SECRET], keep_ids=[turn_id])
        assert "zelda" not in secret_words(conn, [SECRET], keep_ids=[turn_id])  # said again later
        report = forget_turns(conn, [turn_id], secure=False)
        assert report.turns == 2 and not report.secure and report.text == SECRET
        assert report.derived.get("affect_log", 0) >= 1
        dump = json.dumps([list(map(str, row)) for table in (
            "affect_log", "open_threads", "known_topics", "person_notes", "contacts", "people", "memory_facts",
            "memory_summaries", "turns") for row in conn.execute(f"SELECT * FROM {table}")]).lower()  # fmt: skip
        assert "quentin" not in dump and "secretly" not in dump
        assert "zeppelin" in dump and "globex" in dump
    finally:
        conn.close()


def test_forget_last_forgets_the_persons_last_turn(os1_home: Path) -> None:
    from os1.memory.manage import forget_last
    from os1.store import open_store

    assert run_os1("chat", input=MEETING + OTHER[0] + "\n" + SECRET + "\n").returncode == 0
    conn = open_store()
    try:
        report = forget_last(conn)
        assert report is not None and report.text == SECRET and report.secure
        texts = [row[0] for row in conn.execute("SELECT text FROM turns")]
        assert SECRET not in texts and OTHER[0] in texts
    finally:
        conn.close()
    assert _raw_hits(os1_home, [b"marchbanks"]) == {}
