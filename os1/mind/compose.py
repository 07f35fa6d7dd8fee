"""The built-in reply composer: a reply built from moves chosen by what the person needs right now.

Moves (authored lines in data/lines.toml, picked by os1.mind.lines so no sentence repeats within 50
replies): reflection (one clause said back with the perspective turned, os1.mind.reflect), naming and
validating the feeling (matched to its family and intensity), a link to something remembered, the
companion's own feeling (sometimes, when it helps), and one question at most — a follow-up on an open
thread whose time has passed, a question about an area of their life it knows nothing about, or an
open one. While the person is venting or grieving it asks nothing and stays with them. Greetings,
thanks, goodbyes, questions about itself (honest: a program with modelled feelings, never a human),
tasks it cannot do without a language model, and odd input (emoji, another language, code, links) have
their own moves.
What the composer writes back for the pipeline: `request.context["composed"]` = {"moves", "thread",
"topic"} so the companion can mark a thread as asked or a topic as asked about.
What this module leaves out: understanding (os1.mind.perceive), affect and curiosity state (their
modules), safety (os1.safety runs before any provider).
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from os1.clock import from_iso, humanize_gap
from os1.mind.lines import Writer, feeling_word
from os1.mind.perceive import Reading, from_analysis, perceive
from os1.mind.said_feeling import said_feeling
from os1.mind.surface import ENGLISH_WORDS
from os1.mind.understanding.acts import (
    asks_for_input,
    explains_a_slip,
    figure_of_speech,
    own_celebration,
    tells_good_news,
    wants_only_listening,
)
from os1.providers.base import ReplyRequest

_HUMAN = re.compile(
    r"\b(human|real person|a person|alive|a (ro)?bot|an ai|a machine|a computer|conscious|real\b)", re.I
)
_FEELINGS = re.compile(r"\b(feel(ings)?|emotions?|do you (love|like|care|get (sad|lonely|happy))|can you feel)\b", re.I)
_NAME = re.compile(r"\b(your name|who are you|what (should|do) i call you|why .*name)\b", re.I)
_WHAT = re.compile(r"\b(what are you|what is os1|how do you work|what can you do)\b", re.I)
_LUCK = re.compile(r"\b(wish me luck|fingers crossed|cross your fingers)\b", re.I)
_HOW = re.compile(r"\b(how are (you|u)|how('s| is) it going|how have you been|how do you feel today|you ok)\b", re.I)
_OWN_FEELING_MOVE = {
    "concern": "own_concern",
    "delight": "own_delight",
    "tenderness": "own_tenderness",
    "warmth": "own_warmth",
    "curiosity": "own_curiosity",
    "wistfulness": "own_wistfulness",
}
_FAMILY_LINES = {
    "grief": "grief",
    "lonely": "lonely",
    "anger": "anger",
    "fear": "fear",
    "sadness": "sadness",
    "disappointment": "sadness",
    "joy": "joy",
    "pride": "joy",
    "relief": "joy",
    "remorse": "remorse",
    "gratitude": "gratitude",
    "confusion": "confusion",
    "hope": "hope",
}
_SURFACE_MOVES = {
    "emoji_only": "emoji",
    "punctuation_only": "punctuation",
    "not_english": "not_english",
    "code": "code",
    "url": "url",
    "gibberish": "gibberish",
}
# Which of its own feelings may be voiced in answer to which kind of news.
_VOICED = {
    "positive": ("delight", "warmth"),
    "negative": ("concern", "tenderness", "wistfulness"),
    "other": ("curiosity", "warmth"),
}
# Feelings not named back: surprise is not something a person needs told they feel ("I'd be surprised if
# you weren't surprised"); the reply answers the news itself.
_UNNAMED = frozenset({"neutral", "surprise"})
# A clause longer than this is not said back: a reflection is a few words, never the person's sentence.
REFLECT_MAX_WORDS = 10
# ...and never most of the message: a reflection picks out a part of what was said.
REFLECT_MAX_SHARE = 0.6
# Longer messages are asked about themselves, never switched to a new topic of curiosity.
TOPIC_QUESTION_MAX_WORDS = 30
# Good news: celebrated first, then asked about.
_NEWS = frozenset({"joy", "pride", "relief"})
# Words that carry no topic: the English function words, plus a few everyday ones.
_STOP = ENGLISH_WORDS | frozenset(["felt", "get", "going", "her", "his", "really", "them", "then", "very"])


@dataclass
class Plan:
    """The sentences of one reply, in order, and what it did."""

    parts: list[str] = field(default_factory=list)
    moves: list[str] = field(default_factory=list)
    thread: str | None = None
    topic: str | None = None
    asked: bool = False

    def add(self, move: str, text: str | None) -> bool:
        if not text:
            return False
        self.parts.append(text)
        self.moves.append(move)
        self.asked = self.asked or text.rstrip().endswith("?")
        return True

    def text(self) -> str:
        return " ".join(self.parts)


def compose_reply(request: ReplyRequest) -> str:
    """The reply to `request.message`, composed without a language model."""
    context = request.context
    reading = _reading(request)
    seed = zlib.crc32(f"{request.message}|{len(request.history)}|{request.session_id}".encode())
    writer = Writer(_recent_replies(request), random.Random(seed))
    plan = Plan()
    _respond(plan, writer, reading, request)
    if not plan.parts:
        plan.add("ack", writer.pick("ack") or "I'm listening.")
    context["composed"] = {"moves": plan.moves, "thread": plan.thread, "topic": plan.topic}
    return plan.text()


def _reading(request: ReplyRequest) -> Reading:
    analysis = request.context.get("analysis")
    if isinstance(analysis, dict):
        return from_analysis(analysis, text=request.message)
    return perceive(request.message, request.now)


def _recent_replies(request: ReplyRequest) -> list[str]:
    recent = request.context.get("recent_replies")
    if isinstance(recent, list):
        return [str(r) for r in recent]
    return [t.text for t in request.history if t.role == "companion"]


def _respond(plan: Plan, writer: Writer, reading: Reading, request: ReplyRequest) -> None:
    odd = reading.surface.kind()
    if odd is not None:
        move = _SURFACE_MOVES[odd]
        if odd == "emoji_only" and reading.surface.emoji_feeling:
            move = f"emoji_{reading.surface.emoji_feeling}"
        plan.add(move, writer.pick(move, must=True))
        return
    intent = reading.intent
    bare = _bare_answer(reading.text)
    if bare is not None:
        asked = _last_reply(request).rstrip().endswith("?")
        move = ("go_on" if bare == "yes" else "let_be") if asked and bare in ("yes", "no") else "unasked"
        if asked and bare == "other":
            move = "ack"
        plan.add(move, writer.pick(move, must=True))
        return
    if explains_a_slip(reading.text):
        plan.add("slip", writer.pick("slip", must=True))
        return
    celebration = own_celebration(reading.text)
    if celebration is not None:
        plan.add(celebration, writer.pick(celebration, must=True))
        return
    figure = figure_of_speech(reading.text)
    if figure is not None and not said_feeling(reading.text) and reading.family != "grief":
        # "I could murder a pizza", "this traffic is killing me": what it means, never distress.
        move, _, thing = figure.partition(":")
        plan.add(move, writer.pick(move, thing=thing or "it", must=True))
        return
    contact = (request.context.get("contact_with") or [None])[0]
    if contact and not reading.troubled:
        # Real contact with someone is what OS1 counts as success: it is glad, and says so first.
        plan.add("contact", writer.pick("contact", who=str(contact), must=True))
    if not contact and reading.people and _looks_ahead(reading, request.now) and not reading.troubled \
            and _SEEING.search(reading.text):
        # A plan to see someone is the kind of thing OS1 is for: glad first, and asked about afterwards.
        who = reading.people[0]
        plan.add("contact_plan", writer.pick("contact_plan", who=who.name or who.phrase(), must=True))
    if _MISSING_SOMEONE.search(reading.text) and reading.people:
        who = reading.people[0]
        plan.add("offer_write", writer.pick("offer_write", who=who.name or who.phrase(), must=True))
        return
    if _leans_on_me(reading.text):
        # "Talking to you beats seeing people": warmth, never agreement; the companion adds one step
        # toward a real person after the reply (os1.companion._turn_outward).
        plan.add("dependence", writer.pick("dependence", must=True))
        return
    if intent == "greeting":
        _greet(plan, writer, request)
    elif intent == "thanks":
        plan.add("thanks", writer.pick("thanks", must=True))
    elif intent == "goodbye":
        plan.add("goodbye", writer.pick("goodbye", must=True))
    elif intent == "about_companion":
        _about_self(plan, writer, reading, request)
    elif intent == "task_request":
        plan.add("cant_do", writer.pick("cant_do", must=True))
    elif asks_for_input(reading.text):
        plan.add("advice", writer.pick("advice", must=True))
    elif intent == "question_to_companion" and not reading.negative:
        plan.add("question_reply", writer.pick("question_reply", must=True))
    else:
        _listen(plan, writer, reading, request)


def _greet(plan: Plan, writer: Writer, request: ReplyRequest) -> None:
    name = request.person.call_name
    if name:
        plan.add("greeting", writer.pick("greeting_open", name=name))
    thread = _due_thread(request)
    if thread is not None:
        plan.add("greeting", writer.pick("greeting", question=False))
        _follow_up(plan, writer, thread, request.now)
    else:
        plan.add("greeting", writer.pick("greeting", must=True))


def _about_self(plan: Plan, writer: Writer, reading: Reading, request: ReplyRequest) -> None:
    text = reading.text
    mood = str((request.context.get("affect") or {}).get("label") or "calm")
    persona = request.persona
    if not _HOW.search(text) and _safety_honesty(plan, writer, text, persona.name, len(request.history)):
        return
    if _HOW.search(text):
        plan.add("self_how", writer.pick("self_how", mood=mood, must=True))
    elif _HUMAN.search(text):
        plan.add("self_human", writer.pick("self_human", must=True))
    elif _FEELINGS.search(text):
        plan.add("self_feelings", writer.pick("self_feelings", mood=mood, must=True))
    elif _NAME.search(text):
        why = f"I picked it because {persona.why.rstrip('.')}." if persona.why else "I liked the sound of it."
        plan.add("self_name", writer.pick("self_name", companion=persona.name, why=why, must=True))
    elif _WHAT.search(text):
        plan.add("self_what", writer.pick("self_what", must=True))
    else:
        plan.add("self_other", writer.pick("self_other", must=True))


def _safety_honesty(plan: Plan, writer: Writer, text: str, name: str, turn: int) -> bool:
    """Answer a question about its nature with the safety layer's honest answers.

    os1.safety.honesty is the one authority on what the companion says it is; the composer's own lines
    say the same (a program with modelled feelings, never a human) when those answers were said lately.
    """
    from os1.safety.honesty import honest_answer, nature_question

    topic = nature_question(text)
    if topic is None:
        return False
    for offset in range(4):
        answer = honest_answer(topic, name, turn + offset)
        if writer.fresh(answer):
            writer.take(answer)
            return plan.add("honesty", answer)
    return False


def _listen(plan: Plan, writer: Writer, reading: Reading, request: ReplyRequest) -> None:
    """The heart of it: reflect, name the feeling, maybe remember or feel, then one question or stay."""
    rng = writer.rng
    family = reading.family
    answering = (request.context.get("answering") or [None])[0]
    if isinstance(answering, dict) and answering.get("kind") == "event" and _just_back(reading):
        # "back from the vet": the news is still to come, so ask for it.
        plan.add("report_question", writer.pick("report_question", subject=_the(answering), question=True))
        return
    if reading.family == "relief" and not _big_news(reading):
        plan.add("relief", writer.pick("relief", must=True))
    if wants_only_listening(reading.text):
        # The turn that asks OS1 just to listen gets exactly that: a promise to listen, nothing else.
        plan.add("listening_only", writer.pick("listening_only", must=True))
        return
    if reading.surface.long:
        plan.add("long", writer.pick("long"))
    elif reading.surface.shouting:
        plan.add("shouting", writer.pick("shouting"))
    if _big_news(reading):
        plan.add("congratulate", writer.pick("congratulate", question=False))
        if re.search(r"\b(but|though|although|except)\b", reading.text, re.I):
            plan.add("mixed", writer.pick("mixed_news", question=False))  # "…but it means leaving my mum"
    if request.context.get("listen_only") and family == "neutral":
        plan.add("ack", writer.pick("ack_heavy", question=False))  # listening to a hard thing, told plainly
    if family == "grief":
        lost = reading.people[0].phrase() if reading.people else None
        line = writer.pick("condolence_person", who=lost, must=True) if lost else None
        plan.add("condolence", line or writer.pick("condolence", must=True))
    reflection = None if family == "grief" else _reflection(reading)  # a loss is never said back to them
    if reflection and (writer.said_lately(reflection) or _parrots(reflection, reading.text)):
        reflection = None
    if reflection and "congratulate" not in plan.moves and (family != "neutral" or rng.random() < 0.35):
        _reflect(plan, writer, reading, reflection)
    elif not plan.parts and reading.troubled:
        # Only for a hard thing: a pleasant reading can be wrong ("my manager took credit for my idea"), and
        # "Oh, credit! Well done." would be far worse than no topic at all.
        _name_the_topic(plan, writer, reading)
    _validate(plan, writer, reading)
    if _LUCK.search(reading.text):
        plan.add("luck", writer.pick("luck", question=False))
    if family != "grief" and rng.random() < 0.35:
        plan.add("memory", _memory_link(writer, reading, request))
    _own_feeling(plan, writer, reading, request)
    if reading.venting or request.context.get("listen_only"):
        plan.add("stay", writer.pick("stay", question=False))
        return
    _one_question(plan, writer, reading, request)


# Seeing or calling someone: "go round for lunch", "meeting Jonah", "visit my gran", "call my dad".
_SEEING = re.compile(
    r"\b(?:see|seeing|visit|visiting|meet|meeting|go round|going round|go over|lunch|dinner|coffee|drinks|call|"
    r"calling|ring|ringing|catch up|catching up|stay with|staying with)\b",
    re.IGNORECASE,
)
# Missing someone, and not knowing how to reach them again: OS1 offers to help with the words.
_MISSING_SOMEONE = re.compile(
    r"\bi miss\b.*\b(?:don'?t know how to|not sure how to|haven'?t (?:talked|spoken)|been so long|after so long|"
    r"lost touch)\b|\blost touch with\b",
    re.IGNORECASE,
)
_BARE_YES = re.compile(r"^\W*(yes|yeah|yep|yup|sure|ok(ay)?|please|yes please|definitely|i guess so)\W*$", re.I)
_BARE_NO = re.compile(r"^\W*(no|nope|nah|not really|no thanks|not now)\W*$", re.I)
_BARE_OTHER = re.compile(
    r"^\W*(the \w+ one|that one|this one|both|neither|either|maybe|the first|the second)\W*$", re.I
)


def _bare_answer(text: str) -> str | None:
    """"yes", "no" or "other" when the whole message is a bare answer, else None."""
    if _BARE_YES.match(text):
        return "yes"
    if _BARE_NO.match(text):
        return "no"
    return "other" if _BARE_OTHER.match(text) else None


def _last_reply(request: ReplyRequest) -> str:
    return next((t.text for t in reversed(request.history) if t.role == "companion"), "")


def _leans_on_me(text: str) -> bool:
    from os1.safety.dependence import isolation_phrase

    return isolation_phrase(text) is not None


def _name_the_topic(plan: Plan, writer: Writer, reading: Reading) -> None:
    """Say back what the message is about, briefly ("Oh no — your car."), so the reply is about it."""
    from os1.mind.reflect import topic_of

    topic = topic_of(reading.text)
    if topic:
        plan.add("topic", writer.pick("topic_heavy", topic=topic, Topic=topic[:1].upper() + topic[1:], question=False))


def _big_news(reading: Reading) -> bool:
    """Good news the person tells (a job, a place, an engagement), exclaimed or told as done: congratulated.
    A pleasant mood, a hope, a remark about OS1 ("you're better company") or a question is not news."""
    text = reading.text
    if tells_good_news(text):
        return True
    if reading.family not in ("joy", "pride") or text.rstrip().endswith("?") or _LUCK.search(text):
        return False
    if re.search(r"\b(you|your|you're)\b", text, re.I):
        return False
    return "!" in text or (reading.intent == "share_news" and _tells_of_past(text))


def _just_back(reading: Reading) -> bool:
    """A short report with no news in it yet ("back from the vet", "just got home from the hospital")."""
    return reading.family in ("neutral", "surprise") and len(reading.text.split()) <= 12 and bool(
        re.search(r"\b(back|home|got out|done|finished|out of)\b", reading.text, re.I)
    )


def _the(thread: dict[str, Any]) -> str:
    """How a thread's subject is said: "the vet", "the call with the landlord", "your mum"."""
    subject = str(thread.get("subject") or "it")
    return subject if subject.startswith(("your ", "the ")) else f"the {subject}"


