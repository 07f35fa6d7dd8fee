"""Reply properties through the real pipeline: bad input, one question at most, silence while venting."""

from __future__ import annotations

import re

from tests.conftest import MEETING, run_os1
from tests.mind_helpers import companion_after_meeting, questions

LONG = " ".join(
    ["Today started badly because the train was cancelled and I had to walk in the rain to the office."]
    + ["Then my manager asked me to redo the whole report that I had already finished twice this week."] * 6
    + ["By the evening I was so tired that I just sat on the kitchen floor and stared at the wall."] * 4
)


def test_bad_input_is_met_kindly_and_never_echoed() -> None:
    cases = {
        "😢😢😢": r"word|emoji|pictures|read",
        "?!...": r"word|punctuation|pause|alright",
        "Hola, ¿cómo estás? Estoy muy cansada hoy": r"English",
        "def f(x):\n    return x + 1\n": r"code",
        "https://example.com/some/article": r"link|web|open|offline",
    }
    with companion_after_meeting() as (companion, clock):
        for text, expected in cases.items():
            clock.advance(minutes=1)
            reply = companion.reply(text).text
            assert re.search(expected, reply, re.I), (text, reply)
            assert text.strip() not in reply
            assert questions(reply) <= 1


def test_all_caps_is_answered_in_ordinary_case() -> None:
    with companion_after_meeting() as (companion, clock):
        clock.advance(minutes=1)
        reply = companion.reply("I AM SO FED UP WITH MY LANDLORD").text
        assert reply != reply.upper()
        assert "FED UP" not in reply
        assert questions(reply) == 0  # shouting in anger is venting


def test_a_very_long_message_gets_its_gist_not_an_echo() -> None:
    with companion_after_meeting() as (companion, clock):
        clock.advance(minutes=1)
        reply = companion.reply(LONG).text
        words = re.findall(r"\w+", LONG.lower())
        said = " ".join(re.findall(r"\w+", reply.lower()))
        echoed = [" ".join(words[i : i + 9]) for i in range(len(words) - 9) if " ".join(words[i : i + 9]) in said]
        assert echoed == []
        assert len(reply) < len(LONG) / 3


def test_at_most_one_question_and_none_while_venting() -> None:
    venting = [
        "I hate everything about this week, nothing goes right and I'm exhausted.",
        "My boss screamed at me again and I just want to cry.",
    ]
    ordinary = [
        "I walked to the park this morning.",
        "I've been getting into pottery lately.",
        "My sister and I cooked dinner together.",
        "I passed my driving test!",
    ]
    with companion_after_meeting() as (companion, clock):
        for text in venting:
            clock.advance(minutes=2)
            assert questions(companion.reply(text).text) == 0
        for text in ordinary:
            clock.advance(minutes=2)
            assert questions(companion.reply(text).text) <= 1


def test_os1_mood_command_shows_state_and_reason() -> None:
    chat = run_os1("chat", input=MEETING + "I haven't slept for three nights and I'm so worried about my exam\n")
    assert chat.returncode == 0, chat.stderr
    mood = run_os1("mood")
    assert mood.returncode == 0, mood.stderr
    assert "worried" in mood.stdout and "program" in mood.stdout
    as_json = run_os1("mood", "--json")
    import json

    report = json.loads(as_json.stdout)
    assert set(report) >= {"valence", "arousal", "label", "feelings", "reasons", "explanation"}
    assert any("exam" in r["because"] or "slept" in r["because"] for r in report["reasons"])
