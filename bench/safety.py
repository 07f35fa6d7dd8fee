"""Benchmark the risk check: latency per message (p50/p95, rules alone and with the classifier) and
recall / false positives on the authored sets.

Run: PYTHONPATH=$PWD python bench/safety.py
Messages are the tuning and held-out sets plus everyday chat, each assessed with 3 messages of context.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from os1.safety import classifier  # noqa: E402
from os1.safety.evaluate import load_set, score  # noqa: E402
from os1.safety.risk import assess  # noqa: E402

DATA = ROOT / "tests" / "data"


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    tuning = load_set(DATA / "risk_messages.jsonl")
    heldout = load_set(DATA / "risk_heldout.jsonl")
    texts = [r["text"] for r in tuning + heldout]
    context = ["I had a long day", "work was busy", "anyway"]
    t0 = time.perf_counter()
    classifier.warm_up()
    load_s = time.perf_counter() - t0
    report: dict[str, object] = {"classifier_load_s": round(load_s, 3)}
    from os1.nlp.embeddings import get_embedder

    embedder = get_embedder()
    for label, use in (("rules_only", False), ("rules_plus_classifier", True)):
        times: list[float] = []
        for _ in range(5):
            for text in texts:
                embedder.forget_recent()  # each message as if new: no embedding reused from the last round
                start = time.perf_counter()
                assess(text, context, use_classifier=use)
                times.append((time.perf_counter() - start) * 1000)
        report[label] = {
            "messages": len(times),
            "p50_ms": round(statistics.median(times), 3),
            "p95_ms": round(_pct(times, 0.95), 3),
            "max_ms": round(max(times), 3),
        }
    for name, rows in (("tuning_set", tuning), ("heldout_set", heldout)):
        for label, use in (("rules_only", False), ("rules_plus_classifier", True)):
            report[f"{name}/{label}"] = score(rows, lambda t, c, u=use: assess(t, c, use_classifier=u)).summary()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
