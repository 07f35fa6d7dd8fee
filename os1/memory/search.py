"""Recall: hybrid search over every turn, by words, meaning, time, speaker and known facts.

Candidates come from three places: full-text BM25 (FTS5), the nearest vectors (ANN index), and, when
the question names a time ("last weekend", "on May 4th"), every turn inside that window. Each
candidate is then scored on the same features:
  relevance  0.6 × cosine similarity + 0.4 × BM25 normalised to the best candidate
  time       a bonus inside the window the question names (a small one just around it)
  speaker    a bonus when the question is about what the person said (or what the companion said)
  facts      a bonus for turns behind a current fact the question touches, a small penalty for turns
             behind a replaced one (the newest statement wins), unless the question asks about the past
  importance first-person statements with names and numbers over small talk
  recency    a gentle preference for newer turns
Turns after `at` are never returned (memory cannot hold the future).
What this module leaves out: storing and indexing turns (os1.memory.ingest, .vectors).
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from os1.clock import from_iso, to_iso, utcnow
from os1.errors import UserInputError
from os1.memory.facts import Expansion, expand_query
from os1.memory.timeparse import TimeWindow, query_window

MAX_QUERY_CHARS = (
    2000  # longer queries are cut here: the gist is at the start and the model reads ~256 tokens
)
POOL = 100  # candidates taken from each source (BM25, ANN)
RESCORE = 60  # best candidates whose importance and recency are weighed (the rest cannot catch up)
RANK_BUDGET = 6000  # BM25 is computed for at most about this many matches (rarest words first)
COMMON_SCAN = 3000  # matches ranked when a query has only very common words (the most recent ones)
WINDOW_EXACT = 800  # a named time window with at most this many turns is scored turn by turn
WINDOW_ANN = 400  # otherwise: this many nearest vectors, kept when they fall inside the window
EMBED_BEFORE_SEARCH = 2048  # queued turns embedded before a search (an import embeds the rest itself)
BUSY_SKIP_MS = 100  # a search skips embedding rather than wait longer than this for a running import

_STOPWORDS_TEXT = """
a about above after again all am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here
hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now
of off on once only or other our ours ourselves out over own same she should so some such than that the
their theirs them themselves then there these they this those through to too under until up very was we
were what when where which while who whom why will with would you your yours yourself yourselves tell told
remember recall say said mention mentioned ever anything something thing things last first time right
dont don't didn't doesn't isn't wasn't ok okay
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())


@dataclass
class Hit:
    """One remembered turn and why it was chosen."""

    id: str
    text: str
    ts: datetime
    speaker: str
    role: str
    score: float
    why: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "timestamp": to_iso(self.ts),
            "speaker": self.speaker,
            "role": self.role,
            "score": round(self.score, 4),
            "why": self.why,
        }


@dataclass
class _Candidate:
    rowid: int
    bm25: float = 0.0
    cos: float = 0.0
    row: sqlite3.Row | None = None


def clean_query(query: str) -> str:
    """Validate a query: empty ones are refused, very long ones are cut (and still searched)."""
    text = " ".join(query.split())
    if not text:
        raise UserInputError(
            "The search query is empty.", 'Give some words to look for, e.g. os1 memory search "my sister".'
        )
    return text[:MAX_QUERY_CHARS]


def query_terms(text: str) -> list[str]:
    words = re.findall(r"[A-Za-z0-9]+(?:'[a-z]+)?", text)
    seen: set[str] = set()
    out = []
    for word in words:
        low = word.lower().split("'")[0]
        if low in STOPWORDS or len(low) < 2 or low in seen:
            continue
        seen.add(low)
        out.append(low)
    return out[:32]


def split_by_frequency(conn: sqlite3.Connection, terms: list[str]) -> tuple[list[str], list[str]]:
    """Split query words into those worth ranking in full and very common ones.

    Why: FTS5 computes BM25 for every match before it can sort, so a word found in a hundred thousand
    turns costs tens of milliseconds and says little; meaning (the vectors) carries such words. Words
    are taken rarest first while their matches stay within RANK_BUDGET turns. Document frequencies
    come from FTS5's vocabulary table; a prefix range stands in for the Porter stem (errs high).
    """
    if not terms:
        return [], []
    conn.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.memory_fts_vocab USING fts5vocab(main, memory_fts, 'row')"
    )
    docs: dict[str, int] = {}
    for term in terms:
        prefix = term if len(term) <= 4 else term[: len(term) - (2 if len(term) <= 6 else 4)]
        docs[term] = conn.execute(
            "SELECT coalesce(sum(doc), 0) FROM temp.memory_fts_vocab WHERE term >= ? AND term < ?",
            (prefix, prefix + "{"),
        ).fetchone()[0]
    rare, common, spent = [], [], 0
    for term in sorted(terms, key=lambda t: docs[t]):
        if spent + docs[term] <= RANK_BUDGET:
            rare.append(term)
            spent += docs[term]
        else:
            common.append(term)
    return rare, common


