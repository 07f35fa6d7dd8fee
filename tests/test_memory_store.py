"""Forgetting, editing, facts over time, export round trip and the pipeline wiring, on real SQLite."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from os1.companion import Companion
from os1.memory.facts import facts
from os1.memory.importer import import_jsonl
from os1.memory.manage import edit_turn, forget_turns
from os1.memory.search import search
from os1.memory.vectors import AnnIndex, index_path, index_pending, vector_index
from os1.providers.base import CancelToken, Provider, ReplyRequest
from os1.store import open_store
from os1.store.conversation import add_turn, delete_turns, start_session
from os1.store.migrations import apply_migrations
from os1.store.person import update_person
from os1.store.persona import Persona, save_persona
from tests.memory_helpers import STORY, open_home, write_jsonl

AT = datetime(2023, 5, 10, 12, tzinfo=UTC)


@pytest.fixture
def conn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator:  # type: ignore[type-arg]
    c = open_home(tmp_path, monkeypatch)
    import_jsonl(c, write_jsonl(tmp_path / "story.jsonl", STORY))
    index_pending(c)
    vector_index(c).save(c)
    yield c
    c.close()


def _fts(conn, word: str) -> list[int]:  # type: ignore[no-untyped-def]
    return [r[0] for r in conn.execute("SELECT rowid FROM memory_fts WHERE memory_fts MATCH ?", (word,))]


def _vid(conn, turn_id: str) -> int:  # type: ignore[no-untyped-def]
    return int(conn.execute("SELECT vid FROM memory_vectors WHERE turn_id = ?", (turn_id,)).fetchone()[0])


def test_forget_removes_the_turn_from_every_index_and_its_facts(conn) -> None:  # type: ignore[no-untyped-def]
    assert _fts(conn, "Lisbon") and any(f["object"] == "Bea" for f in facts(conn))
    session = conn.execute("SELECT session_id FROM turns WHERE id = 'a1'").fetchone()[0]
    summary = conn.execute("SELECT text FROM memory_summaries WHERE session_id = ?", (session,)).fetchone()
    assert summary and "Lisbon" in summary[0]
    vid = _vid(conn, "a1")
    report = forget_turns(conn, ["a1"])
    assert report.turns == 1 and report.facts >= 1
    assert conn.execute("SELECT count(*) FROM turns WHERE id = 'a1'").fetchone()[0] == 0
    assert len(_fts(conn, "Lisbon")) == 1  # only the companion's line a2 still says Lisbon
    assert _fts(conn, "sourdough")  # the rest of the index is intact
    assert conn.execute("SELECT count(*) FROM memory_vectors WHERE turn_id = 'a1'").fetchone()[0] == 0
    assert not any(f["object"] == "Bea" for f in facts(conn, include_history=True))
    assert not conn.execute("SELECT 1 FROM memory_summaries WHERE text LIKE '%Lisbon%'").fetchone()
    assert conn.execute("SELECT count(*) FROM memory_vector_tombstones").fetchone()[0] == 0
    # The saved ANN file no longer holds the vector either.
    reloaded = AnnIndex(index_path(conn))
    assert not reloaded.index.contains(vid)
    assert "a1" not in {h.id for h in search(conn, "sister moved to Lisbon new job", at=AT)}


def test_a_direct_delete_like_the_tui_forget_is_followed_by_every_index(conn) -> None:  # type: ignore[no-untyped-def]
    delete_turns(conn, ["a3"])
    assert not _fts(conn, "kayaking")
    assert conn.execute("SELECT count(*) FROM memory_vectors WHERE turn_id = 'a3'").fetchone()[0] == 0
    hits = search(conn, "kayaking on the river", at=AT)
    assert "a3" not in {h.id for h in hits}


def test_secure_forget_vacuums_and_search_still_finds_the_rest(conn) -> None:  # type: ignore[no-untyped-def]
    forget_turns(conn, ["a4", "a1"], secure=True)
    assert not _fts(conn, "sourdough")
    assert search(conn, "kayaking on the river", at=AT)[0].id == "a3"
    ids = {
        r[0]
        for r in conn.execute(
            "SELECT t.id FROM memory_fts f JOIN turns t ON t.rowid = f.rowid WHERE memory_fts MATCH 'dentist'"
        )
    }
    assert ids == {"a5", "a7"}


def test_edit_reindexes_and_rereads_facts(conn) -> None:  # type: ignore[no-untyped-def]
    edit_turn(conn, "a1", "My sister Bea moved to Porto for her new job.")
    assert not [
        r
        for r in conn.execute(
            "SELECT 1 FROM memory_fts f JOIN turns t ON t.rowid = f.rowid "
            "WHERE memory_fts MATCH 'Lisbon' AND t.id = 'a1'"
        )
    ]
    assert search(conn, "Porto", at=AT)[0].id == "a1"
    assert any(f["object"] == "Bea" for f in facts(conn))


def test_the_newest_statement_of_a_fact_wins_and_history_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = open_home(tmp_path, monkeypatch)
    rows = [
        {
            "id": "l1",
            "timestamp": "2024-01-05T10:00:00Z",
            "speaker": "me",
            "text": "I live in Bristol near the harbour.",
        },
        {
            "id": "l2",
            "timestamp": "2024-06-05T10:00:00Z",
            "speaker": "me",
            "text": "We just moved to Cardiff!",
        },
        {"id": "l3", "timestamp": "2024-02-05T10:00:00Z", "speaker": "me", "text": "I work at Initech."},
    ]
    import_jsonl(conn, write_jsonl(tmp_path / "f.jsonl", rows))
    current = {(f["relation"], f["object"]) for f in facts(conn)}
    assert ("lives_in", "Cardiff") in current and ("lives_in", "Bristol") not in current
    history = {(f["relation"], f["object"], f["current"]) for f in facts(conn, include_history=True)}
    assert ("lives_in", "Bristol", False) in history
    hits = search(conn, "where do I live now?", at=datetime(2024, 7, 1, tzinfo=UTC), k=2)
    assert hits[0].id == "l2"
    conn.close()


def test_export_then_import_keeps_facts_and_search_works(
    conn, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from os1.store.bundle import export_bundle, import_bundle

    bundle = tmp_path / "backup.os1"
    home_a = tmp_path / "home"
    export_bundle(conn, home_a, bundle)
    import zipfile

    names = zipfile.ZipFile(bundle).namelist()
    assert "tables/memory_facts.jsonl" in names and "tables/turns.jsonl" in names
    assert not any("memory_fts" in n or "memory_vectors" in n or n.startswith("files/index/") for n in names)
    other = open_home(tmp_path, monkeypatch, name="restored")
    import_bundle(other, tmp_path / "restored", bundle)
    assert any(f["object"] == "Bea" for f in facts(other))
    assert search(other, "what photos did my sister send?", at=AT)[0].id == "a6"
    assert search(other, "On May 4th, what did I do?", at=AT)[0].id == "a5"
    other.close()


def test_turns_stored_before_the_memory_migration_get_indexed(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = open_store(db, migrate=False)
    apply_migrations(conn, upto="core_0002_state")
    session = start_session(conn, at=datetime(2023, 1, 1, tzinfo=UTC))
    add_turn(
        conn,
        session,
        "person",
        "Ana",
        "I adopted a greyhound called Comet.",
        at=datetime(2023, 1, 1, tzinfo=UTC),
    )
    apply_migrations(conn)
    assert _fts(conn, "greyhound")
    assert search(conn, "my dog", at=datetime(2023, 2, 1, tzinfo=UTC))[0].text.startswith("I adopted")
    conn.close()


class RecordingMind(Provider):
    """A mind that answers 'ok' and keeps the request it was given (to look at the context)."""

    name = "recording"

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[ReplyRequest] = []

    def stream(self, request: ReplyRequest, cancel: CancelToken):  # type: ignore[no-untyped-def]
        self.requests.append(request)
        yield "ok"


def test_the_turn_pipeline_remembers_and_fills_memories_and_facts(conn) -> None:  # type: ignore[no-untyped-def]
    mind = RecordingMind()
    clock = iter([datetime(2023, 5, 20, 9, minute, tzinfo=UTC) for minute in range(60)])
    companion = Companion(conn, mind, clock=lambda: next(clock))
    # Past the first meeting: the companion has a persona and knows its person.
    save_persona(conn, Persona(name="Sam", origin="test", meaning="test", why="a test"), reason="test")
    update_person(conn, name="Ana")
    # Enough newer small talk that the story is no longer in the recent history the mind already sees.
    chat = start_session(conn, at=datetime(2023, 5, 15, tzinfo=UTC))
    for n in range(25):
        add_turn(
            conn,
            chat,
            "person",
            "Ana",
            f"Small talk number {n} about the weather.",
            at=datetime(2023, 5, 15, 10, n, tzinfo=UTC),
        )
    companion.reply("My brother Tom is visiting next week.")
    companion.reply("I keep thinking about how my sister is doing in Lisbon.")
    request = mind.requests[-1]
    assert {m["id"] for m in request.context["memories"]} & {"a1", "a6"}
    known = {(f["relation"], f["object"]) for f in request.context["facts"]}
    assert ("sister", "Bea") in known and ("brother", "Tom") in known
