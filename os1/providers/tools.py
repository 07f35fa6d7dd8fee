"""The tools a language model may call: their JSON schemas, argument validation, and a handler registry.

A model asks for a tool by name with JSON arguments. `Toolbox.run` parses and validates them against
the tool's schema (malformed JSON or a wrong argument becomes an error result the model can read and
correct, never an exception), then calls the handler registered for that tool. Feature packages add
their handlers with `register_handler`; a tool whose feature is not installed answers "not available
yet". Consent rule: while outside text is in the conversation (`context["untrusted"]`), or when an
argument repeats outside text, nothing is executed — the call becomes a `PendingConfirmation` that only
the person can approve (`Toolbox.confirm`).
What this module leaves out: the wire formats of tool calls (the providers) and the features themselves.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from os1.clock import to_iso, utcnow
from os1.errors import OS1Error

MAX_TEXT = 2000


def _string(description: str, max_length: int = MAX_TEXT) -> dict[str, Any]:
    return {"type": "string", "description": description, "minLength": 1, "maxLength": max_length}


def _object(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


# name -> (description, parameters schema). The descriptions are written for the model.
SCHEMAS: dict[str, tuple[str, dict[str, Any]]] = {
    "remember_fact": (
        "Remember a fact your person told you about themselves or their life, as subject, relation, object "
        "(e.g. 'sister', 'is called', 'Anna').",
        _object({
            "subject": _string("Who or what the fact is about, e.g. 'I' or 'my sister'.", 200),
            "relation": _string("The relation, e.g. 'works at', 'is called', 'likes'.", 200),
            "object": _string("The value, e.g. 'a bakery', 'Anna'.", 500),
        }, ["subject", "relation", "object"]),
    ),
    "forget_fact": (
        "Forget a fact your person asked you to forget.",
        _object({
            "subject": _string("Who or what the fact is about.", 200),
            "relation": _string("The relation, e.g. 'works at'.", 200),
            "object": _string("The value to forget; leave out to forget every value of the relation.", 500),
        }, ["subject", "relation"]),
    ),
    "search_memory": (
        "Search everything your person has told you, to recall what they said and when.",
        _object({
            "query": _string("What to look for, in a few words.", 500),
            "k": {"type": "integer", "description": "How many results (1-20).", "minimum": 1, "maximum": 20},
        }, ["query"]),
    ),
    "set_reminder": (
        "Set a reminder for your person, only when they asked for one.",
        _object({
            "text": _string("What to remind them of.", 500),
            "when": _string("When, in ISO 8601 or plain words ('tomorrow at 9am').", 100),
        }, ["text", "when"]),
    ),
    "look_up_person": (
        "Look up someone in your person's life: who they are, when they were last in touch, key dates.",
        _object({"name": _string("Their name, or how your person calls them ('mum', 'Anna (sister)').", 200)},
                ["name"]),
    ),
    "start_letter_draft": (
        "Start drafting a personal letter in your person's own voice, when they want to write to someone.",
        _object({
            "recipient": _string("Who the letter is for.", 200),
            "occasion": _string("Why they are writing (birthday, thank you, sorry...).", 200),
            "notes": _string("What they want to say, in their words.", MAX_TEXT),
        }, ["recipient"]),
    ),
}


@dataclass
class ToolCall:
    """One call as the model asked for it; `arguments` is the raw JSON text or an already-parsed object."""

    name: str
    arguments: str | dict[str, Any]
    id: str = field(default_factory=lambda: "call_" + uuid.uuid4().hex[:12])


@dataclass
class ToolResult:
    """What a call produced. `status`: done | error | not_available | pending_confirmation."""

    call_id: str
    name: str
    status: str
    content: dict[str, Any]

    def for_model(self) -> str:
        """The result as the text of a `tool` message."""
        return json.dumps({"status": self.status, **self.content}, ensure_ascii=False, default=str)


@dataclass
class PendingConfirmation:
    """A validated call held back until the person approves it (never executed automatically)."""

    id: str
    call: ToolCall
    arguments: dict[str, Any]
    reason: str
    created_at: str

    def describe(self) -> str:
        args = ", ".join(f"{key}={value!r}" for key, value in self.arguments.items())
        return f"{self.call.name}({args}) — {self.reason}"


@dataclass
class ToolEnv:
    """What a handler may use: the open store and the current moment."""

    conn: sqlite3.Connection | None
    now: datetime


Handler = Callable[[dict[str, Any], ToolEnv], dict[str, Any]]
_HANDLERS: dict[str, Handler] = {}


class ToolNotAvailable(Exception):
    """Raised by a handler whose feature is not installed or not enabled."""


def register_handler(name: str) -> Callable[[Handler], Handler]:
    """Decorator: `@register_handler("set_reminder")` makes a feature's function answer that tool."""
    if name not in SCHEMAS:
        raise ValueError(f"unknown tool {name!r}; known: {sorted(SCHEMAS)}")

    def wrap(handler: Handler) -> Handler:
        _HANDLERS[name] = handler
        return handler

    return wrap


