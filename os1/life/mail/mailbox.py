"""Mail accounts, syncing them into the store with triage, the digest, and confirmed actions.

Accounts live in config.toml under `mail.accounts.<name>` (kind imap|maildir|mbox plus its settings);
IMAP passwords live in the home's secrets file (mode 0600), never in config. Sync is incremental for
IMAP (by UID). Archiving or deleting happens only through `apply_action`, which the CLI calls after the
person confirms, and is a real operation on the server (MOVE, or \\Deleted + EXPUNGE) or the Maildir.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from os1.clock import to_iso
from os1.errors import UserInputError
from os1.home import get_setting, set_setting
from os1.life.mail.message import first_sentences, parse_prefix, snippet
from os1.life.mail.sources import ImapAccount, RawMail, connect_imap, read_imap, read_maildir, read_mbox
from os1.life.mail.triage import CATEGORIES, triage
from os1.store.db import transaction

SYNC_BATCH = 500


@dataclass(frozen=True)
class SyncReport:
    account: str
    added: int
    categories: dict[str, int]


def accounts() -> dict[str, dict[str, Any]]:
    found = get_setting("mail.accounts", {})
    return found if isinstance(found, dict) else {}


def account(name: str | None) -> tuple[str, dict[str, Any]]:
    known = accounts()
    if not known:
        raise UserInputError(
            "No mail is connected yet.",
            "Connect with `os1 mail connect --imap HOST --user NAME`, `--maildir PATH` or `--mbox PATH`.",
        )
    if name is None:
        if len(known) > 1:
            raise UserInputError(
                "Several mail accounts are connected.", f"Choose one with --account ({', '.join(known)})."
            )
        name = next(iter(known))
    if name not in known:
        raise UserInputError(f"There is no mail account '{name}'.", f"Connected: {', '.join(known)}.")
    return name, known[name]


def save_account(name: str, settings: dict[str, Any]) -> None:
    set_setting(f"mail.accounts.{name}", settings)


def _known_senders(conn: sqlite3.Connection) -> set[str]:
    senders: set[str] = set()
    for (emails,) in conn.execute("SELECT emails FROM people"):
        senders.update(address.lower() for address in json.loads(emails))
    return senders


def _raw_messages(name: str, settings: dict[str, Any], password: str | None, after_uid: int) -> Iterator[RawMail]:
    kind = settings.get("kind")
    if kind == "maildir":
        yield from read_maildir(Path(settings["path"]))
    elif kind == "mbox":
        yield from read_mbox(Path(settings["path"]))
    elif kind == "imap":
        if not password:
            raise UserInputError(f"The password for {name} is missing.", "Run `os1 mail connect` again.")
        client = connect_imap(_imap(settings), password)
        try:
            yield from read_imap(client, settings.get("folder", "INBOX"), after_uid)
        finally:
            with contextlib.suppress(Exception):  # the server may already have closed the connection
                client.logout()
    else:
        raise UserInputError(f"Mail account '{name}' has an unknown kind '{kind}'.", "Connect it again.")


def _imap(settings: dict[str, Any]) -> ImapAccount:
    return ImapAccount(settings["host"], settings["user"], int(settings.get("port", 993)),
                       settings.get("security", "ssl"), settings.get("folder", "INBOX"))


def sync(conn: sqlite3.Connection, name: str, settings: dict[str, Any], password: str | None = None) -> SyncReport:
    """Read new messages, triage them, store them; return counts by category."""
    row = conn.execute(
        "SELECT max(CAST(uid AS INTEGER)) FROM mail_messages WHERE account = ?", (name,)).fetchone()
    after = int(row[0] or 0) if settings.get("kind") == "imap" else 0
    known = _known_senders(conn)
    counts: Counter[str] = Counter()
    added = 0
    batch: list[tuple[Any, ...]] = []
    for raw in _raw_messages(name, settings, password, after):
        fields = parse_prefix(raw.prefix)
        category, reasons = triage(fields, known)
        batch.append((name, raw.folder, raw.uid, fields.message_id, fields.from_addr, fields.from_name,
                      json.dumps(fields.to_addrs), fields.subject, to_iso(fields.sent_at) if fields.sent_at else None,
                      raw.size, json.dumps(fields.headers), snippet(fields.body), category, json.dumps(reasons)))
        counts[category] += 1
        if len(batch) >= SYNC_BATCH:
            added += _store(conn, batch)
    added += _store(conn, batch)
    return SyncReport(name, added, dict(counts))


def _store(conn: sqlite3.Connection, batch: list[tuple[Any, ...]]) -> int:
    if not batch:
        return 0
    with transaction(conn):
        before = conn.total_changes
        conn.executemany(
            "INSERT OR IGNORE INTO mail_messages (account, folder, uid, message_id, from_addr, from_name, to_addrs, "
            "subject, sent_at, size, headers, snippet, category, reasons) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
        added = conn.total_changes - before
    batch.clear()
    return added


@dataclass(frozen=True)
class Digest:
    total: int
    counts: dict[str, int]
    important: list[tuple[str, str, str]]  # sender, subject, summary

    def render(self) -> str:
        keep = self.counts.get("important", 0) + self.counts.get("people", 0)
        lines = [f"{self.total:,} emails; {keep:,} seem worth keeping."]
        lines.append("  " + ", ".join(f"{self.counts.get(c, 0):,} {c}" for c in CATEGORIES))
        for sender, subject, summary in self.important:
            lines.append(f"• {sender}: {subject}")
            if summary:
                lines.append(f"    {summary}")
        return "\n".join(lines)


def digest(conn: sqlite3.Connection, name: str, limit: int = 10) -> Digest:
    counts = dict(conn.execute(
        "SELECT category, count(*) FROM mail_messages WHERE account = ? AND state = 'inbox' GROUP BY category",
        (name,)).fetchall())
    rows = conn.execute(
        "SELECT from_name, subject, snippet FROM mail_messages WHERE account = ? AND state = 'inbox' "
        "AND category IN ('important', 'people') ORDER BY category = 'people' DESC, sent_at DESC LIMIT ?",
        (name, limit)).fetchall()
    return Digest(sum(counts.values()), counts,
                  [(sender, subject, first_sentences(text or "")) for sender, subject, text in rows])


def messages_in(conn: sqlite3.Connection, name: str, category: str) -> list[tuple[int, str, str]]:
    """(row id, uid, subject) of inbox messages in a category."""
    if category not in CATEGORIES:
        raise UserInputError(f"'{category}' is not a mail category.", f"Use one of: {', '.join(CATEGORIES)}.")
    return [(r[0], r[1], r[2]) for r in conn.execute(
        "SELECT id, uid, subject FROM mail_messages WHERE account = ? AND category = ? AND state = 'inbox'",
        (name, category))]


def apply_action(conn: sqlite3.Connection, name: str, settings: dict[str, Any], action: str,
                 messages: Iterable[tuple[int, str, str]], password: str | None = None,
                 archive_folder: str = "Archive") -> int:
    """Archive or delete messages for real. Call only after the person has confirmed."""
    chosen = list(messages)
    if action not in ("archive", "delete"):
        raise UserInputError(f"Unknown mail action '{action}'.", "Use archive or delete.")
    if not chosen:
        return 0
    kind = settings.get("kind")
    uids = [uid for _, uid, _ in chosen]
    if kind == "imap":
        if not password:
            raise UserInputError(f"The password for {name} is missing.", "Run `os1 mail connect` again.")
        client = connect_imap(_imap(settings), password)
        try:
            client.select_folder(settings.get("folder", "INBOX"))
            numeric = [int(uid) for uid in uids]
            if action == "archive":
                if not client.folder_exists(archive_folder):
                    client.create_folder(archive_folder)
                client.move(numeric, archive_folder)
            else:
                client.delete_messages(numeric)
                client.expunge(numeric)
        finally:
            client.logout()
    elif kind == "maildir":
        _maildir_action(Path(settings["path"]), uids, action, archive_folder)
    else:
        raise UserInputError("An mbox file is read-only to OS1.", "Archive or delete in your mail program instead.")
    with transaction(conn):
        conn.executemany("UPDATE mail_messages SET state = ? WHERE id = ?",
                         [("archived" if action == "archive" else "deleted", row_id) for row_id, _, _ in chosen])
    return len(chosen)


def _maildir_action(root: Path, uids: list[str], action: str, archive_folder: str) -> None:
    wanted = set(uids)
    target = root / f".{archive_folder}"
    if action == "archive":
        for sub in ("cur", "new", "tmp"):
            (target / sub).mkdir(parents=True, exist_ok=True)
    for sub in ("new", "cur"):
        folder = root / sub
        if not folder.is_dir():
            continue
        for entry in folder.iterdir():
            if entry.name.split(":")[0] in wanted:
                if action == "archive":
                    entry.rename(target / sub / entry.name)
                else:
                    entry.unlink()
