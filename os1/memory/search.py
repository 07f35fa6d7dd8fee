"""Recall: hybrid search over every turn, by words, meaning, time, speaker and known facts.

Candidates come from full-text BM25 (FTS5 over each turn's words, its speaker and the turn it answers),
the nearest vectors (ANN index), the turns of a speaker the question names ("what did Dana say..."),
and, when the question names a time ("last weekend", "on May 4th"), every turn inside that window.
`gather` collects them with their features once; `rank` scores them with `Weights` (so the bench can
tune the weights without searching again):
  relevance  meaning (cosine, min-max normalised over the candidates) and words (BM25 over the best)
  time       a bonus inside the window the question names (smaller for a month or a year)
  speaker    a bonus for turns by a speaker the question names (the name itself is not matched as a
             word: every greeting "Hey Dana!" would match it), and when the question is about what the
             person said (or what the companion said)
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

MAX_QUERY_CHARS = 2000  # longer queries are cut here: the gist is at the start and the model reads ~256 tokens
POOL = 100  # candidates taken from each source (BM25, ANN)
RESCORE = 60  # best candidates whose importance and recency are weighed (the rest cannot catch up)
RANK_BUDGET = 6000  # BM25 is computed for at most about this many matches (rarest words first)
COMMON_SCAN = 3000  # matches ranked when a query has only very common words (the most recent ones)
WINDOW_EXACT = 800  # a named time window with at most this many turns is scored turn by turn
WINDOW_ANN = 400  # otherwise: this many nearest vectors, kept when they fall inside the window
EMBED_BEFORE_SEARCH = 2048  # queued turns embedded before a search (an import embeds the rest itself)
BUSY_SKIP_MS = 100  # a search skips embedding rather than wait longer than this for a running import
SPEAKER_ANN = 400  # a named speaker: this many nearest vectors, kept when that speaker said them
BRIDGE_FROM = 3  # names are taken from this many best hits ...
BRIDGE_NAMES = 4  # ... at most this many ...
BRIDGE_POOL = 30  # ... and this many turns that use them are weighed
# BM25 is computed twice: over a turn's own words (memory_fts, column `text`; the `speaker` column
# is only a filter, since a name the query uses is taken out of its words) and over the words of the
# turn it answers (memory_fts_context); `Weights.context_words` says how they add up.

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
# A "when did I..." question: its hits carry their date (the date is the answer).
_ASKS_WHEN = re.compile(r"\s*(when|what day|what date|how long ago)\b", re.IGNORECASE)


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
    bm25: float = 0.0  # own words (and speaker)
    bm25_context: float = 0.0  # words of the turn it answers
    cos: float = 0.0
    context_cos: float = 0.0  # the turn it answers (the one before it in its session)
    bridge: float = 0.0  # BM25 of the names it shares with the best hits (multi-hop)
    row: sqlite3.Row | None = None
    ts: datetime | None = None


def clean_query(query: str) -> str:
    """Validate a query: empty ones are refused, very long ones are cut (and still searched)."""
    text = " ".join(query.split())
    if not text:
        raise UserInputError(
            "The search query is empty.", 'Give some words to look for, e.g. os1 memory search "my sister".'
        )
    if not re.search(r"\w", text):
        raise UserInputError(
            "The search query has no words in it (only symbols or emoji).",
            'Search with words, e.g. os1 memory search "birthday party".',
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
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.memory_fts_vocab USING fts5vocab(main, memory_fts, 'row')")
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


@dataclass(frozen=True)
class Weights:
    """How the features of a candidate add up to its score (tuned in bench/memory_recall.py --tune)."""

    meaning: float = 0.6  # cosine similarity
    words: float = 0.4  # BM25 over the best candidate's BM25
    minmax: bool = False  # True: min-max over the candidates (lost in cross-validation, see docs)
    context_meaning: float = 0.0  # share of meaning taken from the turn it answers, when that is higher
    context_words: float = 0.5  # BM25 of the words of the turn it answers, against the turn's own
    bridge: float = 0.15  # shares a name with the best hits (over the best such BM25); see docs
    named_speaker: float = 0.15  # said by a speaker the question names
    window: float = 0.3  # inside a window of a day or a week the question names
    wide_window: float = 0.3  # inside a named month or year ("in July"); softer values lost in CV
    near_window: float = 0.1  # within a day of the window
    role: float = 0.08  # the person (or the companion) said it, and the question asks what they said
    fact: float = 0.12  # behind a current fact the question touches
    old_fact: float = -0.05  # behind a replaced fact (+0.06 when the question asks about the past)
    importance: float = 0.06
    recency: float = 0.04


@dataclass
class Gathered:
    """The candidates of one query with what `rank` needs to score them."""

    query: str
    now: datetime
    candidates: list[_Candidate]
    window: TimeWindow | None
    who: str | None
    speakers: set[str]
    expansion: Expansion
    past: bool
    asks_when: bool


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    k: int = 10,
    at: datetime | None = None,
    speaker: str | None = None,
    embed_pending: bool = True,
    weights: Weights | None = None,
) -> list[Hit]:
    """The `k` turns that best answer `query`, as it would be asked at `at` (default: now).

    Args:
        speaker: prefer turns by this role ('person' or 'companion'); guessed from the query when None.
        embed_pending: embed turns still waiting for a vector first (up to EMBED_BEFORE_SEARCH).
        weights: how features add up (default: the tuned `Weights()`).
    Raises:
        UserInputError: the query is empty.
    """
    return rank(gather(conn, query, at=at, speaker=speaker, embed_pending=embed_pending), weights, k=k)


def named_speakers(conn: sqlite3.Connection, text: str) -> tuple[set[str], list[str]]:
    """Speakers the query names ("what did Dana say", "Dana's trip"), and the words that named them.

    A name is matched on any of its words of three letters or more, whole word, any case; role words
    ("user", "assistant") and the stop words never count as names.
    """
    words = {w.lower().removesuffix("'s").removesuffix("’s") for w in re.findall(r"[\w'’]+", text)}
    from os1.memory.importer import COMPANION_WORDS, PERSON_WORDS

    found: set[str] = set()
    used: list[str] = []
    for (name,) in conn.execute("SELECT name FROM memory_speakers ORDER BY turns DESC LIMIT 200"):
        if name.lower() in PERSON_WORDS or name.lower() in COMPANION_WORDS:
            continue
        parts = [p for p in re.findall(r"\w+", name.lower()) if len(p) >= 3 and p not in STOPWORDS]
        hit = [p for p in parts if p in words]
        if hit:
            found.add(name)
            used += hit
    return found, used


def gather(
    conn: sqlite3.Connection,
    query: str,
    *,
    at: datetime | None = None,
    speaker: str | None = None,
    embed_pending: bool = True,
) -> Gathered:
    """Every candidate for `query` (words, meaning, named speaker, time window) with its features."""
    from os1.memory.vectors import embed_query, exact_similarities, index_pending, vector_index

    text = clean_query(query)
    now = at or utcnow()
    if embed_pending:
        index_pending(conn, limit=EMBED_BEFORE_SEARCH, busy_timeout_ms=BUSY_SKIP_MS)
    window = query_window(text, now)
    who = speaker or asks_about(text)
    expansion = expand_query(conn, text)
    match_text = text.replace(window.phrase, " ") if window else text
    speakers, name_words = named_speakers(conn, match_text)
    terms = [t for t in query_terms(match_text) if t not in name_words]
    expanded_terms = terms + [t for t in query_terms(" ".join(expansion.terms)) if t not in terms]
    # The name stays in the text embedded: vectors are made from "Speaker: text" too.
    qvec = embed_query(" ".join([match_text, *expansion.terms]))

    candidates: dict[int, _Candidate] = {}
    rare, common = split_by_frequency(conn, expanded_terms)
    if rare:
        _add_words(conn, candidates, _fts_expression(rare))
    elif common:
        # Only very common words: rank their most recent matches rather than every one of them.
        _add_words(conn, candidates, _fts_expression(common), recent=COMMON_SCAN)
    ann = vector_index(conn)
    _add_vectors(conn, candidates, ann.search(qvec, POOL))
    if speakers:
        _add_speaker(conn, candidates, speakers, rare or common, lambda: ann.search(qvec, SPEAKER_ANN))
    if window:
        _add_window(conn, candidates, window, now, rare, lambda: ann.search(qvec, WINDOW_ANN))
    cutoff = to_iso(now)
    if candidates:
        _load_rows(conn, candidates)
        before = _previous_turns(conn, list(candidates))
        sims = exact_similarities(conn, qvec, list({*candidates, *before.values()}))
        for cand in candidates.values():
            cand.cos = sims.get(cand.rowid, 0.0)
            cand.context_cos = sims.get(before.get(cand.rowid, -1), 0.0)
    gathered = Gathered(
        text,
        now,
        _live(candidates, cutoff),
        window,
        who,
        speakers,
        expansion,
        _asks_past(text),
        bool(_ASKS_WHEN.match(text)),
    )
    _bridge(conn, gathered, candidates, qvec, cutoff)
    return gathered


def _live(candidates: dict[int, _Candidate], cutoff: str) -> list[_Candidate]:
    """Candidates that exist and were said by `cutoff` (memory holds no future), with their time."""
    live = [c for c in candidates.values() if c.row is not None and c.row["ts"] <= cutoff]
    for cand in live:
        cand.ts = from_iso(cand.row["ts"])  # type: ignore[index]
    return live


_BRIDGE_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]{2,}\b")


def bridge_names(conn: sqlite3.Connection, texts: list[str], query: str) -> list[str]:
    """Names in the best hits that the question does not use: the link to a second turn (multi-hop).

    "Which city is Dana flying to?" finds "I'm flying out to see Greta"; "Greta" then finds "My
    cousin Greta lives in Edinburgh". Speakers, months and weekdays are not links.
    """
    from os1.memory.timeparse import MONTHS, WEEKDAYS

    asked = {w.lower() for w in re.findall(r"\w+", query)}
    speakers = {n.lower() for (n,) in conn.execute("SELECT name FROM memory_speakers LIMIT 200")}
    names: list[str] = []
    for text in texts:
        for name in _BRIDGE_NAME.findall(text):
            low = name.lower()
            if low in asked or low in STOPWORDS or low in speakers or low in MONTHS or low in WEEKDAYS:
                continue
            if low not in names:
                names.append(low)
    return names[:BRIDGE_NAMES]


def _bridge(conn: sqlite3.Connection, g: Gathered, candidates: dict[int, _Candidate], qvec: Any, cutoff: str) -> None:
    """Turns that share a name with the best few hits get the `bridge` feature (and join the pool)."""
    from os1.memory.vectors import exact_similarities

    top = rank(g, Weights(bridge=0.0), k=BRIDGE_FROM)
    names = bridge_names(conn, [h.text for h in top], " ".join([g.query, *g.expansion.terms]))
    if not names:
        return
    # The hits that gave the names are not linked to themselves: only the other turns that use them.
    sources = {c.rowid for c in g.candidates if c.row is not None and c.row["id"] in {h.id for h in top}}
    fresh: list[int] = []
    for rowid, score in conn.execute(
        "SELECT f.rowid, bm25(memory_fts) FROM memory_fts f JOIN turns t ON t.rowid = f.rowid "
        "WHERE memory_fts MATCH ? AND t.ts <= ? ORDER BY 2 LIMIT ?",
        (f"text : ({_fts_expression(names)})", cutoff, BRIDGE_POOL),
    ):
        if rowid in sources:
            continue
        if rowid not in candidates:
            candidates[rowid] = _Candidate(rowid)
            fresh.append(rowid)
        candidates[rowid].bridge = -float(score)
    if fresh:
        new = {r: candidates[r] for r in fresh}
        _load_rows(conn, new)
        before = _previous_turns(conn, fresh)
        sims = exact_similarities(conn, qvec, list({*fresh, *before.values()}))
        for cand in new.values():
            cand.cos = sims.get(cand.rowid, 0.0)
            cand.context_cos = sims.get(before.get(cand.rowid, -1), 0.0)
        g.candidates += _live(new, cutoff)


def _add_vectors(
    conn: sqlite3.Connection,
    candidates: dict[int, _Candidate],
    neighbours: list[tuple[int, float]],
    where: str = "",
    args: tuple[Any, ...] = (),
) -> None:
    """Turns of these nearest vectors join the pool (optionally only those matching `where`)."""
    vids = [vid for vid, _ in neighbours]
    if not vids:
        return
    marks = ",".join("?" * len(vids))
    for (rowid,) in conn.execute(
        f"SELECT t.rowid FROM memory_vectors v JOIN turns t ON t.id = v.turn_id WHERE v.vid IN ({marks}){where}",
        [*vids, *args],
    ):
        candidates.setdefault(rowid, _Candidate(rowid))


def _add_speaker(
    conn: sqlite3.Connection,
    candidates: dict[int, _Candidate],
    speakers: set[str],
    terms: list[str],
    nearest: Callable[[], list[tuple[int, float]]],
) -> None:
    """The named speakers' own best turns join the pool, by words and by meaning."""
    marks = ",".join("?" * len(speakers))
    _add_vectors(conn, candidates, nearest(), f" AND t.speaker IN ({marks})", tuple(speakers))
    if terms:
        _add_words(conn, candidates, _fts_expression(terms), speakers=speakers)


