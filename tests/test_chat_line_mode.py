"""Line mode: scripted conversations, bad input, continuity across restarts, never losing a word."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.conftest import MEETING, run_os1


def _turns(home: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(home / "os1.db")
    try:
        return [(row[0], row[1]) for row in conn.execute("SELECT role, text FROM turns ORDER BY ts, rowid")]
    finally:
        conn.close()


def test_one_reply_per_message_and_every_turn_stored(os1_home: Path) -> None:
    result = run_os1("chat", input=MEETING + "I had a long day at work\nthanks for listening\n")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 + 5  # the opening, then one reply per message
    turns = _turns(os1_home)
    person_lines = [text for role, text in turns if role == "person"]
    assert person_lines == [*MEETING.splitlines(), "I had a long day at work", "thanks for listening"]
    assert len([1 for role, _ in turns if role == "companion"]) == 6


def test_json_mode_gives_one_object_per_reply() -> None:
    result = run_os1("chat", "--json", input=MEETING + "hello\n")
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["type"] for o in objects] == ["opening", "meeting", "meeting", "meeting", "reply"]
    assert all(o["turn_id"] and o["companion"] for o in objects)
    assert objects[-1]["reply_to"]


def test_bad_input_is_reported_and_loses_nothing(os1_home: Path) -> None:
    huge = "word " * 210_000  # about 1 MB on one line
    data = MEETING.encode() + b"\n   \n" + b"caf\xe9 au lait\n" + b"\x00\x01\x02\xff\xfe\n"
    data += huge.encode() + b"\nok bye\n"
    result = run_os1("chat", input=data)
    assert result.returncode == 0, result.stderr
    assert "empty line skipped" in result.stderr
    assert "not valid UTF-8" in result.stderr
    assert "binary" in result.stderr
    assert "very long" in result.stderr
    assert "Traceback" not in result.stderr
    stored = [text for role, text in _turns(os1_home) if role == "person"]
    assert any(text.startswith("caf") and text.endswith("au lait") for text in stored)
    assert any(len(text) > 1_000_000 - 100 for text in stored)  # the long line is kept whole
    assert stored[-1] == "ok bye"
    # No reply ever echoes the long message back.
    assert all(len(line) < 2000 for line in result.stdout.splitlines())


def test_restart_greets_with_continuity_and_never_quotes_the_last_message() -> None:
    run_os1("chat", input=MEETING + "my sister Anna is visiting next week\n")
    again = run_os1("chat", input="")
    opening = again.stdout.strip()
    assert "Teddy" in opening
    assert "since we talked" in opening
    assert "is visiting next week" not in opening


def test_os1_now_moves_the_clock_so_a_follow_up_comes_after_its_day(os1_home: Path) -> None:
    monday = {"OS1_NOW": "2026-03-02T18:00:00+00:00"}
    run_os1("chat", input=MEETING + "my job interview is on Friday and I'm nervous\n", env=monday)
    with sqlite3.connect(os1_home / "os1.db") as db:
        first = db.execute("SELECT ts FROM turns ORDER BY rowid LIMIT 1").fetchone()[0]
    assert first.startswith("2026-03-02T18:00")
    before = run_os1("chat", input="", env={"OS1_NOW": "2026-03-04T18:00:00+00:00"}).stdout
    assert "interview" not in before  # Wednesday: the interview has not happened yet
    after = run_os1("chat", input="", env={"OS1_NOW": "2026-03-07T10:00:00+00:00"}).stdout
    assert "interview" in after and "since we talked" in after


def test_a_malformed_os1_now_is_a_clear_error() -> None:
    result = run_os1("chat", input="hello\n", env={"OS1_NOW": "next tuesday"})
    assert result.returncode != 0
    assert "OS1_NOW" in result.stderr and "Traceback" not in result.stderr


def test_a_second_conversation_on_the_same_home_is_refused(os1_home: Path) -> None:
    from os1.store.lock import conversation_lock

    os1_home.mkdir(parents=True, exist_ok=True)
    with conversation_lock(os1_home):
        result = run_os1("chat", input="hello\n")
    assert result.returncode == 1
    assert "already open" in result.stderr and "Traceback" not in result.stderr


def test_read_only_home_gets_a_clear_message(tmp_path: Path) -> None:
    import os

    home = tmp_path / "locked"
    home.mkdir()
    home.chmod(0o500)
    try:
        if os.access(home, os.W_OK):  # root ignores permissions; use a path under a file instead
            home = tmp_path / "a-file"
            home.write_text("x")
            home = home / "home"
        result = run_os1("chat", input="hello\n", env={"OS1_HOME": str(home)})
    finally:
        (tmp_path / "locked").chmod(0o700)
    assert result.returncode == 1
    assert "OS1_HOME" in result.stderr and "Traceback" not in result.stderr


def test_a_damaged_database_is_never_overwritten(os1_home: Path) -> None:
    os1_home.mkdir(parents=True)
    db = os1_home / "os1.db"
    db.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000)
    before = db.read_bytes()
    result = run_os1("chat", input="hello\n")
    assert result.returncode == 1
    assert "os1 doctor" in result.stderr and "Traceback" not in result.stderr
    assert db.read_bytes() == before
    doctor = run_os1("doctor")
    assert doctor.returncode == 1 and "database" in doctor.stdout


def test_debug_variable_shows_the_traceback(os1_home: Path) -> None:
    os1_home.mkdir(parents=True)
    (os1_home / "os1.db").write_bytes(b"not sqlite at all" * 10)
    result = run_os1("chat", input="hello\n", env={"OS1_DEBUG": "1"})
    assert result.returncode != 0 and "Traceback" in result.stderr


def test_quit_ends_a_scripted_conversation_as_it_closes_the_window(os1_home: Path) -> None:
    result = run_os1("chat", input=MEETING + "I had a long day\n/quit\nthis line is never read\n")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1 + 4  # the opening, the meeting's three, one reply
    person_lines = [text for role, text in _turns(os1_home) if role == "person"]
    assert person_lines[-1] == "I had a long day"  # /quit is not a message, and nothing after it is read


def test_slash_commands_work_in_line_mode_and_are_never_stored_as_messages(os1_home: Path) -> None:
    script = MEETING + "my secret word is heliotrope\n/forget\n/mood\n/nonsense\n"
    result = run_os1("chat", "--json", "--no-opening", input=script)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    commands = [r for r in records if r["type"] == "command"]
    assert len(commands) == 3
    assert "Forgotten" in commands[0]["text"] and "heliotrope" in commands[0]["text"]
    assert "/help" in commands[2]["text"]
    with sqlite3.connect(os1_home / "os1.db") as db:
        texts = [row[0] for row in db.execute("SELECT text FROM turns")]
    assert not any("heliotrope" in t for t in texts)
    assert not any(t.startswith("/") for t in texts)
