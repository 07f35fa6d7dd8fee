"""Mail against a real Dovecot server on 127.0.0.1, a Maildir and an mbox: sync, triage, digest,
confirmed IMAP operations checked through a second connection, and bad mail."""

from __future__ import annotations

import mailbox
import os
import sqlite3
from email.message import EmailMessage
from pathlib import Path

import pytest
from imapclient import IMAPClient

from os1.life.mail.corpus import generate
from os1.life.mail.mailbox import apply_action, digest, messages_in, sync
from os1.life.mail.message import PREFIX_BYTES, parse_prefix
from os1.life.mail.sources import MailServerError, read_mbox
from os1.people import tracker
from os1.store import open_store
from tests import dovecot

FRIEND = "anna.lee@example.net"


@pytest.fixture
def conn(os1_home: Path) -> sqlite3.Connection:
    conn = open_store()
    tracker.observe_turn(conn, "my sister Anna is lovely", __import__("os1.clock").clock.utcnow())
    conn.execute("UPDATE people SET emails = ? WHERE name = 'Anna'", (f'["{FRIEND}"]',))
    return conn


def _accuracy(conn: sqlite3.Connection, truth: dict[str, str]) -> float:
    rows = conn.execute("SELECT message_id, category FROM mail_messages").fetchall()
    return sum(1 for mid, category in rows if truth.get(mid) == category) / len(rows)


@pytest.mark.skipif(not dovecot.available(), reason="needs Debian's dovecot-imapd and root (make test installs it)")
def test_imap_sync_triage_and_confirmed_operations(conn: sqlite3.Connection, tmp_path: Path) -> None:
    corpus = generate(120, seed=42, known_people=[FRIEND])
    truth = {str(message["Message-ID"]): category for category, message in corpus}
    with dovecot.dovecot() as server:
        with IMAPClient(server.host, port=server.port, ssl=False) as loader:
            loader.login(server.user, server.password)
            for _, message in corpus:
                loader.append("INBOX", message.as_bytes())
        settings = {"kind": "imap", "host": server.host, "port": server.port, "user": server.user,
                    "security": "plain"}
        report = sync(conn, "main", settings, server.password)
        assert report.added == 120
        assert _accuracy(conn, truth) >= 0.95
        assert sync(conn, "main", settings, server.password).added == 0  # incremental: nothing twice
        result = digest(conn, "main")
        assert result.total == 120 and "worth keeping" in result.render()
        assert any(sender.lower().startswith("anna") for sender, _, _ in result.important)

        promotions = messages_in(conn, "main", "promotions")
        junk = messages_in(conn, "main", "junk")
        assert apply_action(conn, "main", settings, "archive", promotions, server.password) == len(promotions)
        assert apply_action(conn, "main", settings, "delete", junk, server.password) == len(junk)
        with IMAPClient(server.host, port=server.port, ssl=False) as check:  # a second connection sees it
            check.login(server.user, server.password)
            inbox = check.select_folder("INBOX")[b"EXISTS"]
            archive = check.select_folder("Archive")[b"EXISTS"]
        assert archive == len(promotions)
        assert inbox == 120 - len(promotions) - len(junk)
        # Reading never marked anything as seen.
        with IMAPClient(server.host, port=server.port, ssl=False) as check:
            check.login(server.user, server.password)
            check.select_folder("INBOX", readonly=True)
            assert check.search(["SEEN"]) == []

        with pytest.raises(MailServerError, match="refused the login"):
            sync(conn, "other", {**settings, "user": "robin"}, "wrong password")
    with pytest.raises(MailServerError, match="Cannot reach"):
        sync(conn, "main", settings, server.password)  # the server is gone now


