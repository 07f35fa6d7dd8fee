"""The date resolver on the forms people use in chat (no model needed)."""

from __future__ import annotations

from datetime import datetime

import pytest

from os1.mind.understanding.dates import find_dates

WED = datetime(2026, 11, 25, 10, 0)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("my interview is on Friday", "2026-11-27", "day"),
        ("see you tomorrow at 6", "2026-11-26T18:00", "time"),
        ("dinner at 7:30pm", "2026-11-25T19:30", "time"),
        ("meet at noon tomorrow", "2026-11-26T12:00", "time"),
        ("next week I fly to Rome", "2026-11-30", "week"),
        ("next Friday", "2026-12-04", "day"),
        ("this Friday", "2026-11-27", "day"),
        ("I saw her on Monday", "2026-11-23", "day"),
        ("on Wednesday", "2026-12-02", "day"),
        ("in two weeks", "2026-12-09", "day"),
        ("three days ago", "2026-11-22", "day"),
        ("this weekend", "2026-11-28", "day"),
        ("next month", "2026-12-01", "month"),
        ("the day after tomorrow", "2026-11-27", "day"),
        ("on 8 December", "2026-12-08", "day"),
        ("my birthday is May 8th", "2027-05-08", "day"),
        ("the deadline is 2027-01-15", "2027-01-15", "day"),
    ],
)
def test_resolves_against_the_message_time(text: str, value: str, granularity: str) -> None:
    found = find_dates(text, WED)
    assert [(d.value, d.granularity) for d in found] == [(value, granularity)]


def test_numbers_that_are_not_times_are_ignored() -> None:
    assert find_dates("I have 2 cats and 3 plants", WED) == []


def test_several_mentions_keep_their_order() -> None:
    found = find_dates("tomorrow I pack, and on Saturday we leave", WED)
    assert [d.value for d in found] == ["2026-11-26", "2026-11-28"]
