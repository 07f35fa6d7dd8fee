"""The dialogue layer on real parts: dialogue state in the home's SQLite file (kept across a restart,
dropped when stale), the policy's cancel and aside, and the phrase matchers the skills trigger on (real
MiniLM embeddings)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from os1.dialogue.state import DialogueState, load_state, save_state
from os1.session import open_session
from os1.skills.about_me import question_kind
from os1.store import open_store
from tests.scenario_runner import MEETING_LINES, Clock

NOW = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)


def test_dialogue_state_survives_a_restart_and_goes_stale(os1_home: Path) -> None:
    conn = open_store()
    save_state(conn, DialogueState(skill="reminder", slots={"what": "call Anna"}).asking("when", "When?"), NOW)
    conn.close()
    conn = open_store()  # a new process would open the same file
    state = load_state(conn, NOW + timedelta(minutes=5))
    assert (state.skill, state.slots, state.expects, state.asked) == ("reminder", {"what": "call Anna"}, "when", 1)
    assert load_state(conn, NOW + timedelta(hours=7)).skill is None  # an old unfinished question is dropped
    conn.close()


def _met(home: Path, clock: Clock) -> None:
    with open_session(home, clock=clock, warm=False) as companion:
        companion.opening()
        for line in MEETING_LINES:
            clock.now += timedelta(seconds=20)
            companion.reply(line)


def test_a_question_waits_across_a_restart_and_never_mind_leaves_it(os1_home: Path) -> None:
    clock = Clock(NOW)
    _met(os1_home, clock)
    with open_session(os1_home, clock=clock, warm=False) as companion:
        assert "When" in companion.reply("remind me to water the plants").text
    clock.now += timedelta(minutes=10)
    with open_session(os1_home, clock=clock, warm=False) as companion:  # restarted: the question still waits
        answer = companion.reply("tomorrow at 8").text
        assert "water the plants" in answer and "08:00" in answer
        assert "When" in companion.reply("remind me to call the bank").text
        assert "leave it" in companion.reply("never mind").text
        conn = companion.conn
        assert load_state(conn, clock()).skill is None
        reminders = [r[0] for r in conn.execute("SELECT text FROM scheduled")]
    assert reminders == ["water the plants"]


def test_an_aside_is_answered_and_the_letter_waits(os1_home: Path) -> None:
    clock = Clock(NOW)
    _met(os1_home, clock)
    with open_session(os1_home, clock=clock, warm=False) as companion:
        companion.reply("my sister Anna lives in Leeds")
        assert "Anna" in companion.reply("could you help me put a card together for my sister Anna?").text
        aside = companion.reply("wait, where does my sister live again?").text
        assert "Leeds" in aside and "go back to the letter" in aside
        assert load_state(companion.conn, clock()).skill == "letter"


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("is this being recorded?", "privacy"),
        ("can my husband see what I write to you? we share the laptop", "privacy"),
        ("r u a bot or a real person lol", "typing"),
        ("fave movie?", "favourite"),
        ("what have you been up to since yesterday?", "day"),
        ("are you chatgpt?", "assistant"),
        ("how are you?", None),  # the composer answers from its own state
        ("what's my favourite colour?", None),  # about the person: recall's
        ("you're the only one I talk to", None),  # a statement, not a question to it
        ("where is the nearest pharmacy?", None),
    ],
)
def test_questions_to_the_companion_are_told_apart(said: str, kind: str | None) -> None:
    assert question_kind(said) == kind
