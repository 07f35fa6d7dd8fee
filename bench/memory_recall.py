"""Recall bench: OS1's hybrid memory search against plain BM25 and plain dense retrieval over turns.

Three sets:
  twoperson   ours (bench/make_twoperson.py -> bench/data/twoperson_*.jsonl): eight pairs of friends,
              twelve sessions each, 328 questions (reply, paraphrase, multi-hop, window, relative,
              when, speaker, changed); one store per pair; Recall@k is the fraction of a question's
              evidence turns in the top k.
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

Run:  PYTHONPATH=. python bench/memory_recall.py [--set twoperson|memorybank|synthetic|both|all] [--json out.json]
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
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

# The main checkout sits beside /work/shared; a worktree one level deeper (/work/wt/<name>).
MEMORYBANK = next(
    (
        p / "shared" / "data" / "memorybank" / "memory_bank_en.json"
        for p in (ROOT.parent, ROOT.parent.parent)
        if (p / "shared" / "data" / "memorybank" / "memory_bank_en.json").exists()
    ),
    ROOT.parent / "shared" / "data" / "memorybank" / "memory_bank_en.json",
)
TWOPERSON_TURNS = ROOT / "bench" / "data" / "twoperson_turns.jsonl"
TWOPERSON_QUESTIONS = ROOT / "bench" / "data" / "twoperson_questions.jsonl"
LABELS = ROOT / "bench" / "data" / "memorybank_evidence.jsonl"
KS = (1, 5, 10, 20)

Ranker = Callable[[sqlite3.Connection, str, datetime], list[str]]


def bm25_ranker(conn: sqlite3.Connection, query: str, at: datetime) -> list[str]:
    words = re.findall(r"[A-Za-z0-9]+", query)
    if not words:
        return []
    expr = " OR ".join(f'"{w}"' for w in words)
    rows = conn.execute(
        "SELECT t.id FROM temp.plain_fts f JOIN turns t ON t.rowid = f.rowid WHERE plain_fts MATCH ? "
        "ORDER BY f.rank LIMIT 20",
        (expr,),
    ).fetchall()
    return [r[0] for r in rows]


def _baseline_indexes(conn: sqlite3.Connection) -> None:
    """The baselines' own indexes over each turn's text alone (OS1's index also holds the speaker and
    the turn before; its vectors are made from "Speaker: text"): FTS5 with the same tokenizer, and
    plain MiniLM vectors."""
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.plain_fts USING fts5("
        "text, tokenize='porter unicode61 remove_diacritics 2')"
    )
    conn.execute("DELETE FROM temp.plain_fts")
    conn.execute("INSERT INTO temp.plain_fts (rowid, text) SELECT rowid, text FROM turns")
    _plain_vectors(conn)


def dense_ranker(conn: sqlite3.Connection, query: str, at: datetime) -> list[str]:
    import numpy as np

    from os1.memory.vectors import embed_query

    ids, mat = _plain_vectors(conn)
    q = embed_query(query).astype(np.float32)
    sims = mat @ q / (np.linalg.norm(mat, axis=1) * np.linalg.norm(q) + 1e-9)
    order = np.argsort(-sims)[:20]
    return [ids[i] for i in order]


_PLAIN: dict[int, tuple[list[str], Any]] = {}


def _plain_vectors(conn: sqlite3.Connection) -> tuple[list[str], Any]:
    """The baseline's own vectors: each turn's text alone (OS1 stores "Speaker: text")."""
    from os1.memory.vectors import embed_texts

    if id(conn) not in _PLAIN:
        rows = conn.execute("SELECT id, text FROM turns ORDER BY rowid").fetchall()
        _PLAIN[id(conn)] = ([r[0] for r in rows], embed_texts([r[1] for r in rows]).astype("float32"))
    return _PLAIN[id(conn)]


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


Case = tuple[sqlite3.Connection, dict[str, Any]]


@dataclass
class Loaded:
    """A set's stores and questions; `group` names the fold a question belongs to (its store)."""

    cases: list[Case]
    any_hit: bool
    meta: dict[str, Any]


