"""The scenario suite's runner: scripted multi-session conversations (YAML) through the real turn pipeline.

A scenario is a person's conversations with OS1 over days, with property checks on the replies (patterns
that many good phrasings pass, never one exact sentence) and on what OS1 holds afterwards. It runs
in-process against a real SQLite home in a temporary directory, with a clock the script moves, so the
whole suite runs in seconds per scenario and follow-ups "after Friday" can be tested.

File format (tests/scenarios/*.yaml, a list of scenarios per file):

    - name: meeting-bad-day-first            # unique
      about: what a person would expect       # one line, for the transcript
      start: 2026-03-03T09:00:00+00:00        # optional; default Monday 2 March 2026, 18:00 UTC
      met: true                               # optional: start after a finished first meeting (as Theo)
      sessions:
        - gap: 2d                             # optional time since the last turn (m, h, d); default 1m
          opening: {must: [...], must_not: [...]}   # checks on the opening line (optional)
          turns:
            - say: "ugh, what a day"
              gap: 30s                        # optional, before this message; default 20s
              must: ["rough|hard|long day"]   # every pattern must match (regex, case-insensitive)
              any: ["..."]                    # at least one must match
              must_not: ["what's your name"]  # none may match
              max_questions: 1                # at most this many '?' in the reply
      after:                                  # checks on the home at the end (all optional)
        person: {name: Lucia, address_as: Lu} # exact values ('~' for unset)
        persona: true                         # a persona exists (false: none yet)
        people: {has: ["Mira"], lacks: ["Mia"]}
        facts: ["Porto"]                      # a fact whose text matches each pattern
        memory: ["night shift"]               # a stored person turn matches each pattern
        reminders: [{text: "pharmacy", at: "20:00"}]
        skill: null                           # the active skill afterwards (null: none)

What it leaves out: judging the prose. A passing scenario proves the properties, not that the reply reads
well: read the transcripts (bench/scenarios.py writes them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

SCENARIO_DIR = Path(__file__).resolve().parent / "scenarios"
DEFAULT_START = datetime(2026, 3, 2, 18, 0, tzinfo=UTC)  # a Monday evening
MEETING_LINES = ("I'm Theo", "Theo is fine", "I like it")
_GAP = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def load_scenarios(directory: Path = SCENARIO_DIR) -> list[dict[str, Any]]:
    """Every scenario in `directory`, in file order; names must be unique."""
    import yaml

    out: list[dict[str, Any]] = []
    for path in sorted(directory.glob("*.yaml")):
        items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        for item in items:
            item["_file"] = path.name
            out.append(item)
    names = [s["name"] for s in out]
    dupes = {n for n in names if names.count(n) > 1}
    assert not dupes, f"duplicate scenario names: {sorted(dupes)}"
    return out


GAPS_FILE = SCENARIO_DIR / "known_gaps.tsv"


def known_gaps(path: Path = GAPS_FILE) -> dict[str, str]:
    """Scenarios OS1 does not handle yet, with the first thing that goes wrong (name<TAB>why per line)."""
    if not path.exists():
        return {}
    rows = [line.split("\t", 1) for line in path.read_text(encoding="utf-8").splitlines()]
    return {row[0]: row[1] if len(row) > 1 else "" for row in rows if row and row[0] and not row[0].startswith("#")}


def write_gaps(results: list[Result], path: Path = GAPS_FILE) -> None:
    header = (
        "# Scenarios OS1 does not handle yet (name, then the first failure), written by\n"
        "# `bench/scenarios.py --write-gaps`. tests/test_scenarios.py expects each to fail; fix one, delete its line.\n"
    )
    lines = [f"{r.name}\t{(r.failures or [r.error or ''])[0].splitlines()[0][:200]}" for r in results if not r.passed]
    path.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")


def gap(value: Any, default: timedelta) -> timedelta:
    if value is None:
        return default
    match = _GAP.match(str(value))
    if not match:
        raise ValueError(f"bad gap {value!r}: use a number and s, m, h, d or w")
    return timedelta(**{_UNITS[match.group(2)]: float(match.group(1))})


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Line:
    who: str  # "you" (the person) | "os1"
    text: str
    failures: list[str] = field(default_factory=list)


@dataclass
class Result:
    name: str
    about: str
    lines: list[Line] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # all failures, turn and state
    error: str | None = None

    @property
    def passed(self) -> bool:
        return not self.failures and self.error is None

    def transcript(self) -> str:
        head = f"## {self.name} — {'PASS' if self.passed else 'FAIL'}\n{self.about}\n"
        body = []
        for line in self.lines:
            if line.who == "---":
                body.append(f"    --- {line.text} ---")
                continue
            body.append(f"  {line.who:>4}: {line.text}")
            body.extend(f"        ✗ {f}" for f in line.failures)
        tail = [f"  ✗ {f}" for f in self.failures if not any(f in line.failures for line in self.lines)]
        if self.error:
            tail.append(f"  ERROR {self.error}")
        return "\n".join([head, *body, *tail]) + "\n"


def check_reply(text: str, spec: dict[str, Any]) -> list[str]:
    """The failed checks of one reply against a turn's or an opening's spec."""
    failures = []
    for pattern in spec.get("must", []) or []:
        if not re.search(pattern, text, re.I):
            failures.append(f"missing /{pattern}/")
    options = spec.get("any") or []
    if options and not any(re.search(p, text, re.I) for p in options):
        failures.append(f"none of {options}")
    for pattern in spec.get("must_not", []) or []:
        if re.search(pattern, text, re.I):
            failures.append(f"has /{pattern}/")
    limit = spec.get("max_questions")
    if limit is not None and text.count("?") > int(limit):
        failures.append(f"{text.count('?')} questions (max {limit})")
    return failures


@contextmanager
def _companion(home: Path, clock: Clock) -> Iterator[Any]:
    from os1.session import open_session

    with open_session(home, clock=clock, warm=False) as session:
        yield session


def run_scenario(scenario: dict[str, Any], home: Path) -> Result:
    """Play `scenario` in the empty OS1 home `home`; the result holds the transcript and the failures."""
    result = Result(scenario["name"], str(scenario.get("about", "")))
    clock = Clock(datetime.fromisoformat(str(scenario["start"])) if scenario.get("start") else DEFAULT_START)
    try:
        if scenario.get("met"):
            with _companion(home, clock) as session:
                session.opening()
                for text in MEETING_LINES:
                    clock.now += timedelta(seconds=20)
                    session.reply(text)
            clock.now += timedelta(minutes=5)
        for number, spec in enumerate(scenario.get("sessions") or [], start=1):
            clock.now += gap(spec.get("gap"), timedelta(minutes=1))
            result.lines.append(Line("---", f"session {number}, {clock.now:%a %d %b %H:%M}"))
            _play_session(spec, home, clock, result)
        result.failures.extend(check_after(scenario.get("after") or {}, home, clock))
    except Exception as exc:  # a crash is a failure of the scenario, reported with the transcript
        import traceback

        result.error = f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=6)}"
    return result


def _play_session(spec: dict[str, Any], home: Path, clock: Clock, result: Result) -> None:
    with _companion(home, clock) as session:
        opening = session.opening()
        line = Line("os1", opening.text, check_reply(opening.text, spec.get("opening") or {}))
        result.lines.append(line)
        result.failures.extend(f"opening: {f}" for f in line.failures)
        for turn in spec.get("turns") or []:
            clock.now += gap(turn.get("gap"), timedelta(seconds=20))
            said = str(turn["say"])
            result.lines.append(Line("you", said if len(said) < 400 else said[:400] + f"… ({len(said)} chars)"))
            reply = session.reply(said)
            line = Line("os1", reply.text, check_reply(reply.text, turn))
            result.lines.append(line)
            result.failures.extend(f"after {said[:40]!r}: {f}" for f in line.failures)


def check_after(spec: dict[str, Any], home: Path, clock: Clock) -> list[str]:
    """The failed checks on what the home holds at the end."""
    if not spec:
        return []
    from os1.store import open_store

    conn = open_store()
    try:
        return [f for name, probe in _PROBES.items() if name in spec for f in probe(conn, spec[name], clock)]
    finally:
        conn.close()


def _person(conn: Any, want: dict[str, Any], clock: Clock) -> list[str]:
    from os1.store.person import get_person

    person = get_person(conn)
    failures = []
    for key, value in want.items():
        got = getattr(person, key, None)
        if got != value:
            failures.append(f"person.{key} is {got!r}, expected {value!r}")
    return failures


def _persona(conn: Any, want: bool, clock: Clock) -> list[str]:
    from os1.store.persona import current_persona

    exists = current_persona(conn) is not None
    return [] if exists == bool(want) else [f"persona exists: {exists}, expected {bool(want)}"]


def _people(conn: Any, want: dict[str, list[str]], clock: Clock) -> list[str]:
    from os1.people.tracker import list_people

    people = list_people(conn)
    labels = [f"{p.name or ''} ({p.relation or ''})" for p in people]
    failures = []
    for pattern in want.get("has", []) or []:
        if not any(re.search(pattern, label, re.I) for label in labels):
            failures.append(f"people lack /{pattern}/ (have {labels})")
    for pattern in want.get("lacks", []) or []:
        if any(re.search(pattern, label, re.I) for label in labels):
            failures.append(f"people have /{pattern}/ (have {labels})")
    count = want.get("count")
    if count is not None and len(people) != int(count):
        failures.append(f"{len(people)} people, expected {count} ({labels})")
    return failures


def _facts(conn: Any, patterns: list[str], clock: Clock) -> list[str]:
    from os1.memory.facts import facts

    texts = [f"{f['subject']} {f['relation']} {f['object']}" for f in facts(conn, limit=500)]
    missing = [p for p in patterns if not any(re.search(p, t, re.I) for t in texts)]
    return [f"no fact matches /{p}/ (facts: {texts[:12]})" for p in missing]


def _memory(conn: Any, patterns: list[str], clock: Clock) -> list[str]:
    rows = [r[0] for r in conn.execute("SELECT text FROM turns WHERE role = 'person'")]
    return [f"no stored turn matches /{p}/" for p in patterns if not any(re.search(p, t, re.I) for t in rows)]


def _reminders(conn: Any, wants: list[dict[str, str]], clock: Clock) -> list[str]:
    from os1.life.reminders import list_items

    items = list_items(conn)
    seen = [f"{i.text} @ {i.due_at.isoformat()} every={i.every}" for i in items]
    failures = []
    for want in wants:
        if not any(re.search(want.get("text", ""), s, re.I) and re.search(want.get("at", ""), s) for s in seen):
            failures.append(f"no reminder like {want} (have {seen})")
    return failures


def _skill(conn: Any, want: str | None, clock: Clock) -> list[str]:
    from os1.dialogue.state import load_state

    got = load_state(conn, clock()).skill
    return [] if got == want else [f"active skill {got!r}, expected {want!r}"]


_PROBES: dict[str, Callable[[Any, Any, Clock], list[str]]] = {
    "person": _person,
    "persona": _persona,
    "people": _people,
    "facts": _facts,
    "memory": _memory,
    "reminders": _reminders,
    "skill": _skill,
}