def tool_schemas(names: list[str] | None = None) -> list[dict[str, Any]]:
    """The tools in the OpenAI/Ollama `tools` format."""
    chosen = names or list(SCHEMAS)
    return [
        {"type": "function", "function": {"name": n, "description": SCHEMAS[n][0], "parameters": SCHEMAS[n][1]}}
        for n in chosen
    ]


def validate(name: str, arguments: Any) -> dict[str, Any]:
    """Parse and check arguments against the tool's schema; raises ValueError with a readable reason."""
    if name not in SCHEMAS:
        raise ValueError(f"there is no tool called {name!r}; the tools are {', '.join(sorted(SCHEMAS))}")
    if isinstance(arguments, str):
        text = arguments.strip() or "{}"
        try:
            arguments = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValueError(f"the arguments are not valid JSON ({exc.msg} at character {exc.pos})") from exc
    if not isinstance(arguments, dict):
        raise ValueError("the arguments must be a JSON object")
    schema = SCHEMAS[name][1]
    problems = _check_object(schema, arguments)
    if problems:
        raise ValueError("; ".join(problems))
    return arguments


def _check_object(schema: dict[str, Any], value: dict[str, Any]) -> list[str]:
    problems = [f"missing required argument '{key}'" for key in schema["required"] if key not in value]
    properties: dict[str, Any] = schema["properties"]
    problems += [f"unknown argument '{key}'" for key in value if key not in properties]
    for key, rule in properties.items():
        if key in value:
            problems += _check_value(key, rule, value[key])
    return problems


def _check_value(key: str, rule: dict[str, Any], value: Any) -> list[str]:
    if rule["type"] == "string":
        if not isinstance(value, str):
            return [f"'{key}' must be a string"]
        if len(value.strip()) < rule.get("minLength", 0):
            return [f"'{key}' must not be empty"]
        if len(value) > rule.get("maxLength", MAX_TEXT):
            return [f"'{key}' is longer than {rule['maxLength']} characters"]
    elif rule["type"] == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return [f"'{key}' must be a whole number"]
        if not rule.get("minimum", value) <= value <= rule.get("maximum", value):
            return [f"'{key}' must be between {rule['minimum']} and {rule['maximum']}"]
    return []


