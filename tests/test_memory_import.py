"""Importing files: good and bad lines, ids, duplicates, timestamps, MemoryBank, search during an import."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from os1.memory.importer import ImportProblems, import_jsonl, import_memorybank
from os1.memory.search import search
from os1.store.conversation import count_turns
from tests.memory_helpers import STORY, open_home, write_jsonl


def test_good_file_keeps_given_ids_and_reports_new_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = open_home(tmp_path, monkeypatch)
    rows = [
        {
            "id": "x-1",
            "conversation": "c",
            "timestamp": "1:56 pm on 8 May, 2023",
            "speaker": "Ana",
            "text": "Hello there.",
        },
        {"conversation": "c", "timestamp": "May 9, 2023", "speaker": "Ana", "text": "No id on this one."},
        {
            "id": 42,
            "timestamp": "2023-05-10T08:00:00+02:00",
            "speaker": "assistant",
            "text": "Numbers become strings.",
        },
    ]
    report = import_jsonl(conn, write_jsonl(tmp_path / "in.jsonl", rows), me={"Ana"})
    assert report.imported == 3
    assert report.ids[0] == (1, "x-1", True) and report.ids[2] == (3, "42", True)
    line, new_id, given = report.ids[1]
    assert line == 2 and not given and conn.execute("SELECT 1 FROM turns WHERE id = ?", (new_id,)).fetchone()
    row = conn.execute("SELECT ts, role FROM turns WHERE id = 'x-1'").fetchone()
    assert row["ts"].startswith("2023-05-08T13:56") and row["role"] == "person"
    assert conn.execute("SELECT role, ts FROM turns WHERE id = '42'").fetchone()[0] == "companion"
    assert conn.execute("SELECT ts FROM turns WHERE id = '42'").fetchone()[0].startswith("2023-05-10T06:00")


def test_a_bad_file_imports_nothing_and_names_every_bad_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = open_home(tmp_path, monkeypatch)
    rows: list[object] = [
        STORY[0],
        STORY[1],
        '{"id": "broken", "text": "no closing brace"',
        {"id": "a1", "timestamp": "2023-05-01", "speaker": "Ana", "text": "Same id as line 1."},
        {"id": "t5", "timestamp": "the day after the party", "speaker": "Ana", "text": "Odd time."},
        {"id": "t6", "timestamp": "2023-05-01", "speaker": "Ana"},
        "[1, 2, 3]",
    ]
    with pytest.raises(ImportProblems) as caught:
        import_jsonl(conn, write_jsonl(tmp_path / "bad.jsonl", rows))
    message = caught.value.message
    for expected in (
        "line 3: not valid JSON",
        "line 4: duplicate id 'a1' (first on line 1)",
        "line 5: unknown timestamp format",
        'line 6: missing or empty "text"',
        "line 7: expected a JSON object",
    ):
        assert expected in message
    assert caught.value.report.unknown_timestamps == ["the day after the party"]
    assert count_turns(conn) == 0
    assert conn.execute("SELECT count(*) FROM memory_fts WHERE memory_fts MATCH 'Lisbon'").fetchone()[0] == 0


def test_skip_bad_imports_the_good_lines_and_ids_already_stored_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = open_home(tmp_path, monkeypatch)
    import_jsonl(conn, write_jsonl(tmp_path / "story.jsonl", STORY))
    again = [
        STORY[0],
        {"id": "new-1", "timestamp": "2023-06-01T10:00:00Z", "speaker": "Ana", "text": "Fresh line."},
        "not json",
    ]
    with pytest.raises(ImportProblems) as caught:
        import_jsonl(conn, write_jsonl(tmp_path / "again.jsonl", again))
    assert "line 1: id 'a1' is already in memory" in caught.value.message
    report = import_jsonl(conn, tmp_path / "again.jsonl", skip_bad=True)
    assert report.imported == 1 and report.skipped == 2 and report.duplicates == ["a1"]
    assert count_turns(conn) == len(STORY) + 1


def test_memorybank_users_are_stripped_and_turns_get_stable_ids(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = open_home(tmp_path, monkeypatch)
    data = {
        " Jason ": {
            "name": "Jason",
            "history": {
                "2023-04-27": [
                    {"query": "I went swimming at the pool today.", "response": "That sounds relaxing."}
                ]
            },
        },
        "Emily": {"name": "Emily", "history": {"2023-04-28": [{"query": "Hi!", "response": "Hello Emily."}]}},
    }
    path = tmp_path / "memory_bank.json"
    path.write_text(json.dumps(data))
    report = import_memorybank(conn, path, users={"jason"})
    assert report.imported == 2
    row = conn.execute("SELECT speaker, role, ts FROM turns WHERE id = 'mb-jason-2023-04-27-00-q'").fetchone()
    assert (row["speaker"], row["role"]) == ("Jason", "person") and row["ts"].startswith("2023-04-27T09:00")
    assert (
        conn.execute("SELECT role FROM turns WHERE id = 'mb-jason-2023-04-27-00-r'").fetchone()[0]
        == "companion"
    )


def test_search_works_while_an_import_is_running_and_sees_all_or_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = open_home(tmp_path, monkeypatch)
    import_jsonl(conn, write_jsonl(tmp_path / "story.jsonl", STORY))
    big = [
        {
            "id": f"b{i}",
            "timestamp": f"2023-06-01T10:{i % 60:02d}:00Z",
            "speaker": "Ana",
            "text": f"Line {i} about the glacier trip.",
        }
        for i in range(1200)
    ]
    path = write_jsonl(tmp_path / "big.jsonl", big)
    halfway, searched = threading.Event(), threading.Event()

    def progress(done: int) -> None:  # called inside the import's transaction
        halfway.set()
        searched.wait(timeout=60)

    writer = open_home(tmp_path, monkeypatch)
    thread = threading.Thread(target=lambda: import_jsonl(writer, path, progress=progress))
    thread.start()
    assert halfway.wait(timeout=60)
    at = datetime(2023, 7, 1, tzinfo=UTC)
    during = search(conn, "kayaking on the river", at=at, k=3)
    glacier_during = search(conn, "glacier trip", at=at, k=3)
    searched.set()
    thread.join(timeout=120)
    assert during[0].id == "a3"
    assert not any(h.id.startswith("b") for h in glacier_during)  # none of the running import is visible
    assert count_turns(conn) == len(STORY) + 1200
    assert search(conn, "glacier trip", at=at, k=3)[0].id.startswith("b")
    writer.close()
