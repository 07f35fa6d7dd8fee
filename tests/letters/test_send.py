"""Sending letters to a real SMTP server (aiosmtpd) on 127.0.0.1, and the failures a person can meet."""

from __future__ import annotations

import email
import socket
import threading
from collections.abc import Iterator
from email.message import Message
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from os1.errors import MailRefused, MailTimeout, UserInputError
from os1.letters.render import render_letter
from os1.letters.send import DISCLOSURE, MailAccount, send_letter


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))  # type: ignore[attr-defined]
        self.messages.append(email.message_from_bytes(envelope.content))  # type: ignore[attr-defined]
        return "250 OK"


@pytest.fixture()
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def test_the_card_arrives_attached_byte_for_byte(tmp_path: Path, smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    card = tmp_path / "card.pdf"
    render_letter("Dear Jo,\n\nThank you for the walk.\n\nLove, Sam", card, fmt="pdf", layout="card", seed=3)
    account = MailAccount("127.0.0.1", port, "sam@example.org", security="none")
    message_id = send_letter(account, "jo@example.org", "A letter from Sam", "Dear Jo,\n\nThank you.", card)
    assert len(inbox.messages) == 1
    received = inbox.messages[0]
    assert received["Message-ID"] == message_id
    assert inbox.envelopes[0] == ("sam@example.org", ["jo@example.org"])
    parts = [p for p in received.walk() if not p.is_multipart()]
    body = parts[0].get_payload(decode=True).decode().replace("\r\n", "\n")
    assert body.startswith("Dear Jo,\n\nThank you.") and DISCLOSURE in body
    attachment = parts[1]
    assert attachment.get_filename() == "card.pdf"
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_payload(decode=True) == card.read_bytes()


def test_disclosure_can_be_turned_off(smtp: tuple[Inbox, int]) -> None:
    inbox, port = smtp
    account = MailAccount("127.0.0.1", port, "sam@example.org", security="none")
    send_letter(account, "jo@example.org", "Hi", "Just words.", disclosure=False)
    body = inbox.messages[0].get_payload(decode=True).decode().replace("\r\n", "\n")
    assert DISCLOSURE not in body and body.strip() == "Just words."


def test_refused_connection_is_a_clear_retryable_error() -> None:
    account = MailAccount("127.0.0.1", free_port(), "sam@example.org", security="none")  # nobody listens
    with pytest.raises(MailRefused, match="refused the connection") as info:
        send_letter(account, "jo@example.org", "Hi", "Words.")
    assert "not sent" in (info.value.hint or "")


def test_a_server_that_never_answers_times_out() -> None:
    # A real listening socket that accepts and then stays silent: the SMTP greeting never comes.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)
    held: list[socket.socket] = []
    accept = threading.Thread(target=lambda: held.append(silent.accept()[0]), daemon=True)
    accept.start()
    try:
        account = MailAccount("127.0.0.1", silent.getsockname()[1], "s@example.org", security="none", timeout=0.5)
        with pytest.raises(MailTimeout, match="did not answer"):
            send_letter(account, "jo@example.org", "Hi", "Words.")
    finally:
        for conn in held:
            conn.close()
        silent.close()


def test_plain_smtp_to_a_remote_host_is_refused_before_connecting() -> None:
    account = MailAccount("mail.example.org", 25, "s@example.org", security="none")
    with pytest.raises(UserInputError, match="expose"):
        send_letter(account, "jo@example.org", "Hi", "Words.")


def test_a_bad_address_is_refused() -> None:
    account = MailAccount("127.0.0.1", 25, "s@example.org", security="none")
    with pytest.raises(UserInputError, match="not an email address"):
        send_letter(account, "jo at example", "Hi", "Words.")


def test_account_from_config() -> None:
    from os1.errors import ConfigError
    from os1.letters.send import account_from_config

    account = account_from_config({"host": "smtp.example.org", "sender": "s@example.org", "security": "ssl",
                                   "username": "s"}, {"OS1_MAIL_PASSWORD": "pw"})
    assert (account.port, account.password, account.security) == (465, "pw", "ssl")
    with pytest.raises(ConfigError, match="No mail account") as info:
        account_from_config({}, {})
    assert "os1 config set mail.host" in (info.value.hint or "")
    with pytest.raises(ConfigError, match=r"mail\.security"):
        account_from_config({"host": "h", "sender": "s@x.org", "security": "tls"}, {})