class Toolbox:
    """The tools offered to a model in one conversation, bound to the open store.

    Args:
        conn: the store connection handlers use (None: handlers that need it answer not available).
        clock: the time source.
    """

    def __init__(self, conn: sqlite3.Connection | None = None, clock: Callable[[], datetime] = utcnow) -> None:
        self.conn = conn
        self.clock = clock
        self.pending: list[PendingConfirmation] = []

    def schemas(self) -> list[dict[str, Any]]:
        return tool_schemas()

    def run(self, call: ToolCall, context: dict[str, Any] | None = None) -> ToolResult:
        """Validate and execute `call`, or hold it for the person's confirmation (see module docstring)."""
        try:
            arguments = validate(call.name, call.arguments)
        except ValueError as exc:
            return ToolResult(call.id, call.name, "error", {
                "message": f"Your call to {call.name} was not run: {exc}. Fix the arguments and call again, "
                "or answer without the tool.",
            })
        reason = _needs_confirmation(arguments, context or {})
        if reason:
            pending = PendingConfirmation(
                id="confirm_" + uuid.uuid4().hex[:12], call=call, arguments=arguments, reason=reason,
                created_at=to_iso(self.clock()),
            )
            self.pending.append(pending)
            return ToolResult(call.id, call.name, "pending_confirmation", {
                "message": "Not done: your person must confirm this first. Ask them plainly whether they want it.",
                "confirmation_id": pending.id,
            })
        return self._execute(call, arguments)

    def confirm(self, pending_id: str) -> ToolResult:
        """Run a held call after the person said yes."""
        for pending in self.pending:
            if pending.id == pending_id:
                self.pending.remove(pending)
                return self._execute(pending.call, pending.arguments)
        raise KeyError(pending_id)

    def _execute(self, call: ToolCall, arguments: dict[str, Any]) -> ToolResult:
        handler = _HANDLERS.get(call.name) or _DEFAULTS.get(call.name)
        try:
            if handler is None:
                raise ToolNotAvailable(f"{call.name.replace('_', ' ')} is not available in this version of OS1 yet.")
            content = handler(arguments, ToolEnv(self.conn, self.clock()))
        except ToolNotAvailable as exc:
            return ToolResult(call.id, call.name, "not_available", {
                "message": f"{exc} Tell your person you cannot do this yet."})
        except OS1Error as exc:  # the same checks as the CLI: a typed error with its message for the person
            return ToolResult(call.id, call.name, "error", {"message": str(exc)})
        return ToolResult(call.id, call.name, "done", content)


def _needs_confirmation(arguments: dict[str, Any], context: dict[str, Any]) -> str | None:
    outside = [str(item.get("text", "")) for item in context.get("untrusted") or [] if isinstance(item, dict)]
    if not outside:
        return None
    values = [str(value) for value in arguments.values()]
    for value in values:
        snippet = " ".join(value.split()).lower()
        if len(snippet) >= 8 and any(snippet in " ".join(text.split()).lower() for text in outside):
            return "its arguments repeat text that came from outside (mail or a file)"
    return "outside text (mail or a file) is part of this conversation"


# --- handlers for features already in OS1 -----------------------------------------------------------

def _look_up_person(arguments: dict[str, Any], env: ToolEnv) -> dict[str, Any]:
    from os1.people import tracker

    if env.conn is None:
        raise ToolNotAvailable("Looking people up needs the conversation's store.")
    found = tracker.find(env.conn, arguments["name"])
    dates = {kind: f"{d[0]:02d}-{d[1]:02d}" for kind, d in tracker.dates_of(env.conn, found.id).items()}
    notes = [f"{to_iso(at)[:10]}: {text}" for at, text in tracker.notes_of(env.conn, found.id, limit=5)]
    return {
        "name": found.label,
        "relation": found.relation,
        "last_in_touch": to_iso(found.last_contact)[:10] if found.last_contact else None,
        "dates": dates,
        "notes": notes,
    }


def _set_reminder(arguments: dict[str, Any], env: ToolEnv) -> dict[str, Any]:
    from os1.life.reminders import add_reminder

    if env.conn is None:
        raise ToolNotAvailable("Reminders need the conversation's store.")
    from os1.home import get_setting
    from os1.store.person import get_person

    tz_name = get_person(env.conn).timezone or get_setting("person.timezone")
    # The same parsing and checks as `os1 remind` (a past time or an unreadable one is a UserInputError).
    item = add_reminder(env.conn, arguments["when"], arguments["text"], env.now, tz_name)
    return {"id": item.id, "text": item.text, "due": to_iso(item.due_at), "every": item.every}


