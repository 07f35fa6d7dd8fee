"""Sending a letter by email over SMTP: the text in the body, the handwritten card as a PDF attachment.

The account is passed in (`MailAccount`); where it is stored is the caller's business. Security is SSL
(port 465), STARTTLS (587) or none; none is allowed only for a server on this machine, so a password
never crosses a network in clear. A short disclosure line ("Written with help from my companion,
OS1.") ends the body unless the person turns it off. Every failure becomes a typed `MailError` whose
message says the letter was not sent and can be retried.
What this module leaves out: rendering the card (os1.letters.render), recording the letter as sent.
"""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import Any, Literal

from os1.errors import ConfigError, MailAuthFailed, MailError, MailRefused, MailTimeout, UserInputError

DISCLOSURE = "Written with help from my companion, OS1."
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
RETRY_HINT = "The letter was not sent and is unchanged; fix this and run the same send command again."


@dataclass(frozen=True)
class MailAccount:
    """Where and how to send: server, security, login, and the From address."""

    host: str
    port: int
    sender: str
    security: Literal["ssl", "starttls", "none"] = "starttls"
    username: str | None = None
    password: str | None = None
    timeout: float = 20.0


def build_message(
    account: MailAccount,
    to: str,
    subject: str,
    body: str,
    attachment: Path | None = None,
    *,
    disclosure: bool = True,
) -> EmailMessage:
    """The email: plain-text body (with the disclosure line unless turned off) and the PDF attached."""
    if "@" not in to or any(c.isspace() for c in to.strip()):
        raise UserInputError(f"{to!r} is not an email address.", "Pass it as name@example.org.")
    message = EmailMessage()
    message["From"] = account.sender
    message["To"] = to.strip()
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain=account.sender.rpartition("@")[2] or "os1.local")
    text = body.rstrip() + (f"\n\n--\n{DISCLOSURE}\n" if disclosure else "\n")
    message.set_content(text)
    if attachment is not None:
        message.add_attachment(
            attachment.read_bytes(), maintype="application", subtype="pdf", filename=attachment.name
        )
    return message


def send_message(account: MailAccount, message: EmailMessage) -> str:
    """Send over SMTP; return the Message-ID. Raises a MailError subclass on any failure."""
    if account.security == "none" and account.host not in LOCAL_HOSTS:
        raise UserInputError(
            f"Sending without encryption to {account.host} would expose your mail and password.",
            "Set the account's security to ssl or starttls.",
        )
    where = f"{account.host}:{account.port}"
    try:
        if account.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                account.host, account.port, timeout=account.timeout, context=ssl.create_default_context()
            )
        else:
            client = smtplib.SMTP(account.host, account.port, timeout=account.timeout)
        with client:
            if account.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if account.username:
                client.login(account.username, account.password or "")
            client.send_message(message)
    except smtplib.SMTPAuthenticationError as exc:
        raise MailAuthFailed(f"The mail server {where} rejected the login ({exc.smtp_code}).",
                             "Check the account's user name and password. " + RETRY_HINT) from exc
    except (TimeoutError, smtplib.SMTPServerDisconnected) as exc:
        if isinstance(exc, smtplib.SMTPServerDisconnected) and "timed out" not in str(exc):
            raise MailError(f"The mail server {where} closed the connection ({exc}).", RETRY_HINT) from exc
        raise MailTimeout(f"The mail server {where} did not answer in {account.timeout:g} s.",
                          "Check your connection and the server's address. " + RETRY_HINT) from exc
    except ConnectionRefusedError as exc:
        raise MailRefused(f"The mail server {where} refused the connection.",
                          "Check the host and port in your mail settings. " + RETRY_HINT) from exc
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
        raise MailRefused(f"The mail server {where} refused the message ({exc}).", RETRY_HINT) from exc
    except (smtplib.SMTPException, ssl.SSLError, OSError) as exc:
        raise MailError(f"Sending through {where} failed ({exc}).", RETRY_HINT) from exc
    return str(message["Message-ID"])


def send_letter(
    account: MailAccount,
    to: str,
    subject: str,
    body: str,
    card_pdf: Path | None = None,
    *,
    disclosure: bool = True,
) -> str:
    """Build and send a letter email; return its Message-ID."""
    return send_message(account, build_message(account, to, subject, body, card_pdf, disclosure=disclosure))


PASSWORD_ENV = "OS1_MAIL_PASSWORD"


def account_from_config(
    mail: Mapping[str, Any], environ: Mapping[str, str], stored_password: str | None = None
) -> MailAccount:
    """The account from config.toml's [mail] table; the password from the secrets file (`os1 mail smtp`),
    or $OS1_MAIL_PASSWORD for one run.

    Raises ConfigError naming the `os1 config set` commands when something is missing or wrong.
    """
    missing = [key for key in ("host", "sender") if not mail.get(key)]
    if missing:
        raise ConfigError(
            "No mail account is set up for sending letters.",
            "Set one with: os1 config set mail.host smtp.example.org; os1 config set mail.sender you@example.org; "
            "os1 config set mail.username you@example.org — or all at once: os1 mail smtp --host … --sender ….",
        )
    security = str(mail.get("security", "starttls"))
    if security not in ("ssl", "starttls", "none"):
        raise ConfigError(f"mail.security is {security!r}.", "Use ssl, starttls or none.")
    default_port = {"ssl": 465, "starttls": 587, "none": 25}[security]
    try:
        port = int(mail.get("port", default_port))
        timeout = float(mail.get("timeout", 20.0))
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"mail.port or mail.timeout is not a number ({exc}).", "Fix it with os1 config set.") from exc
    return MailAccount(
        host=str(mail["host"]),
        port=port,
        sender=str(mail["sender"]),
        security=security,  # type: ignore[arg-type]
        username=str(mail["username"]) if mail.get("username") else None,
        password=environ.get(PASSWORD_ENV) or stored_password
        or (str(mail["password"]) if mail.get("password") else None),
        timeout=timeout,
    )
