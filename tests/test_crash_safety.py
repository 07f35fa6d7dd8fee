"""Never lose a word: SIGKILL `os1` mid-conversation, over and over, and check every acknowledged turn."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import MEETING, run_os1

ROUNDS = 12


def _chat_process() -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "os1", "chat", "--json", "--no-opening"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=os.environ.copy(),
    )


def test_sigkill_never_loses_an_acknowledged_turn(os1_home: Path) -> None:
    assert run_os1("chat", input=MEETING).returncode == 0
    rng = random.Random(7)
    acknowledged: list[str] = []
    for round_number in range(ROUNDS):
        proc = _chat_process()
        assert proc.stdin and proc.stdout
        for line_number in range(rng.randint(1, 4)):
            message = f"round {round_number} message {line_number}: I walked by the river today"
            proc.stdin.write(message.encode() + b"\n")
            proc.stdin.flush()
            reply = json.loads(proc.stdout.readline())
            assert reply["type"] == "reply"
            acknowledged.append(message)
        # One more message whose reply we never wait for, then the kill lands at a random moment.
        proc.stdin.write(f"round {round_number} unacknowledged\n".encode())
        proc.stdin.flush()
        time.sleep(rng.uniform(0, 0.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)

    conn = sqlite3.connect(os1_home / "os1.db")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = {row[0] for row in conn.execute("SELECT text FROM turns WHERE role = 'person'")}
        replies = conn.execute(
            "SELECT count(*) FROM turns WHERE role = 'companion' AND json_extract(meta, '$.reply_to') IN "
            "(SELECT id FROM turns WHERE role = 'person' AND text LIKE 'round % message %')"
        ).fetchone()[0]
    finally:
        conn.close()
    missing = [m for m in acknowledged if m not in stored]
    assert not missing, f"acknowledged but lost: {missing}"
    assert replies >= len(acknowledged)
