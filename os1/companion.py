"""One conversation with the companion: the turn pipeline shared by the terminal, the web and voice.

A turn flows one way: the person's words are committed first (nothing is ever lost) and remembered
(facts read, queued for embedding: os1.memory), the safety layer may answer first, the people map takes in
who was mentioned, then the dialogue policy (os1.dialogue.policy) gives the message to a skill — the first
meeting while it is under way, the active skill, or one whose trigger fires — or to the conversation: the
mind's layers run (understanding -> affect -> threads and curiosity, os1.mind.layers) and fill the
request's context with relevant memories and known facts, and the chosen mind (a provider) answers from
that `ReplyRequest`. Every reply is checked (os1.safety.reply_check) and committed before the caller shows
it as final. If a language-model provider fails, the built-in mind answers and the reply carries a note.
What this module leaves out: rendering (front ends) and how minds think (os1.mind, os1.providers).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from os1.clock import humanize_gap, utcnow
from os1.core.settings import Settings
from os1.errors import ProviderError
from os1.memory.facts import facts
from os1.memory.ingest import remember_turn
from os1.memory.search import relevant_memories
from os1.providers.base import CancelToken, Provider, ReplyRequest
from os1.skills import meeting
from os1.store.conversation import Turn, add_turn, last_contact, recent_turns, start_session
from os1.store.person import get_person
from os1.store.persona import Persona, current_persona

if TYPE_CHECKING:
    from os1.safety.guard import SafetyOutcome
    from os1.safety.risk import Risk
    from os1.skills.base import Outcome

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
        settings: this home's settings (os1.core.settings); the defaults when None.
        clock: the time source (library callers and tests may pass their own moment).
        warm: start loading the mind's language pipeline in the background right away.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        provider: Provider | None = None,
        *,
        source: str = "chat",
        clock: Callable[[], datetime] = utcnow,
        warm: bool = True,
        settings: Settings | None = None,
    ) -> None:
        self.conn = conn
        self.provider = provider
        self.settings = settings or Settings()
        self.source = source
        self.clock = clock
        self._session_id: int | None = None
        self._risk: Risk | None = None
        self._touched: list[dict[str, Any]] = []  # people in the people map this message touched
        self._listen_only = False  # the person asked OS1 just to listen (os1.dialogue.state.listen_only)
        self._warming: threading.Thread | None = None
        if warm:
            from os1.mind.layers import warm_up

            self._warming = warm_up()  # load the language pipeline while the person reads the opening line

    def close(self) -> None:
        """Wait for the background warm-up: a process that exits while native model code is still loading
        on another thread can abort."""
        if self._warming is not None:
            self._warming.join(timeout=120)

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
        """A short word or two for how the companion feels now ("calm", "a little worried")."""
        if meeting.meeting_step(self.conn) != "done":
            return "curious"
        from os1.mind import affect

        return affect.current(self.conn, self.clock()).label

    def describe_mood(self) -> str:
        """How the companion feels and why, in its own words (for /mood and `os1 mood`)."""
        from os1.mind import affect

        return affect.describe(self.conn, self.clock())

    # --- speaking first ------------------------------------------------------------------------

    def opening(self) -> Reply:
        """What the companion says when a conversation opens: a first hello, or hello again."""
        if meeting.meeting_step(self.conn) != "done":
            text = meeting.opening_line(self.conn)
        else:
            text = self._welcome_back()
            from os1.life.scheduler import while_you_were_away

            away = while_you_were_away(self.conn, self.clock())
            if away:
                text = f"{text} {away}"
            nudge = self.pending_nudge()
            if nudge:
                text = f"{text} {nudge}"
        turn = self._say(text, {"kind": "opening"})
        return Reply(text=text, turn_id=turn.id, reply_to=None, kind="opening")

    def _welcome_back(self) -> str:
        """Hello again, how long it has been, and a follow-up on something due — never the last message
        quoted back (a verbatim quote reads as a machine replaying a log)."""
        person = get_person(self.conn)
        name = person.call_name
        hello = f"Hello again, {name}." if name else "Hello again."
        last = last_contact(self.conn, before_session=self._session_id)
        follow_up = self._opening_follow_up()
        if not last:
            return f"{hello} {follow_up or 'What is on your mind?'}"
        gap = humanize_gap(self.clock() - last.at)
        return f"{hello} It's been {gap} since we talked. {follow_up or 'How are things now?'}"

    def _opening_follow_up(self) -> str | None:
        """A follow-up on an open thread that is due now ("How did the vet visit go?"), marked as asked."""
        from os1.mind import threads
        from os1.mind.compose import follow_up_line
        from os1.mind.layers import recent_replies

        now = self.clock()
        for thread in threads.due_threads(self.conn, now, self.session_id)[:3]:
            line = follow_up_line(thread.to_context(), now, recent_replies(self.conn))
            if line:
                threads.mark_asked(self.conn, thread.id, now)
                return line
        return None

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
        safety = self._safety(person_turn)
        if safety.reply is not None:
            self._feel(person_turn)
            self._check_in_next_time(person_turn)
            return self._whole_reply(safety.reply, "safety", person_turn, on_chunk, safety.meta)
        self._risk = safety.risk
        self._touched = self._observe_people(person_turn)
        outcome = self._route(person_turn)
        if outcome is not None:
            # A skill's reply is OS1's own line around the person's words (a draft, "You told me that…").
            text, checked = self._checked(outcome.text, quotes_person=True)
            return self._whole_reply(text, outcome.kind, person_turn, on_chunk, {"acts": outcome.acts, **checked})
        return self._answer(person_turn, on_chunk, cancel)

    def _route(self, person_turn: Turn) -> Outcome | None:
        """The dialogue policy (os1.dialogue.policy): a skill's answer, or None for the conversation. The
        dialogue state it leaves is saved; a question the message did not answer is dropped."""
        from os1.dialogue.policy import route
        from os1.dialogue.state import listen_only, load_state, save_state
        from os1.skills.base import TurnContext

        now = self.clock()
        before = load_state(self.conn, now)
        state = listen_only(before, person_turn.text, self.session_id)
        self._listen_only = state.listening == self.session_id
        turn = TurnContext(
            conn=self.conn, text=person_turn.text[:MAX_MIND_CHARS], now=now, turn_id=person_turn.id,
            person=get_person(self.conn), persona=current_persona(self.conn), settings=self.settings,
            state=state, language_model=self._provider().is_language_model,
            converse=lambda: self._converse(person_turn), provider=self._provider(),
        )
        outcome = route(turn)
        after = outcome.state if outcome is not None else state.answered()
        if after != before:
            save_state(self.conn, after, now)
        return outcome

    def _converse(self, person_turn: Turn) -> str:
        """The conversation's own answer to a message, whole (for a skill that answers it first)."""
        from os1.providers.builtin import BuiltinProvider

        request = self._request(person_turn)
        provider = self._provider()
        try:
            text = "".join(provider.stream(request, CancelToken()))
        except ProviderError:
            text = "".join(BuiltinProvider().stream(request, CancelToken()))
        self._settle(request)
        return text.strip()

    def _whole_reply(self, text: str, kind: str, person_turn: Turn, on_chunk: Callable[[str], None] | None,
                     meta: dict[str, Any] | None = None) -> Reply:
        """A reply written in one piece (by the safety layer, the first meeting or a task), shown and stored.

        A task's answer is an ordinary reply to front ends (`kind` "reply"); its stored meta says "task".
        """
        if on_chunk:
            on_chunk(text)
        turn = self._say(text, {"kind": kind, **(meta or {})}, reply_to=person_turn.id)
        if kind in ("task", "reply"):
            return Reply(text, turn.id, person_turn.id, meta={"kind": kind, **(meta or {})})
        return Reply(text, turn.id, person_turn.id, kind=kind, meta=meta or {})

    def _answer(
        self, person_turn: Turn, on_chunk: Callable[[str], None] | None, cancel: CancelToken
    ) -> Reply:
        request = self._request(person_turn)
        note = None
        chunks: list[str] = []
        provider = self._provider()
        if provider.supports_tools and provider.toolbox is None:
            from os1.providers.tools import Toolbox

            provider.toolbox = Toolbox(self.conn, clock=self.clock)
        broke = keyboard = False
        try:
            for chunk in provider.stream(request, cancel):
                chunks.append(chunk)
                if on_chunk:
                    on_chunk(chunk)
        except KeyboardInterrupt:
            # Ctrl+C in line mode: store what was said so far as an interrupted turn, then let it end the program.
            cancel.cancel()
            keyboard = True
        except ProviderError as exc:
            if provider.name == "builtin":
                raise
            if chunks:
                # The model had started and the person has seen part of it: keep that, marked interrupted.
                broke = True
                note = f"({provider.describe()} stopped in the middle of the reply: {exc.message})"
            else:
                note = f"({provider.describe()} is unavailable: {exc.message} The built-in mind answered.)"
                from os1.providers.builtin import BuiltinProvider

                for chunk in BuiltinProvider().stream(request, cancel):
                    chunks.append(chunk)
                    if on_chunk:
                        on_chunk(chunk)
        text, checked = self._checked(self._turn_outward("".join(chunks).strip(), request))
        interrupted = cancel.cancelled or broke
        if interrupted:
            text = (text + " …").strip() if text else "…"
        meta: dict[str, Any] = {"kind": "reply", "interrupted": interrupted, **checked}
        if note:
            meta["note"] = note
        meta.update(_tool_meta(request.context))
        turn = self._say(text, meta, reply_to=person_turn.id)
        self._settle(request)
        if keyboard:
            raise KeyboardInterrupt
        return Reply(text, turn.id, person_turn.id, interrupted=interrupted, note=note, meta=meta)

    def _settle(self, request: ReplyRequest) -> None:
        from os1.mind import layers

        layers.settle(self.conn, request.context, self.clock())

    def _request(self, person_turn: Turn) -> ReplyRequest:
        history = [t for t in recent_turns(self.conn, HISTORY_TURNS + 1) if t.id != person_turn.id]
        # During the first meeting the companion has no name yet; the mind answers as "OS1" until it does.
        persona = current_persona(self.conn) or Persona(name="OS1")
        now = self.clock()
        seen = {t.id for t in history} | {person_turn.id}
        context: dict[str, Any] = {
            "message_truncated": len(person_turn.text) > MAX_MIND_CHARS,
            "risk": self._risk.to_dict() if self._risk else {"level": "none", "kind": None, "reasons": []},
            "memories": relevant_memories(
                self.conn, person_turn.text[:MAX_MIND_CHARS], now, MEMORY_ITEMS, exclude=seen
            ),
            "facts": facts(self.conn, limit=FACT_ITEMS),
        }
        context.update(self._mind_layers(person_turn, context["facts"]))
        if self._touched:
            context["people"] = self._touched
            met = self._contact_with(person_turn)
            if met:
                context["contact_with"] = met
        if self._listen_only:
            context["listen_only"] = True
        untrusted = self._outside_text(person_turn)
        if untrusted:
            context["untrusted"] = untrusted
        return ReplyRequest(
            message=person_turn.text[:MAX_MIND_CHARS],
            persona=persona,
            person=get_person(self.conn),
            history=history[-HISTORY_TURNS:],
            now=self.clock(),
            session_id=self.session_id,
            context=context,
        )

    def _contact_with(self, person_turn: Turn) -> list[str]:
        """Who the person was in touch with, as this message tells it (the people map recorded it)."""
        rows = self.conn.execute(
            "SELECT p.name, p.relation FROM contacts c JOIN people p ON p.id = c.person_id WHERE c.turn_id = ?",
            (person_turn.id,),
        ).fetchall()
        return [name or f"your {relation}" for name, relation in rows if name or relation]

    def _outside_text(self, person_turn: Turn) -> list[dict[str, str]]:
        """For a language model asked about mail or the agenda: that outside text, to fence off as data in
        its prompt (the built-in mind answers such questions through the agenda skill)."""
        from os1.life import chat as life_chat

        text = person_turn.text[:MAX_MIND_CHARS]
        if not self._provider().is_language_model or not (
            life_chat.is_mail_question(text) or life_chat.is_calendar_question(text)
        ):
            return []
        return life_chat.outside_text(self.conn, text, self.clock(), self._tz_name())

    def _check_in_next_time(self, person_turn: Turn) -> None:
        """A crisis reply today means "How are you holding up?" in the next conversation."""
        from os1.mind import threads

        threads.open_checkin(self.conn, now=self.clock(), session_id=self.session_id, turn_id=person_turn.id)

    def _feel(self, person_turn: Turn) -> None:
        """When safety answers instead of the mind, the companion's own state still takes the turn in."""
        if meeting.meeting_step(self.conn) == "done":
            from os1.mind import layers

            layers.feel(self.conn, person_turn.text[:MAX_MIND_CHARS], now=self.clock(), turn_id=person_turn.id)

    def _mind_layers(self, person_turn: Turn, known_facts: list[dict[str, Any]]) -> dict[str, Any]:
        """Understanding, affect, threads and curiosity for this message (os1.mind.layers)."""
        from os1.mind import layers

        return layers.prepare(
            self.conn, person_turn.text[:MAX_MIND_CHARS], now=self.clock(), session_id=self.session_id,
            turn_id=person_turn.id, facts=known_facts,
        )

    def _turn_outward(self, text: str, request: ReplyRequest) -> str:
        """When the person sounds lonely, or says OS1 is all they have, add one step toward a real person."""
        from os1.people.nudges import outward_suggestion
        from os1.safety.dependence import check

        analysis = request.context.get("analysis") or {}
        dependence = check(request.message)
        if not text or not (dependence or analysis.get("family") == "lonely"):
            return text
        lead = dependence.suggestion.split(" — ")[0].split("?")[0] if dependence else None
        lead = "I'm really glad our talks matter to you, and I'd love you to have people around you too." \
            if dependence and dependence.reason != "heavy_use" else lead
        if "dependence" in (request.context.get("composed") or {}).get("moves", []):
            lead = None  # the reply already said it; only the step toward a person is added
        step = outward_suggestion(self.conn, self.clock(), lead, dependence.reason if dependence else "lonely")
        return f"{text} {step}" if step else text

    def _checked(self, text: str, *, quotes_person: bool = False) -> tuple[str, dict[str, Any]]:
        """Every reply from every mind (and every skill) passes the safety layer's check: no claim to be
        human, no agreement with self-harm, no method information, no pressure, crisis content kept. A
        replaced reply says why in the turn's meta."""
        from os1.safety.guard import trusted_plan
        from os1.safety.reply_check import check_every_reply
        from os1.safety.risk import Risk

        if not text:
            return text, {}
        person = get_person(self.conn)
        persona = current_persona(self.conn)
        check = check_every_reply(
            text, self._risk or Risk(), country=person.country or self.settings.country,
            plan=trusted_plan(self.conn), name=persona.name if persona else "OS1", person_name=person.call_name,
            quotes_person=quotes_person,
        )
        return check.text, check.meta()

    def _safety(self, person_turn: Turn) -> SafetyOutcome:
        """The safety layer runs first on every turn; at high or imminent risk it writes the reply."""
        from os1.safety.guard import safety_step

        recent = recent_turns(self.conn, 12)
        person_texts = [t.text[:MAX_MIND_CHARS] for t in recent if t.role == "person" and t.id != person_turn.id]
        last_meta = next((t.meta for t in reversed(recent) if t.role == "companion"), {})
        person = get_person(self.conn)
        return safety_step(
            self.conn, person_turn.text[:MAX_MIND_CHARS], person_texts, last_meta,
            country=person.country or self.settings.country, person_name=person.call_name,
            turn=len(recent),
        )

    def _observe_people(self, person_turn: Turn) -> list[dict[str, Any]]:
        """Update the people map from what the person said; the people it touched, for the mind."""
        from os1.people.tracker import get, observe_turn

        ids = observe_turn(self.conn, person_turn.text[:MAX_MIND_CHARS], person_turn.ts, person_turn.id)
        people = [get(self.conn, pid) for pid in ids]
        return [{"id": p.id, "name": p.name, "relation": p.relation, "label": p.label} for p in people if p]

    def deliver_due(self) -> list[str]:
        """Fire what the scheduler has due now and return it for an open window to show (marked seen)."""
        from os1.life.scheduler import fire_due, mark_seen, unseen

        tz_name = self._tz_name()
        fire_due(self.conn, self.clock(), tz_name=tz_name, quiet_start=self.settings.quiet_start,
                 quiet_end=self.settings.quiet_end)
        items = unseen(self.conn)
        if items:
            mark_seen(self.conn, [item.id for item in items], self.clock())
        return [item.text if item.kind != "reminder" else f"Reminder: {item.text}" for item in items]

    def pending_nudge(self) -> str | None:
        """One gentle suggestion to reach out to someone, when there is a reason and it is a good time."""
        from os1.people.nudges import next_nudge

        nudge = next_nudge(
            self.conn, self.clock(), get_person(self.conn).timezone,
            quiet_start=self.settings.quiet_start, quiet_end=self.settings.quiet_end,
        )
        return nudge.text if nudge else None

    def _tz_name(self) -> str | None:
        return get_person(self.conn).timezone or self.settings.timezone

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


def _tool_meta(context: dict[str, Any]) -> dict[str, Any]:
    """What a language model did with tools this turn, kept with the reply (JSON-safe)."""
    meta: dict[str, Any] = {}
    if context.get("tool_calls"):
        meta["tool_calls"] = context["tool_calls"]
    pending = context.get("pending_confirmations") or []
    if pending:
        meta["pending_confirmations"] = [
            {"id": p.id, "tool": p.call.name, "arguments": p.arguments, "reason": p.reason} for p in pending
        ]
    return meta