def load_memorybank(workdir: Path) -> Loaded:
    from os1.memory.importer import import_memorybank
    from os1.memory.vectors import index_pending

    labels = [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]
    conns: dict[str, sqlite3.Connection] = {}
    for user in sorted({q["user"] for q in labels}):
        conn = _store(workdir / f"mb-{re.sub(r'[^a-z]+', '_', user.lower())}" / "os1.db")
        import_memorybank(conn, MEMORYBANK, users={user})
        index_pending(conn)
        _baseline_indexes(conn)
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
                    "group": q["user"],
                },
            )
        )
    return Loaded(cases, True, {"questions": len(cases), "left_out_without_evidence": missing})


def load_synthetic(workdir: Path) -> Loaded:
    from synth_memory import generate

    from os1.memory.importer import import_jsonl
    from os1.memory.vectors import index_pending

    turns, questions = generate()
    path = workdir / "synthetic.jsonl"
    path.write_text("".join(json.dumps(t) + "\n" for t in turns))
    conn = _store(workdir / "synthetic" / "os1.db")
    import_jsonl(conn, path)
    index_pending(conn)
    _baseline_indexes(conn)
    # One store: folds by question number.
    cases = [(conn, {**q, "group": str(n % 5)}) for n, q in enumerate(questions)]
    return Loaded(cases, False, {"questions": len(questions), "turns": len(turns)})


def load_twoperson(workdir: Path) -> Loaded:
    """Our two-person set: one store per pair of friends (bench/make_twoperson.py wrote it)."""
    from os1.memory.importer import import_jsonl
    from os1.memory.vectors import index_pending

    turns = [json.loads(line) for line in TWOPERSON_TURNS.read_text().splitlines() if line.strip()]
    questions = [json.loads(line) for line in TWOPERSON_QUESTIONS.read_text().splitlines() if line.strip()]
    conns: dict[str, sqlite3.Connection] = {}
    for pair in sorted({t["pair"] for t in turns}):
        path = workdir / f"tp-{pair}.jsonl"
        path.write_text("".join(json.dumps(t) + "\n" for t in turns if t["pair"] == pair))
        conn = _store(workdir / f"tp-{pair}" / "os1.db")
        import_jsonl(conn, path)
        index_pending(conn)
        _baseline_indexes(conn)
        conns[pair] = conn
    cases = [(conns[q["pair"]], {**q, "group": q["pair"]}) for q in questions]
    return Loaded(cases, False, {"questions": len(questions), "turns": len(turns)})


SETS: dict[str, Callable[[Path], Loaded]] = {
    "twoperson": load_twoperson,
    "memorybank": load_memorybank,
    "synthetic": load_synthetic,
}


# --- tuning the fusion weights with cross-validation ---------------------------------------------

GRID: dict[str, list[Any]] = {
    "meaning": [0.6, 0.7],
    "minmax": [False],  # never won in the first, wider grid (324 settings, docs/memory.md)
    "context_meaning": [0.0, 0.2],
    "context_words": [0.25, 0.5],
    "named_speaker": [0.15, 0.25],
    "wide_window": [0.3],
    "bridge": [0.0, 0.05, 0.1, 0.2],
}
# Weights are chosen by R@10 + 0.5 x R@5: R@10 is the target, R@5 breaks its ties (MemoryBank's R@10
# is 0.99 under almost any weights).
TIE_BREAK_R5 = 0.5


def _grid() -> list[Any]:
    import itertools

    from os1.memory.search import Weights

    keys = list(GRID)
    out = []
    for values in itertools.product(*(GRID[k] for k in keys)):
        params = dict(zip(keys, values, strict=True))
        params["words"] = round(1.0 - params["meaning"], 2)
        out.append(Weights(**params))
    return out


def _recall_table(gathered: list[tuple[Any, dict[str, Any], bool]], weights: Any) -> list[tuple[float, float]]:
    """(R@5, R@10) of each question under `weights` (the candidates were gathered once)."""
    from os1.memory.search import rank

    out = []
    for g, q, any_hit in gathered:
        scores = _score([h.id for h in rank(g, weights, k=10)], q["evidence"], any_hit)
        out.append((scores[5], scores[10]))
    return out


