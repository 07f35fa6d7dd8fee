"""Reminders and the scheduler: plain-words times, time zones and DST, exactly-once delivery."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from os1.errors import UserInputError
from os1.life import reminders, scheduler
from os1.life.when import parse_when
from os1.skills.reminder import read_request
from os1.store import open_store
from tests.conftest import MEETING, run_os1

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # Wednesday
LONDON = "Europe/London"


@pytest.fixture
def conn(os1_home: Path) -> sqlite3.Connection:
    return open_store()


@pytest.mark.parametrize("phrase,expected", [
    ("on Friday at 6", datetime(2026, 11, 27, 18, 0)),
    ("tomorrow morning", datetime(2026, 11, 26, 9, 0)),
    ("in 20 minutes", datetime(2026, 11, 25, 12, 20)),
    ("next Tuesday at 9:30", datetime(2026, 12, 1, 9, 30)),
    ("Dec 3 at 14:00", datetime(2026, 12, 3, 14, 0)),
    ("tonight", datetime(2026, 11, 25, 20, 0)),
])
def test_time_phrases(phrase: str, expected: datetime) -> None:
    when = parse_when(phrase, NOW, LONDON)
    assert when is not None and when.at.replace(tzinfo=None) == expected


@pytest.mark.parametrize(
    ("said", "what", "when"),
    [
        ("Remind me to call my sister on Friday at 6", "call your sister", "on Friday at 6"),
        ("can you remind me to stretch tomorrow", "stretch", "tomorrow"),
        ("remind me in 30 minutes to take the pizza out", "take the pizza out", "in 30 minutes"),
        ("could you nudge me to call the pharmacy at 9 tonight", "call the pharmacy", "at 9 tonight"),
        ("don't let me forget to put the bins out tonight at 10", "put the bins out", "tonight at 10"),
        ("can you remind me tomorrow morning to ring the vet", "ring the vet", "tomorrow morning"),
        ("remind me every Sunday at 7pm to water the plants", "water the plants", "every Sunday at 7pm"),
        ("remind me to call my mum", "call your mum", None),
    ],
)
def test_reminder_requests_in_chat_words(said: str, what: str, when: str | None) -> None:
    request = read_request(said)
    assert request is not None and (request.what, request.when_phrase) == (what, when)
    if when:
        assert parse_when(when, NOW, LONDON) is not None


@pytest.mark.parametrize("said", ["I keep forgetting my keys", "you remind me of my dad", "I wrote a letter once"])
def test_what_is_not_a_reminder_request(said: str) -> None:
    assert read_request(said) is None


def test_recurring_reminder_keeps_wall_time_across_dst(conn: sqlite3.Connection) -> None:
    start = datetime(2026, 3, 27, 12, 0, tzinfo=UTC)  # London springs forward on Sunday 29 March
    item = reminders.add_reminder(conn, "every day at 8", "stretch", start, LONDON)
    fired_local = []
    for day in range(5):
        moment = (datetime(2026, 3, 28, 9, 0, tzinfo=ZoneInfo(LONDON)) + timedelta(days=day)).astimezone(UTC)
        for delivery in scheduler.fire_due(conn, moment, tz_name=LONDON):
            fired_local.append(delivery.due_at.astimezone(ZoneInfo(LONDON)).strftime("%d %H:%M"))
    assert fired_local == ["28 08:00", "29 08:00", "30 08:00", "31 08:00", "01 08:00"]
    assert item.every == "day"


def test_each_firing_is_delivered_exactly_once(conn: sqlite3.Connection) -> None:
    reminders.add_reminder(conn, "in 5 minutes", "take the bread out", NOW, LONDON)
    later = NOW + timedelta(minutes=6)
    assert [d.text for d in scheduler.fire_due(conn, later)] == ["take the bread out"]
    assert scheduler.fire_due(conn, later) == []
    # A second process racing on the same database delivers nothing more.
    other = open_store()
    assert scheduler.fire_due(other, later + timedelta(minutes=1)) == []
    assert conn.execute("SELECT count(*) FROM inbox").fetchone()[0] == 1
    summary = scheduler.while_you_were_away(conn, later)
    assert summary and "bread" in summary
    assert scheduler.while_you_were_away(conn, later) is None


def test_initiatives_wait_out_quiet_hours_but_reminders_do_not(conn: sqlite3.Connection) -> None:
    night = datetime(2026, 11, 25, 23, 0, tzinfo=UTC)
    follow = parse_when("in 5 minutes", night - timedelta(minutes=10), LONDON)
    asked = parse_when("in 6 minutes", night - timedelta(minutes=10), LONDON)
    assert follow and asked
    reminders.add_item(conn, "follow_up", "ask how the interview went", follow, tz_name=LONDON,
                       now=night - timedelta(minutes=10), respects_quiet_hours=True)
    reminders.add_item(conn, "reminder", "take medication", asked, tz_name=LONDON, now=night - timedelta(minutes=10))
    assert [d.text for d in scheduler.fire_due(conn, night, tz_name=LONDON)] == ["take medication"]
    morning = datetime(2026, 11, 26, 8, 30, tzinfo=UTC)
    assert [d.text for d in scheduler.fire_due(conn, morning, tz_name=LONDON)] == ["ask how the interview went"]


def test_bad_reminders_are_explained(conn: sqlite3.Connection) -> None:
    with pytest.raises(UserInputError, match="couldn't tell when"):
        reminders.add_reminder(conn, "someday", "x", NOW)
    with pytest.raises(UserInputError, match="needs something"):
        reminders.add_reminder(conn, "tomorrow", "   ", NOW)
    with pytest.raises(UserInputError):
        reminders.cancel(conn, 999)


def test_chat_sets_reminders_and_daemon_delivers(os1_home: Path) -> None:
    chat = run_os1("chat", input=MEETING + "remind me to water the plants in 1 minute\n")
    assert "I'll remind you to water the plants" in chat.stdout
    listed = run_os1("remind", "list")
    assert "water the plants" in listed.stdout
    assert run_os1("remind", "tomorrow at 9", "call", "the", "bank").returncode == 0
    conn = open_store()
    conn.execute("UPDATE scheduled SET due_at = '2000-01-01T00:00:00.000+00:00' WHERE text = 'water the plants'")
    conn.close()
    daemon = run_os1("daemon", "--once")
    assert daemon.returncode == 0 and "water the plants" in daemon.stdout
    assert "water the plants" not in run_os1("daemon", "--once").stdout  # never twice
    again = run_os1("chat", input="")
    assert "While you were away" in again.stdout and "water the plants" in again.stdout


def test_daemon_delivers_nudges_and_opt_in_checkins(os1_home: Path) -> None:
    from os1.life.initiatives import deliver_nudge, sync_checkins
    from os1.people import tracker

    conn = open_store()
    tracker.observe_turn(conn, "my best friend Jo is great", NOW - timedelta(days=40))
    assert deliver_nudge(conn, NOW, "UTC", 22, 8) is not None
    assert deliver_nudge(conn, NOW + timedelta(hours=1), "UTC", 22, 8) is None  # one a day
    assert [d.kind for d in scheduler.unseen(conn)] == ["nudge"]
    sync_checkins(conn, NOW, LONDON)
    assert not [i for i in reminders.list_items(conn) if i.kind == "checkin"]  # opt-in only
    run_os1("config", "set", "checkins.morning", "08:30")
    sync_checkins(conn, NOW, LONDON)
    sync_checkins(conn, NOW, LONDON)
    checkins = [i for i in reminders.list_items(conn) if i.kind == "checkin"]
    assert len(checkins) == 1 and checkins[0].due_at.astimezone(ZoneInfo(LONDON)).strftime("%H:%M") == "08:30"
    run_os1("config", "set", "checkins.morning", "09:15")
    sync_checkins(conn, NOW, LONDON)
    checkins = [i for i in reminders.list_items(conn) if i.kind == "checkin"]
    assert len(checkins) == 1 and checkins[0].due_at.astimezone(ZoneInfo(LONDON)).strftime("%H:%M") == "09:15"
