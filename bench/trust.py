"""Trust figures: fuzzed inputs through analyze and a chat, vCard import time, zero egress, forgotten
words in raw bytes.

Run: `PYTHONPATH=. python bench/trust.py [--fuzz 2000] [--chat 300] [--cards 1000 20000] [--json FILE]`
(about 3-6 minutes on 2 shared cores). Each part prints one line; `--json` writes them all
(the last run's are in bench/results_trust.json).

- fuzz: seeded random messages (date phrases with huge numbers and units, escape sequences, control
  characters, RTL and emoji, very long words, numbers of thousands of digits) through
  `os1.mind.understanding.analyze` in-process; a crash is any exception, a hang any input over 10 s.
- chat: the first N of the same inputs through one real `os1 chat` (line mode) subprocess; every line
  must be answered and stored.
- cards: parse + import of N generated vCards into a fresh home (time, CPU).
- egress: a scripted chat under `strace -f -e trace=connect` with a fresh $HOME; outside connects and
  telemetry files counted.
- forget: a chat with a secret sentence, `os1 memory forget` of it, then every file of the home grepped.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

MEETING = "Theodore\nTeddy is fine\nI like it\n"
UNITS = ["second", "minute", "hour", "day", "week", "month", "year", "decade"]
HOSTILE = ["\x1b]52;c;ZXZpbA==\x07", "\x1b[6n", "\x9b6n", "\x1b]0;x\x1b\\", "\u202e", "\u200b", "\x07", "\x7f",
           "🙂", "東京", "שלום", "é" * 3]  # fmt: skip
TEMPLATES = [
    "the pyramids were built {n} {u}s ago", "not in {n} {u}s", "in {n} {u}s", "{n} {u}s ago I met Anna",
    "remind me in {n} {u}s to call mum", "what did I say {n} {u}s ago?", "we met on May 8th, {n}",
    "my exam is on {n}-12-31 at {n}:{n}", "every {n} {u}s", "next {u} at {n}pm", "I owe {n} dollars",
    "{h} my sister {h} is visiting {h}", "{w}", "on {n} December {n}", "tomorrow at {n}",
]  # fmt: skip


def fuzz_inputs(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)

    def number() -> str:
        kind = rng.random()
        if kind < 0.3:
            return str(rng.randint(0, 100))
        if kind < 0.6:
            return f"{rng.randint(1000, 10**12):,}"
        if kind < 0.9:
            return str(rng.randint(0, 10**rng.randint(3, 30)))
        return "9" * rng.choice([100, 5000])

    out = []
    for _ in range(count):
        text = rng.choice(TEMPLATES).format(
            n=number(), u=rng.choice(UNITS), h=rng.choice(HOSTILE), w="x" * rng.choice([1, 500, 20_000]))
        if rng.random() < 0.2:
            text = "".join(rng.choice(HOSTILE) for _ in range(3)) + text
        out.append(text)
    return out


def bench_fuzz(inputs: list[str]) -> dict[str, object]:
    from os1.mind.understanding import analyze

    analyze("warm up", datetime(2026, 11, 25, 10))
    crashes, hangs, worst = [], 0, 0.0
    started = time.perf_counter()
    for text in inputs:
        t0 = time.perf_counter()
        try:
            analyze(text, datetime(2026, 11, 25, 10))
        except Exception as exc:  # the figure counts them
            crashes.append(f"{type(exc).__name__}: {text[:60]!r}")
        spent = time.perf_counter() - t0
        worst = max(worst, spent)
        hangs += spent > 10
    return {"inputs": len(inputs), "crashes": len(crashes), "hangs": hangs, "worst_s": round(worst, 3),
            "total_s": round(time.perf_counter() - started, 1), "examples": crashes[:5]}  # fmt: skip


def bench_resolvers(inputs: list[str]) -> dict[str, object]:
    """The date resolvers and the people map's time phrases alone (fast: no models)."""
    from datetime import UTC

    from os1.life.when import parse_when
    from os1.memory.timeparse import parse_timestamp, query_window
    from os1.mind.understanding.dates import find_dates
    from os1.people.extract import observe

    now = datetime(2026, 11, 25, 10, tzinfo=UTC)
    calls = {"find_dates": lambda t: find_dates(t, now.replace(tzinfo=None)),
             "query_window": lambda t: query_window(t, now), "parse_when": lambda t: parse_when(t, now),
             "parse_timestamp": parse_timestamp,
             "people_observe": lambda t: observe(t, now)}  # fmt: skip
    crashes = dict.fromkeys(calls, 0)
    for text in inputs:
        for name, call in calls.items():
            try:
                call(text)
            except Exception:  # the figure counts them
                crashes[name] += 1
    return {"inputs": len(inputs), "crashes": crashes}


def _env(home: Path, user: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ORT_", "HF_", "XDG_"))}
    env.update(OS1_HOME=str(home), HOME=str(user))
    return env


def bench_chat(inputs: list[str], work: Path) -> dict[str, object]:
    home, user = work / "chat-home", work / "chat-user"
    user.mkdir(parents=True)
    lines = [" ".join(t.replace("\x00", "").split()) or "." for t in inputs]
    data = (MEETING + "\n".join(lines) + "\n").encode()
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "os1", "chat", "--no-opening"], input=data,
                          capture_output=True, env=_env(home, user), timeout=3600)  # fmt: skip
    spent = time.perf_counter() - started
    conn = sqlite3.connect(home / "os1.db")
    stored = conn.execute("SELECT count(*) FROM turns WHERE role = 'person'").fetchone()[0]
    conn.close()
    replies = len(proc.stdout.decode(errors="replace").splitlines())
    return {"lines": len(lines), "exit": proc.returncode, "replies": replies - 3, "person_turns_stored": stored - 3,
            "went_wrong": proc.stdout.count(b"Something went wrong") + proc.stderr.count(b"Something went wrong"),
            "seconds": round(spent, 1)}  # fmt: skip