def tune(loaded: dict[str, Loaded]) -> dict[str, Any]:
    """Pick fusion weights by R@10 with cross-validation, and say how well they carry over.

    Two checks: within each set, folds by store (pair of friends / MemoryBank user); and across sets,
    tuned on all but one set and tested on the one left out. Weights that only fit one set show up as
    a drop on the held-out folds.
    """
    from os1.clock import from_iso
    from os1.memory.search import Weights, gather

    grid = _grid()
    rows: list[tuple[str, str, Any, dict[str, Any], bool]] = []
    for name, item in loaded.items():
        for conn, q in item.cases:
            g = gather(conn, q["query"], at=from_iso(q["at"]), embed_pending=False)
            rows.append((name, q["group"], g, q, item.any_hit))
    # table[i][j]: R@10 of question j under weights i
    table = [_recall_table([(g, q, a) for _, _, g, q, a in rows], w) for w in grid]

    def objective(i: int, indices: list[int]) -> float:
        return sum(table[i][j][1] + TIE_BREAK_R5 * table[i][j][0] for j in indices)

    def best(indices: list[int]) -> int:
        return max(range(len(grid)), key=lambda i: objective(i, indices))

    def mean(i: int, indices: list[int]) -> float:
        return round(sum(table[i][j][1] for j in indices) / max(len(indices), 1), 3)

    default = grid.index(Weights()) if Weights() in grid else None
    report: dict[str, Any] = {"grid_size": len(grid), "within_set": {}, "across_sets": {}}
    for name in loaded:
        own = [j for j, r in enumerate(rows) if r[0] == name]
        held: list[float] = []
        for group in sorted({rows[j][1] for j in own}):
            train = [j for j in own if rows[j][1] != group]
            test = [j for j in own if rows[j][1] == group]
            i = best(train)
            held += [table[i][j][1] for j in test]
        report["within_set"][name] = {
            "held_out_r10": round(sum(held) / len(held), 3),
            "default_r10": mean(default, own) if default is not None else None,
            "best_in_set_r10": mean(best(own), own),
        }
    for name in loaded:
        train = [j for j, r in enumerate(rows) if r[0] != name]
        test = [j for j, r in enumerate(rows) if r[0] == name]
        if not train:
            continue
        i = best(train)
        report["across_sets"][name] = {
            "weights_tuned_on_the_others": {k: getattr(grid[i], k) for k in GRID},
            "held_out_r10": mean(i, test),
            "default_r10": mean(default, test) if default is not None else None,
        }
    everything = list(range(len(rows)))
    i = best(everything)
    report["chosen_on_all"] = {k: getattr(grid[i], k) for k in GRID}
    report["chosen_on_all_r10"] = {n: mean(i, [j for j, r in enumerate(rows) if r[0] == n]) for n in loaded}
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=[*SETS, "both", "all"], default="all", help="both = twoperson and memorybank")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--tune", action="store_true", help="also cross-validate the fusion weights over the chosen sets"
    )
    parser.add_argument(
        "--no-speaker-vectors", action="store_true", help="ablation: embed each turn's text without its speaker"
    )
    args = parser.parse_args()
    import os1.memory.vectors

    if args.no_speaker_vectors:
        os1.memory.vectors.SPEAKER_IN_VECTORS = False
    report: dict[str, Any] = {
        "settings": {
            "speaker_in_vectors": os1.memory.vectors.SPEAKER_IN_VECTORS,
        }
    }
    with tempfile.TemporaryDirectory() as tmp:
        wanted = {"all": set(SETS), "both": {"twoperson", "memorybank"}}.get(args.set, {args.set})
        loaded = {name: load(Path(tmp)) for name, load in SETS.items() if name in wanted}
        for name, item in loaded.items():
            report[name] = {**_evaluate(item.cases, item.any_hit), **item.meta}
        if args.tune:
            tuning = tune(loaded)
    if args.tune:
        print(json.dumps(tuning, indent=2))
        report["tuning"] = tuning
    for name, figures in report.items():
        if name in ("tuning", "settings"):
            continue
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