def _fts_expression(terms: list[str]) -> str:
    return " OR ".join(f'"{t}"' for t in terms)


def asks_about(query: str) -> str | None:
    """'companion' when the question is about what OS1 said, 'person' when about the person, else None."""
    low = query.lower()
    if re.search(
        r"\byou (said|told|suggested|recommended|mentioned|asked|promised|thought)\b|"
        r"\b(did|have|had) you (say|tell|suggest|recommend|mention)\b|"
        r"\byour (advice|suggestion|recommendation)",
        low,
    ):
        return "companion"
    if re.search(r"\b(i|my|me|mine|i'm|i've|i'd|myself)\b", low):
        return "person"
    return None


def _asks_past(query: str) -> bool:
    return bool(
        re.search(
            r"\b(used to|before|previous(ly)?|old|former(ly)?|originally|at first|first time|history)\b",
            query.lower(),
        )
    )


_FIRST_PERSON = re.compile(r"\b(my|I'm|I am|I've|I have|I will|I'll|I was|we)\b")
_NAMES_OR_NUMBERS = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+|\d")
_LIFE_EVENTS = re.compile(
    r"\b(birthday|wedding|interview|moved|job|married|died|born|exam|promotion|diagnos)", re.IGNORECASE
)


def importance(text: str, role: str) -> float:
    """0..1: how much a turn is worth remembering on its own (a heuristic of the built-in mind)."""
    score = 0.2
    if text.count(" ") < 3:
        score -= 0.2
    if role == "person":
        score += 0.15
    if _FIRST_PERSON.search(text):
        score += 0.25
    if _NAMES_OR_NUMBERS.search(text):
        score += 0.2
    if _LIFE_EVENTS.search(text):
        score += 0.2
    return max(0.0, min(1.0, score))


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    k: int = 10,
    at: datetime | None = None,
    speaker: str | None = None,
    embed_pending: bool = True,
) -> list[Hit]:
    """The `k` turns that best answer `query`, as it would be asked at `at` (default: now).

    Args:
        speaker: prefer turns by this role ('person' or 'companion'); guessed from the query when None.
        embed_pending: embed turns still waiting for a vector first (up to EMBED_BEFORE_SEARCH).
    Raises:
        UserInputError: the query is empty.
    """
    from os1.memory.vectors import embed_query, exact_similarities, index_pending, vector_index

    text = clean_query(query)
    now = at or utcnow()
    if embed_pending:
        index_pending(conn, limit=EMBED_BEFORE_SEARCH, busy_timeout_ms=BUSY_SKIP_MS)
    window = query_window(text, now)
    who = speaker or asks_about(text)
    expansion = expand_query(conn, text)
    match_text = text.replace(window.phrase, " ") if window else text
    terms = query_terms(match_text)
    expanded_terms = terms + [t for t in query_terms(" ".join(expansion.terms)) if t not in terms]
    qvec = embed_query(" ".join([match_text, *expansion.terms]))

    candidates: dict[int, _Candidate] = {}
    rare, common = split_by_frequency(conn, expanded_terms)
    if rare:
        sql = "SELECT rowid, rank FROM memory_fts WHERE memory_fts MATCH ? ORDER BY rank LIMIT ?"
        args: tuple[Any, ...] = (_fts_expression(rare), POOL)
    elif common:
        # Only very common words: rank their most recent matches rather than every one of them.
        sql = (
            "SELECT rowid, rank FROM (SELECT rowid, rank FROM memory_fts WHERE memory_fts MATCH ? "
            "ORDER BY rowid DESC LIMIT ?) ORDER BY rank LIMIT ?"
        )
        args = (_fts_expression(common), COMMON_SCAN, POOL)
    if rare or common:
        for rowid, rank in conn.execute(sql, args):
            candidates.setdefault(rowid, _Candidate(rowid)).bm25 = -float(rank)
    ann = vector_index(conn)
    neighbours = ann.search(qvec, POOL)
    if neighbours:
        vids = [vid for vid, _ in neighbours]
        marks = ",".join("?" * len(vids))
        for (rowid,) in conn.execute(
            f"SELECT t.rowid FROM memory_vectors v JOIN turns t ON t.id = v.turn_id WHERE v.vid IN ({marks})",
            vids,
        ):
            candidates.setdefault(rowid, _Candidate(rowid))
    if window:
        _add_window(conn, candidates, window, now, rare, lambda: ann.search(qvec, WINDOW_ANN))
    if not candidates:
        return []
    _load_rows(conn, candidates)
    sims = exact_similarities(conn, qvec, list(candidates))
    for cand in candidates.values():
        cand.cos = sims.get(cand.rowid, 0.0)
    best_bm25 = max((c.bm25 for c in candidates.values()), default=0.0) or 1.0
    past = _asks_past(text)
    cutoff = to_iso(now)
    hits = [
        _score(cand, best_bm25, window=window, who=who, expansion=expansion, past=past)
        for cand in candidates.values()
        if cand.row is not None and cand.row["ts"] <= cutoff
    ]
    hits.sort(key=lambda h: h.score, reverse=True)
    for hit in hits[:RESCORE]:
        _weigh(hit, now)
    hits.sort(key=lambda h: h.score, reverse=True)
    return hits[:k]


