"""Scoring `assess()` on a labelled JSONL set: recall on high+imminent, false positives on hard negatives.

What it holds: `load_set()`, `score()` and the `Scores` record, shared by the tests and bench/safety.py so
the thresholds the tests assert and the figures the bench prints are computed the same way.
What it leaves out: the sets themselves (tests/data/) and any timing (bench/safety.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from os1.safety.risk import LEVELS, Risk

# Categories whose messages must not raise an alarm: idiom, negation, quotation, everyday look-alikes.
HARD_NEGATIVE = frozenset({"idiom", "negation", "quote", "hard_negative"})
_RANK = {name: i for i, name in enumerate(LEVELS)}


@dataclass
class Scores:
    n: int = 0
    crisis_total: int = 0
    crisis_caught: int = 0
    hard_total: int = 0
    hard_alarm: int = 0  # predicted high or imminent
    hard_medium: int = 0  # predicted medium or above
    exact: int = 0
    kind_right: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.crisis_caught / self.crisis_total if self.crisis_total else 1.0

    @property
    def fp_rate(self) -> float:
        return self.hard_alarm / self.hard_total if self.hard_total else 0.0

    @property
    def fp_medium_rate(self) -> float:
        return self.hard_medium / self.hard_total if self.hard_total else 0.0

    def summary(self) -> dict[str, Any]:
        return {
            "messages": self.n,
            "recall_high_imminent": round(self.recall, 3),
            "crisis_messages": self.crisis_total,
            "false_positive_rate_hard_negatives": round(self.fp_rate, 3),
            "medium_or_above_on_hard_negatives": round(self.fp_medium_rate, 3),
            "hard_negatives": self.hard_total,
            "exact_level_accuracy": round(self.exact / self.n, 3) if self.n else 0.0,
        }


def load_set(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def score(rows: Sequence[dict[str, Any]], assess: Callable[[str, Sequence[str]], Risk]) -> Scores:
    out = Scores()
    for row in rows:
        risk = assess(row["text"], row.get("context", []))
        out.n += 1
        expected = _RANK[row["level"]]
        got = risk.rank
        out.exact += int(expected == got)
        out.kind_right += int(risk.kind == row.get("kind"))
        if expected >= _RANK["high"]:
            out.crisis_total += 1
            if got >= _RANK["high"]:
                out.crisis_caught += 1
            else:
                out.misses.append({**row, "got": risk.to_dict()})
        if row.get("category") in HARD_NEGATIVE and expected <= _RANK["low"]:
            out.hard_total += 1
            out.hard_alarm += int(got >= _RANK["high"])
            out.hard_medium += int(got >= _RANK["medium"])
            if got >= _RANK["medium"]:
                out.false_alarms.append({**row, "got": risk.to_dict()})
    return out


# --- leave-one-kind-out cross-validation -------------------------------------------------------------

CRISIS_GROUPS = ("means_stated", "preparation", "passive_burden", "self_harm", "other_at_risk", "direct")
NEGATIVE_GROUPS = ("hard_negative", "negation", "everyday", "distress")


@dataclass
class Featurised:
    """What the learned model and `combine` need for each row, computed once."""

    rows: list[dict[str, Any]]
    rules: list[Risk]
    readings: list[Any]  # os1.safety.reading.Reading | None (None: the gate let the message pass unparsed)
    vectors: Any  # np.ndarray (rows, 384 + side features)


def featurise(rows: Sequence[dict[str, Any]]) -> Featurised:
    """Rules, reading and model input for every row (embeddings in one batch)."""
    import numpy as np

    from os1.nlp.embeddings import get_embedder
    from os1.safety import model
    from os1.safety.reading import Reading
    from os1.safety.risk import _rules_assess, reading_of

    rules = [_rules_assess(r["text"], r.get("context", []))[0] for r in rows]
    readings = [reading_of(r["text"], force=ru.rank > 0) for r, ru in zip(rows, rules, strict=True)]
    embs = get_embedder().encode([r["text"] for r in rows])
    vecs = np.stack([model.vector(e, rd or Reading(), ru.level) for e, rd, ru in zip(embs, readings, rules,
                                                                                      strict=True)])
    return Featurised(list(rows), rules, readings, vecs)


def is_crisis_label(row: dict[str, Any]) -> int:
    return int(_RANK[row["level"]] >= _RANK["high"])


def fold_assess(f: Featurised, m: Any) -> list[Risk]:
    """`combine` for every row of `f` with the model `m` (the same decision `assess` makes)."""
    from os1.safety.risk import combine

    probs = m.probabilities(f.vectors)
    return [combine(ru, rd, float(p) if rd is not None else None)
            for ru, rd, p in zip(f.rules, f.readings, probs, strict=True)]


def leave_one_kind_out(f: Featurised) -> dict[str, dict[str, Any]]:
    """Train without each kind of wording in turn, test on that kind. Per kind: recall on high/imminent (crisis
    kinds) or the false-alarm rate, high or above (negative kinds)."""
    import numpy as np

    from os1.safety import model

    groups = np.asarray([r["category"] for r in f.rows])
    labels = np.asarray([is_crisis_label(r) for r in f.rows])
    out: dict[str, dict[str, Any]] = {}
    for group in (*CRISIS_GROUPS, *NEGATIVE_GROUPS):
        held = groups == group
        if not held.any():
            continue
        m = model.fit(f.vectors[~held], labels[~held])
        test = Featurised([r for r, h in zip(f.rows, held, strict=True) if h],
                          [x for x, h in zip(f.rules, held, strict=True) if h],
                          [x for x, h in zip(f.readings, held, strict=True) if h], f.vectors[held])
        risks = fold_assess(test, m)
        crisis = [rk.is_crisis for rk in risks]
        n = int(held.sum())
        if group in CRISIS_GROUPS:
            want = [bool(lbl) for lbl in labels[held]]
            caught = sum(c for c, w in zip(crisis, want, strict=True) if w)
            out[group] = {"n": n, "recall_high_imminent": round(caught / max(1, sum(want)), 3),
                          "misses": [r["text"] for r, c, w in zip(test.rows, crisis, want, strict=True) if w and not c]}
            if group == "other_at_risk":
                out[group]["kind_other_at_risk"] = round(
                    sum(rk.kind == "other_at_risk" for rk in risks) / n, 3)
        else:
            out[group] = {"n": n, "false_alarm_rate": round(sum(crisis) / n, 3),
                          "false_alarms": [r["text"] for r, c in zip(test.rows, crisis, strict=True) if c]}
    return out
