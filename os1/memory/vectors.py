"""Turn vectors: embedding queued turns in batches, int8 storage, and the ANN index file.

Why int8: a MiniLM vector is 384 floats; scaled so its largest component is ±127 it takes 384 bytes
and cosine similarity is unchanged up to rounding (scale cancels out). Why an ANN index (usearch HNSW,
int8, cosine): exact search over a million vectors costs hundreds of milliseconds on two cores; the
graph answers in about a millisecond (numbers in docs/memory.md).
The SQLite table `memory_vectors` is the truth. The index file (`<home>/index/memory-vectors.usearch`)
is a cache that follows it: vectors with a higher `vid` than the file has seen are added, and
tombstones left by deleted turns are removed, then cleared once a saved file no longer holds them.
The other people of an imported chat are embedded as "Dana: text" (`vector_text`), the person and
the companion as their words alone.
What this module leaves out: ranking (os1.memory.search).
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from os1.store.db import transaction

if TYPE_CHECKING:
    import numpy as np

MODEL_ID = "all-MiniLM-L6-v2-int8"
DIM = 384
EMBED_CHARS = 2000  # the model reads at most 256 tokens; more text only costs tokenising time
EXACT_MAX = 50_000  # up to this many vectors, search is exact (a few milliseconds); above, HNSW
SAVE_EVERY = 20_000  # unsaved index changes before the file is rewritten (a crash only costs a re-add)
INDEX_DIR = "index"
INDEX_NAME = "memory-vectors.usearch"


def quantize(vectors: np.ndarray) -> np.ndarray:
    """float32 rows -> int8 rows scaled so each row's largest magnitude is 127."""
    import numpy as np

    peak = np.maximum(np.abs(vectors).max(axis=1, keepdims=True), 1e-12)
    return np.clip(np.rint(vectors / peak * 127.0), -127, 127).astype(np.int8)


def from_blob(blob: bytes) -> np.ndarray:
    import numpy as np

    return np.frombuffer(blob, dtype=np.int8)


SPEAKER_IN_VECTORS = True  # measured in bench/memory_recall.py (--no-speaker-vectors), see docs/memory.md


def vector_text(speaker: str | None, text: str, role: str | None = "other") -> str:
    """What a turn's vector is made from: "Dana: text" for the other people of an imported chat.

    Why only them: a question that names someone should lean to what they said (measured: +0.05 R@10
    on the two-person set). The person's own turns and the companion's are told apart by role ("I",
    "you"); a name on them changed nothing on MemoryBank and only blurred short turns.
    """
    if speaker and role == "other" and SPEAKER_IN_VECTORS:
        return f"{speaker}: {text}"[:EMBED_CHARS]
    return text[:EMBED_CHARS]


def embed_texts(texts: list[str]) -> np.ndarray:
    """int8 vectors of several texts, as stored (benchmarks' baselines)."""
    from os1.nlp.embeddings import get_embedder

    return quantize(get_embedder().encode([t[:EMBED_CHARS] for t in texts], batch_size=64))


def embed_query(text: str) -> np.ndarray:
    """The int8 vector of a query (same model and scaling as stored turns)."""
    from os1.nlp.embeddings import get_embedder

    return quantize(get_embedder().encode([text[:EMBED_CHARS]]))[0]


def index_pending(
    conn: sqlite3.Connection,
    *,
    batch: int = 256,
    limit: int | None = None,
    progress: Callable[[int], None] | None = None,
    busy_timeout_ms: int | None = None,
) -> int:
    """Embed turns that have no vector yet, `batch` at a time, committing each batch; return how many.

    With `busy_timeout_ms`, give up quietly when another writer (an import) holds the database for
    longer than that: a search must never wait for an import, and unembedded turns are still found
    by their words.
    """
    from os1.errors import DatabaseBusy
    from os1.nlp.embeddings import get_embedder

    done = 0
    while limit is None or done < limit:
        size = batch if limit is None else min(batch, limit - done)
        rows = conn.execute(
            "SELECT p.turn_id, t.text, t.speaker, t.role FROM memory_pending p "
            "LEFT JOIN turns t ON t.id = p.turn_id LIMIT ?",
            (size,),
        ).fetchall()
        if not rows:
            break
        live = [r for r in rows if r[1] is not None]
        texts = [vector_text(r[2], r[1], r[3]) for r in live]
        vectors = quantize(get_embedder().encode(texts, batch_size=64))
        try:
            with _busy_timeout(conn, busy_timeout_ms), transaction(conn):
                conn.executemany(
                    "DELETE FROM memory_pending WHERE turn_id = ?", [(r[0],) for r in rows if r[1] is None]
                )
                for (turn_id, *_), vec in zip(live, vectors, strict=True):
                    # The turn may have been deleted or edited while we embedded: store only for a live one.
                    if conn.execute("DELETE FROM memory_pending WHERE turn_id = ?", (turn_id,)).rowcount:
                        conn.execute(
                            "INSERT OR REPLACE INTO memory_vectors (turn_id, model, vec) VALUES (?, ?, ?)",
                            (turn_id, MODEL_ID, vec.tobytes()),
                        )
        except DatabaseBusy:
            if busy_timeout_ms is None:
                raise
            break
        done += len(rows)
        if progress:
            progress(len(rows))
    return done


