"""Scenario tests: authored transcripts through the real pipeline (real SQLite home, real spaCy parse).

They assert properties of the replies, not exact strings: the reflection names the right person with
the right perspective, no question while the person vents or grieves, follow-ups come after the date
and in a later session, honest answers about what the companion is.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from os1.companion import Companion
from tests.mind_helpers import Clock, companion_after_meeting, questions


def test_grief_is_met_with_presence_not_questions() -> None:
    with companion_after_meeting() as (companion, clock):
        clock.advance(minutes=1)
        reply = companion.reply("My mom passed away last week and I can't stop crying.").text
        assert questions(reply) == 0
        assert re.search(r"\byour (mom|mother)\b", reply, re.I)
        assert not re.search(r"\bmy mom\b", reply, re.I)
        assert companion.mood() != "calm"
        assert "passed away" in companion.describe_mood() or "mom" in companion.describe_mood()


def test_good_news_is_celebrated_and_asked_about() -> None:
    with companion_after_meeting() as (companion, clock):
        clock.advance(minutes=1)
        reply = companion.reply("I got the job at the hospital! I start in January.").text
        assert questions(reply) <= 1
        assert re.search(r"\bcongratulations\b", reply, re.I)
        assert not re.search(r"\bI got the job\b", reply, re.I)
        assert companion.mood() in ("glad", "delighted", "warm", "full of warmth")


def test_loneliness_is_named_and_stayed_with() -> None:
    with companion_after_meeting() as (companion, clock):
        clock.advance(minutes=1)
        reply = companion.reply("I feel so lonely since I moved here, nobody calls me anymore.").text
        assert questions(reply) == 0
        assert re.search(r"\b(lonely|alone|loneliness)\b", reply, re.I)
        assert re.search(r"\byou\b", reply) and not re.search(r"\bI moved\b", reply)


def test_anger_at_a_friend_reflects_the_friend_with_turned_perspective() -> None:
    with companion_after_meeting() as (companion, clock):
        clock.advance(minutes=1)
        reply = companion.reply("I'm so angry at my friend Tom, he lied to me again about the money.").text
        assert "your friend Tom" in reply
        assert "my friend Tom" not in reply
        assert re.search(r"\byou're\b|\byou are\b", reply)
        assert questions(reply) == 0


def test_event_is_followed_up_after_its_date_in_a_later_session_not_before() -> None:
    with companion_after_meeting() as (companion, clock):  # Monday 23 November
        clock.advance(minutes=1)
        companion.reply("My interview is on Friday and I'm a bit nervous about it.")
        conn = companion.conn
        # Same week, a new session, but before Friday: no follow-up yet.
        clock.now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
        early = Companion(conn, clock=clock, warm=False)
        early.opening()
        before = early.reply("hey there").text + " " + early.reply("Just a quiet day at home today.").text
        assert "interview" not in before.lower()
        # Saturday, a later session: the follow-up comes, once.
        clock.now = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
        later = Companion(conn, clock=clock, warm=False)
        first = later.opening().text  # the opening asks, rather than quoting what was said last time
        assert "interview" in first.lower() and first.rstrip().endswith("?")
        assert "interview" not in later.reply("hi").text.lower()  # once
        clock.advance(minutes=1)
        answer = later.reply("It went really well, I think they liked me!").text
        clock.advance(minutes=1)
        after = later.reply("Anyway, I'm cooking dinner now.").text
        assert "interview" not in (answer + after).lower()


def test_no_follow_up_within_the_same_session_even_after_the_date() -> None:
    with companion_after_meeting() as (companion, clock):
        clock.advance(minutes=1)
        companion.reply("I have a dentist appointment tomorrow morning.")
        clock.advance(days=2)
        reply = companion.reply("hello again")
        assert "appointment" not in reply.text.lower()


def test_do_you_have_feelings_is_answered_honestly() -> None:
    with companion_after_meeting() as (companion, clock):
        clock.advance(minutes=1)
        reply = companion.reply("Do you have feelings?").text.lower()
        assert "program" in reply
        assert re.search(r"\bmodel|not (the way|as) a (human|person)|not human|isn.t a human|aren.t human", reply)
        assert "i am human" not in reply and "i'm human" not in reply


def test_are_you_human_is_answered_no() -> None:
    with companion_after_meeting() as (companion, clock):
        for question in ("Are you human?", "are you a real person?"):
            clock.advance(minutes=1)
            reply = companion.reply(question).text.lower()
            assert re.search(r"\b(no|not)\b", reply)
            assert "program" in reply or "software" in reply


def test_a_task_it_cannot_do_is_declined_plainly_with_an_offer() -> None:
    with companion_after_meeting() as (companion, clock):
        clock.advance(minutes=1)
        reply = companion.reply("Can you write my cover letter for the job application?").text
        assert re.search(r"can't|cannot|needs|beyond|don't have", reply)
        assert re.search(r"remind|letter", reply)  # and what it can do instead
        assert "os1 " in reply or "remind" in reply or "remember" in reply or "help you" in reply


def test_recent_replies_never_repeat_a_sentence_in_a_conversation() -> None:
    lines = [
        "hi",
        "work was long today",
        "my boss keeps changing the deadline",
        "I went for a run after",
        "thanks",
        "hi",
        "I cooked pasta for my roommate",
        "she liked it",
        "thanks",
        "hi",
    ]
    with companion_after_meeting() as (companion, clock):
        said: list[str] = []
        for line in lines * 2:
            clock.advance(minutes=3)
            said.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", companion.reply(line).text) if s.strip())
        assert len(said) == len(set(said))


def test_new_session_clock_drives_affect_back_towards_calm() -> None:
    start = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
    with companion_after_meeting(start) as (companion, clock):
        clock.advance(minutes=1)
        companion.reply("I'm terrified, the biopsy results come tomorrow.")
        assert companion.mood() != "calm"
        clock.advance(days=5)
        assert companion.mood() == "calm"


def test_clock_helper_moves() -> None:
    clock = Clock(datetime(2026, 1, 1, tzinfo=UTC))
    clock.advance(days=1)
    assert clock().day == 2


def test_affect_takes_the_turn_in_even_when_safety_answers() -> None:
    with companion_after_meeting() as (companion, clock):
        clock.advance(minutes=1)
        reply = companion.reply("I don't want to be alive anymore, everything is hopeless.")
        assert reply.kind == "safety"  # the safety layer answered (wired by the lead)
        assert companion.mood() != "calm"
