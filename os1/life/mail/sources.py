"""Where mail comes from: an IMAP account, a local Maildir, or an mbox file.

Each source yields `RawMail` — an id stable within its folder and the first `PREFIX_BYTES` of the raw
message — so memory stays flat however large the mailbox or its attachments. IMAP uses BODY.PEEK so
reading never marks anything as seen.
"""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from os1.errors import OS1Error, UserInputError
from os1.life.mail.message import PREFIX_BYTES

IMAP_BATCH = 200
IMAP_TIMEOUT = 30


class MailServerError(OS1Error):
    """The mail server could not be reached or refused us."""


@dataclass(frozen=True)
class RawMail:
    folder: str
    uid: str
    size: int
    prefix: bytes


@dataclass(frozen=True)
class ImapAccount:
    host: str
    user: str
    port: int = 993
    security: str = "ssl"  # ssl | starttls | plain (plain only to loopback)
    folder: str = "INBOX"


def read_maildir(path: Path) -> Iterator[RawMail]:
    if not (path / "cur").is_dir() and not (path / "new").is_dir():
        raise UserInputError(f"{path} is not a Maildir (no cur/ or new/ inside).", "Point --maildir at the folder.")
    for sub in ("new", "cur"):
        folder = path / sub
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            if not entry.is_file():
                continue
            with entry.open("rb") as handle:
                prefix = handle.read(PREFIX_BYTES)
            yield RawMail("INBOX", entry.name.split(":")[0], entry.stat().st_size, prefix)


def read_mbox(path: Path) -> Iterator[RawMail]:
    """Stream an mbox: messages start at lines beginning "From "; only each message's prefix is kept."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise UserInputError(f"Cannot read {path} ({exc.strerror}).", "Check the --mbox path.") from exc
    with handle:
        index, size, kept = 0, 0, 0
        chunks: list[bytes] = []
        started = False
        for line in handle:
            if line.startswith(b"From ") and (not started or size):
                if started:
                    yield RawMail("INBOX", str(index), size, b"".join(chunks))
                    index += 1
                started, size, chunks, kept = True, 0, [], 0
                continue
            if not started:
                if line.strip():
                    raise UserInputError(f"{path} is not an mbox file.", "Export your mail as mbox or Maildir.")
                continue
            size += len(line)
            if kept < PREFIX_BYTES:
                piece = line[1:] if line.startswith(b">From ") else line
                chunks.append(piece)
                kept += len(piece)
        if started:
            yield RawMail("INBOX", str(index), size, b"".join(chunks))


def connect_imap(account: ImapAccount, password: str) -> Any:
    """A logged-in IMAPClient, or a MailServerError saying what to do."""
    from imapclient import IMAPClient
    from imapclient.exceptions import LoginError

    loopback = account.host in ("127.0.0.1", "localhost", "::1")
    if account.security == "plain" and not loopback:
        raise UserInputError("Plain IMAP would send your password unencrypted.", "Use --ssl or --starttls.")
    try:
        client = IMAPClient(account.host, port=account.port, ssl=account.security == "ssl", timeout=IMAP_TIMEOUT,
                            ssl_context=ssl.create_default_context())
        if account.security == "starttls":
            client.starttls(ssl.create_default_context())
        client.login(account.user, password)
    except LoginError as exc:
        raise MailServerError(f"{account.host} refused the login for {account.user}.",
                              "Check the user name and (app) password: `os1 mail connect` again.") from exc
    except (OSError, ssl.SSLError) as exc:
        raise MailServerError(f"Cannot reach the mail server {account.host}:{account.port} ({exc}).",
                              "Check the host and your connection; `os1 mail sync` will try again later.") from exc
    return client


def read_imap(client: Any, folder: str, after_uid: int = 0) -> Iterator[RawMail]:
    client.select_folder(folder, readonly=True)
    uids = [uid for uid in client.search(["UID", f"{after_uid + 1}:*"]) if uid > after_uid]
    for start in range(0, len(uids), IMAP_BATCH):
        batch = uids[start:start + IMAP_BATCH]
        fetched = client.fetch(batch, [f"BODY.PEEK[]<0.{PREFIX_BYTES}>", "RFC822.SIZE"])
        for uid in batch:
            data = fetched.get(uid, {})
            body = next((value for key, value in data.items() if key.startswith(b"BODY[]")), b"") or b""
            yield RawMail(folder, str(uid), int(data.get(b"RFC822.SIZE", len(body))), body)