def _add_words(
    conn: sqlite3.Connection,
    candidates: dict[int, _Candidate],
    expression: str,
    *,
    speakers: set[str] | None = None,
    bounds: tuple[str, str] | None = None,
    recent: int | None = None,
) -> None:
    """The best BM25 matches join the pool: by their own words, and by the words of the turn they answer.

    `speakers` narrows it to their turns, `bounds` to a time window, `recent` to the most recent
    matches (queries of only very common words).
    """
    speakers = speakers or set()
    names = " OR ".join('"' + n.replace('"', '""') + '"' for n in sorted(speakers))
    within = f"speaker : ({names}) AND " if speakers else ""
    sources = (
        ("memory_fts", f"{within}text : ({expression})", "bm25"),
        ("memory_fts_context", f"context : ({expression})", "bm25_context"),
    )
    for table, match, attr in sources:
        joined = bool(bounds) or (within and table == "memory_fts_context")
        if joined:
            # Narrowed by the turn's time or speaker (the context index knows neither).
            where, args = [], [match]
            if bounds:
                where.append("t.ts >= ? AND t.ts < ?")
                args += bounds
            if within and table == "memory_fts_context":
                where.append(f"t.speaker IN ({','.join('?' * len(speakers))})")
                args += sorted(speakers)
            sql = (
                f"SELECT f.rowid, bm25({table}) FROM {table} f JOIN turns t ON t.rowid = f.rowid "
                f"WHERE {table} MATCH ? AND {' AND '.join(where)} ORDER BY 2 LIMIT ?"
            )
            params: tuple[Any, ...] = (*args, POOL)
        elif recent:
            sql = (
                f"SELECT rowid, r FROM (SELECT rowid, bm25({table}) AS r FROM {table} WHERE {table} MATCH ? "
                "ORDER BY rowid DESC LIMIT ?) ORDER BY r LIMIT ?"
            )
            params = (match, recent, POOL)
        else:
            sql = f"SELECT rowid, bm25({table}) FROM {table} WHERE {table} MATCH ? ORDER BY 2 LIMIT ?"
            params = (match, POOL)
        for rowid, score in conn.execute(sql, params):
            cand = candidates.setdefault(rowid, _Candidate(rowid))
            setattr(cand, attr, max(getattr(cand, attr), -float(score)))


