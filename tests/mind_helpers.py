"""Helpers for the mind's tests: a real home, a real companion, a clock the test moves; and for the
composer's unit tests, analyses written by hand and a reply composed from one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

from os1.companion import Companion
from os1.mind.compose import compose_reply
from os1.mind.lines import lines
from os1.providers.base import ReplyRequest
from os1.store import open_store
from os1.store.conversation import Turn
from os1.store.person import Person
from os1.store.persona import Persona

MEETING = ("Theodore", "Teddy is fine", "I like it")


class Clock:
    """A clock the test moves by hand (the companion takes any callable)."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@contextmanager
def companion_after_meeting(start: datetime | None = None) -> Iterator[tuple[Companion, Clock]]:
    """A companion in a fresh OS1_HOME (set by conftest), past the first meeting."""
    clock = Clock(start or datetime(2026, 11, 23, 18, 0, tzinfo=UTC))  # a Monday evening
    conn = open_store()
    try:
        companion = Companion(conn, clock=clock, warm=False)
        companion.opening()
        for line in MEETING:
            clock.advance(seconds=30)
            companion.reply(line)
        yield companion, clock
    finally:
        conn.close()


def questions(text: str) -> int:
    return len(re.findall(r"\?", text))


COMPOSE_NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


def analysis(text: str, scores: dict[str, float], sentiment: float = 0.0, intent: str = "small_talk") -> dict[str, Any]:
    """An analysis in the shape `Analysis.to_dict()` gives; `emotions` are the labels scored at all."""
    emotions = [label for label in sorted(scores, key=lambda k: -scores[k]) if label != "neutral"] or ["neutral"]
    return {
        "text": text,
        "emotions": emotions,
        "emotion_scores": scores,
        "sentiment": sentiment,
        "intent": intent,
        "entities": {},
        "disclosures": [],
    }


def compose(
    reading: dict[str, Any], session: int = 1, history: tuple[str, ...] = (), **context: Any
) -> tuple[str, list[str]]:
    """The reply and its moves; `session` changes the composer's random choices; `history` holds things
    the person said three days ago."""
    said = [
        Turn(f"h{n}", 0, COMPOSE_NOW - timedelta(days=3), "Theodore", "person", text) for n, text in enumerate(history)
    ]
    request = ReplyRequest(
        message=str(reading["text"]),
        persona=Persona(name="Olive", origin="chosen at first meeting", meaning="", why="I liked it."),
        person=Person(name="Theodore", address_as="Teddy", country="GB", timezone="Europe/London"),
        history=said,
        now=COMPOSE_NOW,
        session_id=session,
        context={"analysis": reading, **context},
    )
    text = compose_reply(request)
    return text, list(request.context["composed"]["moves"])


def said_from(move: str, sentence: str) -> bool:
    """Was `sentence` written from one of `move`'s lines (placeholders match anything)?"""
    for line in lines()[move]:
        pattern = re.sub(r"\\\{\w+\\\}", ".+", re.escape(line))
        if re.fullmatch(pattern, sentence):
            return True
    return False
