"""Move choice in the built-in composer, with analyses written by hand (the classifier is not involved).

Each test states what the person needs from one kind of message and checks which moves answered it:
ordinary talk is not celebrated, good news is celebrated before it is asked about, a calm message is
not met with silence.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from os1.mind.compose import compose_reply
from os1.mind.perceive import from_analysis
from os1.providers.base import ReplyRequest
from os1.store.person import Person
from os1.store.persona import Persona

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


def _analysis(
    text: str, scores: dict[str, float], sentiment: float = 0.0, intent: str = "small_talk"
) -> dict[str, Any]:
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


def _compose(analysis: dict[str, Any], session: int = 1) -> tuple[str, list[str]]:
    """The reply and its moves; `session` changes the composer's random choices."""
    request = ReplyRequest(
        message=str(analysis["text"]),
        persona=Persona(name="Olive", origin="chosen at first meeting", meaning="", why="I liked it."),
        person=Person(name="Theodore", address_as="Teddy", country="GB", timezone="Europe/London"),
        history=[],
        now=NOW,
        session_id=session,
        context={"analysis": analysis},
    )
    text = compose_reply(request)
    return text, list(request.context["composed"]["moves"])


def test_a_faint_good_feeling_on_a_flat_message_is_not_celebrated() -> None:
    flat = _analysis(
        "Work was fine, nothing special happened.",
        {"approval": 0.13, "disappointment": 0.09, "neutral": 0.1},
        sentiment=-0.12,
        intent="venting",
    )
    reading = from_analysis(flat)
    assert reading.family == "neutral" and not reading.venting
    for session in range(12):
        text, moves = _compose(flat, session)
        assert "name_feeling" not in moves and "stay" not in moves, text


def test_a_faint_hard_feeling_is_still_heard() -> None:
    reading = from_analysis(_analysis("Nobody remembered my birthday at work today.", {"disappointment": 0.13}))
    assert reading.family == "disappointment"


def test_news_told_with_an_exclamation_is_celebrated_before_any_question() -> None:
    news = _analysis("I sold my first painting at the market today!", {"neutral": 0.43}, intent="share_news")
    assert from_analysis(news).family == "joy"
    asked = 0
    for session in range(12):
        text, moves = _compose(news, session)
        assert "name_feeling" in moves, text
        if "question" in moves:
            asked += 1
            assert moves.index("name_feeling") < moves.index("question")
    assert asked  # good news is asked about, most of the time


def test_a_calm_message_tagged_venting_is_not_met_with_silence() -> None:
    calm = _analysis("I'm seeing a therapist for the first time on Friday.", {"neutral": 0.43}, intent="venting")
    assert not from_analysis(calm).venting


def test_shouting_tagged_venting_is_venting_even_without_a_named_feeling() -> None:
    shout = _analysis("I AM SO FED UP WITH MY LANDLORD", {"neutral": 0.32}, intent="venting")
    assert from_analysis(shout).venting
    for session in range(6):
        text, _ = _compose(shout, session)
        assert "?" not in text, text
