"""Recall bench: OS1's hybrid memory search against plain BM25 and plain dense retrieval over turns.

Two sets:
  memorybank  MemoryBank's 100 probing questions (15 users, 10 days each) with evidence turns we
              labelled by hand (bench/data/memorybank_evidence.jsonl; how: bench/data/README.md).
              Each user gets an own store; questions are asked "at" 2023-05-07 12:00 (the day after
              the last conversation). A question counts as found at k when any evidence turn is in the
              top k (the evidence lists alternative turns that each state the answer).
  synthetic   bench/synth_memory.py: six months of sessions, 43 questions. Recall@k is the fraction of
              a question's evidence turns in the top k (two-fact questions need both).
Questions without evidence (1 in MemoryBank: a date with no conversation) are left out and counted.

Baselines, run over the same stores:
  bm25   FTS5 MATCH with every query word OR-ed, ranked by bm25()
  dense  cosine similarity of the query's MiniLM vector to every turn's vector (exact)

Run:  PYTHONPATH=. python bench/memory_recall.py [--set memorybank|synthetic|both] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

MEMORYBANK = ROOT.parent / "shared" / "data" / "memorybank" / "memory_bank_en.json"
LABELS = ROOT / "bench" / "data" / "memorybank_evidence.jsonl"
KS = (1, 5, 10, 20)

Ranker = Callable[[sqlite3.Connection, str, datetime], list[str]]


def bm25_ranker(conn: sqlite3.Connection, query: str, at: datetime) -> list[str]:
    words = re.findall(r"[A-Za-z0-9]+", query)
    if not words:
        return []
    expr = " OR ".join(f'"{w}"' for w in words)
    rows = conn.execute(
        "SELECT t.id FROM memory_fts f JOIN turns t ON t.rowid = f.rowid WHERE memory_fts MATCH ? "
        "ORDER BY f.rank LIMIT 20",
        (expr,),
    ).fetchall()
    return [r[0] for r in rows]


def dense_ranker(conn: sqlite3.Connection, query: str, at: datetime) -> list[str]:
    import numpy as np

    from os1.memory.vectors import DIM, embed_query

    rows = conn.execute("SELECT turn_id, vec FROM memory_vectors").fetchall()
    mat = (
        np.frombuffer(b"".join(r[1] for r in rows), dtype=np.int8).reshape(len(rows), DIM).astype(np.float32)
    )
    q = embed_query(query).astype(np.float32)
    sims = mat @ q / (np.linalg.norm(mat, axis=1) * np.linalg.norm(q) + 1e-9)
    order = np.argsort(-sims)[:20]
    return [rows[i][0] for i in order]


def os1_ranker(conn: sqlite3.Connection, query: str, at: datetime) -> list[str]:
    from os1.memory.search import search

    return [h.id for h in search(conn, query, k=20, at=at, embed_pending=False)]


RANKERS: dict[str, Ranker] = {"bm25": bm25_ranker, "dense": dense_ranker, "os1": os1_ranker}


def _store(path: Path) -> sqlite3.Connection:
    from os1.store import open_store

    path.parent.mkdir(parents=True, exist_ok=True)
    return open_store(path)


def _score(ranked: list[str], evidence: list[str], any_hit: bool) -> dict[int, float]:
    out = {}
    for k in KS:
        top = set(ranked[:k])
        found = [e in top for e in evidence]
        out[k] = float(any(found)) if any_hit else sum(found) / len(found)
    return out


def _evaluate(cases: list[tuple[sqlite3.Connection, dict[str, Any]]], any_hit: bool) -> dict[str, Any]:
    from os1.clock import from_iso

    results: dict[str, Any] = {}
    for name, ranker in RANKERS.items():
        totals = dict.fromkeys(KS, 0.0)
        per_kind: dict[str, list[float]] = {}
        started = time.perf_counter()
        for conn, q in cases:
            scores = _score(ranker(conn, q["query"], from_iso(q["at"])), q["evidence"], any_hit)
            for k in KS:
                totals[k] += scores[k]
            per_kind.setdefault(q.get("kind", "all"), []).append(scores[10])
        n = len(cases)
        results[name] = {
            "recall": {f"@{k}": round(totals[k] / n, 3) for k in KS},
            "recall@10_by_kind": {kind: round(sum(v) / len(v), 3) for kind, v in sorted(per_kind.items())},
            "ms_per_query": round(1000 * (time.perf_counter() - started) / n, 1),
        }
    return results


def run_memorybank(workdir: Path) -> dict[str, Any]:
    from os1.memory.importer import import_memorybank
    from os1.memory.vectors import index_pending

    labels = [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]
    conns: dict[str, sqlite3.Connection] = {}
    for user in sorted({q["user"] for q in labels}):
        conn = _store(workdir / f"mb-{re.sub(r'[^a-z]+', '_', user.lower())}" / "os1.db")
        import_memorybank(conn, MEMORYBANK, users={user})
        index_pending(conn)
        conns[user] = conn
    cases = []
    missing = 0
    for q in labels:
        if not q["evidence"]:
            missing += 1
            continue
        known = {r[0] for r in conns[q["user"]].execute("SELECT id FROM turns")}
        assert all(e in known for e in q["evidence"]), f"unknown evidence id in {q['qid']}"
        cases.append(
            (
                conns[q["user"]],
                {
                    **q,
                    "query": q["question"],
                    "at": "2023-05-07T12:00:00+00:00",
                    "kind": "dated" if re.search(r"\b(April|May) \d", q["question"]) else "undated",
                },
            )
        )
    out = _evaluate(cases, any_hit=True)
    out["questions"] = len(cases)
    out["left_out_without_evidence"] = missing
    return out


def run_synthetic(workdir: Path) -> dict[str, Any]:
    from synth_memory import generate

    from os1.memory.importer import import_jsonl
    from os1.memory.vectors import index_pending

    turns, questions = generate()
    path = workdir / "synthetic.jsonl"
    path.write_text("".join(json.dumps(t) + "\n" for t in turns))
    conn = _store(workdir / "synthetic" / "os1.db")
    import_jsonl(conn, path)
    index_pending(conn)
    out = _evaluate([(conn, q) for q in questions], any_hit=False)
    out["questions"] = len(questions)
    out["turns"] = len(turns)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--set", choices=["memorybank", "synthetic", "both"], default="both")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        if args.set in ("memorybank", "both"):
            report["memorybank"] = run_memorybank(Path(tmp))
        if args.set in ("synthetic", "both"):
            report["synthetic"] = run_synthetic(Path(tmp))
    for name, figures in report.items():
        print(f"\n== {name} ({figures['questions']} questions)")
        print(f"{'method':<8}" + "".join(f"{'R@' + str(k):>8}" for k in KS) + f"{'ms/q':>8}")
        for method in RANKERS:
            row = figures[method]
            print(
                f"{method:<8}"
                + "".join(f"{row['recall']['@' + str(k)]:>8.3f}" for k in KS)
                + f"{row['ms_per_query']:>8.1f}"
            )
        best = max(figures["bm25"]["recall"]["@10"], figures["dense"]["recall"]["@10"])
        print(f"OS1 - best baseline at R@10: {figures['os1']['recall']['@10'] - best:+.3f}")
        for method in RANKERS:
            print(f"  {method} R@10 by kind: {figures[method]['recall@10_by_kind']}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
