"""Turning the first bytes of a raw message into the few fields triage needs.

Only a bounded prefix of each message is ever read (`PREFIX_BYTES`), so a 2 GB attachment costs what a
short note costs. Malformed MIME, unknown charsets and missing headers degrade to best-effort text with
replacement characters, never to an exception.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import Message

PREFIX_BYTES = 64 * 1024
SNIPPET_CHARS = 600
TRIAGE_HEADERS = ("list-unsubscribe", "list-id", "precedence", "authentication-results", "x-spam-flag",
                  "x-spam-status", "auto-submitted", "reply-to", "in-reply-to")


@dataclass(frozen=True)
class MailFields:
    message_id: str | None
    from_addr: str
    from_name: str
    to_addrs: list[str]
    subject: str
    sent_at: datetime | None
    headers: dict[str, str] = field(default_factory=dict)
    body: str = ""


def _decode(value: object) -> str:
    try:
        return str(email.header.make_header(email.header.decode_header(str(value))))
    except (LookupError, UnicodeError, ValueError, email.errors.HeaderParseError):
        return str(value)


def _text_of(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # a charset Python has never heard of
        return payload.decode("utf-8", errors="replace")


def _body(message: Message) -> str:
    plain, html = "", ""
    for part in message.walk() if message.is_multipart() else [message]:
        if part.is_multipart():
            continue
        kind = part.get_content_type()
        if part.get_filename():
            continue  # attachments are never read
        if kind == "text/plain" and not plain:
            plain = _text_of(part)
        elif kind == "text/html" and not html:
            html = _text_of(part)
    if plain:
        return plain
    text = re.sub(r"(?is)<(script|style).*?</\1>", " ", html)
    text = re.sub(r"<[^>]+>", " ", text)
    return re.sub(r"&nbsp;|&#160;", " ", text)


def parse_prefix(raw: bytes) -> MailFields:
    """Fields of a message from (a prefix of) its raw bytes."""
    message = email.message_from_bytes(raw[:PREFIX_BYTES], policy=email.policy.compat32)
    name, address = email.utils.parseaddr(_decode(message.get("From", "")))
    to = [addr.lower() for _, addr in email.utils.getaddresses([_decode(v) for v in message.get_all("To", [])])
          if addr]
    try:
        sent = email.utils.parsedate_to_datetime(str(message.get("Date"))) if message.get("Date") else None
        if sent is not None and sent.tzinfo is None:
            sent = sent.replace(tzinfo=UTC)
    except (TypeError, ValueError, IndexError):
        sent = None
    headers = {key: _decode(message.get(key))[:500] for key in TRIAGE_HEADERS if message.get(key)}
    return MailFields(
        message_id=str(message.get("Message-ID")).strip() if message.get("Message-ID") else None,
        from_addr=address.lower(),
        from_name=name or address.split("@")[0],
        to_addrs=to,
        subject=" ".join(_decode(message.get("Subject", "(no subject)")).split())[:300],
        sent_at=sent,
        headers=headers,
        body=_body(message),
    )


def snippet(body: str) -> str:
    """The opening of what the sender wrote: no quoted replies, signatures or greetings-only lines."""
    lines = []
    for line in body.splitlines():
        stripped = line.strip()
        if stripped.startswith(">") or re.match(r"^on .+ wrote:$", stripped, re.IGNORECASE):
            break
        if stripped in ("--", "-- ") or stripped.lower().startswith(("sent from my", "unsubscribe")):
            break
        if stripped:
            lines.append(stripped)
    text = " ".join(lines)
    text = re.sub(r"^(hi|hello|hey|dear)\b[^,.!\n]{0,40}[,!.]\s*", "", text, flags=re.IGNORECASE)
    return " ".join(text.split())[:SNIPPET_CHARS]


def first_sentences(text: str, count: int = 2, limit: int = 240) -> str:
    """An extractive summary: the first sentences of the snippet, cut at a word boundary."""
    sentences = re.findall(r"[^.!?]+[.!?]?", text)
    summary = " ".join(s.strip() for s in sentences[:count]).strip()
    if len(summary) > limit:
        summary = summary[:limit].rsplit(" ", 1)[0] + "…"
    return summary
