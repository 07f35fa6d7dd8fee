"""Files from outside cannot break OS1: calendars with impossible events, escape sequences in names,
summaries and messages (nothing reaches the terminal but text), sub-daily recurrences."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

from os1.life.calendar import MAX_OCCURRENCES, agenda, import_calendar
from os1.store import open_store
from os1.terminal import clean, json_text
from tests.conftest import MEETING, run_os1

ESCAPES = [
    "\x1b]52;c;ZXZpbA==\x07",  # OSC 52: write the clipboard
    "\x1b]0;pwned\x1b\\",  # OSC 0: retitle the window
    "\x1b[6n",  # CSI: cursor position query (answer lands on stdin)
    "\x1bP+q544e\x1b\\",  # DCS: terminfo query
    "\x9b6n",  # 8-bit CSI
    "\x9d52;c;ZXZpbA==\x07",  # 8-bit OSC
    "\x1bc",  # RIS: reset
    "\r\x08\x7f\x00\x85",
]


def _assert_plain(text: str) -> None:
    assert not any(ch in text for ch in "\x1b\x9b\x9d\x07\x00\r\x08\x7f\x85"), repr(text)


def test_clean_strips_every_escape_but_keeps_text() -> None:
    for seq in ESCAPES:
        assert clean(f"Anna{seq} Smith") == "Anna Smith"
    assert clean("line one\n\tline two") == "line one\n\tline two"
    # An unterminated string sequence loses its introducer only: what follows stays, inert.
    assert clean("Anna\x1b]52;c;ZX\n   last contact") == "Anna52;c;ZX\n   last contact"
    assert clean("a\nb", newlines=False) == "a b"
    assert clean("Zoë — 東京 🙂") == "Zoë — 東京 🙂"
    data = {"name": "Anna\x9b6n\x1b]0;x\x07"}
    text = json_text(data)
    _assert_plain(text)
    assert json.loads(text) == data  # escaped, not lost


def _ics(*events: str) -> str:
    body = "".join(f"BEGIN:VEVENT\r\n{e}END:VEVENT\r\n" for e in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{body}END:VCALENDAR\r\n"


GOOD = "UID:1\r\nSUMMARY:Dentist\r\nDTSTART:20261207T100000Z\r\nDTEND:20261207T110000Z\r\n"
BAD = [
    "UID:2\r\nSUMMARY:Impossible\r\nDTSTART:20261345T100000Z\r\n",
    "UID:3\r\nSUMMARY:No start\r\n",
    "UID:4\r\nSUMMARY:Bad exdate\r\nDTSTART:20261207T100000Z\r\nRRULE:FREQ=DAILY\r\nEXDATE:notadate\r\n",
    "UID:5\r\nSUMMARY:Bad rule\r\nDTSTART:20261207T100000Z\r\nRRULE:FREQ=SOMETIMES;COUNT=x\r\n",
    "UID:6\r\nSUMMARY:Every second\r\nDTSTART:20261207T100000Z\r\nRRULE:FREQ=SECONDLY\r\n",
    "UID:7\r\nSUMMARY:Every minute\r\nDTSTART:20261207T100000Z\r\nRRULE:FREQ=MINUTELY\r\n",
]


def test_bad_events_are_reported_with_lines_and_skipped(os1_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "mixed.ics"
    path.write_text(_ics(GOOD, *BAD), newline="")
    result = run_os1("calendar", "import", str(path))
    assert result.returncode == 0, result.stderr
    assert "Imported mixed.ics: 1 events" in result.stdout and "6 bad event(s) skipped" in result.stdout
    problems = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert len(problems) == 6
    assert "line 10 (Impossible): unreadable DTSTART" in problems[0]
    assert "line 15 (No start): no start" in problems[1]
    assert "EXDATE" in problems[2] and "RRULE" in problems[3] and "secondly" in problems[4]
    # The agenda and a chat question about it still work.
    listing = run_os1("calendar", "--days", "30", "--json")
    assert listing.returncode == 0, listing.stderr
    assert [e["summary"] for e in json.loads(listing.stdout)] in ([], ["Dentist"])
    chat = run_os1("chat", input=MEETING + "what's on my calendar this week?\nthanks\n")
    assert chat.returncode == 0 and "Something went wrong" not in chat.stdout + chat.stderr


def test_a_followed_file_that_turns_bad_still_gives_an_agenda(os1_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "follow.ics"
    path.write_text(_ics(GOOD), newline="")
    assert run_os1("calendar", "follow", str(path)).returncode == 0
    path.write_text(_ics(GOOD, *BAD), newline="")
    result = run_os1("calendar", "--days", "366")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("skipped") == 6


def test_expansion_is_bounded_per_query(os1_home: Path, tmp_path: Path) -> None:
    hourly = "UID:h\r\nSUMMARY:Hourly\r\nDTSTART:20260101T000000Z\r\nRRULE:FREQ=HOURLY\r\n"
    path = tmp_path / "hourly.ics"
    path.write_text(_ics(hourly, *[hourly.replace("UID:h", f"UID:h{i}") for i in range(5)]), newline="")
    conn = open_store()
    try:
        assert import_calendar(conn, path, follow=False).count == 6
        notes: list[str] = []
        started = time.monotonic()
        events = agenda(conn, datetime(2026, 12, 1, tzinfo=UTC), 60, None, notes)
        assert time.monotonic() - started < 15
        assert len(events) <= MAX_OCCURRENCES and notes and "cut short" in notes[0]
        # A secondly event stored before imports were checked (or one hidden in BYSECOND) is left out.
        every_second = "UID:s\r\nSUMMARY:S\r\nDTSTART:20261201T000000Z\r\nRRULE:FREQ=DAILY;BYHOUR=" + ",".join(
            map(str, range(24))) + ";BYMINUTE=" + ",".join(map(str, range(60))) + "\r\n"
        conn.execute("UPDATE calendars SET content = ?", (_ics(BAD[4], every_second),))
        conn.commit()
        started = time.monotonic()
        assert agenda(conn, datetime(2026, 12, 1, tzinfo=UTC), 30) == []
        assert time.monotonic() - started < 5
    finally:
        conn.close()


def test_escape_sequences_never_reach_the_terminal(os1_home: Path, tmp_path: Path) -> None:
    evil = "".join(ESCAPES).replace("\r", "").replace("\x00", "")  # a NUL makes it binary; CR ends a line
    vcf = tmp_path / "evil.vcf"
    vcf.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna{evil} Smith\r\nN:Smith;Anna{evil};;;\r\nEND:VCARD\r\n")
    ics = tmp_path / "evil.ics"
    summary = "Party" + evil
    ics.write_text(_ics(f"UID:e\r\nSUMMARY:{summary}\r\nDTSTART:20261207T100000Z\r\n"), newline="")
    assert run_os1("people", "import", str(vcf)).returncode == 0
    assert run_os1("calendar", "import", str(ics)).returncode == 0
    chat = run_os1("chat", input=MEETING.encode() + f"my friend Bo{evil} is here\n".encode())
    assert chat.returncode == 0, chat.stderr
    outputs = [
        run_os1("people"), run_os1("people", "--json"), run_os1("people", "show", "1"),
        run_os1("calendar", "--days", "366"), run_os1("calendar", "--days", "366", "--json"),
        run_os1("memory", "list"), run_os1("memory", "list", "--json"), run_os1("memory", "search", "friend"),
        run_os1("memory", "search", "friend", "--json"),
    ]
    for result in outputs:
        assert result.returncode == 0, (result.args, result.stderr)
        _assert_plain(result.stdout)
        _assert_plain(result.stderr)
    anna = next(line for line in outputs[0].stdout.splitlines() if "Anna" in line)
    assert "last contact" in anna  # the rest of the line was not swallowed
