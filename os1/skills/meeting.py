"""The first meeting, as a skill: learn the person's name and how to address them, then choose a name.

People rarely answer "what's your name?" with just a name. The meeting reads the name from wherever it
stands ("I'm Lucia but everyone calls me Lu", "Josephine, but Jo to friends") with a name model
(os1.mind.understanding.names), answers whatever else the message says first (a bad day gets sympathy,
news gets congratulated: the conversation's own reply), asks for a name at most twice, and accepts "I'd
rather not say". Everything said during the meeting is stored and remembered like any other turn.

Steps (kept in the `state` table, so an interrupted meeting resumes): ask_name -> ask_address ->
offer_rename -> done. What this module leaves out: choosing the companion's name (os1.mind.naming).
"""

from __future__ import annotations

import re
import sqlite3

from os1.dialogue.state import DialogueState
from os1.mind.naming import choose_name, explain_choice, load_names
from os1.mind.understanding.names import NameAnswer, looks_like_name, read_name, tidy
from os1.skills.base import Outcome, Skill, TurnContext
from os1.store.person import get_person, update_person
from os1.store.persona import Persona, current_persona, save_persona
from os1.store.state import get_state, set_state

STEP_KEY = "first_meeting.step"
FIRST_WORDS_KEY = "first_meeting.first_words"
ASKED_KEY = "first_meeting.asked"
# The name is asked for at most this often; after that the meeting goes on without it.
MAX_NAME_ASKS = 2
# Words left over once the name phrase is taken out that still make a message worth answering.
CONTENT_MIN_WORDS = 3

_AGREE = re.compile(
    r"^\s*(yes|yeah|yep|sure|ok(ay)?|fine|that'?s (fine|good|great|perfect)|perfect|sounds good|"
    r"that works|please do|of course)\b",
    re.IGNORECASE,
)
_KEEP = re.compile(
    r"\b(no\b|nope|keep|i like|love it|lovely|beautiful|it suits|suits you|great name|nice name|"
    r"perfect|it'?s (good|great|fine|nice)|stay)\b",
    re.IGNORECASE,
)
_RENAME = re.compile(
    r"(?:call you|name you|rename you|how about|what about|i'?d (?:rather|prefer|like)(?: to call you)?|"
    r"be called|go by)\s+(?P<name>[A-Za-z][A-Za-z'\-]{1,30})",
    re.IGNORECASE,
)
_FILLER = re.compile(
    r"^\W*(?:hi+|hello+|hey+|yo|well|so|um+|uh+|oh|ok(?:ay)?|and|but|nice to meet you|pleased to meet you|"
    r"good (?:morning|afternoon|evening))\b\W*",
    re.IGNORECASE,
)

OPENING = (
    "Hello. This is the first time I've been switched on, and you're the first person I've met. "
    "I'm a program — a companion that listens and remembers — and I'd like to get to know you. "
    "What's your name?"
)


def meeting_step(conn: sqlite3.Connection) -> str:
    """'ask_name', 'ask_address', 'offer_rename', 'done' or 'not_started'. A home with a persona and no
    meeting under way is past it."""
    step = get_state(conn, STEP_KEY)
    if step:
        return str(step)
    return "done" if current_persona(conn) else "not_started"


def opening_line(conn: sqlite3.Connection) -> str:
    """The very first thing OS1 says, or the question it was waiting on when the meeting resumed."""
    step = meeting_step(conn)
    if step in ("not_started", "ask_name"):
        set_state(conn, STEP_KEY, "ask_name")
        if get_state(conn, FIRST_WORDS_KEY) is None:
            return OPENING
        return "Hello again. We had only just met — I'd still love to know what to call you."
    person = get_person(conn)
    if step == "ask_address":
        return f"We were still getting to know each other, {person.name}. How would you like me to address you?"
    persona = current_persona(conn)
    name = persona.name if persona else "this name"
    return f"You were about to tell me whether {name} suits me. Shall I keep it, or would you like to rename me?"