def rank(gathered: Gathered, weights: Weights | None = None, *, k: int = 10) -> list[Hit]:
    """Score gathered candidates with `weights`; the best `k`, best first."""
    w = weights or Weights()
    cands = gathered.candidates
    if not cands:
        return []
    words = [c.bm25 + w.context_words * c.bm25_context for c in cands]
    best_bm25 = max(words, default=0.0) or 1.0
    best_bridge = max((c.bridge for c in cands), default=0.0) or 1.0
    low = min(c.cos for c in cands)
    spread = max(c.cos for c in cands) - low
    hits = []
    for cand, said in zip(cands, words, strict=True):
        if w.minmax and spread > 1e-9:
            meaning = (cand.cos - low) / spread
            context = max(0.0, (cand.context_cos - low) / spread)
        else:
            meaning, context = cand.cos, max(cand.context_cos, 0.0)
        # A reply's meaning is partly its question's: "Paddington 2." answers "favourite film?".
        meaning = max(meaning, w.context_meaning * context + (1 - w.context_meaning) * meaning)
        hit = _score(cand, meaning, said / best_bm25 if said > 0 else 0.0, gathered, w)
        if w.bridge and cand.bridge > 0:
            hit.score += w.bridge * cand.bridge / best_bridge
            hit.why.append("shares a name with the best matches")
        hits.append(hit)
    hits.sort(key=lambda h: h.score, reverse=True)
    for hit in hits[:RESCORE]:
        _weigh(hit, gathered.now, w)
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
        _add_vectors(conn, candidates, nearest(), " AND t.ts >= ? AND t.ts < ?", bounds)
    if terms:
        # Driven by the full-text matches, each checked against the window (a rowid-IN list would make
        # FTS5 look up every turn of the window one by one).
        _add_words(conn, candidates, _fts_expression(terms), bounds=bounds)