def _parrots(reflection: str, message: str) -> bool:
    """Would saying `reflection` back sound like a parrot? It does when it was said lately, is long, or is
    most of what the person said (then it is their sentence with the pronouns swapped, not listening)."""
    words = len(reflection.split())
    return words > REFLECT_MAX_WORDS or words > REFLECT_MAX_SHARE * len(message.split())


def _reflect(plan: Plan, writer: Writer, reading: Reading, reflection: str) -> None:
    """Say the clause back in a frame; half the time in one that fits the weight of the news."""
    capital = reflection[:1].upper() + reflection[1:]
    toned = "reflect_heavy" if reading.negative else "reflect_bright" if reading.family in _NEWS else None
    text = writer.pick(toned, r=reflection, R=capital) if toned and writer.rng.random() < 0.5 else None
    plan.add("reflect", text or writer.pick("reflect", r=reflection, R=capital))


def _reflection(reading: Reading) -> str | None:
    from os1.mind.reflect import reflect

    text = reading.text.lower() if reading.surface.shouting else reading.text
    text = re.sub(r"^\W*(?:update|news|ps|p\.s\.|btw|fyi|ok so|so|anyway)\W+", "", text, flags=re.I)
    try:
        found = reflect(text)
    except Exception:  # a parser hiccup must never cost the person a reply
        return None
    if found is None or not found.about_person:
        return None
    if re.search(r"\b(is|are|was|were|be|been|to|the|a|an|of|and|or|your|my|'s)$", found.text.strip(), re.I):
        return None  # a clause cut before its end ("your partner Sam's birthday is") is not said back
    return found.text


