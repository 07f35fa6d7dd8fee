"""The risk classifier: nearest authored examples in MiniLM sentence-embedding space.

What it holds: `worth_asking()` (a cheap lexical gate, so most messages never reach the model),
`classify()` (mean similarity to the 3 nearest seeds of each label in `data/risk_seeds.tsv`, a floor and a margin)
and the seed loading. Rules in `os1.safety.risk` stay the backbone: this is asked only when they found
nothing decisive, and its answer can only raise a level — to medium, or to high when the message sits
close to several authored sentences of suicidal thinking.

What it leaves out: training of any kind (the seeds are authored by hand and versioned), and the
embedder itself (`os1.nlp.embeddings`). If the embedder cannot load, `classify()` returns None and the
rules' answer stands.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

K = 3  # neighbours averaged per label
# Calibrated on the seeds (leave-one-out) and the tuning set, never on the held-out set.
HIGH_FLOOR = 0.48  # mean similarity of the 3 nearest "high" seeds needed to call it high
HIGH_MARGIN = 0.08  # ...and how much closer it must be to them than to the 3 nearest "none" seeds
MEDIUM_FLOOR = 0.45
MEDIUM_MARGIN = 0.06

_GATE = re.compile(
    r"\b(die|dying|dead|death|gone|alive|live|living|burden|pain|hurt|disappear|exist|existing|point|hopeless|"
    r"give\s+up|giving\s+up|goodbye|wake\s+up|worth|any\s*more|nothing|nobody|no\s+one|escape|over|end|"
    r"funeral|forever|numb|broken|fading|future|let\s+go|relief|peace|rest|sea|ground|space)\b"
)
_FIRST = re.compile(r"\b(i|i'm|i've|i'd|i'll|me|my|myself)\b")


@dataclass(frozen=True)
class Verdict:
    level: str
    kind: str | None
    reason: str
    score: float


def worth_asking(normalised_text: str) -> bool:
    """Only first-person messages with distress or death vocabulary go to the classifier."""
    return bool(_FIRST.search(normalised_text) and _GATE.search(normalised_text))


class _Seeds:
    def __init__(self) -> None:
        self.labels: list[str] = []
        self.texts: list[str] = []
        self.matrix: Any = None


_seeds: _Seeds | None = None
_lock = threading.Lock()
_failed = False


def load_seeds() -> list[tuple[str, str]]:
    """(label, text) pairs from the packaged seed file."""
    raw = (resources.files("os1.safety") / "data" / "risk_seeds.tsv").read_text(encoding="utf-8")
    pairs: list[tuple[str, str]] = []
    for line in raw.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, _, text = line.partition("\t")
        pairs.append((label.strip(), text.strip()))
    return pairs


def _get() -> _Seeds | None:
    global _seeds, _failed
    if _seeds is not None or _failed:
        return _seeds
    with _lock:
        if _seeds is None and not _failed:
            try:
                from os1.nlp.embeddings import get_embedder

                pairs = load_seeds()
                seeds = _Seeds()
                seeds.labels = [p[0] for p in pairs]
                seeds.texts = [p[1] for p in pairs]
                seeds.matrix = get_embedder().encode(seeds.texts)
                _seeds = seeds
            except Exception:  # the model package is missing or broken: rules alone still protect
                _failed = True
    return _seeds


def warm_up() -> bool:
    """Load the embedder and the seed vectors now (about half a second); True if available."""
    return _get() is not None


def classify(text: str) -> Verdict | None:
    """The nearest-seed verdict for `text`, or None when the classifier is unavailable or unsure."""
    seeds = _get()
    if seeds is None:
        return None
    from os1.nlp.embeddings import get_embedder

    vec: np.ndarray = get_embedder().encode([text])[0]
    sims = seeds.matrix @ vec
    by_label = {lab: _top_mean(sims, seeds.labels, lab) for lab in ("high", "medium", "none")}
    crisis = by_label["high"]
    margin = crisis - by_label["none"]
    if crisis >= HIGH_FLOOR and margin >= HIGH_MARGIN:
        return Verdict("high", "suicide_self_harm", "sounds close to how people describe wanting to die", crisis)
    worry = max(crisis, by_label["medium"])
    if worry >= MEDIUM_FLOOR and worry - by_label["none"] >= MEDIUM_MARGIN:
        return Verdict("medium", "suicide_self_harm", "sounds hopeless", worry)
    return None


def _top_mean(sims: np.ndarray, labels: list[str], label: str, k: int = K) -> float:
    """Mean similarity of the `k` nearest seeds with `label` (0 when there are none)."""
    picked = sorted((float(sims[i]) for i, lab in enumerate(labels) if lab == label), reverse=True)[:k]
    return sum(picked) / len(picked) if picked else 0.0
