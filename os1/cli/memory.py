"""`os1 memory ...`: import conversations, search them, look at, correct and forget single memories."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from os1.terminal import echo, json_text


def _parse_at(value: str | None) -> datetime | None:
    if value is None or value.strip().lower() == "now":
        return None
    from os1.errors import UserInputError
    from os1.memory.timeparse import parse_timestamp

    moment = parse_timestamp(value)
    if moment is None:
        raise UserInputError(
            f"--at {value!r} is not a time OS1 understands.",
            "Use ISO 8601 (2023-05-08T14:00) or a form like '1:56 pm on 8 May, 2023'.",
        )
    return moment


@click.group("memory")
def memory_group() -> None:
    """Everything you told OS1: import, search, show, edit and forget.

    \b
    Examples:
      os1 memory import chats.jsonl
      os1 memory search "what did I say about my sister" -k 5
      os1 memory list -n 10
      os1 memory forget 3f2a9c...
    """


@memory_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--skip-bad", is_flag=True, help="Import the good lines and list the bad ones (default: all or nothing).")
@click.option("--me", "me", multiple=True, help="Speaker name that is you (role person). Repeatable.")
@click.option("--companion", "companions", multiple=True, help="Speaker name that is the companion. Repeatable.")
@click.option("--user", "users", multiple=True, help="MemoryBank only: import just this user. Repeatable.")
@click.option("--no-embed", is_flag=True, help="Skip embedding now (search embeds queued turns as it goes).")
@click.option("--json", "as_json", is_flag=True, help="Print the report (with every id) as JSON.")
def import_command(
    file: Path,
    skip_bad: bool,
    me: tuple[str, ...],
    companions: tuple[str, ...],
    users: tuple[str, ...],
    no_embed: bool,
    as_json: bool,
) -> None:
    """Import conversations from FILE into memory.

    FILE is JSON Lines, one turn per line (or a chat export, below):

    \b
      {"id": "t1", "conversation": "c1", "timestamp": "1:56 pm on 8 May, 2023",
       "speaker": "Ana", "text": "My sister Bea moved to Lisbon."}

    `id` and `conversation` are optional; given ids are kept and reported.
    Timestamps: ISO 8601 or common human forms. A file with any bad line is
    not imported at all (the bad lines are listed with their numbers) unless
    --skip-bad. MemoryBank's memory_bank_en.json is recognised too.

    Chat exports are recognised by their content: a WhatsApp or Signal
    text export, Telegram Desktop's result.json, or a CSV with timestamp,
    speaker and text columns. --me says which sender is you. Importing the
    same export again adds only messages not yet in memory.

    \b
    Examples:
      os1 memory import chats.jsonl --me Ana
      os1 memory import "WhatsApp Chat with Dana.txt" --me Ana
      os1 memory import chats.jsonl --skip-bad --json > report.json
      os1 memory import memory_bank_en.json --user Emily
    """
    from os1.errors import UserInputError
    from os1.memory.chatformats import UNKNOWN_FORMAT, detect_format
    from os1.memory.importer import import_chat_export, import_jsonl, import_memorybank
    from os1.memory.vectors import index_pending, pending_count, vector_index
    from os1.store import open_store

    if not file.exists():
        raise UserInputError(f"{file} does not exist.", "Check the path of the file to import.")
    fmt = detect_format(file)
    if fmt is None:
        raise UserInputError(UNKNOWN_FORMAT.format(path=file))
    conn = open_store()
    try:
        total = sum(1 for _ in file.open(encoding="utf-8", errors="replace"))
        with click.progressbar(length=max(total, 1), label="Importing", file=sys.stderr) as bar:
            if fmt in ("whatsapp", "telegram", "csv"):
                report = import_chat_export(
                    conn,
                    file,
                    fmt,
                    skip_bad=skip_bad,
                    me=set(me),
                    companion_names=set(companions),
                    progress=bar.update,
                )
            elif fmt == "memorybank":
                report = import_memorybank(conn, file, users=set(users) or None, skip_bad=skip_bad, progress=bar.update)
            else:
                report = import_jsonl(
                    conn,
                    file,
                    skip_bad=skip_bad,
                    me=set(me),
                    companion_names=set(companions),
                    progress=bar.update,
                )
        if not no_embed:
            waiting = pending_count(conn)
            if waiting:
                with click.progressbar(length=waiting, label="Embedding", file=sys.stderr) as bar:
                    index_pending(conn, progress=bar.update)
            vector_index(conn).save(conn)
    finally:
        conn.close()
    if as_json:
        echo(json_text(report.to_dict()))
        return
    given = sum(1 for _, _, g in report.ids if g)
    echo(
        f"Imported {report.imported:,} turns into {report.sessions} new conversation(s) from {file} "
        f"({given:,} with their own ids kept, {report.imported - given:,} given new ids); "
        f"{report.facts} facts noted."
        + (f" {report.already:,} already in memory, left as they were." if report.already else "")
    )
    for line, tid, was_given in report.ids[:5]:
        echo(f"  line {line}: {tid}{'' if was_given else ' (new id)'}")
    if len(report.ids) > 5:
        echo(f"  … ({len(report.ids) - 5:,} more; --json lists every id)")
    if report.skipped:
        echo(f"Skipped {report.skipped} bad line(s):", err=True)
        for problem in report.problems[:20]:
            echo(f"  {problem}", err=True)
        if report.unknown_timestamps:
            echo(
                "Unknown timestamp formats: " + ", ".join(repr(t) for t in report.unknown_timestamps[:10]),
                err=True,
            )


def _result(hit: Any) -> dict[str, Any]:
    data: dict[str, Any] = hit.to_dict()
    return {key: data[key] for key in ("id", "text", "timestamp", "speaker", "role", "score", "why")}


@memory_group.command("search")
@click.argument("query", required=False)
@click.option("-k", "k", default=10, show_default=True, type=click.IntRange(1, 1000), help="How many results.")
@click.option("--at", "at", help="Ask as if at this time (relative words like 'last weekend' use it).")
@click.option("--speaker", type=click.Choice(["person", "companion"]), help="Prefer what this side said.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object with the ranked results.")
@click.option(
    "--queries",
    type=click.Path(dir_okay=False, path_type=Path),
    help='Batch: JSONL of {"id", "query", "at"}; prints one JSON line per query.',
)
def search_command(
    query: str | None, k: int, at: str | None, speaker: str | None, as_json: bool, queries: Path | None
) -> None:
    """Search everything remembered for QUERY (words, meaning and time).

    \b
    Examples:
      os1 memory search "my sister's new job"
      os1 memory search "what did I do last weekend" --at 2023-05-08 -k 5
      os1 memory search "when did I mention the interview" --json
      os1 memory search --queries questions.jsonl > answers.jsonl
    """
    from os1.errors import UserInputError
    from os1.memory.search import MAX_QUERY_CHARS, search
    from os1.store import open_store

    if queries is None and query is None:
        raise UserInputError("Give a QUERY or --queries FILE.", 'Example: os1 memory search "my sister"')
    conn = open_store()
    try:
        if queries is not None:
            _batch(conn, queries, k, speaker)
            return
        assert query is not None
        if len(query) > MAX_QUERY_CHARS:
            echo(
                f"(The query is {len(query):,} characters; searching with its first {MAX_QUERY_CHARS:,}.)",
                err=True,
            )
        hits = search(conn, query, k=k, at=_parse_at(at), speaker=speaker)
    finally:
        conn.close()
    if as_json:
        echo(
            json_text({"query": query[:200], "results": [_result(h) for h in hits]})
        )
        return
    if not hits:
        echo("Nothing remembered matches that.")
    for rank, hit in enumerate(hits, start=1):
        when = hit.ts.strftime("%Y-%m-%d %H:%M")
        echo(f"{rank:>2}. [{when}] {hit.speaker}: {hit.text}")
        echo(f"    id {hit.id}  score {hit.score:.3f}  ({', '.join(hit.why)})")


def _batch(conn: Any, path: Path, k: int, speaker: str | None) -> None:
    from os1.errors import OS1Error
    from os1.memory.search import search
    from os1.memory.vectors import index_pending

    if not path.exists():
        from os1.errors import UserInputError

        raise UserInputError(f"{path} does not exist.", "Check the path of the queries file.")
    index_pending(conn)
    from os1.jsonsafe import loads, open_text

    with open_text(path) as handle:  # a BOM is accepted; depth and number size are capped
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            qid: Any = None
            try:
                item = loads(line)
                if not isinstance(item, dict):
                    raise ValueError("not a JSON object")
                qid = item.get("id", number)
                hits = search(
                    conn,
                    str(item.get("query") or ""),
                    k=k,
                    at=_parse_at(item.get("at")),
                    speaker=speaker,
                    embed_pending=False,
                )
                out: dict[str, Any] = {"id": qid, "results": [_result(h) for h in hits]}
            except (ValueError, OS1Error) as exc:
                message = exc.message if isinstance(exc, OS1Error) else str(exc)
                out = {
                    "id": qid if qid is not None else number,
                    "line": number,
                    "error": message,
                    "results": [],
                }
            echo(json_text(out))


@memory_group.command("list")
@click.option("-n", "limit", default=20, show_default=True, type=click.IntRange(1, 100000), help="How many.")
@click.option("--offset", default=0, type=click.IntRange(0), help="Skip this many newest first.")
@click.option("--role", type=click.Choice(["person", "companion", "other"]), help="Only this side.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def list_command(limit: int, offset: int, role: str | None, as_json: bool) -> None:
    """List remembered turns, newest first.

    \b
    Examples:
      os1 memory list
      os1 memory list -n 50 --role person --json
    """
    from os1.memory.manage import list_turns
    from os1.store import open_store

    conn = open_store()
    try:
        rows = list_turns(conn, limit=limit, offset=offset, role=role)
    finally:
        conn.close()
    for row in rows:
        if as_json:
            echo(
                json_text(
                    {
                        "id": row["id"],
                        "timestamp": row["ts"],
                        "speaker": row["speaker"],
                        "role": row["role"],
                        "text": row["text"],
                    },
                )
            )
        else:
            text = row["text"] if len(row["text"]) <= 100 else row["text"][:99] + "…"
            echo(f"{row['id']}  {row['ts'][:16].replace('T', ' ')}  {row['speaker']}: {text}")


@memory_group.command("show")
@click.argument("turn_id")
@click.option("--json", "as_json", is_flag=True, help="As one JSON object.")
def show_command(turn_id: str, as_json: bool) -> None:
    """Show one memory in full, with the facts drawn from it.

    \b
    Examples:
      os1 memory show 3f2a9c...
      os1 memory show 3f2a9c... --json
    """
    from os1.clock import to_iso
    from os1.memory.manage import facts_from_turn, require_turn
    from os1.store import open_store

    conn = open_store()
    try:
        turn = require_turn(conn, turn_id)
        facts = facts_from_turn(conn, turn_id)
    finally:
        conn.close()
    fact_list = [
        {
            "subject": f["subject"],
            "relation": f["relation"],
            "object": f["object"],
            "current": bool(f["current"]),
        }
        for f in facts
    ]
    if as_json:
        echo(
            json_text(
                {
                    "id": turn.id,
                    "timestamp": to_iso(turn.ts),
                    "speaker": turn.speaker,
                    "role": turn.role,
                    "session": turn.session_id,
                    "text": turn.text,
                    "facts": fact_list,
                },
            )
        )
        return
    echo(
        f"id:       {turn.id}\nwhen:     {to_iso(turn.ts)}\n"
        f"speaker:  {turn.speaker} ({turn.role})\n\n{turn.text}"
    )
    for fact in fact_list:
        echo(
            f"fact: {fact['subject']} {fact['relation']} {fact['object']}"
            + ("" if fact["current"] else " (replaced)")
        )


@memory_group.command("edit")
@click.argument("turn_id")
@click.argument("text")
def edit_command(turn_id: str, text: str) -> None:
    """Correct what a memory says (its indexes and facts follow).

    \b
    Examples:
      os1 memory edit 3f2a9c... "My sister Bea moved to Porto, not Lisbon."
      os1 memory edit 3f2a9c... "We met in 2019."
    """
    from os1.memory.manage import edit_turn
    from os1.store import open_store

    conn = open_store()
    try:
        edit_turn(conn, turn_id, text)
    finally:
        conn.close()
    echo(f"Updated {turn_id}.")


@memory_group.command("forget")
@click.argument("turn_ids", nargs=-1, required=True)
@click.option("--secure/--no-secure", default=None,
              help="Overwrite freed space, compact the database and rebuild its indexes (the default for "
                   "one memory; for several, ask for it).")
def forget_command(turn_ids: tuple[str, ...], secure: bool | None) -> None:
    """Forget memories for good: the turn, what was drawn from it (facts, people notes, the mood's
    reasons, topics, threads), the companion's replies that quoted it, and its index entries.

    \b
    Examples:
      os1 memory forget 3f2a9c...
      os1 memory forget 3f2a9c... 77b01e... --secure
    """
    from os1.memory.manage import forget_turns
    from os1.store import open_store

    conn = open_store()
    try:
        report = forget_turns(conn, list(turn_ids), secure=secure)
    finally:
        conn.close()
    others = sum(report.derived.values())
    extra = f" and {others} other thing(s) drawn from them" if others else ""
    done = " Freed space was overwritten and the database compacted." if report.secure else ""
    echo(f"Forgot {report.turns} memory(ies), {report.facts} fact(s){extra}.{done}")


@memory_group.command("facts")
@click.option("--all", "include_history", is_flag=True, help="Include values that were replaced later.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def facts_command(include_history: bool, as_json: bool) -> None:
    """List what OS1 has understood about you and your people.

    \b
    Examples:
      os1 memory facts
      os1 memory facts --all --json
    """
    from os1.memory.facts import facts
    from os1.store import open_store

    conn = open_store()
    try:
        rows = facts(conn, include_history=include_history)
    finally:
        conn.close()
    for fact in rows:
        if as_json:
            echo(json_text(fact))
        else:
            note = "" if fact["current"] else " (replaced)"
            echo(
                f"{fact['subject']} · {fact['relation']} · {fact['object']}{note}  "
                f"(first {fact['first_said'][:10]}, last {fact['last_said'][:10]})"
            )