def _validate(plan: Plan, writer: Writer, reading: Reading) -> None:
    family = reading.family
    if "congratulate" in plan.moves or "contact" in plan.moves or "contact_plan" in plan.moves:
        return  # the congratulations (or gladness) said what the news deserves; "you're happy" after it is hollow
    if family in _UNNAMED:
        if "reflect" not in plan.moves:
            # "Love that detail." only where the tone is good: never for a rent rise read as neutral; and
            # a hint of something hard gets "That doesn't sound easy.", not "That's useful to know" (a late
            # bus, only a sour word, gets neither).
            acks: str | tuple[str, ...] = "ack"
            if reading.hinted_trouble or reading.venting:
                acks = "ack_heavy"
            elif reading.pleasant:
                acks = ("ack", "ack_bright")
            plan.add("ack", writer.pick(acks, question=False))
        return
    family_move = _FAMILY_LINES.get(family)
    wants_line = family == "grief" or (family_move and writer.rng.random() < 0.45)
    if wants_line and plan.add("name_feeling", writer.pick(family_move or "sadness", question=False)):
        return
    feel = reading.their_word or feeling_word(family, reading.intensity)  # "angry" when they said angry
    reflected = " ".join(plan.parts).lower()
    if feel and feel.split()[-1] in reflected and family_move:
        # The reflection already named the feeling: say something about it instead of naming it twice.
        plan.add("name_feeling", writer.pick(family_move, question=False))
    elif feel:
        move = "validate_positive" if reading.positive else "validate_negative"
        plan.add("name_feeling", writer.pick(move, feel=feel, question=False))


