"""Looking at, correcting and forgetting single memories.

Forgetting is the one deletion path every front end uses (`os1 memory forget`, the web's DELETE
/api/memory/ID, `/forget` in the window and in line mode through `forget_last`). It follows a turn
into everything derived from it:
- the schema's triggers drop it from the full-text index, its vector, facts that rested only on it,
  its dates and its session's summary;
- rows that name it by id: the affect log's reasons (the row's numbers stay: the mood itself is not a
  secret), open threads, known topics, notes and contacts in the people map;
- the companion's direct replies to it that quote it;
- its *secret words*: words of the forgotten turns that no remaining person turn uses. Any derived
  text (affect reasons, threads, topics, people notes and contacts, facts, nudges) still holding one
  goes, and so does a person the conversation alone added whose name only the forgotten turns said.
`secure` (the default for a single turn) then makes the bytes go too: PRAGMA secure_delete zeroes
freed space, the full-text index is merged (FTS5 'optimize': deleted entries otherwise live on in old
segments), VACUUM rewrites the file, the full-text index is rebuilt (VACUUM may renumber rowids), the
WAL is checkpointed and truncated, and the ANN index file is rebuilt from scratch (HNSW removal only
marks a node).
What this module leaves out: searching (os1.memory.search); reminders the person set (they are
deleted with `os1 remind`, not by forgetting what was said).
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from os1.errors import UserInputError
from os1.memory.facts import remember_facts
from os1.store.conversation import Turn, get_turn
from os1.store.db import transaction


@dataclass(frozen=True)
class ForgetReport:
    """What one forget removed: turns (including the companion's replies that quoted them), facts,
    and rows of other derived tables by table name."""

    turns: int
    facts: int
    derived: dict[str, int] = field(default_factory=dict)
    secure: bool = False
    text: str = ""  # the (first) forgotten person turn's words, for a front end's confirmation


def require_turn(conn: sqlite3.Connection, turn_id: str) -> Turn:
    turn = get_turn(conn, turn_id)
    if turn is None:
        raise UserInputError(
            f"No memory has the id {turn_id!r}.", "Find ids with `os1 memory list` or `os1 memory search`."
        )
    return turn


def list_turns(
    conn: sqlite3.Connection, *, limit: int = 20, offset: int = 0, role: str | None = None
) -> list[sqlite3.Row]:
    """Most recent turns first."""
    sql = "SELECT id, ts, speaker, role, text FROM turns"
    args: list[Any] = []
    if role:
        sql += " WHERE role = ?"
        args.append(role)
    sql += " ORDER BY ts DESC, rowid DESC LIMIT ? OFFSET ?"
    return conn.execute(sql, [*args, limit, offset]).fetchall()


def facts_from_turn(conn: sqlite3.Connection, turn_id: str) -> list[sqlite3.Row]:
    return conn.execute(
        "SELECT f.id, f.subject, f.relation, f.object, f.current FROM memory_facts f "
        "JOIN memory_fact_sources s ON s.fact_id = f.id WHERE s.turn_id = ?",
        (turn_id,),
    ).fetchall()


def edit_turn(conn: sqlite3.Connection, turn_id: str, text: str) -> Turn:
    """Correct what a turn says; its indexes follow and its facts are read again."""
    turn = require_turn(conn, turn_id)
    if not text.strip():
        raise UserInputError("The new text is empty.", "To remove a memory use `os1 memory forget ID`.")
    with transaction(conn):
        conn.execute("UPDATE turns SET text = ? WHERE id = ?", (text, turn_id))
        # Facts that rested only on the old words go; the new words are read afresh.
        conn.execute(
            "DELETE FROM memory_facts "
            "WHERE id IN (SELECT fact_id FROM memory_fact_sources WHERE turn_id = ?) "
            "AND NOT EXISTS (SELECT 1 FROM memory_fact_sources s "
            "                WHERE s.fact_id = memory_facts.id AND s.turn_id != ?)",
            (turn_id, turn_id),
        )
        conn.execute("DELETE FROM memory_fact_sources WHERE turn_id = ?", (turn_id,))
        conn.execute("DELETE FROM memory_dates WHERE turn_id = ?", (turn_id,))
        if turn.role == "person":
            remember_facts(conn, turn_id, text, turn.ts)
    updated = get_turn(conn, turn_id)
    assert updated is not None
    return updated


# Words too common to count as anything's secret (they stay in canned replies and other turns anyway).
_COMMON_WORDS = (
    "the and for are but not you your yours with this that have had has was were will would could "
    "should about what when where which who whom why how all any can did does just like really very "
    "them they their there then than from into onto over under been being some more most much many "
    "also only even she her hers him his its our ours out off too yes okay well want wanted know "
    "think feel felt said say tell told today tomorrow yesterday"
)
_COMMON = frozenset(_COMMON_WORDS.split())
_WORD = re.compile(r"[^\W\d_][\w'’-]{2,}", re.UNICODE)


def words_of(text: str) -> set[str]:
    """Lower-case words of three letters or more, minus the most common ones."""
    return {w.lower().strip("'’-") for w in _WORD.findall(text)} - _COMMON


def secret_words(conn: sqlite3.Connection, forgotten: Iterable[str], keep_ids: Iterable[str] = ()) -> set[str]:
    """Words of the `forgotten` texts that no other person (or other-speaker) turn uses.

    The companion's turns are not evidence: it only repeats what it was told. Looked up through the
    full-text index (stemmed, so "worried" in another turn also keeps "worry": errs towards keeping)."""
    words: set[str] = set()
    for text in forgotten:
        words |= words_of(text)
    skip = sorted(set(keep_ids))
    marks = ",".join("?" * len(skip))
    secret = set()
    for word in sorted(words):
        query = '"' + word.replace('"', '""') + '"'
        try:
            row = conn.execute(
                "SELECT 1 FROM memory_fts f JOIN turns t ON t.rowid = f.rowid "
                f"WHERE memory_fts MATCH ? AND t.role != 'companion' AND t.id NOT IN ({marks}) LIMIT 1",
                [query, *skip],
            ).fetchone()
        except sqlite3.OperationalError:  # a word FTS5 cannot query: decide by a plain scan
            row = conn.execute(
                f"SELECT 1 FROM turns WHERE role != 'companion' AND id NOT IN ({marks}) "
                "AND instr(lower(text), ?) LIMIT 1",
                [*skip, word],
            ).fetchone()
        if row is None:
            secret.add(word)
    return secret


def _holds(text: str | None, secret: set[str]) -> bool:
    return bool(text) and bool(words_of(str(text)) & secret)


def _quoting_replies(conn: sqlite3.Connection, turn_ids: list[str], secret: set[str]) -> list[str]:
    """The companion's direct replies to the forgotten turns that repeat one of their secret words."""
    marks = ",".join("?" * len(turn_ids))
    rows = conn.execute(
        f"SELECT id, text FROM turns WHERE role = 'companion' AND json_extract(meta, '$.reply_to') IN ({marks})",
        turn_ids,
    ).fetchall()
    return [row[0] for row in rows if _holds(row[1], secret)]


def _table_exists(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def _candidates(columns: tuple[str, ...], ids: set[str], secret: set[str], *, by_turn: bool) -> tuple[str, list[Any]]:
    """A WHERE clause that narrows a scan to rows naming a forgotten turn or containing a secret word
    as a substring (the exact word test follows in Python): a forget stays quick on a large log."""
    parts: list[str] = []
    args: list[Any] = []
    if by_turn and ids:
        parts.append(f"turn_id IN ({','.join('?' * len(ids))})")
        args.extend(sorted(ids))
    for column in columns:
        for word in sorted(secret):
            parts.append(f"instr(lower({column}), ?)")
            args.append(word)
            if not word.isascii():  # SQLite's lower() folds ASCII only: look for the usual cases too
                for variant in {word.capitalize(), word.upper()} - {word}:
                    parts.append(f"instr({column}, ?)")
                    args.append(variant)
    return (" WHERE " + " OR ".join(parts)) if parts else " WHERE 0", args


def _scrub_affect(conn: sqlite3.Connection, ids: set[str], secret: set[str]) -> int:
    """Drop the reasons that quote a forgotten turn; the mood's numbers stay."""
    changed = 0
    where, args = _candidates(("reasons",), ids, secret, by_turn=True)
    for row in conn.execute("SELECT id, reasons, turn_id FROM affect_log" + where, args).fetchall():
        reasons = json.loads(row[1] or "[]")
        if row[2] in ids:
            kept: list[Any] = []
        else:
            kept = [r for r in reasons if not (isinstance(r, dict) and _holds(str(r.get("because", "")), secret))]
        if len(kept) != len(reasons) or row[2] in ids:
            conn.execute("UPDATE affect_log SET reasons = ?, turn_id = NULL WHERE id = ?",
                         (json.dumps(kept), row[0]))  # fmt: skip
            changed += 1
    return changed


def _delete_rows(conn: sqlite3.Connection, table: str, text_columns: tuple[str, ...], key: str,
                 ids: set[str], secret: set[str], *, by_turn: bool = True) -> int:
    """Delete rows of `table` that name a forgotten turn or hold a secret word in a text column."""
    if not _table_exists(conn, table):
        return 0
    columns = ", ".join((key, *(["turn_id"] if by_turn else []), *text_columns))
    where, args = _candidates(text_columns, ids, secret, by_turn=by_turn)
    doomed = []
    for row in conn.execute(f"SELECT {columns} FROM {table}{where}", args).fetchall():
        values = list(row)
        turn = values[1] if by_turn else None
        texts = values[2:] if by_turn else values[1:]
        if (turn is not None and turn in ids) or any(_holds(t, secret) for t in texts):
            doomed.append(values[0])
    for key_value in doomed:
        conn.execute(f"DELETE FROM {table} WHERE {key} = ?", (key_value,))
    return len(doomed)


def _forget_people(conn: sqlite3.Connection, secret: set[str]) -> int:
    """People the conversation alone added whose name only the forgotten turns said, with nothing
    else left about them (their dates and nudges go by ON DELETE CASCADE)."""
    if not _table_exists(conn, "people"):
        return 0
    doomed = []
    for row in conn.execute("SELECT id, name, surname, nickname FROM people WHERE source = 'conversation'"):
        names = {w for w in (row[1], row[2], row[3]) if w}
        if not names or not any(words_of(n) & secret for n in names):
            continue
        left = conn.execute(
            "SELECT (SELECT count(*) FROM contacts WHERE person_id = ?) + "
            "(SELECT count(*) FROM person_notes WHERE person_id = ?)", (row[0], row[0])).fetchone()[0]
        if not left:
            doomed.append(row[0])
    for person_id in doomed:
        conn.execute("DELETE FROM people WHERE id = ?", (person_id,))
    return len(doomed)


def _forget_derived(conn: sqlite3.Connection, ids: set[str], secret: set[str]) -> dict[str, int]:
    derived = {"affect_log": _scrub_affect(conn, ids, secret) if _table_exists(conn, "affect_log") else 0}
    derived["open_threads"] = _delete_rows(conn, "open_threads", ("subject", "said"), "id", ids, secret)
    derived["known_topics"] = _delete_rows(conn, "known_topics", ("detail",), "rowid", ids, secret)
    derived["person_notes"] = _delete_rows(conn, "person_notes", ("text",), "id", ids, secret)
    derived["contacts"] = _delete_rows(conn, "contacts", ("note",), "id", ids, secret)
    derived["nudges"] = _delete_rows(conn, "nudges", ("text",), "id", ids, secret, by_turn=False)
    # Facts that rested on the turns went with them (trigger); a fact still quoting a secret word
    # (said again in a turn that was also forgotten, or copied by a provider) goes too.
    derived["memory_facts"] = _delete_rows(conn, "memory_facts", ("subject", "object"), "id", ids, secret,
                                           by_turn=False)  # fmt: skip
    derived["people"] = _forget_people(conn, secret)
    return {table: n for table, n in derived.items() if n}


def forget_turns(conn: sqlite3.Connection, turn_ids: list[str], *, secure: bool | None = None) -> ForgetReport:
    """Delete turns and everything derived from them (see the module's docstring), in one transaction.

    `secure=None` means secure for a single turn (one VACUUM is cheap; many forgets in a row can ask
    for it once at the end)."""
    from os1.memory.vectors import vector_index

    turns = [require_turn(conn, turn_id) for turn_id in dict.fromkeys(turn_ids)]
    secure = len(turns) == 1 if secure is None else secure
    ids = [t.id for t in turns]
    facts_before = int(conn.execute("SELECT count(*) FROM memory_facts").fetchone()[0])
    # Always: freed pages and deleted cells are zeroed, not merely unlinked.
    conn.execute("PRAGMA secure_delete = ON")
    with transaction(conn):
        # The secret is what the person (or someone imported) said; the companion's own words are not.
        secret = secret_words(conn, [t.text for t in turns if t.role != "companion"], keep_ids=ids)
        doomed = ids + [r for r in _quoting_replies(conn, ids, secret) if r not in ids]
        derived = _forget_derived(conn, set(doomed), secret)
        deleted = 0
        for turn_id in doomed:
            deleted += conn.execute("DELETE FROM turns WHERE id = ?", (turn_id,)).rowcount
        # Merge the full-text segments so the deleted entries' words leave the index's pages.
        conn.execute("INSERT INTO memory_fts (memory_fts) VALUES ('optimize')")
    facts_after = int(conn.execute("SELECT count(*) FROM memory_facts").fetchone()[0])
    derived.pop("memory_facts", None)
    ann = vector_index(conn)  # applies the tombstones
    ann.save(conn)
    if secure:
        secure_compact(conn)
    first_person = next((t.text for t in turns if t.role == "person"), turns[0].text if turns else "")
    return ForgetReport(turns=deleted, facts=facts_before - facts_after, derived=derived, secure=secure,
                        text=first_person)  # fmt: skip


def secure_compact(conn: sqlite3.Connection) -> None:
    """Make deleted words unrecoverable from the files: rebuild the ANN file, VACUUM, rebuild the
    full-text index, checkpoint and truncate the WAL."""
    from os1.memory.schema import rebuild_fts
    from os1.memory.vectors import drop_index_file, vector_index

    # A rebuilt index file holds no trace of removed vectors (HNSW removal only marks them).
    drop_index_file(conn)
    vector_index(conn).save(conn)
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("VACUUM")
    with transaction(conn):
        rebuild_fts(conn)
        conn.execute("INSERT INTO memory_fts (memory_fts) VALUES ('optimize')")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def forget_last(conn: sqlite3.Connection, session_id: int | None = None) -> ForgetReport | None:
    """`/forget` in any front end: the person's last turn (in `session_id`, or anywhere) and what was
    derived from it, securely. None when there is nothing of theirs to forget."""
    sql = "SELECT id FROM turns WHERE role = 'person'"
    args: list[Any] = []
    if session_id is not None:
        sql += " AND session_id = ?"
        args.append(session_id)
    row = conn.execute(sql + " ORDER BY ts DESC, rowid DESC LIMIT 1", args).fetchone()
    if row is None:
        return None
    # "/forget" forgets the exchange: the companion's replies to it go too, quoting or not.
    replies = [r[0] for r in conn.execute(
        "SELECT id FROM turns WHERE role = 'companion' AND json_extract(meta, '$.reply_to') = ?", (row[0],))]
    return forget_turns(conn, [row[0], *replies], secure=True)
