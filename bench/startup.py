"""Start-up benchmarks: `os1 --help` wall time (target < 0.3 s) and the first reply after a cold start
in line mode (target < 2 s), each the median of several runs in a fresh OS1_HOME.

Run: .venv/bin/python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

MEETING = b"Theodore\nTeddy is fine\nI like it\n"


def _timed(args: list[str], stdin: bytes | None, env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "os1", *args], input=stdin, env=env, capture_output=True, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "OS1_HOME": home}
        helps = [_timed(["--help"], None, env) for _ in range(runs)]
        subprocess.run([sys.executable, "-m", "os1", "chat"], input=MEETING, env=env, capture_output=True, check=True)
        # A cold start: a new process that must load the mind and answer one message.
        firsts = [_timed(["chat", "--no-opening"], b"I had a strange day at work\n", env) for _ in range(runs)]
    for label, times, target in (("os1 --help", helps, "< 0.3 s"), ("first reply after a cold start", firsts, "< 2 s")):
        print(f"{label:32} median {statistics.median(times):.3f} s  (max {max(times):.3f} s; target {target})")


if __name__ == "__main__":
    main()
