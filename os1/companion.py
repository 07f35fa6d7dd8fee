"""One conversation with the companion: the turn pipeline shared by the terminal, the web and voice.

A turn flows one way: the person's words are committed first (nothing is ever lost) and remembered
(facts read, queued for embedding: os1.memory), the first meeting takes them if it is still under way,
otherwise the chosen mind (a provider) answers from a `ReplyRequest` carrying relevant memories and
known facts, and the reply is committed before the caller shows it as final. If a language-model
provider fails, the built-in mind answers and the reply carries a one-line note.
What this module leaves out: rendering (front ends) and how minds think (os1.mind, os1.providers).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from os1.clock import humanize_gap, utcnow
from os1.errors import ProviderError
from os1.memory.facts import facts
from os1.memory.ingest import remember_turn
from os1.memory.search import relevant_memories
from os1.mind import first_meeting
from os1.providers.base import CancelToken, Provider, ReplyRequest
from os1.store.conversation import Turn, add_turn, last_contact, recent_turns, start_session
from os1.store.person import get_person
from os1.store.persona import current_persona

# What the mind sees of a very long message: enough for its gist; the whole text is still stored.
MAX_MIND_CHARS = 4000
HISTORY_TURNS = 20
MEMORY_ITEMS = 5  # past turns offered to the mind beyond the recent history
FACT_ITEMS = 30


@dataclass
class Reply:
    """A finished reply, already stored."""

    text: str
    turn_id: str
    reply_to: str | None
    kind: str = "reply"  # reply | meeting | opening
    interrupted: bool = False
    note: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


class Companion:
    """The companion in one session over one database connection.

    Args:
        conn: an open store connection (see os1.store.open_store).
        provider: the mind to answer with; the built-in mind when None.
        source: where the session happens (chat, web, voice).
        clock: the time source (library callers and tests may pass their own moment).
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        provider: Provider | None = None,
        *,
        source: str = "chat",
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.conn = conn
        self.provider = provider
        self.source = source
        self.clock = clock
        self._session_id: int | None = None

    # --- session ---------------------------------------------------------------------------------

    @property
    def session_id(self) -> int:
        if self._session_id is None:
            provider = self.provider.describe() if self.provider else "builtin"
            self._session_id = start_session(self.conn, provider=provider, source=self.source, at=self.clock())
        return self._session_id

    @property
    def name(self) -> str:
        persona = current_persona(self.conn)
        return persona.name if persona else "OS1"

    def mood(self) -> str:
        """A short word for the header. The affect layer refines this."""
        return "curious" if first_meeting.meeting_step(self.conn) != "done" else "calm"

    # --- speaking first ------------------------------------------------------------------------

    def opening(self) -> Reply:
        """What the companion says when a conversation opens: a first hello, or hello again."""
        if first_meeting.meeting_step(self.conn) != "done":
            text = first_meeting.opening_line(self.conn)
        else:
            text = self._welcome_back()
        turn = self._say(text, {"kind": "opening"})
        return Reply(text=text, turn_id=turn.id, reply_to=None, kind="opening")

    def _welcome_back(self) -> str:
        person = get_person(self.conn)
        name = person.call_name
        hello = f"Hello again, {name}." if name else "Hello again."
        last = last_contact(self.conn, before_session=self._session_id)
        if not last:
            return f"{hello} What's on your mind?"
        gap = humanize_gap(self.clock() - last.at)
        topic = _gist(last.last_person_text or "")
        if topic:
            return f"{hello} It's been {gap} since we talked — last time you told me: “{topic}” How are things now?"
        return f"{hello} It's been {gap} since we talked. How are things now?"

    # --- a turn ----------------------------------------------------------------------------------

    def reply(
        self,
        text: str,
        *,
        on_chunk: Callable[[str], None] | None = None,
        cancel: CancelToken | None = None,
        meta: dict[str, Any] | None = None,
    ) -> Reply:
        """Store the person's `text`, produce the reply (streamed through `on_chunk`), store it."""
        cancel = cancel or CancelToken()
        person_turn = add_turn(
            self.conn, self.session_id, "person", self._person_speaker(), text,
            at=self.clock(), meta=meta or {},
        )
        remember_turn(self.conn, person_turn)
        meeting = first_meeting.handle(self.conn, text, self.clock())
        if meeting is not None:
            if on_chunk:
                on_chunk(meeting.text)
            turn = self._say(meeting.text, {"kind": "meeting"}, reply_to=person_turn.id)
            return Reply(meeting.text, turn.id, person_turn.id, kind="meeting")
        return self._answer(person_turn, on_chunk, cancel)

    def _answer(
        self, person_turn: Turn, on_chunk: Callable[[str], None] | None, cancel: CancelToken
    ) -> Reply:
        request = self._request(person_turn)
        note = None
        chunks: list[str] = []
        try:
            for chunk in self._provider().stream(request, cancel):
                chunks.append(chunk)
                if on_chunk:
                    on_chunk(chunk)
        except ProviderError as exc:
            if self.provider is None or self.provider.name == "builtin":
                raise
            note = f"({self.provider.describe()} is unavailable: {exc.message} The built-in mind answered.)"
            chunks = []
            from os1.providers.builtin import BuiltinProvider

            for chunk in BuiltinProvider().stream(request, cancel):
                chunks.append(chunk)
                if on_chunk:
                    on_chunk(chunk)
        text = "".join(chunks).strip()
        interrupted = cancel.cancelled
        if interrupted:
            text = (text + " …").strip() if text else "…"
        meta: dict[str, Any] = {"kind": "reply", "interrupted": interrupted}
        if note:
            meta["note"] = note
        turn = self._say(text, meta, reply_to=person_turn.id)
        return Reply(text, turn.id, person_turn.id, interrupted=interrupted, note=note, meta=meta)

    def _request(self, person_turn: Turn) -> ReplyRequest:
        history = [t for t in recent_turns(self.conn, HISTORY_TURNS + 1) if t.id != person_turn.id]
        persona = current_persona(self.conn)
        assert persona is not None, "the first meeting creates the persona before normal chat"
        now = self.clock()
        seen = {t.id for t in history} | {person_turn.id}
        memories = relevant_memories(
            self.conn, person_turn.text[:MAX_MIND_CHARS], now, MEMORY_ITEMS, exclude=seen
        )
        return ReplyRequest(
            message=person_turn.text[:MAX_MIND_CHARS],
            persona=persona,
            person=get_person(self.conn),
            history=history[-HISTORY_TURNS:],
            now=self.clock(),
            session_id=self.session_id,
            context={
                "message_truncated": len(person_turn.text) > MAX_MIND_CHARS,
                "memories": memories,
                "facts": facts(self.conn, limit=FACT_ITEMS),
            },
        )

    def _provider(self) -> Provider:
        if self.provider is None:
            from os1.providers.builtin import BuiltinProvider

            self.provider = BuiltinProvider()
        return self.provider

    def _person_speaker(self) -> str:
        return get_person(self.conn).name or "person"

    def _say(self, text: str, meta: dict[str, Any], reply_to: str | None = None) -> Turn:
        if reply_to:
            meta = {**meta, "reply_to": reply_to}
        return add_turn(self.conn, self.session_id, "companion", self.name, text, at=self.clock(), meta=meta)


def _gist(text: str, words: int = 12) -> str:
    """The first few words of what was said last, cut at a word boundary."""
    parts = text.split()
    if not parts:
        return ""
    cut = " ".join(parts[:words])
    return cut + ("…" if len(parts) > words else "")
