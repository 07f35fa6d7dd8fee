"""Every date expression is bounded: years 1-9999, offsets capped, anything beyond is "a very long
time" and never an error. Property tests (hypothesis) over the three resolvers with random numbers,
units and moments of saying, and whole `os1 chat` turns with such sentences.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from os1.life.when import parse_when
from os1.memory.timeparse import parse_timestamp, query_window
from os1.mind.understanding.dates import find_dates
from os1.timebounds import FAR, add_days, add_months, add_years, read_count
from tests.conftest import MEETING, run_os1

WED = datetime(2026, 11, 25, 10, 0)

UNITS = ["second", "minute", "min", "hour", "hr", "day", "week", "month", "year", "decade", "century"]
NUMBERS = st.one_of(
    st.integers(min_value=0, max_value=10**30).map(str),
    st.integers(min_value=1000, max_value=10**15).map(lambda n: f"{n:,}"),  # "4,500"
    st.sampled_from(["a", "an", "one", "ten", "a couple of", "a few", "0", "00000000000000000001", "9" * 5000]),
)
TEMPLATES = ["in {n} {u}s", "{n} {u}s ago", "not in {n} {u}s", "the pyramids were built {n} {u}s ago",
             "every {n} {u}s", "in {n} {u}", "on May 8th, {n}", "{n}-12-31", "{n} days ago I met Anna",
             "in {n} days", "on {n} December",
             "tomorrow at {n}", "at {n}:{n}", "{n} {u}s from now", "next {u}", "last {u}"]  # fmt: skip
PHRASES = st.builds(lambda t, n, u: t.format(n=n, u=u), st.sampled_from(TEMPLATES), NUMBERS, st.sampled_from(UNITS))
MOMENTS = st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59))


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("the pyramids were built 4,500 years ago", "4,500 years ago"),
        ("not in 10,000 years", "in 10,000 years"),
        ("in 99999999999 days", "in 99999999999 days"),
        ("in 9999 years", "in 9999 years"),
    ],
)
def test_beyond_the_calendar_is_a_very_long_time(text: str, said: str) -> None:
    found = find_dates(text, WED)
    assert [(d.text, d.value, d.granularity) for d in found] == [(said, "", "far")]
    assert found[0].to_dict()["note"] == FAR


def test_within_the_bounds_nothing_changes() -> None:
    assert [d.value for d in find_dates("in 1,000 days", WED)] == ["2029-08-21"]
    assert [d.value for d in find_dates("500 years ago", WED)] == ["1526-11-25"]
    assert [d.value for d in find_dates("tomorrow", datetime(9998, 12, 30))] == ["9998-12-31"]
    assert [d.granularity for d in find_dates("tomorrow", datetime(9998, 12, 31))] == ["far"]
    assert [d.granularity for d in find_dates("yesterday", datetime(2, 1, 1))] == ["far"]
    # A time next to a far date stays with it; a year inside the ends is kept for callers' arithmetic.
    assert [(d.text, d.granularity) for d in find_dates("on 31 December 9999 at 23:59", WED)] == [
        ("31 December 9999 at 23:59", "far")]
    assert [d.value for d in find_dates("on 30 December 9998", WED)] == ["9998-12-30"]


def test_bounded_arithmetic() -> None:
    assert read_count("4,500") == 4500 and read_count("10 000") == 10000 and read_count("ten", {"ten": 10}) == 10
    assert read_count("9" * 13) is None and read_count("9" * 100_000) is None and read_count("x") is None
    assert add_days(date(2026, 1, 1), 10**11) is None and add_days(date(1, 1, 1), -1) is None
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28) and add_months(date(9999, 12, 1), 1) is None
    assert add_years(date(2026, 5, 8), -2025) == date(1, 5, 8) and add_years(date(2026, 5, 8), -2026) is None


def test_other_resolvers_at_the_bounds() -> None:
    now = datetime(2026, 11, 25, 10, tzinfo=UTC)
    assert query_window("what did I say 99999 years ago", now) is None
    assert query_window("what did I say 99999999999999 days ago", now) is None
    assert query_window("what happened 3 weeks ago", now) is not None
    assert parse_when("in 99999999999 days", now) is None
    assert parse_when("in 20 minutes", now) is not None
    assert parse_timestamp("on 31 December 9999 at 23:59") in (None, datetime(9999, 12, 31, 23, 59, tzinfo=UTC))
    assert parse_timestamp("0001-01-01T00:00:00+05:00") is None
    assert parse_timestamp("9" * 100_000) is None


def _in_bounds(value: str) -> bool:
    return value == "" or 2 <= int(value[:4]) <= 9998


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=PHRASES, now=MOMENTS)
def test_find_dates_never_raises(text: str, now: datetime) -> None:
    for mention in find_dates(text, now):
        assert _in_bounds(mention.value)
        assert (mention.granularity == "far") == (mention.value == "")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=PHRASES, now=MOMENTS)
def test_query_window_never_raises(text: str, now: datetime) -> None:
    window = query_window(text, now.replace(tzinfo=UTC))
    if window is not None:
        assert window.start < window.end


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=PHRASES, now=st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31)))
def test_parse_when_never_raises(text: str, now: datetime) -> None:
    when = parse_when(text, now.replace(tzinfo=UTC))
    if when is not None:
        assert 2 <= when.at.year <= 9998


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(PHRASES, st.text(max_size=60)))
def test_parse_timestamp_never_raises(text: str) -> None:
    stamp = parse_timestamp(text)
    if stamp is not None:
        assert stamp.tzinfo is not None and stamp - timedelta(0) == stamp


@pytest.mark.slow
def test_a_chat_turn_with_such_text_is_answered_and_stored(os1_home: Path) -> None:
    lines = ["the pyramids were built 4,500 years ago", "not in 10,000 years", "in 99999999999 days",
             "remind me in 99999999999 days to call mum", "what did I say 99999 years ago?",
             "we met on May 8th, 0000", "we met on 1 January 0001", "remind me on 31 December 9999 at 23:59 to party",
             "what did we do on 31 December 9999", "and then it was fine"]  # fmt: skip
    result = run_os1("chat", input=MEETING + "\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    assert "Something went wrong" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stdout.splitlines()) == 1 + len(MEETING.splitlines()) + len(lines)
    conn = sqlite3.connect(os1_home / "os1.db")
    said = [row[0] for row in conn.execute("SELECT text FROM turns WHERE role = 'person' ORDER BY ts, rowid")]
    conn.close()
    assert said[-len(lines):] == lines


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=PHRASES)
def test_the_whole_understanding_of_a_turn_never_raises(text: str) -> None:
    from os1.mind.understanding import analyze

    result = analyze(text, WED).to_dict()
    for mention in result["entities"]["dates"]:
        assert _in_bounds(mention["value"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=PHRASES, now=st.datetimes(min_value=datetime(2, 1, 1), max_value=datetime(9998, 12, 31)))
def test_the_people_map_reads_any_time_phrase(text: str, now: datetime) -> None:
    from os1.people.extract import observe

    observe(text.replace("I met Anna", "I met my sister Anna"), now.replace(tzinfo=UTC))


def test_a_contact_said_long_ago_is_dated_now() -> None:
    from os1.people.extract import observe

    now = datetime(2026, 11, 25, 10, tzinfo=UTC)
    seen = observe("75890364 days ago I met my sister Anna", now)
    assert all(when == now for _, _, when in seen.contacts)