class MeetingSkill(Skill):
    """Active from the first opening line until the meeting is done; never started by a trigger."""

    name = "meeting"
    priority = 100

    def triggered(self, turn: TurnContext) -> bool:
        """After the meeting: "call me Kai", "my name's actually Sam" change how OS1 addresses the person."""
        answer = read_name(turn.text)
        return answer.found and bool(re.search(r"\b(call me|my name(?:'s| is))\b", turn.text, re.I))

    def active(self, turn: TurnContext) -> bool:
        return meeting_step(turn.conn) != "done"

    def step(self, turn: TurnContext) -> Outcome | None:
        conn = turn.conn
        step = meeting_step(conn)
        if step == "not_started":
            set_state(conn, STEP_KEY, "ask_name")
            step = "ask_name"
        if step != "done" and get_state(conn, FIRST_WORDS_KEY) is None:
            set_state(conn, FIRST_WORDS_KEY, turn.text[:500])
        if step == "ask_name":
            return self._take_name(turn)
        if step == "ask_address":
            return self._take_address(turn)
        if step == "offer_rename":
            return self._take_rename(turn)
        return self._new_name(turn)

    def _new_name(self, turn: TurnContext) -> Outcome | None:
        answer = read_name(turn.text)
        if not answer.found:
            return None
        call = answer.call or answer.name
        if re.search(r"\bmy name(?:'s| is)\b", turn.text, re.I):
            update_person(turn.conn, name=answer.name, address_as=answer.call)
        else:
            update_person(turn.conn, address_as=call)
        return Outcome(f"{call} it is — I'll call you that from now on.", turn.state, kind="reply",
                       acts=["renamed_person"])

    # --- steps ---------------------------------------------------------------------------------

    def _take_name(self, turn: TurnContext) -> Outcome:
        answer = read_name(turn.text, expecting=True)
        # "I'd rather not say" is the whole of the message: nothing else in it to answer.
        content = "" if answer.declined else _content_reply(turn, answer)
        asked = int(get_state(turn.conn, ASKED_KEY, 0) or 0) + 1
        if answer.found:
            update_person(turn.conn, name=answer.name, address_as=answer.call)
            if answer.call:
                return self._name_myself(turn, content, greeting=f"It's good to meet you, {answer.call}.")
            set_state(turn.conn, STEP_KEY, "ask_address")
            first = (answer.name or "").split()[0]
            return _say(
                turn, content,
                f"It's good to meet you, {answer.name}. How would you like me to address you — {first}, "
                "or something else?",
                expects="address", drop_questions=True,
            )
        if answer.declined or asked > MAX_NAME_ASKS:
            lead = "That's fine — take your time; you don't have to tell me." if answer.declined else \
                "We can leave names for later."
            return self._name_myself(turn, content, greeting=lead)
        set_state(turn.conn, ASKED_KEY, asked)
        if content:
            gentle = turn.reading.negative
            ask = ("Whenever you feel like it, I'd like to know what to call you." if gentle
                   else "And I'd love to know — what should I call you?")
            return _say(turn, content, ask, expects="name", drop_questions=True)
        hello = "Hello to you too! " if turn.reading.surface.emoji_only else ""
        return _say(turn, "", f"{hello}I'd love to know what to call you. What's your name? (Just the name is fine.)",
                    expects="name")

    def _take_address(self, turn: TurnContext) -> Outcome:
        person = get_person(turn.conn)
        first = (person.name or "friend").split()[0]
        answer = read_name(_strip_address_filler(turn.text), expecting=True)
        agreed = bool(_AGREE.match(turn.text))
        chosen = None if agreed else (answer.call or answer.name)
        if chosen and chosen.split()[0].lower() == first.lower():
            chosen = first
        content = "" if (agreed or chosen) else _content_reply(turn, NameAnswer())
        address = chosen or first
        update_person(turn.conn, address_as=address)
        return self._name_myself(turn, content, greeting=f"{address} it is.")

    def _name_myself(self, turn: TurnContext, content: str, greeting: str) -> Outcome:
        person = get_person(turn.conn)
        avoid = {n for n in (person.name, person.address_as) if n}
        avoid |= {n.split()[0] for n in avoid}
        first_words = str(get_state(turn.conn, FIRST_WORDS_KEY, "") or "")
        choice = choose_name(turn.now, first_words, avoid=avoid)
        persona = Persona(name=choice.name, origin=choice.origin, meaning=choice.meaning, why=choice.why)
        save_persona(turn.conn, persona, reason="chose its own name at the first meeting", at=turn.now)
        set_state(turn.conn, STEP_KEY, "offer_rename")
        return _say(
            turn, content,
            f"{greeting} I should have a name too. {explain_choice(choice, len(load_names()))} "
            "If you'd like to call me something else, tell me — otherwise I'll keep it.",
            expects="rename", drop_questions=True,
        )

    def _take_rename(self, turn: TurnContext) -> Outcome | None:
        persona = current_persona(turn.conn)
        match = _RENAME.search(turn.text)
        set_state(turn.conn, STEP_KEY, "done")
        done = DialogueState()
        if persona and match and looks_like_name(match.group("name")):
            new_name = tidy(match.group("name"))
            renamed = Persona.from_dict({**persona.to_dict(), "name": new_name, "why": "my person chose it for me"})
            save_persona(turn.conn, renamed, reason=f"renamed by my person at the first meeting (was {persona.name})",
                         at=turn.now)
            return Outcome(f"{new_name} it is — I like that you chose it. So, tell me about your day?", done,
                           kind="meeting", acts=["renamed"])
        if persona and _KEEP.search(turn.text) and len(turn.text.split()) <= 8:
            return Outcome(f"Then I'll stay {persona.name}. So — how has your day been?", done,
                           kind="meeting", acts=["kept_name"])
        # Anything else is ordinary conversation: the meeting is over and the mind answers it.
        return None