def test_maildir_sync_and_archive(conn: sqlite3.Connection, tmp_path: Path) -> None:
    root = tmp_path / "Maildir"
    box = mailbox.Maildir(root)
    corpus = generate(60, seed=5, known_people=[FRIEND])
    for _, message in corpus:
        box.add(message.as_bytes())
    settings = {"kind": "maildir", "path": str(root)}
    assert sync(conn, "local", settings).added == 60
    newsletters = messages_in(conn, "local", "newsletters")
    apply_action(conn, "local", settings, "archive", newsletters)
    assert len(mailbox.Maildir(root).keys()) == 60 - len(newsletters)
    assert len(os.listdir(root / ".Archive" / "new")) == len(newsletters)


def test_bad_mail_huge_attachments_and_charsets(conn: sqlite3.Connection, tmp_path: Path) -> None:
    big = EmailMessage()
    big["From"] = "Scanner <scan@example.org>"
    big["Subject"] = "Your scan"
    big.set_content("The scan you asked for is attached.")
    big.add_attachment(os.urandom(8 * 1024 * 1024), maintype="application", subtype="pdf", filename="scan.pdf")
    odd = (b"From: =?x-unknown-charset?q?Jos=E9?= <jose@example.org>\r\nSubject: caf\xe9\r\n"
           b"Content-Type: text/plain; charset=x-unknown-charset\r\n\r\nBonjour, caf\xe9 demain?\r\n")
    broken = (b"From: nobody\r\nContent-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n--XX\r\n"
              b"Content-Type: text/plain\r\n\r\nhalf a message with no closing boundary")
    mbox_path = tmp_path / "mail.mbox"
    with mbox_path.open("wb") as handle:
        for raw in (big.as_bytes(), odd, broken):
            handle.write(b"From sender@example.org Mon Jan  1 00:00:00 2026\n" + raw.replace(b"\r\n", b"\n") + b"\n")
    raws = list(read_mbox(mbox_path))
    assert len(raws) == 3
    assert raws[0].size > 8 * 1024 * 1024 and len(raws[0].prefix) <= PREFIX_BYTES + 1024
    fields = parse_prefix(odd)
    assert "Bonjour" in fields.body and fields.subject
    assert parse_prefix(broken).body.startswith("half a message")
    report = sync(conn, "old", {"kind": "mbox", "path": str(mbox_path)})
    assert report.added == 3
    from os1.errors import UserInputError

    with pytest.raises(UserInputError, match="read-only"):
        apply_action(conn, "old", {"kind": "mbox", "path": str(mbox_path)}, "delete", [(1, "0", "x")])


@pytest.mark.skipif(not dovecot.available(), reason="needs Debian's dovecot-imapd and root (make test installs it)")
def test_mail_commands_end_to_end(os1_home: Path) -> None:
    import stat

    from tests.conftest import run_os1

    with dovecot.dovecot() as server:
        with IMAPClient(server.host, port=server.port, ssl=False) as loader:
            loader.login(server.user, server.password)
            for _, message in generate(30, seed=9):
                loader.append("INBOX", message.as_bytes())
        wrong = run_os1("mail", "connect", "--imap", server.host, "--port", str(server.port), "--plain",
                        "--user", server.user, "--password-stdin", input="nope\n")
        assert wrong.returncode == 1 and "refused the login" in wrong.stderr and "Traceback" not in wrong.stderr
        connected = run_os1("mail", "connect", "--imap", server.host, "--port", str(server.port), "--plain",
                            "--user", server.user, "--password-stdin", input=server.password + "\n")
        assert connected.returncode == 0, connected.stderr
        secrets = os1_home / "secrets.toml"
        assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
        assert server.password not in (os1_home / "config.toml").read_text()
        assert "30 new messages" in run_os1("mail", "sync").stdout
        assert "30 emails" in run_os1("mail").stdout
        refused = run_os1("mail", "archive", "promotions", input="n\n")
        assert "Nothing was changed" in refused.stdout
        done = run_os1("mail", "archive", "promotions", "--yes")
        assert done.returncode == 0 and "Archived" in done.stdout
    down = run_os1("mail", "sync")
    assert down.returncode == 1 and "Cannot reach" in down.stderr and "Traceback" not in down.stderr