def _own_feeling(plan: Plan, writer: Writer, reading: Reading, request: ReplyRequest) -> None:
    """Say its own feeling sometimes: when something big was shared, never to hold the person here."""
    affect = request.context.get("affect") or {}
    feelings = affect.get("feelings") or {}
    if not feelings or reading.family == "neutral" or writer.rng.random() > 0.1 + 0.3 * reading.intensity:
        return
    from os1.mind.affect import BASELINE

    kind = "positive" if reading.positive else "negative" if reading.negative else "other"
    risen = {k: float(v) - BASELINE.get(k, 0.5) for k, v in feelings.items() if k in _VOICED[kind]}
    if not risen:
        return
    name, rise = max(risen.items(), key=lambda kv: kv[1])
    if rise >= 0.12:
        plan.add("own_feeling", writer.pick(_OWN_FEELING_MOVE[name], question=False))


def _one_question(plan: Plan, writer: Writer, reading: Reading, request: ReplyRequest) -> None:
    if plan.asked or "luck" in plan.moves:  # luck wished is the right last word before a big day
        return
    thread = _due_thread(request)
    # A follow-up waits for an ordinary moment: after news or a hard thing it would change the subject.
    if thread is not None and reading.family in _UNNAMED and _follow_up(plan, writer, thread, request.now):
        return
    if reading.family in _NEWS:
        move = "upcoming_question" if _looks_ahead(reading, request.now) else "news_question"
        if writer.rng.random() < 0.8:
            plan.add("question", writer.pick(move, question=True))
        return
    # "Where were you when it happened?" and "What was the best part of it?" only follow a message that
    # told of something that happened, never "I love my sister, she's my rock".
    past = _tells_of_past(reading.text)
    if reading.people and reading.family == "neutral" and not past and "contact_plan" not in plan.moves:
        # "My sister Yusra lives in Leeds": ask about the person just mentioned, never switch topic.
        who = reading.people[0]
        named = who.name or who.phrase()
        plan.add("question", writer.pick("person_question", who=named, question=True))
        return
    topic = request.context.get("curious_about")
    # Something that happened, or a long message, has a subject of its own: "Who did you grow up with?"
    # after the day at the coast, or a page about a job move, would say it was not heard.
    if (
        isinstance(topic, str)
        and reading.family == "neutral"
        and not past
        and not (reading.people or reading.places or reading.dates)
        and len(reading.text.split()) <= TOPIC_QUESTION_MAX_WORDS
        and writer.rng.random() < 0.6
        and plan.add("topic_question", writer.pick(f"topic_{topic}", question=True))
    ):
        plan.topic = topic
        return
    # Not every reply needs a question: ordinary talk gets one a little over half the time. A hard
    # moment gets a gentle question, never "what was the best part?" (that one waits for a good tone);
    # a hope gets asked about its future.
    moves: tuple[str, ...] = ("open_question", "event_question") if past else ("open_question",)
    if reading.troubled:
        moves = ("gentle_question",)
    elif reading.family == "hope":
        moves = ("hope_question",)
    elif reading.pleasant and past:
        moves = (*moves, "bright_question")
    if writer.rng.random() < (0.55 if reading.family == "neutral" else 0.7):
        plan.add("question", writer.pick(moves, question=True))


