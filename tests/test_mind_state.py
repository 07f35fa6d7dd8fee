"""Affect, threads and curiosity on a real SQLite home, with analyses written by hand (unit level)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from os1.mind import affect, curiosity, threads
from os1.mind.perceive import from_analysis
from os1.store import open_store

NOW = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)  # a Monday


def _analysis(text: str, **extra: object) -> dict[str, object]:
    """An analysis in the shape `Analysis.to_dict()` gives (written by hand for unit tests)."""
    base: dict[str, object] = {
        "text": text,
        "emotions": ["neutral"],
        "emotion_scores": {"neutral": 0.9},
        "sentiment": 0.0,
        "intent": "small_talk",
        "entities": {},
        "disclosures": [],
    }
    base.update(extra)
    return base


@pytest.fixture()
def conn():  # type: ignore[no-untyped-def]
    connection = open_store()
    yield connection
    connection.close()


def test_affect_moves_with_a_reason_and_persists(conn) -> None:  # type: ignore[no-untyped-def]
    reading = from_analysis(
        _analysis(
            "I haven't slept for three nights",
            emotions=["nervousness"],
            emotion_scores={"nervousness": 0.8},
            sentiment=-0.5,
        )
    )
    state = affect.update(conn, reading, "you said you haven't slept for three nights", NOW, None)
    assert state.feelings["concern"] > affect.BASELINE["concern"]
    assert "worried" in state.label
    again = affect.current(conn, NOW + timedelta(minutes=1))
    assert again.label == state.label
    assert "you haven't slept for three nights" in affect.describe(conn, NOW + timedelta(minutes=1))
    assert "program" in affect.describe(conn, NOW)


def test_affect_drifts_back_to_baseline_by_elapsed_time(conn) -> None:  # type: ignore[no-untyped-def]
    reading = from_analysis(
        _analysis("I got the job!", emotions=["pride"], emotion_scores={"pride": 0.9}, sentiment=0.8)
    )
    state = affect.update(conn, reading, "you said you got the job", NOW, None)
    rise = state.feelings["delight"] - affect.BASELINE["delight"]
    later = affect.current(conn, NOW + affect.HALF_LIFE)
    assert later.feelings["delight"] - affect.BASELINE["delight"] == pytest.approx(rise / 2, rel=1e-6)
    assert affect.current(conn, NOW + timedelta(days=7)).label == "calm"


def test_a_future_event_opens_a_thread_due_after_it(conn) -> None:  # type: ignore[no-untyped-def]
    friday = datetime(2026, 11, 27, tzinfo=UTC)
    reading = from_analysis(
        _analysis(
            "My interview is on Friday",
            entities={"dates": [{"text": "Friday", "date": friday.isoformat()}]},
            disclosures=[{"kind": "plan", "text": "interview", "date": friday.isoformat()}],
        )
    )
    opened = threads.open_from(conn, reading, "your interview is on Friday", now=NOW, session_id=1, turn_id=None)
    assert [t.subject for t in opened] == ["interview"]
    assert opened[0].due > friday
    assert threads.due_threads(conn, friday, session_id=2) == []  # not before it happened
    assert threads.due_threads(conn, friday + timedelta(days=1), session_id=1) == []  # not the same session
    due = threads.due_threads(conn, friday + timedelta(days=1), session_id=2)
    assert [t.id for t in due] == [opened[0].id]
    # Said twice, opened once.
    assert threads.open_from(conn, reading, "again", now=NOW, session_id=1, turn_id=None) == []
    threads.mark_asked(conn, due[0].id, friday + timedelta(days=1))
    assert threads.due_threads(conn, friday + timedelta(days=2), session_id=3) == []
    assert threads.close_answered(conn, friday + timedelta(days=1)) == 1


def test_a_past_date_opens_no_thread(conn) -> None:  # type: ignore[no-untyped-def]
    monday_before = datetime(2026, 11, 16, tzinfo=UTC)
    reading = from_analysis(
        _analysis(
            "My interview was last Monday",
            disclosures=[{"kind": "plan", "text": "interview", "date": monday_before.isoformat()}],
        )
    )
    assert threads.open_from(conn, reading, "x", now=NOW, session_id=1, turn_id=None) == []


def test_curiosity_never_asks_what_it_already_knows(conn) -> None:  # type: ignore[no-untyped-def]
    first = curiosity.next_topic(conn, NOW)
    assert first == "work"
    reading = from_analysis(
        _analysis("I work as a nurse on the night shift", disclosures=[{"kind": "job", "text": "nurse"}])
    )
    learnt = curiosity.learn(conn, reading, NOW)
    assert "work" in learnt
    assert curiosity.next_topic(conn, NOW) != "work"
    asked = curiosity.next_topic(conn, NOW)
    assert asked is not None
    curiosity.mark_asked(conn, asked, NOW)
    assert curiosity.next_topic(conn, NOW) != asked  # not asked again for a few days
    assert asked in curiosity.unknown_topics(conn)


def test_facts_from_memory_count_as_known(conn) -> None:  # type: ignore[no-untyped-def]
    reading = from_analysis(_analysis("hello"))
    curiosity.learn(conn, reading, NOW, facts=[{"subject": "person", "relation": "job", "object": "teacher"}])
    assert "work" in curiosity.known_topics(conn)


def test_the_understanding_layers_dictionary_shape_is_read(conn) -> None:  # type: ignore[no-untyped-def]
    # The shape of os1.mind.understanding's Analysis.to_dict() (written by hand here: that module lives on
    # another branch until the lead merges it).
    raw = {
        "text": "I have a job interview with Acme on Friday and I'm nervous, my sister Anna is helping",
        "emotions": ["nervousness"],
        "emotion_scores": {"nervousness": 0.71, "neutral": 0.1},
        "sentiment": {"compound": -0.2, "label": "negative"},
        "intent": "small_talk",
        "entities": {
            "people": [{"name": "Anna", "relation": "sister", "text": "my sister Anna"}],
            "places": [],
            "organizations": ["Acme"],
            "dates": [{"text": "Friday", "value": "2026-11-27", "granularity": "day"}],
        },
        "disclosures": [{"kind": "plan", "text": "I have a job interview with Acme on Friday", "date": "2026-11-27"}],
        "risk": {"level": "none", "kind": None, "reasons": []},
    }
    reading = from_analysis(raw)
    assert reading.family == "fear"
    assert reading.sentiment == -0.2
    assert reading.orgs == ("Acme",)
    assert reading.people[0].phrase() == "your sister Anna"
    assert reading.dates[0].at == datetime(2026, 11, 27, tzinfo=UTC)
    opened = threads.open_from(conn, reading, "x", now=NOW, session_id=1, turn_id=None)
    assert [t.subject for t in opened] == ["interview"]
    assert "family" in curiosity.topics_in(reading)


def test_worry_threads_name_what_the_worry_is_about(conn) -> None:  # type: ignore[no-untyped-def]
    reading = from_analysis(
        _analysis(
            "I'm worried about my dad, he sounds tired",
            disclosures=[{"kind": "worry", "text": "I'm worried about my dad, he sounds tired", "date": None}],
        )
    )
    opened = threads.open_from(conn, reading, "x", now=NOW, session_id=1, turn_id=None)
    assert [(t.kind, t.subject) for t in opened] == [("worry", "your dad")]
    assert threads.due_threads(conn, NOW + timedelta(hours=2), session_id=2) == []
    assert len(threads.due_threads(conn, NOW + timedelta(days=1), session_id=2)) == 1


def test_a_worry_that_names_no_one_thing_opens_no_thread(conn) -> None:  # type: ignore[no-untyped-def]
    # A follow-up needs something to ask about: "You were worried about and you're terrified to tell your"
    # is what the old subject rule made of this.
    text = "I think I'm going to fail the course and I'm terrified to tell my parents."
    reading = from_analysis(
        _analysis(text, disclosures=[{"kind": "worry", "text": "and I'm terrified to tell my parents."}])
    )
    assert threads.open_from(conn, reading, "x", now=NOW, session_id=1, turn_id=None) == []
    cut = from_analysis(
        _analysis("x", disclosures=[{"kind": "worry", "text": "I'm worried about how the move will go for the kids"}])
    )
    opened = threads.open_from(conn, cut, "x", now=NOW, session_id=1, turn_id=None)
    assert [t.subject for t in opened] == ["how the move will go"]
