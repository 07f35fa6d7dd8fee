"""Hybrid recall on a real store with real embeddings: time, speaker, facts, limits, bad queries."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from os1.errors import UserInputError
from os1.memory.importer import import_jsonl
from os1.memory.search import relevant_memories, search
from os1.memory.timeparse import parse_timestamp, query_window
from tests.memory_helpers import STORY, open_home, write_jsonl

AT = datetime(2023, 5, 10, 12, tzinfo=UTC)  # a Wednesday


@pytest.fixture
def conn(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    c = open_home(tmp_path, monkeypatch)
    import_jsonl(c, write_jsonl(tmp_path / "story.jsonl", STORY))
    yield c
    c.close()


def test_last_weekend_picks_the_turn_from_that_weekend(conn) -> None:  # type: ignore[no-untyped-def]
    hits = search(conn, "What did I do last weekend?", at=AT, k=3)
    assert hits[0].id == "a3"
    earlier = search(conn, "What did I do last weekend?", at=datetime(2023, 5, 2, 12, tzinfo=UTC), k=3)
    assert earlier[0].id == "a4"


def test_a_named_date_finds_that_day(conn) -> None:  # type: ignore[no-untyped-def]
    hits = search(conn, "On May 4th, what did I do?", at=AT, k=3)
    assert hits[0].id == "a5"
    assert any("may 4th" in why for why in hits[0].why)


def test_questions_about_what_I_said_prefer_my_turns(conn) -> None:  # type: ignore[no-untyped-def]
    hits = search(conn, "what did I say about the dentist appointment", at=AT, k=2)
    assert hits[0].id == "a5" and hits[0].role == "person"
    mine = search(conn, "what did you tell me about the dentist appointment", at=AT, k=2)
    assert mine[0].id == "a7" and mine[0].role == "companion"


def test_relation_words_reach_turns_that_only_use_the_name(conn) -> None:  # type: ignore[no-untyped-def]
    hits = search(conn, "what photos did my sister send?", at=AT, k=3)
    assert hits[0].id == "a6"  # a6 says "Bea", never "sister"


def test_memory_never_returns_the_future(conn) -> None:  # type: ignore[no-untyped-def]
    hits = search(conn, "Bea photos tiled houses", at=datetime(2023, 5, 1, tzinfo=UTC), k=10)
    assert "a6" not in {h.id for h in hits}
    assert all(h.ts <= datetime(2023, 5, 1, tzinfo=UTC) for h in hits)


def test_empty_query_is_refused_and_huge_query_still_answers(conn) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserInputError):
        search(conn, "   \n ")
    huge = "kayaking on the river " + "and then some more words " * 400
    assert len(huge) > 10_000
    hits = search(conn, huge, at=AT, k=3)
    assert hits and hits[0].id == "a3"


def test_relevant_memories_skip_excluded_turns(conn) -> None:  # type: ignore[no-untyped-def]
    found = relevant_memories(conn, "How is my sister doing in Lisbon?", AT, k=3)
    assert found and found[0]["id"] in {"a1", "a6"}
    assert set(found[0]) >= {"id", "text", "ts", "speaker", "role", "score"}
    without = relevant_memories(conn, "How is my sister doing in Lisbon?", AT, k=3, exclude={"a1", "a6"})
    assert not {"a1", "a6"} & {m["id"] for m in without}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1:56 pm on 8 May, 2023", datetime(2023, 5, 8, 13, 56, tzinfo=UTC)),
        ("2023-05-08T13:56:00Z", datetime(2023, 5, 8, 13, 56, tzinfo=UTC)),
        ("2023-05-08T15:56:00+02:00", datetime(2023, 5, 8, 13, 56, tzinfo=UTC)),
        ("May 8, 2023", datetime(2023, 5, 8, tzinfo=UTC)),
        ("8th May 2023", datetime(2023, 5, 8, tzinfo=UTC)),
        ("yesterday", None),
        ("soon-ish", None),
    ],
)
def test_timestamps_in_files(text: str, expected: datetime | None) -> None:
    assert parse_timestamp(text) == expected


@pytest.mark.parametrize(
    ("query", "start", "end"),
    [
        ("what did I do last weekend", datetime(2023, 5, 6, tzinfo=UTC), datetime(2023, 5, 8, tzinfo=UTC)),
        ("in April", datetime(2023, 4, 1, tzinfo=UTC), datetime(2023, 5, 1, tzinfo=UTC)),
        ("On May 4th, what happened", datetime(2023, 5, 4, tzinfo=UTC), datetime(2023, 5, 5, tzinfo=UTC)),
        ("the 2nd of May", datetime(2023, 5, 2, tzinfo=UTC), datetime(2023, 5, 3, tzinfo=UTC)),
        ("yesterday", datetime(2023, 5, 9, tzinfo=UTC), datetime(2023, 5, 10, tzinfo=UTC)),
        ("last Monday", datetime(2023, 5, 8, tzinfo=UTC), datetime(2023, 5, 9, tzinfo=UTC)),
        ("in December", datetime(2022, 12, 1, tzinfo=UTC), datetime(2023, 1, 1, tzinfo=UTC)),
    ],
)
def test_time_in_questions(query: str, start: datetime, end: datetime) -> None:
    window = query_window(query, AT)
    assert window is not None
    assert (window.start, window.end) == (start, end)


def test_no_time_in_a_plain_question() -> None:
    assert query_window("when did I tell you about my sister", AT) is None
    assert query_window("I may go out tonight", AT) is not None  # 'tonight' is a time
    assert query_window("I may go hiking", AT) is None  # 'may' alone is not the month