@contextmanager
def _busy_timeout(conn: sqlite3.Connection, ms: int | None) -> Iterator[None]:
    """Temporarily shorten how long this connection waits for another writer."""
    if ms is None:
        yield
        return
    from os1.store.db import BUSY_TIMEOUT_MS

    conn.execute(f"PRAGMA busy_timeout = {int(ms)}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def pending_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM memory_pending").fetchone()[0])


def store_vectors(conn: sqlite3.Connection, items: Iterable[tuple[str, bytes]]) -> None:
    """Store ready-made int8 vectors (benchmarks with synthetic vectors); the caller holds the transaction."""
    for turn_id, blob in items:
        conn.execute("DELETE FROM memory_pending WHERE turn_id = ?", (turn_id,))
        conn.execute(
            "INSERT OR REPLACE INTO memory_vectors (turn_id, model, vec) VALUES (?, ?, ?)",
            (turn_id, MODEL_ID, blob),
        )


# --- the ANN index file ----------------------------------------------------------------------------


def _db_file(conn: sqlite3.Connection) -> Path | None:
    row = conn.execute("PRAGMA database_list").fetchone()
    return Path(row[2]) if row and row[2] else None


def index_path(conn: sqlite3.Connection) -> Path | None:
    db = _db_file(conn)
    return db.parent / INDEX_DIR / INDEX_NAME if db else None


def _usearch_index_class() -> Any:
    """usearch's Index class, imported only after onnxruntime.

    Why: with usearch 2.26 / onnxruntime 1.32, importing onnxruntime after usearch crashes the process
    (segmentation fault while onnxruntime loads its native module); the other order is fine.
    """
    import onnxruntime  # noqa: F401  (import order matters, see above)
    from usearch.index import Index

    return Index