def bench_cards(sizes: list[int], work: Path) -> dict[str, object]:
    from os1.people.tracker import import_cards
    from os1.people.vcard import parse_vcards
    from os1.store import open_store

    out: dict[str, object] = {}
    for n in sizes:
        text = "".join(
            f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Person{i} Surname{i}\r\nN:Surname{i};Person{i};;;\r\n"
            f"EMAIL:p{i}@example.org\r\nTEL:+44 20 7946 {i % 10000:04d}\r\n"
            f"BDAY:1990-{1 + i % 12:02d}-{1 + i % 28:02d}\r\nEND:VCARD\r\n" for i in range(n))  # fmt: skip
        db = work / f"cards-{n}" / "os1.db"
        db.parent.mkdir(parents=True)
        conn = open_store(db)
        wall, cpu = time.perf_counter(), time.process_time()
        report = import_cards(conn, parse_vcards(text).cards)
        out[str(n)] = {"added": len(report.added), "wall_s": round(time.perf_counter() - wall, 2),
                       "cpu_s": round(time.process_time() - cpu, 2)}  # fmt: skip
        conn.close()
    return out


def bench_egress(work: Path) -> dict[str, object]:
    if shutil.which("strace") is None:
        return {"skipped": "strace is not installed (scripts/system-deps)"}
    from tests.test_trust_egress import outside_connects

    home, user, trace = work / "egress-home", work / "egress-user", work / "egress.strace"
    user.mkdir(parents=True)
    proc = subprocess.Popen(["strace", "-f", "-qq", "-e", "trace=connect", "-e", "signal=none", "-o", str(trace),
                             sys.executable, "-m", "os1", "chat"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=_env(home, user))  # fmt: skip
    assert proc.stdin is not None
    for line in [*MEETING.splitlines(), "I had a long day", "my sister Anna visits next week", "thanks"]:
        proc.stdin.write((line + "\n").encode())
        proc.stdin.flush()
        time.sleep(3)
    proc.stdin.close()
    proc.wait(timeout=120)
    text = trace.read_text()
    files = [str(p) for p in user.rglob("*")]
    return {"seconds": 18, "connects": text.count("connect("), "outside_connects": len(outside_connects(text)),
            "files_in_fresh_home": len(files)}  # fmt: skip


def bench_forget(work: Path) -> dict[str, object]:
    home, user = work / "forget-home", work / "forget-user"
    user.mkdir(parents=True)
    env = _env(home, user)
    secret = "my sister Zelda secretly loves Quentin Marchbanks"
    subprocess.run([sys.executable, "-m", "os1", "chat"], input=(MEETING + secret + "\nZelda called\n").encode(),
                   capture_output=True, env=env, timeout=300)  # fmt: skip
    words = [b"quentin", b"marchbanks", b"secretly"]

    def hits() -> int:
        return sum(p.read_bytes().lower().count(w) for p in home.rglob("*") if p.is_file() for w in words)

    before = hits()
    conn = sqlite3.connect(home / "os1.db")
    turn_id = conn.execute("SELECT id FROM turns WHERE text = ?", (secret,)).fetchone()[0]
    conn.close()
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "os1", "memory", "forget", turn_id], capture_output=True, env=env,
                   timeout=300)  # fmt: skip
    return {"occurrences_before": before, "occurrences_after": hits(),
            "forget_seconds": round(time.perf_counter() - t0, 2)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fuzz", type=int, default=2000)
    parser.add_argument("--chat", type=int, default=300)
    parser.add_argument("--cards", type=int, nargs="*", default=[1000, 20000])
    parser.add_argument("--json", type=Path)
    parts = ["fuzz_resolvers", "fuzz_analyze", "fuzz_chat", "vcard_import", "egress", "forget"]
    parser.add_argument("--parts", nargs="*", default=parts)
    args = parser.parse_args()
    results: dict[str, object] = {"when": datetime.now().isoformat(timespec="seconds"),
                                  "load_average": os.getloadavg()[0]}  # fmt: skip
    inputs = fuzz_inputs(args.fuzz)
    with tempfile.TemporaryDirectory(prefix="os1-trust-") as tmp:
        work = Path(tmp)
        os.environ["OS1_HOME"] = str(work / "inproc-home")
        for name, run in (("fuzz_resolvers", lambda: bench_resolvers(inputs)),
                          ("fuzz_analyze", lambda: bench_fuzz(inputs)),
                          ("fuzz_chat", lambda: bench_chat(inputs[: args.chat], work)),
                          ("vcard_import", lambda: bench_cards(args.cards, work)),
                          ("egress", lambda: bench_egress(work)),
                          ("forget", lambda: bench_forget(work))):  # fmt: skip
            if name not in args.parts:
                continue
            results[name] = run()
            print(f"{name}: {json.dumps(results[name], ensure_ascii=True)}", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=True) + "\n")


if __name__ == "__main__":
    main()