def follow_up_line(thread: dict[str, Any], now: datetime, recent: list[str]) -> str | None:
    """The question that follows up an open thread ("How did the interview go?"), for an opening line."""
    plan = Plan()
    writer = Writer(recent, random.Random(zlib.crc32(str(thread.get("id")).encode())))
    return plan.text() if _follow_up(plan, writer, thread, now) else None


def _due_thread(request: ReplyRequest) -> dict[str, Any] | None:
    threads = request.context.get("threads") or []
    return threads[0] if threads and isinstance(threads[0], dict) else None


def _follow_up(plan: Plan, writer: Writer, thread: dict[str, Any], now: datetime) -> bool:
    subject = str(thread.get("subject") or "").strip()
    if thread.get("kind") == "checkin":
        opened = from_iso(str(thread["opened_at"])) if thread.get("opened_at") else None
        day, _on_day = _day_words(opened, now)
        if plan.add("follow_up", writer.pick("followup_checkin", day=day)):
            plan.thread = str(thread.get("id"))
            return True
        return False
    if not subject:
        return False
    if thread.get("kind") == "worry":
        text = writer.pick("followup_worry", subject=subject)
    elif subject.startswith("your "):
        return False
    else:
        event_at = from_iso(str(thread["event_at"])) if thread.get("event_at") else None
        day, on_day = _day_words(event_at, now)
        # "plans" is what a dated plan without an event word is called: its lines never say "the plans was";
        # other plural subjects ("results") get lines whose verbs agree with them.
        move = "followup_plans" if subject == "plans" else "followup_plural" if _plural(subject) else "followup"
        text = writer.pick(move, subject=subject, day=day, on_day=on_day)
    if plan.add("follow_up", text):
        plan.thread = str(thread.get("id"))
        return True
    return False