def _add_window(
    conn: sqlite3.Connection,
    candidates: dict[int, _Candidate],
    window: TimeWindow,
    now: datetime,
    terms: list[str],
    nearest: Callable[[], list[tuple[int, float]]],
) -> None:
    """Turns inside the named window join the pool: all when few, else the best by words and meaning."""
    bounds = (to_iso(window.start - timedelta(hours=12)), to_iso(min(window.end + timedelta(hours=12), now)))
    inside = "SELECT rowid FROM turns WHERE ts >= ? AND ts < ?"
    count = conn.execute(f"SELECT count(*) FROM ({inside} LIMIT {WINDOW_EXACT + 1})", bounds).fetchone()[0]
    if count <= WINDOW_EXACT:
        for (rowid,) in conn.execute(inside, bounds):
            candidates.setdefault(rowid, _Candidate(rowid))
    else:
        vids = [vid for vid, _ in nearest()]
        if vids:
            marks = ",".join("?" * len(vids))
            for (rowid,) in conn.execute(
                f"SELECT t.rowid FROM memory_vectors v JOIN turns t ON t.id = v.turn_id "
                f"WHERE v.vid IN ({marks}) AND t.ts >= ? AND t.ts < ?",
                [*vids, *bounds],
            ):
                candidates.setdefault(rowid, _Candidate(rowid))
    if terms:
        # Driven by the full-text matches, each checked against the window (a rowid-IN list would make
        # FTS5 look up every turn of the window one by one).
        for rowid, rank in conn.execute(
            "SELECT f.rowid, f.rank FROM memory_fts f JOIN turns t ON t.rowid = f.rowid "
            "WHERE memory_fts MATCH ? AND t.ts >= ? AND t.ts < ? ORDER BY f.rank LIMIT ?",
            [_fts_expression(terms), *bounds, POOL],
        ):
            cand = candidates.setdefault(rowid, _Candidate(rowid))
            cand.bm25 = max(cand.bm25, -float(rank))


def _load_rows(conn: sqlite3.Connection, candidates: dict[int, _Candidate]) -> None:
    ids = list(candidates)
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"SELECT rowid AS rid, id, ts, speaker, role, text FROM turns WHERE rowid IN ({marks})", chunk
        ):
            candidates[row["rid"]].row = row


def _score(
    cand: _Candidate,
    best_bm25: float,
    *,
    window: TimeWindow | None,
    who: str | None,
    expansion: Expansion,
    past: bool,
) -> Hit:
    """Relevance plus what the question itself asks for: time, speaker, facts."""
    row = cand.row
    assert row is not None
    ts = from_iso(row["ts"])
    words = cand.bm25 / best_bm25 if cand.bm25 > 0 else 0.0
    score = 0.6 * cand.cos + 0.4 * words
    why = [f"meaning {cand.cos:.2f}", f"words {words:.2f}"]
    if window:
        if window.start <= ts < window.end:
            score += 0.3
            why.append(f"said {window.phrase}")
        elif window.start - timedelta(days=1) <= ts < window.end + timedelta(days=1):
            score += 0.1
            why.append(f"around {window.phrase}")
    if who and row["role"] == who:
        score += 0.08
        why.append("you said it" if who == "person" else "I said it")
    if row["id"] in expansion.current_turns:
        score += 0.12
        why.append("states a fact you asked about")
    elif row["id"] in expansion.replaced_turns:
        score += 0.06 if past else -0.05
        why.append("an older version of a fact")
    return Hit(
        id=row["id"], text=row["text"], ts=ts, speaker=row["speaker"], role=row["role"], score=score, why=why
    )


def _weigh(hit: Hit, now: datetime) -> None:
    """Importance and recency: small nudges (together at most 0.1) among the best candidates."""
    hit.score += 0.06 * importance(hit.text, hit.role)
    age_days = max((now - hit.ts).total_seconds() / 86400, 0.0)
    hit.score += 0.04 * math.exp(-age_days / 90)


def relevant_memories(
    conn: sqlite3.Connection,
    message: str,
    now: datetime,
    k: int = 5,
    *,
    exclude: set[str] | None = None,
    min_score: float = 0.45,
) -> list[dict[str, Any]]:
    """Past turns worth bringing into the reply to `message` (ReplyRequest `context["memories"]` shape)."""
    if not message.strip():
        return []
    exclude = exclude or set()
    hits = search(conn, message, k=k + len(exclude), at=now, embed_pending=True)
    return [
        {
            "id": h.id,
            "text": h.text,
            "ts": to_iso(h.ts),
            "speaker": h.speaker,
            "role": h.role,
            "score": round(h.score, 4),
            "why": h.why,
        }
        for h in hits
        if h.id not in exclude and h.score >= min_score
    ][:k]