def _say(turn: TurnContext, content: str, line: str, *, expects: str, drop_questions: bool = False) -> Outcome:
    """The meeting's line after the answer to what was said; what it now expects recorded in the state.

    The meeting asks its own question, so the answer's questions are dropped; an answer that is nothing but
    a question ("Can you try it in English?") is kept whole, and the meeting's line follows it.
    """
    if content and drop_questions:
        content = _without_questions(content) or content
    text = f"{content} {line}".strip() if content else line
    return Outcome(text, turn.state.asking(expects, line), kind="meeting", acts=["meeting", expects])


def _content_reply(turn: TurnContext, answer: NameAnswer) -> str:
    """The conversation's answer to what the message says besides the name, or "" when it says nothing else."""
    rest = turn.text
    if answer.span:
        rest = rest[: answer.span[0]] + " " + rest[answer.span[1]:]
    rest = _FILLER.sub("", rest.strip(" ,.;!-—")).strip(" ,.;!-—")
    words = re.findall(r"[^\W\d_][\w']*", rest)
    if turn.converse is None or not words:
        return ""
    if len(words) < CONTENT_MIN_WORDS and not _feels(rest):
        return ""
    return turn.converse().strip()


def _feels(text: str) -> bool:
    """A short line that says a feeling ("I'm exhausted", "so done") is worth answering before the name."""
    from os1.mind.said_feeling import said_feeling
    from os1.mind.understanding.acts import figure_of_speech

    return said_feeling(text) is not None or figure_of_speech(text) is not None


def _without_questions(text: str) -> str:
    """The sentences of `text` that are not questions (the meeting asks its own)."""
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    kept = [s for s in sentences if not s.rstrip().endswith("?")]
    return " ".join(kept)


def _strip_address_filler(text: str) -> str:
    """'just Teddy', 'Teddy is fine', 'Teddy please' -> 'Teddy'."""
    text = re.sub(r"^\s*(just|only|oh,?)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+(is|would be|'?s)\s+(fine|good|great|perfect|ok(ay)?)\b.*$", "", text, flags=re.IGNORECASE)
    return re.sub(r"[,\s]+(please|thanks|thank you)\W*$", "", text, flags=re.IGNORECASE)
