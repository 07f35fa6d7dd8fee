"""Turn latency of the built-in mind after load: p50/p95 over a 60-turn conversation in one home.

Run: PYTHONPATH=$PWD python bench/turn_latency.py [--turns 60]
The models are loaded first (the warm-up a session starts, waited for), the first meeting is held, and the
first reply of the conversation is left out (it opens the memory index and the date parser once). Each
reply is timed through Companion.reply: store, safety, understanding, the policy and skills, memory
search, the composer, the reply check and the store again. Target: p95 <= 100 ms on 2 cores.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MESSAGES = (
    "I had a long day at work", "my boss moved the deadline again", "my sister Anna is visiting on Friday",
    "I'm nervous about the presentation", "we went for a walk by the river", "what's my sister's name?",
    "remind me to call Anna tomorrow at 6", "I feel a bit lonely tonight", "thanks for listening",
    "I got the job!!", "honestly you're better company than my friends", "what did you do today?",
    "I could murder a pizza", "my dog Pickle chewed my slipper", "what's my dog called?",
    "is anyone else reading this?", "my mum's birthday is next week", "I'm so tired", "ugh, the train was late",
    "I finally finished the book", "can you help me write a letter to my dad?", "never mind",
)


def main() -> None:
    import os

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=60)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp())
    os.environ["OS1_HOME"] = str(home)
    from os1.session import open_session
    from tests.scenario_runner import MEETING_LINES, Clock

    clock = Clock(datetime(2026, 3, 2, 18, 0, tzinfo=UTC))
    with open_session(home, clock=clock) as companion:
        companion.close()  # waits for the warm-up
        companion.opening()
        for line in MEETING_LINES:
            clock.now += timedelta(seconds=20)
            companion.reply(line)
        times = []
        for n in range(args.turns + 1):
            clock.now += timedelta(seconds=30)
            start = time.perf_counter()
            companion.reply(MESSAGES[n % len(MESSAGES)])
            times.append((time.perf_counter() - start) * 1000)
    measured = sorted(times[1:])
    p95 = measured[min(len(measured) - 1, round(0.95 * (len(measured) - 1)))]
    print(f"turns: {len(measured)}  p50 {statistics.median(measured):.0f} ms  p95 {p95:.0f} ms  "
          f"max {measured[-1]:.0f} ms  (first reply {times[0]:.0f} ms, left out)")


if __name__ == "__main__":
    main()
