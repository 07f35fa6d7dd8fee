"""The people map: extraction from conversation, vCards, goals, nudges, forgetting — on a real SQLite home."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from os1.errors import UserInputError
from os1.people import goals, nudges, tracker
from os1.people.dashboard import build_report, render_svg
from os1.people.vcard import parse_vcards
from os1.store import open_store
from tests.conftest import MEETING, met_companion, run_os1

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)  # a Wednesday


@pytest.fixture
def conn(os1_home: Path) -> sqlite3.Connection:
    return open_store()


def _say(conn: sqlite3.Connection, *lines: str, at: datetime = NOW) -> None:
    for line in lines:
        tracker.observe_turn(conn, line, at)


def test_people_relations_and_contacts_from_a_conversation(conn: sqlite3.Connection) -> None:
    _say(conn,
         "I had lunch with my sister Anna today. She's starting a new job at the hospital next month.",
         "Tom from work is driving me mad with his deadlines.",
         "I haven't called my dad in months.",
         "Mum's birthday is on 3 March.")
    people = {p.label: p for p in tracker.list_people(conn)}
    assert set(people) == {"Anna (sister)", "Tom (colleague)", "your father", "your mother"}
    anna = people["Anna (sister)"]
    assert anna.last_contact and anna.last_contact.date() == NOW.date()
    assert any("new job" in text for _, text in tracker.notes_of(conn, anna.id))  # "she" resolved to Anna
    assert people["your father"].last_contact is None  # negated: not a contact
    assert tracker.dates_of(conn, people["your mother"].id)["birthday"][:2] == (3, 3)


def test_two_people_with_one_first_name_stay_apart(conn: sqlite3.Connection) -> None:
    _say(conn, "My sister Anna is visiting.", "Anna from work brought cake.")
    _say(conn, "Had coffee with my sister Anna yesterday.")
    annas = [p for p in tracker.list_people(conn) if p.name == "Anna"]
    assert sorted(p.relation or "" for p in annas) == ["colleague", "sister"]
    sister = next(p for p in annas if p.relation == "sister")
    assert sister.last_contact and sister.last_contact.date() == (NOW - timedelta(days=1)).date()
    assert tracker.find(conn, "Anna (colleague)").relation == "colleague"
    with pytest.raises(UserInputError, match="several people"):
        tracker.find(conn, "Anna")


def test_a_nameless_relation_gets_its_name_later(conn: sqlite3.Connection) -> None:
    _say(conn, "my brother is moving to Glasgow", "my brother Sam called me last night")
    people = tracker.list_people(conn)
    assert [(p.name, p.relation) for p in people] == [("Sam", "brother")]


VCARDS = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Lee;Anna;;;\r\nFN:Anna Lee\r\nEMAIL;TYPE=INTERNET:anna@example.org\r\n"
    "BDAY:1990-04-12\r\nNOTE:met at the climbing wall and we have been friends for years and years and\r\n"
    "  years\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=B6rg\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nEMAIL:no-name@example.org\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nFN:Broken\r\nthis line is garbage\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Sam Okafor\r\nBDAY:--0612\r\nEND:VCARD\r\n"
)


def test_vcards_folded_encoded_missing_and_malformed(conn: sqlite3.Connection) -> None:
    parsed = parse_vcards(VCARDS)
    assert [(c.name, c.surname) for c in parsed.cards] == [("Anna", "Lee"), ("Jörg", "Müller"), ("Sam", "Okafor")]
    assert parsed.cards[0].birthday == (4, 12, 1990) and parsed.cards[2].birthday == (6, 12, None)
    assert len(parsed.problems) == 2 and any("without a name" in p for p in parsed.problems)
    _say(conn, "my sister Anna is visiting")
    report = tracker.import_cards(conn, parsed.cards)
    assert len(report.added) == 3
    assert [(a.label, b.label) for a, b in report.suggested_merges] == [("Anna (sister)", "Anna Lee")]
    again = tracker.import_cards(conn, parse_vcards(VCARDS).cards)
    assert not again.added and len(again.skipped_known) == 3  # never duplicated silently
    sister, card = tracker.find(conn, "Anna (sister)"), tracker.find(conn, "Anna Lee")
    tracker.merge(conn, sister.id, card.id)
    merged = tracker.find(conn, "Anna (sister)")
    assert merged.emails == ["anna@example.org"] and merged.surname == "Lee"
    assert tracker.dates_of(conn, merged.id)["birthday"] == (4, 12, 1990)


def test_forgetting_a_person_removes_them_from_every_table(conn: sqlite3.Connection) -> None:
    _say(conn, "I met my friend Priya yesterday. She got a puppy.", "Priya's birthday is on 9 May.")
    goals.add_goal(conn, "see Priya every week")
    priya = tracker.find(conn, "Priya")
    tracker.forget(conn, priya.id)
    for table in ("people", "person_dates", "person_notes", "contacts", "connection_goals", "nudges"):
        column = "id" if table == "people" else "person_id"
        assert conn.execute(f"SELECT count(*) FROM {table} WHERE {column} = ?", (priya.id,)).fetchone()[0] == 0


def test_goals_count_real_contacts_in_calendar_weeks(conn: sqlite3.Connection) -> None:
    friend_goal = goals.add_goal(conn, "see a friend twice a week")
    _say(conn, "my friend Lena came over", at=NOW - timedelta(days=1))      # Tuesday: counts
    _say(conn, "had dinner with my friend Omar", at=NOW)                   # Wednesday: counts
    _say(conn, "had coffee with my friend Lena", at=NOW - timedelta(days=7))  # last week: doesn't
    _say(conn, "met my colleague Raj for lunch", at=NOW)                   # work: not a friend
    _say(conn, "texted my friend Mo", at=NOW)                              # a text is not seeing someone
    result = goals.progress(conn, friend_goal, NOW)
    assert (result.done, result.met) == (2, True)
    sunday_goal = goals.add_goal(conn, "call mum on Sundays")
    assert sunday_goal.weekday == 6 and sunday_goal.relation == "mother"
    assert goals.progress(conn, sunday_goal, NOW).done == 0
    with pytest.raises(UserInputError):
        goals.add_goal(conn, "be nicer")


def test_nudges_catch_birthdays_ahead_respect_cadence_quiet_hours_and_snooze(conn: sqlite3.Connection) -> None:
    _say(conn, "my sister Anna's birthday is on 30 November", at=NOW - timedelta(days=2))
    _say(conn, "had lunch with my sister Anna", at=NOW - timedelta(days=2))
    _say(conn, "my best friend Jo is the best", at=NOW - timedelta(days=60))
    nudge = nudges.next_nudge(conn, NOW, "UTC")
    assert nudge and nudge.kind == "birthday" and "Anna" in nudge.text and "5 days" in nudge.text
    assert nudges.next_nudge(conn, NOW + timedelta(hours=2), "UTC") is None  # one a day at most
    later = nudges.next_nudge(conn, NOW + timedelta(days=1), "UTC")
    assert later and later.kind == "drift" and "Jo" in later.text  # Anna is within her cadence: no drift nudge
    nudges.snooze(conn, later.id, NOW + timedelta(days=1))
    assert nudges.next_nudge(conn, NOW + timedelta(days=2), "UTC") is None
    night = datetime(2026, 11, 28, 23, 30, tzinfo=UTC)
    assert nudges.in_quiet_hours(night, "UTC") and nudges.next_nudge(conn, night, "UTC") is None


def test_dashboard_and_cli(conn: sqlite3.Connection, tmp_path: Path) -> None:
    run_os1("chat", input=MEETING + "I had dinner with my friend Lena tonight\n")
    assert run_os1("connection", "goal", "add", "see a friend twice a week").returncode == 0
    listing = json.loads(run_os1("people", "--json").stdout)
    assert [p["name"] for p in listing] == ["Lena"]
    chart = tmp_path / "chart.svg"
    result = run_os1("connection", "--chart", str(chart))
    assert result.returncode == 0 and "1/2" in result.stdout and "OS1:" in result.stdout
    svg = chart.read_text()
    assert svg.startswith("<svg") and "hours with OS1" in svg
    report = build_report(open_store(), datetime.now(UTC))
    assert report.weeks[-1].human_contacts == 1 and report.weeks[-1].os1_minutes > 0
    assert "<rect" in render_svg(report)
    vcf = tmp_path / "c.vcf"
    vcf.write_text(VCARDS)
    imported = run_os1("people", "import", str(vcf))
    assert imported.returncode == 0 and "Imported 3" in imported.stdout and "skipped" in imported.stderr
    binary = tmp_path / "x.vcf"
    binary.write_bytes(b"\x00\x01\x02")
    bad = run_os1("people", "import", str(binary))
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert run_os1("people", "forget", "Lena").returncode == 0
    assert run_os1("people", "show", "Lena").returncode == 1


def test_loneliness_and_isolation_talk_turn_the_person_outward(os1_home: Path) -> None:
    companion, conn = met_companion()
    companion.reply("my old friend Priya moved away last year")
    lonely = companion.reply("I feel so lonely these days, there's nobody to talk to")
    assert "Priya" in lonely.text and re.search(r"help you (write|draft|find)|help with the words", lonely.text)
    only = companion.reply("honestly you're the only one I talk to")
    assert "Priya" in only.text and re.search(r"people|one voice among several|the only one", only.text)
    assert not re.search(r"\b(I agree|me too|that's great|brilliant)\b", only.text, re.I)  # never agreed with
    # Two suggestions, two different wordings: the same sentence on days in a row would sound canned.
    outward = "SELECT text FROM nudges WHERE kind = 'outward'"
    steps = [row[0] for row in conn.execute(outward)]  # type: ignore[attr-defined]
    assert len(steps) == 2 and steps[0].split(". ")[-1] != steps[1].split(". ")[-1]
    companion.reply("I feel lonely again tonight")
    assert len(conn.execute(outward).fetchall()) == 2  # type: ignore[attr-defined]  # once a day: it never nags
