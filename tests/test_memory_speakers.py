"""Speaker- and context-aware memory on a real store: names, replies found by their question, the
migration of an older database, facts of other speakers, and the chat exports."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from os1.errors import UserInputError
from os1.memory.chatformats import detect_format
from os1.memory.facts import facts
from os1.memory.importer import ImportProblems, import_chat_export, import_jsonl
from os1.memory.manage import forget_turns
from os1.memory.search import Weights, named_speakers, relevant_memories, search
from os1.memory.vectors import index_pending
from os1.store import open_store
from os1.store.conversation import add_turn, start_session
from os1.store.migrations import apply_migrations
from tests.memory_helpers import open_home, write_jsonl

AT = datetime(2023, 7, 1, tzinfo=UTC)


def _turn(tid: str, conv: str, minute: int, speaker: str, text: str, day: int = 3) -> dict[str, str]:
    return {
        "id": tid,
        "conversation": conv,
        "timestamp": f"2023-06-{day:02d}T19:{minute:02d}:00Z",
        "speaker": speaker,
        "text": text,
    }


CHAT = [
    _turn("d1", "s1", 0, "Priya", "Hey Dana! Random question: what's your favourite film at the moment?"),
    _turn("d2", "s1", 1, "Dana", "Paddington 2. Easily."),
    _turn("d3", "s1", 2, "Priya", "Dana, you have to see the new one, Dana, it is so good, Dana."),
    _turn("d4", "s1", 3, "Dana", "My sister Yusra lives in Leeds and she works at Northwind."),
    _turn("d5", "s2", 0, "Priya", "Morning Dana, how was the trip to Lisbon?", day=20),
    _turn("d6", "s2", 1, "Dana", "The castle was beautiful and the sardines were unreal.", day=20),
    _turn("d7", "s2", 2, "Priya", "I went to Lisbon once and hated the trams.", day=20),
]


@pytest.fixture
def conn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    c = open_home(tmp_path, monkeypatch)
    import_jsonl(c, write_jsonl(tmp_path / "chat.jsonl", CHAT))
    index_pending(c)
    yield c
    c.close()


def _fts_row(conn: sqlite3.Connection, tid: str) -> tuple[str, str, str]:
    """(text, speaker) as full-text indexed, and the indexed words of the turn it answers."""
    rowid = conn.execute("SELECT rowid FROM turns WHERE id = ?", (tid,)).fetchone()[0]
    own = conn.execute("SELECT text, speaker FROM memory_fts WHERE rowid = ?", (rowid,)).fetchone()
    context = conn.execute("SELECT context FROM memory_fts_context WHERE rowid = ?", (rowid,)).fetchone()
    return own[0], own[1], context[0] if context else ""


def test_each_turn_is_indexed_with_its_speaker_and_the_turn_it_answers(conn) -> None:  # type: ignore[no-untyped-def]
    text, speaker, context = _fts_row(conn, "d2")
    assert (text, speaker) == ("Paddington 2. Easily.", "Dana")
    assert "favourite film" in context
    assert _fts_row(conn, "d1")[2] == ""  # the first turn of a session answers nothing
    assert _fts_row(conn, "d5")[2] == ""  # nor does the first of the next session


def test_an_answer_is_found_by_the_words_of_its_question(conn) -> None:  # type: ignore[no-untyped-def]
    hits = search(conn, "What is Dana's favourite film?", at=AT, k=3)
    assert "d2" in [h.id for h in hits[:2]]


def test_a_named_speaker_is_preferred_and_the_name_is_not_a_search_word(conn) -> None:  # type: ignore[no-untyped-def]
    speakers, words = named_speakers(conn, "what did Dana say about Lisbon?")
    assert speakers == {"Dana"} and words == ["dana"]
    hits = search(conn, "what did Dana say about Lisbon?", at=AT, k=4)
    ids = [h.id for h in hits]
    # d7 (Priya) says "Lisbon" and d3 greets Dana three times; Dana's answer about the trip (found by
    # the question before it, d5) comes before both.
    assert "d6" in ids[:2] and ids.index("d6") < ids.index("d7")
    assert "d3" not in ids[:2]
    assert any("Dana said it" in w for w in hits[ids.index("d6")].why)
    # A boost, not a filter: Priya's turns can still be found.
    assert "d7" in {h.id for h in search(conn, "who hated the trams in Lisbon", at=AT, k=5)}


def test_forgetting_a_question_removes_its_words_from_the_reply_context(conn) -> None:  # type: ignore[no-untyped-def]
    forget_turns(conn, ["d1"])
    assert _fts_row(conn, "d2")[2] == ""
    assert not conn.execute("SELECT 1 FROM memory_fts WHERE memory_fts MATCH 'favourite'").fetchone()
    assert not conn.execute("SELECT 1 FROM memory_fts_context WHERE memory_fts_context MATCH 'favourite'").fetchone()
    conn.execute("UPDATE turns SET text = 'Which film do you love?' WHERE id = 'd3'")
    assert _fts_row(conn, "d4")[2] == "Which film do you love?"


def test_a_turn_imported_out_of_order_reindexes_the_one_after_it(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    c = open_home(tmp_path, monkeypatch)
    import_jsonl(c, write_jsonl(tmp_path / "b.jsonl", [CHAT[1]]))
    import_jsonl(c, write_jsonl(tmp_path / "a.jsonl", [CHAT[0]]))
    assert "favourite film" in _fts_row(c, "d2")[2]
    c.close()


def test_other_speakers_facts_are_kept_under_their_name(conn) -> None:  # type: ignore[no-untyped-def]
    known = {(f["subject"], f["relation"], f["object"]) for f in facts(conn)}
    assert ("Dana", "sister", "Yusra") in known
    assert not any(subject == "person" for subject, _, _ in known)  # nothing leaks into the person's own


def test_queries_without_words_get_a_clear_message(conn) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserInputError, match="no words"):
        search(conn, "🎉🎉 !!")
    assert relevant_memories(conn, "❤️", AT) == []
    assert isinstance(search(conn, "what did you say", at=AT), list)  # stop words only: by meaning


def test_an_older_database_migrates_and_reindexes(tmp_path: Path) -> None:
    conn = open_store(tmp_path / "old.db", migrate=False)
    apply_migrations(conn, upto="memory_0001_initial")
    session = start_session(conn, at=datetime(2023, 1, 1, tzinfo=UTC))
    add_turn(conn, session, "companion", "OS1", "What's your favourite film?", at=datetime(2023, 1, 1, tzinfo=UTC))
    add_turn(conn, session, "person", "Ana", "Paddington 2.", at=datetime(2023, 1, 1, 0, 1, tzinfo=UTC))
    apply_migrations(conn)
    assert (
        "favourite"
        in _fts_row(conn, conn.execute("SELECT id FROM turns WHERE text = 'Paddington 2.'").fetchone()[0])[2]
    )
    assert conn.execute("SELECT count(*) FROM memory_pending").fetchone()[0] == 2  # vectors re-made
    assert dict(conn.execute("SELECT name, turns FROM memory_speakers").fetchall()) == {"OS1": 1, "Ana": 1}
    hits = search(conn, "favourite film", at=datetime(2023, 2, 1, tzinfo=UTC), k=2)
    assert {h.text for h in hits} == {"What's your favourite film?", "Paddington 2."}
    conn.close()


# --- chat exports -------------------------------------------------------------------------------

WHATSAPP = """12/05/2023, 14:03 - Messages and calls are end-to-end encrypted.
12/05/2023, 14:03 - Ana: What's your favourite film?
12/05/2023, 14:04 - Dana: Paddington 2.
It's perfect.
12/05/2023, 14:05 - Dana: <Media omitted>
13/05/2023, 21:10 - Ana: Good night!
"""
WHATSAPP_IOS = "[5/12/23, 2:03:10\u202fPM] Ana: Lunch?\n[5/13/23, 9:00:00\u202fAM] Dana: Sorry, only saw this now\n"
TELEGRAM = {
    "name": "Dana",
    "type": "personal_chat",
    "id": 4242,
    "messages": [
        {"id": 1, "type": "service", "date": "2023-05-12T14:00:00", "actor": "Ana", "action": "phone_call"},
        {
            "id": 2,
            "type": "message",
            "date": "2023-05-12T14:03:00",
            "date_unixtime": "1683900180",
            "from": "Ana",
            "text": "Favourite film?",
        },
        {
            "id": 3,
            "type": "message",
            "date": "2023-05-12T14:04:00",
            "date_unixtime": "1683900240",
            "from": "Dana",
            "text": ["Paddington ", {"type": "bold", "text": "2"}, "."],
        },
    ],
}
CSV = (
    'timestamp,sender,message\n2023-05-12 14:03,Ana,Favourite film?\n2023-05-12 14:04,Dana,"Paddington 2, obviously."\n'
)


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_whatsapp_export_with_me_mapping_and_idempotent_reimport(conn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, "WhatsApp Chat with Dana.txt", WHATSAPP)
    assert detect_format(path) == "whatsapp"
    report = import_chat_export(conn, path, "whatsapp", me={"Ana"})
    assert report.imported == 3 and report.sessions == 2  # a night's gap starts a new conversation
    rows = conn.execute("SELECT speaker, role, text, ts FROM turns WHERE id LIKE 'whatsapp-%' ORDER BY ts").fetchall()
    assert [(r[0], r[1]) for r in rows] == [("Ana", "person"), ("Dana", "other"), ("Ana", "person")]
    assert rows[1][2] == "Paddington 2.\nIt's perfect." and rows[0][3].startswith("2023-05-12T14:03")
    again = import_chat_export(conn, path, "whatsapp", me={"Ana"})
    assert again.imported == 0 and again.already == 3
    # A newer export of the same chat adds only what is new.
    newer = _write(tmp_path, "WhatsApp Chat with Dana.txt", WHATSAPP + "14/05/2023, 08:00 - Dana: Morning!\n")
    assert import_chat_export(conn, newer, "whatsapp", me={"Ana"}).imported == 1


def test_ios_export_month_first_with_12_hour_clock(conn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _write(tmp_path, "_chat.txt", WHATSAPP_IOS)
    assert detect_format(path) == "whatsapp"
    import_chat_export(conn, path, "whatsapp")
    stamps = [r[0] for r in conn.execute("SELECT ts FROM turns WHERE id LIKE 'whatsapp-%' ORDER BY ts")]
    assert stamps[0].startswith("2023-05-12T14:03:10") and stamps[1].startswith("2023-05-13T09:00")


def test_telegram_and_csv_exports(conn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    tg = _write(tmp_path, "result.json", json.dumps(TELEGRAM))
    assert detect_format(tg) == "telegram"
    report = import_chat_export(conn, tg, "telegram", me={"Ana"})
    assert report.imported == 2 and [i for _, i, _ in report.ids] == ["tg-4242-2", "tg-4242-3"]
    assert conn.execute("SELECT text FROM turns WHERE id = 'tg-4242-3'").fetchone()[0] == "Paddington 2."
    assert import_chat_export(conn, tg, "telegram", me={"Ana"}).already == 2
    sheet = _write(tmp_path, "chat.csv", CSV)
    assert detect_format(sheet) == "csv"
    assert import_chat_export(conn, sheet, "csv", me={"Ana"}).imported == 2


def test_mixed_encodings_keep_every_line(conn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    raw = "12/05/2023, 14:03 - Ana: caf\u00e9 au lait\n".encode() + "12/05/2023, 14:04 - Dana: na\u00efve\n".encode(
        "cp1252"
    )
    path = _write(tmp_path, "mixed.txt", raw)
    import_chat_export(conn, path, "whatsapp")
    texts = [r[0] for r in conn.execute("SELECT text FROM turns WHERE id LIKE 'whatsapp-%' ORDER BY ts")]
    assert texts == ["caf\u00e9 au lait", "na\u00efve"]


def test_unknown_formats_and_bad_csv_rows(conn, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert detect_format(_write(tmp_path, "notes.txt", "just some notes\nnothing like a chat\n")) is None
    assert detect_format(_write(tmp_path, "empty.txt", "")) is None
    bad = _write(tmp_path, "bad.csv", "timestamp,sender,message\nnot a time,Ana,hello\n2023-05-12 14:03,Ana,ok\n")
    with pytest.raises(ImportProblems):
        import_chat_export(conn, bad, "csv")
    assert conn.execute("SELECT count(*) FROM turns WHERE id LIKE 'csv-%'").fetchone()[0] == 0
    assert import_chat_export(conn, bad, "csv", skip_bad=True).imported == 1


def test_an_export_over_the_size_limit_is_refused_whole(conn, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os1.memory.chatformats as formats

    monkeypatch.setattr(formats, "MAX_EXPORT_BYTES", 100)
    path = _write(tmp_path, "big.txt", WHATSAPP * 3)
    with pytest.raises(UserInputError, match="at most 1 GB"):
        import_chat_export(conn, path, "whatsapp")
    assert conn.execute("SELECT count(*) FROM turns WHERE id LIKE 'whatsapp-%'").fetchone()[0] == 0


def test_a_name_in_the_best_hit_links_to_the_turn_a_second_hop_needs(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from os1.memory.search import bridge_names

    c = open_home(tmp_path, monkeypatch)
    rows = [
        _turn("h1", "s1", 0, "Dana", "My cousin Greta lives in Edinburgh, she runs a little bakery there.", day=1),
        _turn("h2", "s1", 1, "Priya", "A bakery! I love bread so much.", day=1),
        _turn("h3", "s2", 0, "Priya", "I went to Leeds in June for a wedding.", day=20),
        _turn("h4", "s2", 1, "Dana", "I'm flying out to see Greta at the end of the month.", day=20),
        _turn("h5", "s2", 2, "Priya", "Amazing, say hi from me, Dana.", day=20),
        _turn("h6", "s2", 3, "Dana", "The city is so busy at the end of the month.", day=20),
        _turn("h7", "s2", 4, "Priya", "I hate flying, the airport queues are the worst.", day=20),
        _turn("h8", "s2", 5, "Dana", "Which city would you move to, if you could?", day=20),
        _turn("h9", "s2", 6, "Priya", "Probably a city by the sea, flying home every month.", day=20),
    ]
    import_jsonl(c, write_jsonl(tmp_path / "hops.jsonl", rows))
    index_pending(c)
    assert bridge_names(c, ["I'm flying out to see Greta in June, Dana says.", "So Priya came too."], "see") == [
        "greta"
    ]  # not the speakers, the month, or a word of the question
    question = "Which city is Dana flying to at the end of the month?"
    ranked = [h.id for h in search(c, question, at=AT, k=9)]
    unlinked = [h.id for h in search(c, question, at=AT, k=9, weights=Weights(bridge=0.0))]
    # Distractors match "city", "flying", "month"; Greta in the best hit (h4) is what lifts h1.
    assert "h4" in ranked[:3] and "h1" in ranked[:5] and ranked.index("h1") < unlinked.index("h1")
    c.close()


def test_jsonl_with_a_bad_first_line_still_gets_the_line_by_line_report(tmp_path: Path) -> None:
    path = _write(tmp_path, "turns.jsonl", 'not json\n{"speaker": "Ana", "text": "hi", "timestamp": "2023-05-01"}\n')
    assert detect_format(path) == "jsonl"
    odd = _write(tmp_path, "turns.txt", 'oops\n{"speaker": "Ana", "text": "hi", "timestamp": "2023-05-01"}\n')
    assert detect_format(odd) == "jsonl"
