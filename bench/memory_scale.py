"""Scale bench: ingest rate, search latency, peak memory and size at 10k, 100k and 1M stored turns.

What is measured, per size (each in its own process, so peak RSS is that size's alone):
  ingest     turns/s through the import path (`store_turns`: INSERT + FTS5 trigger + embedding queue +
             fact extraction), in transactions of 50,000 turns
  embed      turns/s of real MiniLM int8 embedding (`index_pending`), for sizes up to --embed-upto
             (default 10,000: embedding a million texts at ~450/s on 2 cores takes 40 minutes).
             Above that, vectors are synthetic: each turn gets the real embedding of one of 10,000
             embedded texts plus Gaussian noise (sigma 0.02 per dimension), renormalised and
             quantised, so the ANN index sees realistic clustered data; stated in the output.
  index      seconds to build the usearch HNSW index from the table and save it
  search     p50/p95/max ms of full `os1.memory.search.search()` calls (query embedding, FTS5 BM25,
             ANN, time window, facts, scoring) over 200 queries, a quarter of them with a time phrase,
             after 10 warm-up queries
  rss        peak resident memory of the process (ru_maxrss)
  size       database file (+WAL) and index file
Text is synthetic: everyday sentences from a small grammar (18 subjects, 24 verbs, 20 adjectives,
55 nouns, 12 time phrases, Zipf-like weights), so the full-text index sees realistic long posting lists.

Run:  PYTHONPATH=. python bench/memory_scale.py [--sizes 10000 100000 1000000] [--embed-upto N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    "what did I say about my sister",
    "the trip to the mountains",
    "when did I mention the interview",
    "my favourite restaurant",
    "how was work last week",
    "the book I was reading",
    "problems with my boss",
    "what did I do last weekend",
    "the concert in May",
    "my new apartment",
    "feeling anxious at night",
    "the garden and the flowers",
    "cooking dinner for friends",
    "music I listen to",
    "the doctor appointment",
    "running in the park yesterday",
    "money and savings",
    "the movie we talked about",
    "travel plans this summer",
    "my brother's wedding",
]


SUBJECTS = [
    "I",
    "My sister",
    "My brother",
    "My boss",
    "Anna",
    "Tom",
    "We",
    "My friend",
    "My mother",
    "My father",
    "The kids",
    "Jonas",
    "My neighbour",
    "Priya",
    "Our team",
    "My partner",
    "Carl",
    "Grandma",
]
VERBS = [
    "went to",
    "talked about",
    "cooked",
    "read",
    "visited",
    "watched",
    "worried about",
    "planned",
    "bought",
    "called about",
    "loved",
    "complained about",
    "finished",
    "started",
    "forgot",
    "remembered",
    "cleaned",
    "fixed",
    "booked",
    "cancelled",
    "wrote about",
    "dreamed about",
    "laughed about",
    "argued about",
]
ADJECTIVES = [
    "new",
    "old",
    "long",
    "little",
    "busy",
    "quiet",
    "expensive",
    "cheap",
    "strange",
    "lovely",
    "noisy",
    "late",
    "early",
    "favourite",
    "difficult",
    "easy",
    "sunny",
    "rainy",
    "boring",
    "exciting",
]
NOUNS = [
    "restaurant",
    "book",
    "trip",
    "mountains",
    "concert",
    "apartment",
    "garden",
    "doctor appointment",
    "interview",
    "project",
    "meeting",
    "recipe",
    "movie",
    "wedding",
    "birthday",
    "holiday",
    "car",
    "bike",
    "dentist",
    "exam",
    "museum",
    "park",
    "beach",
    "train",
    "flight",
    "hotel",
    "café",
    "bakery",
    "gym",
    "yoga class",
    "piano lesson",
    "football match",
    "podcast",
    "series",
    "novel",
    "letter",
    "present",
    "plan",
    "budget",
    "savings",
    "salary",
    "promotion",
    "deadline",
    "report",
    "presentation",
    "garden party",
    "neighbourhood",
    "market",
    "kitchen",
    "balcony",
    "dog",
    "cat",
    "plants",
    "painting",
    "photo album",
]
TIMES = [
    "last night",
    "this morning",
    "on Saturday",
    "after work",
    "yesterday",
    "at lunch",
    "on Sunday",
    "before bed",
    "over the weekend",
    "today",
    "this week",
    "in the evening",
]
TAILS = [
    "and it was {adj}.",
    "because it felt {adj}.",
    "and I feel {adj} about it.",
    "again.",
    "with {sub}.",
    "but it was a bit {adj}.",
    ".",
    "and we want to go back.",
    "and I can't stop thinking about it.",
]


def _texts(n: int, seed: int = 3) -> list[str]:
    """Everyday sentences from a small grammar; words repeat with Zipf-like weights, as in real chat."""
    rng = random.Random(seed)

    def weights(k: int) -> list[float]:
        return [1.0 / (i + 1) ** 0.8 for i in range(k)]

    sw, vw, aw, nw, tw = (weights(len(x)) for x in (SUBJECTS, VERBS, ADJECTIVES, NOUNS, TIMES))
    out = []
    for _ in range(n):
        sub = rng.choices(SUBJECTS, sw)[0]
        sentence = (
            f"{sub} {rng.choices(VERBS, vw)[0]} the {rng.choices(ADJECTIVES, aw)[0]} "
            f"{rng.choices(NOUNS, nw)[0]} {rng.choices(TIMES, tw)[0]}"
        )
        tail = rng.choice(TAILS).format(
            adj=rng.choices(ADJECTIVES, aw)[0], sub=rng.choices(SUBJECTS, sw)[0].lower()
        )
        out.append(sentence + (" " + tail if tail != "." else "."))
    return out


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_one(n: int, embed_upto: int, workdir: Path) -> dict[str, Any]:
    import numpy as np

    from os1.memory.importer import ImportReport, ParsedTurn, store_turns
    from os1.memory.search import search
    from os1.memory.vectors import DIM, index_path, index_pending, quantize, store_vectors, vector_index
    from os1.store import open_store
    from os1.store.db import transaction

    db = workdir / "os1.db"
    conn = open_store(db)
    texts = _texts(n)
    start = datetime(2023, 1, 1, tzinfo=UTC)
    step = timedelta(seconds=max(1, int(3 * 365 * 86400 / n)))  # spread over three years
    out: dict[str, Any] = {"turns": n}

    t0 = time.perf_counter()
    chunk = 50_000
    for base in range(0, n, chunk):
        batch = [
            ParsedTurn(
                i,
                f"t{i:07d}",
                True,
                f"c{i // 40}",
                start + step * i,
                "Maya" if i % 2 == 0 else "Sam",
                "person" if i % 2 == 0 else "companion",
                texts[i],
            )
            for i in range(base, min(n, base + chunk))
        ]
        store_turns(conn, batch, ImportReport(file="synthetic"))
    out["ingest_s"] = round(time.perf_counter() - t0, 1)
    out["ingest_turns_per_s"] = round(n / (time.perf_counter() - t0))

    t0 = time.perf_counter()
    real = min(n, embed_upto)
    if real == n:
        index_pending(conn, batch=512)
        out["embed_turns_per_s"] = round(n / (time.perf_counter() - t0))
        out["vectors"] = "real MiniLM int8 embeddings of every turn"
    else:
        from os1.nlp.embeddings import get_embedder

        seeds = get_embedder().encode(texts[:10_000], batch_size=64)
        out["embed_turns_per_s"] = round(10_000 / (time.perf_counter() - t0))
        rng = np.random.default_rng(5)
        t1 = time.perf_counter()
        for base in range(0, n, chunk):
            idx = np.arange(base, min(n, base + chunk))
            vecs = seeds[idx % 10_000] + rng.normal(0, 0.02, size=(len(idx), DIM)).astype(np.float32)
            vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
            q = quantize(vecs)
            with transaction(conn):
                store_vectors(conn, ((f"t{i:07d}", q[j].tobytes()) for j, i in enumerate(idx)))
        out["synthetic_vector_store_s"] = round(time.perf_counter() - t1, 1)
        out["vectors"] = (
            "real embeddings for the first 10,000 turns (rate measured on them); the rest "
            "synthetic: a real vector + N(0, 0.02) noise, renormalised, int8"
        )
    t0 = time.perf_counter()
    ann = vector_index(conn)
    ann.save(conn)
    out["index_build_s"] = round(time.perf_counter() - t0, 1)

    at = start + step * n
    queries = [(q + (" last week" if i % 4 == 0 else ""), at) for i, q in enumerate(QUERIES * 10)]
    for q, when in queries[:10]:
        search(conn, q, k=10, at=when, embed_pending=False)
    times = []
    from os1.nlp.embeddings import get_embedder

    for q, when in queries:
        get_embedder().forget_recent()  # every query embedded afresh, as a new question would be
        t0 = time.perf_counter()
        search(conn, q, k=10, at=when, embed_pending=False)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    out["search_ms_p50"] = round(times[len(times) // 2], 1)
    out["search_ms_p95"] = round(times[int(len(times) * 0.95) - 1], 1)
    out["search_ms_max"] = round(times[-1], 1)
    out["peak_rss_mb"] = round(_rss_mb())
    out["load_average_1m_during_search"] = round(os.getloadavg()[0], 1)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    idx_file = index_path(conn)
    out["db_mb"] = round(sum(p.stat().st_size for p in workdir.glob("os1.db*")) / 2**20, 1)
    out["index_mb"] = round(idx_file.stat().st_size / 2**20, 1) if idx_file and idx_file.exists() else 0
    conn.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--embed-upto", type=int, default=10_000)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.embed_upto, args.workdir)))
        return
    results = []
    for n in args.sizes:
        with tempfile.TemporaryDirectory() as tmp:
            proc = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--one",
                    str(n),
                    "--embed-upto",
                    str(args.embed_upto),
                    "--workdir",
                    tmp,
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                raise SystemExit(f"size {n} failed")
            result = json.loads(proc.stdout.strip().splitlines()[-1])
        results.append(result)
        print(json.dumps(result), flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
