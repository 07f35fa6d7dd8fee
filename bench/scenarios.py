"""The scenario suite's pass rate, the conversation's headline figure, and every transcript to read.

Run: PYTHONPATH=$PWD python bench/scenarios.py [--out bench/out/transcripts.md] [--only NAME_PART] [--write-gaps]
Each scenario plays in its own temporary OS1 home, in-process, through the same runner as the tests.
Prints the pass rate overall and per file, the turn latency (p50/p95 over every reply after the first
of each run, the mind loaded), and the failures; writes all transcripts (failures first) to --out.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.scenario_runner import load_scenarios, run_scenario, write_gaps  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "transcripts.md")
    parser.add_argument("--only", default="", help="run only scenarios whose name contains this")
    parser.add_argument("--write-gaps", action="store_true",
                        help="rewrite tests/scenarios/known_gaps.tsv from this run (all scenarios)")
    args = parser.parse_args()
    scenarios = [s for s in load_scenarios() if args.only in s["name"]]
    results, by_file = [], defaultdict(lambda: [0, 0])
    latencies: list[float] = []
    _timed_replies(latencies)
    start = time.perf_counter()
    for scenario in scenarios:
        with tempfile.TemporaryDirectory() as tmp:
            os.environ["OS1_HOME"] = tmp
            result = run_scenario(scenario, Path(tmp))
        results.append(result)
        by_file[scenario["_file"]][0] += result.passed
        by_file[scenario["_file"]][1] += 1
    elapsed = time.perf_counter() - start
    passed = sum(r.passed for r in results)
    print(f"scenarios: {passed}/{len(results)} passed ({passed / max(len(results), 1):.1%}) in {elapsed:.0f} s")
    for name, (ok, total) in sorted(by_file.items()):
        print(f"  {name:<28} {ok}/{total}")
    if latencies:
        ordered = sorted(latencies[1:] or latencies)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        print(f"turn latency: p50 {statistics.median(ordered):.0f} ms, p95 {p95:.0f} ms over {len(ordered)} replies")
    for result in results:
        if not result.passed:
            first = (result.failures or [result.error or ""])[0]
            print(f"  FAIL {result.name}: {first[:160]}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    ordered_results = sorted(results, key=lambda r: r.passed)
    args.out.write_text("".join(r.transcript() + "\n" for r in ordered_results), encoding="utf-8")
    print(f"transcripts: {args.out}")
    if args.write_gaps and not args.only:
        write_gaps(results)
        print(f"known gaps: {sum(not r.passed for r in results)} written")


def _timed_replies(latencies: list[float]) -> None:
    """Time every Companion.reply while the suite runs (the runner calls it in-process)."""
    from os1.companion import Companion

    original = Companion.reply

    def timed(self, *a, **k):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        try:
            return original(self, *a, **k)
        finally:
            latencies.append((time.perf_counter() - t0) * 1000)

    Companion.reply = timed  # type: ignore[method-assign]


if __name__ == "__main__":
    main()
