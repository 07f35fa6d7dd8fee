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