def _plural(subject: str) -> bool:
    last = subject.split()[-1].lower()
    return last.endswith("s") and not last.endswith(("ss", "us", "is"))


def _day_words(event_at: datetime | None, now: datetime) -> tuple[str, str]:
    """("Friday", "on Friday") for a day in the last week, ("November 12", "on November 12") before."""
    if event_at is None:
        return "that day", "that day"
    if (now.date() - event_at.date()).days == 0:
        return "today", "today"
    if (now.date() - event_at.date()).days == 1:
        return "yesterday", "yesterday"
    if (now.date() - event_at.date()).days < 7:
        name = event_at.strftime("%A")
        return name, f"on {name}"
    label = f"{event_at.strftime('%B')} {event_at.day}"
    return label, f"on {label}"


def _memory_link(writer: Writer, reading: Reading, request: ReplyRequest) -> str | None:
    """A line linking this message to something said before (memories when given, else history)."""
    from os1.mind.reflect import reflect

    words = _content_words(reading.text)
    nouns = _nouns(reading.text)
    if not words:
        return None
    candidates: list[tuple[str, datetime]] = []
    for memory in request.context.get("memories") or []:
        if isinstance(memory, dict) and memory.get("role", "person") == "person" and memory.get("ts"):
            candidates.append((str(memory.get("text", "")), from_iso(str(memory["ts"]))))
    if not candidates:
        candidates = [(t.text, t.ts) for t in request.history if t.role == "person"]
    for text, at in reversed(candidates):
        age = request.now - at
        if age.total_seconds() < 3600 or text.strip() == reading.text.strip():
            continue
        shared = words & _content_words(text)
        # Two words in common, one of them a thing or a name ("birthday", "Anna"): "passed" and "believe"
        # alone once linked "I passed my exam!" to a death.
        if (len(shared) >= 2 and shared & nouns) or any(p.relation and p.relation in shared for p in reading.people):
            found = reflect(text)
            if found is None or not found.about_person:
                continue
            gap = humanize_gap(age)
            when = "yesterday" if gap == "a day" else f"{gap} ago"
            return writer.pick("memory_link", when=when, what=found.text)
    return None


def _looks_ahead(reading: Reading, now: datetime) -> bool:
    """Is the message about something still to come (a plan, or a day after today)?"""
    if any(d.kind == "plan" for d in reading.disclosures):
        return True
    return any(d.at is not None and d.at.date() > now.date() for d in reading.dates)


def _tells_of_past(text: str) -> bool:
    """Does any sentence of the message have its main verb in the past ("We went to the coast")?"""
    from os1.mind.nlp import parse
    from os1.mind.understanding.disclosures import is_past

    return any(is_past(sentence) for sentence in parse(text[:1500]).sents)


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z']{3,}", text.lower()) if w not in _STOP}


def _nouns(text: str) -> set[str]:
    from os1.mind.nlp import parse

    return {t.lower_ for t in parse(text[:1500]) if t.pos_ in ("NOUN", "PROPN")}