def _start_letter_draft(arguments: dict[str, Any], env: ToolEnv) -> dict[str, Any]:
    from os1.letters import conversation
    from os1.letters.drafting import draft_from_notes

    if env.conn is None:
        raise ToolNotAvailable("Letters need the conversation's store.")
    from os1.store.person import get_person

    recipient, occasion = arguments["recipient"], arguments.get("occasion")
    if arguments.get("notes"):
        letter = draft_from_notes(env.conn, recipient, arguments["notes"], occasion=occasion,
                                  sender=get_person(env.conn).name)
        return {"letter_id": letter.id, "recipient": letter.recipient, "draft": letter.text,
                "next": f"Show it to your person; they can change it with `os1 letters` (letter {letter.id})."}
    # Without notes, the guided conversation starts (one question at a time, in the person's words);
    # the person's next messages go to it.
    ask = f"help me write a letter to {recipient}" + (f" for {occasion}" if occasion else "")
    first = conversation.start(env.conn, ask, env.now)
    if first is None:
        raise ToolNotAvailable(f"I could not start a letter to {recipient!r}.")
    return {"started": True, "say_to_your_person": first}


def _remember_fact(arguments: dict[str, Any], env: ToolEnv) -> dict[str, Any]:
    from os1.memory.facts import FactCandidate, record_fact
    from os1.store.db import transaction

    if env.conn is None:
        raise ToolNotAvailable("Memory needs the conversation's store.")
    # The fact comes from what the person just said: their latest turn is its source, so forgetting that
    # turn forgets the fact too.
    row = env.conn.execute("SELECT id FROM turns WHERE role = 'person' ORDER BY ts DESC, rowid DESC LIMIT 1")
    source = row.fetchone()
    if source is None:
        raise ToolNotAvailable("There is nothing your person said yet to remember.")
    subject = "person" if arguments["subject"].strip().lower() in ("i", "me", "my", "myself") else arguments["subject"]
    fact = FactCandidate(subject, arguments["relation"].strip(), arguments["object"].strip(), 0.8)
    with transaction(env.conn):
        fact_id = record_fact(env.conn, fact, source[0], env.now)
    return {"fact_id": fact_id, "remembered": f"{fact.subject} {fact.relation} {fact.object}"}


def _forget_fact(arguments: dict[str, Any], env: ToolEnv) -> dict[str, Any]:
    from os1.store.db import transaction

    if env.conn is None:
        raise ToolNotAvailable("Memory needs the conversation's store.")
    subject = "person" if arguments["subject"].strip().lower() in ("i", "me", "my", "myself") else arguments["subject"]
    sql = "DELETE FROM memory_facts WHERE lower(subject) = lower(?) AND lower(relation) = lower(?)"
    values: list[str] = [subject, arguments["relation"]]
    if arguments.get("object"):
        sql += " AND lower(object) = lower(?)"
        values.append(arguments["object"])
    with transaction(env.conn):
        forgotten = env.conn.execute(sql, values).rowcount  # sources go with them (ON DELETE CASCADE)
    return {"forgotten": forgotten}


def _search_memory(arguments: dict[str, Any], env: ToolEnv) -> dict[str, Any]:
    from os1.memory.search import search

    if env.conn is None:
        raise ToolNotAvailable("Memory needs the conversation's store.")
    hits = search(env.conn, arguments["query"], k=int(arguments.get("k", 5)), at=env.now)
    return {"results": [{"text": h.text, "when": to_iso(h.ts)[:10], "speaker": h.speaker} for h in hits]}


_DEFAULTS: dict[str, Handler] = {
    "remember_fact": _remember_fact,
    "forget_fact": _forget_fact,
    "search_memory": _search_memory,
    "look_up_person": _look_up_person,
    "set_reminder": _set_reminder,
    "start_letter_draft": _start_letter_draft,
}