class AnnIndex:
    """The in-process HNSW index over `memory_vectors`, kept in step with the table by `sync`."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.max_vid = 0
        self._unsaved = 0
        self._removed: set[int] = set()
        self._loaded_stamp: tuple[float, int] | None = None
        self._lock = threading.Lock()
        self.index = self._load()

    def _new(self) -> Any:
        Index = _usearch_index_class()
        return Index(ndim=DIM, metric="cos", dtype="i8", connectivity=16, expansion_add=128, expansion_search=96)

    def _meta_path(self) -> Path | None:
        return self.path.with_suffix(".json") if self.path else None

    def _load(self) -> Any:
        index = self._new()
        meta_path = self._meta_path()
        if self.path and self.path.exists() and meta_path and meta_path.exists():
            try:
                meta = json.loads(meta_path.read_text())
                if meta.get("model") == MODEL_ID:
                    index.load(str(self.path))
                    self.max_vid = int(meta["max_vid"])
                    stat = self.path.stat()
                    self._loaded_stamp = (stat.st_mtime, stat.st_size)
            except (OSError, ValueError, RuntimeError, KeyError):
                index, self.max_vid = self._new(), 0  # a damaged cache is simply rebuilt
        return index

    def sync(self, conn: sqlite3.Connection) -> int:
        """Apply deletions and add new vectors from the table; return how many changed."""
        import numpy as np

        with self._lock:
            changed = 0
            for (vid,) in conn.execute("SELECT vid FROM memory_vector_tombstones").fetchall():
                if vid not in self._removed:
                    if self.index.contains(vid):
                        self.index.remove(vid)
                    self._removed.add(vid)
                    changed += 1
            while True:
                rows = conn.execute(
                    "SELECT vid, vec FROM memory_vectors WHERE vid > ? ORDER BY vid LIMIT 50000",
                    (self.max_vid,),
                ).fetchall()
                if not rows:
                    break
                keys = np.fromiter((r[0] for r in rows), dtype=np.uint64, count=len(rows))
                vecs = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.int8).reshape(len(rows), DIM)
                fresh = ~np.asarray(self.index.contains(keys), dtype=bool).reshape(-1)
                if fresh.any():
                    self.index.add(keys[fresh], vecs[fresh], threads=2)
                self.max_vid = int(keys[-1])
                changed += len(rows)
            self._unsaved += changed
        if self._unsaved >= SAVE_EVERY:
            self.save(conn)
        return changed

    def save(self, conn: sqlite3.Connection) -> None:
        """Write the index file atomically, then clear the tombstones it no longer holds."""
        with self._lock:
            if self.path is None or (self._unsaved == 0 and not self._removed):
                return
            if self.path.exists() and self._loaded_stamp is not None:
                stat = self.path.stat()
                if (stat.st_mtime, stat.st_size) != self._loaded_stamp:
                    # Another process saved meanwhile: ours may lack its removals; leave its file alone.
                    self._unsaved = 0
                    return
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(self.path.name + ".tmp")
            self.index.save(str(tmp))
            os.replace(tmp, self.path)
            meta_path = self._meta_path()
            assert meta_path is not None
            meta_path.write_text(json.dumps({"model": MODEL_ID, "max_vid": self.max_vid, "count": len(self.index)}))
            stat = self.path.stat()
            self._loaded_stamp = (stat.st_mtime, stat.st_size)
            removed, self._removed, self._unsaved = sorted(self._removed), set(), 0
        from os1.errors import DatabaseBusy

        try:
            with _busy_timeout(conn, 200), transaction(conn):
                conn.executemany("DELETE FROM memory_vector_tombstones WHERE vid = ?", [(v,) for v in removed])
        except DatabaseBusy:
            # A writer (an import) is busy: the file is already clean; clear the rows on a later save.
            with self._lock:
                self._removed.update(removed)

    def search(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        """(vid, cosine similarity) of the `k` nearest stored vectors."""
        with self._lock:
            if len(self.index) == 0:
                return []
            # Below EXACT_MAX vectors a brute-force pass is both cheap and exact; HNSW graphs also
            # lose recall on the many near-identical lines a real chat has ("ok", "thanks").
            exact = len(self.index) <= EXACT_MAX
            matches = self.index.search(query, min(k, len(self.index)), exact=exact)
        return [(int(key), 1.0 - float(dist)) for key, dist in zip(matches.keys, matches.distances, strict=True)]


_CACHE: dict[str, AnnIndex] = {}
_CACHE_LOCK = threading.Lock()


def vector_index(conn: sqlite3.Connection) -> AnnIndex:
    """The process-wide ANN index for this database, synced with the table."""
    path = index_path(conn)
    key = str(path)
    with _CACHE_LOCK:
        ann = _CACHE.get(key)
        if ann is None:
            ann = _CACHE[key] = AnnIndex(path)
    ann.sync(conn)
    return ann


def drop_index_file(conn: sqlite3.Connection) -> None:
    """Delete the index file and forget the cached index (it is rebuilt from the table on next use)."""
    path = index_path(conn)
    with _CACHE_LOCK:
        _CACHE.pop(str(path), None)
    if path:
        for item in (path, path.with_suffix(".json"), path.with_name(path.name + ".tmp")):
            item.unlink(missing_ok=True)


def exact_similarities(conn: sqlite3.Connection, query: np.ndarray, turn_rowids: list[int]) -> dict[int, float]:
    """Exact cosine similarity of `query` to the stored vectors of these turns (by turn rowid)."""
    import numpy as np

    out: dict[int, float] = {}
    qf = query.astype(np.float32)
    qn = float(np.linalg.norm(qf)) or 1.0
    for start in range(0, len(turn_rowids), 900):
        chunk = turn_rowids[start : start + 900]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(
            f"SELECT t.rowid, v.vec FROM turns t JOIN memory_vectors v ON v.turn_id = t.id WHERE t.rowid IN ({marks})",
            chunk,
        ).fetchall()
        if not rows:
            continue
        mat = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.int8).reshape(len(rows), DIM).astype(np.float32)
        sims = mat @ qf / (np.linalg.norm(mat, axis=1) * qn + 1e-9)
        out.update({int(r[0]): float(s) for r, s in zip(rows, sims, strict=True)})
    return out
