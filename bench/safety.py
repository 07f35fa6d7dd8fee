"""Benchmark the risk check: leave-one-kind-out recall and false alarms on the corpus, the authored sets,
latency per message (p50/p95), and — once, at the end — an independent review set.

Run: PYTHONPATH=$PWD python bench/safety.py [--review PATH] [--skip-loko]
  * LOKO: for each kind of wording in os1/safety/data/risk_corpus.jsonl, the learned model is trained
    without that kind and tested on it (rules and the structured reading are hand-written and fixed, so the
    figure holds out only what is learned). Crisis kinds report recall on high/imminent; negative kinds the
    share raised to high or above.
  * Latency: `assess()` with 3 messages of context, embedding cache cleared before each message, on
    (a) a realistic mix (the everyday and distress messages with the crisis and hard-negative ones) and
    (b) the messages that pass the lexical gate only (parse + embedding every time: the worst case).
  * --chat TSV: real chat-like comments (default: GoEmotions dev under /work/shared/data, CC BY 4.0, read in
    place, never copied): latency on the first 1,000 (the nearest thing to a companion's everyday traffic)
    and the share of all of them raised to high or above (unlabelled: an upper bound on false alarms, since
    a few are real distress).
  * --review PATH: score a JSONL set (text, level, kind, category) that the model never saw.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from os1.safety import model  # noqa: E402
from os1.safety.evaluate import featurise, leave_one_kind_out, load_set, score  # noqa: E402
from os1.safety.risk import assess, reading_of  # noqa: E402

DATA = ROOT / "tests" / "data"
CORPUS = ROOT / "os1" / "safety" / "data" / "risk_corpus.jsonl"


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def latency(texts: list[str]) -> dict[str, float]:
    from os1.nlp.embeddings import get_embedder

    embedder = get_embedder()
    context = ["I had a long day", "work was busy", "anyway"]
    times: list[float] = []
    for text in texts:
        embedder.forget_recent()  # each message as if new: no embedding reused
        start = time.perf_counter()
        assess(text, context)
        times.append((time.perf_counter() - start) * 1000)
    return {"messages": len(times), "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(_pct(times, 0.95), 2), "max_ms": round(max(times), 2)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--review", type=Path, help="score this independent JSONL set once")
    parser.add_argument("--skip-loko", action="store_true")
    parser.add_argument("--skip-sets", action="store_true", help="only latency (and --chat)")
    parser.add_argument("--chat", type=Path, default=Path("/work/shared/data/goemotions/dev.tsv"))
    args = parser.parse_args()
    report: dict[str, object] = {}
    corpus = load_set(CORPUS)
    if not args.skip_loko:
        res = leave_one_kind_out(featurise(corpus))
        report["leave_one_kind_out"] = {g: {k: v for k, v in r.items() if k not in ("misses", "false_alarms")}
                                        for g, r in res.items()}
    for name in () if args.skip_sets else ("risk_messages.jsonl", "risk_heldout.jsonl"):
        report[name] = score(load_set(DATA / name), lambda t, c: assess(t, c)).summary()
    assess("warm up: I want to die")  # model, parser and embedder loaded before timing
    mix = [r["text"] for r in corpus[::3]]
    gated = [t for t in mix if reading_of(t) is not None]
    report["latency_realistic_mix"] = latency(mix)
    report["latency_gated_only"] = latency(gated)
    if args.chat.exists():
        chat = [line.split("\t")[0] for line in args.chat.read_text(encoding="utf-8").splitlines() if line.strip()]
        report["latency_chat_comments"] = latency(chat[:1000])
        alarms = [t for t in chat if assess(t).is_crisis]
        report["chat_comments_raised_to_crisis"] = {"messages": len(chat), "raised": len(alarms),
                                                    "share": round(len(alarms) / len(chat), 4)}
    report["model_threshold"] = model.THRESHOLD
    if args.review:
        rows = load_set(args.review)
        s = score(rows, lambda t, c: assess(t, c))
        report["review_set"] = {**s.summary(), "path": str(args.review)}
        by_cat: dict[str, list[int]] = {}
        for m in s.misses:
            by_cat.setdefault(m.get("category", "?"), []).append(1)
        report["review_misses_by_category"] = {k: len(v) for k, v in by_cat.items()}
        report["review_false_alarms"] = [f["text"] for f in s.false_alarms]
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