def _previous_turns(conn: sqlite3.Connection, rowids: list[int]) -> dict[int, int]:
    """The turn each of these answers: the one before it in its session (rowid -> rowid)."""
    out: dict[int, int] = {}
    for start in range(0, len(rowids), 900):
        chunk = rowids[start : start + 900]
        marks = ",".join("?" * len(chunk))
        for rowid, prev in conn.execute(
            f"""SELECT t.rowid, (SELECT p.rowid FROM turns p
                    WHERE p.session_id = t.session_id AND p.ts <= t.ts AND p.rowid != t.rowid
                      AND (p.ts < t.ts OR p.rowid < t.rowid)
                    ORDER BY p.ts DESC, p.rowid DESC LIMIT 1)
                FROM turns t WHERE t.rowid IN ({marks})""",
            chunk,
        ):
            if prev is not None:
                out[rowid] = prev
    return out


def _load_rows(conn: sqlite3.Connection, candidates: dict[int, _Candidate]) -> None:
    ids = list(candidates)
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        marks = ",".join("?" * len(chunk))
        for row in conn.execute(
            f"SELECT rowid AS rid, id, ts, speaker, role, text FROM turns WHERE rowid IN ({marks})", chunk
        ):
            candidates[row["rid"]].row = row


def _score(cand: _Candidate, meaning: float, words: float, g: Gathered, w: Weights) -> Hit:
    """Relevance plus what the question itself asks for: speaker, time, facts."""
    row, ts = cand.row, cand.ts
    assert row is not None and ts is not None
    score = w.meaning * meaning + w.words * words
    why = [f"meaning {cand.cos:.2f}", f"words {words:.2f}"]
    if row["speaker"] in g.speakers:
        score += w.named_speaker
        why.append(f"{row['speaker']} said it")
    window = g.window
    if window:
        wide = window.end - window.start > timedelta(days=8)
        if window.start <= ts < window.end:
            score += w.wide_window if wide else w.window
            why.append(f"said {window.phrase}")
        elif window.start - timedelta(days=1) <= ts < window.end + timedelta(days=1):
            score += w.near_window
            why.append(f"around {window.phrase}")
    if g.who and row["role"] == g.who:
        score += w.role
        why.append("you said it" if g.who == "person" else "I said it")
    if row["id"] in g.expansion.current_turns:
        score += w.fact
        why.append("states a fact you asked about")
    elif row["id"] in g.expansion.replaced_turns:
        score += 0.06 if g.past else w.old_fact
        why.append("an older version of a fact")
    if g.asks_when:
        why.append(f"on {ts.day} {ts:%b %Y}")  # "when did I...": the date is the answer
    return Hit(id=row["id"], text=row["text"], ts=ts, speaker=row["speaker"], role=row["role"], score=score, why=why)


def _weigh(hit: Hit, now: datetime, w: Weights) -> None:
    """Importance and recency: small nudges (together at most 0.1) among the best candidates."""
    hit.score += w.importance * importance(hit.text, hit.role)
    age_days = max((now - hit.ts).total_seconds() / 86400, 0.0)
    hit.score += w.recency * math.exp(-age_days / 90)


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
    if not re.search(r"\w", message):  # empty, or only emoji and symbols: nothing to look for
        return []
    exclude = exclude or set()
    gathered = gather(conn, message, at=now, embed_pending=True)
    hits = rank(gathered, k=k + len(exclude))
    # The cut-off is on the absolute scale (raw cosine): min-max scores always give the best
    # candidate full meaning, even when nothing remembered is about the message at all.
    absolute = {h.id: h.score for h in rank(gathered, Weights(minmax=False), k=len(gathered.candidates))}
    return [
        {
            "id": h.id,
            "text": h.text,
            "ts": to_iso(h.ts),
            "speaker": h.speaker,
            "role": h.role,
            "score": round(absolute[h.id], 4),
            "why": h.why,
        }
        for h in hits
        if h.id not in exclude and absolute[h.id] >= min_score
    ][:k]
